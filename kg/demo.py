"""``kg demo``: the bundled sample article, end to end.

Ingests ``data/*.txt`` into a fresh store under ``exports/store``, writes
``exports/graph.ttl`` and ``exports/graph.html``, prints the counts and the
answers to three example questions.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from kg.export import export
from kg.ingest import ingest_paths
from kg.queries import get_query
from kg.resources import PACKAGE_DIR
from kg.results import format_rows
from kg.stats import format_stats, stats
from kg.store import open_store

QUESTIONS = (
    ("Who sells what to whom?", "deals"),
    ("Which sanctions, and why?", "sanctions"),
    ("Who leads whom?", "leaders"),
)


def sample_dir() -> Path:
    """The bundled sample articles: ``data/`` of a checkout, or ``kg/data/samples`` in a wheel."""
    for candidate in (PACKAGE_DIR.parent / "data", PACKAGE_DIR / "data" / "samples"):
        if any(candidate.glob("*.txt")):
            return candidate
    raise FileNotFoundError("the bundled sample articles (data/*.txt) are missing")


def run_demo(output_dir: Path = Path("exports"), echo: Callable[[str], None] = print) -> dict[str, Path]:
    """Run the demo; returns the paths it wrote."""
    output_dir = Path(output_dir)
    store_dir = output_dir / "store"
    if store_dir.exists():
        shutil.rmtree(store_dir)
    articles = sorted(sample_dir().glob("*.txt"))
    with open_store(store_dir, write=True) as store:
        report = ingest_paths(store, articles)
        echo(f"ingested {', '.join(a.name for a in articles)}: {report.summary()}")
        turtle = export(store, output_dir / "graph.ttl", "turtle")
        from kg.render import render_html

        html = render_html(store, output_dir / "graph.html")
        echo(f"wrote {turtle} and {html} (store: {store_dir})\n")
        echo(format_stats(stats(store)))
        for question, name in QUESTIONS:
            echo(f"{question}  (kg query {name})")
            echo(format_rows(store.query(get_query(name).text), "table"))
    return {"store": store_dir, "turtle": turtle, "html": html}
