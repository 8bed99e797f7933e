"""A SPARQL 1.1 server as the store: Query, Update and Graph Store protocols over HTTP.

``open_store("http://host:7878")`` returns a :class:`RemoteStore`. The endpoint
layout is read from the URL:

=========================================  =====================  =====================  ==========================
server (URL given)                         query                  update                 graph store
=========================================  =====================  =====================  ==========================
Oxigraph ``http://host:7878``              ``/query``             ``/update``            ``/store``
Fuseki ``http://host:3030/DATASET``        ``/DATASET/query``     ``/DATASET/update``    ``/DATASET/data``
GraphDB ``http://host:7200/repositories/REPO``  the URL            ``/statements``        ``/rdf-graphs/service``
Virtuoso ``http://host:8890/sparql``       ``/sparql``            ``/sparql``            ``/sparql-graph-crud``
=========================================  =====================  =====================  ==========================

``KG_SPARQL_QUERY``, ``KG_SPARQL_UPDATE`` and ``KG_SPARQL_GSP`` override any of
the three. With credentials, Virtuoso is reached at ``/sparql-auth`` and
``/sparql-graph-crud-auth``.

Queries go as ``GET`` when short, else as a form-encoded ``POST``; updates as a
form-encoded ``POST``: the two forms every SPARQL 1.1 server accepts (Virtuoso 7
never answers a ``POST`` of ``application/sparql-query``). Each request waits
at most ``timeout`` seconds (default ``$KG_SPARQL_TIMEOUT``, else
:data:`TIMEOUT`). Credentials come from the URL (``http://user:pass@host/...``)
or ``KG_SPARQL_USER`` and ``KG_SPARQL_PASSWORD``, for HTTP basic or digest
authentication; they never appear in messages.

The default graph must be the union of the named graphs (every armskg query
relies on it). Oxigraph is asked for it per query (``union-default-graph``
parameter) unless the query names its own dataset (``FROM``). GraphDB's and
Virtuoso's default graphs already are the union of all graphs. Fuseki needs its
dataset configured with ``tdb2:unionDefaultGraph true`` (or started with
``fuseki-server --tdb2 --set tdb:unionDefaultGraph=true``). The server's own
graphs (Virtuoso's system graphs) are left out of graph lists, counts and exports.

Writes go through the Graph Store protocol: a graph is uploaded into a staging
graph (in batches of about :data:`BATCH_BYTES` of N-Triples), then swapped in
by one update request that also keeps the label index in step and records the
article's content hash. A failed upload changes nothing but the staging graph,
which is dropped, so the article is redone by the next ingest.

>>> endpoints("http://localhost:7878").query
'http://localhost:7878/query'
>>> endpoints("http://localhost:3030/arms").gsp
'http://localhost:3030/arms/data'
>>> endpoints("http://localhost:7200/repositories/arms").update
'http://localhost:7200/repositories/arms/statements'
>>> endpoints("http://localhost:8890/sparql").gsp
'http://localhost:8890/sparql-graph-crud'
"""

from __future__ import annotations

import json
import os
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import IO

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

import kg.store.labelindex as labelindex
from kg.mapping import LABELS_GRAPH, PREFIXES
from kg.results import Results
from kg.store.base import (
    QueryError,
    Store,
    StoreError,
    bind_values,
    names_dataset,
    ntriples,
    returns_graph,
    shard_commit,
    shard_prepare,
    split_hashes,
    term_n3,
)
from kg.store.embedded import EmbeddedStore
from kg.vocab import AKG

__all__ = ["BATCH_BYTES", "TIMEOUT", "Endpoints", "RemoteStore", "endpoints", "split_credentials"]

