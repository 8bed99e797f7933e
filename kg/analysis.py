"""The graph as networkx sees it: entities are nodes, relations and facts are typed edges.

:func:`project` reads the store and builds a :class:`networkx.MultiDiGraph`
people can reason about. Nodes are entities (Country, Alliance, Person,
WeaponSystem) keyed by IRI, with ``iri``, ``key``, ``label``, ``type`` and
``aliases``. Edges carry a ``relation``:

- ``leaderOf``, ``formerLeaderOf``, ``officialOf``, ``memberOf``, ``manufacturer``:
  the statement's subject -> object;
- ``deal``: supplier -> recipient, with ``weapon``, ``status``, ``year`` and the
  evidence (``evidence``, ``article``, ``date``, ``source``);
- ``party``: between every two parties of an agreement (``agreement``, ``weapon``, ``status``);
- ``sanction``: imposer -> target (``weapon``, ``measure``, evidence).

Every edge has ``confidence``: the highest ``akg:confidence`` of its facts, or
``None`` when one of them has none (counted as sure).

Literals and classes are never nodes. The other functions are pure functions
of such a graph: they work on any networkx graph whose nodes have ``label`` and
``type`` attributes.

>>> G = nx.MultiDiGraph()
>>> G.add_node("RUS", label="Russia", type="Country")
>>> G.add_node("TUR", label="Turkey", type="Country")
>>> G.add_node("USA", label="United States", type="Country")
>>> _ = G.add_edge("RUS", "TUR", relation="deal", weapon="S-400", status="agreed", year=2017)
>>> _ = G.add_edge("USA", "TUR", relation="sanction", weapon="F-35")
>>> shortest_path(G, "RUS", "USA")
['RUS', 'TUR', 'USA']
>>> list(suppliers(G).edges(data="weight"))
[('RUS', 'TUR', 1)]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import IO, Any

import networkx as nx

from kg.mapping import ID, IRI_STATUS
from kg.store import Store
from kg.vocab import AKG

__all__ = [
    "ENTITY_TYPES",
    "RANKINGS",
    "RELATIONS",
    "communities",
    "edge_label",
    "neighbors",
    "path_edges",
    "project",
    "rank",
    "shortest_path",
    "suppliers",
    "to_simple_attrs",
    "write_graph",
]

#: Entity classes that become nodes, in the order used to pick one type for a node.
ENTITY_TYPES: tuple[str, ...] = ("Country", "Alliance", "WeaponSystem", "Person")
#: Plain relations projected as edges from subject to object.
RELATIONS: tuple[str, ...] = ("leaderOf", "formerLeaderOf", "officialOf", "memberOf", "manufacturer")
#: What :func:`rank` can rank by.
RANKINGS: tuple[str, ...] = ("degree", "pagerank", "betweenness")

_PATH_TYPE = {"country": "Country", "alliance": "Alliance", "person": "Person", "weapon": "WeaponSystem"}
_NS = str(AKG._NS)
_PREFIXES = f"""PREFIX akg: <{_NS}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""

_Q_TYPES = _PREFIXES + """SELECT DISTINCT ?e ?t WHERE {
  ?e a ?t . FILTER(?t IN (akg:Country, akg:Alliance, akg:Person, akg:Leader, akg:WeaponSystem)) }"""
_ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"
# which kind of name a row is: told by the property (an IRI), not by a boolean some engines return as 1
_Q_NAMES = _PREFIXES + """SELECT DISTINCT ?e ?n ?kind WHERE {
  VALUES ?kind { rdfs:label skos:altLabel } ?e ?kind ?n
  FILTER(STRSTARTS(STR(?e), "@ID@")) }""".replace("@ID@", str(ID))
_Q_PROVENANCE = _PREFIXES + """SELECT DISTINCT ?f ?ev ?art WHERE {
  ?f akg:evidence ?ev . OPTIONAL { ?f prov:wasDerivedFrom ?art } }"""
_Q_CONFIDENCE = _PREFIXES + """SELECT ?f (MAX(?c) AS ?conf) WHERE { ?f akg:confidence ?c } GROUP BY ?f"""
_Q_ARTICLES = _PREFIXES + """SELECT ?art (SAMPLE(?d) AS ?date) (SAMPLE(?src) AS ?source) WHERE {
  ?art a akg:Article . OPTIONAL { ?art dcterms:date ?d } OPTIONAL { ?art dcterms:source ?src } } GROUP BY ?art"""
