"""Import RDF files (Turtle, TriG, N-Triples, N-Quads, RDF/XML, JSON-LD) into the store.

The file is parsed completely before anything is written, and written in one
SPARQL update (one transaction): a malformed file leaves the store unchanged.

>>> from kg.store import open_store
>>> store = open_store(":memory:", write=True)
>>> quads = parse_rdf(b'<http://ex/a> <http://ex/b> "c" .', "x.nt")
>>> import_quads(store, quads, graph="http://ex/g")
1
>>> store.graph_names()
['http://ex/g']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from kg import labelindex
from kg.loaders import LoadError, read_bytes
from kg.store import Store

#: Import formats by name; also guessed from the file suffix.
FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}


def rdf_format(path: Path, name: str | None = None) -> ox.RdfFormat:
    """The format to parse ``path`` with: ``name``, else its suffix.

    >>> rdf_format(Path("data.ttl")).name
    'Turtle'
    """
    if name:
        if name not in FORMATS:
            raise LoadError(f"unknown RDF format {name!r}; use one of {', '.join(FORMATS)}")
        return FORMATS[name]
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower()) if path.suffix else None
    if fmt is None:
        raise LoadError(f"{path}: cannot tell the RDF format from the suffix; give --format "
                        f"({', '.join(FORMATS)})")
    return fmt


def parse_rdf(data: bytes, name: str, fmt: ox.RdfFormat | None = None) -> list[ox.Quad]:
    """Parse a whole RDF document; a syntax error is a :class:`LoadError` with line and column."""
    fmt = fmt or rdf_format(Path(name))
    try:
        return list(ox.parse(data, format=fmt))
    except SyntaxError as e:
        if "LoadDocumentCallback" in str(e):  # a JSON-LD @context (or @import) given by URL
            raise LoadError(
                f"{name}: its JSON-LD @context is a remote document, and remote contexts are not fetched "
                "(no network request is made); put the context object itself in the file, in place of "
                "its URL: \"@context\": {...}"
            ) from None
        where = f"line {e.lineno}, column {e.offset}" if e.lineno else "somewhere"
        detail = str(e.msg if hasattr(e, "msg") else e).split(": ", 1)[-1]
        raise LoadError(f"{name}: malformed {fmt.name} at {where}: {detail}") from None
    except (ValueError, OSError) as e:
        raise LoadError(f"{name}: cannot parse as {fmt.name}: {str(e).splitlines()[0] if str(e) else e}") from None


def check_graph_iri(graph: str) -> str:
    """An absolute IRI for ``--graph``, else a :class:`LoadError`."""
    try:
        node = ox.NamedNode(graph)
    except ValueError:
        raise LoadError(f"--graph {graph!r} is not a valid IRI; give e.g. https://example.org/graph/1") from None
    if ":" not in node.value or any(c in node.value for c in ' <>"{}|^`\\'):
        raise LoadError(f"--graph {graph!r} is not an absolute IRI; give e.g. https://example.org/graph/1")
    return node.value


def import_quads(store: Store, quads: Sequence[ox.Quad], graph: str | None = None) -> int:
    """Write parsed quads in one update; with ``graph``, all triples replace that named graph."""
    groups: dict[str | None, list[str]] = defaultdict(list)
    for q in quads:
        name = graph if graph is not None else (
            None if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name))
        groups[name].append(f"{q.subject} {q.predicate} {q.object} .")
    parts = [f"{labelindex.unindex(graph)} ;\nDROP SILENT GRAPH <{graph}> ;"] if graph is not None else []
    body = []
    for name, triples in groups.items():
        text = "\n".join(triples)
        body.append(text if name is None else f"GRAPH {name if name.startswith(('<', '_:')) else f'<{name}>'} "
                    f"{{\n{text}\n}}")
    parts.append("INSERT DATA {\n" + "\n".join(body) + "\n}")
    # the new labels go to the label index in the same request (labels of the default graph included)
    parts += [f" ;\n{labelindex.index(None if name is None else name.strip('<>'))}"
              for name in groups if name is None or not name.startswith("_:")]
    store.update("\n".join(parts))
    return len(quads)


def import_rdf(store: Store, path: Path, fmt: str | None = None, graph: str | None = None,
               limit: int | None = None) -> int:
    """Parse ``path`` fully, then add its triples to the store in one transaction; how many."""
    path = Path(path)
    target = check_graph_iri(graph) if graph is not None else None
    rdf = rdf_format(path, fmt)
    quads = parse_rdf(read_bytes(path, limit), str(path), rdf)
    if not quads:
        raise LoadError(f"{path}: holds no triples")
    count = import_quads(store, quads, target)
    store.optimize()
    return count
