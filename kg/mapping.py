"""Fact records -> RDF, per the contract (fact-model.md, sections 1-3).

The only module that mints IRIs. Each article becomes one graph; entity
descriptions are repeated in every article graph that mentions them, so a
graph can be dropped or replaced without touching the others.

>>> from kg.facts import Ref
>>> str(entity_iri(Ref.person("Recep Tayyip Erdoğan")))
'https://w3id.org/armskg/id/person/recep-tayyip-erdogan'
>>> str(entity_iri(Ref.country("TUR")))
'https://w3id.org/armskg/id/country/TUR'
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV

from kg.facts import (
    Agreement,
    Article,
    Deal,
    Entity,
    Extraction,
    Fact,
    Leader,
    Maker,
    Member,
    Official,
    Ref,
    Sanction,
    fact_type,
    slug,
)
from kg.vocab import AKG

if TYPE_CHECKING:
    from kg.decisions import Decision

ID = Namespace("https://w3id.org/armskg/id/")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES: dict[str, str] = {
    "akg": str(AKG._NS),
    "id": str(ID),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "wd": str(WD),
}

_TYPE_PATH = {"Country": "country", "Alliance": "alliance", "Person": "person", "WeaponSystem": "weapon"}
_TYPE_CLASS = {
    "Country": AKG.Country,
    "Alliance": AKG.Alliance,
    "Person": AKG.Person,
    "WeaponSystem": AKG.WeaponSystem,
}
STATUS_IRI = {
    "proposed": AKG.Proposed,
    "agreed": AKG.Agreed,
    "delivered": AKG.Delivered,
    "refused": AKG.Refused,
    "cancelled": AKG.Cancelled,
}
IRI_STATUS = {v: k for k, v in STATUS_IRI.items()}


def entity_iri(ref: Ref) -> URIRef:
    """The IRI of an entity: ISO code for countries, acronym for alliances, slug otherwise."""
    path = _TYPE_PATH[ref.type]
    if ref.type == "Country":
        local = ref.key.upper()
    elif ref.type == "Alliance":
        local = ref.key.replace(" ", "_")
    else:
        local = slug(ref.key)
    return ID[f"{path}/{local}"]


def class_iri(entity_type: str) -> URIRef:
    """The ontology class of an entity type name (``Country`` -> ``akg:Country``)."""
    return _TYPE_CLASS[entity_type]


def article_iri(article: Article | str) -> URIRef:
    """The IRI of an article; it also names the article's graph."""
    article_id = article if isinstance(article, str) else article.id
    return ID[f"article/{slug(article_id) or 'untitled'}"]


def _fact_iri(kind: str, article: URIRef, *parts: object) -> URIRef:
    digest = hashlib.sha1("|".join([str(article), *map(str, parts)]).encode("utf-8")).hexdigest()
    return ID[f"{kind}/{digest[:16]}"]


def fact_iri(fact: Fact, article: URIRef) -> URIRef:
    """A stable IRI for a deal, agreement, sanction or reified statement of an article.

    It hashes the article and the fact's key (:func:`fact_key`: entity IRIs, not the spelling
    of their keys), so a fact read back from the graph maps to the same node.
    """
    kind = {Deal: "deal", Agreement: "agreement", Sanction: "sanction"}.get(type(fact), "statement")
    return _fact_iri(kind, article, fact_key(fact))


def record_iri(kind: str, source: URIRef, record: str) -> URIRef:
    """A stable IRI for one record of a reference database (a SIPRI deal), by its record id or line.

    Repeated orders of the same weapon between the same states are separate records, so they are
    not keyed by supplier, recipient and weapon as an article's deal is.
    """
    return _fact_iri(kind, source, "record", record)


def entity_path(ref: Ref) -> str:
    """An entity's IRI without the ``id/`` base: its type and key as the graph spells them.

    >>> entity_path(Ref.weapon("S-400"))
    'weapon/s-400'
    """
    return str(entity_iri(ref))[len(str(ID)):]


