"""The store interface every engine implements, its errors, and the SPARQL text helpers they share.

:class:`Store` is what every command needs from a store, embedded
(:mod:`kg.store.embedded`) or remote (:mod:`kg.store.remote`); the helpers read
and bind SPARQL text (:func:`is_update`, :func:`names_dataset`,
:func:`bind_values`) and build the updates of a shard load.

>>> is_update("DROP ALL"), names_dataset("SELECT * FROM <http://ex/g> WHERE { ?s ?p ?o }")
(True, True)
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import IO

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

import kg.store.labelindex as labelindex
from kg.mapping import LABELS_GRAPH, PREFIXES
from kg.results import Results

__all__ = [
    "EXPORT_PREFIXES",
    "QueryError",
    "RDF_FORMATS",
    "Store",
    "StoreError",
    "UPDATE_KEYWORDS",
    "bind_values",
    "is_update",
    "names_dataset",
    "ntriples",
    "returns_graph",
    "shard_commit",
    "shard_prepare",
    "split_hashes",
    "term_n3",
]

#: Export formats: name -> (pyoxigraph format, keeps named graphs, file suffix).
RDF_FORMATS: dict[str, tuple[ox.RdfFormat, bool, str]] = {
    "turtle": (ox.RdfFormat.TURTLE, False, ".ttl"),
    "ntriples": (ox.RdfFormat.N_TRIPLES, False, ".nt"),
    "rdfxml": (ox.RdfFormat.RDF_XML, False, ".rdf"),
    "jsonld": (ox.RdfFormat.JSON_LD, True, ".jsonld"),
    "trig": (ox.RdfFormat.TRIG, True, ".trig"),
    "nquads": (ox.RdfFormat.N_QUADS, True, ".nq"),
}

#: Prefixes of Turtle and TriG exports: not ``id:``, whose local names hold slashes that Turtle must
#: escape (``id:country\/TUR``) and older parsers reject; those IRIs are written in full.
EXPORT_PREFIXES = {prefix: ns for prefix, ns in PREFIXES.items() if prefix != "id"}

UPDATE_KEYWORDS = re.compile(
    r"^\s*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE | re.MULTILINE
)


class StoreError(RuntimeError):
    """The store cannot be opened, read or written."""


class QueryError(StoreError):
    """A SPARQL query or update is malformed or was refused."""


#: IRIs, strings and comments, matched together so a ``#`` inside an IRI or a string is not a comment.
_SPARQL_SKIP = re.compile(
    r"""<[^<>"{}|^`\\\x00-\x20]*>|'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|"""
    r"""'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|\#[^\n]*"""
)
_PROLOGUE = re.compile(r"\s*(?:(?:PREFIX\s*[^\s:]*:\s*<>|BASE\s*<>)\s*)*", re.IGNORECASE)


def is_update(sparql: str) -> bool:
    r"""Whether a SPARQL text is an update (INSERT, DELETE, DROP, ...) rather than a query.

    The first keyword after the prologue (PREFIX and BASE declarations,
    comments) decides, as in the SPARQL grammar.

    >>> is_update("PREFIX akg: <https://w3id.org/armskg/ontology#>\n# note\nDELETE WHERE { ?s ?p ?o }")
    True
    >>> is_update("# DROP ALL\nSELECT * WHERE { ?s ?p '# INSERT' }")
    False
    """
    body = _SPARQL_SKIP.sub(lambda m: " " if m.group().startswith("#") else "<>", sparql)
    body = body[_PROLOGUE.match(body).end():]
    return bool(UPDATE_KEYWORDS.match(body))


_GRAPH_FORMS = re.compile(r"^\s*(CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def returns_graph(sparql: str) -> bool:
    r"""Whether a query answers with a graph (CONSTRUCT, DESCRIBE) rather than rows or a boolean.

    >>> returns_graph("PREFIX c: <http://ex/construct#> # SELECT\nconstruct { ?s ?p ?o } WHERE { ?s ?p ?o }")
    True
    """
    body = _SPARQL_SKIP.sub(lambda m: " " if m.group().startswith("#") else "<>", sparql)
    return bool(_GRAPH_FORMS.match(body[_PROLOGUE.match(body).end():]))


_DATASET_CLAUSE = re.compile(r"(?<![?$\w:])FROM\s+(?:NAMED\s+)?(?:<>|[A-Za-z_][\w.-]*:|:)", re.IGNORECASE)


def names_dataset(sparql: str) -> bool:
    """Whether a query names its dataset (``FROM`` or ``FROM NAMED``): then the union default graph is off.

    >>> names_dataset("SELECT ?o FROM <http://ex/g> WHERE { ?s ?p ?o }")
    True
    >>> names_dataset("SELECT ?from WHERE { ?s ?p 'FROM <x>' } # FROM <y>")
    False
    """
    body = _SPARQL_SKIP.sub(lambda m: " " if m.group().startswith("#") else "<>", sparql)
    return bool(_DATASET_CLAUSE.search(body))


class Store(ABC):
    """What every command needs from a store, local or remote."""

    location: str

    @abstractmethod
    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Results:
        """Run a SPARQL query over the union of all graphs (unless it names ``FROM`` / ``FROM NAMED``);
        values in ``bindings`` are bound."""

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL update."""

    @abstractmethod
    def replace_graph(self, graph_iri: str, graph: Graph) -> None:
        """Replace the named graph ``graph_iri`` with ``graph``, atomically."""

    @abstractmethod
    def drop_graph(self, graph_iri: str) -> None:
        """Remove a named graph."""

    def replace_graph_ntriples(self, graph_iri: str, body: str) -> None:
        """:meth:`replace_graph` with the graph as N-Triples text (what extraction workers send back)."""
        graph = Graph()
        graph.parse(data=body, format="nt")
        self.replace_graph(graph_iri, graph)

    @abstractmethod
    def graph_names(self) -> list[str]:
        """The IRIs of the named graphs."""

    @abstractmethod
    def export(self, out: IO[bytes], fmt: str = "turtle") -> None:
        """Write the store in an RDF format (:data:`RDF_FORMATS`); triple formats get the union."""

    def select_strings(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> list[tuple[str | None, ...]]:
        """A SELECT query's rows as the lexical values of their terms (``None`` where unbound).

        For lookups that compare names as text: the embedded store skips building rdflib terms.
        """
        answer = self.query(sparql, bindings)
        return [tuple(None if row.get(v) is None else str(row[v]) for v in answer.variables) for row in answer]

    def close(self) -> None:
        """Release the store (and its lock)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def flush(self) -> None:
        """Write what the store buffers in memory to disk (a server manages its own)."""

    def optimize(self) -> None:
        """Reorganise storage for reading after a bulk write (an import); a server manages its own."""

    def rebuild_label_index(self) -> None:
        """Index the labels of every graph afresh (:mod:`kg.store.labelindex`), after writes that bypassed
        :meth:`replace_graph` and :meth:`drop_graph`: bulk loads, raw SPARQL updates."""
        self.update(labelindex.REBUILD)

    def count(self) -> int:
        """How many triples the union of the graphs holds (the label index, a copy, left out)."""
        rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        copies = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{LABELS_GRAPH}> {{ ?s ?p ?o }} }}")
        return int(rows.values("n")[0]) - int(copies.values("n")[0])


