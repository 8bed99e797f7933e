"""The ontology, the generated vocabulary and the RDF mapping of the contract."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from kg.facts import Article, Deal, Entity, Evidence, Extraction, Leader, Ref, Sanction
from kg.mapping import article_iri, entity_iri, to_graph
from kg.resources import ontology_path
from kg.vocab import AKG
from kg.vocabgen import render, terms


def test_generated_vocabulary_is_up_to_date():
    from kg.resources import PACKAGE_DIR

    assert (PACKAGE_DIR / "vocab.py").read_text(encoding="utf-8") == render(terms())


def test_misspelt_terms_fail_instead_of_minting_iris():
    with pytest.raises(AttributeError):
        AKG.ArmDeal  # noqa: B018


def test_every_property_has_domain_range_and_bilingual_labels():
    g = Graph().parse(ontology_path(), format="turtle")
    properties = set(g.subjects(RDF.type, OWL.ObjectProperty)) | set(g.subjects(RDF.type, OWL.DatatypeProperty))
    assert AKG.supplier in properties and AKG.evidence in properties
    for p in properties:
        langs = {lit.language for lit in g.objects(p, RDFS.label)}
        comments = {lit.language for lit in g.objects(p, RDFS.comment)}
        assert {"en", "fr"} <= langs and {"en", "fr"} <= comments, p
        assert (p, RDFS.range, None) in g, p
    for cls in ("Country", "Person", "Leader", "Alliance", "WeaponSystem", "Agreement", "ArmsDeal", "Sanction",
                "Article"):
        assert (AKG[cls], RDF.type, OWL.Class) in g


def test_iris_follow_the_contract():
    assert str(entity_iri(Ref.country("TUR"))) == "https://w3id.org/armskg/id/country/TUR"
    assert str(entity_iri(Ref.alliance("NATO"))) == "https://w3id.org/armskg/id/alliance/NATO"
    assert str(entity_iri(Ref.weapon("S-400"))) == "https://w3id.org/armskg/id/weapon/s-400"
    assert str(entity_iri(Ref.person("Recep Tayyip Erdoğan"))) == \
        "https://w3id.org/armskg/id/person/recep-tayyip-erdogan"


def test_mapping_of_a_deal_a_sanction_and_a_leader():
    art = Article("a1", "test.txt", "...", date="2021-09", lang="fr")
    ev = Evidence("La Russie a livré des S-400 à la Turquie.")
    ex = Extraction(
        art,
        (Entity(Ref.country("TUR"), (("Turkey", "en"), ("Turquie", "fr")), ("Türkiye",)),),
        (Deal(Ref.country("RUS"), Ref.country("TUR"), Ref.weapon("S-400"), "agreed", 2017, ev),
         Sanction(Ref.country("USA"), Ref.country("TUR"), Ref.weapon("F-35"), "exclusion", ev),
         Leader(Ref.person("Vladimir Putin"), Ref.country("RUS"), False, ev)),
    )
    g = to_graph(ex)
    a = article_iri(art)
    deal = g.value(predicate=RDF.type, object=AKG.ArmsDeal)
    assert g.value(deal, AKG.supplier) == entity_iri(Ref.country("RUS"))
    assert g.value(deal, AKG.status) == AKG.Agreed
    assert g.value(deal, AKG.year) == Literal("2017", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYear"))
    assert g.value(deal, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")) == a
    assert str(g.value(deal, AKG.evidence)) == ev.sentence
    sanction = g.value(predicate=RDF.type, object=AKG.Sanction)
    assert g.value(sanction, AKG.imposedBy) == entity_iri(Ref.country("USA"))
    assert str(g.value(sanction, AKG.measure)) == "exclusion"
    putin = entity_iri(Ref.person("Vladimir Putin"))
    assert (putin, RDF.type, AKG.Leader) in g and (putin, AKG.leaderOf, entity_iri(Ref.country("RUS"))) in g
    tur = entity_iri(Ref.country("TUR"))
    assert (tur, AKG.mentionedIn, a) in g
    assert Literal("Turquie", lang="fr") in set(g.objects(tur, RDFS.label))
    assert str(g.value(a, URIRef("http://purl.org/dc/terms/date"))) == "2021-09"
