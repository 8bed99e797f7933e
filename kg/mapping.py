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
from collections.abc import Iterable

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV

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
    slug,
)
from kg.vocab import AKG

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
    """A stable IRI for a deal, agreement, sanction or reified statement of an article."""
    kind = {Deal: "deal", Agreement: "agreement", Sanction: "sanction"}.get(type(fact), "statement")
    return _fact_iri(kind, article, type(fact).__name__, *fact.core)


def record_iri(kind: str, source: URIRef, record: str) -> URIRef:
    """A stable IRI for one record of a reference database (a SIPRI deal), by its record id or line.

    Repeated orders of the same weapon between the same states are separate records, so they are
    not keyed by supplier, recipient and weapon as an article's deal is.
    """
    return _fact_iri(kind, source, "record", record)


CORROBORATION_GRAPH = ID["graph/corroboration"]
#: One copy of every ``rdfs:label`` held by the other graphs, and one name per entity (:mod:`kg.labelindex`).
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


def _provenance(g: Graph, node: URIRef, fact: Fact, article: URIRef) -> None:
    g.add((node, PROV.wasDerivedFrom, article))
    if fact.evidence is not None and fact.evidence.sentence:
        g.add((node, AKG.evidence, Literal(fact.evidence.sentence)))


def _statement(g: Graph, fact: Fact, article: URIRef, s: URIRef, p: URIRef, o: URIRef) -> None:
    """Add ``s p o`` and a reified statement carrying its evidence."""
    g.add((s, p, o))
    if fact.evidence is None:
        return
    node = fact_iri(fact, article)
    g.add((node, RDF.type, RDF.Statement))
    g.add((node, RDF.subject, s))
    g.add((node, RDF.predicate, p))
    g.add((node, RDF.object, o))
    _provenance(g, node, fact, article)


def delivery_iri(deal: URIRef, year: int) -> URIRef:
    """The IRI of a deal's delivery of one year (SIPRI's delivery-year rows).

    >>> str(delivery_iri(ID["deal/0123456789abcdef"], 2019)).startswith("https://w3id.org/armskg/id/delivery/")
    True
    """
    return _fact_iri("delivery", deal, year)


def add_fact(g: Graph, fact: Fact, article: URIRef, node: URIRef | None = None) -> None:
    """Add one fact's triples to ``g`` (entities are added separately).

    ``node`` names a deal that is a database record rather than an article's fact (see :func:`record_iri`).
    """
    if isinstance(fact, Leader):
        person = entity_iri(fact.person)
        g.add((person, RDF.type, AKG.Person))
        g.add((person, RDF.type, AKG.Leader))
        prop = AKG.formerLeaderOf if fact.former else AKG.leaderOf
        _statement(g, fact, article, person, prop, entity_iri(fact.of))
    elif isinstance(fact, Official):
        person = entity_iri(fact.person)
        _statement(g, fact, article, person, AKG.officialOf, entity_iri(fact.of))
        if fact.role:
            g.add((person, AKG.role, Literal(fact.role)))
    elif isinstance(fact, Member):
        _statement(g, fact, article, entity_iri(fact.country), AKG.memberOf, entity_iri(fact.alliance))
    elif isinstance(fact, Maker):
        _statement(g, fact, article, entity_iri(fact.weapon), AKG.manufacturer, entity_iri(fact.country))
    elif isinstance(fact, Deal):
        _add_deal(g, fact, article, node)
    elif isinstance(fact, Agreement):
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
    elif isinstance(fact, Sanction):
        node = fact_iri(fact, article)
        g.add((node, RDF.type, AKG.Sanction))
        g.add((node, AKG.imposedBy, entity_iri(fact.by)))
        g.add((node, AKG.target, entity_iri(fact.target)))
        if fact.weapon is not None:
            g.add((node, AKG.weapon, entity_iri(fact.weapon)))
        if fact.measure:
            g.add((node, AKG.measure, Literal(fact.measure)))
        _provenance(g, node, fact, article)
    else:  # pragma: no cover - the Fact union is closed
        raise TypeError(f"not a fact: {fact!r}")


def _add_deal(g: Graph, deal: Deal, article: URIRef, node: URIRef | None = None) -> None:
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
    "LABELS_GRAPH",
    "new_graph",
    "to_graph",
    "year_literal",
]
