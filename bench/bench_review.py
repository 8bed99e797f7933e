"""Benchmark what review decisions cost the store (kg.curation), in one run on the embedded store.

The articles are the written test articles (``tests/data``), extracted once,
then stored ``--copies`` times under other ids, so that the store holds
thousands of articles without extracting them again.

- storing: each article's graph as ``kg ingest`` stores it, with no decision
  in the store (baseline: the mapping as before review existed) and with one
  decision about every article (ours: the decisions applied to each graph);
- one decision: ``kg review reject`` on one fact (insert into the curation
  graph, then the article graph read back, curated again and replaced);
- the queue: every fact of every article, ordered (``kg review list``);
- views: the ``deals`` query on the curated store (baseline), and on the
  ``--raw`` view (an in-memory copy with the changed articles rebuilt).

Run: ``.venv/bin/python -m bench.bench_review --copies 50``
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import tempfile
import time
from pathlib import Path

from kg import curation
from kg.decisions import Decision
from kg.extract import extract
from kg.facts import Extraction
from kg.loaders import load_text_file
from kg.mapping import article_iri, fact_key, to_graph
from kg.queries import get_query
from kg.store import open_store

ROOT = Path(__file__).resolve().parents[1]


def extractions(copies: int) -> list[Extraction]:
    base = [extract(load_text_file(p)) for p in sorted((ROOT / "tests" / "data").rglob("*.txt"))]
    base = [ex for ex in base if ex.facts]
    return [dataclasses.replace(ex, article=dataclasses.replace(ex.article, id=f"{ex.article.id}-{i}"))
            for i in range(copies) for ex in base]


def store_all(store, items: list[Extraction], decisions: dict[str, list[Decision]] | None) -> float:
    start = time.perf_counter()
    for ex in items:
        iri = str(article_iri(ex.article))
        if decisions is None:
            graph = to_graph(ex, "h")
        else:
            graph, _ = curation.extraction_graph(store, ex, "h", decisions.get(iri, ()))
        store.replace_graph(iri, graph)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    items = extractions(args.copies)
    facts = sum(len(ex.facts) for ex in items)
    print(f"{len(items)} articles, {facts} facts")
    decisions = {str(article_iri(ex.article)): [Decision(str(article_iri(ex.article)), fact_key(ex.facts[0]),
                                                         "reject", "bench", "2026-01-01T00:00:00Z")]
                 for ex in items}
    with tempfile.TemporaryDirectory() as tmp:
        base_times, our_times = [], []
        for r in range(args.repeat):
            for kind, times, given in (("baseline", base_times, None), ("ours", our_times, decisions)):
                store = open_store(Path(tmp) / f"{kind}-{r}", write=True)
                times.append(store_all(store, items, given))
                store.close()
        b, o = statistics.median(base_times), statistics.median(our_times)
        print(f"storing {len(items)} articles: baseline {b:.2f} s, with a decision per article {o:.2f} s "
              f"({o / b:.2f}x)")

        store = open_store(Path(tmp) / "review", write=True)
        store_all(store, items, None)
        start = time.perf_counter()
        queue = curation.queue(store)
        queue_time = time.perf_counter() - start
        print(f"queue of {len(queue)} facts: {queue_time:.2f} s")
        decide_times = []
        for item in queue[:20]:
            start = time.perf_counter()
            curation.decide(store, item, "reject", by="bench", reason="bench")
            decide_times.append(time.perf_counter() - start)
        print(f"one decision (median of {len(decide_times)}): {statistics.median(decide_times) * 1000:.1f} ms")
        deals = get_query("deals").text
        plain, raw = [], []
        for _ in range(args.repeat):
            start = time.perf_counter()
            n = len(store.query(deals))
            plain.append(time.perf_counter() - start)
            start = time.perf_counter()
            m = len(curation.view(store, raw=True).query(deals))
            raw.append(time.perf_counter() - start)
        p, q = statistics.median(plain), statistics.median(raw)
        print(f"deals query: curated {p:.3f} s ({n} rows), --raw view {q:.3f} s ({m} rows) ({q / p:.1f}x)")
        store.close()


if __name__ == "__main__":
    main()
