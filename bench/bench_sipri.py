"""SIPRI import: time, triples and peak memory for the full trade register, against plain CSV reading.

    .venv/bin/python bench/bench_sipri.py [FILE]

Parts, each in its own subprocess (separate peak RSS):
  csv      baseline: read the file with the csv module (decode + split rows), nothing else
  map      kg.sipri.build_ntriples: rows -> Deal records -> N-Triples (no store)
  import   kg.sipri.import_sipri into a fresh on-disk store (what `kg import sipri` does:
           one transaction), then the triple count
"""

from __future__ import annotations

import csv
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
REGISTER = ROOT.parent / "shared" / "data" / "sipri" / "trade-register-2025-03-13.csv"


def part(name: str, path: Path) -> dict:
    started = time.perf_counter()
    out: dict = {"part": name}
    if name == "csv":
        text = path.read_bytes().decode("iso-8859-1")
        out["rows"] = sum(1 for _ in csv.reader(io.StringIO(text)))
    elif name == "map":
        from kg.sipri import build_ntriples

        _, data, report = build_ntriples(path)
        out.update(deals=report.deals, skipped=len(report.skipped), triples=report.triples, bytes=len(data))
    else:
        from kg.sipri import import_sipri
        from kg.store import open_store

        with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "store", write=True) as store:
            report = import_sipri(store, path)
            out["seconds_import"] = time.perf_counter() - started
            out.update(deals=report.deals, skipped=len(report.skipped), triples=store.count())
            t = time.perf_counter()
            again = import_sipri(store, path)  # the same release again: replaces its graph
            out["seconds_reimport"] = time.perf_counter() - t
            out["triples_after_reimport"] = again.triples
    out["seconds"] = time.perf_counter() - started
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--part":
        print(json.dumps(part(sys.argv[2], Path(sys.argv[3]))))
        return
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else REGISTER
    results = {}
    for name in ("csv", "map", "import"):
        done = subprocess.run([sys.executable, __file__, "--part", name, str(path)], capture_output=True, text=True,
                              check=True)
        results[name] = json.loads(done.stdout)
    base = results["csv"]["seconds"]
    print(f"File: {path.name}; {results['map']['deals']:,} deals, {results['map']['skipped']:,} rows skipped, "
          f"{results['import']['triples']:,} triples ({results['map']['bytes'] / 1e6:.0f} MB of N-Triples)\n")
    print("| step | time | vs csv reading | peak RSS |")
    print("|---|---|---|---|")
    rows = [("read the CSV (baseline)", results["csv"]["seconds"], results["csv"]["peak_mb"]),
            ("read + map to N-Triples", results["map"]["seconds"], results["map"]["peak_mb"]),
            ("kg import sipri (map + one-transaction load)", results["import"]["seconds_import"],
             results["import"]["peak_mb"]),
            ("re-import the same release (replace)", results["import"]["seconds_reimport"],
             results["import"]["peak_mb"])]
    for label, seconds, peak in rows:
        print(f"| {label} | {seconds:.1f} s | {seconds / base:.0f}x | {peak:,.0f} MB |")


if __name__ == "__main__":
    main()
