"""Check deals read from articles against SIPRI's records (``akg:corroboratedBy``).

An article deal is corroborated by a SIPRI record with the same supplier and
recipient, the same weapon, and a compatible year: the article's year (when it
gives one) lies between SIPRI's order year and its last delivery year.

Weapons are the same when their IRIs are, or when one of their names (key,
labels, alternative labels) agree once slugged, or when the first word of a
designation with digits agrees ("S-400" in an article, "S-400 Triumf" in
SIPRI: SIPRI writes the designation followed by a name or calibre).

An article that names no designation, only a kind of weapon ("frigate", one of
the generic nouns of ``kg/data/weapon_nouns.tsv``), is never matched by
designation. Its deal is matched, with lower confidence, on the record's
weapon description ("frigate", "light helicopter" for "helicopter", SIPRI's
abbreviations spelt out: "FGA aircraft" is a fighter aircraft), else on its
armament category (Ships, Aircraft, ...). Those links are
``akg:possiblyCorroboratedBy``.

A deal no record matches is reported with the nearest record between the
same states (the same weapon first, then the closest years), so an analyst
sees whether SIPRI differs on the year or on the weapon.

The links go to one named graph (:data:`CORROBORATION_GRAPH`) that each run
replaces, so re-importing SIPRI or re-ingesting articles never leaves stale
links behind other than until the next run.

>>> sorted(weapon_keys("S-400 Triumf"))
['s-400', 's-400-triumf']
>>> sorted(weapon_keys("Type 054A"))
['type-054a']
>>> year_fits(2017, 2017, 2019), year_fits(2021, 2017, 2019), year_fits(None, 2017, None)
(True, False, True)
>>> describes("helicopter", "light helicopter"), describes("fighter aircraft", "FGA aircraft")
(True, True)
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Graph, URIRef

from kg.extract.tables import read_table
from kg.facts import slug
from kg.mapping import CORROBORATION_GRAPH as mapping_graph
from kg.mapping import new_graph
from kg.results import Results
from kg.store import Store, StoreError, term_n3
from kg.vocab import AKG

__all__ = ["CORROBORATION_GRAPH", "Corroboration", "CorroborationReport", "corroborate", "describes",
           "results_table"]

#: The named graph holding the ``akg:corroboratedBy`` links (replaced on each run).
CORROBORATION_GRAPH = str(mapping_graph)

_PREFIXES = """PREFIX akg: <https://w3id.org/armskg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

_ARTICLE_DEALS = _PREFIXES + """
SELECT ?deal ?s ?r ?w (SAMPLE(?y) AS ?year) WHERE {
  ?deal a akg:ArmsDeal ; akg:supplier ?s ; akg:recipient ?r ; akg:weapon ?w ; prov:wasDerivedFrom ?src .
  FILTER NOT EXISTS { ?src dcterms:publisher "SIPRI" }
  OPTIONAL { ?deal akg:year ?y }
} GROUP BY ?deal ?s ?r ?w ORDER BY ?deal
"""

_CANDIDATES = _PREFIXES + """
SELECT ?s ?r ?rec ?w ?order (MAX(?dy) AS ?last) (SAMPLE(?ev) AS ?evidence) (SAMPLE(?ds) AS ?description)
       (SAMPLE(?ct) AS ?category) WHERE {
  VALUES (?s ?r) { %s }
  ?rec akg:supplier ?s ; akg:recipient ?r ; akg:weapon ?w ; prov:wasDerivedFrom ?rs .
  ?rs dcterms:publisher "SIPRI" .
  OPTIONAL { ?rec akg:year ?order }
  OPTIONAL { ?rec akg:deliveryYear ?dy }
  OPTIONAL { ?rec akg:evidence ?ev }
  OPTIONAL { ?w akg:description ?ds }
  OPTIONAL { ?w akg:category ?ct }
} GROUP BY ?s ?r ?rec ?w ?order
"""
_CHUNK = 500  # (supplier, recipient) pairs per candidate query

_WEAPON_NAMES = _PREFIXES + """
SELECT DISTINCT ?w ?name WHERE { ?w a akg:WeaponSystem ; rdfs:label|skos:altLabel ?name }
"""
_WEAPON_CATEGORIES = _PREFIXES + """
SELECT ?w (MIN(?c) AS ?category) WHERE { ?w a akg:WeaponSystem ; akg:category ?c } GROUP BY ?w
"""

_HAS_SIPRI = _PREFIXES + 'ASK { ?src dcterms:publisher "SIPRI" }'


def weapon_keys(name: str) -> set[str]:
    """The slugs a weapon name matches under: itself, and its first word if that has digits."""
    keys = {slug(name)} - {""}
    first = name.strip().split(" ")[0]
    if first != name.strip() and re.search(r"\d", first) and re.search(r"[A-Za-z]", first):
        keys.add(slug(first))
    return keys


