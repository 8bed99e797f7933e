"""Fit the fact confidence model on annotated articles, cross-validated by article.

    python bench/train_scorer.py                      # ../shared/corpus/dev, 5 folds, writes kg/data/fact_scorer.json
    python bench/train_scorer.py GOLD... --out PATH   # other gold folders (for example reviewed articles)
    python bench/train_scorer.py --exclude ID ...     # leave articles out (a held-out set)
    python bench/train_scorer.py --no-write           # measure only

Every candidate fact the rules propose (``kg.extract.engine.candidate_facts``) is
labelled right or wrong against the gold file of its article, then a logistic
regression (scikit-learn) is fitted on the candidates' features. The folds split
by article, never by fact, so a reported figure always comes from articles the
model was not fitted on:

- the threshold under which facts are dropped is chosen, in each outer fold, by
  an inner cross-validation on that fold's training articles only;
- the reliability table (confidence bin -> measured precision) and the
  precision/recall at thresholds 0.5, 0.7 and 0.9 use out-of-fold confidences;
- the facts F1 of the whole pipeline (rules + model) is measured by ``kg eval``
  on each held-out fold with that fold's model.

The model written at the end is fitted on all the articles given.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.evaluate import _Matcher, _norm, evaluate, gold_core, gold_files, load_gold  # noqa: E402
from kg.extract.engine import build_entities, candidate_facts  # noqa: E402
from kg.facts import fact_type  # noqa: E402

DEV = ROOT.parent / "shared" / "corpus" / "dev"
OUT = ROOT / "kg" / "data" / "fact_scorer.json"


def _gold_form(fact, names: dict) -> tuple:
    """A candidate's core with each entity key replaced by the gold key it matches."""

    def k(ref):
        return names.get(ref, ref.key)

    from kg.facts import Agreement

    if isinstance(fact, Agreement):
        return (tuple(sorted(k(p) for p in fact.parties)), k(fact.weapon) if fact.weapon else None)
    refs = {
        "deal": ("supplier", "recipient", "weapon"),
        "sanction": ("by", "target"),
        "maker": ("weapon", "country"),
        "member": ("country", "alliance"),
        "leader": ("person", "of"),
        "official": ("person", "of"),
    }[fact_type(fact)]
    return tuple(k(getattr(fact, r)) for r in refs)


def labelled_candidates(path: Path) -> tuple[str, list, list[int], int]:
    """(article id, candidates, labels, number of gold facts) for one gold file."""
    gold = load_gold(path)
    ctx, cands = candidate_facts(gold["_article"], gold.get("lang"))
    matcher = _Matcher(gold)
    names = {}
    for e in build_entities(ctx, [c.fact for c in cands]):
        all_names = [e.ref.key, *(label for label, _ in e.labels), *e.names]
        names[e.ref] = matcher.key(e.ref.type, all_names, e.ref.key)
    wanted = {(f["type"], _norm(gold_core(f))) for f in gold["facts"]}
    labels = [int((fact_type(c.fact), _norm(_gold_form(c.fact, names))) in wanted) for c in cands]
    return gold["id"], cands, labels, len(wanted)


def matrix(cands: list, names: list[str]) -> np.ndarray:
    return np.array([[c.features.get(n, 0.0) for n in names] for c in cands], dtype=float)


class Constant:
    """What a fold whose candidates are all right (or all wrong) can learn: their share."""

    def __init__(self, x: np.ndarray, y: np.ndarray) -> None:
        share = min(max(float(y.mean()), 0.01), 0.99)
        self.coef_ = np.zeros((1, x.shape[1]))
        self.intercept_ = np.array([np.log(share / (1 - share))])
        self.share = share

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        return np.tile([1 - self.share, self.share], (len(x), 1))


def fit(x: np.ndarray, y: np.ndarray) -> LogisticRegression | Constant:
    if len(set(y.tolist())) < 2:
        return Constant(x, y)
    return LogisticRegression(C=1.0, max_iter=2000).fit(x, y)


def best_threshold(p: np.ndarray, y: np.ndarray, n_gold: int) -> float:
    """The threshold that maximises facts F1 (gold facts the rules never proposed count as misses)."""
    best, best_f = 0.5, -1.0
    for t in np.arange(0.05, 0.95, 0.025):
        keep = p >= t
        tp = int((keep & (y == 1)).sum())
        fp = int((keep & (y == 0)).sum())
        f = 2 * tp / (2 * tp + fp + (n_gold - tp)) if tp else 0.0
        if f > best_f:
            best, best_f = float(t), f
    return round(best, 3)


def inner_threshold(x, y, groups, gold_counts, folds: int) -> float:
    p = np.zeros(len(y))
    for tr, te in GroupKFold(n_splits=min(folds, len(set(groups)))).split(x, y, groups):
        p[te] = fit(x[tr], y[tr]).predict_proba(x[te])[:, 1]
    n_gold = sum(gold_counts[g] for g in set(groups))
    return best_threshold(p, y, n_gold)


def micro(scores: list[dict]) -> tuple[float, float, float]:
    """Precision, recall and F1 summed over folds."""
    tp = sum(s["facts"]["tp"] for s in scores)
    fp = sum(s["facts"]["fp"] for s in scores)
    fn = sum(s["facts"]["fn"] for s in scores)
    return tp / (tp + fp), tp / (tp + fn), 2 * tp / (2 * tp + fp + fn)


