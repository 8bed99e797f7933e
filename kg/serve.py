"""``kg serve``: the local store as a read-only SPARQL 1.1 endpoint.

The endpoint is the Oxigraph server shipped by the PyPI ``oxigraph`` package,
run as ``oxigraph serve-read-only --location DIR --bind HOST:PORT
--union-default-graph --timeout-s N``: queries see the union of the article
graphs (as with ``kg query``), updates and Graph Store writes are refused.
Endpoints: ``/query`` (SPARQL 1.1 Query protocol, GET or POST) and ``/store``
(Graph Store protocol, read only).

Guards. The server listens on 127.0.0.1 unless told otherwise; each query has a
timeout (Oxigraph's ``--timeout-s``) and a result cap: Oxigraph has no option
for that, so with ``limit`` set the Oxigraph server listens on an internal
loopback port and :mod:`kg.resultcap` (a WSGI application on the standard
library's threaded server) answers on the public one, cutting every answer to
``limit`` results.

Reading a RocksDB store while another process writes it is undefined, so the
store's shared lock is held for the server's lifetime (the server process
inherits it, so it outlives a killed ``kg serve``): a writer (``kg ingest``,
``kg import``) gets a clear "in use" error until the server stops.
"""

from __future__ import annotations

import ipaddress
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg.locking import StoreLock
from kg.store import StoreError

__all__ = ["Server", "find_oxigraph", "installed_program", "serve", "serve_command", "start_server"]


def installed_program(name: str) -> str | None:
    """A program installed with this Python (next to it, in a venv), else on PATH; None if neither.

    >>> installed_program("no-such-program-armskg") is None
    True
    """
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else shutil.which(name)


def find_oxigraph() -> str:
    """The ``oxigraph`` server binary (:func:`installed_program`)."""
    found = installed_program("oxigraph")
    if not found:
        raise StoreError("the oxigraph server is not installed; run `pip install oxigraph`")
    return found


def serve_command(location: Path, host: str, port: int, timeout: float) -> list[str]:
    """The command line of the read-only server.

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


@dataclass
class Server:
    """A running read-only endpoint: stop it with :meth:`stop` (or use it as a context manager)."""

    process: subprocess.Popen
    lock: StoreLock
    url: str
    front: object | None = None  # the result-cap server in front of Oxigraph, if any

    @property
    def query_url(self) -> str:
        return self.url + "/query"

    def wait(self) -> int:
        try:
            return self.process.wait()
        finally:
            self.lock.release()

    def stop(self) -> None:
        if self.front is not None:
            self.front.shutdown()
            self.front.server_close()
            self.front = None
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.lock.release()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _listening(host: str, port: int) -> bool:
    try:
        socket.create_connection((host if host not in ("0.0.0.0", "::") else "127.0.0.1", port), 0.2).close()
        return True
    except OSError:
        return False


def _check_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as e:
            raise StoreError(
                f"the SPARQL server did not start on {host}:{port}: {e.strerror or e}; choose another --port"
            ) from None


def start_server(location: Path | str, host: str = "127.0.0.1", port: int = 7878, timeout: float = 30.0,
                 startup: float = 30.0, limit: int | None = 10_000) -> Server:
    """Start the read-only endpoint on the store folder ``location``; returns once it accepts connections.

    ``limit`` caps the results of each query (``None`` or 0: no cap, Oxigraph answers directly).
    """
    path = Path(location)
    if str(location).startswith(("http://", "https://")):
        raise StoreError(f"{location} is already a SPARQL server; kg serve exposes a local store folder")
    if not (path / "CURRENT").is_file():
        raise StoreError(f"no store at {path}; ingest or import something first (or give --store)")
    if not 0 < port < 65536:
        raise ValueError(f"port {port} is out of range; give --port between 1 and 65535")
    _check_free(host, port)
    public = (host, port)
    if limit:
        host, port = "127.0.0.1", _free_port()  # Oxigraph behind the cap, on loopback only
    command = serve_command(path, host, port, timeout)
    lock = StoreLock(path, exclusive=False).acquire()  # StoreBusy while a writer holds the store
    fds = (lock._fd,) if lock._fd is not None else ()
    with tempfile.TemporaryFile() as log:  # the server's messages, read if it fails to start
        try:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log,
                                       pass_fds=fds)
        except OSError as e:
            lock.release()
            raise StoreError(f"cannot start the oxigraph server: {e.strerror or e}") from None
        deadline = time.monotonic() + startup
        while not _listening(host, port):
            if process.poll() is not None or time.monotonic() > deadline:
                if process.poll() is None:
                    process.kill()
                process.wait()
                lock.release()
                log.seek(0)
                lines = [ln for ln in log.read().decode("utf-8", "replace").splitlines() if ln.strip()]
                why = lines[-1].strip() if lines else f"exit status {process.returncode}"
                if "in use" in why.lower():
                    why += f"; choose another --port than {port}"
                raise StoreError(f"the SPARQL server did not start on {host}:{port}: {why}")
            time.sleep(0.05)
    front = None
    if limit:
        from kg.resultcap import start_cap

        try:
            front = start_cap(public[0], public[1], f"http://127.0.0.1:{port}", limit, timeout)
        except OSError as e:
            process.kill()
            process.wait()
            lock.release()
            raise StoreError(f"the SPARQL server did not start on {public[0]}:{public[1]}: {e.strerror or e}") from None
    shown = f"[{public[0]}]" if ":" in public[0] else public[0]
    return Server(process, lock, f"http://{shown}:{public[1]}", front)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(location: Path | str, host: str = "127.0.0.1", port: int = 7878, timeout: float = 30.0,
          on_ready: Callable[[Server], None] | None = None, limit: int | None = 10_000) -> int:
    """Run the endpoint until it exits or the user interrupts; returns the server's exit status."""

    def interrupt(signum, frame):  # SIGTERM stops the server as Ctrl-C does
        raise KeyboardInterrupt

    main = threading.current_thread() is threading.main_thread()
    held: list[int] = []
    if main:  # a Ctrl-C while the server starts is held, then stops it through the handler below
        old_int = signal.signal(signal.SIGINT, lambda signum, frame: held.append(signum))
        previous = signal.signal(signal.SIGTERM, lambda signum, frame: held.append(signum))
    try:
        server = start_server(location, host, port, timeout, limit=limit)
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
        return server.wait()
    except KeyboardInterrupt:
        server.stop()
        return 0
    finally:
        if main:
            signal.signal(signal.SIGTERM, previous)
