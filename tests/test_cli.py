"""The walking skeleton through the CLI: ingest, query, export, stats, validate, eval, demo, errors."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.cli import cli
from kg.store import open_store
from tests.conftest import DEV, SAMPLE, needs_shared


def ingest(runner, store: Path, *paths) -> None:
    result = runner.invoke(cli, ["--store", str(store), "ingest", *map(str, paths)])
    assert result.exit_code == 0, result.output


def test_ingest_reads_the_date_line_and_stores_one_graph(runner, store_dir):
    ingest(runner, store_dir, SAMPLE)
    with open_store(store_dir) as store:
        assert store.graph_names() == ["https://w3id.org/armskg/id/article/seed-s400-turquie"]
        dates = store.query("SELECT ?d WHERE { ?a <http://purl.org/dc/terms/date> ?d }").values("d")
    assert [str(d) for d in dates] == ["2021-09"]


def test_ingesting_again_replaces_the_graph(runner, store_dir):
    ingest(runner, store_dir, SAMPLE)
    with open_store(store_dir) as store:
        first = store.count()
    result = runner.invoke(cli, ["--store", str(store_dir), "ingest", "--force", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    with open_store(store_dir) as store:
        assert store.count() == first
        assert len(store.graph_names()) == 1


def test_store_persists_and_kg_store_variable_chooses_it(runner, store_dir, monkeypatch):
    monkeypatch.setenv("KG_STORE", str(store_dir))
    result = runner.invoke(cli, ["ingest", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["query", "--format", "csv", "SELECT (COUNT(*) AS ?n) WHERE { ?d a "
                                 "<https://w3id.org/armskg/ontology#ArmsDeal> }"])
    assert result.exit_code == 0, result.output
    assert result.output.split() == ["n", "2"]


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_query_formats(runner, store_dir, fmt):
    ingest(runner, store_dir, SAMPLE)
    q = ("PREFIX akg: <https://w3id.org/armskg/ontology#> SELECT ?w WHERE { ?d akg:weapon ?w ; "
         "akg:status akg:Agreed }")
    result = runner.invoke(cli, ["--store", str(store_dir), "query", "--format", fmt, q])
    assert result.exit_code == 0, result.output
    assert "https://w3id.org/armskg/id/weapon/s-400" in result.output
    if fmt == "json":
        doc = json.loads(result.output)
        assert doc["head"]["vars"] == ["w"]
        assert doc["results"]["bindings"] == [
            {"w": {"type": "uri", "value": "https://w3id.org/armskg/id/weapon/s-400"}}]


def test_query_from_file_and_stdin(runner, store_dir, tmp_path):
    ingest(runner, store_dir, SAMPLE)
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/armskg/ontology#Article> }"
    qfile = tmp_path / "q.rq"
    qfile.write_text(q, encoding="utf-8")
    by_file = runner.invoke(cli, ["--store", str(store_dir), "query", "-f", str(qfile), "--format", "csv"])
    by_stdin = runner.invoke(cli, ["--store", str(store_dir), "query", "-", "--format", "csv"], input=q)
    assert by_file.output.split() == by_stdin.output.split() == ["n", "1"]


def test_the_three_example_questions(runner, store_dir):
    ingest(runner, store_dir, SAMPLE)
    rows = {}
    for name in ("deals", "sanctions", "leaders"):
        result = runner.invoke(cli, ["--store", str(store_dir), "query", name, "--format", "json"])
        assert result.exit_code == 0, result.output
        rows[name] = [{k: v["value"] for k, v in b.items()} for b in json.loads(result.output)["results"]["bindings"]]
    deals = {(r["supplierName"], r["recipientName"], r["weaponName"], r["statusName"], r.get("year"))
             for r in rows["deals"]}
    assert deals == {("Russia", "Turkey", "S-400", "agreed", "2017"),
                     ("United States", "Turkey", "Patriot", "refused", None)}
    assert [(r["byName"], r["targetName"], r["weaponName"]) for r in rows["sanctions"]] == [
        ("United States", "Turkey", "F-35")]
    leaders = {(r["personName"], r["relation"], r["ofName"]) for r in rows["leaders"]}
    assert ("Recep Tayyip Erdogan", "leader", "Turkey") in leaders
    assert ("Donald Trump", "former leader", "United States") in leaders
    assert ("Dmitry Peskov", "official", "Russia") in leaders


def test_turtle_export_round_trips_and_parses_with_a_second_parser(runner, store_dir, tmp_path):
    ingest(runner, store_dir, SAMPLE)
    ttl, trig = tmp_path / "g.ttl", tmp_path / "g.trig"
    for path, fmt in ((ttl, "turtle"), (trig, "trig")):
        result = runner.invoke(cli, ["--store", str(store_dir), "export", "--format", fmt, "--output", str(path)])
        assert result.exit_code == 0, result.output
    g1 = Graph().parse(ttl, format="turtle")
    g2 = Graph().parse(data=g1.serialize(format="turtle"), format="turtle")
    assert len(g1) > 100 and isomorphic(g1, g2)
    # pyoxigraph is an independent parser (Rust): both files must parse and agree on the triple count
    ox_triples = list(ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE))
    ox_quads = list(ox.parse(path=str(trig), format=ox.RdfFormat.TRIG))
    assert len(ox_triples) == len(g1)
    assert {q.graph_name.value for q in ox_quads} == {"https://w3id.org/armskg/id/article/seed-s400-turquie"}


@pytest.mark.parametrize("fmt,suffix", [("nquads", ".nq"), ("ntriples", ".nt"), ("jsonld", ".jsonld"),
                                        ("rdfxml", ".rdf")])
def test_other_rdf_formats(runner, store_dir, tmp_path, fmt, suffix):
    ingest(runner, store_dir, SAMPLE)
    out = tmp_path / f"g{suffix}"
    result = runner.invoke(cli, ["--store", str(store_dir), "export", "--format", fmt, "--output", str(out)])
    assert result.exit_code == 0, result.output
    rdflib_format = {"nquads": "nquads", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}[fmt]
    if fmt in ("nquads", "jsonld"):
        from rdflib import Dataset

        assert len(Dataset().parse(out, format=rdflib_format)) > 100
    else:
        assert len(Graph().parse(out, format=rdflib_format)) > 100


def test_default_export_path(runner, store_dir, tmp_path, monkeypatch):
    ingest(runner, store_dir, SAMPLE)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["--store", str(store_dir), "export"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "exports" / "graph.ttl").is_file()


def test_stats_counts_classes_and_graphs(runner, store_dir):
    ingest(runner, store_dir, SAMPLE)
    result = runner.invoke(cli, ["--store", str(store_dir), "stats", "--json"])
    data = json.loads(result.output)
    assert data["classes"]["ArmsDeal"] == 2
    assert data["classes"]["Sanction"] == 1
    assert data["classes"]["Article"] == 1
    assert list(data["graphs"]) == ["https://w3id.org/armskg/id/article/seed-s400-turquie"]


def test_validate_passes_on_the_demo_graph_and_fails_on_a_broken_one(runner, store_dir):
    ingest(runner, store_dir, SAMPLE)
    assert runner.invoke(cli, ["--store", str(store_dir), "validate"]).exit_code == 0
    broken = ("PREFIX akg: <https://w3id.org/armskg/ontology#> INSERT DATA { GRAPH <urn:x:broken> { "
              "<urn:x:d> a akg:ArmsDeal ; akg:status akg:Agreed } }")
    assert runner.invoke(cli, ["--store", str(store_dir), "query", "--update", broken]).exit_code == 0
    result = runner.invoke(cli, ["--store", str(store_dir), "validate", "--quiet"])
    assert result.exit_code == 1
    assert "violation" in result.output


def test_eval_on_the_sample_scores_one(runner):
    gold = DEV / "seed-s400-turquie.json"
    if not gold.is_file():
        pytest.skip("../shared is not beside the checkout")
    result = runner.invoke(cli, ["eval", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["facts"]["f1"] == 1.0
    assert data["entities"]["f1"] == 1.0
    assert data["status_accuracy"] == 1.0 and data["year_accuracy"] == 1.0


# The annotated articles each regression bar guards, by name: the dev folder grows as news is
# annotated, so a bar over the whole folder would move with it. The first nine are the ones the rules
# were first written on; the second group was scored first (0.58 facts F1 before any rule for them),
# then used to write the general rules of issue 11; the third was set aside and never read while
# writing them (the honest estimate). The whole folder's score is in the README.
FIRST_NINE = ["seed-s400-turquie", "en-01-turkey-f35-removal", "en-05-poland-k2-tanks", "en-09-egypt-rafale-mistral",
              "en-13-russia-iran-s300", "fr-01-croatie-rafale", "fr-04-chine-sanctions-su35-s400",
              "fr-07-pologne-caracal-rupture", "fr-10-iran-s300-russie"]
TUNED_ON = ["en-301-us-stops-spain-venezuela-planes", "en-302-oman-typhoon-hawk-bae", "en-306-egypt-k9-south-korea",
            "en-308-mali-russian-aircraft-turkish-drones", "en-309-france-caesar-armenia-csto",
            "en-311-saudi-pakistan-jf17-talks", "en-312-ge-hal-f414-coproduction",
            "en-513-turkey-cancels-china-missile-deal", "en-514-serbia-signs-rafale-contract",
            "en-515-swiss-voters-reject-gripen", "en-517-nigeria-jf17-pakistan", "en-518-venezuela-receives-sukhoi",
            "en-519-iraq-cheongung-korea", "en-522-malaysia-fa50-korea", "en-524-uk-suspends-arms-licences-israel",
            "fr-301-venezuela-espagne-avions-veto-usa", "fr-303-iran-ocs-sanctions-onu",
            "fr-305-mali-super-tucano-embraer", "fr-306-perou-fa50-coree-du-sud", "fr-308-niger-turquie-tb2-hurkus",
            "fr-310-argentine-f16-danemark", "fr-311-gcap-traite-royaume-uni-japon-italie",
            "fr-501-serbie-rafale-dassault", "fr-502-arabie-liban-armes-francaises-redirigees",
            "fr-504-equateur-helicopteres-airbus-dhruv", "fr-506-thailande-gripen-saab-f16",
            "fr-508-chine-sanctions-ventes-armes-taiwan", "fr-509-irak-russie-livraisons-mi35-su25",
            "fr-510-armenie-inde-pinaka-munitions", "fr-512-venezuela-russie-su30-helicopteres"]


HELD_OUT = ["en-304-us-blocks-israel-cobra-nigeria", "en-307-finland-joins-nato", "en-516-montenegro-joins-nato",
            "en-520-ukraine-sweden-gripen-loi", "en-521-pakistan-milgem-corvette-launch",
            "en-523-india-spain-c295-vadodara", "fr-302-albanie-croatie-adhesion-otan",
            "fr-307-maroc-israel-accord-defense", "fr-503-macedoine-du-nord-adhesion-otan",
            "fr-505-nigeria-super-tucano-livraison", "fr-507-australie-fregates-mogami-japon",
            "fr-511-argentine-super-etendard-france"]


@needs_shared()
@pytest.mark.parametrize("names,facts_f1,entities_f1", [
    (FIRST_NINE, 0.95, 0.95),  # 0.994 / 0.994
    (TUNED_ON, 0.79, 0.91),  # 0.824 / 0.937 (0.499 / 0.870 before the rules of issue 11)
    (HELD_OUT, 0.80, 0.91),  # 0.830 / 0.944; never read while writing rules (0.766 / 0.927 before)
])
def test_eval_on_named_dev_articles_meets_their_bar(names, facts_f1, entities_f1):
    from kg.evaluate import evaluate

    data = evaluate([DEV / f"{name}.json" for name in names]).as_dict()
    assert data["articles"] == len(names)
    assert data["facts"]["f1"] >= facts_f1
    assert data["entities"]["f1"] >= entities_f1


# Articles written for these tests (tests/data/heldoutN), named by batch so that a batch added later does not
# move the bar of the ones guarded here: 1-24 were written and tuned on in sessions 3-6 (104 articles), 25-30
# in session 7 (36, each batch scored before its rules), 31-32 in session 7 too but kept unread until the end;
# 33-40 in session 8 (48, scored before their rules), 41-46 in session 8 kept unread until scored once (then read),
# 47-50 written last in session 8 and scored once before the last few rules (their errors read in session 9);
# 51-56 in session 10, scored before its rules: 51, 53, 55 read for them, 52, 54, 56 kept unread.
# 57-62 in session 11, the same way: 57, 59, 61 read, 58, 60, 62 kept unread; 63-68 in session 12, all kept unread;
# 69-74 in session 13 and 75-80 in session 14, each scored before any change of that session (69-74 kept unread
# until session 14, which read them; 75-80 kept unread).
WRITTEN = {
    "sessions 3-6": (["heldout", *(f"heldout{n}" for n in range(2, 25))], 104, 0.84, 0.95),  # 0.866 / 0.971
    "session 7": ([f"heldout{n}" for n in range(25, 31)], 36, 0.77, 0.94),  # 0.803 / 0.959
    "session 7, unread": (["heldout31", "heldout32"], 12, 0.70, 0.92),  # 0.727 / 0.958 (0.685 when first read)
    "session 8": ([f"heldout{n}" for n in range(33, 41)], 48, 0.84, 0.95),  # 0.866 / 0.968 (first run 0.777)
    "session 8, unread": ([f"heldout{n}" for n in range(41, 47)], 36, 0.77, 0.94),  # 0.795 / 0.964 (0.788 unread)
    "session 8, last": ([f"heldout{n}" for n in range(47, 51)], 24, 0.84, 0.95),  # 0.875 / 0.972 (0.847 unread)
    "session 10, read": (["heldout51", "heldout53", "heldout55"], 18, 0.85, 0.95),  # 0.879 / 0.974 (first 0.800)
    "session 10, unread": (["heldout52", "heldout54", "heldout56"], 18, 0.77, 0.93),  # 0.797 / 0.956 (unread)
    "session 11, read": (["heldout57", "heldout59", "heldout61"], 18, 0.76, 0.92),  # 0.788 / 0.945 (first 0.747)
    "session 11, unread": (["heldout58", "heldout60", "heldout62"], 18, 0.76, 0.93),  # 0.784 / 0.961 (unread)
    "session 12, read": (["heldout63", "heldout65", "heldout67"], 18, 0.75, 0.94),  # 0.781 / 0.962 (first 0.776)
    "session 12, unread": (["heldout64", "heldout66", "heldout68"], 18, 0.72, 0.92),  # 0.747 / 0.941 (unread)
    "session 13": ([f"heldout{n}" for n in range(69, 75)], 36, 0.75, 0.93),  # 0.795 / 0.951 (first 0.749; read in 14)
    "session 14, unread": ([f"heldout{n}" for n in range(75, 81)], 36, 0.72, 0.92),  # 0.759 / 0.948 (first 0.756)
}


@pytest.mark.parametrize("batch", sorted(WRITTEN))
def test_eval_on_articles_written_for_the_tests(batch):
    """A guard against rules fitted to the dev set only."""
    from kg.evaluate import evaluate

    folders, count, facts_f1, entities_f1 = WRITTEN[batch]
    data = evaluate([Path(__file__).parent / "data" / name for name in folders]).as_dict()
    assert data["articles"] == count
    assert data["facts"]["f1"] >= facts_f1
    assert data["entities"]["f1"] >= entities_f1


def test_eval_lang_and_show_errors(runner):
    data_dir = Path(__file__).parent / "data"
    result = runner.invoke(cli, ["eval", str(data_dir), "--lang", "en", "--show-errors"])
    assert result.exit_code == 0, result.output
    assert "  en: facts F1" in result.output and "  fr: facts F1" not in result.output
    assert "errors by class:" in result.output


@pytest.mark.parametrize("args,message", [
    (["ingest", "no/such/file.txt"], "no/such/file.txt"),
    (["query", "SELEC ?x"], "malformed SPARQL"),
    (["export", "--format", "yaml"], "unknown export format"),
    (["eval", "no/such/gold.json"], "no such gold file"),
])
def test_errors_are_one_line_without_traceback(runner, store_dir, args, message):
    store_dir.mkdir(parents=True, exist_ok=True)  # an empty store (a missing one is its own error)
    result = runner.invoke(cli, ["--store", str(store_dir), *args])
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_malformed_sparql_leaves_the_store_unchanged(runner, store_dir):
    ingest(runner, store_dir, SAMPLE)
    with open_store(store_dir) as store:
        before = store.count()
    result = runner.invoke(cli, ["--store", str(store_dir), "query", "--update", "INSERT DATA { <a> <b> "])
    assert result.exit_code == 1
    with open_store(store_dir) as store:
        assert store.count() == before


def test_installed_kg_runs_in_a_subprocess(kg_bin, tmp_path):
    store = tmp_path / "s"
    done = subprocess.run([kg_bin, "--store", str(store), "ingest", str(SAMPLE)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    done = subprocess.run([kg_bin, "--store", str(store), "query", "--format", "csv",
                           "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/armskg/ontology#Sanction> }"],
                          capture_output=True, text=True)
    assert done.stdout.split() == ["n", "1"]
    missing = subprocess.run([kg_bin, "--store", str(store), "ingest", str(tmp_path / "nope.txt")],
                             capture_output=True, text=True)
    assert missing.returncode == 1
    assert "Traceback" not in missing.stderr and "nope.txt" in missing.stderr


def test_python_m_kg(tmp_path):
    import sys

    done = subprocess.run([sys.executable, "-m", "kg", "--help"], capture_output=True, text=True)
    assert done.returncode == 0 and "ingest" in done.stdout


def test_demo_writes_turtle_and_html(runner, tmp_path):
    from kg.demo import run_demo

    lines: list[str] = []
    paths = run_demo(tmp_path / "exports", echo=lines.append)
    assert paths["turtle"].is_file() and paths["html"].is_file()
    assert len(Graph().parse(paths["turtle"], format="turtle")) > 100
    html = paths["html"].read_text(encoding="utf-8")
    assert "cdn.jsdelivr" not in html and "<script src=\"http" not in html
    text = "\n".join(lines)
    assert "Who sells what to whom?" in text and "S-400" in text and "Patriot" in text


def test_explain_prints_the_evidence_behind_an_entity(runner, store_dir):
    ingest(runner, store_dir, SAMPLE)
    result = runner.invoke(cli, ["--store", str(store_dir), "explain", "erdogan"])
    assert result.exit_code == 0, result.output
    assert "[leaderOf]" in result.output and "le dirigeant turc, Recep Tayyip Erdogan" in result.output
    assert "Fabrication de certains composants" not in result.output
    unknown = runner.invoke(cli, ["--store", str(store_dir), "explain", "Nobody Atall"])
    assert unknown.exit_code == 1 and "no entity called" in unknown.output