#: SIPRI's abbreviations in weapon descriptions, spelt out as the generic nouns spell them.
SIPRI_TERMS: dict[str, tuple[str, ...]] = {
    "sam": ("surface-to-air missile",), "sam system": ("air defence system", "surface-to-air missile"),
    "portable sam": ("man-portable air defence system", "surface-to-air missile"),
    "uav": ("drone",), "armed uav": ("drone",), "ucav": ("drone",), "apc": ("armoured personnel carrier",),
    "ifv": ("infantry fighting vehicle",), "fga aircraft": ("fighter aircraft",), "mrl": ("rocket launcher",),
    "aew aircraft": ("early warning aircraft",), "asw helicopter": ("helicopter",), "ssm": ("anti-ship missile",),
}


def generic_weapons() -> dict[str, str]:
    """The generic weapon nouns (``kg/data/weapon_nouns.tsv``) by slugged key, with their SIPRI category."""
    return {slug(row["key"]): row.get("category", "") for row in read_table("weapon_nouns.tsv")}


def describes(noun: str, description: str) -> bool:
    """Whether a SIPRI weapon description is of the kind a generic noun names (the noun ends it)."""
    text = description.strip().lower()
    wanted = slug(noun)
    for found in {slug(text), *map(slug, SIPRI_TERMS.get(text, ()))} - {""}:
        if found == wanted or found.endswith("-" + wanted):
            return True
    return False


def year_distance(year: int | None, order: int | None, last_delivery: int | None) -> int:
    """How many years an article's year lies outside SIPRI's order .. last delivery window (0: inside)."""
    if year is None or order is None:
        return 0
    last = max(order, last_delivery or order)
    return max(order - year, year - last, 0)


def year_fits(year: int | None, order: int | None, last_delivery: int | None) -> bool:
    """Whether an article's year lies within SIPRI's order year .. last delivery year."""
    if year is None or order is None:
        return True
    return order <= year <= max(order, last_delivery or order)


def _year(value: object) -> int | None:
    if value is None:
        return None
    match = re.match(r"-?\d{4}", str(value))
    return int(match.group(0)) if match else None


@dataclass(frozen=True)
class Corroboration:
    """One article deal and the SIPRI records that corroborate it (none: no record matches).

    ``match`` says how: ``designation`` (the same weapon), ``description`` or ``category``
    (the article names only a kind of weapon: lower confidence). Without a match, ``nearest``
    is the evidence of the closest record between the same states, and ``differs`` says how.
    """

    deal: str
    supplier: str
    recipient: str
    weapon: str
    year: int | None
    records: tuple[str, ...] = ()
    evidence: str = ""
    match: str = ""
    nearest: str = ""
    differs: str = ""


@dataclass
class CorroborationReport:
    deals: list[Corroboration] = field(default_factory=list)
    links: int = 0

    @property
    def corroborated(self) -> list[Corroboration]:
        return [d for d in self.deals if d.records]

    @property
    def unmatched(self) -> list[Corroboration]:
        """The article deals no SIPRI record matches."""
        return [d for d in self.deals if not d.records]

    def summary(self) -> str:
        weaker = sum(1 for d in self.corroborated if d.match != "designation")
        return (f"{len(self.deals)} article deals: {len(self.corroborated)} corroborated by SIPRI "
                f"({weaker} by the kind of weapon only; {self.links} links), "
                f"{len(self.unmatched)} with no matching record")


def _local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class _Record:
    iri: str
    weapon: str
    order: int | None
    last: int | None
    evidence: str
    description: str
    category: str


