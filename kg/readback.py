"""An article graph read back as facts: the inverse of :func:`kg.mapping.add_fact`.

Review (:mod:`kg.curation`) works on facts, while the store holds RDF. This
module reads one article's graph (an rdflib :class:`~rdflib.Graph`) into fact
records with their nodes, finds the extractor's readings that decisions
changed (:class:`akg:Reading` nodes), and strips the facts off a graph so that
new ones can be mapped onto what is left (the article node and its entities).

Evidence spans are not stored, so facts read back carry the sentence only.

>>> from kg.facts import Article, Deal, Extraction, Ref, Evidence
>>> from kg.mapping import to_graph, article_iri
>>> deal = Deal(Ref.country("RUS"), Ref.country("TUR"), Ref.weapon("S-400"), "agreed", 2017, Evidence("s"))
>>> g = to_graph(Extraction(Article("a1", "t", "s"), facts=(deal,)))
>>> [f.core for _, f in read_facts(g)]
[('RUS', 'TUR', 's-400')]
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import PROV

from kg.decisions import from_reading
from kg.facts import Agreement, Deal, Evidence, Fact, Leader, Maker, Member, Official, Sanction
from kg.mapping import IRI_STATUS, class_iri, ref_from_path
from kg.vocab import AKG

_PLAIN = (AKG.leaderOf, AKG.formerLeaderOf, AKG.officialOf, AKG.memberOf, AKG.manufacturer)


def _ref(term):
    return None if term is None else ref_from_path(str(term))


def _year(term) -> int | None:
    return None if term is None else int(str(term)[:4])


def _common(g: Graph, node) -> dict[str, Any]:
    evidence = g.value(node, AKG.evidence) if node is not None else None
    confidence = g.value(node, AKG.confidence) if node is not None else None
    return {"evidence": Evidence(str(evidence)) if evidence is not None else None,
            "confidence": float(confidence) if confidence is not None else None}


def _status(term) -> str | None:
    return None if term is None else IRI_STATUS.get(URIRef(str(term)))


def _entity_refs(g: Graph, node, prop) -> list:
    return sorted({ref_from_path(str(o)) for o in g.objects(node, prop)})


def read_facts(g: Graph) -> list[tuple[URIRef | None, Fact]]:
    """Every fact of an article graph with its node (``None`` for a plain relation without a statement)."""
    out: list[tuple[URIRef | None, Fact]] = []
    for node in sorted(set(g.subjects(RDF.type, AKG.ArmsDeal))):
        out.append((node, Deal(_ref(g.value(node, AKG.supplier)), _ref(g.value(node, AKG.recipient)),
                               _ref(g.value(node, AKG.weapon)), _status(g.value(node, AKG.status)) or "proposed",
                               _year(g.value(node, AKG.year)), **_common(g, node))))
    for node in sorted(set(g.subjects(RDF.type, AKG.Agreement))):
        parties = tuple(_entity_refs(g, node, AKG.party))
        out.append((node, Agreement(parties, _ref(g.value(node, AKG.weapon)), _status(g.value(node, AKG.status)),
                                    _year(g.value(node, AKG.year)), **_common(g, node))))
    for node in sorted(set(g.subjects(RDF.type, AKG.Sanction))):
        measure = g.value(node, AKG.measure)
        out.append((node, Sanction(_ref(g.value(node, AKG.imposedBy)), _ref(g.value(node, AKG.target)),
                                   _ref(g.value(node, AKG.weapon)), str(measure) if measure is not None else "",
                                   **_common(g, node))))
    statements: dict[tuple, URIRef] = {}
    for node in g.subjects(RDF.type, RDF.Statement):
        statements[(g.value(node, RDF.subject), g.value(node, RDF.predicate), g.value(node, RDF.object))] = node
    for prop in _PLAIN:
        for s, o in sorted(g.subject_objects(prop)):
            node = statements.get((s, prop, o))
            common = _common(g, node)
            if prop in (AKG.leaderOf, AKG.formerLeaderOf):
                fact: Fact = Leader(_ref(s), _ref(o), prop == AKG.formerLeaderOf, **common)
            elif prop == AKG.officialOf:
                roles = sorted(str(r) for r in g.objects(s, AKG.role))
                fact = Official(_ref(s), _ref(o), roles[0] if roles else "", **common)
            elif prop == AKG.memberOf:
                fact = Member(_ref(s), _ref(o), **common)
            else:
                fact = Maker(_ref(s), _ref(o), **common)
            out.append((node, fact))
    return out


@dataclass(frozen=True)
class ReadingNode:
    """An extractor's reading kept in an article graph for a fact a decision rejected or corrected."""

    iri: URIRef
    key: str
    reading: dict
    revision: URIRef | None  # the corrected fact's node; None when the fact was rejected

    @property
    def fact(self) -> Fact:
        return from_reading(self.reading)


def read_readings(g: Graph) -> list[ReadingNode]:
    """The :class:`akg:Reading` nodes of an article graph."""
    out = []
    for node in sorted(set(g.subjects(RDF.type, AKG.Reading))):
        text = g.value(node, AKG.reading)
        key = g.value(node, AKG.factKey)
        if text is None or key is None:
            continue
        out.append(ReadingNode(node, str(key), json.loads(str(text)), g.value(None, PROV.wasRevisionOf, node)))
    return out


def raw_facts(g: Graph) -> list[Fact]:
    """The facts as the extractor read them: the graph's facts, with the readings kept for changed ones."""
    readings = read_readings(g)
    revised = {r.revision for r in readings if r.revision is not None}
    facts = [fact for node, fact in read_facts(g) if node is None or node not in revised]
    return facts + [r.fact for r in readings]


def strip_facts(g: Graph) -> Graph:
    """A copy of an article graph without its facts and readings: the article node and its entities."""
    nodes = {node for node, _ in read_facts(g) if node is not None}
    nodes |= {r.iri for r in read_readings(g)}
    out = Graph()
    for prefix, ns in g.namespaces():
        out.bind(prefix, ns)
    for s, p, o in g:
        if s in nodes or p in _PLAIN or p == AKG.role or (p == RDF.type and o == AKG.Leader):
            continue
        out.add((s, p, o))
    article = next(iter(g.subjects(RDF.type, AKG.Article)), None)
    for entity in out.subjects(AKG.mentionedIn, article):
        try:  # the entity's class may have come only from a fact (a leader is a person)
            out.add((entity, RDF.type, class_iri(ref_from_path(str(entity)).type)))
        except ValueError:
            continue
    return out
