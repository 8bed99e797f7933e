"""The ontology in an OWL 2 reasoner: HermiT (Protégé's default), run by owlready2 in Java.

The data keeps ``akg:year "2017"^^xsd:gYear`` (fact-model.md); xsd:gYear is outside the OWL 2
datatype map, so the data checks here leave those literals out: the ontology no longer asks for them.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from rdflib import OWL, RDF, Graph, URIRef

from kg.mapping import PREFIXES
from kg.resources import ontology_path
from kg.store import open_store
from kg.vocab import AKG
from tests import graphdata

owlready2 = pytest.importorskip("owlready2")
pytestmark = pytest.mark.skipif(shutil.which("java") is None, reason="no Java (make java) for HermiT")

GYEAR = URIRef("http://www.w3.org/2001/XMLSchema#gYear")


def hermit(graph: Graph, folder: Path):
    """Classify ``graph`` with HermiT, without options; the owlready2 world it leaves."""
    path = folder / "input.owl"
    graph.serialize(path, format="xml", encoding="utf-8")
    world = owlready2.World()
    ontology = world.get_ontology(path.as_uri()).load()
    with ontology:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    return world


def data_graph() -> Graph:
    """The hand-made test graph with the ontology, its gYear literals left out."""
    store = graphdata.fill(open_store(":memory:", write=True))
    buffer = io.BytesIO()
    store.export(buffer, "ntriples")
    graph = Graph().parse(ontology_path(), format="turtle")
    graph.parse(data=buffer.getvalue(), format="nt")
    for triple in [t for t in graph if getattr(t[2], "datatype", None) == GYEAR]:
        graph.remove(triple)
    return graph


def test_hermit_classifies_the_ontology(tmp_path: Path) -> None:
    world = hermit(Graph().parse(ontology_path(), format="turtle"), tmp_path)
    leader, person = world[str(AKG.Leader)], world[str(AKG.Person)]
    assert person in leader.ancestors()
    disjoint = {frozenset(str(c.iri) for c in d.entities) for d in world[str(AKG.Country)].disjoints()}
    assert frozenset(str(AKG[c]) for c in ("Country", "Alliance", "Person", "WeaponSystem")) in disjoint
    assert not list(world.inconsistent_classes())


def test_hermit_accepts_the_data_and_catches_a_thing_of_two_kinds(tmp_path: Path) -> None:
    graph = data_graph()
    world = hermit(graph, tmp_path)
    assert world[graphdata.iri(graphdata.ERDOGAN)].is_a  # the individuals were loaded and typed
    graph.add((URIRef(graphdata.iri(graphdata.TUR)), RDF.type, AKG.Person))  # a country that is a person
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        hermit(graph, tmp_path)


def test_borrowed_properties_are_declared() -> None:
    ontology = Graph().parse(ontology_path(), format="turtle")
    declared = {s for kind in (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
                for s in ontology.subjects(RDF.type, kind)}
    borrowed = tuple(PREFIXES[p] for p in ("prov", "skos", "dcterms"))
    used = {p for p in data_graph().predicates() if str(p).startswith(borrowed)}
    assert used and used <= declared, used - declared
