"""``kg serve``: the local store as a read-only SPARQL 1.1 endpoint.

One Python process answers HTTP (the standard library's threaded server) and
hands each query to a fixed pool of worker processes that hold the store open
read-only (:mod:`kg.store.servepool`); answers are written row by row as the engine
produces them (:mod:`kg.store.resultcap`). Endpoint: ``/query``, the SPARQL 1.1
Query protocol (GET, or POST with ``application/sparql-query`` or a form), with
CORS preflight (OPTIONS) and HEAD. Queries see the union of the article graphs
(as with ``kg query``) unless they give ``default-graph-uri`` or
``named-graph-uri``; SPARQL Update and Graph Store writes are refused.

Guards, each an option of :func:`start_server`:

- ``limit``: at most this many results; the engine's query stops there (it is
  not drained) and the answer carries ``X-Results-Truncated: true``.
- ``timeout``: the whole answer, from the request's arrival, takes at most
  this long (plus a second): a query still running at its deadline is stopped
  and the answer ends there, marked as cut, or the client gets 504 if nothing
  was produced yet. A client that hangs up stops its query.
- ``workers`` and ``queue``: that many queries run at once and that many wait;
  beyond, 503 with ``Retry-After``. A worker that dies is restarted.
- ``max_memory``: a query whose worker grows beyond it is stopped (503).
- ``max_query_bytes``: a request body announced larger is refused with 413
  before it is read.
- ``allow_service``: ``SERVICE`` calls are refused (400) except to these
  endpoints, so clients cannot make the server send requests elsewhere.
- ``cors``: the origin browsers may call the endpoint from (off by default).

The status and headers of an answer wait until the answer is complete or
``HOLD`` bytes long, so short answers (every capped one under 4 MB) are sent
with their length and the truncation header; a longer one is sent in chunks as
it is produced, and says it was cut in a trailer of the same name.

The store's shared lock is held while the endpoint runs (by this process and
by each worker), so writers (``kg ingest``, ``kg import``) get a clear "in use"
error until it stops.
"""

from __future__ import annotations

import ipaddress
import shutil
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kg.store.base import StoreError
from kg.store.locking import StoreLock
from kg.store.servepool import Busy, EnginePool, Query
from kg.store.sparqlscan import refused_service

__all__ = ["ServeOptions", "Server", "find_oxigraph", "installed_program", "is_loopback", "serve", "serve_command",
           "start_server"]

#: An answer up to this size is held until complete, then sent with its length (and truncation header).
HOLD = 4 * 2**20
_TRUNCATED = "X-Results-Truncated"
_REASON = "X-Results-Truncated-Reason"


def installed_program(name: str) -> str | None:
    """A program installed with this Python (next to it, in a venv), else on PATH; None if neither.

    >>> installed_program("no-such-program-armskg") is None
    True
    """
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else shutil.which(name)


def find_oxigraph() -> str:
    """The ``oxigraph`` server binary (:func:`installed_program`), used by the benchmarks and remote-store tests."""
    found = installed_program("oxigraph")
    if not found:
        raise StoreError("the oxigraph server is not installed; run `pip install oxigraph`")
    return found