def ref_from_path(path: str) -> Ref:
    """The reference an :func:`entity_path` (or an entity IRI) names; keys of people and weapons are slugs.

    >>> ref_from_path("country/TUR")
    Ref(type='Country', key='TUR')
    >>> putin = ref_from_path("https://w3id.org/armskg/id/person/vladimir-putin")
    >>> entity_iri(putin) == entity_iri(Ref.person("Vladimir Putin"))
    True
    """
    if path.startswith(str(ID)):
        path = path[len(str(ID)):]
    kind, _, local = path.partition("/")
    types = {v: k for k, v in _TYPE_PATH.items()}
    if kind not in types or not local:
        raise ValueError(f"not an entity: {path!r} (expected country/ISO3, alliance/KEY, person/slug or weapon/slug)")
    return Ref(types[kind], local.replace("_", " ") if kind == "alliance" else local)  # type: ignore[arg-type]


def fact_key(fact: Fact) -> str:
    """A fact's key within its article: its type and the entities in its roles, as :func:`entity_path`.

    The key names what the fact is about, not how it was read, so a review decision keyed by it
    (:mod:`kg.curation`) finds the fact again when new extraction rules read the article.

    >>> fact_key(Deal(Ref.country("RUS"), Ref.country("TUR"), Ref.weapon("S-400"), "agreed", 2017))
    'deal|country/RUS|country/TUR|weapon/s-400'
    >>> fact_key(Agreement((Ref.country("TUR"), Ref.country("FRA"))))
    'agreement|country/FRA+country/TUR|-'
    """
    if isinstance(fact, Agreement):
        parties = "+".join(sorted({entity_path(p) for p in fact.parties}))
        roles: tuple[str, ...] = (parties, entity_path(fact.weapon) if fact.weapon else "-")
    else:
        refs = {Leader: ("person", "of"), Official: ("person", "of"), Member: ("country", "alliance"),
                Deal: ("supplier", "recipient", "weapon"), Sanction: ("by", "target"),
                Maker: ("weapon", "country")}[type(fact)]
        roles = tuple(entity_path(getattr(fact, name)) for name in refs)
    return "|".join((fact_type(fact), *roles))


CORROBORATION_GRAPH = ID["graph/corroboration"]
#: The analysts' review decisions (:mod:`kg.curation`); extraction never writes there.
CURATION_GRAPH = ID["graph/curation"]
#: One copy of every ``rdfs:label`` held by the other graphs, and one name per entity (:mod:`kg.store.labelindex`).
LABELS_GRAPH = ID["graph/labels"]


def year_literal(year: int) -> Literal:
    """A year as ``xsd:gYear`` (``"2017"^^xsd:gYear``)."""
    return Literal(f"{year:04d}", datatype=XSD.gYear)


def decimal_literal(value: float) -> Literal:
    """A number as ``xsd:decimal`` written without an exponent.

    >>> str(decimal_literal(1e-05)), str(decimal_literal(27.0))
    ('0.00001', '27')
    """
    from decimal import Decimal

    text = format(Decimal(repr(float(value))).normalize(), "f")
    return Literal(text, datatype=XSD.decimal)


def _add_entity(g: Graph, entity: Entity, article: URIRef | None) -> URIRef:
    node = entity_iri(entity.ref)
    g.add((node, RDF.type, class_iri(entity.ref.type)))
    for text, lang in entity.labels or ((entity.ref.key, ""),):
        g.add((node, RDFS.label, Literal(text, lang=lang or None)))
    labels = {text for text, _ in entity.labels}
    for name in entity.names:
        if name not in labels:
            g.add((node, SKOS.altLabel, Literal(name)))
    if entity.wikidata:
        g.add((node, OWL.sameAs, WD[entity.wikidata]))
    if entity.category:
        g.add((node, AKG.category, Literal(entity.category)))
    if entity.description:
        g.add((node, AKG.description, Literal(entity.description)))
    if article is not None:
        g.add((node, AKG.mentionedIn, article))
    return node


def confidence_literal(confidence: float) -> Literal:
    """A confidence as ``xsd:decimal`` (4 decimals); refuses values outside 0..1.

    >>> confidence_literal(0.8).n3()
    '"0.8"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    """
    value = float(confidence)
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"a confidence is between 0 and 1, not {confidence!r}")
    text = f"{value:.4f}".rstrip("0")
    return Literal(text + "0" if text.endswith(".") else text, datatype=XSD.decimal)


