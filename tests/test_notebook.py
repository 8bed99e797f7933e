"""The example notebook runs top to bottom (nbclient, a real IPython kernel) and shows what it promises."""

from __future__ import annotations

from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "examples" / "tour.ipynb"

pytestmark = pytest.mark.slow


def test_example_notebook_runs_and_displays_tables_figures_and_the_page():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()  # raises CellExecutionError on the first failing cell
    outputs = [[o for o in cell.get("outputs", [])] for cell in nb.cells if cell.cell_type == "code"]
    assert not [o for cell in outputs for o in cell if o.output_type == "error"]
    data = [o.get("data", {}) for cell in outputs for o in cell if o.output_type in ("execute_result", "display_data")]
    assert "1 article" in "".join(o.get("text", "") for o in outputs[0])  # the ingest summary
    tables = [d["text/html"] for d in data if "text/html" in d and d["text/html"].startswith("<table>")]
    assert any("S-400" in t for t in tables)  # the deals query as a table
    assert any("Russia" in t and "510" in t for t in tables)  # tiv-exporters 2019-2022 (tests/test_charts.py)
    assert sum(1 for d in data if "image/png" in d) == 3  # three charts as figures
    frames = [d["text/html"] for d in data if "text/html" in d and d["text/html"].startswith("<iframe srcdoc=")]
    assert len(frames) == 1 and "vis.Network" in frames[0]
