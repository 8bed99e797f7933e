"""Article deals against SIPRI records: matches, year windows, generic weapons, unmatched deals and their
nearest record, the stored links."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef

from kg.cli import cli
from kg.corroborate import CORROBORATION_GRAPH, corroborate, results_table
from kg.facts import Article, Deal, Entity, Evidence, Extraction, Ref
from kg.mapping import article_iri, fact_iri, to_graph
from kg.sipri import import_sipri
from kg.store import StoreError, open_store
from tests.conftest import SIPRI
from tests.test_sipri import NOTES, REGISTER_HEADER, write

S400 = Deal(Ref.country("RUS"), Ref.country("TUR"), Ref.weapon("S-400"), "agreed", 2017,
            Evidence("Ankara a signé en 2017 l'achat de S-400 russes."))
ROWS = [
    "Turkiye,Russia,2017,,2,?,S-400 Triumf,SAM system,2,,2019,New,,65,130,130",  # line 7
    "Greece,France,2021,,6,,Rafale,FGA aircraft,6,,2021; 2022; 2023,New,,55,330,330",  # line 8
    "Greece,France,2022,,3,,FDI,frigate,0,,,New,,300,900,",  # line 9
    "India,Russia,2015,,50,,aircraft engine,aircraft engine,50,,2016,New,,1,50,50",  # line 10
]


def article_graph(store, article_id: str, *deals: Deal) -> str:
    article = Article(article_id, "test", "text", date="2021-09")
    refs = {r for d in deals for r in (d.supplier, d.recipient, d.weapon)}
    extraction = Extraction(article, tuple(Entity(r, ((r.key, ""),)) for r in sorted(refs)), deals)
    store.replace_graph(str(article_iri(article)), to_graph(extraction))
    return str(article_iri(article))


@pytest.fixture
def store(tmp_path: Path):
    store = open_store(":memory:", write=True)
    import_sipri(store, write(tmp_path / "register.csv", NOTES + [REGISTER_HEADER] + ROWS))
    return store


def test_match_year_window_and_unknown(store) -> None:
    a1 = article_graph(store, "a1", S400)
    late = Deal(Ref.country("FRA"), Ref.country("GRC"), Ref.weapon("Rafale"), "delivered", 2025)
    inside = Deal(Ref.country("FRA"), Ref.country("GRC"), Ref.weapon("Rafale"), "delivered", 2022)
    article_graph(store, "a2", late)
    article_graph(store, "a3", inside)
    unknown = Deal(Ref.country("FRA"), Ref.country("IND"), Ref.weapon("Rafale"), "agreed", None)
    article_graph(store, "a4", unknown)
    report = corroborate(store)
    by_deal = {d.deal: d for d in report.deals}
    assert len(report.deals) == 4 and report.links == 2
    s400 = by_deal[str(fact_iri(S400, article_iri("a1")))]
    assert len(s400.records) == 1 and "line 7: Turkiye <- Russia, 2 S-400 Triumf" in s400.evidence
    assert by_deal[str(fact_iri(inside, article_iri("a3")))].records
    assert [d.year for d in report.unmatched] == [2025, None]
    assert {d.match for d in report.corroborated} == {"designation"}
    links = store.query("PREFIX akg: <https://w3id.org/armskg/ontology#> "
                        "SELECT ?d ?r WHERE { GRAPH ?g { ?d akg:corroboratedBy ?r } }",
                        {"g": URIRef(CORROBORATION_GRAPH)})
    assert sorted(links.values("d")) == sorted([s400.deal, str(fact_iri(inside, article_iri("a3")))])
    # a second run replaces the links instead of adding to them
    store.drop_graph(a1)
    assert corroborate(store).links == 1 and store.count() > 0
    assert len(store.query("SELECT ?d WHERE { ?d <https://w3id.org/armskg/ontology#corroboratedBy> ?r }")) == 1


def test_needs_sipri_data() -> None:
    store = open_store(":memory:", write=True)
    article_graph(store, "a1", S400)
    with pytest.raises(StoreError, match="no SIPRI data; run `kg import sipri FILE` first"):
        corroborate(store)


def test_cli(store_dir: Path, tmp_path: Path, runner) -> None:
    register = write(tmp_path / "register.csv", NOTES + [REGISTER_HEADER] + ROWS)
    assert runner.invoke(cli, ["--store", str(store_dir), "import", "sipri", "-q", str(register)]).exit_code == 0
    with open_store(store_dir, write=True) as store:
        article_graph(store, "a1", S400)
    result = runner.invoke(cli, ["--store", str(store_dir), "corroborate", "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "supplier,recipient,weapon,year,sipri,record,deal"
    assert lines[1].startswith('RUS,TUR,s-400,2017,corroborated,"SIPRI trade register 2025-03-13, line 7: ')
    assert result.stderr == ("1 article deals: 1 corroborated by SIPRI (0 by the kind of weapon only; 1 links), "
                             "0 with no matching record\n")
    empty = runner.invoke(cli, ["--store", str(tmp_path / "other"), "corroborate"])
    assert empty.exit_code == 1 and empty.stderr.startswith("Error: the store holds no SIPRI data")


@pytest.mark.skipif(not (SIPRI / "trade-register-2025-03-13.csv").is_file(),
                    reason="../shared/data/sipri is not beside the checkout")
def test_sample_s400_deal_finds_the_real_sipri_record() -> None:
    store = open_store(":memory:", write=True)
    import_sipri(store, SIPRI / "trade-register-2025-03-13.csv")
    article_graph(store, "seed-s400-turquie", S400)
    report = corroborate(store)
    (deal,) = report.deals
    assert len(deal.records) == 1
    assert deal.evidence.startswith("SIPRI trade register 2025-03-13, line 26101: Turkiye <- Russia, 2 S-400 Triumf")
    (record,) = deal.records
    row = store.query("PREFIX akg: <https://w3id.org/armskg/ontology#> "
                      "SELECT ?y ?n WHERE { ?d akg:year ?y ; akg:numberOrdered ?n }", {"d": URIRef(record)})
    assert [str(row.values("y")[0]), row.values("n")[0]] == ["2017", 2]


def by_weapon(report) -> dict[str, object]:
    return {d.weapon: d for d in report.deals}


def test_generic_weapons_match_on_description_then_category(store) -> None:
    """An article that names only a kind of weapon is matched on SIPRI's description or category, never by
    designation (SIPRI's record 'aircraft engine' has the generic noun's IRI), with a weaker link."""
    frigate = Deal(Ref.country("FRA"), Ref.country("GRC"), Ref.weapon("frigate"), "agreed", 2022)
    aircraft = Deal(Ref.country("FRA"), Ref.country("GRC"), Ref.weapon("military aircraft"), "agreed", 2021)
    helicopter = Deal(Ref.country("FRA"), Ref.country("GRC"), Ref.weapon("helicopter"), "agreed", 2021)
    engine = Deal(Ref.country("RUS"), Ref.country("IND"), Ref.weapon("aircraft engine"), "delivered", 2016)
    rafale = Deal(Ref.country("FRA"), Ref.country("GRC"), Ref.weapon("Rafale"), "agreed", 2021)
    article_graph(store, "a1", frigate, aircraft, helicopter, engine, rafale)
    report = corroborate(store)
    deals = by_weapon(report)
    assert (deals["frigate"].match, deals["frigate"].evidence[:45]) == (
        "description", "SIPRI trade register 2025-03-13, line 9: Gree")
    assert deals["military-aircraft"].match == "category" and "Rafale" in deals["military-aircraft"].evidence
    # Aircraft to SIPRI too, but an "FGA aircraft" is no helicopter: no match, the Rafale is the nearest record
    assert (deals["helicopter"].records, deals["helicopter"].differs) == ((), "another weapon")
    assert deals["aircraft-engine"].match == "description"  # the same IRI as SIPRI's, not a designation match
    assert deals["rafale"].match == "designation"
    query = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?d ?p ?r } GROUP BY ?p"
    counts = {str(r["p"]).rsplit("#", 1)[-1]: int(r["n"]) for r in store.query(query) if "orroborated" in str(r["p"])}
    assert counts == {"corroboratedBy": 1, "possiblyCorroboratedBy": 3}
    table = {row["weapon"].value if hasattr(row["weapon"], "value") else str(row["weapon"]): str(row["sipri"])
             for row in results_table(report).rows}
    assert table["frigate"] == "corroborated by description"
    assert table["military-aircraft"] == "corroborated by category"
    assert "3 by the kind of weapon only" in report.summary()


def test_unmatched_deals_show_the_nearest_record(store) -> None:
    late = Deal(Ref.country("FRA"), Ref.country("GRC"), Ref.weapon("Rafale"), "delivered", 2025)
    other = Deal(Ref.country("FRA"), Ref.country("GRC"), Ref.weapon("Mistral"), "agreed", 2022)
    nowhere = Deal(Ref.country("FRA"), Ref.country("IND"), Ref.weapon("Rafale"), "agreed", None)
    article_graph(store, "a1", late, other, nowhere)
    report = corroborate(store)
    assert not report.corroborated and report.links == 0
    rows = {(str(r["weapon"]), str(r["recipient"])): (str(r["sipri"]), str(r["record"]))
            for r in results_table(report).rows}
    verdict, record = rows[("rafale", "GRC")]
    assert verdict == "no matching record (another year)"
    assert record.startswith("nearest: SIPRI trade register 2025-03-13, line 8: Greece <- France, 6 Rafale")
    verdict, record = rows[("mistral", "GRC")]  # nearest: the 2022 FDI order, the closest year
    assert verdict == "no matching record (another weapon)" and ", line 9: " in record
    assert rows[("rafale", "IND")] == ("no matching record", "no SIPRI record between these states")
    assert "unknown to SIPRI" not in report.summary()
