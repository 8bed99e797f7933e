"""SIPRI exports -> deals: both layouts, skipped rows with line numbers, damaged files, the import."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.cli import cli
from kg.facts import Ref
from kg.mapping import entity_iri
from kg.sipri import SipriError, build_ntriples, import_sipri, read_sipri, release_of, sipri_graph
from kg.store import StoreError, open_store
from tests.conftest import SIPRI

REGISTER_HEADER = (
    "Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,Number delivered, ,"
    "Year(s) of delivery,status,Comments,SIPRI TIV per unit,SIPRI TIV for total order,SIPRI TIV of delivered weapons"
)
NOTES = [
    "Transfers of major conventional arms from All countries  to All countries .",
    "A '?' in a column indicates uncertain data.",
    "",
    "Source: SIPRI Arms Transfers Database (c) SIPRI.",
    "Data generated: 13 Mar 2025 10:02:49 AM",
]
# Lines: notes 1-5, header 6, then data from line 7.
REGISTER_ROWS = [
    "Turkiye,Russia,2017,,2,?,S-400 Triumf,SAM system,2,,2019,New,Version for Turkey,65,130,130",  # 7
    "Hezbollah (Lebanon)*,Iran,2006,?,10,?,Fajr-3,MRL,10,?,2006,New,,0.5,5,5",  # 8
    "Afghanistan,unknown supplier(s),1990,?,5,?,Mi-8MT,transport helicopter,5,,1990,Second hand,,1,5,5",  # 9
    "Chile,France,2024,?,12,?,vehicle engine,vehicle engine,0,,,New,Engine for a Société",  # 10: broken ...
    ",0.03,0.36,0",  # 11: ... and rejoined
    "Greece,France,2021,,6,,Rafale,FGA aircraft,6,,2021; 2022; 2023,Second hand but modernized,,55,330,330",  # 12
    "NATO**,United States,2015,,3,,RQ-4A Global Hawk,UAV,0,,,New,AGS,20,60,",  # 13
    "Chile,France,2024,12",  # 14: malformed
    "Atlantis,France,2020,,1,,Rafale,FGA aircraft,0,,,New,,55,55,",  # 15: unknown country
]
#: A row SIPRI lists before the order: the weapon was chosen, not yet ordered.
SELECTED_ROW = ("Australia,United States,2024,?,,,SM-6,SAM/ABM,0,,,New,For Hobart destroyers and Hunter frigates; "
                "selected but not yet ordered by end-2024,0,0,0")


def write(path: Path, lines: list[str], encoding: str = "iso-8859-1", end: str = "\n") -> Path:
    path.write_bytes(("\n".join(lines) + end).encode(encoding))
    return path


@pytest.fixture
def register(tmp_path: Path) -> Path:
    return write(tmp_path / "trade-register.csv", NOTES + [REGISTER_HEADER] + REGISTER_ROWS)


def test_register_rows(register: Path) -> None:
    rows = list(read_sipri(register))
    assert [r.line for r in rows] == [7, 8, 9, 10, 12, 13, 14, 15]
    deals = {r.line: r.deal for r in rows if r.deal}
    assert sorted(deals) == [7, 10, 12, 13]
    s400 = deals[7]
    assert (s400.supplier, s400.recipient) == (Ref.country("RUS"), Ref.country("TUR"))
    assert s400.status == "delivered" and s400.year == 2017
    assert (s400.number_ordered, s400.number_delivered, s400.delivery_years) == (2, 2, (2019,))
    assert (s400.tiv_per_unit, s400.tiv_total, s400.tiv_delivered) == (65.0, 130.0, 130.0)
    assert s400.uncertain == ("number_ordered",)
    assert s400.description == "SAM system" and s400.comments == "Version for Turkey"
    assert s400.evidence.sentence == (
        "SIPRI trade register 2025-03-13, line 7: Turkiye <- Russia, 2 S-400 Triumf (SAM system), "
        "ordered 2017, delivered 2019"
    )
    # the broken row is rejoined, the ISO-8859-1 text decoded, nothing delivered yet -> agreed
    engine = deals[10]
    assert engine.comments == "Engine for a Société" and engine.tiv_total == 0.36
    assert engine.status == "agreed" and engine.number_delivered == 0 and engine.delivery_years == ()
    assert engine.uncertain == ("year", "number_ordered")
    assert deals[12].delivery_years == (2021, 2022, 2023) and deals[12].weapon == Ref.weapon("Rafale")
    assert "second hand but modernized" in deals[12].evidence.sentence
    assert deals[13].recipient == Ref.alliance("NATO") and deals[13].tiv_delivered is None
    problems = {r.line: r.problem for r in rows if r.deal is None}
    assert problems == {
        8: "recipient: non-state party 'Hezbollah (Lebanon)*'",
        9: "supplier: unknown party 'unknown supplier(s)'",
        14: "malformed row: 4 fields instead of 16",
        15: "recipient: country name 'Atlantis' is not in the countries table",
    }


def test_entities_carry_sipri_names(register: Path) -> None:
    rows = [r for r in read_sipri(register) if r.deal]
    supplier, recipient, weapon = rows[0].entities
    assert recipient.ref == Ref.country("TUR") and "Turkiye" in recipient.names
    assert ("Turkey", "en") in recipient.labels
    assert weapon.description == "SAM system"


DELIVERY_HEADER = (
    "SIPRI AT Database ID,Supplier,Recipient,Designation,Description,Armament category,Order date,"
    "Order date is estimate,Numbers delivered,Numbers delivered is estimate,Delivery year,Delivery year is estimate,"
    "Status,SIPRI estimate,TIV deal unit,TIV delivery values,Local production"
)
DELIVERY_ROWS = [
    "59633,Russia,Turkiye,S-400 Triumf,SAM system,Air defence systems,2017,No,2,Yes,2019,No,New,65,65,130,Yes",  # 14
    "51754,United Kingdom,Afghanistan,Mi-17 -,transport helicopter,Aircraft,2009,No,2,No,2010,No,Second hand,7.25,"
    "2.9,5.8,No",  # 15
    "51754,United Kingdom,Afghanistan,Mi-17 -,transport helicopter,Aircraft,2009,No,3,No,2012,Yes,Second hand,7.25,"
    "2.9,8.7,No",  # 16
    "70001,Russia,Libya HoR*,Pantsyr-S1,SAM system,Air defence systems,2019,Yes,2,Yes,2020,Yes,New,10,10,20,No",  # 17
]


def test_delivery_layout_groups_rows_by_id(tmp_path: Path) -> None:
    notes = [*NOTES[:4], "", "", "", "", "", "", "Data generated: 3 Jan 2025 9:16:02 PM"]  # 11 notes lines
    path = write(tmp_path / "by-delivery.csv", notes + [DELIVERY_HEADER] + DELIVERY_ROWS, encoding="utf-8")
    assert release_of(path).id() == "sipri-by-delivery-2025-01-03"
    rows = list(read_sipri(path))
    assert [(r.line, r.deal is not None) for r in rows] == [(13, True), (14, True), (16, False)]
    mi17 = rows[1].deal
    assert mi17.record_id == "51754" and mi17.weapon == Ref.weapon("Mi-17")
    assert (mi17.number_delivered, mi17.delivery_years, mi17.tiv_delivered) == (5, (2010, 2012), 14.5)
    assert mi17.tiv_per_unit == 2.9 and mi17.number_ordered is None
    assert mi17.uncertain == ("delivery_years",)
    assert rows[0].entities[2].category == "Air defence systems"
    assert rows[2].problem == "recipient: non-state party 'Libya HoR*'"


def test_wrong_layout_is_one_clear_error(tmp_path: Path) -> None:
    path = write(tmp_path / "other.csv", ["name,age", "Ann,3"])
    with pytest.raises(SipriError, match=r"other\.csv: not a SIPRI export"):
        list(read_sipri(path))
    bad = write(tmp_path / "cols.csv", NOTES + ["Recipient,Supplier,Year of order,Weapon"])
    with pytest.raises(SipriError, match=r"cols\.csv, line 6: unexpected columns"):
        list(read_sipri(bad))


def test_file_cut_mid_row(tmp_path: Path) -> None:
    path = write(tmp_path / "cut.csv", NOTES + [REGISTER_HEADER] + REGISTER_ROWS[:1] + ["Greece,France,2021,,6"],
                 end="")
    with pytest.raises(SipriError, match=r"cut\.csv, line 8: the file ends in the middle of a row"):
        list(read_sipri(path))


def test_import_one_graph_per_release(register: Path) -> None:
    store = open_store(":memory:", write=True)
    report = import_sipri(store, register)
    graph = sipri_graph("sipri-trade-register-2025-03-13")
    assert report.graph == graph and store.graph_names() == [graph]
    assert report.deals == 4 and [line for line, _ in report.skipped] == [8, 9, 14, 15]
    assert report.triples == store.count()
    rows = store.query(
        "PREFIX akg: <https://w3id.org/armskg/ontology#> "
        "SELECT ?d ?n WHERE { ?d akg:recipient ?r ; akg:numberOrdered ?n ; akg:status akg:Delivered }",
        {"r": entity_iri(Ref.country("TUR"))},
    )
    assert rows.values("n") == [2]
    # same supplier, recipient and weapon in two orders stay two deals
    g, data, _ = build_ntriples(register)
    assert data.count(b"<https://w3id.org/armskg/ontology#sipriId>") == 0  # the register gives no ids
    source = store.query("PREFIX dcterms: <http://purl.org/dc/terms/> SELECT ?s ?d WHERE { ?a dcterms:source ?s ; "
                         "dcterms:date ?d }")
    assert source.values("s") == ["trade-register.csv"] and str(source.values("d")[0]) == "2025-03-13"
    again = import_sipri(store, register)  # re-import replaces the release graph
    assert again.triples == store.count()


def test_two_orders_of_the_same_weapon_stay_two_deals(tmp_path: Path) -> None:
    rows = [REGISTER_ROWS[5], REGISTER_ROWS[5].replace("2021,,6", "2023,,4").replace("2021; 2022; 2023", "2024")]
    path = write(tmp_path / "twice.csv", NOTES + [REGISTER_HEADER] + rows)
    store = open_store(":memory:", write=True)
    import_sipri(store, path)
    years = store.query("PREFIX akg: <https://w3id.org/armskg/ontology#> SELECT ?d ?y WHERE { ?d akg:year ?y } "
                        "ORDER BY ?y").values("y")
    assert [int(str(y)) for y in years] == [2021, 2023]


def test_cli_import(register: Path, store_dir: Path, runner) -> None:
    result = runner.invoke(cli, ["--store", str(store_dir), "import", "sipri", str(register)])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(
        "4 deals imported from sipri-trade-register-2025-03-13, "
    )
    assert "4 rows skipped (lines 8, 9, 14, 15)" in result.stderr
    assert "  line 8: recipient: non-state party 'Hezbollah (Lebanon)*'" in result.stderr
    quiet = runner.invoke(cli, ["--store", str(store_dir), "import", "sipri", "--quiet", str(register)])
    assert quiet.exit_code == 0 and quiet.output == ""
    with open_store(store_dir) as store:
        assert len(store.query("SELECT ?d WHERE { ?d a <https://w3id.org/armskg/ontology#ArmsDeal> }")) == 4


def test_import_optimizes_the_store_a_reader_cannot(register: Path, store_dir: Path) -> None:
    with open_store(store_dir, write=True) as store:
        triples = import_sipri(store, register).triples
    with open_store(store_dir) as reader:
        with pytest.raises(StoreError, match="read-only"):
            reader.optimize()
        assert reader.count() == triples


def test_cli_import_errors(tmp_path: Path, store_dir: Path, runner) -> None:
    other = write(tmp_path / "other.csv", ["name,age", "Ann,3"])
    result = runner.invoke(cli, ["--store", str(store_dir), "import", "sipri", str(other)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {other}: not a SIPRI export")
    missing = runner.invoke(cli, ["--store", str(store_dir), "import", "sipri", str(tmp_path / "nope.csv")])
    assert missing.exit_code == 1 and "nope.csv: no such file" in missing.stderr


needs_sipri = pytest.mark.skipif(not (SIPRI / "trade-register-2025-03-13.csv").is_file(),
                                 reason="../shared/data/sipri is not beside the checkout")


@needs_sipri
def test_real_trade_register_every_row_accounted_for() -> None:
    rows = list(read_sipri(SIPRI / "trade-register-2025-03-13.csv"))
    # 29,519 data lines, 4 of them continuations of a row broken by a line break in its comment
    assert len(rows) == 29_515
    skipped = [r for r in rows if r.deal is None]
    assert all(("unknown party" in r.problem) or ("non-state party" in r.problem) for r in skipped)
    s400 = [r for r in rows if r.deal and r.deal.recipient.key == "TUR" and r.deal.weapon.key.startswith("S-400")]
    assert len(s400) == 1 and s400[0].line == 26101
    assert s400[0].deal.supplier == Ref.country("RUS") and s400[0].deal.year == 2017
    soviet = [r.deal for r in rows if r.deal and r.deal.supplier.key == "SUN"]
    assert len(soviet) > 1000


@needs_sipri
def test_real_delivery_export() -> None:
    rows = list(read_sipri(SIPRI / "trade-2000-2030-by-delivery-2025-01-03.csv"))
    deals = [r.deal for r in rows if r.deal]
    assert len(rows) == 10_396 and len({d.record_id for d in deals}) == len(deals)
    (s400,) = [d for d in deals if d.record_id == "59633"]
    assert s400.core[:2] == ("RUS", "TUR") and s400.number_delivered == 2


def test_selected_but_not_ordered_is_proposed(tmp_path: Path) -> None:
    path = write(tmp_path / "register.csv", NOTES + [REGISTER_HEADER, REGISTER_ROWS[0], SELECTED_ROW])
    statuses = {r.deal.weapon.key: r.deal.status for r in read_sipri(path) if r.deal}
    assert statuses == {"S-400": "delivered", "SM-6": "proposed"}
