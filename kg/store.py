"""The graph store: an embedded on-disk Oxigraph store, or a remote SPARQL 1.1 server.

Every command goes through :func:`open_store`. The embedded store lives in a
folder (default ``~/.local/share/armskg/store``, or ``$KG_STORE``, or
``--store PATH``); a location starting with ``http://`` or ``https://`` is a
SPARQL server (:mod:`kg.remote`).

Queries see the union of all graphs as their default graph (the article graphs,
the SIPRI graph and the label index), so users need no ``GRAPH`` clause; a query
that names its dataset with ``FROM`` or ``FROM NAMED`` gets exactly that
dataset instead. Each article is one named graph; :meth:`Store.replace_graph`
swaps it in one transaction.

>>> store = open_store(":memory:", write=True)
>>> from rdflib import Graph, URIRef, Literal
>>> g = Graph(); _ = g.add((URIRef("http://ex/s"), URIRef("http://ex/p"), Literal("o")))
>>> store.replace_graph("http://ex/g", g)
>>> store.query("SELECT ?o WHERE { ?s ?p ?o }").values("o")
['o']
"""

from __future__ import annotations

import os
import re
from abc import ABC, abstractmethod
from collections.abc import Mapping
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg import labelindex
from kg.locking import StoreBusy, StoreLock
from kg.mapping import LABELS_GRAPH, PREFIXES
from kg.results import Results

__all__ = [
    "EmbeddedStore",
    "QueryError",
    "RDF_FORMATS",
    "Store",
    "StoreBusy",
    "StoreError",
    "default_store_location",
    "open_store",
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


def default_store_location() -> str:
    """``$KG_STORE``, else ``$XDG_DATA_HOME/armskg/store`` (``~/.local/share/armskg/store``)."""
    env = os.environ.get("KG_STORE")
    if env:
        return env
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return str(Path(base) / "armskg" / "store")


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

    def optimize(self) -> None:
        """Reorganise storage for reading after a bulk write (an import); a server manages its own."""

    def rebuild_label_index(self) -> None:
        """Index the labels of every graph afresh (:mod:`kg.labelindex`), after writes that bypassed
        :meth:`replace_graph` and :meth:`drop_graph`: bulk loads, raw SPARQL updates."""
        self.update(labelindex.REBUILD)

    def count(self) -> int:
        """How many triples the union of the graphs holds (the label index, a copy, left out)."""
        rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        copies = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{LABELS_GRAPH}> {{ ?s ?p ?o }} }}")
        return int(rows.values("n")[0]) - int(copies.values("n")[0])


# ----------------------------------------------------------- term conversion

def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot convert {term!r}")


