"""``kg serve`` under load, beside Oxigraph's own server (``oxigraph serve-read-only``) in the same run.

Both serve the same store (the SIPRI trade register as ``kg import sipri``
stores it, built into a temporary folder unless ``--store`` is given) on
127.0.0.1 with the union default graph. For each number of clients, `wrk`
(Debian package ``wrk``) sends one selective query over keep-alive connections
for ``--duration`` seconds and reports requests/s, p50, p99 and errors
(socket errors and non-2xx answers). After each run the endpoint must still
answer; a server that died is reported with its exit status and started again
for the next run.

    .venv/bin/python bench/bench_serve.py                              # 1, 4, 16, 64 clients, 15 s each
    .venv/bin/python bench/bench_serve.py --servers kg --clients 4 16 64 --duration 60   # the endurance run
    .venv/bin/python bench/bench_serve.py --runaway 5     # runaway queries: answer, time, peak memory
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
REGISTER = ROOT.parent / "shared" / "data" / "sipri" / "trade-register-2025-03-13.csv"
QUERY = ("PREFIX akg: <https://w3id.org/armskg/ontology#> SELECT ?d ?w WHERE { "
         "?d akg:recipient <https://w3id.org/armskg/id/country/TUR> ; "
         "akg:supplier <https://w3id.org/armskg/id/country/RUS> ; akg:weapon ?w }")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_store(folder: Path) -> Path:
    store = folder / "store"
    kg = shutil.which("kg", path=str(Path(sys.executable).parent)) or "kg"
    subprocess.run([kg, "--store", str(store), "import", "sipri", str(REGISTER)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return store


def start(server: str, store: Path, port: int, workers: int) -> subprocess.Popen:
    from kg.store.serve import serve_command

    if server == "kg":
        kg = shutil.which("kg", path=str(Path(sys.executable).parent)) or "kg"
        command = [kg, "--store", str(store), "serve", "--port", str(port), "--workers", str(workers)]
    else:
        command = serve_command(store, "127.0.0.1", port, 30)
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not answers(port):
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"{server} did not start (exit status {process.poll()})")
        time.sleep(0.1)
    return process


def answers(port: int) -> bool:
    url = f"http://127.0.0.1:{port}/query?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}


def wrk(port: int, clients: int, duration: int) -> dict:
    url = f"http://127.0.0.1:{port}/query?" + urllib.parse.urlencode({"query": QUERY})
    out = subprocess.run(["wrk", f"-t{min(2, clients)}", f"-c{clients}", f"-d{duration}s", "--timeout", "10s",
                          "--latency", url], capture_output=True, text=True, timeout=duration + 60).stdout

    def latency(pct: str) -> float | None:
        m = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.MULTILINE)
        return float(m.group(1)) * _UNITS[m.group(2)] if m else None

    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    total = re.search(r"(\d+) requests in", out)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": float(rate.group(1)) if rate else 0.0, "requests": int(total.group(1)) if total else 0,
            "p50": latency("50"), "p99": latency("99"),
            "socket_errors": sum(int(x) for x in sockets.groups()) if sockets else 0,
            "non2xx": int(non2xx.group(1)) if non2xx else 0, "raw": out}


RUNAWAY = [
    ("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", []),
    ("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", ["--max-memory", "1024"]),
    ("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f", ["--max-memory", "0"]),
    ("SELECT ?a (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f } GROUP BY ?a", []),
]


def tree_mb(pid: int) -> dict[int, int]:
    """Resident MB of a process and its children (the workers are children of one of its threads)."""
    pids = [pid]
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            pids += [int(x) for x in (task / "children").read_text(encoding="utf-8").split()]
    except OSError:
        pass
    sizes = {}
    for p in pids:
        try:
            sizes[p] = int(Path(f"/proc/{p}/statm").read_text(encoding="utf-8").split()[1]) * 4096 // 2**20
        except (OSError, IndexError, ValueError):
            pass
    return sizes


class Sampler:
    """The largest resident size of any process in a tree, sampled every 50 ms in a thread."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self.done = pid, 0, threading.Event()
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        while not self.done.is_set():
            self.peak = max(self.peak, max(tree_mb(self.pid).values(), default=0))
            time.sleep(0.05)

    def stop(self) -> int:
        self.done.set()
        return self.peak


