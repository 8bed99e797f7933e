"""The query engines behind ``kg serve``: a fixed pool of worker processes.

Each worker is a Python process with the store open read-only
(``pyoxigraph.Store.read_only``), opened once and reused for every query it
runs. A query goes to an idle worker; at most ``queue`` more wait for one, and
a request beyond that (or one still waiting at its deadline) gets
:class:`Busy` (the endpoint answers 503 with ``Retry-After``).

The worker writes the answer row by row (:func:`kg.store.resultcap.write_answer`)
and sends it back in chunks of 64 KB; the pipe between the processes is the
only buffer, so memory stays flat whatever the answer's size. It stops at the
result cap, at the deadline, or when asked to (the client left). A query the
engine cannot stop from Python (a large ``GROUP BY`` or ``ORDER BY`` produces
nothing until it has read everything) is ended by killing its worker at the
deadline, or as soon as it uses more than ``max_memory`` bytes; a worker that
dies, or keeps more than half of ``max_memory`` after a query, is replaced in
the background, so the endpoint keeps answering and its memory stays flat.

Workers hold the store's shared lock, and die with the process that started
them (``PR_SET_PDEATHSIG``), so a killed ``kg serve`` leaves no reader behind.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import queue as queuelib
import signal
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path

__all__ = ["Busy", "EnginePool", "Query"]

log = logging.getLogger(__name__)

CHUNK = 64 * 1024
#: Seconds after its deadline that a query which has not stopped by itself is killed.
GRACE = 0.5
#: Seconds before its deadline that a worker ends a streaming answer, to leave time to deliver it.
MARGIN = 0.25


@dataclass(frozen=True)
class Query:
    """One query to run: its text, the client's ``Accept`` (or a chosen media type), the cap and the deadline
    (a :func:`time.monotonic` value)."""

    sparql: str
    accept: str | None = None
    limit: int | None = None
    deadline: float = float("inf")
    timeout: float = 0.0
    media: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


class Busy(Exception):
    """Every worker is busy and the queue is full (or the wait outlasted the query's deadline)."""


# ----------------------------------------------------------------- worker side


def _die_with_parent() -> None:
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class _Chunks:
    """A write sink that sends 64 KB chunks down the pipe."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.buffer = bytearray()

    def write(self, data: bytes) -> int:
        self.buffer += data
        if len(self.buffer) >= CHUNK:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if self.buffer:
            self.conn.send(("data", bytes(self.buffer)))
            self.buffer.clear()


def _worker(location: str, conn: Connection) -> None:
    """A worker process: open the store, then answer queries from ``conn`` until it closes."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C goes to the whole group: the parent stops us
    import pyoxigraph as ox

    from kg.store.locking import StoreBusy, StoreLock

    try:
        StoreLock(Path(location), exclusive=False).acquire()
        store = ox.Store.read_only(location)
    except (OSError, StoreBusy) as e:
        conn.send(("error", 500, f"cannot open the store {location}: {str(e).splitlines()[0] if str(e) else e}"))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message[0] == "query":
            try:
                _answer(store, conn, message[1])
            except (BrokenPipeError, EOFError, OSError):
                return


def _answer(store, conn: Connection, query: Query) -> None:
    import pyoxigraph as ox

    from kg.store.resultcap import CANCELLED, SHORT, TIMEOUT, negotiate, write_answer

    try:
        if query.default_graphs or query.named_graphs:
            answer = store.query(query.sparql,
                                 default_graph=[ox.NamedNode(g) for g in query.default_graphs] or None,
                                 named_graphs=[ox.NamedNode(g) for g in query.named_graphs] or None,
                                 use_default_graph_as_union=not query.default_graphs)
        else:  # a query that names its dataset (FROM / FROM NAMED) gets exactly that dataset
            from kg.store.base import names_dataset

            answer = store.query(query.sparql, use_default_graph_as_union=not names_dataset(query.sparql))
    except SyntaxError as e:
        conn.send(("error", 400, f"malformed SPARQL: {str(e).strip()}"))
        return
    except (OSError, ValueError, RuntimeError) as e:
        conn.send(("error", 500, f"query failed: {e}"))
        return
    kind = ("boolean" if isinstance(answer, ox.QueryBoolean)
            else "triples" if isinstance(answer, ox.QueryTriples) else "solutions")
    media = None
    if query.media:  # a format parameter: a short name (json, xml, csv...) or a media type
        short = query.media.lower()
        if kind == "triples":
            short = {"xml": "rdfxml", "json": "jsonld"}.get(short, short)
        media = negotiate(SHORT.get(short, short), kind)
    media = media or negotiate(query.accept, kind)
    if media is None:
        wanted = query.media or query.accept
        conn.send(("error", 406, f"cannot answer this {kind} query as {wanted}"))
        return
    conn.send(("head", media))
    seen = 0

    def stop() -> str | None:
        nonlocal seen
        seen += 1
        if time.monotonic() >= query.deadline - MARGIN:
            return TIMEOUT
        if seen % 128 == 0:
            while conn.poll():
                if conn.recv()[0] == "stop":
                    return CANCELLED
        return None

    sink = _Chunks(conn)
    try:
        count, reason = write_answer(answer, media, query.limit, sink, stop)
    except (OSError, ValueError, RuntimeError) as e:  # a SERVICE that failed, a store read error
        sink.flush()
        conn.send(("fail", f"query failed: {e}"))
        return
    finally:
        del answer  # the engine's iterator: dropping it ends the query
    sink.flush()
    conn.send(("end", count, reason))


# ----------------------------------------------------------------- parent side


class _Worker:
    def __init__(self, context, location: str) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(location, child), name="kg-serve-worker", daemon=True)
        self.process.start()
        child.close()

    def ready(self, timeout: float) -> None:
        """Wait for the worker to open the store; raises RuntimeError with its message if it could not."""
        if not self.conn.poll(timeout):
            self.kill()
            raise RuntimeError("the query worker did not start in time")
        try:
            message = self.conn.recv()
        except EOFError:
            self.kill()
            raise RuntimeError(f"the query worker exited with status {self.process.exitcode}") from None
        if message[0] != "ready":
            self.kill()
            raise RuntimeError(message[2])

    def rss(self) -> int:
        """Resident memory of the worker, in bytes (0 if unknown)."""
        try:
            with open(f"/proc/{self.process.pid}/statm", encoding="utf-8") as f:
                return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            return 0

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class EnginePool:
    """``workers`` query processes on the store folder ``location``, and a queue of at most ``queue`` waiting
    queries. Use :meth:`run` to answer a query, :meth:`close` to stop the workers.

    >>> import tempfile, pyoxigraph as ox
    >>> folder = tempfile.mkdtemp()
    >>> s = ox.Store(folder); s.add(ox.Quad(ox.NamedNode("http://ex/s"), ox.NamedNode("http://ex/p"),
    ...                                    ox.Literal("o"), ox.NamedNode("http://ex/g"))); s.flush(); del s
    >>> with EnginePool(folder, workers=1) as pool:
    ...     events = list(pool.run(Query("SELECT ?o WHERE { ?s ?p ?o }", accept="text/csv")))
    >>> events[0], b"".join(e[1] for e in events if e[0] == "data"), events[-1]
    (('head', 'text/csv'), b'o\\r\\no\\r\\n', ('end', 1, None))
    """

    def __init__(self, location: str | Path, workers: int = 2, queue: int = 128,
                 max_memory: int | None = None, startup: float = 60.0) -> None:
        self.location = str(location)
        self.size = workers
        self.queue = queue
        self.max_memory = max_memory
        self.restarts = 0
        self._context = multiprocessing.get_context("spawn")
        self._idle: queuelib.Queue[_Worker] = queuelib.Queue()
        self._waiting = 0
        self._count = threading.Lock()
        self._closed = False
        self._all: set[_Worker] = set()
        # every worker is started from this one long-lived thread: PR_SET_PDEATHSIG fires when the thread
        # that started a process ends, so a short-lived thread would take its worker with it
        self._spawns: queuelib.Queue[int | None] = queuelib.Queue()
        self._started: queuelib.Queue[_Worker | Exception] = queuelib.Queue()
        self._startup = startup
        self._supervisor = threading.Thread(target=self._supervise, name="kg-serve-workers", daemon=True)
        self._supervisor.start()
        for _ in range(workers):
            self._spawns.put(1)
        for _ in range(workers):
            started = self._started.get()
            if isinstance(started, Exception):
                self.close()
                raise started

    # -- workers
    def _supervise(self) -> None:
        while True:
            job = self._spawns.get()
            if job is None or self._closed:
                return
            try:
                worker = _Worker(self._context, self.location)
                self._all.add(worker)
                worker.ready(self._startup)
            except Exception as e:  # reported to the caller of the constructor, or logged on a restart
                if job == 1:
                    self._started.put(e if isinstance(e, RuntimeError) else RuntimeError(str(e)))
                else:
                    log.error("cannot restart a query worker: %s", e)
                continue
            if self._closed:  # closed while this one started
                worker.kill()
                return
            if job == 1:
                self._started.put(worker)
            self._idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker and start another in its place (in the background)."""
        worker.kill()
        self._all.discard(worker)
        if not self._closed:
            self.restarts += 1
            self._spawns.put(2)

    def _release(self, worker: _Worker) -> None:
        """Give a worker back to the pool; one that kept more than half of ``max_memory`` after its query (the
        allocator rarely gives memory back) is replaced, so the pool's memory stays flat."""
        if self.max_memory and worker.rss() > self.max_memory // 2:
            self._replace(worker)
        else:
            self._idle.put(worker)

    def _acquire(self, deadline: float) -> _Worker:
        try:
            return self._idle.get_nowait()
        except queuelib.Empty:
            pass
        with self._count:
            if self._waiting >= self.queue:
                raise Busy(f"all {self.size} query workers are busy and {self.queue} queries are waiting")
            self._waiting += 1
        try:
            return self._idle.get(timeout=max(0.0, min(deadline - time.monotonic(), 3600.0)))
        except queuelib.Empty:
            raise Busy("every query worker stayed busy until the query's deadline") from None
        finally:
            with self._count:
                self._waiting -= 1

    def _cancel(self, worker: _Worker) -> None:
        """Ask a worker to stop its query; kill it if it does not within a second."""
        try:
            worker.conn.send(("stop",))
            end = time.monotonic() + 1.0
            while worker.conn.poll(max(0.0, end - time.monotonic())):
                if worker.conn.recv()[0] in ("end", "error", "fail"):
                    self._release(worker)
                    return
        except (EOFError, OSError):
            pass
        self._replace(worker)

    # -- queries
    def run(self, query: Query, client: socket.socket | None = None) -> Iterator[tuple]:
        """Answer ``query``: yields ``("head", media)``, ``("data", bytes)``..., then ``("end", results,
        reason)`` (reason: why it stopped early, or None); or ``("error", status, message)`` instead
        (``("fail", message)`` after some data). Raises :class:`Busy` if no worker is free in time.

        With ``client`` (the requester's socket) the query is cancelled as soon as the client hangs up;
        closing the generator early cancels it as well.
        """
        while True:  # a worker that died while idle is replaced, and the query goes to the next one
            worker = self._acquire(query.deadline)
            try:
                worker.conn.send(("query", query))
                break
            except OSError:
                self._replace(worker)
        finished = False
        try:
            watched = [worker.conn] + ([client] if client is not None else [])
            next_check = time.monotonic() + 0.25
            while True:
                now = time.monotonic()
                if now > query.deadline + GRACE:
                    self._replace(worker)
                    finished = True
                    yield ("error", 504, f"the query did not finish within its {query.timeout:g} s timeout")
                    return
                if self.max_memory and now >= next_check:
                    next_check = now + 0.25
                    if worker.rss() > self.max_memory:
                        self._replace(worker)
                        finished = True
                        yield ("error", 503, f"the query was stopped: it needed more than "
                                             f"{self.max_memory // 2**20} MB")
                        return
                ready = wait(watched, timeout=max(0.0, min(next_check, query.deadline + GRACE) - now + 0.001))
                if client is not None and client in ready and _hung_up(client):
                    return  # the finally clause cancels the query
                if client is not None and client in ready:
                    watched = [worker.conn]  # the next request is already here: stop watching
                if worker.conn not in ready:
                    continue
                try:
                    message = worker.conn.recv()
                except (EOFError, OSError):
                    self._replace(worker)
                    finished = True
                    yield ("error", 500, "the query engine stopped; it has been restarted")
                    return
                if message[0] in ("end", "error", "fail"):
                    finished = True
                    self._release(worker)
                    yield message
                    return
                yield message
        finally:
            if not finished:
                self._cancel(worker)

    def close(self) -> None:
        self._closed = True
        self._spawns.put(None)
        if self._supervisor is not threading.current_thread():
            self._supervisor.join(10)  # a worker being started is then in _all
        for worker in list(self._all):
            worker.kill()
        self._all.clear()

    def __enter__(self) -> EnginePool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _hung_up(client: socket.socket) -> bool:
    try:
        return client.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True
