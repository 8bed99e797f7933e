"""The graph as one interactive HTML page (pyvis / vis-network); the only module that imports pyvis.

The page is one self-contained file: vis-network is in line and pyvis'
Bootstrap links are removed, so it opens offline, from any folder, and makes
no network request. Nodes are coloured by class (with a legend) and sized by
degree, edges carry labels, a search box selects and centres an entity, and
clicking a node lists its evidence sentences with the article's date and
source in a side panel. Edges whose facts carry a confidence fade with it
(dashed below :data:`FADE_BELOW`) and show it in the tooltip and the panel.

Every text that comes from an article is data, never markup: node data travels
in a JSON block (``<``, ``>`` and ``&`` escaped) and is shown with
``textContent``; tooltips are plain strings, which vis-network shows as text.

Small graphs settle with physics from a seeded start; above
:data:`PHYSICS_LIMIT` nodes the layout is computed here (:func:`fast_layout`,
seeded), physics is off, edges are straight and edge labels are drawn only
around the selected entity (drawing thousands of labels costs seconds per
frame), so thousands of nodes open and respond in seconds.

>>> import networkx as nx
>>> G = nx.MultiDiGraph(); G.add_node("a", label="<b>A</b>", type="Country")
>>> "<b>A</b>" in page_html(G)
False
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
from pyvis.network import Network

from kg.analysis import ENTITY_TYPES, edge_label, neighbors, project
from kg.store import Store

__all__ = ["COLORS", "EVENT_RELATIONS", "PHYSICS_LIMIT", "InlinePage", "edge_year", "fast_layout", "graph_for_query",
           "page_html", "render_graph", "render_html"]

#: Edges whose confidence is below this are dashed (all edges with a confidence fade with it).
FADE_BELOW = 0.5
#: Above this many nodes, positions are computed in Python and physics is off.
PHYSICS_LIMIT = 300
#: Node colour per class (also the legend).
COLORS: dict[str, str] = {
    "Country": "#1f77b4",
    "Alliance": "#2ca02c",
    "WeaponSystem": "#d62728",
    "Person": "#ff7f0e",
}
_EDGE_COLORS = {"deal": "#555555", "sanction": "#c0392b", "party": "#8e44ad"}
_MAX_EVIDENCE = 30
_PM_STRENGTH = 1500.0

# pyvis always links Bootstrap from a CDN (and prints an empty heading twice).
_BOOTSTRAP = re.compile(
    r'<link\s+href="https://cdn\.jsdelivr\.net/npm/bootstrap[^>]*/>\s*'
    r'|<script\s+src="https://cdn\.jsdelivr\.net/npm/bootstrap[^>]*>\s*</script>\s*',
    re.DOTALL,
)
_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>\s*|<!--\s*<link[^>]*node_modules.*?-->\s*", re.DOTALL)
_REMOTE = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)


# ------------------------------------------------------------------ layout

def fast_layout(
    G: nx.Graph, seed: int = 0, iterations: int = 80, scale: float = 60.0
) -> dict[Any, tuple[float, float]]:
    """Positions for large graphs: seeded random start, then vectorised force iterations.

    Force-directed (Fruchterman-Reingold) steps where edges attract, nodes
    closer than one ideal edge length repel exactly (pairs found with a k-d
    tree), and crowding at larger range is pushed apart through the gradient of
    a blurred density grid (a particle-mesh approximation). Each step costs about
    O(nodes + edges), so 20,000 nodes take seconds. The same seed gives the same picture.

    >>> G = nx.path_graph(4)
    >>> fast_layout(G, seed=1) == fast_layout(G, seed=1)
    True
    >>> len(fast_layout(G))
    4
    """
    from scipy.ndimage import gaussian_filter
    from scipy.spatial import cKDTree

    nodes = list(G.nodes())
    n = len(nodes)
    if n == 0:
        return {}
    index = {v: i for i, v in enumerate(nodes)}
    pairs = {(index[u], index[v]) for u, v in G.edges() if u != v}
    edges = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
    rng = np.random.default_rng(seed)
    side = math.sqrt(n) * 1.5
    pos = rng.uniform(-side / 2, side / 2, size=(n, 2))
    k = 1.0
    temperature = side / 6
    cooling = (0.05 / temperature) ** (1 / max(iterations, 1)) if temperature > 0.05 else 1.0
    bins = int(min(256, max(16, 2 * math.sqrt(n))))
    for _ in range(iterations):
        disp = np.zeros_like(pos)
        # long range: push down the gradient of the blurred node density
        lo, hi = pos.min(axis=0) - 1e-6, pos.max(axis=0) + 1e-6
        cell = (hi - lo) / bins
        grid, _, _ = np.histogram2d(pos[:, 0], pos[:, 1], bins=bins, range=[[lo[0], hi[0]], [lo[1], hi[1]]])
        density = gaussian_filter(grid / (cell[0] * cell[1]), sigma=1.5, mode="constant")
        gx, gy = np.gradient(density, cell[0], cell[1])
        ix = np.clip(((pos[:, 0] - lo[0]) / cell[0]).astype(np.int64), 0, bins - 1)
        iy = np.clip(((pos[:, 1] - lo[1]) / cell[1]).astype(np.int64), 0, bins - 1)
        disp -= np.stack([gx[ix, iy], gy[ix, iy]], axis=1) * (_PM_STRENGTH * k**4)
        # short range: exact repulsion between close pairs
        close = cKDTree(pos).query_pairs(r=k, output_type="ndarray")
        if len(close):
            delta = pos[close[:, 0]] - pos[close[:, 1]]
            dist2 = np.maximum((delta**2).sum(axis=1), 1e-4)
            push = delta * (k * k / dist2)[:, None]
            disp += _scatter(close[:, 0], push, n) - _scatter(close[:, 1], push, n)
        # edges attract
        if len(edges):
            delta = pos[edges[:, 0]] - pos[edges[:, 1]]
            dist = np.sqrt(np.maximum((delta**2).sum(axis=1), 1e-8))
            pull = delta * (dist / k)[:, None]
            disp += _scatter(edges[:, 1], pull, n) - _scatter(edges[:, 0], pull, n)
        disp -= pos * (1.0 / side)  # weak gravity keeps components together
        length = np.sqrt(np.maximum((disp**2).sum(axis=1), 1e-12))
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature *= cooling
    pos -= pos.mean(axis=0)
    return {v: (float(x * scale), float(y * scale)) for v, (x, y) in zip(nodes, pos)}


def _scatter(index: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """Sum the rows of ``values`` into ``n`` rows by ``index`` (a fast ``np.add.at``)."""
    return np.stack([np.bincount(index, weights=values[:, 0], minlength=n),
                     np.bincount(index, weights=values[:, 1], minlength=n)], axis=1)


def _small_layout(G: nx.Graph, seed: int) -> dict[Any, tuple[float, float]]:
    if G.number_of_nodes() == 0:
        return {}
    pos = nx.spring_layout(nx.Graph(G.to_undirected(as_view=True)), seed=seed)
    spread = 40.0 * math.sqrt(G.number_of_nodes()) + 100.0
    return {v: (float(x * spread), float(y * spread)) for v, (x, y) in pos.items()}


# ------------------------------------------------------------------ choosing what to draw

def graph_for_query(G: nx.MultiDiGraph, results: Any) -> nx.MultiDiGraph:
    """The part of ``G`` a query result names: its entities, and its facts with their endpoints.

    Plain relations between the entities kept are drawn too. ``results`` is a
    :class:`kg.results.Results` (SELECT or CONSTRUCT).
    """
    terms: set[str] = set()
    if getattr(results, "graph", None) is not None:
        for triple in results.graph:
            terms.update(str(t) for t in triple)
    for row in results.rows:
        terms.update(str(t) for t in row.values() if t is not None)
    keep_nodes = {t for t in terms if t in G}
    keep_edges = []
    for u, v, key, attrs in G.edges(keys=True, data=True):
        if attrs.get("fact") in terms:
            keep_edges.append((u, v, key))
            keep_nodes.update((u, v))
    for u, v, key, attrs in G.edges(keys=True, data=True):
        if "fact" not in attrs and u in keep_nodes and v in keep_nodes:
            keep_edges.append((u, v, key))
    if not keep_nodes:
        raise ValueError("the query's result names no entity or fact of the graph to draw (select IRIs, not labels)")
    H = nx.MultiDiGraph()
    H.add_nodes_from((n, G.nodes[n]) for n in keep_nodes)
    H.add_edges_from((u, v, k, G.edges[u, v, k]) for u, v, k in keep_edges)
    return H


def _focus(G: nx.MultiDiGraph, node: str, depth: int) -> nx.MultiDiGraph:
    keep = {node, *neighbors(G, node, depth)}
    return G.subgraph(keep).copy()


# ------------------------------------------------------------------ page

def _evidence_by_node(G: nx.MultiDiGraph) -> dict[Any, list[list[str]]]:
    found: dict[Any, list[list[str]]] = defaultdict(list)
    seen: dict[Any, set] = defaultdict(set)
    for u, v, attrs in G.edges(data=True):
        text = f"{G.nodes[u].get('label', u)} → {edge_label(attrs)} → {G.nodes[v].get('label', v)}"
        confidence = attrs.get("confidence")
        for sentence, date, source, _article in attrs.get("provenance") or ():
            for n in (u, v):
                item = (sentence, date, source)
                if item not in seen[n]:
                    seen[n].add(item)
                    found[n].append([sentence, text, date, source, confidence])
    for n in found:
        found[n].sort(key=lambda e: (e[2], e[0]))
        del found[n][_MAX_EVIDENCE:]
    return found


def _tooltip(attrs: dict[str, Any], evidence: list[list[str]]) -> str:
    lines = [f"{attrs.get('label', '')} ({attrs.get('type', '')})", f"key: {attrs.get('key', '')}"]
    if attrs.get("aliases"):
        lines.append("also: " + ", ".join(attrs["aliases"]))
    for sentence, _rel, date, source, *_confidence in evidence[:3]:
        lines.append(f"“{sentence}” ({', '.join(x for x in (date, source) if x)})")
    if len(evidence) > 3:
        lines.append(f"… {len(evidence) - 3} more: click the node")
    return "\n".join(lines)


def _inert_title(text: str) -> str:
    """A tooltip pyvis passes on as text: it switches every title to raw HTML when one contains "href".

    >>> _inert_title("see href=x") == "see hre\u200bf=x"
    True
    """
    return text.replace("href", "hre\u200bf")


def _json_for_script(data: Any) -> str:
    """JSON that cannot close or open a tag inside ``<script>``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


