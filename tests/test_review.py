"""Confidence on facts, and analysts' review decisions that survive re-extraction (kg.curation)."""

from __future__ import annotations

import dataclasses
import io
import json

import pytest
from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

import kg.ingest
from kg import curation
from kg.analysis import project, write_graph
from kg.cli import cli
from kg.decisions import Decision, curate
from kg.evaluate import evaluate
from kg.export import export
from kg.extract import extract
from kg.facts import Article, Deal, Entity, Evidence, Extraction, Leader, Member, Ref, Sanction
from kg.ingest import ingest_article
from kg.loaders import load_text_file
from kg.mapping import CURATION_GRAPH, add_fact, article_iri, fact_iri, to_graph
from kg.queries import run_query
from kg.readback import raw_facts, read_facts, strip_facts
from kg.render import render_html
from kg.store import open_store
from kg.validate import validate
from kg.vocab import AKG
from tests.conftest import ROOT, SAMPLE
from tests.test_remote import server  # noqa: F401  (the Oxigraph server fixture)

AKG_PREFIX = "PREFIX akg: <https://w3id.org/armskg/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#> "
ARTICLE = Article("a1", "test", "placeholder text; the extractor is replaced in these tests", date="2021-09",
                  lang="en")
RUS, TUR, USA, FRA = (Ref.country(k) for k in ("RUS", "TUR", "USA", "FRA"))
NATO = Ref.alliance("NATO")
S400, PATRIOT, F35 = Ref.weapon("S-400"), Ref.weapon("Patriot"), Ref.weapon("F-35")
ENTITIES = tuple(Entity(r, labels=((label, "en"),)) for r, label in (
    (RUS, "Russia"), (TUR, "Turkey"), (USA, "United States"), (FRA, "France"), (NATO, "NATO"), (S400, "S-400"),
    (PATRIOT, "Patriot"), (F35, "F-35"), (Ref.person("Recep Tayyip Erdoğan"), "Recep Tayyip Erdoğan")))
PATRIOT_SENTENCE = "Washington offered Patriot batteries to Ankara."

# the extractor's first rules, then "better" ones: another year, another sentence and confidence for
# the S-400 deal, the membership no longer read, a leader read for the first time
FIRST = (
    Deal(RUS, TUR, S400, "agreed", 2017, Evidence("Moscow and Ankara signed for the S-400 in 2017."), confidence=0.4),
    Deal(USA, TUR, PATRIOT, "proposed", None, Evidence(PATRIOT_SENTENCE), confidence=0.3),
    Member(TUR, NATO, Evidence("Turkey, a NATO member, ..."), confidence=0.9),
    Sanction(USA, TUR, F35, "exclusion from the F-35 programme", Evidence("The US excluded Turkey from the F-35."),
             confidence=0.8),
)
SECOND = (
    Deal(RUS, TUR, S400, "agreed", 2018, Evidence("Russia agreed in 2018 to sell S-400s to Turkey."),
         confidence=0.6),
    Deal(USA, TUR, PATRIOT, "proposed", None, Evidence(PATRIOT_SENTENCE), confidence=0.35),
    Sanction(USA, TUR, F35, "exclusion from the F-35 programme", Evidence("The US excluded Turkey from the F-35."),
             confidence=0.8),
    Leader(Ref.person("Recep Tayyip Erdoğan"), TUR, evidence=Evidence("President Erdogan said ...")),
)


class Rules:
    """An extractor that reads ``facts`` from any article (picklable: it goes to worker processes too)."""

    def __init__(self, facts) -> None:
        self.facts = tuple(facts)

    def __call__(self, article, lang=None) -> Extraction:
        return Extraction(article, ENTITIES, self.facts)


def rules(monkeypatch, facts) -> None:
    """Make the ingest's extractor read ``facts`` (a stand-in for changed extraction rules)."""
    monkeypatch.setattr(kg.ingest, "extract", Rules(facts))


@pytest.fixture(params=["embedded", pytest.param("remote", marks=pytest.mark.server)])
def store(request, tmp_path):
    if request.param == "embedded":
        s = open_store(tmp_path / "store", write=True)
    else:
        s = open_store(request.getfixturevalue("server"))
        s.update("DROP SILENT ALL")
    yield s
    s.close()


def deals(store) -> dict[tuple, dict]:
    rows = run_query(store, "deals")
    return {(str(r["supplierName"]), str(r["recipientName"]), str(r["weaponName"])): r for r in rows}


