"""The HTML page of ``kg show``: self-contained, inert text, what it draws (no browser needed here)."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import networkx as nx
import pytest

from kg.analysis import project
from kg.cli import cli
from kg.render import PHYSICS_LIMIT, fast_layout, page_html, render_html
from kg.resolve import UnknownName
from kg.store import open_store
from tests import graphdata as gd


@pytest.fixture(scope="module")
def store():
    return gd.fill(open_store(":memory:", write=True), evil=True)


def parts(html: str) -> tuple[list[dict], list[dict], dict, dict]:
    """The vis node and edge lists, the options and our data block of a page."""
    nodes = json.loads(re.search(r"nodes = new vis\.DataSet\((.*?)\);\n", html).group(1))
    edges = json.loads(re.search(r"edges = new vis\.DataSet\((.*?)\);\n", html).group(1))
    options = json.loads(re.search(r"var options = (\{.*?\});\n", html).group(1))
    data = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S).group(1))
    return nodes, edges, options, data


def tags(html: str) -> dict[str, int]:
    """How many script, img, iframe and a elements an HTML parser finds."""
    from html.parser import HTMLParser

    counts = {"script": 0, "img": 0, "iframe": 0, "a": 0}

    class Counter(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag in counts:
                counts[tag] += 1

    Counter().feed(html)
    return counts


def test_the_page_is_self_contained(store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = render_html(store, Path("out") / "g.html")
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["g.html", "out"]  # no lib/ folder beside it
    html = out.read_text(encoding="utf-8")
    assert not re.search(r"""<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=""", html, re.I)
    assert "cdn.jsdelivr" not in html and "bootstrap" not in html.lower()
    assert "vis.Network" in html and "@DATA@" not in html
    assert html.startswith("<!DOCTYPE html>")


def test_article_text_is_never_markup(store):
    html = page_html(project(store))
    for raw in (gd.PAYLOAD_NAME, "<script>window.__pwned", "<img src=y", "window.__pwned=5</script>"):
        assert raw not in html
    # an HTML parser sees only our own elements: pyvis' two libraries, its drawGraph, our data block and script
    assert tags(html) == {"script": 5, "img": 0, "iframe": 0, "a": 0}
    assert "popup.innerHTML" not in html  # pyvis' raw-HTML tooltip mode stayed off despite "href" in a sentence
    nodes, _, _, data = parts(html)
    evil = next(n for n in data["nodes"] if n["key"] == "XSS")
    assert evil["label"] == gd.PAYLOAD_NAME  # the text itself survives, as data
    assert evil["evidence"][0][0] == gd.PAYLOAD_SENTENCE and evil["evidence"][0][3] == gd.PAYLOAD_SOURCE
    assert all("href" not in n["title"] for n in nodes)


def test_nodes_edges_colours_sizes_and_evidence(store):
    G = project(store)
    nodes, edges, options, data = parts(page_html(G))
    assert len(nodes) == G.number_of_nodes() == 12 and len(edges) == G.number_of_edges() == 16
    assert options["physics"]["enabled"] is True  # small graphs settle with physics
    by_key = {d["key"]: (n, d) for n, d in zip(nodes, data["nodes"])}
    tur, tur_data = by_key["TUR"]
    assert tur["color"] == "#1f77b4" and by_key["NATO"][0]["color"] == "#2ca02c"
    assert tur["size"] == round(10 + 4 * math.sqrt(8), 1)  # degree 8 with the hostile deal
    assert tur["size"] > by_key["IND"][0]["size"]
    found = [[e[0], e[2], e[3]] for e in tur_data["evidence"]]
    assert [gd.SENTENCE_2017, "2021-09-14", "https://example.org/a1"] in found
    assert gd.SENTENCE_2017 in tur["title"] and "Turkey (Country)" in tur["title"]
    labels = sorted(e["label"] for e in edges)
    assert "deal S-400 (agreed, 2017)" in labels and "sanction F-35" in labels
    party = next(e for e in edges if e["label"].startswith("party"))
    assert party["arrows"] == ""


def test_large_graphs_get_a_precomputed_layout_and_no_physics():
    n = PHYSICS_LIMIT + 100
    G = nx.MultiDiGraph()
    for i in range(n):
        G.add_node(i, label=f"n{i}", type="Country", key=str(i))
    for i in range(1, n):
        G.add_edge(i, (i - 1) // 3, relation="memberOf")
    nodes, edges, options, data = parts(page_html(G, seed=7))
    assert options["physics"]["enabled"] is False and options["edges"]["smooth"] is False
    assert len(nodes) == n and all(isinstance(v["x"], float) and isinstance(v["y"], float) for v in nodes)
    assert len({(v["x"], v["y"]) for v in nodes}) == n
    assert all("label" not in e and e["lbl"] == "memberOf" for e in edges)  # labels drawn around the selection
    assert data["lazyEdgeLabels"] is True
    assert parts(page_html(G, seed=7))[0] == nodes  # same seed, same picture
    assert parts(page_html(G, physics=True))[2]["physics"]["enabled"] is True


def test_fast_layout_is_seeded_and_keeps_clusters_apart():
    G = nx.Graph()
    for offset in (0, 100):
        G.add_edges_from((offset + i, offset + j) for i in range(30) for j in range(i + 1, 30) if (i + j) % 3 == 0)
    G.add_edge(0, 100)
    a, b = fast_layout(G, seed=1), fast_layout(G, seed=1)
    assert a == b and fast_layout(G, seed=2) != a
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in a.values())

    def mean_distance(us, vs):
        return sum(math.dist(a[u], a[v]) for u in us for v in vs) / (len(us) * len(vs))

    left, right = range(30), range(100, 130)
    assert mean_distance(left, left) < 0.7 * mean_distance(left, right)


def test_focus_types_and_query(store, tmp_path):
    nodes, *_ = parts(render_html(store, tmp_path / "f.html", focus="erdogan").read_text(encoding="utf-8"))
    assert sorted(n["label"] for n in nodes) == ["Recep Tayyip Erdoğan", "Turkey"]
    nodes, *_ = parts(render_html(store, tmp_path / "f.html", focus="Türkiye", depth=2,
                                  types=["Country"]).read_text(encoding="utf-8"))
    assert sorted(n["label"] for n in nodes) == sorted(
        ["Turkey", "Russia", "United States", "India", gd.PAYLOAD_NAME])
    nodes, edges, *_ = parts(render_html(store, tmp_path / "q.html", query="alliance-outside-buyers")
                             .read_text(encoding="utf-8"))
    # NATO member Turkey buys from Russia, and from the hostile country: both are outside NATO
    assert sorted(n["label"] for n in nodes) == [gd.PAYLOAD_NAME, "Russia", "Turkey"]
    assert sorted(e["label"] for e in edges) == [
        "deal S-400 (agreed, 2017)", "deal S-400 (delivered, 2019)", "deal S-400 (proposed, 2022)"]
    nodes, *_ = parts(render_html(store, tmp_path / "q.html", query="deals-by-supplier",
                                  params={"supplier": "France"}).read_text(encoding="utf-8"))
    assert sorted(n["label"] for n in nodes) == ["France", "India"]
    rq = tmp_path / "members.rq"
    rq.write_text("PREFIX akg: <https://w3id.org/armskg/ontology#>\n"
                  "SELECT ?c ?a WHERE { ?c akg:memberOf ?a }", encoding="utf-8")
    nodes, edges, *_ = parts(render_html(store, tmp_path / "q.html", query=str(rq)).read_text(encoding="utf-8"))
    assert sorted(n["label"] for n in nodes) == ["France", "NATO", "Turkey", "United States"]
    assert sorted(e["label"] for e in edges) == ["memberOf"] * 3  # facts between them are not in the result


def test_bad_arguments(store, tmp_path):
    with pytest.raises(UnknownName):
        render_html(store, tmp_path / "x.html", focus="Atlantis")
    with pytest.raises(ValueError, match="no ready-made query named 'nope'"):
        render_html(store, tmp_path / "x.html", query="nope")
    with pytest.raises(ValueError, match="is not in the graph drawn"):
        render_html(store, tmp_path / "x.html", focus="erdogan", types=["Country"])
    with pytest.raises(ValueError, match="names no entity or fact"):
        render_html(store, tmp_path / "x.html", query="leaders")


@pytest.fixture
def filled(store_dir):
    with open_store(store_dir, write=True) as s:
        gd.fill(s)
    return store_dir


def test_kg_show(runner, filled, tmp_path):
    out = tmp_path / "page.html"
    result = runner.invoke(cli, ["--store", str(filled), "show", "--output", str(out), "--focus", "TUR",
                                 "--depth", "2", "--type", "country", "--no-physics", "--seed", "3"])
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {out}\n"
    nodes, _, options, _ = parts(out.read_text(encoding="utf-8"))
    assert sorted(n["label"] for n in nodes) == ["India", "Russia", "Turkey", "United States"]
    assert options["physics"]["enabled"] is False
    result = runner.invoke(cli, ["--store", str(filled), "show", "-o", str(out), "--focus", "Atlantis"])
    assert (result.exit_code, result.output) == (
        1, "Error: no entity called 'Atlantis' in the store (try a key such as TUR, a label or an alias)\n")
    result = runner.invoke(cli, ["--store", str(filled), "show", "-o", str(out), "--query", "alliance-outside-buyers",
                                 "--param", "alliance=otan"])
    assert result.exit_code == 0, result.output
    assert sorted(n["label"] for n in parts(out.read_text(encoding="utf-8"))[0]) == ["Russia", "Turkey"]
    result = runner.invoke(cli, ["--store", str(filled), "show", "-o", str(out), "--query", "deals",
                                 "--param", "supplier=Atlantis"])
    assert (result.exit_code, result.output) == (
        1, "Error: no entity called 'Atlantis' in the store (try a key such as TUR, a label or an alias)\n")
    result = runner.invoke(cli, ["--store", str(filled), "show", "-o", str(out), "--query", "nope"])
    assert result.exit_code == 1 and result.output.startswith("Error: no ready-made query named 'nope'")


def test_page_carries_event_years(store, tmp_path):
    *_, data = parts(render_html(store, tmp_path / "y.html", since=2019).read_text(encoding="utf-8"))
    assert data["years"] == [2017, 2022] and (data["since"], data["until"]) == (2019, None)
    # each edge: [from, to, relation index, year, evidence]
    kinds = [data["edgeKinds"][e[2]] for e in data["edgeInfo"]]
    dated = sorted((k, e[3]) for k, e in zip(kinds, data["edgeInfo"]) if k in data["events"])
    assert dated == [("deal", 2017), ("deal", 2019), ("deal", 2019), ("deal", 2020), ("deal", 2021), ("deal", 2022),
                     ("party", 2021), ("sanction", 2021)]  # the sanction has no year: its article's date
    plain = [e for k, e in zip(kinds, data["edgeInfo"]) if k not in data["events"]]
    assert len(plain) == 8 and all(e[3] is None and e[4] == [] for e in plain)
    assert gd.SENTENCE_2017 in json.dumps(data["edgeInfo"])
    with pytest.raises(ValueError, match="after"):
        render_html(store, tmp_path / "y.html", since=2022, until=2019)


def test_inline_page_for_notebooks(store):
    from kg.render import InlinePage

    page = render_html(store, inline=True, focus="TUR")
    assert isinstance(page, InlinePage) and page.html.startswith("<!DOCTYPE html>")
    shown = page._repr_html_()
    assert shown.startswith("<iframe srcdoc=") and "<script" not in shown  # the page is an escaped attribute
    assert html_unescape(re.search(r'srcdoc="([^"]*)"', shown).group(1)) == page.html
    with pytest.raises(ValueError, match="output"):
        render_html(store)


def html_unescape(text: str) -> str:
    import html

    return html.unescape(text)


def test_kg_show_since_until(runner, filled, tmp_path):
    out = tmp_path / "s.html"
    result = runner.invoke(cli, ["--store", str(filled), "show", "-o", str(out), "--since", "2020", "--until", "2021"])
    assert result.exit_code == 0, result.output
    *_, data = parts(out.read_text(encoding="utf-8"))
    assert (data["since"], data["until"]) == (2020, 2021)
    result = runner.invoke(cli, ["--store", str(filled), "show", "-o", str(out), "--since", "2022", "--until", "2020"])
    assert result.exit_code == 2 and "is after" in result.output