_Q_RELATIONS = _PREFIXES + """SELECT DISTINCT ?s ?p ?o WHERE { VALUES ?p { @RELATIONS@ } ?s ?p ?o }"""
_Q_STATEMENTS = _PREFIXES + """SELECT DISTINCT ?f ?s ?p ?o WHERE {
  VALUES ?p { @RELATIONS@ } ?f rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }"""
_Q_RELATIONS, _Q_STATEMENTS = (q.replace("@RELATIONS@", " ".join(f"akg:{r}" for r in RELATIONS))
                               for q in (_Q_RELATIONS, _Q_STATEMENTS))
_Q_DEALS = _PREFIXES + """SELECT DISTINCT ?f ?s ?o ?w ?status ?year WHERE {
  ?f a akg:ArmsDeal ; akg:supplier ?s ; akg:recipient ?o .
  OPTIONAL { ?f akg:weapon ?w } OPTIONAL { ?f akg:status ?status } OPTIONAL { ?f akg:year ?year }
}"""
_Q_AGREEMENTS = _PREFIXES + """SELECT DISTINCT ?f ?s ?w ?status ?year WHERE {
  ?f akg:party ?s .
  OPTIONAL { ?f akg:weapon ?w } OPTIONAL { ?f akg:status ?status } OPTIONAL { ?f akg:year ?year }
}"""
_Q_SANCTIONS = _PREFIXES + """SELECT DISTINCT ?f ?s ?o ?w ?measure WHERE {
  ?f a akg:Sanction ; akg:imposedBy ?s ; akg:target ?o .
  OPTIONAL { ?f akg:weapon ?w } OPTIONAL { ?f akg:measure ?measure }
}"""


# ------------------------------------------------------------------ projection

class _Text(str):
    """A literal's text, with its language tag."""

    language: str | None = None


def _text(value: str, language: str | None) -> _Text:
    out = _Text(value)
    out.language = language
    return out


def _select(store: Store, sparql: str) -> list[dict[str, str | None]]:
    """Rows of a SELECT as plain strings (IRIs as their text, literals as :class:`_Text`).

    The embedded store is read through pyoxigraph directly: building rdflib
    terms would take most of the projection's time on large graphs.
    """
    ox_store = getattr(store, "oxigraph", None)
    if ox_store is None:
        return [{k: None if v is None else _text(str(v), getattr(v, "language", None)) for k, v in row.items()}
                for row in store.query(sparql)]
    import pyoxigraph as ox

    answer = ox_store.query(sparql, use_default_graph_as_union=True)
    names = [v.value for v in answer.variables]
    rows = []
    for solution in answer:
        row: dict[str, str | None] = {}
        for name, term in zip(names, solution):
            if term is None:
                row[name] = None
            elif type(term) is ox.Literal and term.language:
                row[name] = _text(term.value, term.language)
            else:
                row[name] = term.value
        rows.append(row)
    return rows