def item(store, key: str) -> curation.Item:
    return next(i for i in curation.find_items(store) if i.key == key)


S400_KEY = "deal|country/RUS|country/TUR|weapon/s-400"
PATRIOT_KEY = "deal|country/USA|country/TUR|weapon/patriot"
MEMBER_KEY = "member|country/TUR|alliance/NATO"


# ------------------------------------------------------------------ confidence in RDF

def test_confidence_is_written_on_fact_nodes_and_statements_and_only_when_known():
    g = to_graph(Extraction(ARTICLE, ENTITIES, FIRST + (Member(FRA, NATO),)))
    art = article_iri(ARTICLE)
    assert g.value(fact_iri(FIRST[0], art), AKG.confidence) == Literal("0.4", datatype=URIRef(
        "http://www.w3.org/2001/XMLSchema#decimal"))
    statement = fact_iri(FIRST[2], art)
    assert (statement, RDF.type, RDF.Statement) in g and float(g.value(statement, AKG.confidence)) == 0.9
    assert (fact_iri(Member(FRA, NATO), art), None, None) not in g  # no evidence, no confidence: a plain triple
    assert len(list(g.triples((None, AKG.confidence, None)))) == 4
    with pytest.raises(ValueError, match="between 0 and 1"):
        to_graph(Extraction(ARTICLE, ENTITIES, (dataclasses.replace(FIRST[0], confidence=1.5),)))


def test_facts_read_back_from_an_article_graph_map_to_the_same_graph():
    """The read-back is the inverse of the mapping on every written test article (with confidences)."""
    paths = sorted((ROOT / "tests" / "data").rglob("*.txt"))[:12] + [SAMPLE]
    for path in paths:
        ex = extract(load_text_file(path))
        ex = dataclasses.replace(ex, facts=tuple(dataclasses.replace(f, confidence=round(0.25 + 0.05 * i, 2))
                                                 for i, f in enumerate(ex.facts)))
        g = to_graph(ex, "hash")
        again = strip_facts(g)
        for fact in [f for _, f in read_facts(g)]:
            add_fact(again, fact, article_iri(ex.article))
        assert isomorphic(g, again), path
        assert sorted(f.confidence for f in raw_facts(g)) == sorted(f.confidence for f in ex.facts)


def test_curate_matches_decisions_by_key_and_reports_orphans():
    art = str(article_iri(ARTICLE))
    d = [Decision(art, PATRIOT_KEY, "reject", "ana", "2026-01-01T00:00:00Z"),
         Decision(art, S400_KEY, "correct", "ana", "2026-01-01T00:00:01Z", changes={"status": "delivered"}),
         Decision(art, MEMBER_KEY, "accept", "ana", "2026-01-01T00:00:02Z")]
    cur = curate(SECOND, d)
    assert [f.core for f in cur.facts if isinstance(f, Deal)] == [("RUS", "TUR", "S-400")]
    assert next(f for f in cur.facts if isinstance(f, Deal)).year == 2018  # the new reading, corrected status
    assert next(f for f in cur.facts if isinstance(f, Deal)).status == "delivered"
    assert [o.key for o in cur.orphans] == [MEMBER_KEY]
    both = (Leader(Ref.person("Ann"), FRA), Leader(Ref.person("Ann"), FRA, former=True))  # one key, two facts
    assert curate(both + SECOND, d).facts[:2] == both
    merged = Decision(art, PATRIOT_KEY, "correct", "ana", "2026-01-01T00:00:03Z", changes={"weapon": "weapon/s-400",
                                                                                        "supplier": "country/RUS"})
    assert [f.status for f in curate(SECOND, [merged]).facts if isinstance(f, Deal)] == ["proposed"]
    later = Decision(art, PATRIOT_KEY, "accept", "bob", "2026-01-02T00:00:00Z")
    assert len([f for f in curate(SECOND, [*d, later]).facts if isinstance(f, Deal)]) == 2  # the latest wins


# ------------------------------------------------------------------ decisions in the store

