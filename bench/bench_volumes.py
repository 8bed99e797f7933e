"""SIPRI volumes: the tiv-* ready-made queries and ``kg chart`` on SIPRI's full delivery-year export.

    .venv/bin/python bench/bench_volumes.py [FILE] [--runs 5]

Imports FILE (default: ../shared/data/sipri/trade-2000-2030-by-delivery-*.csv) into a fresh on-disk
store, then times, median of --runs, in this one process:

- baseline: one pass over every yearly delivery, ``SELECT (SUM(?t) AS ?s) WHERE { ?d akg:tiv ?t }``;
- each tiv-* query bound as an analyst asks it (through ``kg.queries.run_query``, names resolved);
- the numbers of each chart (``kg.charts.chart_data``), and numbers + figure + PNG (``chart`` + ``save``).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg import charts  # noqa: E402
from kg.queries import run_query  # noqa: E402
from kg.sipri import import_sipri  # noqa: E402
from kg.store import open_store  # noqa: E402

BASELINE = "PREFIX akg: <https://w3id.org/armskg/ontology#> SELECT (SUM(?t) AS ?s) WHERE { ?d akg:tiv ?t }"
QUERIES = [
    ("tiv-exporters", {"since": "2020", "until": "2024"}),
    ("tiv-importers", {"since": "2020", "until": "2024"}),
    ("tiv-suppliers", {"recipient": "IND", "period": "5"}),
    ("tiv-clients", {"supplier": "RUS", "period": "5"}),
    ("tiv-categories", {"since": "2020", "until": "2024"}),
]
CHARTS = [
    ("exporters", {"since": 2020, "until": 2024}),
    ("suppliers", {"of": "IND"}),
    ("clients", {"of": "RUS"}),
    ("categories", {"since": 2020, "until": 2024}),
]


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = sorted((ROOT.parent / "shared" / "data" / "sipri").glob("trade-2000-2030-by-delivery-*.csv"))
    parser.add_argument("file", nargs="?", type=Path, default=default[-1] if default else None)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    if args.file is None or not args.file.is_file():
        sys.exit("give SIPRI's delivery-year export (../shared/data/sipri/trade-2000-2030-by-delivery-*.csv)")
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "store"), write=True)
        report = import_sipri(store, args.file)
        print(f"File: {args.file.name}; {report.summary()}\n")
        base = median_time(lambda: store.query(BASELINE), args.runs)
        print("| what | median | x baseline |")
        print("|---|---|---|")
        print(f"| baseline: sum every yearly TIV | {base * 1000:.0f} ms | 1.0 |")
        for name, params in QUERIES:
            t = median_time(lambda n=name, p=params: run_query(store, n, p), args.runs)
            bound = " ".join(f"{k}={v}" for k, v in params.items())
            print(f"| `{name}` {bound} | {t * 1000:.0f} ms | {t / base:.1f} |")
        for kind, options in CHARTS:
            t = median_time(lambda k=kind, o=options: charts.chart_data(store, k, **o), args.runs)
            opts = " ".join(f"{k}={v}" for k, v in options.items())
            print(f"| chart numbers `{kind}` {opts} | {t * 1000:.0f} ms | {t / base:.1f} |")
        out = Path(tmp) / "chart.png"
        t = median_time(lambda: charts.save(charts.chart(store, "exporters", since=2020, until=2024), out), args.runs)
        print(f"| numbers + figure + PNG `exporters` 2020-2024 | {t * 1000:.0f} ms | {t / base:.1f} |")
        store.close()


if __name__ == "__main__":
    main()