_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_SUBQUERY_WHERE = re.compile(r"\bWHERE\s*\{(?=[ \t]*#[ \t]*params\b)", re.IGNORECASE)


def term_n3(term: Node) -> str:
    """A term in SPARQL syntax, refusing IRIs that could break out of ``<...>``."""
    if isinstance(term, URIRef):
        if _IRI_FORBIDDEN.search(str(term)):
            raise QueryError(f"not a valid IRI: {str(term)!r}")
        return f"<{term}>"
    if isinstance(term, Literal):
        return term.n3()
    raise QueryError(f"cannot bind {term!r}")


def bind_values(sparql: str, bindings: Mapping[str, Node] | None) -> str:
    """Bind variables by a ``VALUES`` block opening the WHERE clause.

    Values are serialized as RDF terms (escaped literals, checked IRIs), never
    pasted as text, so a value cannot change the query.

    >>> q = bind_values("SELECT ?x WHERE { ?x ?p ?o }", {"o": Literal('a" } DROP ALL')})
    >>> q.startswith('SELECT ?x WHERE { VALUES (?o) { ("a')
    True

    A subquery whose ``WHERE {`` is followed by the comment ``# params`` is bound too:

    >>> sub = "SELECT ?n WHERE { { SELECT (COUNT(*) AS ?n) WHERE {  # params" + chr(10) + "?x ?p ?o } } }"
    >>> bind_values(sub, {"o": Literal(1)}).count("VALUES (?o)")
    2
    """
    if not bindings:
        return sparql
    names = list(bindings)
    for name in names:
        if not _VAR.match(name):
            raise QueryError(f"not a variable name: {name!r}")
    block = "VALUES ({}) {{ ({}) }} ".format(
        " ".join("?" + n for n in names), " ".join(term_n3(bindings[n]) for n in names)
    )
    match = _WHERE.search(sparql)
    if match is None:
        match = re.search(r"\{", sparql)
        if match is None:
            raise QueryError("cannot bind parameters: the query has no WHERE clause")
    # A subquery sees none of the outer bindings: one that opens with "WHERE {  # params" gets them too.
    ends = sorted({match.end(), *(m.end() for m in _SUBQUERY_WHERE.finditer(sparql))}, reverse=True)
    for end in ends:
        sparql = sparql[:end] + " " + block + sparql[end:]
    return sparql


def _syntax_message(error: Exception) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return f"malformed SPARQL: {text}"


def ntriples(graph: Graph) -> str:
    """A graph as N-Triples text."""
    return graph.serialize(format="nt", encoding="utf-8").decode("utf-8")


# ------------------------------------------------- shards (kg load, kg.shards)

_HASH = "https://w3id.org/armskg/ontology#contentHash"


def split_hashes(nquads: bytes, hashes: Mapping[str, str]) -> bytes:
    """A shard's N-Quads without the content-hash triples of ``hashes`` (graph IRI -> hash).

    >>> split_hashes(b'<http://g> <https://w3id.org/armskg/ontology#contentHash> "h" <http://g> .\\n'
    ...              b'<http://s> <http://p> "o" <http://g> .\\n', {"http://g": "h"})
    b'<http://s> <http://p> "o" <http://g> .\\n'
    """
    drop = {f'<{g}> <{_HASH}> "{h}" <{g}> .'.encode() for g, h in hashes.items()}
    return b"".join(line for line in nquads.splitlines(keepends=True) if line.rstrip() not in drop)


def shard_prepare(graph_iris: list[str]) -> str:
    """The update run before a shard's graphs are bulk-loaded: take them out of the label index, drop them."""
    drops = " ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graph_iris)
    return f"{labelindex.unindex_many(graph_iris)} ;\n{drops}"


def shard_commit(hashes: Mapping[str, str]) -> str:
    """The update that completes a shard's load: its content hashes, and its labels indexed."""
    data = "\n".join(f'GRAPH <{g}> {{ <{g}> <{_HASH}> "{h}" }}' for g, h in hashes.items())
    return f"INSERT DATA {{\n{data}\n}} ;\n{labelindex.index_many(list(hashes))}"