def model_json(names, clf, threshold, about) -> dict:
    return {
        "features": names,
        "weights": [round(float(w), 6) for w in clf.coef_[0]],
        "bias": round(float(clf.intercept_[0]), 6),
        "threshold": threshold,
        "about": about,
    }


def pipeline_score(model: dict, paths: list[Path]) -> dict:
    """``kg eval`` of the whole pipeline on ``paths`` with ``model`` as the confidence model."""
    from kg.extract import confidence

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump(model, fh)
    os.environ["KG_FACT_SCORER"] = fh.name
    confidence.load_model.cache_clear()
    try:
        return evaluate(paths).as_dict()
    finally:
        del os.environ["KG_FACT_SCORER"]
        confidence.load_model.cache_clear()
        Path(fh.name).unlink()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="*", type=Path, default=[DEV])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--exclude", action="append", default=[], help="article id to leave out (repeatable)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)

    files = [f for f in gold_files(args.gold) if f.stem not in set(args.exclude)]
    rows = [labelled_candidates(f) for f in files]
    names = sorted({n for _, cands, _, _ in rows for c in cands for n in c.features})
    cands = [c for _, cs, _, _ in rows for c in cs]
    x = matrix(cands, names)
    y = np.array([lab for _, _, labels, _ in rows for lab in labels])
    groups = np.array([aid for aid, cs, _, _ in rows for _ in cs])
    gold_counts = {aid: n for aid, _, _, n in rows}
    by_id = {f.stem: f for f in files}
    print(
        f"{len(files)} articles, {len(y)} candidate facts, {int(y.sum())} right, "
        f"{sum(gold_counts.values())} gold facts, {len(names)} features"
    )

    oof = np.zeros(len(y))
    fold_scores, kept_scores = [], []
    for tr, te in GroupKFold(n_splits=args.folds).split(x, y, groups):
        clf = fit(x[tr], y[tr])
        oof[te] = clf.predict_proba(x[te])[:, 1]
        t = inner_threshold(x[tr], y[tr], groups[tr], gold_counts, args.folds)
        test_ids = sorted(set(groups[te]))
        score = pipeline_score(model_json(names, clf, t, {}), [by_id[i] for i in test_ids])
        kept = pipeline_score(model_json(names, clf, 0.0, {}), [by_id[i] for i in test_ids])
        fold_scores.append(score)
        kept_scores.append(kept)
        print(
            f"  fold: {len(test_ids)} articles, threshold {t}: facts F1 {score['facts']['f1']:.3f} "
            f"(P {score['facts']['precision']:.3f} R {score['facts']['recall']:.3f}); "
            f"keeping every fact: F1 {kept['facts']['f1']:.3f}"
        )
    cv, cv_kept = micro(fold_scores), micro(kept_scores)
    print(
        f"cross-validated pipeline, dropping facts under each fold's threshold: P {cv[0]:.3f} R {cv[1]:.3f} "
        f"F1 {cv[2]:.3f}"
    )
    print(
        f"cross-validated pipeline, keeping every fact (confidence only): P {cv_kept[0]:.3f} "
        f"R {cv_kept[1]:.3f} F1 {cv_kept[2]:.3f}"
    )
    drop = cv[2] - cv_kept[2] >= 0.005  # dropping facts must earn its keep on held-out folds
    cv_p, cv_r, cv_f1 = cv if drop else cv_kept

    print("\nreliability (out-of-fold confidence of every candidate):")
    print("| confidence | facts | right | precision |\n|---|---:|---:|---:|")
    for lo in np.arange(0.0, 1.0, 0.1):
        sel = (oof >= lo) & (oof < lo + 0.1 if lo < 0.85 else oof <= 1.0)
        if sel.sum():
            print(f"| {lo:.1f}-{lo + 0.1:.1f} | {int(sel.sum())} | {int(y[sel].sum())} | {y[sel].mean():.2f} |")
    n_gold = sum(gold_counts.values())
    print("\n| threshold | precision | recall (of all gold facts) |\n|---|---:|---:|")
    for t in (0.5, 0.7, 0.9):
        keep = oof >= t
        k_tp = int((keep & (y == 1)).sum())
        prec = k_tp / keep.sum() if keep.sum() else float("nan")
        print(f"| {t} | {prec:.3f} | {k_tp / n_gold:.3f} |")

    clf = fit(x, y)
    threshold = best_threshold(oof, y, n_gold) if drop else 0.0
    print(
        f"\nthreshold written: {threshold} (across folds, dropping scored {cv[2]:.3f} and keeping every fact "
        f"{cv_kept[2]:.3f}; dropping is kept only when it gains 0.005 or more)"
    )
    about = {
        "what": "logistic model of the probability that an extracted fact is right (kg/extract/confidence.py)",
        "fitted_on": f"{len(files)} annotated articles ({', '.join(str(p) for p in args.gold)}); "
        f"{len(y)} candidate facts; weights only, no text or annotation",
        "command": "python bench/train_scorer.py" + "".join(f" --exclude {e}" for e in args.exclude),
        "date": date.today().isoformat(),
        "cross_validated": {
            "folds": args.folds,
            "facts_precision": round(cv_p, 3),
            "facts_recall": round(cv_r, 3),
            "facts_f1": round(cv_f1, 3),
            "facts_f1_dropping": round(cv[2], 3),
            "facts_f1_keeping_all": round(cv_kept[2], 3),
        },
    }
    if not args.no_write:
        args.out.write_text(json.dumps(model_json(names, clf, threshold, about), indent=1) + "\n", encoding="utf-8")
        print(f"\nwrote {args.out} (threshold {threshold})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