def runaway(store: Path, timeout: float) -> None:
    """Each runaway query once against a fresh ``kg serve --timeout``: answer, time, peak memory."""

    print("| query | options | answer | seconds | peak MB (largest process) | largest process after |")
    print("|---|---|---|---|---|---|", flush=True)
    kg = shutil.which("kg", path=str(Path(sys.executable).parent)) or "kg"
    for query, options in RUNAWAY:
        port = free_port()
        process = subprocess.Popen([kg, "--store", str(store), "serve", "--port", str(port), "--timeout",
                                    str(timeout), *options], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while not answers(port):
                time.sleep(0.1)
            sampler = Sampler(process.pid)
            request = urllib.request.Request(f"http://127.0.0.1:{port}/query",
                                             data=urllib.parse.urlencode({"query": query}).encode(),
                                             headers={"Accept": "application/sparql-results+json"})
            started = time.monotonic()
            try:
                with urllib.request.urlopen(request, timeout=600) as response:
                    rows = len(json.loads(response.read())["results"]["bindings"])
                    answer = f"{response.status}, {rows:,} rows"
            except urllib.error.HTTPError as e:
                answer = f"{e.code}: {e.read().decode().strip()}"
            elapsed = time.monotonic() - started
            time.sleep(1.0)
            peak = sampler.stop()
            after = max(tree_mb(process.pid).values(), default=0)
            print(f"| `{query}` | {' '.join(options) or '-'} | {answer} | {elapsed:.2f} | {peak} | {after} |",
                  flush=True)
        finally:
            stop(process)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a store folder (default: the SIPRI register, imported now)")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 4, 16, 64])
    parser.add_argument("--duration", type=int, default=15, help="seconds per run")
    parser.add_argument("--servers", nargs="+", default=["kg", "oxigraph"], choices=["kg", "oxigraph"])
    parser.add_argument("--workers", type=int, default=2, help="kg serve --workers")
    parser.add_argument("--verbose", action="store_true", help="print wrk's own output")
    parser.add_argument("--runaway", type=float, metavar="TIMEOUT",
                        help="instead of the load runs: runaway queries against kg serve --timeout TIMEOUT")
    args = parser.parse_args()
    if args.runaway:
        with tempfile.TemporaryDirectory() as tmp:
            runaway(args.store or build_store(Path(tmp)), args.runaway)
        return
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or build_store(Path(tmp))
        print(f"store {store}; query: {QUERY}\n", flush=True)
        print("| server | clients | requests | req/s | p50 ms | p99 ms | errors | up after |")
        print("|---|---|---|---|---|---|---|---|", flush=True)
        results: dict[tuple[str, int], dict] = {}
        for server in args.servers:
            port = free_port()
            process = start(server, store, port, args.workers)
            try:
                for clients in args.clients:
                    result = wrk(port, clients, args.duration)
                    up = answers(port)
                    status = process.poll()
                    up_text = f"no: exited ({status})" if status is not None else "yes" if up else "no: not answering"
                    errors = result["socket_errors"] + result["non2xx"]
                    p50 = f"{result['p50']:.2f}" if result["p50"] is not None else "-"
                    p99 = f"{result['p99']:.2f}" if result["p99"] is not None else "-"
                    print(f"| {server} | {clients} | {result['requests']:,} | {result['rps']:,.0f} | {p50} | {p99} "
                          f"| {errors:,} ({result['socket_errors']:,} socket, {result['non2xx']:,} non-2xx) "
                          f"| {up_text} |", flush=True)
                    if args.verbose:
                        print(result["raw"], flush=True)
                    results[(server, clients)] = result
                    if status is not None or not up:  # start it again for the next run
                        stop(process)
                        port = free_port()
                        process = start(server, store, port, args.workers)
            finally:
                stop(process)
        if "kg" in args.servers and "oxigraph" in args.servers:
            print("\nreq/s, kg serve / oxigraph serve-read-only: " + ", ".join(
                f"{c} clients {results[('kg', c)]['rps'] / results[('oxigraph', c)]['rps']:.2f}x"
                if results[("oxigraph", c)]["rps"] else f"{c} clients -" for c in args.clients))


if __name__ == "__main__":
    main()
