"""SIPRI volumes, the tiv-* queries and ``kg chart``, checked by content on a small extract written for the tests.

``tests/data/sipri/by-delivery-small.csv`` holds made-up rows in the layout of SIPRI's delivery-year export
(not SIPRI data). Every expected figure below is summed by hand from its rows:

=====  ==============  =========  ===========  ===================  ==============================
id     supplier        recipient  category     deliveries (year: TIV)
=====  ==============  =========  ===========  ===================  ==============================
1001   Russia          India      Aircraft     2016: 100, 2017: 100, 2021: 50
1002   France          India      Aircraft     2020: 300, 2022: 180
1003   United States   India      Aircraft     2019: 40
1004   Russia          Turkiye    Air defence  2019: 400
1005   United States   Greece     Missiles     2020: 20, 2021: 10
1006   France          Egypt      Ships        2016: 250, 2017: 250
1007   China           Pakistan   Ships        2023: 120
1008   Russia          Egypt      Aircraft     2022: 60
1009   Germany         Egypt      Ships        2020: 35
1010   Iran            Hezbollah* Artillery    2020: 10   (non-state recipient: skipped, never counted)
1011   France          Greece     Sensors      2021: 0
=====  ==============  =========  ===========  ===================  ==============================
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import URIRef

from kg import charts
from kg.cli import cli
from kg.queries import run_query
from kg.sipri import import_sipri
from kg.store import open_store
from tests import graphdata as gd

EXTRACT = Path(__file__).parent / "data" / "sipri" / "by-delivery-small.csv"
AKG = "https://w3id.org/armskg/ontology#"

# 2019-2022, by supplier: Russia 50 + 400 + 60; France 300 + 180 + 0; United States 40 + 20 + 10; Germany 35
EXPORTERS_2019_2022 = {"RUS": 50 + 400 + 60, "FRA": 300 + 180 + 0, "USA": 40 + 20 + 10, "DEU": 35}
TOTAL_2019_2022 = sum(EXPORTERS_2019_2022.values())  # 1095
# all years, by recipient
IMPORTERS_ALL = {"IND": 100 + 100 + 50 + 300 + 180 + 40, "EGY": 250 + 250 + 60 + 35, "TUR": 400, "PAK": 120,
                 "GRC": 20 + 10 + 0}


def fill(store):
    import_sipri(store, EXTRACT)
    return gd.fill(store)


@pytest.fixture(scope="module")
def store():
    return fill(open_store(":memory:", write=True))


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("charts") / "store"
    with open_store(str(path), write=True) as s:
        fill(s)
    return path


def by_key(results, side: str) -> dict[str, tuple[float, float]]:
    return {str(r[side]).rsplit("/", 1)[-1]: (float(r["tiv"]), float(r["share"])) for r in results}


def test_yearly_deliveries_are_mapped_with_their_tiv(store):
    rows = store.query(f"""SELECT ?id ?y ?units ?tiv WHERE {{
        ?deal <{AKG}sipriId> ?id ; <{AKG}delivery> ?d . ?d <{AKG}deliveredIn> ?y ; <{AKG}units> ?units ; <{AKG}tiv> ?tiv
    }}""")
    got = {(str(r["id"]), int(str(r["y"]))): (int(r["units"]), float(r["tiv"])) for r in rows}
    assert len(got) == 15  # 16 rows of deliveries, one of them for a non-state recipient
    assert got[("1001", 2021)] == (2, 50.0)
    assert got[("1009", 2020)] == (1, 35.0)
    assert got[("1011", 2021)] == (2, 0.0)
    assert not any(key[0] == "1010" for key in got)
    # the record keeps its delivered TIV (the sum of its years) as before
    total = store.query(f"SELECT ?t WHERE {{ ?d <{AKG}sipriId> '1001' ; <{AKG}tivDelivered> ?t }}")
    assert [float(r["t"]) for r in total] == [250.0]


def test_deliveries_conform_to_the_shapes(store):
    from kg.validate import validate

    report = validate(store)
    assert report.conforms, report.text


def test_exporters_query_sums_and_shares(store):
    got = by_key(run_query(store, "tiv-exporters", {"since": "2019", "until": "2022"}), "supplier")
    assert {k: v[0] for k, v in got.items()} == EXPORTERS_2019_2022
    for key, tiv in EXPORTERS_2019_2022.items():
        assert got[key][1] == pytest.approx(tiv / TOTAL_2019_2022)
    assert list(got) == ["RUS", "FRA", "USA", "DEU"]  # largest first


def test_importers_query_all_years(store):
    got = by_key(run_query(store, "tiv-importers", {}), "recipient")
    assert {k: v[0] for k, v in got.items()} == IMPORTERS_ALL
    assert sum(v[1] for v in got.values()) == pytest.approx(1.0)


def test_suppliers_query_by_period(store):
    rows = run_query(store, "tiv-suppliers", {"recipient": "India", "period": "5"})
    got = [(int(r["periodStart"]), int(r["periodEnd"]), str(r["supplierName"]), float(r["tiv"]), float(r["share"]))
           for r in rows]
    assert got == [
        (2015, 2019, "Russia", 200.0, pytest.approx(200 / 240)),
        (2015, 2019, "United States", 40.0, pytest.approx(40 / 240)),
        (2020, 2024, "France", 480.0, pytest.approx(480 / 530)),
        (2020, 2024, "Russia", 50.0, pytest.approx(50 / 530)),
    ]


def test_a_value_is_bound_in_both_sums(store):
    # the share's denominator covers the same years as the numerator (the subqueries are bound too)
    rows = run_query(store, "tiv-clients", {"supplier": "FRA", "since": "2021", "period": "10"})
    assert [(int(r["periodStart"]), str(r["recipientName"]), float(r["tiv"]), float(r["total"])) for r in rows] == [
        (2020, "India", 180.0, 180.0), (2020, "Greece", 0.0, 180.0)]


def test_categories_query(store):
    rows = run_query(store, "tiv-categories", {"since": "2019", "until": "2022"})
    assert {str(r["category"]): float(r["tiv"]) for r in rows} == {
        "Aircraft": 50 + 300 + 180 + 40 + 60, "Air defence systems": 400, "Ships": 35, "Missiles": 20 + 10,
        "Sensors": 0}
    only_egypt = run_query(store, "tiv-categories", {"recipient": "EGY"})
    assert {str(r["category"]): float(r["tiv"]) for r in only_egypt} == {"Ships": 250 + 250 + 35, "Aircraft": 60}


def test_number_parameter_is_checked(store):
    with pytest.raises(ValueError, match="whole number"):
        run_query(store, "tiv-suppliers", {"recipient": "IND", "period": "0"})


# ------------------------------------------------------------------ chart data

def test_exporters_chart_data_top_and_rest(store):
    data = charts.chart_data(store, "exporters", since=2019, until=2022, top=2)
    assert data.rows == [
        ("Russia", "RUS", 510.0, pytest.approx(510 / 1095)),
        ("France", "FRA", 480.0, pytest.approx(480 / 1095)),
        ("rest (2)", "", 70.0 + 35.0, pytest.approx(105 / 1095)),
    ]
    assert data.source == "Source: SIPRI Arms Transfers Database"
    assert "2019-2022" in data.title


def test_suppliers_chart_by_year_and_others(store):
    data = charts.chart_data(store, "suppliers", of="IND", period=1, top=1)
    # France delivered most to India over all years (480), so it alone is named
    assert data.rows == [
        ("2016", "others", "", 100.0, 1.0), ("2017", "others", "", 100.0, 1.0),
        ("2019", "others", "", 40.0, 1.0),
        ("2020", "France", "FRA", 300.0, 1.0),
        ("2021", "others", "", 50.0, 1.0),
        ("2022", "France", "FRA", 180.0, 1.0),
    ]
    assert data.meta["partners"] == ["France"]


def test_deals_chart_reads_articles_not_sipri(store):
    data = charts.chart_data(store, "deals", of="Turkey")
    got = [(r[0], r[1], r[2], r[3], r[4], r[5]) for r in data.rows]
    assert got == [
        (2017, "deal", "agreed", "Russia", "Turkey", "S-400"),
        (2019, "deal", "delivered", "Russia", "Turkey", "S-400"),
        (2019, "deal", "cancelled", "United States", "Turkey", "F-35"),
        (2021, "agreement", "proposed", "Russia", "Turkey", "S-400"),
        (2021, "sanction", "", "United States", "Turkey", "F-35"),  # no year: the article's date (2021-09-14)
    ]
    assert data.source == "Source: 2 articles"
    assert gd.SENTENCE_2017 in data.rows[0][6]
    assert charts.chart_data(store, "deals", of="TUR", since=2020).rows[0][0] == 2021


def test_figures_and_files(store, tmp_path):
    data = charts.chart_data(store, "deals", of="TUR")
    fig = charts.plot(data)
    assert fig.chart_data is data and fig.axes[0].get_title(loc="left").startswith("Deals")
    png = charts.save(fig, tmp_path / "d.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = charts.save(fig, tmp_path / "d.svg").read_text(encoding="utf-8")
    assert svg.count("<title>") >= 5 and "Ankara signed for the S-400 in 2017." in svg  # evidence tooltips
    page = charts.save(fig, tmp_path / "d.html").read_text(encoding="utf-8")
    assert "<svg" in page and "<table>" in page and "Source: 2 articles" in page
    assert "src=" not in page and "<link" not in page and "<script" not in page  # opens offline


def test_hostile_text_stays_text_in_the_html_chart(tmp_path):
    s = gd.fill(open_store(":memory:", write=True), evil=True)
    fig = charts.chart(s, "deals")
    page = charts.save(fig, tmp_path / "h.html").read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in page and "<img src=" not in page


# ------------------------------------------------------------------ CLI

def test_cli_chart_data_json(store_path, tmp_path, runner):
    out, data = tmp_path / "x.svg", tmp_path / "x.json"
    result = runner.invoke(cli, ["--store", str(store_path), "chart", "exporters", "--since", "2019", "--until",
                                 "2022", "--top", "3", "-o", str(out), "--data", str(data)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    doc = json.loads(data.read_text(encoding="utf-8"))
    assert doc["unit"].startswith("share") and doc["parameters"]["total_tiv"] == 1095
    assert [(r["key"], r["tiv"]) for r in doc["rows"]] == [("RUS", 510), ("FRA", 480), ("USA", 70), ("", 35)]


def test_cli_chart_data_csv(store_path, tmp_path, runner):
    data = tmp_path / "s.csv"
    result = runner.invoke(cli, ["--store", str(store_path), "chart", "suppliers", "--of", "IND", "--by", "period",
                                 "--period", "5", "-o", str(tmp_path / "s.png"), "--data", str(data)])
    assert result.exit_code == 0, result.output
    rows = [line.split(",") for line in data.read_text(encoding="utf-8").splitlines()]
    assert rows[0] == ["period", "supplier", "key", "tiv", "share"]
    assert [(p, k, float(t), pytest.approx(float(s))) for p, _, k, t, s in rows[1:]] == [
        ("2015-2019", "RUS", 200.0, 200 / 240), ("2015-2019", "USA", 40.0, 40 / 240),
        ("2020-2024", "FRA", 480.0, 480 / 530), ("2020-2024", "RUS", 50.0, 50 / 530)]


def test_cli_categories_html(store_path, tmp_path, runner):
    out = tmp_path / "c.html"
    result = runner.invoke(cli, ["--store", str(store_path), "chart", "categories", "--supplier", "RUS",
                                 "-o", str(out), "--data", "-"])
    assert result.exit_code == 0, result.output
    rows = [line.split(",") for line in result.stdout.splitlines()]
    # Russia, all years: Delta-4 400; Alpha-1 100 + 100 + 50 and Hotel-8 60
    assert [(c, float(t), pytest.approx(float(s))) for c, t, s in rows[1:]] == [
        ("Air defence systems", 400.0, 400 / 710), ("Aircraft", 310.0, 310 / 710)]
    assert "<svg" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("args, message", [
    (["suppliers"], "needs a recipient"),
    (["exporters", "--since", "2022", "--until", "2019"], "is after"),
    (["exporters", "--data", "x.txt"], ".csv or .json"),
    (["exporters", "-o", "x.gif"], ".png, .svg or .html"),
    (["clients", "--of", "Atlantis"], "Atlantis"),
])
def test_cli_chart_bad_input(store_path, tmp_path, runner, args, message):
    result = runner.invoke(cli, ["--store", str(store_path), "chart", *args])
    assert result.exit_code != 0
    assert message in result.output and "Traceback" not in result.output


def test_delivery_iri_is_per_record(store):
    # two records with the same year never share a delivery node
    rows = store.query(f"SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?deal <{AKG}delivery> ?d }}")
    assert int(rows.rows[0]["n"]) == 15
    assert all(isinstance(r["d"], URIRef) for r in store.query(f"SELECT ?d WHERE {{ [] <{AKG}delivery> ?d }}"))


def test_dollar_signs_in_names_do_not_break_a_chart(tmp_path):
    data = charts.ChartData("categories", "Costs in US$ and $x^2$", charts.TIV_UNIT, charts.SIPRI_SOURCE,
                            ["category", "tiv", "share"], [("a $ b", 1.0, 0.5), ("$\\frac{", 1.0, 0.5)])
    path = charts.save(charts.plot(data), tmp_path / "d.png")
    assert path.stat().st_size > 1000


def test_the_shapes_catch_a_delivery_without_its_year():
    from rdflib import RDF, Graph

    from kg.mapping import ID, decimal_literal
    from kg.validate import validate_graph
    from kg.vocab import AKG as V

    g = Graph()
    g.add((ID["deal/x"], V.delivery, ID["delivery/y"]))
    g.add((ID["delivery/y"], RDF.type, V.Delivery))
    g.add((ID["delivery/y"], V.tiv, decimal_literal(5)))
    report = validate_graph(g)
    assert not report.conforms
    assert "a delivery has exactly one year" in report.text
    assert "a delivery belongs to exactly one arms deal" in report.text  # ID["deal/x"] is no akg:ArmsDeal