def _provenance(g: Graph, node: URIRef, fact: Fact, article: URIRef) -> None:
    g.add((node, PROV.wasDerivedFrom, article))
    if fact.evidence is not None and fact.evidence.sentence:
        g.add((node, AKG.evidence, Literal(fact.evidence.sentence)))
    if fact.confidence is not None:
        g.add((node, AKG.confidence, confidence_literal(fact.confidence)))


def _statement(g: Graph, fact: Fact, article: URIRef, s: URIRef, p: URIRef, o: URIRef,
               reify: bool = False) -> URIRef | None:
    """Add ``s p o`` and a reified statement carrying its evidence and confidence (if any, or ``reify``)."""
    g.add((s, p, o))
    if fact.evidence is None and fact.confidence is None and not reify:
        return None
    node = fact_iri(fact, article)
    g.add((node, RDF.type, RDF.Statement))
    g.add((node, RDF.subject, s))
    g.add((node, RDF.predicate, p))
    g.add((node, RDF.object, o))
    _provenance(g, node, fact, article)
    return node


def delivery_iri(deal: URIRef, year: int) -> URIRef:
    """The IRI of a deal's delivery of one year (SIPRI's delivery-year rows).

    >>> str(delivery_iri(ID["deal/0123456789abcdef"], 2019)).startswith("https://w3id.org/armskg/id/delivery/")
    True
    """
    return _fact_iri("delivery", deal, year)


def add_fact(g: Graph, fact: Fact, article: URIRef, reify: bool = False, node: URIRef | None = None) -> URIRef | None:
    """Add one fact's triples to ``g`` (entities are added separately); returns the fact's node.

    Deals, agreements and sanctions are nodes; a plain relation (leader, official, member, maker)
    gets a reified ``rdf:Statement`` node when it has evidence or a confidence, or when ``reify``.
    ``node`` names a deal that is a database record rather than an article's fact (see :func:`record_iri`).
    """
    if isinstance(fact, Leader):
        person = entity_iri(fact.person)
        g.add((person, RDF.type, AKG.Person))
        g.add((person, RDF.type, AKG.Leader))
        prop = AKG.formerLeaderOf if fact.former else AKG.leaderOf
        return _statement(g, fact, article, person, prop, entity_iri(fact.of), reify)
    if isinstance(fact, Official):
        person = entity_iri(fact.person)
        if fact.role:
            g.add((person, AKG.role, Literal(fact.role)))
        return _statement(g, fact, article, person, AKG.officialOf, entity_iri(fact.of), reify)
    if isinstance(fact, Member):
        return _statement(g, fact, article, entity_iri(fact.country), AKG.memberOf, entity_iri(fact.alliance), reify)
    if isinstance(fact, Maker):
        return _statement(g, fact, article, entity_iri(fact.weapon), AKG.manufacturer, entity_iri(fact.country),
                          reify)
    if isinstance(fact, Deal):
        return _add_deal(g, fact, article, node)
    if isinstance(fact, Agreement):
        node = fact_iri(fact, article)
        g.add((node, RDF.type, AKG.Agreement))
        for party in fact.parties:
            g.add((node, AKG.party, entity_iri(party)))
        if fact.weapon is not None:
            g.add((node, AKG.weapon, entity_iri(fact.weapon)))
        if fact.status is not None:
            g.add((node, AKG.status, STATUS_IRI[fact.status]))
        if fact.year is not None:
            g.add((node, AKG.year, year_literal(fact.year)))
        _provenance(g, node, fact, article)
        return node
    if isinstance(fact, Sanction):
        node = fact_iri(fact, article)
        g.add((node, RDF.type, AKG.Sanction))
        g.add((node, AKG.imposedBy, entity_iri(fact.by)))
        g.add((node, AKG.target, entity_iri(fact.target)))
        if fact.weapon is not None:
            g.add((node, AKG.weapon, entity_iri(fact.weapon)))
        if fact.measure:
            g.add((node, AKG.measure, Literal(fact.measure)))
        _provenance(g, node, fact, article)
        return node
    raise TypeError(f"not a fact: {fact!r}")  # pragma: no cover - the Fact union is closed