def _local(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _type_from_iri(iri: str) -> str | None:
    if not iri.startswith(str(ID)):
        return None
    return _PATH_TYPE.get(iri[len(str(ID)):].split("/", 1)[0])


def _str(term: Any) -> str | None:
    return None if term is None else str(term)


def _year(term: Any) -> int | None:
    if term is None:
        return None
    try:
        return int(str(term)[:4])
    except ValueError:
        return None


def _entity_nodes(store: Store) -> dict[str, dict[str, Any]]:
    types: dict[str, set[str]] = defaultdict(set)
    for row in _select(store, _Q_TYPES):
        t = _local(str(row["t"]))
        types[str(row["e"])].add("Person" if t == "Leader" else t)
    labels: dict[str, list[tuple[int, str]]] = defaultdict(list)
    alts: dict[str, set[str]] = defaultdict(set)
    for row in _select(store, _Q_NAMES):
        iri, name = str(row["e"]), row["n"]
        if row["kind"] == _ALT_LABEL:
            alts[iri].add(str(name))
        else:
            lang = getattr(name, "language", None) or ""
            labels[iri].append(({"en": 0, "": 1}.get(lang, 2), str(name)))
    nodes = {}
    for iri, found in types.items():
        etype = next((t for t in ENTITY_TYPES if t in found), None)
        if etype is None:
            continue
        nodes[iri] = _node_attrs(iri, etype, labels.get(iri, []), alts.get(iri, set()))
    return nodes


def _node_attrs(iri: str, etype: str, labels: list[tuple[int, str]], alts: set[str]) -> dict[str, Any]:
    ranked = sorted(labels)
    label = ranked[0][1] if ranked else _local(iri)
    aliases = sorted(({text for _, text in ranked} | alts) - {label})
    return {"iri": iri, "key": _local(iri), "label": label, "type": etype, "aliases": aliases}


class _Builder:
    """Collects edges keyed by fact, merging the provenance rows of one fact."""

    def __init__(self, nodes: dict[str, dict[str, Any]], types: Sequence[str] | None,
                 provenance: dict[str, list[tuple[str, str, str, str]]],
                 confidence: dict[str, float] | None = None) -> None:
        self.nodes = nodes
        self.types = set(types) if types else None
        self.provenance = provenance
        self.confidence = confidence or {}
        self.edges: dict[tuple[str, str, str], dict[str, Any]] = {}

    def node(self, iri: str) -> bool:
        if iri not in self.nodes:
            etype = _type_from_iri(iri)
            if etype is None:
                return False
            self.nodes[iri] = _node_attrs(iri, etype, [], set())
        return self.types is None or self.nodes[iri]["type"] in self.types

    def weapon(self, term: Any) -> tuple[str | None, str | None]:
        if term is None:
            return None, None
        iri = str(term)
        self.node(iri)
        return iri, self.nodes[iri]["label"] if iri in self.nodes else _local(iri)

    def add(self, s: str, o: str, key: str, attrs: dict[str, Any], facts: Iterable[str]) -> None:
        """Add (or extend) the edge ``key`` from ``s`` to ``o`` with the evidence of ``facts``."""
        if not (self.node(s) and self.node(o)):
            return
        edge = self.edges.get((s, o, key))
        if edge is None:
            edge = self.edges[(s, o, key)] = {**attrs, "provenance": [], "_confidence": []}
        facts = list(facts)
        # the edge is as sure as its surest fact; a fact (or a plain relation) without a confidence is sure
        edge["_confidence"] += [self.confidence.get(fact) for fact in facts] or [None]
        for fact in facts:
            for item in self.provenance.get(fact, ()):
                if item not in edge["provenance"]:
                    edge["provenance"].append(item)

    def graph(self) -> nx.MultiDiGraph:
        G = nx.MultiDiGraph()
        for iri, attrs in sorted(self.nodes.items()):
            if self.types is None or attrs["type"] in self.types:
                G.add_node(iri, **attrs)
        for (s, o, key), attrs in sorted(self.edges.items()):
            sure = attrs.pop("_confidence")
            attrs["confidence"] = None if not sure or None in sure else max(sure)
            prov = sorted(attrs["provenance"], key=lambda p: (p[1], p[3], p[0]))
            first = prov[0] if prov else (None, None, None, None)
            attrs.update(provenance=prov, evidence=first[0], date=first[1] or None,
                         source=first[2] or None, article=first[3] or None)
            G.add_edge(s, o, key=key, **attrs)
        return G


def _status(term: Any) -> str | None:
    if term is None:
        return None
    from rdflib import URIRef

    return IRI_STATUS.get(URIRef(str(term)), _local(str(term)).lower())


def project(store: Store, types: Iterable[str] | None = None) -> nx.MultiDiGraph:
    """The entity graph of the store as a :class:`networkx.MultiDiGraph`.

    Parameters
    ----------
    store : the store to read.
    types : keep only nodes of these classes (``Country``, ``Alliance``,
        ``Person``, ``WeaponSystem``) and the edges between them.

    Edge keys are the fact IRI (deals, agreements, sanctions) or the relation
    name; every edge has ``relation`` and ``provenance``, a list of
    ``(sentence, date, source, article)`` tuples sorted by date.

    Examples
    --------
    >>> from kg.store import open_store
    >>> project(open_store(":memory:", write=True)).number_of_nodes()
    0
    """
    wanted = list(types) if types else None
    if wanted:
        unknown = [t for t in wanted if t not in ENTITY_TYPES]
        if unknown:
            raise ValueError(f"unknown entity type {unknown[0]!r}; choose among {', '.join(ENTITY_TYPES)}")
    provenance: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
    articles = {str(r["art"]): (_str(r.get("date")) or "", _str(r.get("source")) or "")
                for r in _select(store, _Q_ARTICLES)}
    for row in _select(store, _Q_PROVENANCE):
        article = _str(row.get("art")) or ""
        date, source = articles.get(article, ("", ""))
        provenance[str(row["f"])].append((str(row["ev"]), date, source, article))
    confidence = {str(r["f"]): float(r["conf"]) for r in _select(store, _Q_CONFIDENCE) if r.get("conf") is not None}
    b = _Builder(_entity_nodes(store), wanted, provenance, confidence)
    statements: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for row in _select(store, _Q_STATEMENTS):
        statements[(str(row["s"]), str(row["p"]), str(row["o"]))].append(str(row["f"]))
    for row in _select(store, _Q_RELATIONS):
        s, p, o = str(row["s"]), str(row["p"]), str(row["o"])
        rel = _local(p)
        b.add(s, o, rel, {"relation": rel}, statements.get((s, p, o), ()))
    for row in _select(store, _Q_DEALS):
        weapon_iri, weapon = b.weapon(row.get("w"))
        attrs = {"relation": "deal", "fact": str(row["f"]), "weapon": weapon, "weapon_iri": weapon_iri,
                 "status": _status(row.get("status")), "year": _year(row.get("year"))}
        b.add(str(row["s"]), str(row["o"]), str(row["f"]), attrs, (str(row["f"]),))
    parties: dict[str, set[str]] = defaultdict(set)
    agreement_rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in _select(store, _Q_AGREEMENTS):
        parties[str(row["f"])].add(str(row["s"]))
        agreement_rows[str(row["f"])].append(row)
    for fact, members in parties.items():
        ordered = sorted(members)
        for row in agreement_rows[fact]:
            weapon_iri, weapon = b.weapon(row.get("w"))
            attrs = {"relation": "party", "fact": fact, "agreement": fact, "weapon": weapon,
                     "weapon_iri": weapon_iri, "status": _status(row.get("status")), "year": _year(row.get("year"))}
            for i, s in enumerate(ordered):
                for o in ordered[i + 1:]:
                    b.add(s, o, fact, attrs, (fact,))
    for row in _select(store, _Q_SANCTIONS):
        weapon_iri, weapon = b.weapon(row.get("w"))
        attrs = {"relation": "sanction", "fact": str(row["f"]), "weapon": weapon, "weapon_iri": weapon_iri,
                 "measure": _str(row.get("measure"))}
        b.add(str(row["s"]), str(row["o"]), str(row["f"]), attrs, (str(row["f"]),))
    return b.graph()


# ------------------------------------------------------------------ questions

def edge_label(attrs: dict[str, Any]) -> str:
    """A short text for an edge: its relation and, for facts, weapon, status and year.

    >>> edge_label({"relation": "deal", "weapon": "S-400", "status": "agreed", "year": 2017})
    'deal S-400 (agreed, 2017)'
    >>> edge_label({"relation": "memberOf"})
    'memberOf'
    """
    text = str(attrs.get("relation", ""))
    if attrs.get("weapon"):
        text += f" {attrs['weapon']}"
    details = [str(attrs[k]) for k in ("status", "year") if attrs.get(k) is not None]
    if details:
        text += f" ({', '.join(details)})"
    return text


def _check_node(G: nx.Graph, node: Any) -> None:
    if node not in G:
        raise ValueError(f"{node!r} is not a node of the graph")


def neighbors(G: nx.Graph, node: Any, depth: int = 1) -> dict[Any, int]:
    """Entities within ``depth`` steps of ``node``, in either direction, with their distance.

    The result is ordered by distance, then label; ``node`` itself is left out.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("a", "b"), ("c", "b"), ("c", "d")])
    >>> neighbors(G, "b")
    {'a': 1, 'c': 1}
    >>> neighbors(G, "b", depth=2)
    {'a': 1, 'c': 1, 'd': 2}
    """
    _check_node(G, node)
    if depth < 1:
        raise ValueError(f"depth must be at least 1, not {depth}")
    found = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), node, cutoff=depth)
    found.pop(node, None)
    return dict(sorted(found.items(), key=lambda kv: (kv[1], str(G.nodes[kv[0]].get("label", kv[0])), str(kv[0]))))


