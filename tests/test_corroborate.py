"""Article deals against SIPRI records: matches, year windows, unknown deals, the stored links."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef

from kg.cli import cli
from kg.corroborate import CORROBORATION_GRAPH, corroborate
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
    assert [d.year for d in report.unknown] == [2025, None]
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
    assert result.stderr == "1 article deals: 1 corroborated by SIPRI (1 links), 0 unknown to SIPRI\n"
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
