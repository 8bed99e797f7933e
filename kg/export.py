"""Write the store in the RDF formats other tools load (Protégé, GraphDB, Jena, rapper).

Triple formats (Turtle, N-Triples, RDF/XML) hold the union of the article
graphs; quad formats (TriG, N-Quads, JSON-LD) keep one graph per article.
Graph formats for Gephi (GraphML, GEXF) come from :mod:`kg.analysis`.

>>> format_for_path("graph.trig")
'trig'
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kg.store import RDF_FORMATS, Store

GRAPH_FORMATS = {"graphml": ".graphml", "gexf": ".gexf"}
EXPORT_FORMATS = tuple(RDF_FORMATS) + tuple(GRAPH_FORMATS)
DEFAULT_EXPORT = Path("exports") / "graph.ttl"

_ALIASES = {"ttl": "turtle", "nt": "ntriples", "nq": "nquads", "json-ld": "jsonld", "xml": "rdfxml", "rdf": "rdfxml"}


def format_for_path(path: str | Path) -> str:
    """Guess the export format from a file suffix (``.ttl`` -> ``turtle``)."""
    suffix = Path(path).suffix.lower()
    for name, (_, _, ext) in RDF_FORMATS.items():
        if ext == suffix:
            return name
    for name, ext in GRAPH_FORMATS.items():
        if ext == suffix:
            return name
    return _ALIASES.get(suffix.lstrip("."), "turtle")


def normalise_format(fmt: str) -> str:
    """Accept common spellings (``ttl``, ``nt``, ``json-ld``) of an export format."""
    fmt = _ALIASES.get(fmt.lower(), fmt.lower())
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    return fmt


def export(store: Store, path: str | Path = DEFAULT_EXPORT, fmt: str | None = None) -> Path:
    """Write the store to ``path`` (written to a temporary file, then renamed into place)."""
    target = Path(path)
    fmt = normalise_format(fmt or format_for_path(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".export-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            if fmt in GRAPH_FORMATS:
                from kg.analysis import write_graph

                write_graph(store, out, fmt)
            else:
                store.export(out, fmt)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes private files; an export is meant to be shared
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