def _add_deal(g: Graph, deal: Deal, article: URIRef, node: URIRef | None = None) -> URIRef:
    node = node if node is not None else fact_iri(deal, article)
    g.add((node, RDF.type, AKG.ArmsDeal))
    g.add((node, AKG.supplier, entity_iri(deal.supplier)))
    g.add((node, AKG.recipient, entity_iri(deal.recipient)))
    g.add((node, AKG.weapon, entity_iri(deal.weapon)))
    g.add((node, AKG.status, STATUS_IRI[deal.status]))
    if deal.year is not None:
        g.add((node, AKG.year, year_literal(deal.year)))
    optional = (
        (AKG.numberOrdered, deal.number_ordered, XSD.integer),
        (AKG.numberDelivered, deal.number_delivered, XSD.integer),
        (AKG.tivPerUnit, deal.tiv_per_unit, XSD.decimal),
        (AKG.tivTotal, deal.tiv_total, XSD.decimal),
        (AKG.tivDelivered, deal.tiv_delivered, XSD.decimal),
    )
    for prop, value, datatype in optional:
        if value is not None:
            g.add((node, prop, Literal(str(value), datatype=datatype)))
    for year in deal.delivery_years:
        g.add((node, AKG.deliveryYear, year_literal(year)))
    if deal.description:
        g.add((node, AKG.description, Literal(deal.description)))
    if deal.comments:
        g.add((node, RDFS.comment, Literal(deal.comments)))
    if deal.record_id:
        g.add((node, AKG.sipriId, Literal(deal.record_id)))
    for name in deal.uncertain:
        g.add((node, AKG.uncertain, Literal(name)))
    for delivery in deal.deliveries:
        part = delivery_iri(node, delivery.year)
        g.add((node, AKG.delivery, part))
        g.add((part, RDF.type, AKG.Delivery))
        g.add((part, AKG.deliveredIn, year_literal(delivery.year)))
        if delivery.units is not None:
            g.add((part, AKG.units, Literal(str(delivery.units), datatype=XSD.integer)))
        if delivery.tiv is not None:
            g.add((part, AKG.tiv, decimal_literal(delivery.tiv)))
    _provenance(g, node, deal, article)
    return node


def add_article(g: Graph, article: Article, content_hash: str | None = None) -> URIRef:
    """Describe the article node: date, source, language, title, content hash."""
    node = article_iri(article)
    g.add((node, RDF.type, AKG.Article))
    g.add((node, DCTERMS.source, Literal(article.url or article.source)))
    if article.date:
        g.add((node, DCTERMS.date, date_literal(article.date)))
    if article.lang:
        g.add((node, DCTERMS.language, Literal(article.lang)))
    if article.title:
        g.add((node, AKG.title, Literal(article.title)))
    if content_hash:
        g.add((node, AKG.contentHash, Literal(content_hash)))
    return node


def date_literal(date: str) -> Literal:
    """``2021-09-14`` -> xsd:date, ``2021-09`` -> xsd:gYearMonth, ``2021`` -> xsd:gYear."""
    datatype = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}.get(len(date), XSD.string)
    return Literal(date, datatype=datatype)


def to_graph(extraction: Extraction, content_hash: str | None = None) -> Graph:
    """The RDF graph of one extraction (to be stored as the article's named graph)."""
    g = new_graph()
    article = add_article(g, extraction.article, content_hash)
    for entity in extraction.entities:
        _add_entity(g, entity, article)
    for fact in extraction.facts:
        add_fact(g, fact, article)
    return g


def entities_graph(entities: Iterable[Entity], article: URIRef | None = None) -> Graph:
    """A graph describing ``entities`` (used by imports that share the gazetteers)."""
    g = new_graph()
    for entity in entities:
        _add_entity(g, entity, article)
    return g


# ------------------------------------------------------------ review decisions (kg.curation)

_DECISION_CLASS = {"accept": AKG.Acceptance, "reject": AKG.Rejection, "correct": AKG.Correction}
DECISION_ACTION = {v: k for k, v in _DECISION_CLASS.items()}