def corroborate(store: Store, write: bool = True) -> CorroborationReport:
    """Match article deals to SIPRI records; with ``write``, store the links (replacing earlier ones)."""
    if not store.query(_HAS_SIPRI).boolean:
        raise StoreError("the store holds no SIPRI data; run `kg import sipri FILE` first")
    names: dict[str, set[str]] = defaultdict(set)
    for row in store.query(_WEAPON_NAMES):
        names[str(row["w"])] |= weapon_keys(str(row["name"]))
    for iri in list(names):
        names[iri].add(_local(iri))

    deals = list(store.query(_ARTICLE_DEALS))
    pairs = sorted({(row["s"], row["r"]) for row in deals})
    candidates: dict[tuple, list[_Record]] = defaultdict(list)
    for i in range(0, len(pairs), _CHUNK):
        values = " ".join(f"({term_n3(s)} {term_n3(r)})" for s, r in pairs[i:i + _CHUNK])
        for row in store.query(_CANDIDATES % values):
            candidates[(row["s"], row["r"])].append(_Record(
                str(row["rec"]), str(row["w"]), _year(row["order"]), _year(row["last"]),
                str(row["evidence"] or ""), str(row["description"] or ""), str(row["category"] or "")))
    categories = {str(row["w"]): str(row["category"]) for row in store.query(_WEAPON_CATEGORIES)}
    matcher = _Matcher(names, generic_weapons(), categories)
    report = CorroborationReport()
    links = new_graph()
    for row in deals:
        deal, weapon, year = str(row["deal"]), str(row["w"]), _year(row["year"])
        records = candidates.get((row["s"], row["r"]), ())
        found: list[_Record] = []
        how = ""
        for how in _HOW:
            found = sorted((r for r in records if matcher.same(weapon, r, how) and year_fits(year, r.order, r.last)),
                           key=lambda r: r.iri)
            if found:
                break
        prop = AKG.corroboratedBy if how == "designation" else AKG.possiblyCorroboratedBy
        for rec in found:
            links.add((URIRef(deal), prop, URIRef(rec.iri)))
        nearest, differs = ("", "") if found else _nearest(records, year, weapon, matcher)
        report.deals.append(Corroboration(
            deal, _local(str(row["s"])), _local(str(row["r"])), _local(weapon), year,
            tuple(rec.iri for rec in found), found[0].evidence if found else "", how if found else "",
            nearest, differs,
        ))
    report.links = len(links)
    if write:
        _store_links(store, links)
    return report


#: How a record may match, strongest first.
_HOW = ("designation", "description", "category")


@dataclass(frozen=True)
class _Matcher:
    names: dict[str, set[str]]  # weapon IRI -> the slugs it is known under
    generic: dict[str, str]  # generic noun key -> SIPRI category
    categories: dict[str, str] = field(default_factory=dict)  # weapon IRI -> its category, where known

    def keys(self, iri: str) -> set[str]:
        return self.names.get(iri) or {_local(iri)}

    def kind(self, weapon: str) -> str | None:
        """The generic noun an article's weapon is (``frigate``), or None for a designation."""
        return _local(weapon) if _local(weapon) in self.generic else None

    def category(self, weapon: str) -> str:
        kind = self.kind(weapon)
        return self.generic[kind] if kind else self.categories.get(weapon, "")

    def same(self, weapon: str, rec: _Record, how: str) -> bool:
        """Whether an article's weapon is the record's, in the way ``how`` says."""
        kind = self.kind(weapon)
        if kind is None:  # a designation: the same weapon, by IRI or by name
            return how == "designation" and (rec.weapon == weapon or bool(self.keys(weapon) & self.keys(rec.weapon)))
        if how == "description":  # a kind of weapon: never by designation
            return describes(kind, rec.description)
        category = self.generic[kind]
        return (how == "category" and category not in ("", "Other") and rec.category == category
                and not self._other_kind(kind, rec.description))

    def _other_kind(self, kind: str, description: str) -> bool:
        """Whether a description names a kind with another head noun ("combat helicopter" is no "fighter
        aircraft", though both are Aircraft to SIPRI)."""
        head = kind.rsplit("-", 1)[-1]
        return any(other.rsplit("-", 1)[-1] != head for other in self.generic if describes(other, description))


def _nearest(records, year: int | None, weapon: str, matcher: _Matcher) -> tuple[str, str]:
    """The evidence of the record closest to an unmatched deal, and how it differs.

    The same weapon first, then the same category, then the closest years, then the latest order.
    """
    if not records:
        return "", "no SIPRI record between these states"

    def same(rec: _Record) -> bool:
        return any(matcher.same(weapon, rec, how) for how in _HOW)

    category = matcher.category(weapon)
    best = min(records, key=lambda r: (not same(r), not category or r.category != category,
                                       year_distance(year, r.order, r.last), -(r.order or 0), r.iri))
    return best.evidence, "another year" if same(best) else "another weapon"


def _store_links(store: Store, links: Graph) -> None:
    if len(links):
        store.replace_graph(CORROBORATION_GRAPH, links)
    else:
        store.drop_graph(CORROBORATION_GRAPH)


_VERDICT = {"designation": "corroborated", "description": "corroborated by description",
            "category": "corroborated by category"}


def results_table(report: CorroborationReport) -> Results:
    """One row per article deal: who, what, when, how SIPRI agrees, and its first or nearest record."""
    rows = []
    for d in report.deals:
        if d.records:
            more = f" (+{len(d.records) - 1} more)" if len(d.records) > 1 else ""
            verdict, record = _VERDICT[d.match], (d.evidence or d.records[0]) + more
        else:
            verdict = f"no matching record ({d.differs})" if d.nearest else "no matching record"
            record = f"nearest: {d.nearest}" if d.nearest else d.differs
        rows.append((d.supplier, d.recipient, d.weapon, d.year, verdict, record, d.deal))
    return Results.from_table(["supplier", "recipient", "weapon", "year", "sipri", "record", "deal"], rows)
