"""armskg: news about arms deals between states, as an RDF knowledge graph.

The library the ``kg`` command is built on. Each stage is a function:

>>> import kg
>>> ex = kg.extract(kg.Article("a", "example", "La Russie a livré des S-400 à la Turquie en 2019."))
>>> [f.core for f in ex.facts if isinstance(f, kg.Deal)]
[('RUS', 'TUR', 'S-400')]

Most names are imported lazily. ``extract`` and ``export`` are imported at once:
they share their names with the subpackages ``kg.extract`` and ``kg.export``,
whose first import would otherwise put the module where the function belongs.
"""

from __future__ import annotations

from importlib import import_module

from kg.export import export as export
from kg.extract import extract as extract

__version__ = "0.1.0"

_EXPORTS = {
    "Article": "kg.facts",
    "Deal": "kg.facts",
    "Agreement": "kg.facts",
    "Sanction": "kg.facts",
    "Leader": "kg.facts",
    "Official": "kg.facts",
    "Member": "kg.facts",
    "Maker": "kg.facts",
    "Ref": "kg.facts",
    "Extraction": "kg.facts",
    "to_graph": "kg.mapping",
    "open_store": "kg.store",
    "ingest_article": "kg.ingest",
    "ingest_paths": "kg.ingest",
    "load_articles": "kg.loaders",
    "stats": "kg.stats",
    "validate": "kg.validate",
    "evaluate": "kg.evaluate",
    "explain": "kg.explain",
    "get_query": "kg.queries",
    "list_queries": "kg.queries",
    "project": "kg.analysis",
    "render_html": "kg.render",
    "import_sipri": "kg.sipri",
    "Results": "kg.results",
    "chart": "kg.charts",
    "chart_data": "kg.charts",
    "run_query": "kg.queries",
}

__all__ = sorted([*_EXPORTS, "export", "extract"])


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    return getattr(import_module(module), name)
