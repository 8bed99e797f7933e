"""Check deals read from articles against SIPRI's records (``akg:corroboratedBy``).

An article deal is corroborated by a SIPRI record with the same supplier and
recipient, the same weapon, and a compatible year: the article's year (when it
gives one) lies between SIPRI's order year and its last delivery year.

Weapons are the same when their IRIs are, or when one of their names (key,
labels, alternative labels) agree once slugged, or when the first word of a
designation with digits agrees ("S-400" in an article, "S-400 Triumf" in
SIPRI: SIPRI writes the designation followed by a name or calibre).

The links go to one named graph (:data:`CORROBORATION_GRAPH`) that each run
replaces, so re-importing SIPRI or re-ingesting articles never leaves stale
links behind other than until the next run.

>>> sorted(weapon_keys("S-400 Triumf"))
['s-400', 's-400-triumf']
>>> sorted(weapon_keys("Type 054A"))
['type-054a']
>>> year_fits(2017, 2017, 2019), year_fits(2021, 2017, 2019), year_fits(None, 2017, None)
(True, False, True)
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Graph, URIRef

from kg.facts import slug
from kg.mapping import CORROBORATION_GRAPH as mapping_graph
from kg.mapping import new_graph
from kg.results import Results
from kg.store import Store, StoreError, term_n3
from kg.vocab import AKG

__all__ = ["CORROBORATION_GRAPH", "Corroboration", "CorroborationReport", "corroborate", "results_table"]

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
SELECT ?s ?r ?rec ?w ?order (MAX(?dy) AS ?last) (SAMPLE(?ev) AS ?evidence) WHERE {
  VALUES (?s ?r) { %s }
  ?rec akg:supplier ?s ; akg:recipient ?r ; akg:weapon ?w ; prov:wasDerivedFrom ?rs .
  ?rs dcterms:publisher "SIPRI" .
  OPTIONAL { ?rec akg:year ?order }
  OPTIONAL { ?rec akg:deliveryYear ?dy }
  OPTIONAL { ?rec akg:evidence ?ev }
} GROUP BY ?s ?r ?rec ?w ?order
"""
_CHUNK = 500  # (supplier, recipient) pairs per candidate query

_WEAPON_NAMES = _PREFIXES + """
SELECT DISTINCT ?w ?name WHERE { ?w a akg:WeaponSystem ; rdfs:label|skos:altLabel ?name }
"""

_HAS_SIPRI = _PREFIXES + 'ASK { ?src dcterms:publisher "SIPRI" }'


def weapon_keys(name: str) -> set[str]:
    """The slugs a weapon name matches under: itself, and its first word if that has digits."""
    keys = {slug(name)} - {""}
    first = name.strip().split(" ")[0]
    if first != name.strip() and re.search(r"\d", first) and re.search(r"[A-Za-z]", first):
        keys.add(slug(first))
    return keys


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
    """One article deal and the SIPRI records that corroborate it (none: SIPRI does not know it)."""

    deal: str
    supplier: str
    recipient: str
    weapon: str
    year: int | None
    records: tuple[str, ...] = ()
    evidence: str = ""


@dataclass
class CorroborationReport:
    deals: list[Corroboration] = field(default_factory=list)
    links: int = 0

    @property
    def corroborated(self) -> list[Corroboration]:
        return [d for d in self.deals if d.records]

    @property
    def unknown(self) -> list[Corroboration]:
        """The article deals SIPRI does not know."""
        return [d for d in self.deals if not d.records]

    def summary(self) -> str:
        return (f"{len(self.deals)} article deals: {len(self.corroborated)} corroborated by SIPRI "
                f"({self.links} links), {len(self.unknown)} unknown to SIPRI")


def _local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def corroborate(store: Store, write: bool = True) -> CorroborationReport:
    """Match article deals to SIPRI records; with ``write``, store the links (replacing earlier ones)."""
    if not store.query(_HAS_SIPRI).boolean:
        raise StoreError("the store holds no SIPRI data; run `kg import sipri FILE` first")
    names: dict[str, set[str]] = defaultdict(set)
    for row in store.query(_WEAPON_NAMES):
        names[str(row["w"])] |= weapon_keys(str(row["name"]))
    for iri in list(names):
        names[iri].add(_local(iri))

    def keys(iri: str) -> set[str]:
        return names.get(iri) or {_local(iri)}

    deals = list(store.query(_ARTICLE_DEALS))
    pairs = sorted({(row["s"], row["r"]) for row in deals})
    candidates: dict[tuple, list[tuple[str, str, int | None, int | None, str]]] = defaultdict(list)
    for i in range(0, len(pairs), _CHUNK):
        values = " ".join(f"({term_n3(s)} {term_n3(r)})" for s, r in pairs[i:i + _CHUNK])
        for row in store.query(_CANDIDATES % values):
            candidates[(row["s"], row["r"])].append(
                (str(row["rec"]), str(row["w"]), _year(row["order"]), _year(row["last"]), str(row["evidence"] or ""))
            )
    report = CorroborationReport()
    links = new_graph()
    for row in deals:
        deal, weapon, year = str(row["deal"]), str(row["w"]), _year(row["year"])
        wanted = keys(weapon)
        found = [
            (rec, evidence) for rec, w, order, last, evidence in candidates.get((row["s"], row["r"]), ())
            if (w == weapon or wanted & keys(w)) and year_fits(year, order, last)
        ]
        found.sort()
        for rec, _ in found:
            links.add((URIRef(deal), AKG.corroboratedBy, URIRef(rec)))
        report.deals.append(Corroboration(
            deal, _local(str(row["s"])), _local(str(row["r"])), _local(weapon), year,
            tuple(rec for rec, _ in found), found[0][1] if found else "",
        ))
    report.links = len(links)
    if write:
        _store_links(store, links)
    return report


def _store_links(store: Store, links: Graph) -> None:
    if len(links):
        store.replace_graph(CORROBORATION_GRAPH, links)
    else:
        store.drop_graph(CORROBORATION_GRAPH)


def results_table(report: CorroborationReport) -> Results:
    """One row per article deal: who, what, when, and the first SIPRI record (or 'unknown to SIPRI')."""
    rows = []
    for d in report.deals:
        more = f" (+{len(d.records) - 1} more)" if len(d.records) > 1 else ""
        rows.append((d.supplier, d.recipient, d.weapon, d.year,
                     "corroborated" if d.records else "unknown to SIPRI",
                     (d.evidence or (d.records[0] if d.records else "")) + more, d.deal))
    return Results.from_table(["supplier", "recipient", "weapon", "year", "sipri", "record", "deal"], rows)