def test_decisions_survive_a_re_ingest_with_changed_rules(store, monkeypatch):
    rules(monkeypatch, FIRST)
    ingest_article(store, ARTICLE)
    curation.decide(store, item(store, PATRIOT_KEY), "reject", by="ana", reason="an offer, not a deal")
    curation.decide(store, item(store, S400_KEY), "correct", by="ana", changes={"status": "delivered"})
    curation.decide(store, item(store, MEMBER_KEY), "accept", by="bob")
    assert set(deals(store)) == {("Russia", "Turkey", "S-400")}

    rules(monkeypatch, SECOND)
    outcome = ingest_article(store, ARTICLE, force=True)
    assert outcome.status == "replaced" and outcome.orphans == (MEMBER_KEY,)
    found = deals(store)
    assert set(found) == {("Russia", "Turkey", "S-400")}  # still rejected: the Patriot offer
    s400 = found[("Russia", "Turkey", "S-400")]
    assert str(s400["statusName"]) == "delivered" and int(s400["year"]) == 2018  # corrected, new reading kept
    assert [(d.key, d.action, d.by) for d in curation.orphans(store)] == [(MEMBER_KEY, "accept", "bob")]
    assert {i.key for i in curation.queue(store)} == {"sanction|country/USA|country/TUR",
                                                       "leader|person/recep-tayyip-erdogan|country/TUR"}
    raw = curation.view(store, raw=True)
    assert {str(r["statusName"]) for r in deals(raw).values()} == {"agreed", "proposed"}
    assert {int(r["year"]) for r in deals(raw).values() if r.get("year") is not None} == {2018}


@pytest.mark.parametrize("engine", ["local", pytest.param("dask", marks=pytest.mark.slow)])
def test_a_batch_ingest_applies_decisions_and_reports_orphans(tmp_path, monkeypatch, engine):
    """With 2 workers (local pool or Dask) the workers extract and this process applies the decisions."""
    if engine == "dask":
        pytest.importorskip("distributed")
    text = tmp_path / "a1.txt"
    text.write_text("date 2021-09\nplaceholder", encoding="utf-8")
    store = open_store(tmp_path / "store", write=True)
    rules(monkeypatch, FIRST)
    kg.ingest.ingest_paths(store, [text])
    curation.decide(store, item(store, PATRIOT_KEY), "reject", by="ana", reason="an offer")
    curation.decide(store, item(store, MEMBER_KEY), "accept", by="ana")
    rules(monkeypatch, SECOND)
    report = kg.ingest.ingest_paths(store, [text], force=True, engine=engine, jobs=2)
    assert report.orphans == [f"a1: {MEMBER_KEY}"] and "no longer match a fact" in report.summary()
    assert set(deals(store)) == {("Russia", "Turkey", "S-400")}
    store.close()


def test_rejected_facts_are_absent_from_every_read_path_and_export(store, monkeypatch, tmp_path):
    rules(monkeypatch, FIRST)
    ingest_article(store, ARTICLE)
    rejected = fact_iri(FIRST[1], article_iri(ARTICLE))
    curation.decide(store, str(rejected), "reject", by="ana", reason="an offer, not a deal")
    # ready-made queries
    assert ("United States", "Turkey", "Patriot") not in deals(store)
    for name in ("deals-by-recipient", "timeline", "evidence"):
        params = {"recipient": "TUR"} if name == "deals-by-recipient" else {}
        rows = run_query(store, name, params)
        assert all(str(v) != str(rejected) and str(v) != PATRIOT_SENTENCE for r in rows for v in r.values()), name
    # your own SPARQL
    ask = store.query(AKG_PREFIX + "ASK { ?d akg:supplier ?s ; akg:weapon ?w FILTER(STRENDS(STR(?w), 'patriot')) }")
    assert ask.boolean is False
    # kg graph and kg show
    G = project(store)
    assert not [e for e in G.edges(data=True) if e[2].get("weapon") == "Patriot"]
    page = render_html(store, tmp_path / "page.html").read_text(encoding="utf-8")
    assert PATRIOT_SENTENCE not in page
    # exports: RDF triples and quads, and the graph formats
    for fmt in ("turtle", "trig", "nquads", "jsonld"):
        path = export(store, tmp_path / f"out.{fmt}", fmt)
        ds = Dataset()
        ds.parse(path, format={"nquads": "nquads", "trig": "trig", "jsonld": "json-ld"}.get(fmt, fmt))
        triples = {(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))}
        assert not [t for t in triples if t[0] == rejected or t[2] == Literal(PATRIOT_SENTENCE)], fmt
        assert [t for t in triples if t[1] == AKG.supplier], fmt  # the other deal is there
    out = io.BytesIO()
    write_graph(store, out, "graphml")
    assert PATRIOT_SENTENCE.encode() not in out.getvalue() and b"S-400" in out.getvalue()
    # while the extractor's view still has it
    raw = curation.view(store, raw=True)
    assert ("United States", "Turkey", "Patriot") in deals(raw)
    assert [e for e in project(raw).edges(data=True) if e[2].get("weapon") == "Patriot"]


