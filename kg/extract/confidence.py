"""How likely each extracted fact is to be right: features of the fact, a logistic model.

The rules propose candidate facts; this module describes each candidate by what
the extractor knows about it (its type and status, how many sentences state it,
whether its roles were named in the sentence or filled from the article, where
in the article it stands) and turns that into a probability with a logistic
model whose weights live in ``kg/data/fact_scorer.json``. The weights are fitted
by ``bench/train_scorer.py`` on annotated articles, cross-validated by article,
so that a confidence of p means the fact was right about p of the time on
articles the model was not fitted on. Facts under the model's threshold are
dropped; the others keep their confidence (``akg:confidence`` in RDF).

>>> sigmoid(0.0)
0.5
>>> model = Model(("support",), (2.0,), -1.0, 0.5, {})
>>> round(model.probability({"support": 1.0}), 3)
0.731
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from kg.extract.annotate import Sent
from kg.extract.context import Context
from kg.extract.gazetteer import load
from kg.facts import Agreement, Deal, Fact, Leader, Maker, Member, Official, Ref, Sanction, fact_type
from kg.resources import DATA_DIR

STATUSES = ("proposed", "agreed", "delivered", "refused", "cancelled")
TYPES = ("deal", "agreement", "sanction", "member", "maker", "leader", "official")


def sigmoid(x: float) -> float:
    """The logistic function, safe for large ``|x|``."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


@dataclass(frozen=True)
class Model:
    """A logistic model over named features: ``p = sigmoid(bias + sum(w * x))``."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float
    about: dict

    def probability(self, x: dict[str, float]) -> float:
        return sigmoid(self.bias + sum(w * x.get(f, 0.0) for f, w in zip(self.features, self.weights)))


@lru_cache(maxsize=1)
def load_model() -> Model | None:
    """The model named by ``$KG_FACT_SCORER`` (one fitted on your own reviewed articles, say), else
    the shipped one (``kg/data/fact_scorer.json``), or ``None`` when there is none."""
    path = Path(os.environ.get("KG_FACT_SCORER") or DATA_DIR / "fact_scorer.json")
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Model(
        tuple(data["features"]),
        tuple(float(w) for w in data["weights"]),
        float(data["bias"]),
        float(data["threshold"]),
        data.get("about", {}),
    )


@dataclass(frozen=True)
class Candidate:
    """A merged fact, how many raw readings support it, and its features."""

    fact: Fact
    support: int
    features: dict[str, float]


def _sentence_of(ctx: Context, fact: Fact) -> Sent | None:
    ev = getattr(fact, "evidence", None)
    if ev is None:
        return None
    for s in ctx.sentences:
        if s.offset == ev.start:
            return s
    return None


def _refs_in(ctx: Context, sent: Sent | None) -> set[Ref]:
    if sent is None:
        return set()
    out: set[Ref] = set()
    for m in sent.mentions:
        if m.setting:
            continue
        ref = ctx.actor(m)
        if ref is not None:
            out.add(ref)
        if m.kind in ("weapon", "noun"):
            out.add(Ref.weapon(m.key))
        elif m.kind == "person":
            out.add(Ref.person(m.key))
    return out


def features(fact: Fact, support: int, ctx: Context, n_deals: int) -> dict[str, float]:
    """What the extractor knows about one merged fact, as numbers (absent features are 0)."""
    g = load()
    kind = fact_type(fact)
    sent = _sentence_of(ctx, fact)
    here = _refs_in(ctx, sent)
    n = max(1, len(ctx.sentences))
    index = sent.index if sent is not None else n
    x: dict[str, float] = {
        f"type_{kind}": 1.0,
        "lang_en": 1.0 if ctx.lang == "en" else 0.0,
        "support": math.log1p(support),
        "several_sentences": 1.0 if support > 1 else 0.0,
        "lede": 1.0 if index <= 1 else 0.0,
        "position": index / n,
        "deals_in_article": math.log1p(n_deals),
    }
    main = ctx.main_country
    if isinstance(fact, Deal):
        x[f"deal_{fact.status}"] = 1.0
        generic = fact.weapon.key not in g.weapons
        x["deal_generic_weapon"] = 1.0 if generic else 0.0
        makers = g.weapons[fact.weapon.key].makers if not generic else ()
        x["deal_supplier_is_maker"] = 1.0 if fact.supplier.key in makers else 0.0
        x["deal_supplier_in_sentence"] = 1.0 if fact.supplier in here else 0.0
        x["deal_recipient_in_sentence"] = 1.0 if fact.recipient in here else 0.0
        x["deal_weapon_in_sentence"] = 1.0 if fact.weapon in here else 0.0
        x["deal_year"] = 1.0 if fact.year is not None else 0.0
        x["deal_main_weapon"] = 1.0 if fact.weapon.key == ctx.main_weapon else 0.0
        x["deal_main_country"] = 1.0 if main in (fact.supplier, fact.recipient) else 0.0
    elif isinstance(fact, Agreement):
        x["agreement_weapon"] = 1.0 if fact.weapon is not None else 0.0
        x["agreement_many_parties"] = 1.0 if len(fact.parties) > 2 else 0.0
        x["agreement_proposed"] = 1.0 if fact.status == "proposed" else 0.0
        x["agreement_parties_in_sentence"] = sum(p in here for p in fact.parties) / max(1, len(fact.parties))
    elif isinstance(fact, Sanction):
        x["sanction_weapon"] = 1.0 if fact.weapon is not None else 0.0
        x["sanction_roles_in_sentence"] = (fact.by in here) + (fact.target in here) / 2.0
    elif isinstance(fact, Maker):
        x["maker_catalogue_agrees"] = (
            1.0 if fact.weapon.key in g.weapons and fact.country.key in g.weapons[fact.weapon.key].makers else 0.0
        )
        x["maker_country_in_sentence"] = 1.0 if fact.country in here else 0.0
    elif isinstance(fact, Member):
        x["member_country_in_sentence"] = 1.0 if fact.country in here else 0.0
    elif isinstance(fact, (Leader, Official)):
        x["person_known"] = 1.0 if fact.person.key in g.people else 0.0
        x["person_state_in_sentence"] = 1.0 if fact.of in here else 0.0
        x["person_main_country"] = 1.0 if fact.of == main else 0.0
        x["person_former"] = 1.0 if isinstance(fact, Leader) and fact.former else 0.0
    return x


def candidates(merged: list[Fact], support: dict[tuple, int], ctx: Context) -> list[Candidate]:
    """Each merged fact with its features; ``support`` counts the raw readings of each (type, core)."""
    n_deals = sum(isinstance(f, Deal) for f in merged)
    out = []
    for f in merged:
        key = (fact_type(f), f.core)
        out.append(Candidate(f, support.get(key, 1), features(f, support.get(key, 1), ctx, n_deals)))
    return out


def apply(cands: list[Candidate], model: Model | None = None, keep_all: bool = False) -> list[Fact]:
    """The facts with their confidence set; those under the model's threshold are dropped
    (unless ``keep_all``). Without a model every fact is kept, with no confidence."""
    model = model if model is not None else load_model()
    if model is None:
        return [c.fact for c in cands]
    out = []
    for c in cands:
        p = model.probability(c.features)
        if keep_all or p >= model.threshold:
            out.append(replace(c.fact, confidence=round(p, 3)))
    return out