def shortest_path(G: nx.Graph, source: Any, target: Any) -> list[Any]:
    """The nodes on a shortest path between two entities, ignoring edge direction.

    Raises :class:`ValueError` when they are not connected.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("a", "b"), ("c", "b")])
    >>> G.add_node("z")
    >>> shortest_path(G, "a", "c")
    ['a', 'b', 'c']
    >>> shortest_path(G, "a", "z")
    Traceback (most recent call last):
    ...
    ValueError: no path between 'a' and 'z'
    """
    _check_node(G, source)
    _check_node(G, target)
    try:
        return nx.shortest_path(G.to_undirected(as_view=True), source, target)
    except nx.NetworkXNoPath:
        raise ValueError(f"no path between {source!r} and {target!r}") from None


def path_edges(G: nx.MultiDiGraph, path: Sequence[Any]) -> list[tuple[Any, Any, dict[str, Any]]]:
    """For each step of a path, one edge joining the two nodes as stored: ``(u, v, attrs)``.

    >>> G = nx.MultiDiGraph(); _ = G.add_edge("b", "a", relation="memberOf")
    >>> path_edges(G, ["a", "b"])
    [('b', 'a', {'relation': 'memberOf'})]
    """
    steps = []
    for u, v in zip(path, path[1:]):
        for s, o in ((u, v), (v, u)):
            data = G.get_edge_data(s, o)
            if data:
                first = data[sorted(data, key=str)[0]] if G.is_multigraph() else data
                steps.append((s, o, first))
                break
    return steps


