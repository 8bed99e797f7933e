"""The label index: one copy of every ``rdfs:label``, in a named graph of its own.

Each article graph describes the entities it mentions, so a country named in
3,000 articles has its label 3,000 times in the union of the graphs. A query
that wants one name per entity would read them all; the ready-made queries
read the index instead (``GRAPH <https://w3id.org/armskg/id/graph/labels>``).

The store keeps the index in step with its graphs: the SPARQL updates below
run in the same request as each graph replacement or removal. A label stays
in the index while any other graph still holds it.

>>> print(index("http://ex/g"))  # doctest: +NORMALIZE_WHITESPACE
INSERT { GRAPH <https://w3id.org/armskg/id/graph/labels> { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } }
WHERE { GRAPH <http://ex/g> { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } }
"""

from __future__ import annotations

from kg.mapping import LABELS_GRAPH

_L = f"<{LABELS_GRAPH}>"
_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"


def index(graph_iri: str | None) -> str:
    """The update that adds the labels of ``graph_iri`` (``None``: the default graph) to the index."""
    where = f"?s {_LABEL} ?l" if graph_iri is None else f"GRAPH <{graph_iri}> {{ ?s {_LABEL} ?l }}"
    return f"INSERT {{ GRAPH {_L} {{ ?s {_LABEL} ?l }} }}\nWHERE {{ {where} }}"


def unindex(graph_iri: str) -> str:
    """The update that takes out of the index the labels only ``graph_iri`` holds (run before dropping it)."""
    return (f"DELETE {{ GRAPH {_L} {{ ?s {_LABEL} ?l }} }}\n"
            f"WHERE {{ GRAPH <{graph_iri}> {{ ?s {_LABEL} ?l }}\n"
            f"  FILTER NOT EXISTS {{ GRAPH ?other {{ ?s {_LABEL} ?l }}\n"
            f"    FILTER(?other NOT IN (<{graph_iri}>, {_L})) }} }}")


#: Rebuild the whole index from the graphs (for stores written before it existed, and bulk loads).
REBUILD = (f"DROP SILENT GRAPH {_L} ;\n"
           f"INSERT {{ GRAPH {_L} {{ ?s {_LABEL} ?l }} }}\nWHERE {{ GRAPH ?g {{ ?s {_LABEL} ?l }} }}")

#: Whether the store has graphs but no index yet.
MISSING = f"ASK {{ GRAPH ?g {{ ?s ?p ?o }} FILTER NOT EXISTS {{ GRAPH {_L} {{ ?x ?y ?z }} }} }}"
