"""Past one machine: extraction as a map (local pool, Dask), shards loaded, RDF imported, each in its own process.

    .venv/bin/python bench/bench_scale.py --articles 20000 --work /tmp/bench-scale
    .venv/bin/python bench/bench_scale.py --articles 2000 --parts ingest1 dask2 load-embedded

The articles are the dev articles (``../shared/corpus/dev/*.txt``, read at run
time, never copied into the repository) repeated with distinct ids into one
JSON Lines file in ``--work``. Parts (each a subprocess, so peak RSS is its own):

  ingest1          kg ingest, one process (the baseline for articles/s)
  ingest2          kg ingest --jobs 2 (run_map, local engine): driver and largest worker peak RSS
  ingest-dask      kg ingest --engine dask --jobs 2 (a LocalCluster of 2 workers): driver and worker peak RSS
  extract1         kg extract, one process (the pure map, no store)
  dask2            kg extract --engine dask on a LocalCluster of 2 workers: driver and worker peak RSS
  bulk-baseline    pyoxigraph bulk_load of the shards' N-Quads files, nothing else (baseline for triples/s)
  load-embedded    kg load of the dask2 shards into a fresh embedded store
  load-server      kg load of the same shards into an Oxigraph server started on 127.0.0.1
  import-embedded  kg import rdf of the embedded store's N-Quads export into a fresh store
  import-server    kg import rdf of the same file into a fresh Oxigraph server
  roundtrip        a generated store of --roundtrip triples: export, import into a fresh store, export,
                   compare (sorted N-Quads must be identical); import time and peak RSS
  import-double    kg import rdf of twice the generated file (the copy in other graphs): peak RSS
                   must not grow with the file
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEV = ROOT.parent / "shared" / "corpus" / "dev"
PARTS = ["ingest1", "ingest2", "ingest-dask", "extract1", "dask2", "bulk-baseline", "load-embedded", "load-server",
         "import-embedded", "import-server", "roundtrip", "import-double"]


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def build_corpus(work: Path, articles: int) -> Path:
    """``articles`` records from the dev articles, with distinct ids, as one JSON Lines file."""
    from kg.loaders import load_text_file

    path = work / f"articles-{articles}.jsonl"
    if path.exists():
        return path
    dev = [load_text_file(p) for p in sorted(DEV.glob("*.txt"))]
    if not dev:
        sys.exit(f"no dev articles in {DEV}")
    with path.open("w", encoding="utf-8") as out:
        for i in range(articles):
            a = dev[i % len(dev)]
            out.write(json.dumps({"id": f"{a.id}-{i:06d}", "text": a.text, "date": a.date}) + "\n")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """An Oxigraph server on 127.0.0.1 in a fresh folder; its peak RSS read from /proc before it stops."""

    def __init__(self, folder: Path) -> None:
        binary = Path(sys.executable).parent / "oxigraph"
        self.port = free_port()
        self.process = subprocess.Popen([str(binary), "serve", "--location", str(folder), "--bind",
                                         f"127.0.0.1:{self.port}"], stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), 0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        self.url = f"http://127.0.0.1:{self.port}"

    def peak_mb(self) -> float:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()


def fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    return path


def part(name: str, work: Path, articles: int, roundtrip: int) -> dict:
    from kg.store import open_store

    corpus = work / f"articles-{articles}.jsonl"
    shards = work / "shards"
    export = work / "export.nq"
    out: dict = {"part": name, "load_before": os.getloadavg()[0]}
    started = time.perf_counter()
    if name in ("ingest1", "ingest2", "ingest-dask"):
        from kg.ingest import ingest_paths

        workers: list[float] = []

        def ask(client) -> None:
            workers.extend(client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024).values())

        with open_store(fresh(work / f"store-{name}"), write=True) as store:
            report = ingest_paths(store, [corpus], jobs=1 if name == "ingest1" else 2,
                                  engine="dask" if name == "ingest-dask" else "local", on_client=ask)
        out.update(articles=report.articles, errors=len(report.errors),
                   worker_peak_mb=max(workers) if workers else peak_mb(resource.RUSAGE_CHILDREN))
    elif name in ("extract1", "dask2"):
        from kg.shards import extract_to_shards

        workers: list[float] = []

        def ask(client) -> None:
            workers.extend(client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024).values())

        target = fresh(shards if name == "dask2" else work / "shards-1")
        report = extract_to_shards([corpus], target, engine="dask" if name == "dask2" else "local", jobs=2,
                                   batch_size=250, on_client=ask) if name == "dask2" else \
            extract_to_shards([corpus], target, batch_size=250)
        out.update(articles=report.articles, triples=report.triples, shards=report.shards,
                   errors=len(report.errors), worker_peak_mb=max(workers) if workers else None)
    elif name == "bulk-baseline":
        import pyoxigraph as ox

        store = ox.Store(str(fresh(work / "store-bulk")))
        for path in sorted(shards.glob("*.nq")):
            store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
        out["triples"] = len(store)
    elif name in ("load-embedded", "load-server"):
        from kg.shards import load_shards

        server = Server(fresh(work / "server-load")) if name == "load-server" else None
        location = server.url if server else fresh(work / "store-loaded")
        try:
            with open_store(location, write=True) as store:
                report = load_shards(store, shards)
                out.update(articles=report.articles, triples=report.triples, errors=len(report.errors))
                out["seconds_load"] = time.perf_counter() - started
                t = time.perf_counter()
                again = load_shards(store, shards)
                out.update(seconds_reload=time.perf_counter() - t, unchanged=again.unchanged)
                if server is None:
                    with export.open("wb") as handle:
                        store.export(handle, "nquads")
        finally:
            if server:
                out["server_peak_mb"] = server.peak_mb()
                server.stop()
    elif name in ("import-embedded", "import-server"):
        from kg.importrdf import import_rdf

        server = Server(fresh(work / "server-import")) if name == "import-server" else None
        location = server.url if server else fresh(work / "store-imported")
        try:
            with open_store(location, write=True) as store:
                out["triples"] = import_rdf(store, export)
                out["bytes"] = export.stat().st_size
        finally:
            if server:
                out["server_peak_mb"] = server.peak_mb()
                server.stop()
    elif name == "generate":
        from bench.bench_store import synthetic_data

        data, out["triples"] = synthetic_data(roundtrip)
        (work / "generated.nq").write_bytes(data)
    elif name == "roundtrip":
        from kg.importrdf import import_rdf

        with open_store(fresh(work / "store-gen"), write=True) as store:
            import_rdf(store, work / "generated.nq")
            with (work / "rt-a.nq").open("wb") as handle:
                store.export(handle, "nquads")
            out["triples"] = store.count()
        out["seconds_first"] = time.perf_counter() - started
        t = time.perf_counter()
        with open_store(fresh(work / "store-rt"), write=True) as store:
            import_rdf(store, work / "rt-a.nq")
            out["seconds_import"] = time.perf_counter() - t
            out["import_peak_mb"] = peak_mb()
            with (work / "rt-b.nq").open("wb") as handle:
                store.export(handle, "nquads")
        a = subprocess.run(["sort", "-o", str(work / "rt-a.sorted"), str(work / "rt-a.nq")],
                           env={**os.environ, "LC_ALL": "C"}, check=True)
        b = subprocess.run(["sort", "-o", str(work / "rt-b.sorted"), str(work / "rt-b.nq")],
                           env={**os.environ, "LC_ALL": "C"}, check=True)
        del a, b
        out["identical"] = subprocess.run(["cmp", "-s", str(work / "rt-a.sorted"), str(work / "rt-b.sorted")]
                                          ).returncode == 0
        out["bytes"] = (work / "rt-a.nq").stat().st_size
    elif name == "import-double":
        from kg.importrdf import import_rdf

        double = work / "double.nq"
        with double.open("wb") as handle:
            for rename in (False, True):
                with (work / "generated.nq").open("rb") as source:
                    for line in source:
                        handle.write(line.replace(b"/synthetic-", b"/synthetix-") if rename else line)
        started = time.perf_counter()
        with open_store(fresh(work / "store-double"), write=True) as store:
            out["triples"] = import_rdf(store, double)
        out["bytes"] = double.stat().st_size
    out["seconds"] = time.perf_counter() - started
    out["peak_mb"] = peak_mb()
    out["load_after"] = os.getloadavg()[0]
    return out


def report(results: dict[str, dict], articles: int) -> str:
    lines = [f"{articles:,} articles (dev articles repeated with distinct ids), {os.cpu_count()} cores; "
             "machine load (1-minute average) at the start and end of each part: "
             + ", ".join(f"{k} {r['load_before']:.1f}->{r['load_after']:.1f}" for k, r in results.items()) + "\n"]
    base = results.get("ingest1")
    if any(k in results for k in ("ingest1", "ingest2", "extract1", "dask2")):
        lines += ["| run | workers | seconds | articles/s | x ingest (1 process) | per worker | driver peak RSS "
                  "| worker peak RSS |", "|---|---|---|---|---|---|---|---|"]
        for key, label, n in (("ingest1", "kg ingest (1 process, baseline)", 1),
                              ("ingest2", "kg ingest --jobs 2 (run_map, local pool)", 2),
                              ("ingest-dask", "kg ingest --engine dask --jobs 2 (LocalCluster)", 2),
                              ("extract1", "kg extract (1 process, no store)", 1),
                              ("dask2", "kg extract --engine dask --jobs 2 (LocalCluster)", 2)):
            r = results.get(key)
            if not r:
                continue
            rate = r["articles"] / r["seconds"]
            ratio = rate / (base["articles"] / base["seconds"]) if base else float("nan")
            worker = f"{r['worker_peak_mb']:,.0f} MB" if r.get("worker_peak_mb") and n > 1 else "-"
            lines.append(f"| {label} | {n} | {r['seconds']:.0f} | {rate:,.1f} | {ratio:.2f}x | {ratio / n:.2f}x "
                         f"| {r['peak_mb']:,.0f} MB | {worker} |")
        lines.append("")
    bulk = results.get("bulk-baseline")
    rows = [(k, lbl) for k, lbl in (("bulk-baseline", "pyoxigraph bulk_load of the shard files (baseline)"),
                                    ("load-embedded", "kg load, embedded store"),
                                    ("load-server", "kg load, Oxigraph server"),
                                    ("import-embedded", "kg import rdf (export of the loaded store), embedded"),
                                    ("import-server", "kg import rdf (same file), Oxigraph server"))
            if k in results]
    if rows:
        lines += ["| step | triples | seconds | triples/s | x bulk_load time | peak RSS | server peak RSS |",
                  "|---|---|---|---|---|---|---|"]
        for key, label in rows:
            r = results[key]
            seconds = r.get("seconds_load", r["seconds"])
            ratio = f"{seconds / bulk['seconds']:.1f}x" if bulk else "-"
            server = f"{r['server_peak_mb']:,.0f} MB" if r.get("server_peak_mb") else "-"
            lines.append(f"| {label} | {r['triples']:,} | {seconds:.1f} | {r['triples'] / seconds:,.0f} | {ratio} "
                         f"| {r['peak_mb']:,.0f} MB | {server} |")
            if "seconds_reload" in r:
                lines.append(f"| ... the same shards again (all {r['unchanged']:,} articles unchanged) | 0 "
                             f"| {r['seconds_reload']:.1f} | - | - | - | - |")
        lines.append("")
    rt = results.get("roundtrip")
    if rt:
        lines.append(f"Round trip of a generated store of {rt['triples']:,} triples ({rt['bytes'] / 1e6:.0f} MB of "
                     f"N-Quads): export, kg import rdf into a fresh store in {rt['seconds_import']:.1f} s "
                     f"({rt['triples'] / rt['seconds_import']:,.0f} triples/s), peak RSS of the process "
                     f"{rt['import_peak_mb']:,.0f} MB (two imports and two exports), export again: "
                     f"{'identical' if rt['identical'] else 'DIFFERENT'} sorted N-Quads.")
    dbl = results.get("import-double")
    if dbl:
        lines.append(f"\nkg import rdf of twice that file ({dbl['triples']:,} triples, {dbl['bytes'] / 1e6:.0f} MB): "
                     f"{dbl['seconds']:.1f} s ({dbl['triples'] / dbl['seconds']:,.0f} triples/s), "
                     f"peak RSS {dbl['peak_mb']:,.0f} MB.")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--roundtrip", type=int, default=1_000_000, help="triples of the generated store")
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-scale"))
    parser.add_argument("--parts", nargs="*", choices=PARTS, default=PARTS)
    parser.add_argument("--part", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.part:
        print(json.dumps(part(args.part, args.work, args.articles, args.roundtrip)))
        return
    build_corpus(args.work, args.articles)
    print(f"start: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}", file=sys.stderr)
    results: dict[str, dict] = {}
    parts = ["generate", *args.parts] if {"roundtrip", "import-double"} & set(args.parts) else args.parts
    for name in parts:
        done = subprocess.run([sys.executable, __file__, "--part", name, "--articles", str(args.articles),
                               "--roundtrip", str(args.roundtrip), "--work", str(args.work)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"part {name} failed:\n{done.stderr[-3000:]}")
        results[name] = json.loads(done.stdout.strip().splitlines()[-1])
        print(json.dumps(results[name]), file=sys.stderr, flush=True)
    print(f"end: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}", file=sys.stderr)
    print(report(results, args.articles))


if __name__ == "__main__":
    main()
