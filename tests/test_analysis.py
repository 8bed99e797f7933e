"""Graph questions on the hand-made graph of tests/graphdata.py, answers worked out by hand."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest

from kg.analysis import communities, neighbors, project, rank, shortest_path, suppliers, write_graph
from kg.cli import cli
from kg.facts import Article, Entity, Extraction, Ref
from kg.mapping import article_iri, to_graph
from kg.store import open_store
from tests import graphdata as gd

RUS, TUR, USA, FRA, IND, NATO = (gd.iri(r) for r in (gd.RUS, gd.TUR, gd.USA, gd.FRA, gd.IND, gd.NATO))
ERDOGAN, PUTIN, S400, F35, RAFALE = (gd.iri(r) for r in (gd.ERDOGAN, gd.PUTIN, gd.S400, gd.F35, gd.RAFALE))


@pytest.fixture(scope="module")
def store():
    return gd.fill(open_store(":memory:", write=True))


@pytest.fixture(scope="module")
def G(store):
    return project(store)


@pytest.fixture
def filled(store_dir):
    with open_store(store_dir, write=True) as s:
        gd.fill(s)
    return store_dir


# ------------------------------------------------------------------ projection

def test_projection_has_the_entities_and_typed_edges(G):
    assert G.number_of_nodes() == 11
    assert G.number_of_edges() == 15
    relations = sorted(a["relation"] for _, _, a in G.edges(data=True))
    assert relations == sorted(["deal"] * 5 + ["sanction"] + ["memberOf"] * 3 + ["leaderOf"] * 2
                               + ["manufacturer"] * 3 + ["party"])
    assert G.nodes[TUR] == {"iri": TUR, "key": "TUR", "label": "Turkey", "type": "Country",
                            "aliases": ["Turquie", "Türkiye"]}
    assert G.nodes[ERDOGAN]["type"] == "Person" and G.nodes[ERDOGAN]["aliases"] == ["Erdogan"]
    # literals, classes, articles and fact nodes are never nodes
    assert all(n.startswith("https://w3id.org/armskg/id/") for n in G)
    assert not any("/article/" in n or "/deal/" in n or "/sanction/" in n for n in G)


def test_a_deal_is_a_supplier_to_recipient_edge_with_its_evidence(G):
    deals = sorted((a["year"], a["status"], a["weapon"], a["evidence"], a["date"], a["source"])
                   for a in G.get_edge_data(RUS, TUR).values() if a["relation"] == "deal")
    assert deals == [
        (2017, "agreed", "S-400", gd.SENTENCE_2017, "2021-09-14", "https://example.org/a1"),
        (2019, "delivered", "S-400", gd.SENTENCE_2019, "2019-07-12", "https://example.org/a2"),
    ]
    sanction = [a for a in G.get_edge_data(USA, TUR).values() if a["relation"] == "sanction"]
    assert [(s["weapon"], s["measure"]) for s in sanction] == [("F-35", "exclusion from the F-35 programme")]
    party = [a for a in G.get_edge_data(RUS, TUR).values() if a["relation"] == "party"]
    assert [(p["weapon"], p["status"], p["year"]) for p in party] == [("S-400", "proposed", 2021)]


def test_projection_keeps_only_the_types_asked(store):
    H = project(store, ["Country"])
    assert sorted(H) == sorted([RUS, TUR, USA, FRA, IND])
    assert H.number_of_edges() == 7  # 5 deals, 1 sanction, 1 agreement
    with pytest.raises(ValueError, match="unknown entity type 'Planet'"):
        project(store, ["Planet"])


def test_an_empty_store_projects_to_an_empty_graph():
    assert project(open_store(":memory:", write=True)).number_of_nodes() == 0


# ------------------------------------------------------------------ questions

def test_neighbors_by_depth(G):
    assert set(neighbors(G, TUR)) == {RUS, USA, NATO, ERDOGAN}
    two = neighbors(G, TUR, depth=2)
    assert {n for n, d in two.items() if d == 2} == {IND, PUTIN, S400, F35, FRA}
    assert RAFALE not in two
    assert neighbors(G, TUR, depth=3)[RAFALE] == 3
    with pytest.raises(ValueError, match="depth must be at least 1"):
        neighbors(G, TUR, depth=0)


def test_shortest_path_ignores_direction(G):
    assert shortest_path(G, ERDOGAN, RAFALE) == [ERDOGAN, TUR, NATO, FRA, RAFALE]
    with pytest.raises(ValueError, match="is not a node"):
        shortest_path(G, ERDOGAN, "nowhere")


def test_rank_by_degree_and_type(G):
    assert [(G.nodes[n]["key"], s) for n, s in rank(G, "degree", type="Country")] == [
        ("TUR", 7), ("RUS", 6), ("USA", 4), ("FRA", 3), ("IND", 2)]
    assert rank(G, "degree", limit=1) == [(TUR, 7)]
    with pytest.raises(ValueError, match="cannot rank by 'fame'"):
        rank(G, "fame")


def test_betweenness_and_pagerank_on_a_star():
    # hub h points to a, b, c; a -> h too. h lies on every path between leaves.
    H = nx.MultiDiGraph([("h", "a"), ("h", "b"), ("h", "c"), ("a", "h")])
    between = dict(rank(H, "betweenness"))
    assert between["h"] == pytest.approx(1.0) and between["a"] == 0.0
    pr = rank(H, "pagerank")
    assert {pr[0][0], pr[1][0]} == {"a", "h"}  # the two nodes on the only cycle keep the rank
    assert sum(s for _, s in pr) == pytest.approx(1.0)


def test_suppliers_network(G, store):
    S = suppliers(G)
    assert {(G.nodes[u]["key"], G.nodes[v]["key"]): a["weight"] for u, v, a in S.edges(data=True)} == {
        ("RUS", "TUR"): 1, ("RUS", "IND"): 1, ("FRA", "IND"): 1, ("USA", "TUR"): 1}
    assert S[RUS][TUR]["reports"] == 2 and S[RUS][TUR]["years"] == [2017, 2019]
    assert sorted(suppliers(G, of=TUR).edges()) == sorted([(RUS, TUR), (USA, TUR)])
    assert sorted(suppliers(G, since=2020).edges()) == sorted([(RUS, IND), (FRA, IND)])
    assert sorted(suppliers(G, status=["delivered"]).edges()) == sorted([(RUS, TUR), (RUS, IND), (FRA, IND)])
    assert sorted(suppliers(store).edges()) == sorted(S.edges())  # a store is projected first


def test_suppliers_weight_counts_distinct_weapons():
    H = nx.MultiDiGraph()
    for weapon in ("S-400", "S-400", "Su-35"):
        H.add_edge("RUS", "TUR", relation="deal", weapon=weapon, status="agreed", year=2020)
    assert suppliers(H)["RUS"]["TUR"]["weight"] == 2
    assert suppliers(H)["RUS"]["TUR"]["reports"] == 3


def test_communities_are_a_seeded_partition(G):
    first = communities(G, seed=3)
    assert first == communities(G, seed=3)
    members = [n for c in first for n in c]
    assert sorted(members) == sorted(G) and len(members) == len(set(members))


def test_two_cliques_joined_by_one_edge_make_two_communities():
    H = nx.MultiDiGraph()
    H.add_edges_from([(a, b) for a in "abcd" for b in "abcd" if a < b])
    H.add_edges_from([(a, b) for a in "wxyz" for b in "wxyz" if a < b])
    H.add_edge("d", "w")
    assert communities(H, seed=0) == [["a", "b", "c", "d"], ["w", "x", "y", "z"]]


# ------------------------------------------------------------------ export

def test_graphml_round_trip(store):
    buf = io.BytesIO()
    write_graph(store, buf, "graphml")
    back = nx.read_graphml(io.BytesIO(buf.getvalue()))
    assert back.number_of_nodes() == 11 and back.number_of_edges() == 15
    assert back.nodes[TUR]["aliases"] == "Turquie; Türkiye"
    assert back.nodes[TUR]["key"] == "TUR"
    deal = next(a for _, _, a in back.edges(data=True) if a.get("year") == 2017)
    assert (deal["weapon"], deal["status"], deal["evidence"]) == ("S-400", "agreed", gd.SENTENCE_2017)
    assert "measure" not in deal  # None values are dropped


def test_gexf_round_trip(store):
    buf = io.BytesIO()
    write_graph(store, buf, "gexf")
    back = nx.read_gexf(io.BytesIO(buf.getvalue()))
    assert back.number_of_nodes() == 11 and back.number_of_edges() == 15
    assert back.nodes[TUR]["label"] == "Turkey" and back.nodes[TUR]["type"] == "Country"
    with pytest.raises(ValueError, match="unknown graph format 'dot'"):
        write_graph(store, io.BytesIO(), "dot")


def test_kg_export_graphml(runner, filled, tmp_path):
    out = tmp_path / "g.graphml"
    result = runner.invoke(cli, ["--store", str(filled), "export", "--format", "graphml", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert nx.read_graphml(out).number_of_edges() == 15


# ------------------------------------------------------------------ CLI

def _csv(runner, store_dir, *args):
    result = runner.invoke(cli, ["--store", str(store_dir), "graph", *args, "--format", "csv"])
    assert result.exit_code == 0, result.output
    return result.output.replace("\r\n", "\n")


def test_cli_neighbors_resolves_names_ignoring_case_and_accents(runner, filled):
    out = _csv(runner, filled, "neighbors", "turquie")
    assert out.splitlines()[0] == "distance,entity,type,key,relations,iri"
    assert sorted(line.split(",")[1] for line in out.splitlines()[1:]) == [
        "NATO", "Recep Tayyip Erdoğan", "Russia", "United States"]
    assert _csv(runner, filled, "neighbors", "TÜRKIYE") == out
    assert "Rafale" in _csv(runner, filled, "neighbors", "erdogan", "--depth", "4")


def test_cli_path(runner, filled):
    out = _csv(runner, filled, "path", "Erdogan", "rafale")
    assert out.splitlines()[1:] == [
        "1,Recep Tayyip Erdoğan,leaderOf,Turkey,President Erdogan of Turkey.",
        '2,Turkey,memberOf,NATO,"Turkey, a NATO member."',
        "3,France,memberOf,NATO,",
        "4,Rafale,manufacturer,France,",
    ]


def test_cli_rank_and_suppliers(runner, filled):
    assert _csv(runner, filled, "rank", "--type", "country", "--limit", "2").splitlines() == [
        "rank,entity,type,key,degree", "1,Turkey,Country,TUR,7", "2,Russia,Country,RUS,6"]
    assert _csv(runner, filled, "suppliers", "--of", "TUR").splitlines() == [
        "supplier,recipient,deals,weapons,years,reports",
        "Russia,Turkey,1,S-400,2017; 2019,2",
        "United States,Turkey,1,F-35,2019,1",
    ]
    assert _csv(runner, filled, "suppliers", "--since", "2021", "--status", "delivered").splitlines()[1:] == [
        "Russia,India,1,S-400,2021,1"]


def test_cli_json_output(runner, filled):
    result = runner.invoke(cli, ["--store", str(filled), "graph", "communities", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["head"]["vars"] == ["community", "size", "members"]
    assert sum(int(b["size"]["value"]) for b in data["results"]["bindings"]) == 11


def test_cli_unknown_and_ambiguous_names(runner, filled):
    result = runner.invoke(cli, ["--store", str(filled), "graph", "neighbors", "Atlantis"])
    assert result.exit_code == 1
    assert result.output == (
        "Error: no entity called 'Atlantis' in the store (try a key such as TUR, a label or an alias)\n")
    # a second entity also known as "Erdogan" makes the name ambiguous
    other = Extraction(Article("b", "b.txt", "x"), (Entity(Ref.person("Ahmet Erdogan"), names=("Erdogan",)),))
    with open_store(filled, write=True) as s:
        s.replace_graph(str(article_iri(other.article)), to_graph(other))
    result = runner.invoke(cli, ["--store", str(filled), "graph", "path", "erdogan", "TUR"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: 'erdogan' is ambiguous: ")
    assert "person/ahmet-erdogan" in result.output and "person/recep-tayyip-erdogan" in result.output
    assert result.output.count("\n") == 1


def test_cli_path_between_unconnected_entities(runner, filled):
    lonely = Extraction(Article("c", "c.txt", "x"), (Entity(Ref.country("ISL"), labels=(("Iceland", "en"),)),))
    with open_store(filled, write=True) as s:
        s.replace_graph(str(article_iri(lonely.article)), to_graph(lonely))
    result = runner.invoke(cli, ["--store", str(filled), "graph", "path", "Iceland", "TUR"])
    assert result.exit_code == 1
    assert result.output == "Error: 'Iceland' and 'TUR' are not connected in the graph\n"


class QueryOnly:
    """A store seen only through ``query`` (as a remote SPARQL store is)."""

    def __init__(self, store) -> None:
        self._store = store

    def query(self, sparql, bindings=None):
        return self._store.query(sparql, bindings)


def test_projection_is_the_same_through_plain_sparql(store, G):
    H = project(QueryOnly(store))
    assert dict(H.nodes(data=True)) == dict(G.nodes(data=True))
    assert sorted(H.edges(keys=True, data=True), key=str) == sorted(G.edges(keys=True, data=True), key=str)
