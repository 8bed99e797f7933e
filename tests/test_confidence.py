"""Fact confidence: features, the logistic model, its threshold, and the training script."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.extract import extract
from kg.facts import Article

confidence = importlib.import_module("kg.extract.confidence")
ROOT = Path(__file__).resolve().parents[1]
TEXT = (
    "La Chine a livré des J-10 au Pakistan en 2022. "
    "Le Premier ministre pakistanais Hamid Qureshi s'est félicité du contrat. "
    "Les Etats-Unis ont suspendu leurs ventes d'armes au Pakistan."
)


def test_every_extracted_fact_has_a_confidence_between_0_and_1():
    facts = extract(Article("a", "t", TEXT)).facts
    assert facts
    assert all(f.confidence is not None and 0.0 <= f.confidence <= 1.0 for f in facts)


def test_the_shipped_model_names_its_features_and_its_provenance():
    model = confidence.load_model()
    assert model is not None and len(model.features) == len(model.weights)
    assert 0.0 <= model.threshold < 1.0
    assert "bench/train_scorer.py" in model.about["command"]


def test_facts_under_the_threshold_are_dropped_unless_kept(monkeypatch, tmp_path):
    ctx_cands = importlib.import_module("kg.extract.engine").candidate_facts(Article("a", "t", TEXT))[1]
    strict = confidence.Model(("support",), (0.0,), 0.0, 0.9, {})  # every fact at 0.5 < 0.9
    assert confidence.apply(ctx_cands, strict) == []
    kept = confidence.apply(ctx_cands, strict, keep_all=True)
    assert len(kept) == len(ctx_cands) and {f.confidence for f in kept} == {0.5}


def test_a_model_named_by_kg_fact_scorer_replaces_the_shipped_one(monkeypatch, tmp_path):
    path = tmp_path / "model.json"
    path.write_text(json.dumps({"features": [], "weights": [], "bias": 2.0, "threshold": 0.1}), encoding="utf-8")
    monkeypatch.setenv("KG_FACT_SCORER", str(path))
    confidence.load_model.cache_clear()
    try:
        facts = extract(Article("a", "t", TEXT)).facts
        assert {f.confidence for f in facts} == {round(confidence.sigmoid(2.0), 3)}
    finally:
        monkeypatch.delenv("KG_FACT_SCORER")
        confidence.load_model.cache_clear()


@pytest.mark.slow
def test_the_training_script_cross_validates_by_article(tmp_path):
    pytest.importorskip("sklearn")
    out = tmp_path / "model.json"
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "train_scorer.py"),
            str(ROOT / "tests" / "data"),
            "--folds",
            "3",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    assert "cross-validated pipeline" in run.stdout and "| confidence | facts | right | precision |" in run.stdout
    model = json.loads(out.read_text(encoding="utf-8"))
    assert len(model["features"]) == len(model["weights"]) and model["about"]["cross_validated"]["folds"] == 3
