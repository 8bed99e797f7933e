"""The embedded store: Oxigraph (RocksDB) in a folder, or in memory for ``":memory:"``.

>>> store = EmbeddedStore(":memory:")
>>> from rdflib import Graph, URIRef, Literal
>>> g = Graph(); _ = g.add((URIRef("http://ex/s"), URIRef("http://ex/p"), Literal("o")))
>>> store.replace_graph("http://ex/g", g)
>>> store.query("SELECT ?o WHERE { ?s ?p ?o }").values("o")
['o']
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

import kg.store.labelindex as labelindex
from kg.mapping import LABELS_GRAPH, PREFIXES
from kg.results import Results
from kg.store.base import (
    EXPORT_PREFIXES,
    RDF_FORMATS,
    QueryError,
    Store,
    StoreError,
    _syntax_message,
    bind_values,
    names_dataset,
    ntriples,
    shard_commit,
    shard_prepare,
    split_hashes,
)
from kg.store.locking import StoreBusy, StoreLock

__all__ = ["EmbeddedStore", "from_ox", "results_from_ox", "to_ox"]


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

        The lock is held only while opening (:mod:`kg.store.locking`): the handle keeps
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
        """Write RocksDB's memory buffers to disk: without it, memory grew by about 145 MB per 1,000 articles
        written one update each (1.87 GB for 20,000, BENCHMARKS.md)."""
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
