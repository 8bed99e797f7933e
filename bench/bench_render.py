"""Benchmark ``kg show``: time to write the page and time until it is interactive in Chromium.

For synthetic arms-deal graphs of N entities (countries, alliances, weapon
systems, people; about 1.5 edges per entity), in one run:

- ours: :func:`kg.render.render_html` from the store (projection, seeded
  layout computed in Python, physics off, straight edges);
- baseline: the same nodes and edges in a pyvis page with pyvis' default
  options (physics on, barnesHut, stabilisation before the first drawing),
  in line and without the Bootstrap links so that it also works offline.

"Interactive" is the first drawing after the layout is settled (our page sets
``window.kgReady``; for the baseline a script waits for
``stabilizationIterationsDone`` and the next ``afterDrawing``). The baseline
is given at most ``--timeout`` seconds. "select" is the time to select and
centre one entity and redraw (the search box's action).

Run: ``.venv/bin/python -m bench.bench_render --sizes 1000 5000 20000``
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
import time
from pathlib import Path

from kg.facts import Article, Deal, Entity, Evidence, Extraction, Leader, Maker, Member, Official, Ref, Sanction
from kg.mapping import article_iri, to_graph
from kg.store import EmbeddedStore, open_store

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def synthetic(n: int, seed: int = 0) -> Extraction:
    """About ``n`` entities: 10% countries, 1% alliances, 55% weapons, the rest people."""
    rng = random.Random(seed)
    n_countries = max(10, n // 10)
    n_alliances = max(3, n // 100)
    n_weapons = int(n * 0.55)
    n_people = max(0, n - n_countries - n_alliances - n_weapons)
    countries = [Ref.country(f"C{i:05d}") for i in range(n_countries)]
    alliances = [Ref.alliance(f"A{i}") for i in range(n_alliances)]
    weapons = [Ref.weapon(f"W-{i}") for i in range(n_weapons)]
    people = [Ref.person(f"Person {i}") for i in range(n_people)]
    entities = [Entity(r, labels=((r.key, "en"),)) for r in countries + alliances + weapons + people]
    exporters = countries[: max(5, n_countries // 10)]
    facts: list = []
    for c in countries:
        facts.append(Member(c, rng.choice(alliances)))
    for p in people:
        c = rng.choice(countries)
        facts.append(Leader(p, c) if rng.random() < 0.3 else Official(p, c, role="minister"))
    for w in weapons:
        maker = rng.choice(exporters)
        facts.append(Maker(w, maker))
        for _ in range(rng.choice((1, 1, 2))):
            buyer = rng.choice(countries)
            if buyer != maker:
                status = rng.choice(("proposed", "agreed", "delivered", "refused", "cancelled"))
                sentence = f"{maker.key} agreed to sell {w.key} to {buyer.key}."
                facts.append(Deal(maker, buyer, w, status, rng.randint(1990, 2024), Evidence(sentence)))
    for _ in range(n // 50):
        a, b = rng.sample(countries, 2)
        facts.append(Sanction(a, b, rng.choice(weapons), "embargo", Evidence(f"{a.key} sanctioned {b.key}.")))
    article = Article(f"synthetic-{n}", "synthetic", "", date="2024-01-01", lang="en")
    return Extraction(article, tuple(entities), tuple(facts))


def build_store(n: int, seed: int = 0) -> EmbeddedStore:
    store = open_store(":memory:", write=True)
    extraction = synthetic(n, seed)
    data = to_graph(extraction).serialize(format="nt", encoding="utf-8")
    store.load_graph(str(article_iri(extraction.article)), data)
    return store


def baseline_page(G, path: Path) -> None:
    """pyvis with its default options (physics on) for the same nodes and edges."""
    from pyvis.network import Network

    from kg.analysis import edge_label
    from kg.render import COLORS

    net = Network(height="100vh", width="100%", directed=True, cdn_resources="in_line")
    for node, attrs in G.nodes(data=True):
        net.nodes.append({"id": node, "label": attrs["label"], "shape": "dot",
                          "color": COLORS.get(attrs["type"], "#7f7f7f")})
    net.node_ids = [d["id"] for d in net.nodes]
    for u, v, attrs in G.edges(data=True):
        net.edges.append({"from": u, "to": v, "label": edge_label(attrs), "arrows": "to"})
    html = net.generate_html()
    html = re.sub(r'<link\s+href="https://cdn\.jsdelivr[^>]*/>|<script\s+src="https://cdn\.jsdelivr[^>]*>\s*</script>',
                  "", html)
    probe = """<script>network.once("stabilizationIterationsDone", function () {
      network.once("afterDrawing", function () { window.kgReady = true; window.kgReadyAt = performance.now(); });
    });</script>"""
    path.write_text(html.replace("</body>", probe + "</body>"), encoding="utf-8")


def time_page(path: Path, timeout: float, select: str | None = None) -> dict:
    """Seconds until ``window.kgReady`` in a fresh Chromium (None past ``timeout``), and select time."""
    from playwright.sync_api import TimeoutError as PWTimeout
    from playwright.sync_api import sync_playwright

    out: dict = {"ready": None, "select": None, "requests": 0, "errors": 0}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.on("request", lambda r: out.__setitem__("requests", out["requests"] + 1))
        page.on("pageerror", lambda e: out.__setitem__("errors", out["errors"] + 1))
        start = time.perf_counter()
        try:
            page.goto(path.as_uri(), wait_until="commit", timeout=timeout * 1000)
            page.wait_for_function("window.kgReady === true", timeout=timeout * 1000, polling=50)
            out["ready"] = time.perf_counter() - start
            if select is not None:
                out["select"] = page.evaluate(
                    """(id) => new Promise((resolve) => {
                         const t0 = performance.now();
                         network.once("afterDrawing", () => resolve((performance.now() - t0) / 1000));
                         window.kgSelect(id);
                         network.redraw();
                       })""", select)
        except PWTimeout:
            pass
        finally:
            browser.close()
    return out


def fmt(seconds: float | None, timeout: float) -> str:
    return f"> {timeout:.0f} s" if seconds is None else f"{seconds:.2f} s"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--timeout", type=float, default=60.0, help="Cap on the baseline's wait (seconds).")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="Keep the pages in this folder.")
    args = parser.parse_args(argv)

    from kg.analysis import project
    from kg.render import fast_layout, render_html

    fast_layout(project(build_store(50, args.seed)), seed=args.seed)  # warm up: imports scipy once
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-render-"))
    folder.mkdir(parents=True, exist_ok=True)
    lines = [
        "| entities | edges | write: ours | layout alone | write: pyvis default | interactive: ours "
        "| interactive: pyvis default physics | ratio | select + redraw (ours) | page size |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for n in args.sizes:
        store = build_store(n, args.seed)
        G = project(store)
        t0 = time.perf_counter()
        fast_layout(G, seed=args.seed)
        layout_s = time.perf_counter() - t0
        ours = folder / f"ours-{n}.html"
        t0 = time.perf_counter()
        render_html(store, ours, seed=args.seed)
        write_s = time.perf_counter() - t0
        base = folder / f"pyvis-default-{n}.html"
        t0 = time.perf_counter()
        baseline_page(G, base)
        base_write_s = time.perf_counter() - t0
        some = max(G.degree(), key=lambda kv: kv[1])[0]
        mine = time_page(ours, timeout=max(args.timeout, 120.0), select=some)
        theirs = time_page(base, timeout=args.timeout)
        if mine["requests"] != 1 or mine["errors"]:
            raise SystemExit(f"our page made {mine['requests']} requests and {mine['errors']} errors")
        ratio = (f"{theirs['ready'] / mine['ready']:.0f}x faster" if theirs["ready"] and mine["ready"]
                 else f"> {args.timeout / mine['ready']:.0f}x faster" if mine["ready"] else "?")
        lines.append(
            f"| {G.number_of_nodes():,} | {G.number_of_edges():,} | {write_s:.2f} s | {layout_s:.2f} s "
            f"| {base_write_s:.2f} s | {fmt(mine['ready'], 120)} | {fmt(theirs['ready'], args.timeout)} | {ratio} "
            f"| {fmt(mine['select'], 120)} | {ours.stat().st_size / 1e6:.1f} MB |"
        )
        print(lines[-1], flush=True)
        store.close()
    print("\n".join(lines))
    print(f"\npages in {folder}")


if __name__ == "__main__":
    main()
