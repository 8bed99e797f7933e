"""Review decisions as plain records, and how they change an article's facts (no store, no rdflib).

A :class:`Decision` names its fact by key (:func:`kg.mapping.fact_key`: the
fact's type and the entities in its roles), never by a node or a hash of how
the fact was read, so it applies again when new extraction rules read the
article (:func:`curate`). The store side (the curation graph, the curated
article graphs, the review queue) is :mod:`kg.curation`.

A fact travels as a *reading*: a JSON object in the fields of the gold format
(fact-model.md section 4), entities written as :func:`kg.mapping.entity_path`
(``country/TUR``, ``weapon/s-400``), plus ``evidence`` and ``confidence``.

>>> from kg.facts import Deal, Ref
>>> deal = Deal(Ref.country("RUS"), Ref.country("TUR"), Ref.weapon("S-400"), "agreed", 2017)
>>> to_reading(deal)["supplier"]
'country/RUS'
>>> fixed = Decision("https://w3id.org/armskg/id/article/a1", "deal|country/RUS|country/TUR|weapon/s-400",
...                  "correct", "ana", "2026-01-01T00:00:00Z", changes={"status": "delivered"})
>>> curate([deal], [fixed]).facts[0].status
'delivered'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Literal

from kg.facts import (
    STATUSES,
    Agreement,
    Deal,
    Evidence,
    Fact,
    Leader,
    Maker,
    Member,
    Official,
    Sanction,
    fact_type,
)
from kg.mapping import entity_path, fact_key, ref_from_path

Action = Literal["accept", "reject", "correct"]
ACTIONS: tuple[str, ...] = ("accept", "reject", "correct")

#: The fields a correction may set, per fact type (entity roles hold entity paths).
FIELDS: dict[str, tuple[str, ...]] = {
    "deal": ("supplier", "recipient", "weapon", "status", "year"),
    "agreement": ("parties", "weapon", "status", "year"),
    "sanction": ("by", "target", "weapon", "measure"),
    "leader": ("person", "of", "former"),
    "official": ("person", "of", "role"),
    "member": ("country", "alliance"),
    "maker": ("weapon", "country"),
}
#: The fields that name entities.
ENTITY_FIELDS = frozenset({"supplier", "recipient", "weapon", "by", "target", "person", "of", "country",
                           "alliance", "parties"})


@dataclass(frozen=True)
class Decision:
    """An analyst's decision about the fact ``key`` of ``article`` (an article IRI).

    ``when`` is an ISO 8601 UTC time; ``changes`` (corrections) maps reading fields to new
    values; ``reading`` is the fact as the analyst saw it; ``fact`` its IRI then.
    """

    article: str
    key: str
    action: Action
    by: str
    when: str
    reason: str = ""
    changes: Mapping[str, Any] = field(default_factory=dict)
    reading: Mapping[str, Any] | None = None
    fact: str | None = None
    iri: str | None = None  # its node in the curation graph, once stored

    @property
    def time(self) -> datetime:
        """``when`` as an aware datetime (servers may write ``Z`` as ``+00:00``)."""
        try:
            moment = datetime.fromisoformat(self.when)
        except ValueError:
            return datetime.min.replace(tzinfo=UTC)
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise ValueError(f"a decision is one of {', '.join(ACTIONS)}, not {self.action!r}")


def to_reading(fact: Fact) -> dict[str, Any]:
    """A fact as a reading (gold-format fields, entity paths, evidence, confidence)."""
    kind = fact_type(fact)
    out: dict[str, Any] = {"type": kind}
    if isinstance(fact, Leader):
        out.update(person=entity_path(fact.person), of=entity_path(fact.of), former=fact.former)
    elif isinstance(fact, Official):
        out.update(person=entity_path(fact.person), of=entity_path(fact.of), role=fact.role)
    elif isinstance(fact, Member):
        out.update(country=entity_path(fact.country), alliance=entity_path(fact.alliance))
    elif isinstance(fact, Maker):
        out.update(weapon=entity_path(fact.weapon), country=entity_path(fact.country))
    elif isinstance(fact, Deal):
        out.update(supplier=entity_path(fact.supplier), recipient=entity_path(fact.recipient),
                   weapon=entity_path(fact.weapon), status=fact.status, year=fact.year)
    elif isinstance(fact, Agreement):
        out.update(parties=sorted(entity_path(p) for p in fact.parties),
                   weapon=entity_path(fact.weapon) if fact.weapon else None, status=fact.status, year=fact.year)
    elif isinstance(fact, Sanction):
        out.update(by=entity_path(fact.by), target=entity_path(fact.target),
                   weapon=entity_path(fact.weapon) if fact.weapon else None, measure=fact.measure)
    if fact.evidence is not None and fact.evidence.sentence:
        out["evidence"] = fact.evidence.sentence
    if fact.confidence is not None:
        out["confidence"] = fact.confidence
    return out


def _year(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValueError(f"a year is a number such as 2017, not {value!r}") from None


def _status(value: Any, optional: bool = False) -> Any:
    if value is None and optional:
        return None
    if value not in STATUSES:
        raise ValueError(f"a status is one of {', '.join(STATUSES)}, not {value!r}")
    return value


def from_reading(reading: Mapping[str, Any]) -> Fact:
    """The fact a reading describes (``ValueError`` for a malformed one).

    >>> from_reading({"type": "member", "country": "country/FIN", "alliance": "alliance/NATO"}).core
    ('FIN', 'NATO')
    """
    r = dict(reading)
    kind = r.get("type")
    sentence = r.get("evidence")
    common: dict[str, Any] = {"evidence": Evidence(sentence) if sentence else None,
                              "confidence": None if r.get("confidence") is None else float(r["confidence"])}

    def ref(name: str, optional: bool = False):
        value = r.get(name)
        if value in (None, "", "-") and optional:
            return None
        if not isinstance(value, str):
            raise ValueError(f"a {kind} reading needs {name!r}")
        return ref_from_path(value)

    if kind == "leader":
        return Leader(ref("person"), ref("of"), bool(r.get("former", False)), **common)
    if kind == "official":
        return Official(ref("person"), ref("of"), str(r.get("role") or ""), **common)
    if kind == "member":
        return Member(ref("country"), ref("alliance"), **common)
    if kind == "maker":
        return Maker(ref("weapon"), ref("country"), **common)
    if kind == "deal":
        return Deal(ref("supplier"), ref("recipient"), ref("weapon"), _status(r.get("status")), _year(r.get("year")),
                    evidence=common["evidence"], confidence=common["confidence"])
    if kind == "agreement":
        parties = r.get("parties") or []
        if not isinstance(parties, list) or len(parties) < 2:
            raise ValueError("an agreement reading needs two parties or more")
        return Agreement(tuple(ref_from_path(p) for p in parties), ref("weapon", optional=True),
                         _status(r.get("status"), optional=True), _year(r.get("year")), **common)
    if kind == "sanction":
        return Sanction(ref("by"), ref("target"), ref("weapon", optional=True), str(r.get("measure") or ""),
                        **common)
    raise ValueError(f"unknown fact type {kind!r}")


def apply_changes(fact: Fact, changes: Mapping[str, Any]) -> Fact:
    """``fact`` with the values of a correction set (``ValueError`` for a field the fact has not).

    >>> from kg.facts import Member, Ref
    >>> apply_changes(Member(Ref.country("FIN"), Ref.alliance("NATO")), {"alliance": "alliance/EU"}).core
    ('FIN', 'EU')
    """
    kind = fact_type(fact)
    unknown = [k for k in changes if k not in FIELDS[kind]]
    if unknown:
        raise ValueError(f"a {kind} has no field {unknown[0]!r}; it has {', '.join(FIELDS[kind])}")
    checked = from_reading({**to_reading(fact), **changes})  # validates the values
    return replace(fact, **{name: getattr(checked, name) for name in changes})


@dataclass(frozen=True)
class Review:
    """How one decision met the facts of a fresh reading of its article."""

    decision: Decision
    raw: Fact  # the fact as the extractor read it
    fact: Fact | None  # the fact as curated (None: rejected)


@dataclass(frozen=True)
class Curated:
    """The facts of an article once its decisions are applied."""

    facts: tuple[Fact, ...]
    reviews: tuple[Review, ...] = ()
    orphans: tuple[Decision, ...] = ()  # decisions whose fact the extractor no longer reads


def latest(decisions: Iterable[Decision]) -> dict[str, Decision]:
    """The decision in force for each fact key: the latest one (ties: the last given)."""
    out: dict[str, Decision] = {}
    for d in sorted(decisions, key=lambda d: d.time):
        out[d.key] = d
    return out


def curate(facts: Iterable[Fact], decisions: Iterable[Decision]) -> Curated:
    """Apply the decisions in force to an article's facts, matching them by key.

    Rejected facts leave; corrected ones take the corrected values, and keep the new reading's
    evidence and confidence; accepted ones stay as read. A corrected fact that now has the key
    of another fact of the article replaces it. Decisions that match no fact are orphans.
    """
    in_force = latest(decisions)
    kept: list[Fact] = []
    corrected: list[Fact] = []
    reviews: list[Review] = []
    seen: set[str] = set()
    for fact in facts:
        key = fact_key(fact)
        decision = in_force.get(key)
        if decision is None:
            kept.append(fact)
            continue
        seen.add(key)
        if decision.action == "reject":
            reviews.append(Review(decision, fact, None))
            continue
        curated = apply_changes(fact, decision.changes) if decision.action == "correct" else fact
        reviews.append(Review(decision, fact, curated))
        (corrected if decision.action == "correct" else kept).append(curated)
    replaced = {fact_key(f) for f in corrected}
    facts_out = [f for f in kept if fact_key(f) not in replaced] + corrected
    orphans = tuple(d for k, d in in_force.items() if k not in seen)
    return Curated(tuple(facts_out), tuple(reviews), orphans)
