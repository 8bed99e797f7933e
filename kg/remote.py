"""A SPARQL 1.1 server as the store: Query, Update and Graph Store protocols over HTTP.

``open_store("http://host:7878")`` returns a :class:`RemoteStore`. The endpoint
layout is read from the URL:

=====================================  ===================  =====================  ==========================
server (URL given)                     query                update                 graph store
=====================================  ===================  =====================  ==========================
Oxigraph ``http://host:7878``          ``/query``           ``/update``            ``/store``
Fuseki ``http://host:3030/DATASET``    ``/DATASET/query``   ``/DATASET/update``    ``/DATASET/data``
GraphDB ``http://host:7200/repositories/REPO``  the URL     ``/statements``        ``/rdf-graphs/service``
=====================================  ===================  =====================  ==========================

``KG_SPARQL_QUERY``, ``KG_SPARQL_UPDATE`` and ``KG_SPARQL_GSP`` override any of
the three.

The default graph must be the union of the named graphs (every armskg query
relies on it). Oxigraph is asked for it per query (``union-default-graph``
parameter). GraphDB's default graph already is the union of all graphs.
Fuseki needs its dataset configured with ``tdb2:unionDefaultGraph true``
(or started with ``fuseki-server --tdb2 --set tdb:unionDefaultGraph=true``).

Writes go through the Graph Store protocol: replacing a graph is one ``PUT``.
Large graphs (more than :data:`BATCH_BYTES` of N-Triples) are uploaded in
batches into a staging graph, then swapped in with one ``MOVE`` update, so
readers never see half a graph.

>>> endpoints("http://localhost:7878").query
'http://localhost:7878/query'
>>> endpoints("http://localhost:3030/arms").gsp
'http://localhost:3030/arms/data'
>>> endpoints("http://localhost:7200/repositories/arms").update
'http://localhost:7200/repositories/arms/statements'
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import IO

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg import labelindex
from kg.mapping import LABELS_GRAPH, PREFIXES
from kg.results import Results
from kg.store import (
    EmbeddedStore,
    QueryError,
    Store,
    StoreError,
    bind_values,
    ntriples,
    shard_commit,
    shard_prepare,
    split_hashes,
    term_n3,
)

__all__ = ["BATCH_BYTES", "Endpoints", "RemoteStore", "endpoints"]

#: Uploads larger than this many bytes of N-Triples are sent in batches of about this size.
BATCH_BYTES = 16 * 1024 * 1024
TIMEOUT = 600.0
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"


@dataclass(frozen=True)
class Endpoints:
    """Where to send queries, updates and Graph Store requests."""

    query: str
    update: str
    gsp: str
    union_param: bool = False  # add ``union-default-graph`` to queries (Oxigraph)


def endpoints(url: str) -> Endpoints:
    """The endpoints of the server at ``url`` (see the module docstring), env overrides applied."""
    parts = urllib.parse.urlsplit(url)
    path = parts.path.rstrip("/")
    root = urllib.parse.urlunsplit((parts.scheme, parts.netloc, "", "", ""))
    last = path.rsplit("/", 1)[-1]
    if last in ("query", "sparql"):  # the query endpoint itself was given
        path = path.rsplit("/", 1)[0]
    base = root + path
    if "/repositories/" in path:  # GraphDB / RDF4J
        found = Endpoints(base, base + "/statements", base + "/rdf-graphs/service")
    elif not path:  # Oxigraph
        found = Endpoints(base + "/query", base + "/update", base + "/store", union_param=True)
    else:  # Fuseki: a dataset
        found = Endpoints(base + "/" + (last if last in ("query", "sparql") else "query"), base + "/update",
                          base + "/data")
    env = os.environ
    return Endpoints(
        env.get("KG_SPARQL_QUERY") or found.query,
        env.get("KG_SPARQL_UPDATE") or found.update,
        env.get("KG_SPARQL_GSP") or found.gsp,
        found.union_param and not env.get("KG_SPARQL_QUERY"),
    )


def _first_line(body: bytes) -> str:
    text = body.decode("utf-8", "replace").strip()
    return " ".join(text.splitlines()[0].split())[:300] if text else ""


def _term(value: Mapping[str, str]) -> Node:
    kind = value.get("type")
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    lang = value.get("xml:lang")
    datatype = value.get("datatype")
    if lang:
        return Literal(value["value"], lang=lang)
    if datatype and datatype != _XSD_STRING:
        return Literal(value["value"], datatype=URIRef(datatype))
    return Literal(value["value"])


def results_from_json(data: Mapping) -> Results:
    """W3C SPARQL JSON results as :class:`Results`."""
    if "boolean" in data:
        return Results([], boolean=bool(data["boolean"]))
    variables = list(data.get("head", {}).get("vars", []))
    rows = [
        {v: (_term(b[v]) if v in b else None) for v in variables}
        for b in data.get("results", {}).get("bindings", [])
    ]
    return Results(variables, rows)


class RemoteStore(Store):
    """A SPARQL 1.1 server (Oxigraph, Fuseki, GraphDB, ...) reached over HTTP."""

    def __init__(self, url: str, *, timeout: float = TIMEOUT, batch_bytes: int = BATCH_BYTES) -> None:
        self.location = url
        self.endpoints = endpoints(url)
        self.timeout = timeout
        self.batch_bytes = batch_bytes

    # ------------------------------------------------------------- HTTP
    def _send(self, method: str, url: str, body: bytes | None = None, content_type: str | None = None,
              accept: str | None = None, what: str = "request") -> tuple[str, bytes]:
        headers = {}
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        request = urllib.request.Request(url, data=body, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as e:
            detail = _first_line(e.read())
            detail = f": {detail}" if detail else ""
            if e.code == 400 and what in ("query", "update"):
                raise QueryError(f"the SPARQL server refused the {what} (HTTP 400){detail}") from None
            if e.code == 404:
                raise StoreError(
                    f"{url} answered HTTP 404 Not Found; check the --store URL (Oxigraph: http://host:7878, "
                    "Fuseki: http://host:3030/DATASET, GraphDB: http://host:7200/repositories/REPO)"
                ) from None
            raise StoreError(f"the SPARQL server at {url} answered HTTP {e.code} {e.reason}{detail}") from None
        except urllib.error.URLError as e:
            reason = e.reason.strerror if isinstance(e.reason, OSError) and e.reason.strerror else e.reason
            raise StoreError(
                f"cannot reach the SPARQL server at {self.location}: {reason}; start it or fix --store"
            ) from None
        except TimeoutError:
            raise StoreError(f"the SPARQL server at {self.location} did not answer within {self.timeout:g} s") from None
        except OSError as e:
            raise StoreError(f"cannot talk to the SPARQL server at {self.location}: {e}") from None

    def _query_url(self) -> str:
        return self.endpoints.query + ("?union-default-graph" if self.endpoints.union_param else "")

    def _gsp_url(self, graph_iri: str) -> str:
        term_n3(URIRef(graph_iri))  # refuses IRIs with spaces, quotes or brackets
        return f"{self.endpoints.gsp}?graph={urllib.parse.quote(graph_iri, safe='')}"

    # ------------------------------------------------------------ Store
    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Results:
        text = bind_values(sparql, bindings)
        content_type, body = self._send("POST", self._query_url(), text.encode("utf-8"),
                                        "application/sparql-query; charset=utf-8", _ACCEPT, what="query")
        kind = content_type.split(";")[0].strip().lower()
        if kind in ("application/sparql-results+json", "application/json"):
            return results_from_json(json.loads(body.decode("utf-8")))
        if kind in ("application/n-triples", "text/plain", "text/turtle"):
            g = Graph()
            for prefix, ns in PREFIXES.items():
                g.bind(prefix, ns)
            g.parse(data=body.decode("utf-8"), format="nt" if kind != "text/turtle" else "turtle")
            return Results([], graph=g)
        raise StoreError(f"the SPARQL server at {self.location} answered in an unexpected format: {kind or 'none'}")

    def update(self, sparql: str) -> None:
        self._send("POST", self.endpoints.update, sparql.encode("utf-8"),
                   "application/sparql-update; charset=utf-8", what="update")

    def replace_graph(self, graph_iri: str, graph: Graph) -> None:
        self.load_graph(graph_iri, ntriples(graph))

    def replace_graph_ntriples(self, graph_iri: str, body: str) -> None:
        self.load_graph(graph_iri, body)

    def load_graph(self, graph_iri: str, data: bytes | str, fmt: ox.RdfFormat = ox.RdfFormat.N_TRIPLES) -> None:
        """Replace a named graph with serialized RDF; large N-Triples go up in batches, then one swap."""
        body = data.encode("utf-8") if isinstance(data, str) else data
        mime = fmt.media_type
        term_n3(URIRef(graph_iri))  # refuses an IRI that could break out of <...>
        self.update(labelindex.unindex(graph_iri))
        if len(body) <= self.batch_bytes or fmt != ox.RdfFormat.N_TRIPLES:
            self._send("PUT", self._gsp_url(graph_iri), body, mime, what="upload")
        else:
            staging = f"{graph_iri}#kg-staging"
            first = True
            for chunk in _line_chunks(body, self.batch_bytes):
                self._send("PUT" if first else "POST", self._gsp_url(staging), chunk, mime, what="upload")
                first = False
            self.update(f"MOVE SILENT GRAPH {term_n3(URIRef(staging))} TO {term_n3(URIRef(graph_iri))}")
        self.update(labelindex.index(graph_iri))

    def load_shard(self, nquads: bytes, hashes: Mapping[str, str]) -> int:
        """Replace the graphs ``hashes`` names with a shard's N-Quads: one update drops them, one Graph
        Store ``PUT`` per graph, then one update records their content hashes and indexes their labels."""
        for graph_iri in hashes:
            term_n3(URIRef(graph_iri))  # refuses an IRI that could break out of <...>
        body = split_hashes(nquads, hashes)
        self.update(shard_prepare(list(hashes)))
        graphs: dict[str, list[ox.Quad]] = {}
        try:
            for quad in ox.parse(body, format=ox.RdfFormat.N_QUADS):
                graphs.setdefault(str(quad.graph_name)[1:-1], []).append(quad)
        except SyntaxError as e:
            raise StoreError(f"malformed shard: {e}") from None
        count = 0
        for graph_iri, quads in graphs.items():
            data = ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in quads),
                                format=ox.RdfFormat.N_TRIPLES)
            self._send("PUT", self._gsp_url(graph_iri), data, "application/n-triples", what="upload")
            count += len(quads)
        self.update(shard_commit(hashes))
        return count + len(hashes)

    def append_quads(self, quads: Iterable[ox.Quad], graph_iri: str | None = None) -> int:
        """Add streamed quads to their graphs (all to ``graph_iri`` if given) with Graph Store ``POST``
        requests of about :attr:`batch_bytes` each; how many. Memory holds one batch."""
        count = 0
        pending: dict[str, list[ox.Triple]] = {}
        size = 0

        def flush() -> None:
            for name, triples in pending.items():
                data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
                url = f"{self.endpoints.gsp}?default" if name == "" else self._gsp_url(name)
                self._send("POST", url, data, "application/n-triples", what="upload")
            pending.clear()

        for quad in quads:
            if graph_iri is not None:
                name = graph_iri
            elif isinstance(quad.graph_name, ox.NamedNode):
                name = quad.graph_name.value
            else:
                name = ""
            pending.setdefault(name, []).append(ox.Triple(quad.subject, quad.predicate, quad.object))
            count += 1
            size += 100
            if size >= self.batch_bytes:
                flush()
                size = 0
        flush()
        return count

    def drop_graph(self, graph_iri: str) -> None:
        ref = term_n3(URIRef(graph_iri))  # refuses an IRI that could break out of <...>
        self.update(f"{labelindex.unindex(graph_iri)} ;\nDROP SILENT GRAPH {ref}")

    def graph_names(self) -> list[str]:
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(str(g) for g in rows.values("g") if g and str(g) != str(LABELS_GRAPH))

    def export(self, out: IO[bytes], fmt: str = "turtle") -> None:
        """Fetch every named graph (Graph Store protocol) and write them as the embedded store would."""
        local = EmbeddedStore(":memory:")
        for name in self.graph_names():
            _, body = self._send("GET", self._gsp_url(name), accept="application/n-triples", what="download")
            local.oxigraph.load(body, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(name))
        local.export(out, fmt)


def _line_chunks(data: bytes, size: int):
    """Pieces of about ``size`` bytes, cut at line ends (N-Triples stay whole)."""
    start = 0
    while start < len(data):
        end = data.find(b"\n", min(start + size, len(data)) - 1)
        end = len(data) if end < 0 else end + 1
        yield data[start:end]
        start = end
