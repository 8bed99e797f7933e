"""Import RDF files (Turtle, TriG, N-Triples, N-Quads, RDF/XML, JSON-LD) into the store.

:func:`import_rdf` streams: a first pass reads the whole file through the
parser without keeping it (a malformed file is refused before anything is
written, so it leaves the store unchanged), then pyoxigraph's bulk loader
(or, for a server, Graph Store requests in batches) writes it, and the label
index is brought up to date. Memory stays bounded whatever the file's size,
and no size limit applies: the user chose the file (the limit is for
articles). :func:`parse_rdf` and :func:`import_quads` handle small documents
in memory, in one update.

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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.loaders import LoadError, open_error
from kg.store import Store, labelindex

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


@dataclass
class RdfCheck:
    """What the syntax pass of :func:`check_rdf` saw: how many triples, in which graphs."""

    triples: int = 0
    graphs: set[str] = field(default_factory=set)
    default_graph: bool = False
    #: Each blank node label -> the index of the last quad it is in (when asked for).
    blank_last: dict[str, int] = field(default_factory=dict)


def _syntax_error(name: str, fmt: ox.RdfFormat, e: SyntaxError) -> LoadError:
    if "LoadDocumentCallback" in str(e):  # a JSON-LD @context (or @import) given by URL
        return LoadError(
            f"{name}: its JSON-LD @context is a remote document, and remote contexts are not fetched "
            "(no network request is made); put the context object itself in the file, in place of "
            "its URL: \"@context\": {...}"
        )
    where = f"line {e.lineno}, column {e.offset}" if e.lineno else "somewhere"
    detail = str(e.msg if hasattr(e, "msg") else e).split(": ", 1)[-1]
    return LoadError(f"{name}: malformed {fmt.name} at {where}: {detail}")


def readable_file(path: Path) -> Path:
    """``path`` if it is a readable file, else a :class:`LoadError` naming the problem (no size limit)."""
    path = Path(path)
    if path.is_dir():
        raise LoadError(f"{path}: is a folder, not a file")
    try:
        with path.open("rb"):
            pass
    except OSError as e:
        raise open_error(path, e) from None
    return path


def _stream(path: Path, fmt: ox.RdfFormat) -> Iterator[ox.Quad]:
    """The quads of a file, parsed as they are read (pyoxigraph reads the file itself, in bounded memory)."""
    try:
        yield from ox.parse(path=str(path), format=fmt)
    except SyntaxError as e:
        raise _syntax_error(str(path), fmt, e) from None
    except (ValueError, OSError) as e:
        raise LoadError(f"{path}: cannot parse as {fmt.name}: {str(e).splitlines()[0] if str(e) else e}") from None


def check_rdf(path: Path, fmt: ox.RdfFormat, blank_nodes: bool = False) -> RdfCheck:
    """The syntax pass: parse the whole file, keep only counts and graph names (and with ``blank_nodes``,
    where each blank node is last seen); errors are :class:`LoadError`."""
    check = RdfCheck()
    default = ox.DefaultGraph()
    for index, quad in enumerate(_stream(readable_file(path), fmt)):
        check.triples += 1
        if blank_nodes:
            for term in (quad.subject, quad.object):
                if isinstance(term, ox.BlankNode):
                    check.blank_last[term.value] = index
        if quad.graph_name == default:
            check.default_graph = True
        elif isinstance(quad.graph_name, ox.NamedNode):
            check.graphs.add(quad.graph_name.value)
    return check


#: Quads per call of pyoxigraph's bulk loader. Given a whole file, its memory grows with the file (901 MB
#: for 1M triples, 1,436 MB for 2M); fed in pieces of this size it stayed under 400 MB for 2M (BENCHMARKS.md).
BULK_CHUNK = 250_000


def _chunks(quads: Iterator[ox.Quad], size: int) -> Iterator[list[ox.Quad]]:
    """Lists of at most ``size`` quads, read from ``quads`` as they come."""
    from itertools import islice

    while chunk := list(islice(quads, size)):
        yield chunk


#: Graphs whose labels are copied into the label index per update (memory holds one group's labels).
_INDEX_GRAPHS = 200


def _index_labels(store: Store, check: RdfCheck, target: str | None) -> None:
    """Bring the label index up to date with what was just loaded, a group of graphs at a time.

    Rebuilding it in one update held every label of the store in memory (1,033 MB for 2M triples
    of article graphs, against 408 MB for the bulk load itself).
    """
    if target is not None:
        store.update(labelindex.index(target))
        return
    graphs = sorted(check.graphs - {str(labelindex.LABELS_GRAPH)})
    for start in range(0, len(graphs), _INDEX_GRAPHS):
        store.update(labelindex.add_labels(graphs[start:start + _INDEX_GRAPHS]))
    if check.default_graph:
        store.update(labelindex.add_labels(None))
    store.update(labelindex.NAMES)


def import_rdf(store: Store, path: Path, fmt: str | None = None, graph: str | None = None,
               limit: int | None = None, on_checked: Callable[[int], None] | None = None) -> int:
    """Add the triples of ``path`` to the store, streaming; how many. ``limit`` is ignored (kept for callers).

    A syntax error is found by a first pass before anything is written; the
    second pass feeds the bulk loader :data:`BULK_CHUNK` quads at a time, so
    memory does not grow with the file. With
    ``graph``, every triple goes into that named graph, which it replaces.
    ``on_checked`` gets the triple count once the syntax pass is done.
    """
    del limit  # RDF files the user chose are not articles: no size limit
    path = Path(path)
    target = check_graph_iri(graph) if graph is not None else None
    rdf = rdf_format(path, fmt)
    from kg.store import EmbeddedStore

    embedded = isinstance(store, EmbeddedStore)
    check = check_rdf(path, rdf, blank_nodes=not embedded)  # a server needs each blank node's quads together
    if not check.triples:
        raise LoadError(f"{path}: holds no triples")
    if on_checked:
        on_checked(check.triples)
    if target is not None:
        store.drop_graph(target)
    if embedded:
        quads = _stream(path, rdf)
        if target is not None:
            name = ox.NamedNode(target)
            quads = (ox.Quad(q.subject, q.predicate, q.object, name) for q in quads)
        for chunk in _chunks(quads, BULK_CHUNK):
            store.oxigraph.bulk_extend(chunk)
    else:
        store.append_quads(_stream(path, rdf), target, check.blank_last)
    _index_labels(store, check, target)
    store.optimize()
    return check.triples
