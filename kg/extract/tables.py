"""Read the reference tables in ``kg/data/*.tsv``.

Format: UTF-8, tab-separated; leading ``#`` lines say where the data came
from; then a header line; then one row per record; ``|`` separates several
values in one cell.

>>> rows = read_table("countries.tsv")
>>> any(r["iso3"] == "TUR" for r in rows)
True
"""

from __future__ import annotations

from functools import cache

from kg.resources import DATA_DIR


def split_cell(value: str) -> tuple[str, ...]:
    """The ``|``-separated values of a cell, trimmed, empty ones dropped."""
    return tuple(v.strip() for v in value.split("|") if v.strip())


@cache
def read_table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``kg/data/NAME`` as dicts keyed by the header's column names."""
    path = DATA_DIR / name
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cells = [c.strip() for c in line.split("\t")]
            if header is None:
                header = cells
                continue
            if len(cells) < len(header):
                cells += [""] * (len(header) - len(cells))
            elif len(cells) > len(header):
                raise ValueError(f"{path}:{number}: {len(cells)} cells for {len(header)} columns")
            rows.append(dict(zip(header, cells)))
    return tuple(rows)
