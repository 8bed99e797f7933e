"""``kg query`` as a process on the SIPRI store: start-up, name resolution, Ctrl-C, --timeout, a waiting writer.

    .venv/bin/python bench/bench_query_process.py                  # imports SIPRI into a scratch store first
    .venv/bin/python bench/bench_query_process.py --store DIR      # a store that already holds SIPRI
    .venv/bin/python bench/bench_query_process.py --runs 11

The package is byte-compiled first, as an installed one is. Each figure is
the median of ``--runs`` runs (wall time, and the CPU time of
the process, which a shared machine disturbs less), in the same run as its
baseline: ``kg --version`` (the floor of a ``kg`` process: Python, click and
the package's imports) for the processes, and the resolver of 4fe975d (every
typed entity of the store read with its labels, compared by slug) for the
name lookup, in this process on the same store, and put back into ``kg`` for
the same commands as processes (``--old-resolver``).

The runaway query counts a cross product of the whole store; Ctrl-C is
SIGINT sent 1.5 s after the start, the latency is from the signal to the
exit. The writer is ``kg ingest --wait 5`` of the bundled sample article,
started while the runaway query runs (on a copy of the store), timed against
the same ingest alone.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
REGISTER = ROOT.parent / "shared" / "data" / "sipri" / "trade-register-2025-03-13.csv"
KG = str(Path(sys.executable).with_name("kg"))
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"
SAMPLE = ROOT / "data" / "seed-s400-turquie.txt"


def timed(args: list[str], runs: int) -> tuple[float, float]:
    """The median wall time and the median CPU time (user + system) of a process.

    CPU time is what the process itself spends, so it stays meaningful when the
    machine is shared; wall time is what a user waits.
    """
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def old_find_entities(store, name: str) -> list[str]:
    """The resolver of 4fe975d, kept here as the baseline: every typed entity read with all its labels."""
    from kg.facts import slug

    wanted = slug(name)
    rows = store.query(
        """SELECT DISTINCT ?e ?t ?n WHERE {
             ?e a ?t .
             FILTER(STRSTARTS(STR(?e), "https://w3id.org/armskg/id/"))
             { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?n } UNION
             { ?e <http://www.w3.org/2004/02/skos/core#altLabel> ?n } }"""
    )
    found = set()
    for row in rows:
        etype = str(row["t"]).rsplit("#", 1)[-1]
        if etype in ("Country", "Alliance", "Person", "WeaponSystem") and (
                slug(str(row["n"])) == wanted or slug(str(row["e"]).rsplit("/", 1)[-1]) == wanted):
            found.add(str(row["e"]))
    return sorted(found)


def resolution(store_dir: str, names: list[str], runs: int) -> list[tuple[str, float, float]]:
    from kg.resolve import find_entities
    from kg.store import open_store

    out = []
    with open_store(store_dir) as store:
        for name in names:
            assert old_find_entities(store, name) == [m.iri for m in find_entities(store, name)], name
            old, new = [], []
            for _ in range(runs):
                start = time.perf_counter()
                old_find_entities(store, name)
                old.append(time.perf_counter() - start)
                start = time.perf_counter()
                find_entities(store, name)
                new.append(time.perf_counter() - start)
            out.append((name, statistics.median(old), statistics.median(new)))
    return out


def ctrl_c(store_dir: str, runs: int) -> float:
    latencies = []
    for _ in range(runs):
        proc = subprocess.Popen([KG, "--store", store_dir, "query", RUNAWAY], stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
        time.sleep(1.5)
        start = time.perf_counter()
        proc.send_signal(signal.SIGINT)
        try:
            _, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise SystemExit("Ctrl-C did not stop kg query within 30 s") from None
        latencies.append(time.perf_counter() - start)
        assert proc.returncode == 130 and err == "Interrupted.\n", (proc.returncode, err)
    return statistics.median(latencies)


def timeout(store_dir: str, limit: float, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run([KG, "--store", store_dir, "query", RUNAWAY, "--timeout", str(limit)],
                                capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        assert result.returncode == 124, result.stderr
    return statistics.median(times)


def writer(store_dir: str) -> tuple[float, int, float]:
    """(seconds the ingest took while a runaway query ran, its exit status, seconds alone)."""
    reader = subprocess.Popen([KG, "--store", store_dir, "query", RUNAWAY], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.5)
        start = time.perf_counter()
        result = subprocess.run([KG, "--store", store_dir, "ingest", "--quiet", "--force", "--wait", "5",
                                 str(SAMPLE)], capture_output=True, text=True)
        during = time.perf_counter() - start
        assert reader.poll() is None, "the runaway query ended before the writer did"
    finally:
        reader.kill()
        reader.wait()
    start = time.perf_counter()
    subprocess.run([KG, "--store", store_dir, "ingest", "--quiet", "--force", str(SAMPLE)], check=True)
    return during, result.returncode, time.perf_counter() - start


def old_resolver_cli(argv: list[str]) -> None:
    """``kg ARGS`` with the resolver of 4fe975d put back (the baseline of the process times)."""
    import kg.resolve
    from kg.cli import cli

    def find_entities(store, name):
        return [kg.resolve.Match(iri, iri, "WeaponSystem") for iri in old_find_entities(store, name)]

    kg.resolve.find_entities = find_entities
    sys.exit(cli.main(argv, prog_name="kg"))


def main() -> None:
    if sys.argv[1:2] == ["--old-resolver"]:
        old_resolver_cli(sys.argv[2:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="a store that already holds the SIPRI register (default: import it)")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    # byte-compile the package, as an installed one is (with PYTHONDONTWRITEBYTECODE set, an editable
    # install would otherwise compile every kg module from source in every process)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "kg")], check=True)
    with tempfile.TemporaryDirectory(prefix="kg-bench-query-") as scratch:
        store_dir = args.store
        if store_dir is None:
            store_dir = str(Path(scratch) / "store")
            subprocess.run([KG, "--store", store_dir, "import", "sipri", "--quiet", str(REGISTER)], check=True)
        floor, floor_cpu = timed([KG, "--version"], args.runs)
        print(f"kg query as a process on the SIPRI store, median of {args.runs} runs (load average before: "
              f"{os.getloadavg()[0]:.1f})\n")
        print("| command | wall s | x kg --version | CPU s | x kg --version |\n|---|---|---|---|---|")
        print(f"| `kg --version` | {floor:.3f} | 1.0 | {floor_cpu:.3f} | 1.0 |")

        def row(label: str, command: list[str]) -> None:
            wall, cpu = timed(command, args.runs)
            print(f"| {label} | {wall:.3f} | {wall / floor:.2f} | {cpu:.3f} | {cpu / floor_cpu:.2f} |")

        for params in (["deals", "--param", "weapon=S-400 Triumf"], ["deals", "--param", "recipient=Turkiye"],
                       ["deals-by-supplier", "--param", "supplier=Belarus"], ["leaders"]):
            row(f"`kg query {' '.join(params)}`", [KG, "--store", store_dir, "query", *params])
            if any(p.startswith(("weapon=", "supplier=")) for p in params):
                row("the same, with the resolver of 4fe975d",
                    [sys.executable, __file__, "--old-resolver", "--store", store_dir, "query", *params])
        print("\n| name resolved in-process | resolver of 4fe975d | now | ratio |\n|---|---|---|---|")
        for name, old, new in resolution(store_dir, ["S-400 Triumf", "Turkiye", "Belarus", "TUR"], args.runs):
            print(f"| {name} | {old:.3f} | {new:.3f} | {old / new:.1f}x |")
        print()
        print(f"Ctrl-C on a runaway query: exit 130 {ctrl_c(store_dir, 3):.3f} s after SIGINT (median of 3)")
        for limit in (1.0, 3.0):
            wall = timeout(store_dir, limit, 3)
            print(f"--timeout {limit:g}: exit 124 after {wall:.3f} s of process time "
                  f"({wall - limit - floor:+.3f} s beyond the limit and the kg --version floor; median of 3)")
        copy = Path(scratch) / "writer-store"  # the writer part changes the store: work on a copy
        shutil.copytree(store_dir, copy, ignore=shutil.ignore_patterns("LOCK"))
        during, status, alone = writer(str(copy))
        print(f"kg ingest --wait 5 while the runaway query runs: exit {status} after {during:.3f} s "
              f"(the same ingest alone: {alone:.3f} s)")


if __name__ == "__main__":
    main()