def test_corrections_are_visible_with_the_original_reading_in_provenance(store, monkeypatch):
    rules(monkeypatch, FIRST)
    ingest_article(store, ARTICLE)
    curation.decide(store, item(store, S400_KEY), "correct", by="ana", reason="delivered in 2019",
                    changes={"status": "delivered", "year": 2019})
    curation.decide(store, item(store, "sanction|country/USA|country/TUR"), "correct", by="ana",
                    changes={"target": "country/FRA"})
    row = deals(store)[("Russia", "Turkey", "S-400")]
    assert (str(row["statusName"]), int(row["year"])) == ("delivered", 2019)
    rows = store.query(AKG_PREFIX + """SELECT ?reading ?who ?why ?when WHERE {
        ?deal akg:supplier ?s ; prov:wasRevisionOf ?r ; prov:wasInfluencedBy ?d .
        ?r a akg:Reading ; akg:reading ?reading .
        GRAPH <https://w3id.org/armskg/id/graph/curation> {
          ?d a akg:Correction ; akg:reason ?why ; prov:endedAtTime ?when ;
             prov:wasAssociatedWith [ <http://xmlns.com/foaf/0.1/name> ?who ] } }""")
    assert len(rows) == 1
    original = json.loads(str(rows.rows[0]["reading"]))
    assert (original["status"], original["year"]) == ("agreed", 2017)
    assert (str(rows.rows[0]["who"]), str(rows.rows[0]["why"])) == ("ana", "delivered in 2019")
    assert str(rows.rows[0]["when"]).startswith("20")
    # a corrected role: the sanction now targets France, France is described in the article graph
    sanctions = run_query(store, "sanctions")
    assert {str(v) for r in sanctions for v in r.values() if v is not None} >= {"France"}
    assert validate(store).conforms
    # correcting again adds to the correction in force
    curation.decide(store, item(store, S400_KEY), "correct", by="ana", changes={"year": 2020})
    row = deals(store)[("Russia", "Turkey", "S-400")]
    assert (str(row["statusName"]), int(row["year"])) == ("delivered", 2020)


def test_extraction_never_writes_the_curation_graph(store, monkeypatch):
    rules(monkeypatch, FIRST)
    ingest_article(store, ARTICLE)
    assert str(CURATION_GRAPH) not in store.graph_names()
    curation.decide(store, item(store, MEMBER_KEY), "accept", by="ana")
    before = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{CURATION_GRAPH}> {{ ?s ?p ?o }} }}").values("n")
    rules(monkeypatch, SECOND)
    ingest_article(store, ARTICLE, force=True)
    after = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{CURATION_GRAPH}> {{ ?s ?p ?o }} }}").values("n")
    assert before == after and int(str(after[0])) > 0


def test_min_confidence_leaves_out_unsure_facts_but_not_unrated_or_reviewed_ones(store, monkeypatch):
    rules(monkeypatch, FIRST + (Deal(FRA, TUR, F35, "proposed", evidence=Evidence("France ...")),))
    ingest_article(store, ARTICLE)
    assert len(deals(store)) == 3
    sure = curation.view(store, min_confidence=0.5)
    assert set(deals(sure)) == {("France", "Turkey", "F-35")}  # 0.4 and 0.3 left out, no confidence kept
    assert {e[2]["relation"] for e in project(sure).edges(data=True)} == {"deal", "memberOf", "sanction"}
    curation.decide(store, item(store, S400_KEY), "accept", by="ana")
    assert set(deals(curation.view(store, min_confidence=0.5))) == {("France", "Turkey", "F-35"),
                                                                   ("Russia", "Turkey", "S-400")}
    assert curation.view(store, min_confidence=0.2) is store  # nothing below: no copy
    G = project(store)
    assert sorted(e[2]["confidence"] or 1.0 for e in G.edges(data=True) if e[2]["relation"] == "deal") == \
        [0.3, 0.4, 1.0]


def test_the_page_shows_confidence_and_fades_unsure_edges(tmp_path, monkeypatch):
    store = open_store(tmp_path / "store", write=True)
    rules(monkeypatch, FIRST)
    ingest_article(store, ARTICLE)
    page = render_html(store, tmp_path / "page.html").read_text(encoding="utf-8")
    assert "confidence: 0.30" in page and '"opacity": 0.44' in page.replace('"opacity":0.44', '"opacity": 0.44')
    assert ",0.3]" in page  # the evidence panel's entries carry the confidence
    store.close()


