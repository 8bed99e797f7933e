"""A result cap in front of the Oxigraph server: at most N results per query.

Oxigraph's server has a query timeout but no result cap. ``kg serve`` runs it
on an internal loopback port and puts this small WSGI application in front,
served by the standard library's threaded WSGI server. It forwards
``/query`` (GET or POST, the SPARQL 1.1 Query protocol) and cuts every answer
to ``limit`` results: bindings in SPARQL JSON, XML, CSV and TSV, triples in
N-Triples or any RDF format pyoxigraph writes. A cut answer carries the
header ``X-Results-Truncated: true``. Anything else is refused: the endpoint
stays read-only.

>>> cap_rows(b"x\\r\\n1\\r\\n2\\r\\n3\\r\\n", "text/csv", 2)
(b'x\\r\\n1\\r\\n2\\r\\n', True)
"""

from __future__ import annotations

import csv
import io
import json
import threading
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pyoxigraph as ox

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
NTRIPLES = "application/n-triples"
_RDF = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
_SRX = "{http://www.w3.org/2005/sparql-results#}"


def _media(content_type: str) -> str:
    return content_type.split(";")[0].strip().lower()


def cap_rows(body: bytes, content_type: str, limit: int) -> tuple[bytes, bool]:
    """Cut a query answer to ``limit`` results; returns (body, whether it was cut)."""
    media = _media(content_type)
    if media == JSON:
        doc = json.loads(body)
        rows = doc.get("results", {}).get("bindings")
        if rows is None or len(rows) <= limit:
            return body, False
        doc["results"]["bindings"] = rows[:limit]
        return json.dumps(doc).encode("utf-8"), True
    if media == XML:
        root = ET.fromstring(body)
        results = root.find(f"{_SRX}results")
        if results is None or len(results) <= limit:
            return body, False
        for extra in list(results)[limit:]:
            results.remove(extra)
        ET.register_namespace("", _SRX.strip("{}"))
        return ET.tostring(root, encoding="utf-8", xml_declaration=True), True
    if media == CSV:
        rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
        if len(rows) - 1 <= limit:
            return body, False
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows(rows[: limit + 1])
        return out.getvalue().encode("utf-8"), True
    if media == TSV:  # one result per line, newlines inside terms are escaped
        lines = body.decode("utf-8").splitlines(keepends=True)
        return ("".join(lines[: limit + 1]).encode("utf-8"), True) if len(lines) - 1 > limit else (body, False)
    if media in _RDF:
        triples = list(ox.parse(body, format=_RDF[media]))
        if len(triples) <= limit:
            return body, False
        return ox.serialize(triples[:limit], format=_RDF[media]), True
    return body, False


class CapApp:
    """The WSGI application: forward ``/query`` to ``backend``, cap the answer."""

    def __init__(self, backend: str, limit: int, timeout: float) -> None:
        self.backend = backend.rstrip("/")
        self.limit = limit
        self.timeout = timeout

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") != "/query" or environ.get("REQUEST_METHOD") not in ("GET", "POST"):
            return self._reply(start_response, "403 Forbidden", b"read-only endpoint: only /query is served\n")
        url = self.backend + "/query"
        if environ.get("QUERY_STRING"):
            url += "?" + environ["QUERY_STRING"]
        length = int(environ.get("CONTENT_LENGTH") or 0)
        data = environ["wsgi.input"].read(length) if length else None
        headers = {"Accept": environ.get("HTTP_ACCEPT", JSON)}
        if environ.get("CONTENT_TYPE"):
            headers["Content-Type"] = environ["CONTENT_TYPE"]
        request = urllib.request.Request(url, data=data, headers=headers, method=environ["REQUEST_METHOD"])
        try:
            with urllib.request.urlopen(request, timeout=self.timeout + 5) as response:
                body, content_type = response.read(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as e:
            return self._reply(start_response, f"{e.code} {e.reason}", e.read(), e.headers.get("Content-Type"))
        except (urllib.error.URLError, TimeoutError) as e:
            return self._reply(start_response, "504 Gateway Timeout", f"query failed: {e}\n".encode())
        try:
            body, cut = cap_rows(body, content_type, self.limit)
        except (ValueError, SyntaxError, ET.ParseError) as e:
            return self._reply(start_response, "502 Bad Gateway", f"unreadable answer: {e}\n".encode())
        extra = [("X-Result-Cap", str(self.limit))] + ([("X-Results-Truncated", "true")] if cut else [])
        return self._reply(start_response, "200 OK", body, content_type, extra)

    @staticmethod
    def _reply(start_response, status, body: bytes, content_type: str | None = None, extra=()):
        headers = [("Content-Type", content_type or "text/plain; charset=utf-8"),
                   ("Content-Length", str(len(body))), *extra]
        start_response(status, headers)
        return [body]


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args) -> None:  # the library logs, it does not print
        pass


def start_cap(host: str, port: int, backend: str, limit: int, timeout: float) -> WSGIServer:
    """Serve the capped endpoint on ``host:port`` in a background thread; ``shutdown()`` stops it."""
    server = make_server(host, port, CapApp(backend, limit, timeout), server_class=_ThreadingServer,
                         handler_class=_QuietHandler)
    threading.Thread(target=server.serve_forever, name="kg-result-cap", daemon=True).start()
    return server
