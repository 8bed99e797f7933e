"""The graph store: an embedded on-disk Oxigraph store, or a remote SPARQL 1.1 server.

Every command goes through :func:`open_store`. The embedded store lives in a
folder (default ``~/.local/share/armskg/store``, or ``$KG_STORE``, or
``--store PATH``); a location starting with ``http://`` or ``https://`` is a
SPARQL server (:mod:`kg.store.remote`).

Queries see the union of all graphs as their default graph (the article graphs,
the SIPRI graph and the label index), so users need no ``GRAPH`` clause; a query
that names its dataset with ``FROM`` or ``FROM NAMED`` gets exactly that
dataset instead. Each article is one named graph; :meth:`Store.replace_graph`
swaps it in one transaction.

The package is the engine layer, one module per concern, and none of them
imports this one (no import cycle):

- :mod:`~kg.store.base`: the :class:`Store` interface, its errors, the SPARQL
  text helpers (binding, query forms, ``FROM``) and the shard-load updates;
- :mod:`~kg.store.embedded`: Oxigraph in a folder or in memory;
- :mod:`~kg.store.remote`: a SPARQL 1.1 server over HTTP;
- :mod:`~kg.store.labelindex`: the updates that keep the label index in step;
- :mod:`~kg.store.locking`: one writer, many readers;
- :mod:`~kg.store.serve` (``kg serve``), with :mod:`~kg.store.servepool` (its
  worker processes), :mod:`~kg.store.resultcap` (answers written row by row, up
  to the cap) and :mod:`~kg.store.sparqlscan` (the ``SERVICE`` calls it refuses).

Every name that ``kg.store`` held when it was one module is importable from here.

>>> store = open_store(":memory:", write=True)
>>> from rdflib import Graph, URIRef, Literal
>>> g = Graph(); _ = g.add((URIRef("http://ex/s"), URIRef("http://ex/p"), Literal("o")))
>>> store.replace_graph("http://ex/g", g)
>>> store.query("SELECT ?o WHERE { ?s ?p ?o }").values("o")
['o']
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.store.base import (
    EXPORT_PREFIXES,
    RDF_FORMATS,
    UPDATE_KEYWORDS,
    QueryError,
    Store,
    StoreError,
    bind_values,
    is_update,
    names_dataset,
    ntriples,
    returns_graph,
    shard_commit,
    shard_prepare,
    split_hashes,
    term_n3,
)
from kg.store.embedded import EmbeddedStore, from_ox, results_from_ox, to_ox
from kg.store.locking import StoreBusy

__all__ = [
    "EXPORT_PREFIXES",
    "EmbeddedStore",
    "QueryError",
    "RDF_FORMATS",
    "Store",
    "StoreBusy",
    "StoreError",
    "UPDATE_KEYWORDS",
    "bind_values",
    "default_store_location",
    "from_ox",
    "is_update",
    "names_dataset",
    "ntriples",
    "open_store",
    "results_from_ox",
    "returns_graph",
    "shard_commit",
    "shard_prepare",
    "split_hashes",
    "term_n3",
    "to_ox",
]


def default_store_location() -> str:
    """``$KG_STORE``, else ``$XDG_DATA_HOME/armskg/store`` (``~/.local/share/armskg/store``)."""
    env = os.environ.get("KG_STORE")
    if env:
        return env
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return str(Path(base) / "armskg" / "store")


def open_store(location: str | Path | None = None, *, write: bool = False, wait: float = 0.0) -> Store:
    """Open the store at ``location`` (default :func:`default_store_location`).

    ``write=True`` takes the store's single writer lock; a second writer gets
    :class:`StoreBusy` after ``wait`` seconds. URLs open a :class:`~kg.store.remote.RemoteStore`.
    """
    where = str(location) if location is not None else default_store_location()
    if where.startswith(("http://", "https://")):
        from kg.store.remote import RemoteStore  # imported when needed, as before the package existed

        return RemoteStore(where)
    return EmbeddedStore(where, write=write, wait=wait)
