"""The gold files of the articles written for the tests (tests/data) keep the dev corpus's conventions."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
GOLD = sorted(DATA.glob("heldout*/*.json"))


def test_there_are_written_articles():
    assert len(GOLD) > 400


@pytest.mark.parametrize("path", GOLD, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_deal_year_is_one_the_text_writes(path):
    """A deal's year is the year the text gives (fact-model.md: "when the text gives it"); the annotated dev
    articles never date a deal by the article's own date or by a relative date ("last year")."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    body = path.with_suffix(".txt").read_text(encoding="utf-8").split("\n", 1)[1]
    written = set(re.findall(r"\d{4}", body))
    undated = [f for f in gold["facts"] if f.get("year") is not None and str(f["year"]) not in written]
    assert undated == []
