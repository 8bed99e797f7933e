"""Extraction throughput (issue 5, item 1): articles/s and words/s, against the bare text pipeline.

The dev articles of ``../shared/corpus/dev`` are repeated to ``--articles``
(default 2,000; each copy gets its own id). Measured in the same run:

- baseline: loading + cleaning + sentence splitting + tokenising the same
  texts with the engine's own functions (``kg.extract.clean.clean_text``,
  ``kg.extract.tokens.split_sentences`` and ``tokenize``), else a plain regex
  tokeniser (the report names which);
- extraction with ``kg.extract.extract``, one process (``--jobs 1``) and a
  pool of worker processes (``--jobs 2``), as ``kg ingest --jobs`` runs it;
- peak memory (max RSS of this process, and of the workers).

Usage: ``.venv/bin/python bench/bench_extract.py [--articles 2000] [--shared ../shared]``
"""

from __future__ import annotations

import argparse
import multiprocessing
import re
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.facts import Article  # noqa: E402
from kg.loaders import load_text_file  # noqa: E402

_WORD = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")


def baseline_pipeline():
    """The bare text pipeline and its name."""
    try:
        from kg.extract.clean import clean_text
        from kg.extract.tokens import split_sentences, tokenize

        def run(text: str) -> int:
            cleaned = clean_text(text)
            return sum(len(tokenize(s.text if hasattr(s, "text") else str(s))) for s in split_sentences(cleaned))

        return run, "kg.extract.clean.clean_text + tokens.split_sentences + tokens.tokenize"
    except ImportError:
        return (lambda text: len(_WORD.findall(text))), "regex tokeniser \\w+(?:[-'’]\\w+)*|[^\\w\\s]"


def corpus(shared: Path, count: int) -> list[Article]:
    dev = sorted((shared / "corpus" / "dev").glob("*.txt"))
    if not dev:
        raise SystemExit(f"no dev articles in {shared}/corpus/dev")
    base = [load_text_file(p) for p in dev]
    return [Article(f"{a.id}-{i}", a.source, a.text, a.date) for i in range(count // len(base) + 1)
            for a in base][:count]


def _extract_count(article: Article) -> int:
    from kg.extract import extract

    return len(extract(article).facts)


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()

    arts = corpus(args.shared, args.articles)
    words = sum(len(_WORD.findall(a.text)) for a in arts)
    run, name = baseline_pipeline()
    run(arts[0].text)  # warm up (tables, regexes)

    t = time.perf_counter()
    for a in arts:
        load_text_file(Path(a.source))
        run(a.text)
    base = time.perf_counter() - t

    from kg.extract import extract

    extract(arts[0])  # warm up: gazetteers load once per process
    t = time.perf_counter()
    facts = sum(len(extract(a).facts) for a in arts)
    one = time.perf_counter() - t
    peak_one = _peak_mb()

    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(2, mp_context=ctx) as pool:
        list(pool.map(_extract_count, arts[:4]))  # warm up both workers
        t = time.perf_counter()
        facts2 = sum(pool.map(_extract_count, arts, chunksize=16))
        two = time.perf_counter() - t
    peak_workers = _peak_mb(resource.RUSAGE_CHILDREN)
    assert facts == facts2

    print(f"{len(arts)} articles, {words:,} words, {facts:,} facts; baseline = {name}")
    print("| run | seconds | articles/s | words/s | x baseline time |")
    print("|---|---|---|---|---|")
    for label, sec in (("baseline (load + clean + split + tokenise)", base), ("extract --jobs 1", one),
                       ("extract --jobs 2", two)):
        print(f"| {label} | {sec:.2f} | {len(arts) / sec:,.0f} | {words / sec:,.0f} | {sec / base:.1f} |")
    print(f"peak RSS: main process {peak_one:.0f} MB, largest worker {peak_workers:.0f} MB")


if __name__ == "__main__":
    main()