def rank(G: nx.Graph, by: str = "degree", type: str | None = None, limit: int | None = None) -> list[tuple[Any, float]]:
    """Nodes by centrality, highest first (ties by label).

    ``degree`` counts edges (a multigraph's parallel edges each count);
    ``pagerank`` follows edge direction (weight = number of parallel edges);
    ``betweenness`` is computed on the undirected simple graph. Centrality is
    computed on the whole graph, then ``type`` keeps one class.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("a", "b"), ("c", "b"), ("b", "d")])
    >>> rank(G, "degree", limit=2)
    [('b', 3), ('a', 1)]
    >>> rank(G, "betweenness")[0]
    ('b', 1.0)
    """
    if by not in RANKINGS:
        raise ValueError(f"cannot rank by {by!r}; choose among {', '.join(RANKINGS)}")
    if G.number_of_nodes() == 0:
        return []
    if by == "degree":
        scores: dict[Any, float] = dict(G.degree())
    elif by == "pagerank":
        scores = nx.pagerank(_collapse(G, directed=True), weight="weight")
    else:
        scores = nx.betweenness_centrality(nx.Graph(G.to_undirected(as_view=True)))
    items = [(n, s) for n, s in scores.items() if type is None or G.nodes[n].get("type") == type]
    items.sort(key=lambda kv: (-kv[1], str(G.nodes[kv[0]].get("label", kv[0])), str(kv[0])))
    return items[:limit] if limit is not None else items


def _collapse(G: nx.Graph, directed: bool) -> nx.Graph:
    """A simple graph whose edge ``weight`` counts the parallel edges of ``G``."""
    H = nx.DiGraph() if directed else nx.Graph()
    H.add_nodes_from(G.nodes(data=True))
    for u, v in G.edges():
        if u == v:
            continue
        if H.has_edge(u, v):
            H[u][v]["weight"] += 1
        else:
            H.add_edge(u, v, weight=1)
    return H