def serve_command(location: Path, host: str, port: int, timeout: float) -> list[str]:
    """The command line of Oxigraph's own read-only server on the same store (the benchmark's baseline).

    >>> serve_command(Path("/s"), "127.0.0.1", 7878, 30)[1:]
    ['serve-read-only', '--location', '/s', '--bind', '127.0.0.1:7878', '--union-default-graph', '--timeout-s', '30']
    """
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return [find_oxigraph(), "serve-read-only", "--location", str(location), "--bind", bind,
            "--union-default-graph", "--timeout-s", f"{max(1, round(timeout))}"]


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class ServeOptions:
    """The guards of the endpoint (see the module docstring); the defaults are ``kg serve``'s."""

    timeout: float = 30.0
    limit: int | None = 10_000
    workers: int = 2
    queue: int = 128
    max_query_bytes: int = 2**20
    max_memory: int | None = 512 * 2**20
    allow_service: tuple[str, ...] = ()
    cors: str | None = None
    connections: int = 512
    hold: int = HOLD


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out at once, not 40 ms apart
    server_version = "armskg"
    sys_version = ""
    timeout = 120  # an idle keep-alive connection is closed after this long
    server: _HTTPServer

    def log_message(self, *args) -> None:  # the library logs, it does not print
        pass

    # -- helpers
    def end_headers(self) -> None:
        cors = self.server.options.cors
        headers = getattr(self, "headers", None)
        origin = headers.get("Origin") if headers is not None else None
        if cors and (cors == "*" or origin == cors):
            self.send_header("Access-Control-Allow-Origin", cors)
            self.send_header("Access-Control-Expose-Headers", f"{_TRUNCATED}, {_REASON}, X-Result-Cap, Retry-After")
            if cors != "*":
                self.send_header("Vary", "Origin")
        super().end_headers()

    def _body_length(self) -> int:
        try:
            return max(0, int(self.headers.get("Content-Length") or 0))
        except ValueError:
            return -1

    def _plain(self, status: int, message: str, extra: Iterable[tuple[str, str]] = ()) -> None:
        body = (message + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra:
            self.send_header(name, value)
        if not self._read and (self._body_length() != 0 or self.headers.get("Transfer-Encoding")):
            self.send_header("Connection", "close")  # a body we did not read would be taken for the next request
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _refuse_unless_query_path(self) -> bool:
        path = urlsplit(self.path).path
        if path == "/query":
            return False
        if path in ("/update", "/store", "/"):
            self._plain(403, "read-only endpoint: only /query is served")
        else:
            self._plain(404, f"no such endpoint {path}; the SPARQL endpoint is /query")
        return True

    # -- methods
    def do_OPTIONS(self) -> None:  # noqa: N802 (the standard library's naming)
        self._read = False
        if urlsplit(self.path).path not in ("/query", "*"):
            self._refuse_unless_query_path()
            return
        self.send_response(204)
        self.send_header("Allow", "GET, HEAD, POST, OPTIONS")
        if self.server.options.cors:
            self.send_header("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS")
            asked = self.headers.get("Access-Control-Request-Headers")
            self.send_header("Access-Control-Allow-Headers", asked or "Accept, Content-Type")
            self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Content-Length", "0")
        if self._body_length() != 0:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()

    def do_GET(self) -> None:  # noqa: N802
        self._read = False
        self._started = time.monotonic()
        if self._refuse_unless_query_path():
            return
        self._query(parse_qs(urlsplit(self.path).query, keep_blank_values=True), None)

    do_HEAD = do_GET  # noqa: N815

    def do_POST(self) -> None:  # noqa: N802
        self._read = False
        self._started = time.monotonic()
        if self._refuse_unless_query_path():
            return
        limit = self.server.options.max_query_bytes
        if self.headers.get("Transfer-Encoding", "identity").lower() != "identity":
            self._plain(411, "send the query with a Content-Length")
            return
        length = self._body_length()
        if length < 0:
            self._plain(400, "bad Content-Length")
            return
        if length > limit:
            self._plain(413, f"the request body is {length} bytes; this endpoint takes at most {limit} "
                             "(kg serve --max-query-bytes)")
            return
        self.connection.settimeout(max(1.0, self.server.options.timeout))
        body = self.rfile.read(length) if length else b""
        self._read = True
        params = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            self._plain(400, "the request body is not UTF-8")
            return
        if media == "application/sparql-query":
            self._query(params, text)
        elif media == "application/x-www-form-urlencoded":
            for name, values in parse_qs(text, keep_blank_values=True).items():
                params.setdefault(name, []).extend(values)
            self._query(params, None)
        elif media == "application/sparql-update":
            self._plain(403, "read-only endpoint: SPARQL Update is refused")
        else:
            self._plain(415, "send the query as application/sparql-query, as a form, or in the URL (?query=)")

    def _refuse_method(self) -> None:
        self._read = False
        self._plain(405, "read-only endpoint: use GET or POST on /query", [("Allow", "GET, HEAD, POST, OPTIONS")])

    do_PUT = do_DELETE = do_PATCH = _refuse_method  # noqa: N815

    # -- the query
    def _query(self, params: dict[str, list[str]], text: str | None) -> None:
        options = self.server.options
        if "update" in params:
            self._plain(403, "read-only endpoint: SPARQL Update is refused")
            return
        queries = ([text] if text is not None else []) + params.get("query", [])
        if not queries:
            self._plain(200, "SPARQL 1.1 query endpoint (read-only): send a query as ?query=... or in a POST")
            return
        if len(queries) > 1:
            self._plain(400, "give one query")
            return
        refused = refused_service(queries[0], options.allow_service)
        if refused:
            self._plain(400, refused)
            return
        fmt = (params.get("format") or params.get("output") or [None])[0]
        query = Query(queries[0], accept=self.headers.get("Accept"), limit=options.limit,
                      deadline=self._started + options.timeout, timeout=options.timeout, media=fmt,
                      default_graphs=tuple(params.get("default-graph-uri", [])),
                      named_graphs=tuple(params.get("named-graph-uri", [])))
        events = self.server.pool.run(query, client=self.connection)
        self._answer(events, query)

    def _answer(self, events, query: Query) -> None:
        head = self.command == "HEAD"
        held = bytearray()
        media = "application/octet-stream"
        streaming = False
        try:
            for event in events:
                kind = event[0]
                if kind == "head":
                    media = event[1]
                elif kind == "data" and streaming:
                    self._chunk(event[1], query)
                elif kind == "data":
                    held += event[1]
                    if len(held) > self.server.options.hold:
                        self._start_chunks(media)
                        streaming = True
                        if head:
                            return
                        self._chunk(bytes(held), query)
                        held = bytearray()
                elif kind == "end":
                    reason = event[2]
                    if streaming:
                        trailer = f"{_TRUNCATED}: true\r\n{_REASON}: {reason}\r\n" if reason else ""
                        self.wfile.write(f"0\r\n{trailer}\r\n".encode("ascii"))
                    else:
                        self._whole(media, bytes(held), reason)
                    return
                else:  # "error" (status, message) or "fail" (message, after the head)
                    status, message = (event[1], event[2]) if kind == "error" else (500, event[1])
                    if streaming:
                        self.close_connection = True  # no last chunk: the client sees the answer broken off
                    else:
                        self._plain(status, message)
                    return
        except Busy as e:
            self._plain(503, f"{e}; try again shortly", [("Retry-After", "1")])
        except OSError:  # the client left, or stopped reading until the deadline
            self.close_connection = True
        finally:
            events.close()  # stops the query if it is still running

    def _caps(self, media: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", media)
        if self.server.options.limit:
            self.send_header("X-Result-Cap", str(self.server.options.limit))

    def _whole(self, media: str, body: bytes, reason: str | None) -> None:
        self._caps(media)
        self.send_header("Content-Length", str(len(body)))
        if reason:
            self.send_header(_TRUNCATED, "true")
            self.send_header(_REASON, reason)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _start_chunks(self, media: str) -> None:
        self._caps(media)
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Trailer", f"{_TRUNCATED}, {_REASON}")
        self.end_headers()

    def _chunk(self, data: bytes, query: Query) -> None:
        self.connection.settimeout(max(0.2, query.deadline + 1.0 - time.monotonic()))
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024

    def __init__(self, address: tuple[str, int], pool: EnginePool, options: ServeOptions) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.pool = pool
        self.options = options
        self.active = 0
        self._active_lock = threading.Lock()
        super().__init__(address, _Handler)

    def process_request(self, request, client_address) -> None:
        with self._active_lock:
            full = self.active >= self.options.connections
            if not full:
                self.active += 1
        if full:  # answered here, without a thread
            try:
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nConnection: close\r\n"
                                b"Content-Type: text/plain\r\nContent-Length: 24\r\n\r\ntoo many connections now\n")
            except OSError:
                pass
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._active_lock:
                self.active -= 1


@dataclass
class Server:
    """A running read-only endpoint: stop it with :meth:`stop` (or use it as a context manager)."""

    http: _HTTPServer
    pool: EnginePool
    lock: StoreLock
    url: str
    _thread: threading.Thread = field(repr=False, default=None)  # type: ignore[assignment]

    @property
    def query_url(self) -> str:
        return self.url + "/query"

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the server stops (or ``timeout`` passes); True if it stopped."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def stop(self) -> None:
        if self._thread.is_alive():
            self.http.shutdown()
        self.http.server_close()
        self.pool.close()
        self.lock.release()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _check_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as e:
            raise StoreError(
                f"the SPARQL server did not start on {host}:{port}: {e.strerror or e}; choose another --port"
            ) from None


def start_server(location: Path | str, host: str = "127.0.0.1", port: int = 7878,
                 options: ServeOptions | None = None, **guards) -> Server:
    """Start the read-only endpoint on the store folder ``location``; returns once it accepts connections.

    Give the guards as ``options`` or as keyword arguments of :class:`ServeOptions` (``timeout=5, limit=100``).
    """
    options = options or ServeOptions(**guards)
    path = Path(location)
    if str(location).startswith(("http://", "https://")):
        raise StoreError(f"{location} is already a SPARQL server; kg serve exposes a local store folder")
    if not (path / "CURRENT").is_file():
        raise StoreError(f"no store at {path}; ingest or import something first (or give --store)")
    if not 0 < port < 65536:
        raise ValueError(f"port {port} is out of range; give --port between 1 and 65535")
    _check_free(host, port)
    lock = StoreLock(path, exclusive=False).acquire()  # StoreBusy while a writer holds the store
    try:
        pool = EnginePool(path, workers=options.workers, queue=options.queue, max_memory=options.max_memory)
    except RuntimeError as e:
        lock.release()
        raise StoreError(f"the SPARQL server did not start: {e}") from None
    try:
        http = _HTTPServer((host, port), pool, options)
    except OSError as e:
        pool.close()
        lock.release()
        raise StoreError(f"the SPARQL server did not start on {host}:{port}: {e.strerror or e}; "
                         "choose another --port") from None
    thread = threading.Thread(target=http.serve_forever, kwargs={"poll_interval": 0.2}, name="kg-serve",
                              daemon=True)
    thread.start()
    shown = f"[{host}]" if ":" in host else host
    return Server(http, pool, lock, f"http://{shown}:{port}", thread)


def serve(location: Path | str, host: str = "127.0.0.1", port: int = 7878, options: ServeOptions | None = None,
          on_ready: Callable[[Server], None] | None = None) -> int:
    """Run the endpoint until the user interrupts (Ctrl-C or SIGTERM); returns 0."""

    def interrupt(signum, frame):  # SIGTERM stops the server as Ctrl-C does
        raise KeyboardInterrupt

    main = threading.current_thread() is threading.main_thread()
    held: list[int] = []
    if main:  # a Ctrl-C while the server starts is held, then stops it through the handler below
        old_int = signal.signal(signal.SIGINT, lambda signum, frame: held.append(signum))
        previous = signal.signal(signal.SIGTERM, lambda signum, frame: held.append(signum))
    try:
        server = start_server(location, host, port, options)
    except BaseException:
        if main:
            signal.signal(signal.SIGINT, old_int)
            signal.signal(signal.SIGTERM, previous)
        raise
    if main:
        signal.signal(signal.SIGINT, old_int)
        signal.signal(signal.SIGTERM, interrupt)
    try:
        if on_ready:
            on_ready(server)
        if held:
            raise KeyboardInterrupt
        while not server.wait(0.5):
            pass
        return 0
    except KeyboardInterrupt:
        return 0
    finally:
        server.stop()
        if main:
            signal.signal(signal.SIGTERM, previous)