#: Relations that are events in time (the year control and the timeline strip use them).
EVENT_RELATIONS = ("deal", "party", "sanction")


def edge_year(attrs: dict[str, Any]) -> int | None:
    """The year of an event edge: the deal's (or agreement's) year, else the year of its first article's date.

    Plain relations (memberOf, leaderOf, ...) have no year.

    >>> edge_year({"relation": "deal", "year": 2017, "date": "2021-09-14"})
    2017
    >>> edge_year({"relation": "sanction", "date": "2021-09-14"})
    2021
    >>> edge_year({"relation": "memberOf", "date": "2021-09-14"}) is None
    True
    """
    if attrs.get("relation") not in EVENT_RELATIONS:
        return None
    if attrs.get("year") is not None:
        return int(attrs["year"])
    date = str(attrs.get("date") or "")
    return int(date[:4]) if re.match(r"\d{4}", date) else None


def _check_years(since: int | None, until: int | None) -> None:
    if since is not None and until is not None and since > until:
        raise ValueError(f"--since {since} is after --until {until}")


def page_html(G: nx.MultiDiGraph, *, seed: int = 0, physics: bool | None = None, title: str = "armskg",
              since: int | None = None, until: int | None = None) -> str:
    """The HTML page drawing ``G`` (a projection from :func:`kg.analysis.project`).

    ``since`` and ``until`` set the year control's first range: the page opens showing the deals,
    agreements and sanctions of those years only (plain relations are always shown).
    """
    _check_years(since, until)
    n = G.number_of_nodes()
    if physics is None:
        physics = 0 < n <= PHYSICS_LIMIT
    elif n == 0:
        physics = False  # vis-network never reports an empty graph as stabilised
    large = n > PHYSICS_LIMIT
    pos = fast_layout(G, seed) if large else _small_layout(G, seed)
    evidence = _evidence_by_node(G)
    degree = dict(G.degree())
    net = Network(height="100vh", width="100%", directed=True, cdn_resources="in_line", heading="")
    ids = {node: i for i, node in enumerate(G.nodes())}
    node_data = []
    for node, attrs in G.nodes(data=True):
        etype = attrs.get("type", "")
        x, y = pos.get(node, (0.0, 0.0))
        net.nodes.append({
            "id": ids[node], "label": str(attrs.get("label", node)), "color": COLORS.get(etype, "#7f7f7f"),
            "size": round(10 + 4 * math.sqrt(degree.get(node, 0)), 1), "x": round(x, 1), "y": round(y, 1),
            "title": _inert_title(_tooltip(attrs, evidence.get(node, []))),
        })
        node_data.append({
            "iri": str(attrs.get("iri", node)), "label": str(attrs.get("label", node)), "type": etype,
            "key": str(attrs.get("key", "")), "aliases": list(attrs.get("aliases") or ()),
            "evidence": evidence.get(node, []),
        })
    net.node_ids = [d["id"] for d in net.nodes]
    net.node_map = {d["id"]: d for d in net.nodes}
    parallel: dict[frozenset, int] = defaultdict(int)
    edge_info: list[list[Any]] = []
    kinds: dict[str, int] = {}
    years: list[int] = []
    for u, v, attrs in G.edges(data=True):
        label = edge_label(attrs)
        year = edge_year(attrs)
        if year is not None:
            years.append(year)
        relation = attrs.get("relation", "")
        if relation not in kinds:
            kinds[relation] = len(kinds)
        # compact: [from, to, relation index, year, evidence of events]; the label is the vis edge's
        evidence = ([[sentence, date, source] for sentence, date, source, _a in (attrs.get("provenance") or ())[:3]]
                    if relation in EVENT_RELATIONS else [])
        edge_info.append([ids[u], ids[v], kinds[relation], year, evidence])
        pair = frozenset((u, v))
        rank = parallel[pair]
        parallel[pair] += 1
        tip = [f"{G.nodes[u].get('label', u)} → {label} → {G.nodes[v].get('label', v)}"]
        if attrs.get("measure"):
            tip.append(f"measure: {attrs['measure']}")
        for sentence, date, source, _article in (attrs.get("provenance") or ())[:3]:
            tip.append(f"“{sentence}” ({', '.join(x for x in (date, source) if x)})")
        relation = attrs.get("relation", "")
        edge = {"id": len(edge_info) - 1, "from": ids[u], "to": ids[v], ("lbl" if large else "label"): label,
                "title": "\n".join(tip)}
        if relation == "party":
            edge["arrows"] = ""
        if relation in _EDGE_COLORS:
            edge["color"] = _EDGE_COLORS[relation]
        confidence = attrs.get("confidence")
        if confidence is not None:  # fade an edge as its confidence falls (a fact without one is drawn as sure)
            tip.insert(1, f"confidence: {confidence:.2f}")
            edge["title"] = "\n".join(tip)
            edge["color"] = {"color": edge.get("color", "#9e9e9e"), "opacity": round(0.2 + 0.8 * confidence, 2)}
            edge["dashes"] = confidence < FADE_BELOW
        net.edges.append(edge)
        if rank and n <= PHYSICS_LIMIT:  # bend parallel edges apart so their labels can be read
            net.edges[-1]["smooth"] = {"enabled": True, "type": "curvedCW" if rank % 2 else "curvedCCW",
                                       "roundness": 0.25 * ((rank + 1) // 2)}
    options = {
        "physics": {
            "enabled": bool(physics), "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -6000, "springLength": 140, "avoidOverlap": 0.2},
            "stabilization": {"enabled": bool(physics), "iterations": 300, "fit": True},
        },
        "layout": {"improvedLayout": False, "randomSeed": seed},
        "edges": {"smooth": False, "arrows": "to", "color": "#9e9e9e",
                  "font": {"size": 10, "align": "middle", "strokeWidth": 3},
                  "scaling": {"label": {"drawThreshold": 6}}},
        "nodes": {"shape": "dot", "font": {"size": 14}, "scaling": {"label": {"drawThreshold": 6}}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": n > PHYSICS_LIMIT},
    }
    net.options = options
    html = net.generate_html()
    html = _BOOTSTRAP.sub("", html)
    html = _HEADING.sub("", html)
    span = [min(years), max(years)] if years else None
    data = {"title": title, "nodes": node_data, "edges": G.number_of_edges(), "physics": bool(physics),
            "lazyEdgeLabels": large,
            "colors": COLORS, "types": list(ENTITY_TYPES), "edgeInfo": edge_info, "edgeKinds": list(kinds),
            "events": list(EVENT_RELATIONS), "years": span,
            "since": since, "until": until}
    extra = _PAGE.replace("@DATA@", _json_for_script(data))
    if "</body>" not in html:
        raise RuntimeError("unexpected pyvis template: no </body>")
    head, tail = html.rsplit("</body>", 1)
    html = head + extra + "</body>" + tail
    html = html.replace("<html>", '<!DOCTYPE html>\n<html lang="en">', 1)
    if _REMOTE.search(html):
        raise RuntimeError("the page would load a remote resource; the pyvis template changed")
    return html


def render_graph(G: nx.MultiDiGraph, output: Path | str, *, seed: int = 0, physics: bool | None = None,
                 title: str = "armskg", since: int | None = None, until: int | None = None) -> Path:
    """Write the page for ``G`` to ``output`` (UTF-8); returns the path."""
    target = Path(output)
    if target.parent and not target.parent.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page_html(G, seed=seed, physics=physics, title=title, since=since, until=until),
                      encoding="utf-8")
    return target


class InlinePage:
    """A page that shows inline in Jupyter: an ``<iframe>`` whose ``srcdoc`` is the whole page (still offline).

    ``html`` is the page itself; ``str(page)`` too.

    >>> "srcdoc=" in InlinePage("<p>x</p>")._repr_html_()
    True
    """

    def __init__(self, html: str, height: int = 600) -> None:
        self.html = html
        self.height = height

    def _repr_html_(self) -> str:
        import html as html_lib

        return (f'<iframe srcdoc="{html_lib.escape(self.html, quote=True)}" style="width:100%;height:{self.height}px;'
                'border:1px solid #ddd" sandbox="allow-scripts"></iframe>')

    def __str__(self) -> str:
        return self.html

    def save(self, path: Path | str) -> Path:
        """Write the page to a file (UTF-8)."""
        target = Path(path)
        target.write_text(self.html, encoding="utf-8")
        return target


def render_html(store: Store, output: Path | str | None = None, *, focus: str | None = None, depth: int = 1,
                types: Iterable[str] | None = None, query: str | None = None,
                params: dict[str, str] | None = None, seed: int = 0,
                physics: bool | None = None, title: str = "armskg: arms deals between states",
                since: int | None = None, until: int | None = None, inline: bool = False) -> Path | InlinePage:
    """Draw the store's entity graph as one self-contained HTML page.

    Parameters
    ----------
    store : the store to draw.
    output : the HTML file to write (not needed with ``inline``).
    inline : return an :class:`InlinePage` that Jupyter shows in place (an iframe with the page as
        ``srcdoc``) instead of writing a file.
    since, until : the years the page opens on (deals, agreements and sanctions of other years hidden;
        the page's year control widens them again).
    focus : an entity (key, label, alias or IRI): draw only what lies within ``depth`` steps of it.
    types : keep only these classes (``Country``, ``Alliance``, ``Person``, ``WeaponSystem``).
    query : a ready-made query name or a ``.rq`` file: draw the entities and facts of its result.
    params : values for the ready-made query's parameters (``{"alliance": "NATO"}``).
    seed : seed of the layout.
    physics : force physics on or off (default: on up to :data:`PHYSICS_LIMIT` nodes).

    Raises :class:`kg.resolve.UnknownName` / :class:`kg.resolve.AmbiguousName` for a focus
    that names no entity / several, :class:`ValueError` for other bad arguments.
    """
    G = project(store, types)
    if query is not None:
        G = graph_for_query(G, _query_results(store, query, params))
    if focus is not None:
        from kg.resolve import resolve_entity

        node = resolve_entity(store, focus).iri
        if node not in G:
            raise ValueError(f"{focus!r} is not in the graph drawn (check --type and --query)")
        G = _focus(G, node, depth)
    if inline:
        return InlinePage(page_html(G, seed=seed, physics=physics, title=title, since=since, until=until))
    if output is None:
        raise ValueError("give an output file, or inline=True")
    return render_graph(G, output, seed=seed, physics=physics, title=title, since=since, until=until)


def _query_results(store: Store, query: str, params: dict[str, str] | None) -> Any:
    """Run a ``.rq`` file or a ready-made query (with its parameters, entity names resolved)."""
    path = Path(query)
    if path.suffix == ".rq" or path.is_file():
        if params:
            raise ValueError("parameters go with a ready-made query name, not with a query file")
        try:
            return store.query(path.read_text(encoding="utf-8"))
        except OSError as e:
            raise ValueError(f"cannot read query file {query}: {e.strerror or e}") from None
    from kg.queries import bind_params, get_query, parse_params

    try:
        info = get_query(query)
    except KeyError as e:
        raise ValueError(str(e.args[0])) from None
    values = parse_params(info, [f"{k}={v}" for k, v in (params or {}).items()])
    return store.query(info.text, bind_params(store, info, values))


_PAGE = r"""
<style>
  body { margin: 0; font-family: system-ui, sans-serif; }
  #kg-bar { position: absolute; top: 8px; left: 8px; z-index: 10; background: rgba(255,255,255,.92);
            border: 1px solid #ccc; border-radius: 6px; padding: 8px 10px; max-width: 340px; font-size: 13px; }
  #kg-bar h1 { font-size: 15px; margin: 0 0 6px 0; }
  #kg-search { width: 100%; box-sizing: border-box; padding: 4px; font-size: 13px; }
  #kg-legend { list-style: none; padding: 0; margin: 6px 0 0 0; }
  #kg-legend li { display: inline-block; margin-right: 10px; }
  #kg-legend span.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 50%;
            margin-right: 4px; vertical-align: -1px; }
  #kg-panel { position: absolute; top: 8px; right: 8px; bottom: 8px; width: 360px; z-index: 10; overflow: auto;
            background: rgba(255,255,255,.96); border: 1px solid #ccc; border-radius: 6px; padding: 10px 12px;
            font-size: 13px; display: none; }
  #kg-panel h2 { font-size: 16px; margin: 0 0 4px 0; }
  #kg-panel .meta { color: #555; margin-bottom: 8px; }
  #kg-evidence li { margin-bottom: 8px; }
  #kg-evidence .rel { color: #555; font-size: 12px; }
  #kg-evidence .src { color: #777; font-size: 12px; word-break: break-all; }
  #kg-close { float: right; cursor: pointer; border: none; background: none; font-size: 16px; }
  #kg-years { margin-top: 6px; }
  #kg-years input[type=range] { width: 100%; margin: 0; }
  #kg-counts { color: #444; margin-top: 4px; }
  #kg-timeline { position: absolute; left: 8px; right: 390px; bottom: 8px; z-index: 10; max-height: 150px;
            overflow: auto; background: rgba(255,255,255,.96); border: 1px solid #ccc; border-radius: 6px;
            padding: 6px 8px; font-size: 12px; display: none; white-space: nowrap; }
  #kg-timeline .year { display: inline-block; vertical-align: top; margin-right: 10px; }
  #kg-timeline .year b { display: block; margin-bottom: 2px; }
  #kg-timeline button { display: block; margin: 0 0 3px 0; font-size: 12px; cursor: pointer; text-align: left;
            border: 1px solid #bbb; border-left: 4px solid #555; border-radius: 3px; background: #fafafa;
            padding: 1px 5px; }
  #kg-timeline button.sanction { border-left-color: #c0392b; }
  #kg-timeline button.party { border-left-color: #8e44ad; }
</style>
<div id="kg-bar">
  <h1 id="kg-title"></h1>
  <input id="kg-search" list="kg-names" placeholder="Find an entity (name, key or alias)" autocomplete="off">
  <datalist id="kg-names"></datalist>
  <ul id="kg-legend"></ul>
  <div id="kg-years" hidden>
    <label>Years <output id="kg-years-text"></output></label>
    <input id="kg-since" type="range" aria-label="first year">
    <input id="kg-until" type="range" aria-label="last year">
  </div>
  <div id="kg-counts"></div>
</div>
<div id="kg-timeline" aria-label="events of the selected entity by year"></div>
<aside id="kg-panel" aria-live="polite">
  <button id="kg-close" title="Close">×</button>
  <h2 id="kg-panel-title"></h2>
  <div class="meta" id="kg-panel-meta"></div>
  <div id="kg-panel-count"></div>
  <ol id="kg-evidence"></ol>
</aside>
<script type="application/json" id="kg-data">@DATA@</script>
<script>
(function () {
  "use strict";
  var timings = window.kgTimings = {start: performance.now()};
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  timings.parsed = performance.now();
  var byId = {}, index = {};
  function norm(s) { return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim(); }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  data.nodes.forEach(function (n, id) {
    byId[id] = n;
    [n.label, n.key, n.iri].concat(n.aliases).forEach(function (name) {
      var k = norm(name);
      if (k && !(k in index)) index[k] = id;
    });
  });
  function find(name) {
    var id = index[norm(name)];
    return id === undefined ? null : id;
  }
  document.title = data.title;
  document.getElementById("kg-title").textContent =
    data.title + " (" + data.nodes.length + " entities, " + data.edges + " relations)";
  var legend = document.getElementById("kg-legend"), legendCounts = {};
  data.types.forEach(function (t) {
    var li = el("li"), sw = el("span", undefined, "swatch");
    sw.style.background = data.colors[t];
    li.appendChild(sw); li.appendChild(document.createTextNode(t + " "));
    legendCounts[t] = el("span", "", "count");
    li.appendChild(legendCounts[t]);
    legend.appendChild(li);
  });
  var names = document.getElementById("kg-names"), frag = document.createDocumentFragment();
  data.nodes.forEach(function (n) {
    var o = document.createElement("option");
    o.value = n.label;
    frag.appendChild(o);
  });
  names.appendChild(frag);
  timings.search = performance.now();

  var panel = document.getElementById("kg-panel");
  function show(id) {
    var n = byId[id];
    if (!n) return;
    document.getElementById("kg-panel-title").textContent = n.label;
    var meta = n.type + " · key " + n.key;
    if (n.aliases.length) meta += " · also " + n.aliases.join(", ");
    document.getElementById("kg-panel-meta").textContent = meta;
    document.getElementById("kg-panel-count").textContent =
      n.evidence.length ? n.evidence.length + " evidence sentence(s):" : "No evidence sentence recorded.";
    var list = document.getElementById("kg-evidence");
    list.replaceChildren();
    n.evidence.forEach(function (e) {
      var li = el("li");
      li.appendChild(el("div", "\u201c" + e[0] + "\u201d"));
      li.appendChild(el("div", e[4] == null ? e[1] : e[1] + " \u00b7 confidence " + e[4].toFixed(2), "rel"));
      li.appendChild(el("div", [e[2], e[3]].filter(Boolean).join(" \u00b7 "), "src"));
      list.appendChild(li);
    });
    panel.style.display = "block";
    labelEdges(id);
    timeline(id);
  }
  // On large graphs edge labels are drawn only around the selected entity (drawing them all costs seconds a frame).
  var labelled = [];
  function labelEdges(id) {
    if (!data.lazyEdgeLabels) return;
    var clear = labelled.map(function (e) { return {id: e, label: ""}; });
    labelled = id === null ? [] : network.getConnectedEdges(id);
    edges.update(clear.concat(labelled.map(function (e) { return {id: e, label: edges.get(e).lbl}; })));
  }
  function hide() {
    panel.style.display = "none"; labelEdges(null);
    if (typeof strip !== "undefined") { strip.style.display = "none"; selected = null; }
  }
  function select(id) {
    if (typeof id !== "number") id = find(id);
    if (id === null || !byId[id]) return false;
    network.selectNodes([id]);
    network.focus(id, {scale: 1.2, animation: false});
    show(id);
    return true;
  }
  document.getElementById("kg-close").addEventListener("click", hide);
  var search = document.getElementById("kg-search");
  function go() {
    var id = find(search.value);
    if (id !== null) select(id);
  }
  search.addEventListener("change", go);
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") go(); });
  network.on("click", function (p) { if (p.nodes.length) show(p.nodes[0]); else hide(); });

  // ---- time: the year control hides the deals, agreements and sanctions of other years (and the entities
  // left with nothing shown); plain relations always show. The legend counts what is shown.
  var info = data.edgeInfo.map(function (a, i) {
    var kind = data.edgeKinds[a[2]];
    return {id: i, from: a[0], to: a[1], kind: kind, year: a[3], evidence: a[4], dated: data.events.indexOf(kind) >= 0};
  });
  var range = {since: null, until: null}, selected = null;
  function edgeText(eid) { var v = edges.get(eid); return v.lbl || v.label || ""; }
  var edgeHidden = {}, nodeHidden = {};  // only changes are sent to vis-network (thousands of items)
  var nodeEdges = {};
  info.forEach(function (e) {
    (nodeEdges[e.from] = nodeEdges[e.from] || []).push(e.id);
    if (e.to !== e.from) (nodeEdges[e.to] = nodeEdges[e.to] || []).push(e.id);
  });
  function inRange(e) {
    if (!e.dated || !data.years) return true;
    var all = range.since <= data.years[0] && range.until >= data.years[1];
    if (e.year === null) return all;  // an undated event shows only when every year is chosen
    return e.year >= range.since && e.year <= range.until;
  }
  var KINDS = {deal: "deals", party: "agreements", sanction: "sanctions"};
  function applyYears() {
    var shownEdge = {}, edgeUpdates = [], nodeUpdates = [], counts = {};
    var kinds = {deals: 0, agreements: 0, sanctions: 0};
    var shownRelations = 0;
    info.forEach(function (e) {
      var on = inRange(e);
      shownEdge[e.id] = on;
      if (on) { shownRelations++; if (KINDS[e.kind]) kinds[KINDS[e.kind]]++; }
      if (!on !== !!edgeHidden[e.id]) { edgeHidden[e.id] = !on; edgeUpdates.push({id: e.id, hidden: !on}); }
    });
    data.types.forEach(function (t) { counts[t] = 0; });
    data.nodes.forEach(function (n, id) {
      var mine = nodeEdges[id] || [];
      var on = !mine.length || mine.some(function (eid) { return shownEdge[eid]; });
      if (on) counts[n.type] = (counts[n.type] || 0) + 1;
      if (!on !== !!nodeHidden[id]) { nodeHidden[id] = !on; nodeUpdates.push({id: id, hidden: !on}); }
    });
    if (edgeUpdates.length) edges.update(edgeUpdates);
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    data.types.forEach(function (t) { legendCounts[t].textContent = "(" + (counts[t] || 0) + ")"; });
    document.getElementById("kg-counts").textContent = "Shown: " + shownRelations + " of " + info.length +
      " relations (" + kinds.deals + " deals, " + kinds.agreements + " agreements, " + kinds.sanctions + " sanctions)";
    if (data.years) document.getElementById("kg-years-text").textContent =
      range.since === range.until ? String(range.since) : range.since + "\u2013" + range.until;
    window.kgShown = {edges: shownRelations, nodes: counts, kinds: kinds};
    if (selected !== null) timeline(selected);
  }
  var sinceBox = document.getElementById("kg-since"), untilBox = document.getElementById("kg-until");
  function setYears(since, until) {
    if (!data.years) { applyYears(); return; }
    if (since === null || since === undefined) since = data.years[0];
    if (until === null || until === undefined) until = data.years[1];
    since = Math.max(data.years[0], Math.min(data.years[1], since));
    until = Math.max(data.years[0], Math.min(data.years[1], until));
    if (since > until) { var t = since; since = until; until = t; }
    range.since = since; range.until = until;
    sinceBox.value = since; untilBox.value = until;
    applyYears();
  }
  if (data.years) {
    [sinceBox, untilBox].forEach(function (box) { box.min = data.years[0]; box.max = data.years[1]; box.step = 1; });
    document.getElementById("kg-years").hidden = false;
    sinceBox.addEventListener("input", function () {
      if (+sinceBox.value > range.until) untilBox.value = sinceBox.value;
      setYears(+sinceBox.value, +untilBox.value);
    });
    untilBox.addEventListener("input", function () {
      if (+untilBox.value < range.since) sinceBox.value = untilBox.value;
      setYears(+sinceBox.value, +untilBox.value);
    });
  }

  // ---- the timeline strip of the selected entity: its events by year; a click shows the evidence
  var strip = document.getElementById("kg-timeline");
  function timeline(id) {
    selected = id;
    var byYear = {};
    (nodeEdges[id] || []).forEach(function (eid) {
      var e = info[eid];
      if (!e.dated || e.year === null || !inRange(e)) return;
      (byYear[e.year] = byYear[e.year] || []).push(e);
    });
    var years = Object.keys(byYear).sort();
    strip.replaceChildren();
    if (!years.length) { strip.style.display = "none"; return; }
    years.forEach(function (y) {
      var col = el("div", undefined, "year");
      col.appendChild(el("b", y));
      byYear[y].forEach(function (e) {
        var other = byId[e.from === id ? e.to : e.from];
        var arrow = e.kind === "party" ? "& " : (e.from === id ? "\u2192 " : "\u2190 ");
        var b = el("button", arrow + (other ? other.label : "") + " \u00b7 " + edgeText(e.id), e.kind);
        b.type = "button";
        b.dataset.edge = e.id;
        b.addEventListener("click", function () { showEdge(e.id); });
        col.appendChild(b);
      });
      strip.appendChild(col);
    });
    strip.style.display = "block";
  }
  function showEdge(eid) {
    var e = info[eid];
    network.selectEdges([eid]);
    document.getElementById("kg-panel-title").textContent = edgeText(eid);
    document.getElementById("kg-panel-meta").textContent =
      byId[e.from].label + (e.kind === "party" ? " & " : " \u2192 ") + byId[e.to].label +
      (e.year !== null ? " \u00b7 " + e.year : "");
    document.getElementById("kg-panel-count").textContent =
      e.evidence.length ? e.evidence.length + " evidence sentence(s):" : "No evidence sentence recorded.";
    var list = document.getElementById("kg-evidence");
    list.replaceChildren();
    e.evidence.forEach(function (ev) {
      var li = el("li");
      li.appendChild(el("div", "\u201c" + ev[0] + "\u201d"));
      li.appendChild(el("div", [ev[1], ev[2]].filter(Boolean).join(" \u00b7 "), "src"));
      list.appendChild(li);
    });
    panel.style.display = "block";
  }
  setYears(data.since, data.until);
  timings.years = performance.now();

  function ready() {
    if (window.kgReady) return;
    window.kgReady = true;
    window.kgReadyAt = performance.now();
  }
  if (data.physics) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: {enabled: false}});
      network.once("afterDrawing", ready);
      network.redraw();
    });
  } else {
    network.fit({animation: false});
    network.once("afterDrawing", ready);
  }
  window.kgSelect = select;
  window.kgFind = find;
  window.kgShow = show;
  window.kgSetYears = setYears;
  window.kgShowEdge = showEdge;
})();
</script>
"""
