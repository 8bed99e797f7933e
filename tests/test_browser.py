"""The page of ``kg show`` in a real headless Chromium (Debian's, driven by Playwright)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.analysis import project
from kg.render import PHYSICS_LIMIT, render_graph, render_html
from kg.store import open_store
from tests import graphdata as gd

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed at /usr/bin/chromium (make browser)"),
]




@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Page:
    """A page opened from a file, recording console errors, page errors and every request."""

    def __init__(self, browser, path: Path) -> None:
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        self.page.wait_for_function("window.kgReady === true", timeout=60_000)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def click_node(self, name: str) -> None:
        """Click a node where it is drawn on the canvas."""
        node_id = self.js("(name) => window.kgFind(name)", name)
        assert node_id is not None, name
        self.js("(id) => network.focus(id, {scale: 1.0, animation: false})", node_id)
        self.js("() => new Promise((r) => { network.once('afterDrawing', r); network.redraw(); })")
        point = self.js("(id) => network.canvasToDOM(network.getPositions([id])[id])", node_id)
        box = self.page.locator("#mynetwork canvas").bounding_box()
        self.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])

    def close(self) -> None:
        self.page.close()


@pytest.fixture(scope="module")
def small_page(browser, tmp_path_factory):
    store = gd.fill(open_store(":memory:", write=True), evil=True)
    path = render_html(store, tmp_path_factory.mktemp("page") / "graph.html")
    page = Page(browser, path)
    yield page, project(store)
    page.close()


def test_loads_offline_without_errors_or_requests(small_page):
    page, _ = small_page
    assert page.errors == []
    assert page.requests == [page.url]


def test_counts_match_the_graph(small_page):
    page, G = small_page
    assert page.js("network.body.data.nodes.length") == G.number_of_nodes() == 12
    assert page.js("network.body.data.edges.length") == G.number_of_edges() == 16
    assert page.js("document.getElementById('kg-legend').children.length") == 4


def test_clicking_a_node_shows_its_evidence(small_page):
    page, _ = small_page
    page.click_node("Turkey")
    assert page.js("network.getSelectedNodes().length") == 1
    assert page.page.locator("#kg-panel").is_visible()
    assert page.page.locator("#kg-panel-title").inner_text() == "Turkey"
    evidence = page.page.locator("#kg-evidence").inner_text()
    assert gd.SENTENCE_2017 in evidence and "2021-09-14 · https://example.org/a1" in evidence
    assert gd.SENTENCE_2019 in evidence and "2019-07-12" in evidence


def test_search_box_selects_and_focuses(small_page):
    page, _ = small_page
    page.page.fill("#kg-search", "ERDOGAN")
    page.page.press("#kg-search", "Enter")
    selected = page.js("network.getSelectedNodes()")
    assert [page.js("(id) => network.body.data.nodes.get(id).label", selected[0])] == ["Recep Tayyip Erdoğan"]
    assert page.page.locator("#kg-panel-title").inner_text() == "Recep Tayyip Erdoğan"
    assert "President Erdogan of Turkey." in page.page.locator("#kg-evidence").inner_text()


def test_hostile_names_sentences_and_urls_stay_text(small_page):
    page, _ = small_page
    page.click_node(gd.PAYLOAD_NAME)
    assert page.page.locator("#kg-panel-title").inner_text() == gd.PAYLOAD_NAME
    panel = page.page.locator("#kg-panel").inner_text()
    assert gd.PAYLOAD_SENTENCE in panel.replace("\u201c", "").replace("\u201d", "")
    assert gd.PAYLOAD_SOURCE in panel
    # hover the hostile node so that vis-network shows its tooltip too
    point = page.js("(id) => network.canvasToDOM(network.getPositions([id])[id])",
                    page.js("(n) => window.kgFind(n)", gd.PAYLOAD_NAME))
    box = page.page.locator("#mynetwork canvas").bounding_box()
    page.page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    page.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
    assert gd.PAYLOAD_NAME in page.page.locator("div.vis-tooltip").inner_text()
    assert page.js("window.__pwned") is None
    assert page.js("document.querySelectorAll('img').length") == 0
    # the tooltip holds text and the <br> that innerText makes of line breaks, nothing else
    assert page.js("document.querySelectorAll('#kg-panel *:is(script, img, a), div.vis-tooltip *:not(br)').length") == 0
    assert page.js("document.scripts.length") == 5
    assert page.errors == [] and page.requests == [page.url]


def test_a_large_graph_opens_without_physics(browser, tmp_path):
    import networkx as nx

    n = PHYSICS_LIMIT * 4
    G = nx.MultiDiGraph()
    for i in range(n):
        G.add_node(i, label=f"entity {i}", type=("Country", "WeaponSystem")[i % 2], key=str(i), aliases=[])
    for i in range(1, n):
        G.add_edge(i, (i - 1) // 4, relation="deal", weapon=f"W{i}", status="agreed", year=2000,
                   provenance=[(f"sentence {i}", "2024-01-01", "synthetic", "a")])
    page = Page(browser, render_graph(G, tmp_path / "large.html", seed=1))
    try:
        assert page.js("network.body.data.nodes.length") == n
        assert page.js("network.body.data.edges.length") == n - 1
        assert page.js("network.physics.physicsEnabled") is False
        page.js("window.kgSelect('entity 5')")
        # edge labels appear around the selection only
        assert page.js("network.body.data.edges.get({filter: (e) => !!e.label}).length") == 5
        assert "sentence 5" in page.page.locator("#kg-evidence").inner_text()
        assert page.errors == [] and page.requests == [page.url]
    finally:
        page.close()


def test_an_empty_store_gives_a_working_page(browser, tmp_path):
    page = Page(browser, render_html(open_store(":memory:", write=True), tmp_path / "empty.html"))
    try:
        assert page.js("network.body.data.nodes.length") == 0
        assert "(0 entities, 0 relations)" in page.page.locator("#kg-title").inner_text()
        assert page.errors == [] and page.requests == [page.url]
    finally:
        page.close()


def visible_edges(page: Page) -> int:
    """Edges vis-network draws: in its data and not hidden."""
    return page.js("network.body.data.edges.get({filter: (e) => !e.hidden}).length")


def test_year_control_shows_the_events_of_the_chosen_years(small_page):
    page, G = small_page
    # the graph: 8 plain relations (memberOf 3, leaderOf 2, manufacturer 3) always shown, and 8 events:
    # deals RUS->TUR 2017 and 2019, USA->TUR 2019, FRA->IND 2020, RUS->IND 2021, XSS->TUR 2022;
    # the agreement RUS-TUR 2021; the sanction USA->TUR with no year, dated by its article (2021-09-14)
    assert page.js("[+document.getElementById('kg-since').min, +document.getElementById('kg-until').max]") == [2017,
                                                                                                                2022]
    assert visible_edges(page) == 16
    try:
        # move the sliders as a user would
        page.page.locator("#kg-since").fill("2019")
        page.page.locator("#kg-until").fill("2019")
        assert visible_edges(page) == 8 + 2
        assert page.page.locator("#kg-years-text").inner_text() == "2019"
        assert "Shown: 10 of 16 relations (2 deals, 0 agreements, 0 sanctions)" in page.page.locator(
            "#kg-counts").inner_text()
        # India has only deals of 2020 and 2021, XSS only one of 2022: both hidden, the legend follows
        assert "Country (4)" in page.page.locator("#kg-legend").inner_text()
        hidden = page.js("network.body.data.nodes.get({filter: (n) => n.hidden}).map((n) => n.label)")
        assert sorted(hidden) == sorted(["India", gd.PAYLOAD_NAME])
        page.js("window.kgSetYears(2020, 2021)")
        assert visible_edges(page) == 8 + 4  # FRA->IND, RUS->IND, the agreement, the sanction
        assert "(2 deals, 1 agreements, 1 sanctions)" in page.page.locator("#kg-counts").inner_text()
        assert "Country (5)" in page.page.locator("#kg-legend").inner_text()
        assert page.errors == []
    finally:
        page.js("window.kgSetYears(null, null)")
    assert visible_edges(page) == 16
    assert "Country (6)" in page.page.locator("#kg-legend").inner_text()


def test_timeline_strip_of_the_selected_entity(small_page):
    page, _ = small_page
    try:
        page.js("window.kgSelect('Turkey')")
        strip = page.page.locator("#kg-timeline")
        assert strip.is_visible()
        years = page.js("Array.from(document.querySelectorAll('#kg-timeline .year b')).map((b) => b.textContent)")
        assert years == ["2017", "2019", "2021", "2022"]
        assert page.js("document.querySelectorAll('#kg-timeline button').length") == 6
        # clicking an event shows its evidence
        first = strip.locator(".year").first.locator("button").first
        assert "Russia" in first.inner_text() and "S-400" in first.inner_text()
        first.click()
        assert page.page.locator("#kg-panel-title").inner_text() == "deal S-400 (agreed, 2017)"
        assert gd.SENTENCE_2017 in page.page.locator("#kg-evidence").inner_text()
        assert page.js("network.getSelectedEdges().length") == 1
        # the strip follows the year control
        page.js("window.kgSetYears(2019, 2019)")
        years = page.js("Array.from(document.querySelectorAll('#kg-timeline .year b')).map((b) => b.textContent)")
        assert years == ["2019"]
        assert page.errors == [] and page.js("window.__pwned") is None
    finally:
        page.js("window.kgSetYears(null, null)")


def test_since_until_open_the_page_on_those_years(browser, tmp_path):
    store = gd.fill(open_store(":memory:", write=True))
    page = Page(browser, render_html(store, tmp_path / "since.html", since=2020, until=2021))
    try:
        assert visible_edges(page) == 8 + 4
        assert page.js("[+document.getElementById('kg-since').value, +document.getElementById('kg-until').value]") \
            == [2020, 2021]
        assert page.errors == [] and page.requests == [page.url]
    finally:
        page.close()