# ------------------------------------------------------------------ the command line

def test_review_commands_for_scripts(runner, tmp_path, monkeypatch):
    location = str(tmp_path / "store")
    rules(monkeypatch, FIRST)
    with open_store(location, write=True) as s:
        ingest_article(s, ARTICLE)
    patriot = str(fact_iri(FIRST[1], article_iri(ARTICLE)))
    s400 = str(fact_iri(FIRST[0], article_iri(ARTICLE)))
    r = runner.invoke(cli, ["--store", location, "review", "list", "--format", "json"])
    rows = json.loads(r.output)["results"]["bindings"]
    assert r.exit_code == 0 and rows[0]["fact_iri"]["value"] == patriot  # the least sure first
    r = runner.invoke(cli, ["--store", location, "review", "reject", patriot, "--reason", "an offer", "--by", "ana"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(cli, ["--store", location, "review", "correct", s400, "--status", "delivered", "--year", "2019",
                            "--role", "recipient=Turkey"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(cli, ["--store", location, "query", "deals", "--format", "csv"])
    assert "Patriot" not in r.output and "delivered,2019" in r.output
    r = runner.invoke(cli, ["--store", location, "query", "deals", "--format", "csv", "--raw"])
    assert "Patriot" in r.output and "agreed,2017" in r.output
    r = runner.invoke(cli, ["--store", location, "query", "deals", "--format", "csv", "--min-confidence", "0.9"])
    assert r.exit_code == 0 and "S-400" in r.output  # corrected by an analyst: it passes any threshold
    r = runner.invoke(cli, ["--store", location, "graph", "suppliers", "--raw", "--format", "csv"])
    assert "Patriot" in r.output
    r = runner.invoke(cli, ["--store", location, "export", "--format", "ntriples", "-o", "-"])
    exported = Graph().parse(data=r.output, format="nt")
    assert (URIRef(patriot), AKG.supplier, None) not in exported
    assert (None, AKG.evidence, Literal(PATRIOT_SENTENCE)) not in exported
    assert (URIRef(s400), AKG.status, AKG.Delivered) in exported
    r = runner.invoke(cli, ["--store", location, "review", "list", "--all", "--format", "json"])
    decided = {row.get("decision", {}).get("value") for row in json.loads(r.output)["results"]["bindings"]}
    assert decided == {"reject", "correct", None}
    r = runner.invoke(cli, ["--store", location, "review", "--article", "a1", "--type", "sanction", "list", "--all",
                            "--format", "csv"])
    assert r.exit_code == 0 and r.output.count("\n") == 2 and "sanction: by United States" in r.output
    # bad input: one line, exit 1, nothing recorded
    for args, message in (
        (["review", "accept", "https://w3id.org/armskg/id/deal/nope"], "no fact"),
        (["review", "correct", s400, "--set", "colour=red"], "has no field 'colour'"),
        (["review", "correct", s400, "--role", "supplier=Atlantis"], "no entity called 'Atlantis'"),
        (["review", "correct", s400], "say what to correct"),
        (["review", "reject", s400], "Missing option '--reason'"),
        (["review", "export-gold", "nope"], "no article 'nope'"),
        (["query", "deals", "--min-confidence", "2"], "2"),
        (["review", "--article", "nope", "list"], "no ingested article 'nope'"),
        (["review", "--entity", "Atlantis", "list"], "no entity called 'Atlantis'"),
        (["review"], "asks for keys in a terminal"),
    ):
        r = runner.invoke(cli, ["--store", location, *args])
        assert r.exit_code != 0 and message in r.output, (args, r.output)
        assert "Traceback" not in r.output
    with open_store(location) as s:
        assert len(curation.load_decisions(s)) == 2


def test_the_review_loop_in_a_pseudo_terminal(tmp_path, kg_bin):
    pexpect = pytest.importorskip("pexpect")
    location = str(tmp_path / "store")
    with open_store(location, write=True) as s:
        ingest_article(s, load_text_file(SAMPLE))
    child = pexpect.spawn(kg_bin, ["--store", location, "review", "--type", "deal", "--by", "ana"],
                          encoding="utf-8", timeout=60, dimensions=(40, 200), env={"TERM": "dumb", "PATH": "/usr/bin"})
    child.expect(r"\[1/2\] deal")
    child.expect("evidence")
    child.expect(r"\[a\]ccept")
    first = child.before
    child.send("r")
    child.expect("why")
    child.sendline("not in the text")
    child.expect("recorded: reject")
    child.expect(r"\[2/2\] deal")
    child.expect(r"\[a\]ccept")
    child.send("c")
    child.expect("field to change")
    child.sendline("status")
    child.expect("new status")
    child.sendline("delivered")
    child.expect("why")
    child.sendline("")
    child.expect("recorded: correct")
    child.expect("0 accepted, 1 rejected, 1 corrected, 0 skipped")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    with open_store(location) as s:
        decisions = curation.load_decisions(s)
        assert [(d.action, d.by) for d in decisions] == [("reject", "ana"), ("correct", "ana")]
        assert decisions[0].reason == "not in the text"
        rows = deals(s)
    assert len(rows) == 1 and str(next(iter(rows.values()))["statusName"]) == "delivered"
    assert "“" in first  # the evidence sentence was on the screen


def test_quit_and_skip_in_the_loop_record_nothing(tmp_path, kg_bin):
    pexpect = pytest.importorskip("pexpect")
    location = str(tmp_path / "store")
    with open_store(location, write=True) as s:
        ingest_article(s, load_text_file(SAMPLE))
    child = pexpect.spawn(kg_bin, ["--store", location, "review", "--entity", "Erdogan"], encoding="utf-8",
                          timeout=60, env={"TERM": "dumb", "PATH": "/usr/bin"})
    child.expect(r"\[1/1\] leader")
    child.expect("Recep Tayyip Erdogan")
    child.send("x")
    child.expect("one of a, r, c, s, q")
    child.send("s")
    child.expect("1 skipped")
    child.expect(pexpect.EOF)
    with open_store(location) as s:
        assert curation.load_decisions(s) == []


def test_export_gold_round_trips_through_kg_eval(runner, tmp_path):
    location = str(tmp_path / "store")
    r = runner.invoke(cli, ["--store", location, "ingest", str(SAMPLE)])
    assert r.exit_code == 0, r.output
    with open_store(location, write=True) as s:
        for i in curation.queue(s):
            curation.decide(s, i, "accept", by="ana")
    gold = tmp_path / "gold"
    r = runner.invoke(cli, ["--store", location, "review", "export-gold", "seed-s400-turquie", "-o", str(gold)])
    assert r.exit_code == 0, r.output
    data = json.loads((gold / "seed-s400-turquie.json").read_text(encoding="utf-8"))
    assert data["lang"] == "fr" and data["date"] == "2021-09" and len(data["facts"]) == 12
    r = runner.invoke(cli, ["eval", str(gold), "--json"])
    scores = json.loads(r.output)
    assert scores["facts"]["f1"] == 1.0 and scores["entities"]["f1"] == 1.0
    assert scores["status_accuracy"] == 1.0 and scores["year_accuracy"] == 1.0
    # an analyst's rejection makes the extractor's reading a false positive in the gold
    with open_store(location, write=True) as s:
        patriot = next(i for i in curation.find_items(s, type="deal") if "patriot" in i.key)
        curation.decide(s, patriot, "reject", by="ana", reason="a refusal to sell, not a deal")
        curation.export_gold(s, ["seed-s400-turquie"], gold)
    report = evaluate([gold])
    assert report.totals()["facts"]["fp"] == 1 and report.totals()["facts"]["fn"] == 0


@pytest.mark.server
def test_review_commands_on_a_sparql_server(runner, server, monkeypatch, tmp_path):  # noqa: F811
    remote = open_store(server)
    remote.update("DROP SILENT ALL")
    rules(monkeypatch, FIRST)
    ingest_article(remote, ARTICLE)
    patriot = str(fact_iri(FIRST[1], article_iri(ARTICLE)))
    r = runner.invoke(cli, ["--store", server, "review", "reject", patriot, "--reason", "an offer", "--by", "ana"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(cli, ["--store", server, "query", "deals", "--format", "csv"])
    assert r.exit_code == 0 and "Patriot" not in r.output and "S-400" in r.output
    r = runner.invoke(cli, ["--store", server, "export", "-o", str(tmp_path / "g.graphml")])
    assert r.exit_code == 0 and PATRIOT_SENTENCE not in (tmp_path / "g.graphml").read_text(encoding="utf-8")
    assert "S-400" in (tmp_path / "g.graphml").read_text(encoding="utf-8")
    r = runner.invoke(cli, ["--store", server, "query", "deals", "--format", "csv", "--raw"])
    assert "Patriot" in r.output
    assert [(d.action, d.by, d.reason) for d in curation.load_decisions(remote)] == [("reject", "ana", "an offer")]
