"""SHACL validation of the store against ``ontology/shapes.ttl`` (pyshacl).

>>> from kg.store import open_store
>>> validate(open_store(":memory:", write=True)).conforms
True
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from rdflib import Graph

from kg.resources import ontology_path, shapes_path
from kg.store import Store


@dataclass(frozen=True)
class Report:
    conforms: bool
    text: str
    violations: int


def store_graph(store: Store) -> Graph:
    """The union of the store's graphs as one rdflib graph."""
    buffer = io.BytesIO()
    store.export(buffer, "ntriples")
    return Graph().parse(data=buffer.getvalue(), format="nt")


def validate_graph(data: Graph) -> Report:
    """Validate an rdflib graph against the shapes, with the ontology for subclass reasoning."""
    import pyshacl

    shapes = Graph().parse(shapes_path(), format="turtle")
    ontology = Graph().parse(ontology_path(), format="turtle")
    conforms, results, text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=True
    )
    from rdflib.namespace import SH

    violations = len(set(results.subjects(predicate=SH.resultSeverity)))
    return Report(bool(conforms), text, violations)


def validate(store: Store) -> Report:
    """Validate the whole store."""
    return validate_graph(store_graph(store))
