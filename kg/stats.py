"""Counts per class and per named graph.

>>> from kg.store import open_store
>>> stats(open_store(":memory:", write=True))["triples"]
0
"""

from __future__ import annotations

from kg.store import Store
from kg.vocab import AKG

CLASSES = ("Country", "Alliance", "Person", "Leader", "WeaponSystem", "ArmsDeal", "Agreement",
           "Sanction", "Article")


def stats(store: Store) -> dict:
    """``{"triples": n, "classes": {name: n}, "graphs": {iri: n}}``."""
    classes = {name: 0 for name in CLASSES}
    rows = store.query(
        "SELECT ?c (COUNT(DISTINCT ?x) AS ?n) "
        f'WHERE {{ ?x a ?c FILTER(STRSTARTS(STR(?c), "{AKG._NS}")) }} GROUP BY ?c'
    )
    for row in rows:
        name = str(row["c"]).rsplit("#", 1)[-1]
        classes[name] = int(row["n"])
    # the project's graphs only: not the label index (a copy of labels the graphs hold), nor a server's own
    project = set(store.graph_names())
    graphs = {
        str(row["g"]): int(row["n"])
        for row in store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g")
        if str(row["g"]) in project
    }
    return {"triples": store.count(), "classes": classes, "graphs": graphs}


def format_stats(data: dict) -> str:
    """A human-readable report of :func:`stats`."""
    lines = [f"triples: {data['triples']}", "", "class          count"]
    lines += [f"{name:<14} {n}" for name, n in data["classes"].items()]
    lines += ["", f"named graphs: {len(data['graphs'])}"]
    lines += [f"  {n:>7}  {iri}" for iri, n in data["graphs"].items()]
    return "\n".join(lines) + "\n"