def from_ox(term: object) -> Node | None:
    """A pyoxigraph term as an rdflib term."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"cannot convert {term!r}")


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


# ------------------------------------------------------------- embedded store

class EmbeddedStore(Store):
    """An Oxigraph (RocksDB) store in a folder, or in memory for ``":memory:"``."""

    def __init__(self, location: str | Path, *, write: bool = False, wait: float = 0.0) -> None:
        self.location = str(location)
        self.write = write
        self._lock: StoreLock | None = None
        self._wait = max(wait, 60.0)  # how long a reader waits for a writer to finish before opening
        if self.location == ":memory:":
            self._store = ox.Store()
            return
        path = Path(location)
        if path.exists() and not path.is_dir():
            raise StoreError(f"store path {path} is a file, not a folder; choose another --store")
        if write:
            try:
                path.mkdir(parents=True, exist_ok=True)
                self._lock = StoreLock(path, exclusive=True, wait=wait).acquire()
            except PermissionError:
                raise StoreError(f"store {path} is read-only; choose a writable --store") from None
            except OSError as e:
                raise StoreError(f"cannot create store {path}: {e.strerror or e}") from None
            self._store = self._open(lambda: ox.Store(str(path)))
            if self._store.query(labelindex.MISSING):  # a store written by a version without the index
                self.rebuild_label_index()
        elif not path.exists():
            raise StoreError(f"no store at {path}; give the folder of an existing store with --store or "
                             "KG_STORE, or create one with kg ingest")
        elif not (path / "CURRENT").exists():
            self._store = ox.Store()  # an empty folder: nothing ingested yet
        else:
            self._store = self._snapshot()

    def _snapshot(self) -> ox.Store:
        """A read-only handle on the store as it is now, opened under the shared lock.

        The lock is held only while opening (:mod:`kg.locking`): the handle keeps
        reading the files it opened even after a writer replaces them, so a query
        needs no lock and a writer never waits for it.
        """
        with StoreLock(Path(self.location), exclusive=False, wait=self._wait):
            return self._open(lambda: ox.Store.read_only(self.location))

    def _open(self, opener):
        try:
            return opener()
        except OSError as e:
            self.close()
            message = str(e).splitlines()[0] if str(e) else type(e).__name__
            if "lock" in message.lower():
                raise StoreBusy(f"the store {self.location} is in use by another process") from None
            raise StoreError(f"cannot open store {self.location}: {message}") from None

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying :class:`pyoxigraph.Store` (for bulk loads and benchmarks)."""
        return self._store

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Results:
        return self._read(lambda: results_from_ox(
            self._store.query(bind_values(sparql, bindings), use_default_graph_as_union=not names_dataset(sparql))))

    def _read(self, run):
        """Run a read, with one-line errors; a snapshot whose files a writer removed is opened afresh once."""
        for attempt in (1, 2):
            try:
                return run()
            except SyntaxError as e:
                raise QueryError(_syntax_message(e)) from None
            except (OSError, ValueError) as e:
                if attempt == 1 and self._stale(e):
                    self._store = self._snapshot()
                    continue
                raise QueryError(f"query failed: {e}") from None
        raise AssertionError("unreachable")

    def _stale(self, error: Exception) -> bool:
        """Whether a read failed because a writer removed a file this read-only snapshot had not opened."""
        return (not self.write and self.location != ":memory:" and isinstance(error, OSError)
                and "no such file" in str(error).lower())

    def select_strings(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> list[tuple[str | None, ...]]:
        return self._read(lambda: [
            tuple(None if term is None else term.value for term in solution)
            for solution in self._store.query(bind_values(sparql, bindings),
                                              use_default_graph_as_union=not names_dataset(sparql))])

    def update(self, sparql: str) -> None:
        self._require_write()
        try:
            self._store.update(sparql)
        except SyntaxError as e:
            raise QueryError(_syntax_message(e)) from None
        except (OSError, ValueError) as e:
            raise QueryError(f"update failed: {e}") from None

    def _require_write(self) -> None:
        if not self.write and self.location != ":memory:":
            raise StoreError("the store was opened read-only")

    def replace_graph(self, graph_iri: str, graph: Graph) -> None:
        self.replace_graph_ntriples(graph_iri, ntriples(graph))

    def replace_graph_ntriples(self, graph_iri: str, body: str) -> None:
        self._require_write()
        self._store.update(f"{labelindex.unindex(graph_iri)} ;\nDROP SILENT GRAPH <{graph_iri}> ;\n"
                           f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{body}\n}} }} ;\n{labelindex.index(graph_iri)}")

    def load_graph(self, graph_iri: str, data: bytes | str, fmt: ox.RdfFormat = ox.RdfFormat.N_TRIPLES) -> None:
        """Replace a (large) named graph with serialized RDF: drop, load, then index its labels."""
        self._require_write()
        self.drop_graph(graph_iri)
        self._store.load(data, format=fmt, to_graph=ox.NamedNode(graph_iri))
        self._store.update(labelindex.index(graph_iri))

    def drop_graph(self, graph_iri: str) -> None:
        self._require_write()
        self._store.update(f"{labelindex.unindex(graph_iri)} ;\nDROP SILENT GRAPH <{graph_iri}>")

    def load_shard(self, nquads: bytes, hashes: Mapping[str, str]) -> int:
        """Replace the graphs ``hashes`` names (IRI -> content hash) with a shard's N-Quads; how many triples.

        One update drops the graphs, the bulk loader writes their triples,
        then one update records their content hashes and indexes their
        labels: the hashes, which make a rerun skip an article, are written
        only once its graph is complete.
        """
        self._require_write()
        body = split_hashes(nquads, hashes)
        self._store.update(shard_prepare(list(hashes)))
        try:
            self._store.bulk_load(body, format=ox.RdfFormat.N_QUADS)
        except SyntaxError as e:
            raise StoreError(f"malformed shard: {e}") from None
        self._store.update(shard_commit(hashes))
        return body.count(b"\n") + len(hashes)

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs()
                      if isinstance(g, ox.NamedNode) and g.value != str(LABELS_GRAPH))

    def export(self, out: IO[bytes], fmt: str = "turtle") -> None:
        ox_format, keeps_graphs, _ = RDF_FORMATS[fmt]
        index = ox.NamedNode(str(LABELS_GRAPH))
        if keeps_graphs:  # the graphs as they are, without the label index (derived from them)
            quads = (q for q in self._store.quads_for_pattern(None, None, None) if q.graph_name != index)
            ox.serialize(quads, out, format=ox_format, prefixes=EXPORT_PREFIXES if fmt == "trig" else None)
            return
        triples = self._store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                                    f"FILTER(?g != {index}) }}")
        prefixes = EXPORT_PREFIXES if fmt == "turtle" else None
        ox.serialize(triples, out, format=ox_format, prefixes=prefixes)

    def flush(self) -> None:
        if self.write:
            self._store.flush()

    def optimize(self) -> None:
        """Compact the on-disk store, as pyoxigraph advises after a batch upload.

        A bulk write leaves many overlapping RocksDB files, and each lookup then reads several:
        compacting them made every-deal joins 3.5x faster on 5M triples (BENCHMARKS.md).
        """
        self._require_write()
        try:
            self._store.optimize()
        except OSError as e:
            raise StoreError(f"cannot optimize store {self.location}: {e}") from None

    def close(self) -> None:
        if getattr(self, "_store", None) is not None and self.write:
            try:
                self._store.flush()
            except OSError:
                pass
        self._store = None  # type: ignore[assignment]
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def results_from_ox(answer: object) -> Results:
    """Convert pyoxigraph query results (SELECT, ASK, CONSTRUCT) to :class:`Results`."""
    if isinstance(answer, ox.QueryBoolean):
        return Results([], boolean=bool(answer))
    if isinstance(answer, ox.QueryTriples):
        g = Graph()
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns)
        for t in answer:
            g.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
        return Results([], graph=g)
    variables = [v.value for v in answer.variables]
    # long listings repeat the same names, statuses and years: convert each distinct term once
    seen: dict[object, Node | None] = {None: None}

    def convert(term: object) -> Node | None:
        node = seen.get(term)
        if node is None and term is not None:
            node = seen[term] = from_ox(term)
        return node

    rows = [dict(zip(variables, map(convert, solution))) for solution in answer]
    return Results(variables, rows)


def open_store(location: str | Path | None = None, *, write: bool = False, wait: float = 0.0) -> Store:
    """Open the store at ``location`` (default :func:`default_store_location`).

    ``write=True`` takes the store's single writer lock; a second writer gets
    :class:`StoreBusy` after ``wait`` seconds. URLs open a :class:`kg.remote.RemoteStore`.
    """
    where = str(location) if location is not None else default_store_location()
    if where.startswith(("http://", "https://")):
        from kg.remote import RemoteStore

        return RemoteStore(where)
    return EmbeddedStore(where, write=write, wait=wait)