#: Uploads larger than this many bytes of N-Triples are sent in batches of about this size.
BATCH_BYTES = 16 * 1024 * 1024
#: Seconds to wait for a server (connecting, or between two pieces of an answer) when none is given.
TIMEOUT = 30.0
#: Set by ``kg --timeout`` for the stores one command opens (it outranks ``$KG_SPARQL_TIMEOUT``).
timeout_override: float | None = None
#: Queries whose URL stays within this many characters go as GET, longer ones as a form POST.
GET_LIMIT = 2000
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"
_ACCEPT_GRAPH = "application/n-triples, text/turtle;q=0.8"  # Virtuoso answers CONSTRUCT in JSON rows if allowed
_FORM = "application/x-www-form-urlencoded"
#: Graphs a server keeps for itself (Virtuoso's schemas, its WebDAV and LDP graphs): not the project's.
SYSTEM_GRAPHS = ("http://www.openlinksw.com/", "http://www.w3.org/ns/ldp#", "http://localuriqaserver/",
                 "urn:activitystreams-owl:map", "urn:rules.skos", "virtrdf:")
_STAGING = "#kg-staging"
_ONE = Literal(1)


def is_project_graph(iri: str) -> bool:
    """Whether a named graph holds project data: not a server's system graph, a staging graph or the index.

    >>> is_project_graph("https://w3id.org/armskg/id/article/a1"), is_project_graph("http://www.w3.org/ns/ldp#")
    (True, False)
    """
    return not (iri.startswith(SYSTEM_GRAPHS) or "/DAV/" in iri or iri.endswith(_STAGING)
                or iri == str(LABELS_GRAPH))


@dataclass(frozen=True)
class Endpoints:
    """Where to send queries, updates and Graph Store requests."""

    query: str
    update: str
    gsp: str
    union_param: bool = False  # add ``union-default-graph`` to queries (Oxigraph)
    layout: str = "custom"  # oxigraph, fuseki, graphdb, virtuoso, or custom (KG_SPARQL_* given)


def split_credentials(url: str) -> tuple[str, str | None, str | None]:
    """The URL without its ``user:password@`` part, then the user and the password (``KG_SPARQL_*`` else).

    >>> split_credentials("http://kg:s%40cret@host:8890/sparql-auth")
    ('http://host:8890/sparql-auth', 'kg', 's@cret')
    """
    parts = urllib.parse.urlsplit(url)
    user = urllib.parse.unquote(parts.username) if parts.username else os.environ.get("KG_SPARQL_USER") or None
    password = (urllib.parse.unquote(parts.password) if parts.password is not None
                else os.environ.get("KG_SPARQL_PASSWORD"))
    netloc = parts.netloc.rsplit("@", 1)[-1]
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment)), user, password


def endpoints(url: str, authenticated: bool = False) -> Endpoints:
    """The endpoints of the server at ``url`` (see the module docstring), env overrides applied."""
    url = split_credentials(url)[0]
    parts = urllib.parse.urlsplit(url)
    path = parts.path.rstrip("/")
    root = urllib.parse.urlunsplit((parts.scheme, parts.netloc, "", "", ""))
    last = path.rsplit("/", 1)[-1]
    if path in ("/sparql", "/sparql-auth") or (not path and parts.port == 8890):  # Virtuoso
        auth = "-auth" if authenticated or path == "/sparql-auth" else ""
        found = Endpoints(f"{root}/sparql{auth}", f"{root}/sparql{auth}", f"{root}/sparql-graph-crud{auth}",
                          layout="virtuoso")
    else:
        if last in ("query", "sparql"):  # the query endpoint itself was given
            path = path.rsplit("/", 1)[0]
        base = root + path
        if "/repositories/" in path:  # GraphDB / RDF4J
            found = Endpoints(base, base + "/statements", base + "/rdf-graphs/service", layout="graphdb")
        elif not path:  # Oxigraph
            found = Endpoints(base + "/query", base + "/update", base + "/store", union_param=True,
                              layout="oxigraph")
        else:  # Fuseki: a dataset
            found = Endpoints(base + "/" + (last if last in ("query", "sparql") else "query"), base + "/update",
                              base + "/data", layout="fuseki")
    env = os.environ
    custom = any(env.get(f"KG_SPARQL_{n}") for n in ("QUERY", "UPDATE", "GSP"))
    return Endpoints(
        env.get("KG_SPARQL_QUERY") or found.query,
        env.get("KG_SPARQL_UPDATE") or found.update,
        env.get("KG_SPARQL_GSP") or found.gsp,
        found.union_param and not env.get("KG_SPARQL_QUERY"),
        "custom" if custom else found.layout,
    )