def agent_iri(name: str) -> URIRef:
    """The PROV agent (an analyst) called ``name``."""
    return ID[f"agent/{slug(name) or 'unknown'}"]


def decision_iri(decision: Decision) -> URIRef:
    """A review decision: by article, fact key, action, who and when (or the node it was stored as)."""
    if decision.iri:
        return URIRef(decision.iri)
    return _fact_iri("decision", URIRef(decision.article), decision.key, decision.action, decision.by, decision.when)


def reading_iri(article: URIRef | str, key: str) -> URIRef:
    """The extractor's reading of the fact ``key`` of an article, kept when a decision changed it."""
    return _fact_iri("reading", URIRef(str(article)), key)


def json_literal(data: object) -> Literal:
    """JSON as an ``rdf:JSON`` literal (keys sorted, so equal data gives equal literals)."""
    return Literal(json.dumps(data, ensure_ascii=False, sort_keys=True), datatype=RDF.JSON)


def decision_graph(decision: Decision) -> Graph:
    """A decision in PROV-O, for the curation graph: who (an agent), when, why, which fact, what it changed."""
    g = new_graph()
    node = decision_iri(decision)
    agent = agent_iri(decision.by)
    g.add((node, RDF.type, _DECISION_CLASS[decision.action]))
    g.add((node, RDF.type, PROV.Activity))
    g.add((node, PROV.wasAssociatedWith, agent))
    g.add((agent, RDF.type, PROV.Agent))
    g.add((agent, FOAF.name, Literal(decision.by)))
    g.add((node, PROV.endedAtTime, Literal(decision.when, datatype=XSD.dateTime)))
    g.add((node, AKG.article, URIRef(decision.article)))
    g.add((node, AKG.factKey, Literal(decision.key)))
    if decision.fact:
        g.add((node, PROV.used, URIRef(decision.fact)))
    if decision.reason:
        g.add((node, AKG.reason, Literal(decision.reason)))
    if decision.changes:
        g.add((node, AKG.changes, json_literal(dict(decision.changes))))
    if decision.reading:
        g.add((node, AKG.reading, json_literal(dict(decision.reading))))
    return g


def add_review(g: Graph, article: URIRef, decision: Decision, node: URIRef | None, reading: dict) -> None:
    """Tie a curated fact of an article graph to the decision about it.

    An accepted fact's node was influenced by the decision. A rejected or corrected fact
    leaves the extractor's ``reading`` (JSON) in an :class:`akg:Reading` node: invalidated by a
    rejection, or the older revision of the corrected fact's node.
    """
    decision_node = decision_iri(decision)
    if decision.action == "accept":
        if node is not None:
            g.add((node, PROV.wasInfluencedBy, decision_node))
        return
    r = reading_iri(article, decision.key)
    g.add((r, RDF.type, AKG.Reading))
    g.add((r, PROV.wasDerivedFrom, article))
    g.add((r, AKG.factKey, Literal(decision.key)))
    g.add((r, AKG.reading, json_literal(reading)))
    if decision.action == "reject" or node is None:
        g.add((r, PROV.wasInvalidatedBy, decision_node))
    else:
        g.add((node, PROV.wasRevisionOf, r))
        g.add((node, PROV.wasInfluencedBy, decision_node))


def new_graph() -> Graph:
    """An empty rdflib graph with the project's prefixes bound."""
    g = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


__all__ = [
    "ID",
    "IRI_STATUS",
    "PREFIXES",
    "STATUS_IRI",
    "WD",
    "add_article",
    "add_fact",
    "article_iri",
    "class_iri",
    "entities_graph",
    "entity_iri",
    "fact_iri",
    "record_iri",
    "delivery_iri",
    "decimal_literal",
    "CORROBORATION_GRAPH",
    "CURATION_GRAPH",
    "DECISION_ACTION",
    "add_review",
    "agent_iri",
    "confidence_literal",
    "decision_graph",
    "decision_iri",
    "entity_path",
    "fact_key",
    "json_literal",
    "reading_iri",
    "ref_from_path",
    "LABELS_GRAPH",
    "new_graph",
    "to_graph",
    "year_literal",
]
