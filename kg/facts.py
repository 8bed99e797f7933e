"""Plain fact records: what extraction and imports produce, before any RDF.

Frozen dataclasses with no rdflib in sight. Entities are referred to by
:class:`Ref` (type and key, per section 1 of the fact model); the RDF mapping
(:mod:`kg.mapping`) is the only place that turns them into IRIs.

>>> deal = Deal(Ref.country("RUS"), Ref.country("TUR"), Ref.weapon("S-400"), "agreed", 2017)
>>> deal.core
('RUS', 'TUR', 'S-400')
>>> merge_status("proposed", "delivered")
'delivered'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

EntityType = Literal["Country", "Alliance", "Person", "WeaponSystem"]
Status = Literal["proposed", "agreed", "delivered", "refused", "cancelled"]

#: How far a deal has gone; the most advanced status an article states wins.
STATUS_RANK: dict[str, int] = {
    "proposed": 1,
    "refused": 2,
    "agreed": 3,
    "cancelled": 4,
    "delivered": 5,
}
STATUSES: tuple[str, ...] = tuple(STATUS_RANK)


def slug(text: str) -> str:
    """The contract's slug: NFKD, no marks, lower case, runs of other chars -> ``-``.

    >>> slug("Recep Tayyip Erdoğan")
    'recep-tayyip-erdogan'
    >>> slug("S-400")
    's-400'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", bare).strip("-")


def merge_status(a: str | None, b: str | None) -> str | None:
    """The more advanced of two statuses (``None`` counts as unknown)."""
    if a is None:
        return b
    if b is None:
        return a
    return a if STATUS_RANK[a] >= STATUS_RANK[b] else b


@dataclass(frozen=True, order=True)
class Ref:
    """A reference to an entity by type and key (``Country``/``TUR``)."""

    type: EntityType
    key: str

    @classmethod
    def country(cls, iso3: str) -> Ref:
        return cls("Country", iso3)

    @classmethod
    def alliance(cls, key: str) -> Ref:
        return cls("Alliance", key)

    @classmethod
    def person(cls, name: str) -> Ref:
        return cls("Person", name)

    @classmethod
    def weapon(cls, key: str) -> Ref:
        return cls("WeaponSystem", key)

    @property
    def is_actor(self) -> bool:
        """Countries and alliances can buy, sell, sign and sanction."""
        return self.type in ("Country", "Alliance")


@dataclass(frozen=True)
class Evidence:
    """The sentence a fact was read from, with its character span in the text."""

    sentence: str
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Entity:
    """An entity as an article (or a reference table) names it.

    ``labels`` are (text, language) pairs: the preferred names; ``names`` are
    the other surface forms it was seen under (``skos:altLabel``).
    """

    ref: Ref
    labels: tuple[tuple[str, str], ...] = ()
    names: tuple[str, ...] = ()
    wikidata: str | None = None
    category: str | None = None
    description: str | None = None

    @property
    def label(self) -> str:
        """A display label: the English label, else the first one, else the key."""
        for text, lang in self.labels:
            if lang == "en":
                return text
        return self.labels[0][0] if self.labels else self.ref.key


@dataclass(frozen=True)
class Leader:
    person: Ref
    of: Ref
    former: bool = False
    evidence: Evidence | None = None
    confidence: float | None = None

    @property
    def core(self) -> tuple:
        return (self.person.key, self.of.key)


@dataclass(frozen=True)
class Official:
    person: Ref
    of: Ref
    role: str = ""
    evidence: Evidence | None = None
    confidence: float | None = None

    @property
    def core(self) -> tuple:
        return (self.person.key, self.of.key)


@dataclass(frozen=True)
class Member:
    country: Ref
    alliance: Ref
    evidence: Evidence | None = None
    confidence: float | None = None

    @property
    def core(self) -> tuple:
        return (self.country.key, self.alliance.key)


@dataclass(frozen=True)
class Delivery:
    """The units of a deal delivered in one year and their SIPRI TIV (millions), from SIPRI's delivery-year export.

    >>> Delivery(2019, 2, 1250.0).tiv
    1250.0
    """

    year: int
    units: int | None = None
    tiv: float | None = None


@dataclass(frozen=True)
class Deal:
    """A transfer of ``weapon`` from ``supplier`` to ``recipient``.

    The optional details are what reference databases (SIPRI) record.
    """

    supplier: Ref
    recipient: Ref
    weapon: Ref
    status: Status = "proposed"
    year: int | None = None
    evidence: Evidence | None = None
    number_ordered: int | None = None
    number_delivered: int | None = None
    delivery_years: tuple[int, ...] = ()
    description: str | None = None
    comments: str | None = None
    tiv_per_unit: float | None = None
    tiv_total: float | None = None
    tiv_delivered: float | None = None
    record_id: str | None = None
    uncertain: tuple[str, ...] = field(default=())
    deliveries: tuple[Delivery, ...] = ()
    confidence: float | None = None

    @property
    def core(self) -> tuple:
        return (self.supplier.key, self.recipient.key, self.weapon.key)


@dataclass(frozen=True)
class Agreement:
    """An agreement between parties that is not (only) a transfer: co-production, cooperation."""

    parties: tuple[Ref, ...]
    weapon: Ref | None = None
    status: Status | None = None
    year: int | None = None
    evidence: Evidence | None = None
    confidence: float | None = None

    @property
    def core(self) -> tuple:
        return (tuple(sorted(p.key for p in self.parties)), self.weapon.key if self.weapon else None)


@dataclass(frozen=True)
class Sanction:
    by: Ref
    target: Ref
    weapon: Ref | None = None
    measure: str = ""
    evidence: Evidence | None = None
    confidence: float | None = None

    @property
    def core(self) -> tuple:
        return (self.by.key, self.target.key)


@dataclass(frozen=True)
class Maker:
    weapon: Ref
    country: Ref
    evidence: Evidence | None = None
    confidence: float | None = None

    @property
    def core(self) -> tuple:
        return (self.weapon.key, self.country.key)


Fact = Leader | Official | Member | Deal | Agreement | Sanction | Maker

#: The fact type names of the gold format, by class.
FACT_TYPES: dict[type, str] = {
    Leader: "leader",
    Official: "official",
    Member: "member",
    Deal: "deal",
    Agreement: "agreement",
    Sanction: "sanction",
    Maker: "maker",
}


def fact_type(fact: Fact) -> str:
    """The gold-format type name of a fact (``deal``, ``sanction``, ...)."""
    return FACT_TYPES[type(fact)]


@dataclass(frozen=True)
class Article:
    """A source document: where it came from and what it says."""

    id: str
    source: str
    text: str
    date: str | None = None
    lang: str | None = None
    title: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything read from one article."""

    article: Article
    entities: tuple[Entity, ...] = ()
    facts: tuple[Fact, ...] = ()

    def entity(self, ref: Ref) -> Entity | None:
        """The entity record for ``ref``, if the extraction has one."""
        for entity in self.entities:
            if entity.ref == ref:
                return entity
        return None