def default_timeout() -> float:
    """``kg --timeout``, else ``$KG_SPARQL_TIMEOUT`` seconds, else :data:`TIMEOUT`."""
    if timeout_override is not None:
        return timeout_override
    text = os.environ.get("KG_SPARQL_TIMEOUT")
    if not text:
        return TIMEOUT
    try:
        value = float(text)
    except ValueError:
        raise StoreError(f"KG_SPARQL_TIMEOUT={text!r} is not a number of seconds") from None
    if value <= 0:
        raise StoreError(f"KG_SPARQL_TIMEOUT={text!r} must be more than 0 seconds")
    return value


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
    if variables == ["__ASK_RETVAL"]:  # Virtuoso answers some ASK queries (with VALUES) as a SELECT
        return Results([], boolean=any(r["__ASK_RETVAL"] is not None and r["__ASK_RETVAL"].eq(_ONE) for r in rows))
    return Results(variables, rows)


class RemoteStore(Store):
    """A SPARQL 1.1 server (Oxigraph, Fuseki, GraphDB, Virtuoso, ...) reached over HTTP."""

    def __init__(self, url: str, *, timeout: float | None = None, batch_bytes: int = BATCH_BYTES) -> None:
        clean, user, password = split_credentials(url)
        self.location = clean  # never the password
        self.endpoints = endpoints(clean, authenticated=user is not None)
        self.timeout = default_timeout() if timeout is None else timeout
        self.batch_bytes = batch_bytes
        handlers: list[urllib.request.BaseHandler] = []
        if user is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for endpoint in (self.endpoints.query, self.endpoints.update, self.endpoints.gsp):
                passwords.add_password(None, endpoint, user, password or "")
            # digest first: the basic handler gives up on a digest challenge
            handlers = [urllib.request.HTTPDigestAuthHandler(passwords), urllib.request.HTTPBasicAuthHandler(passwords)]
        self._opener = urllib.request.build_opener(*handlers)

    # ------------------------------------------------------------- HTTP
    def _send(self, method: str, url: str, body: bytes | None = None, content_type: str | None = None,
              accept: str | None = None, what: str = "request") -> tuple[str, bytes]:
        headers = {}
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        request = urllib.request.Request(url, data=body, headers=headers, method=method)
        where = url.split("?", 1)[0]
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                cap = response.headers.get("X-SPARQL-MaxRows")
                if cap and what == "query":  # Virtuoso cut the answer at its ResultSetMaxRows
                    raise StoreError(f"the SPARQL server at {self.location} cut the answer at {cap} rows; raise "
                                     "its limit (Virtuoso: ResultSetMaxRows in the [SPARQL] section of virtuoso.ini)")
                return response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as e:
            detail = _first_line(e.read())
            detail = f": {detail}" if detail else ""
            if e.code == 400 and what in ("query", "update"):
                raise QueryError(f"the SPARQL server refused the {what} (HTTP 400){detail}") from None
            if e.code in (401, 403):
                raise StoreError(f"the SPARQL server at {where} answered HTTP {e.code} {e.reason}: give a user "
                                 "and password in the URL or KG_SPARQL_USER and KG_SPARQL_PASSWORD") from None
            if e.code == 404:
                raise StoreError(
                    f"{where} answered HTTP 404 Not Found; check the --store URL (Oxigraph: http://host:7878, "
                    "Fuseki: http://host:3030/DATASET, GraphDB: http://host:7200/repositories/REPO, "
                    "Virtuoso: http://host:8890/sparql) or name each endpoint in KG_SPARQL_QUERY, "
                    "KG_SPARQL_UPDATE and KG_SPARQL_GSP"
                ) from None
            raise StoreError(f"the SPARQL server at {where} answered HTTP {e.code} {e.reason}{detail}") from None
        except urllib.error.URLError as e:
            if isinstance(e.reason, (TimeoutError, socket.timeout)):
                raise self._timed_out() from None
            reason = e.reason.strerror if isinstance(e.reason, OSError) and e.reason.strerror else e.reason
            raise StoreError(
                f"cannot reach the SPARQL server at {self.location}: {reason}; start it or fix --store"
            ) from None
        except TimeoutError:
            raise self._timed_out() from None
        except ValueError as e:  # a digest challenge the handlers cannot answer, a malformed URL
            raise StoreError(f"cannot talk to the SPARQL server at {self.location}: {e}") from None
        except OSError as e:
            raise StoreError(f"cannot talk to the SPARQL server at {self.location}: {e}") from None

    def _timed_out(self) -> StoreError:
        return StoreError(f"the SPARQL server at {self.location} did not answer within {self.timeout:g} s; "
                          "raise --timeout (or KG_SPARQL_TIMEOUT) if it is only slow")

    def _gsp_url(self, graph_iri: str) -> str:
        term_n3(URIRef(graph_iri))  # refuses IRIs with spaces, quotes or brackets
        return f"{self.endpoints.gsp}?graph={urllib.parse.quote(graph_iri, safe='')}"

    # ------------------------------------------------------------ Store
    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Results:
        text = bind_values(sparql, bindings)
        url = self.endpoints.query
        if self.endpoints.union_param and not names_dataset(text):
            url += "?union-default-graph"
        form = urllib.parse.urlencode({"query": text}).encode("ascii")
        accept = _ACCEPT_GRAPH if returns_graph(text) else _ACCEPT
        if len(url) + len(form) < GET_LIMIT:  # short: GET, which every server answers and may cache
            joined = f"{url}{'&' if '?' in url else '?'}{form.decode('ascii')}"
            content_type, body = self._send("GET", joined, accept=accept, what="query")
        else:
            content_type, body = self._send("POST", url, form, _FORM, accept, what="query")
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
        self._send("POST", self.endpoints.update, urllib.parse.urlencode({"update": sparql}).encode("ascii"),
                   _FORM, _ACCEPT, what="update")

    def replace_graph(self, graph_iri: str, graph: Graph) -> None:
        """Replace a named graph; its content hash (``akg:contentHash``) is written only with the swap."""
        hashes = Graph()
        for triple in graph.triples((None, AKG.contentHash, None)):
            hashes.add(triple)
        self.load_graph(graph_iri, ntriples(graph - hashes if len(hashes) else graph), last=ntriples(hashes))

    def replace_graph_ntriples(self, graph_iri: str, body: str) -> None:
        self.load_graph(graph_iri, body)

    def load_graph(self, graph_iri: str, data: bytes | str, fmt: ox.RdfFormat = ox.RdfFormat.N_TRIPLES,
                   last: str = "") -> None:
        """Replace a named graph with serialized RDF: upload into a staging graph, then one swap.

        Large N-Triples go up in batches. The swap (one update request) moves the staging
        graph in, adds ``last`` (N-Triples written only on success) and updates the label index.
        If any part fails, the staging graph is dropped and the graph and the index are as before.
        """
        body = data.encode("utf-8") if isinstance(data, str) else data
        mime = fmt.media_type
        target = term_n3(URIRef(graph_iri))  # refuses an IRI that could break out of <...>
        staging = f"{graph_iri}{_STAGING}"
        try:
            if len(body) <= self.batch_bytes or fmt != ox.RdfFormat.N_TRIPLES:
                self._send("PUT", self._gsp_url(staging), body, mime, what="upload")
            else:
                for i, chunk in enumerate(_line_chunks(body, self.batch_bytes)):
                    self._send("POST" if i else "PUT", self._gsp_url(staging), chunk, mime, what="upload")
            extra = f" ;\nINSERT DATA {{ GRAPH {target} {{\n{last}\n}} }}" if last.strip() else ""
            self.update(f"{labelindex.unindex(graph_iri)} ;\nDROP SILENT GRAPH {target} ;\n"
                        f"MOVE SILENT GRAPH {term_n3(URIRef(staging))} TO {target}{extra} ;\n"
                        f"{labelindex.index(graph_iri)}")
        except StoreError:
            try:
                self.update(f"DROP SILENT GRAPH {term_n3(URIRef(staging))}")
            except StoreError:
                pass  # the server is gone: the staging graph is dropped by the next upload of this graph
            raise

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

    def append_quads(self, quads: Iterable[ox.Quad], graph_iri: str | None = None,
                     blank_last: Mapping[str, int] | None = None) -> int:
        """Add streamed quads to their graphs (all to ``graph_iri`` if given) in batches of about
        :attr:`batch_bytes`; how many. Memory holds one batch.

        A server gives each request's blank nodes fresh identities, so the
        triples with a blank node go in one ``INSERT DATA`` per batch (where a
        label means one node across graphs), the others as Graph Store
        ``POST`` requests; and given ``blank_last`` (each blank node label ->
        the index of the last quad it is in), a batch is never cut while one of
        its blank nodes has quads to come, so each blank node stays one node.
        """
        count = 0
        pending: dict[str, list[ox.Triple]] = {}
        linked: dict[str, list[str]] = {}  # triples with a blank node, as N-Triples lines, per graph
        size = 0
        open_until = -1  # the index of the last quad of a blank node of this batch

        def flush() -> None:
            for name, triples in pending.items():
                data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
                url = f"{self.endpoints.gsp}?default" if name == "" else self._gsp_url(name)
                self._send("POST", url, data, "application/n-triples", what="upload")
            if linked:
                blocks = ["\n".join(lines) if name == "" else
                          f"GRAPH {term_n3(URIRef(name))} {{\n" + "\n".join(lines) + "\n}"
                          for name, lines in linked.items()]
                self.update("INSERT DATA {\n" + "\n".join(blocks) + "\n}")
            pending.clear()
            linked.clear()

        for index, quad in enumerate(quads):
            if graph_iri is not None:
                name = graph_iri
            elif isinstance(quad.graph_name, ox.NamedNode):
                name = quad.graph_name.value
            else:
                name = ""
            blanks = [term.value for term in (quad.subject, quad.object) if isinstance(term, ox.BlankNode)]
            if blanks:
                linked.setdefault(name, []).append(f"{quad.subject} {quad.predicate} {quad.object} .")
                if blank_last is not None:
                    open_until = max(open_until, *(blank_last.get(b, index) for b in blanks))
            else:
                pending.setdefault(name, []).append(ox.Triple(quad.subject, quad.predicate, quad.object))
            count += 1
            size += 100
            if size >= self.batch_bytes and index >= open_until:
                flush()
                size = 0
        flush()
        return count

    def drop_graph(self, graph_iri: str) -> None:
        ref = term_n3(URIRef(graph_iri))  # refuses an IRI that could break out of <...>
        self.update(f"{labelindex.unindex(graph_iri)} ;\nDROP SILENT GRAPH {ref}")

    def _graph_sizes(self) -> dict[str, int]:
        rows = self.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        sizes = {str(row["g"]): int(row["n"]) for row in rows if row["g"] is not None}
        return {name: n for name, n in sizes.items() if is_project_graph(name)}

    def graph_names(self) -> list[str]:
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(str(g) for g in rows.values("g") if g is not None and is_project_graph(str(g)))

    def count(self) -> int:
        """Triples in the project's graphs (the server's own graphs and the label index left out)."""
        return sum(self._graph_sizes().values())

    def export(self, out: IO[bytes], fmt: str = "turtle") -> None:
        """Fetch every named graph (Graph Store protocol) and write them as the embedded store would."""
        local = EmbeddedStore(":memory:")
        for name, size in sorted(self._graph_sizes().items()):
            _, body = self._send("GET", self._gsp_url(name), accept="application/n-triples", what="download")
            graph = ox.NamedNode(name)
            local.oxigraph.load(body, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
            got = next(iter(local.oxigraph.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")))
            if int(got[0].value) < size:  # Virtuoso cuts a graph at ResultSetMaxRows, and does not say so
                raise StoreError(f"the SPARQL server at {self.location} sent {got[0].value} of the {size} triples "
                                 f"of {name}; raise its row limit (Virtuoso: ResultSetMaxRows in virtuoso.ini)")
        local.export(out, fmt)


def _line_chunks(data: bytes, size: int):
    """Pieces of about ``size`` bytes, cut at line ends (N-Triples stay whole)."""
    start = 0
    while start < len(data):
        end = data.find(b"\n", min(start + size, len(data)) - 1)
        end = len(data) if end < 0 else end + 1
        yield data[start:end]
        start = end