def suppliers(G: nx.Graph | Store, of: Any = None, since: int | None = None,
              status: Iterable[str] | None = None) -> nx.DiGraph:
    """The weighted supplier -> recipient network of the deals.

    Parameters
    ----------
    G : a projection (:func:`project`) or a store to project.
    of : keep the deals whose recipient is this node.
    since : keep the deals of this year or later (deals without a year are left out).
    status : keep the deals with one of these statuses.

    Each edge has ``weight`` (how many distinct weapons, i.e. deals, go from the
    supplier to the recipient), ``weapons`` (sorted names), ``reports`` (deal
    records, one per article that states the deal) and ``years``.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("RUS", "TUR", relation="deal", weapon="S-400", status="agreed", year=2017)
    >>> _ = G.add_edge("RUS", "TUR", relation="deal", weapon="S-400", status="delivered", year=2019)
    >>> _ = G.add_edge("USA", "TUR", relation="deal", weapon="F-35", status="cancelled", year=2019)
    >>> _ = G.add_edge("USA", "TUR", relation="sanction", weapon="F-35")
    >>> S = suppliers(G)
    >>> S["RUS"]["TUR"]["weight"], S["RUS"]["TUR"]["reports"]
    (1, 2)
    >>> sorted(suppliers(G, status=["cancelled"]).edges())
    [('USA', 'TUR')]
    >>> sorted(suppliers(G, since=2019).edges())
    [('RUS', 'TUR'), ('USA', 'TUR')]
    """
    if not isinstance(G, nx.Graph):
        G = project(G)
    if of is not None:
        _check_node(G, of)
    statuses = set(status) if status else None
    S = nx.DiGraph()
    weapons: dict[tuple[Any, Any], set[str]] = defaultdict(set)
    for u, v, attrs in G.edges(data=True):
        if attrs.get("relation") != "deal":
            continue
        if of is not None and v != of:
            continue
        year = attrs.get("year")
        if since is not None and (year is None or year < since):
            continue
        if statuses is not None and attrs.get("status") not in statuses:
            continue
        for n in (u, v):
            if n not in S:
                S.add_node(n, **G.nodes[n])
        if not S.has_edge(u, v):
            S.add_edge(u, v, reports=0, years=set())
        S[u][v]["reports"] += 1
        if year is not None:
            S[u][v]["years"].add(year)
        weapons[(u, v)].add(str(attrs.get("weapon") or attrs.get("weapon_iri") or "?"))
    for (u, v), names in weapons.items():
        S[u][v].update(weight=len(names), weapons=sorted(names), years=sorted(S[u][v]["years"]))
    return S


def communities(G: nx.Graph, seed: int = 0) -> list[list[Any]]:
    """Louvain communities of the undirected projection (seeded, reproducible).

    Parallel edges add weight. Communities are sorted by size, then by their
    first member; members are sorted.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y"), ("y", "z"), ("z", "x"), ("c", "x")])
    >>> communities(G, seed=1)
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    if G.number_of_nodes() == 0:
        return []
    H = _collapse(G, directed=False)
    found = nx.community.louvain_communities(H, weight="weight", seed=seed)
    groups = [sorted(c, key=str) for c in found]
    return sorted(groups, key=lambda c: (-len(c), str(c[0])))


# ------------------------------------------------------------------ export

def to_simple_attrs(attrs: dict[str, Any]) -> dict[str, Any]:
    """Attributes GraphML and GEXF can hold: ``None`` dropped, lists joined by ``; ``.

    The ``provenance`` tuples become ``evidence_all`` (sentences joined by `` | ``).

    >>> to_simple_attrs({"a": None, "b": ["x", "y"], "c": 2, "provenance": [("s", "d", "src", "art")]})
    {'b': 'x; y', 'c': 2, 'evidence_all': 's'}
    """
    out: dict[str, Any] = {}
    for name, value in attrs.items():
        if value is None:
            continue
        if name == "provenance":
            if value:
                out["evidence_all"] = " | ".join(p[0] for p in value)
            continue
        if isinstance(value, (list, tuple, set)):
            value = "; ".join(str(v) for v in value)
        elif not isinstance(value, (str, int, float, bool)):
            value = str(value)
        out[name] = value
    return out


def _exportable(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    H = nx.MultiDiGraph()
    for n, attrs in G.nodes(data=True):
        H.add_node(n, **to_simple_attrs(attrs))
    for u, v, k, attrs in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=k, **to_simple_attrs(attrs))
    return H


def write_graph(store: Store | nx.Graph, out: IO[bytes], fmt: str = "graphml") -> None:
    """Write the projection as GraphML or GEXF to a binary stream (for Gephi, yEd, networkx).

    Examples
    --------
    >>> import io
    >>> G = nx.MultiDiGraph(); G.add_node("a", label="A", aliases=["x", "y"], year=None)
    >>> buf = io.BytesIO(); write_graph(G, buf, "graphml")
    >>> dict(nx.read_graphml(io.BytesIO(buf.getvalue())).nodes(data=True))
    {'a': {'label': 'A', 'aliases': 'x; y'}}
    """
    G = store if isinstance(store, nx.Graph) else project(store)
    H = _exportable(G)
    if fmt == "graphml":
        nx.write_graphml(H, out, encoding="utf-8")
    elif fmt == "gexf":
        nx.write_gexf(H, out, encoding="utf-8")
    else:
        raise ValueError(f"unknown graph format {fmt!r}; choose graphml or gexf")

