"""The label index: one copy of every ``rdfs:label``, and one name per entity, in a graph of their own.

Each article graph describes the entities it mentions, so a country named in
3,000 articles has its label 3,000 times in the union of the graphs. A query
that wants one name per entity would read them all; the ready-made queries
read the index instead (``GRAPH <https://w3id.org/armskg/id/graph/labels>``).

Beside the labels, the index holds one ``skos:prefLabel`` per labelled
entity: its English label, else an untagged one, else any, the first in code
point order when there are several (SIPRI spells some weapons both "COBRA"
and "Cobra"). With exactly one name, a query looks it up row by row.

The store keeps the index in step with its graphs: the SPARQL updates below
run in the same request as each graph replacement or removal. A label stays
in the index while any other graph still holds it.

>>> print(index("http://ex/g").split(" ;")[0])  # doctest: +NORMALIZE_WHITESPACE
INSERT { GRAPH <https://w3id.org/armskg/id/graph/labels> { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } }
WHERE { GRAPH <http://ex/g> { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } }
"""

from __future__ import annotations

from kg.mapping import LABELS_GRAPH

_L = f"<{LABELS_GRAPH}>"
_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
_NAME = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
#: The sort key of a label: English first, then untagged, then the others; text in code point order.
_KEY = ('CONCAT(IF(LANG(?l) = "en", "0", IF(LANG(?l) = "", "1", "2")), LANG(?l), "|", STR(?l))')


def _names(subjects: str) -> str:
    """The update that sets the one name of each entity ``subjects`` (a group pattern binding ?s) selects."""
    return (f"DELETE {{ GRAPH {_L} {{ ?s {_NAME} ?old }} }}\n"
            f"WHERE {{ {{ SELECT DISTINCT ?s WHERE {{ {subjects} }} }} GRAPH {_L} {{ ?s {_NAME} ?old }} }} ;\n"
            f"INSERT {{ GRAPH {_L} {{ ?s {_NAME} ?name }} }}\n"
            f"WHERE {{ {{ SELECT ?s (MIN({_KEY}) AS ?k)\n"
            f"         WHERE {{ {{ SELECT DISTINCT ?s WHERE {{ {subjects} }} }} GRAPH {_L} {{ ?s {_LABEL} ?l }} }}\n"
            f"         GROUP BY ?s }}\n"
            f'  BIND(SUBSTR(STRBEFORE(?k, "|"), 2) AS ?lang) BIND(STRAFTER(?k, "|") AS ?text)\n'
            f'  BIND(IF(?lang = "", ?text, STRLANG(?text, ?lang)) AS ?name) }}')


def index(graph_iri: str | None) -> str:
    """The update that adds the labels of ``graph_iri`` (``None``: the default graph) to the index."""
    where = f"?s {_LABEL} ?l" if graph_iri is None else f"GRAPH <{graph_iri}> {{ ?s {_LABEL} ?l }}"
    return f"INSERT {{ GRAPH {_L} {{ ?s {_LABEL} ?l }} }}\nWHERE {{ {where} }} ;\n{_names(where)}"


def unindex(graph_iri: str) -> str:
    """The update that takes out of the index the labels only ``graph_iri`` holds (run before dropping it)."""
    return (f"DELETE {{ GRAPH {_L} {{ ?s {_LABEL} ?l }} }}\n"
            f"WHERE {{ GRAPH <{graph_iri}> {{ ?s {_LABEL} ?l }}\n"
            f"  FILTER NOT EXISTS {{ GRAPH ?other {{ ?s {_LABEL} ?l }}\n"
            f"    FILTER(?other NOT IN (<{graph_iri}>, {_L})) }} }} ;\n"
            f"{_names(f'GRAPH <{graph_iri}> {{ ?s {_LABEL} ?l }}')}")


#: Rebuild the whole index from the graphs (for stores written before it existed, and bulk loads).
REBUILD = (f"DROP SILENT GRAPH {_L} ;\n"
           f"INSERT {{ GRAPH {_L} {{ ?s {_LABEL} ?l }} }}\nWHERE {{ GRAPH ?g {{ ?s {_LABEL} ?l }} }} ;\n"
           f"{_names(f'GRAPH {_L} {{ ?s {_LABEL} ?l }}')}")

#: Whether the store has labels but no index of them yet (or one written before it held names).
#: Asked at each write-open: the index test comes first and answers from one lookup, where a
#: pattern over the labels, filtered, would read every label of the store.
MISSING = (f"ASK {{ FILTER NOT EXISTS {{ GRAPH {_L} {{ ?x {_NAME} ?n }} }}\n"
           f"  FILTER EXISTS {{ GRAPH ?g {{ ?s {_LABEL} ?l }} FILTER(?g != {_L}) }} }}")


# ---------------------------------------------------------------- many graphs at once (kg load)

def _values(graph_iris: list[str]) -> str:
    return "VALUES ?g { " + " ".join(f"<{g}>" for g in graph_iris) + " }"


def index_many(graph_iris: list[str]) -> str:
    """:func:`index` for several graphs in one update (the graphs of a shard).

    >>> "VALUES ?g { <http://ex/a> <http://ex/b> }" in index_many(["http://ex/a", "http://ex/b"])
    True
    """
    where = f"{_values(graph_iris)} GRAPH ?g {{ ?s {_LABEL} ?l }}"
    return f"INSERT {{ GRAPH {_L} {{ ?s {_LABEL} ?l }} }}\nWHERE {{ {where} }} ;\n{_names(where)}"


def unindex_many(graph_iris: list[str]) -> str:
    """:func:`unindex` for several graphs in one update (run before dropping them all)."""
    others = ", ".join([*(f"<{g}>" for g in graph_iris), _L])
    where = f"{_values(graph_iris)} GRAPH ?g {{ ?s {_LABEL} ?l }}"
    return (f"DELETE {{ GRAPH {_L} {{ ?s {_LABEL} ?l }} }}\n"
            f"WHERE {{ {where}\n"
            f"  FILTER NOT EXISTS {{ GRAPH ?other {{ ?s {_LABEL} ?l }}\n"
            f"    FILTER(?other NOT IN ({others})) }} }} ;\n"
            f"{_names(where)}")


def add_labels(graph_iris: list[str] | None) -> str:
    """The update that copies the labels of ``graph_iris`` (``None``: the default graph) into the index,
    without choosing names (:data:`NAMES` does, once, after a bulk import: memory then holds one group
    of graphs' labels at a time, where :data:`REBUILD` holds every label of the store)."""
    where = f"?s {_LABEL} ?l" if graph_iris is None else f"{_values(graph_iris)} GRAPH ?g {{ ?s {_LABEL} ?l }}"
    return f"INSERT {{ GRAPH {_L} {{ ?s {_LABEL} ?l }} }}\nWHERE {{ {where} }}"


#: Choose the one name of every entity in the index afresh (after :func:`add_labels`).
NAMES = _names(f"GRAPH {_L} {{ ?s {_LABEL} ?l }}")
