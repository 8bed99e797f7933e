"""What is stored is always valid: dates, encodings, empty folders, repeated SIPRI rows, remote JSON-LD
contexts, a full disk; and the command-line conventions (- for stdin/stdout, plain TSV, --format json,
no store at PATH)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import threading
import uuid
from pathlib import Path

import pytest

from kg.cli import cli
from kg.dates import DateError, parse_date
from kg.facts import Article
from kg.ingest import WriteFailed, ingest_article, ingest_paths
from kg.loaders import LoadWarning, load_items, load_text_file
from kg.store import StoreError, open_store
from kg.validate import validate
from tests.test_sipri import NOTES, REGISTER_HEADER

TEXT = "La Russie a livré des S-400 à la Turquie en 2019.\n"
#: The notes and header line of a SIPRI trade register export (data starts on line 7).
REGISTER_HEADER_LINES = "\n".join([*NOTES, REGISTER_HEADER]) + "\n"
DATES = "SELECT ?a ?d WHERE { ?a <http://purl.org/dc/terms/date> ?d } ORDER BY ?a"


def dates(store_dir: Path) -> dict[str, str]:
    with open_store(store_dir) as store:
        return {str(r["a"]).rsplit("/", 1)[-1]: str(r["d"]) for r in store.query(DATES)}


# ------------------------------------------------------------------- dates

@pytest.mark.parametrize("text, iso", [
    ("2019-07-17", "2019-07-17"), ("17/07/2019", "2019-07-17"), ("17 July 2019", "2019-07-17"),
    ("17 juillet 2019", "2019-07-17"), ("2019/07/17", "2019-07-17"), ("July 17, 2019", "2019-07-17"),
    ("1er août 2019", "2019-08-01"), ("mercredi 17 juillet 2019", "2019-07-17"), ("17.07.2019", "2019-07-17"),
    ("07/17/2019", "2019-07-17"), ("juillet 2019", "2019-07"), ("2019", "2019"), ("2020-02-29", "2020-02-29"),
])
def test_common_dates_are_read(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize("text", ["2019-13-45", "2019-02-29", "31/04/2019", "2019-13", "0000", "32 juillet 2019",
                                  "17/07/19", "tomorrow"])
def test_impossible_dates_are_refused(text):
    with pytest.raises(DateError):
        parse_date(text)


def test_an_impossible_date_line_is_a_warning_and_the_article_is_stored_without_it(runner, store_dir, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("date 2019-13-45\n" + TEXT, encoding="utf-8")
    result = runner.invoke(cli, ["--store", str(store_dir), "ingest", str(bad)])
    assert result.exit_code == 0, result.output
    assert f"Warning: {bad}: date line '2019-13-45' is not a calendar date; the article is stored without a date" \
        in result.output
    assert "Traceback" not in result.output
    assert dates(store_dir) == {}
    with open_store(store_dir) as store:
        assert "2019-13-45" not in "".join(str(v) for v in store.query("SELECT ?o WHERE { ?s ?p ?o }").values("o"))
        assert validate(store).conforms


@pytest.mark.parametrize("line, iso", [
    ("date 17/07/2019", "2019-07-17"), ("date 17 July 2019", "2019-07-17"), ("date 17 juillet 2019", "2019-07-17"),
    ("date 2019/07/17", "2019-07-17"), ("Date: 17 juillet 2019", "2019-07-17"), ("date 2019-07", "2019-07"),
])
def test_common_date_lines_are_parsed_and_never_kept_as_text(tmp_path, line, iso):
    path = tmp_path / "a.txt"
    path.write_text(f"{line}\n{TEXT}", encoding="utf-8")
    article = load_text_file(path)
    assert (article.date, article.text) == (iso, TEXT)


@pytest.mark.parametrize("line", ["date 17/07", "date 31 juin 2019", "date 2019-00-10"])
def test_unreadable_date_lines_are_warned_about_and_never_kept_as_text(tmp_path, line):
    path = tmp_path / "a.txt"
    path.write_text(f"{line}\n{TEXT}", encoding="utf-8")
    items = list(load_items(path))
    assert [type(i).__name__ for i in items] == ["LoadWarning", "Article"]
    assert str(items[0]).startswith(f"{path}: date line ")
    assert (items[1].date, items[1].text) == (None, TEXT)


def test_a_first_line_that_only_starts_with_date_stays_text(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Date limite dépassée pour la Turquie.\n" + TEXT, encoding="utf-8")
    article = load_text_file(path)
    assert article.date is None and article.text.startswith("Date limite")


def test_jsonl_dates_are_checked(tmp_path, store_dir):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in [
        {"id": "good", "text": TEXT, "date": "17/07/2019"},
        {"id": "bad", "text": TEXT, "date": "2019-02-30"},
    ]) + "\n", encoding="utf-8")
    warnings: list[str] = []
    with open_store(store_dir, write=True) as store:
        report = ingest_paths(store, [feed], on_warning=warnings.append)
    assert report.articles == 2 and not report.errors
    assert warnings == [f"{feed}, line 2: date '2019-02-30' is not a calendar date; the article is stored "
                        "without a date"]
    assert dates(store_dir) == {"good": "2019-07-17"}


def test_html_page_dates_are_checked(tmp_path, monkeypatch):
    import types

    import trafilatura

    page = tmp_path / "p.html"
    page.write_text("<html><body><article><p>" + TEXT * 5 + "</p></article></body></html>", encoding="utf-8")
    for date, expected in (("2019-13-45", None), ("2019-07-17T08:30:00+02:00", "2019-07-17")):
        doc = types.SimpleNamespace(text=TEXT, date=date, title="T", url=None)  # the metadata a page may carry
        monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, doc=doc, **k: doc)
        items = list(load_items(page))
        assert items[-1].date == expected
        warnings = [str(i) for i in items if isinstance(i, LoadWarning)]
        assert warnings == ([] if expected else [f"{page}: page date '2019-13-45' is not a calendar date; "
                                                 "the article is stored without a date"])


def test_a_library_article_with_an_impossible_date_is_stored_without_it(store_dir):
    with open_store(store_dir, write=True) as store:
        assert ingest_article(store, Article("x", "inline", TEXT, date="2019-13-45")).status == "ingested"
    assert dates(store_dir) == {}


def test_validate_reports_an_ill_formed_literal(runner, store_dir):
    update = ('INSERT DATA { GRAPH <http://ex/g> { <http://ex/a> <http://purl.org/dc/terms/date> '
              '"2019-13-45"^^<http://www.w3.org/2001/XMLSchema#date> } }')
    assert runner.invoke(cli, ["--store", str(store_dir), "query", "--update", update]).exit_code == 0
    result = runner.invoke(cli, ["--store", str(store_dir), "validate"])
    assert result.exit_code == 1
    assert '<http://ex/a> <http://purl.org/dc/terms/date> "2019-13-45"^^xsd:date: not a valid xsd:date' \
        in result.output
    assert "invalid: 1 violation(s)" in result.output
    assert "Traceback" not in result.output


# ------------------------------------------------------------ other inputs

def test_invalid_utf8_is_a_warning_with_the_byte_and_the_encoding(runner, store_dir, tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("La Russie a livré des S-400 à la Turquie.\n".encode("cp1252"))
    result = runner.invoke(cli, ["--store", str(store_dir), "ingest", str(path)])
    assert result.exit_code == 0
    assert f"Warning: {path}: not valid UTF-8 (byte 16: 0xe9); read as Windows-1252" in result.output
    with open_store(store_dir) as store:
        texts = store.query("SELECT ?t WHERE { ?s <https://w3id.org/armskg/ontology#evidence> ?t }").values("t")
    assert texts and all("livré" in t for t in texts)


def test_an_html_page_in_an_undeclared_legacy_encoding_is_a_warning(tmp_path):
    page = tmp_path / "p.html"
    page.write_bytes(("<html><body><article><p>" + TEXT * 5 + "</p></article></body></html>").encode("cp1252"))
    items = list(load_items(page))
    assert any(isinstance(i, LoadWarning) and "not valid UTF-8" in str(i) and "Windows-1252" in str(i)
               for i in items)
    assert "livré" in items[-1].text


def test_a_folder_with_no_articles_is_an_error(runner, store_dir, tmp_path):
    empty = tmp_path / "empty"
    (empty / "sub").mkdir(parents=True)
    (empty / "notes.json").write_text("{}", encoding="utf-8")
    result = runner.invoke(cli, ["--store", str(store_dir), "ingest", str(empty)])
    assert result.exit_code == 1
    assert f"Error: no articles found in {empty}" in result.output


def test_a_remote_jsonld_context_is_refused_with_a_clear_message_and_no_request(runner, store_dir, tmp_path):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    hits: list[object] = []

    def watch() -> None:
        try:
            hits.append(listener.accept())
        except OSError:
            pass

    watcher = threading.Thread(target=watch)
    watcher.start()
    doc = tmp_path / "remote.jsonld"
    doc.write_text(json.dumps({"@context": f"http://127.0.0.1:{port}/ctx.jsonld", "@id": "http://ex/a",
                               "name": "x"}), encoding="utf-8")
    result = runner.invoke(cli, ["--store", str(store_dir), "import", "rdf", str(doc)])
    watcher.join()
    listener.close()
    assert hits == []
    assert result.exit_code == 1
    assert "remote contexts are not fetched" in result.output
    assert "LoadDocumentCallback" not in result.output


def test_sipri_rows_repeated_verbatim_are_named_and_kept(runner, store_dir, tmp_path):
    row = "Turkiye,Russia,2017,,2,?,S-400 Triumf,SAM system,2,,2019,New,,,,"
    other = "El Salvador,United States,1977,,2,,DC-6,transport aircraft,2,,1977,Second hand,,,,"
    path = tmp_path / "trade-register-2025-03-13.csv"
    path.write_text(REGISTER_HEADER_LINES + "\n".join([row, other, other, row]) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["--store", str(store_dir), "import", "sipri", str(path)])
    assert result.exit_code == 0, result.output
    start = REGISTER_HEADER_LINES.count("\n") + 1
    assert (f"2 rows repeat an earlier row verbatim, kept as separate deals (lines {start + 2} = {start + 1}, "
            f"{start + 3} = {start})") in result.output
    assert "4 deals imported" in result.output


def test_a_sipri_file_named_with_an_impossible_date_is_imported_undated(runner, store_dir, tmp_path):
    notes = "".join(line + "\n" for line in REGISTER_HEADER_LINES.splitlines() if "generated" not in line)
    path = tmp_path / "trade-register-2025-13-45.csv"
    path.write_text(notes + "Turkiye,Russia,2017,,2,?,S-400 Triumf,SAM system,2,,2019,New,,,,\n", encoding="utf-8")
    result = runner.invoke(cli, ["--store", str(store_dir), "import", "sipri", str(path)])
    assert result.exit_code == 0, result.output
    assert "in the file name is not a calendar date" in result.output
    with open_store(store_dir) as store:
        assert validate(store).conforms


# -------------------------------------------------------------- full disk

def test_a_failed_write_says_which_articles_were_stored_and_which_not(store_dir, tmp_path, monkeypatch):
    for i in range(5):
        (tmp_path / f"a{i}.txt").write_text(f"La France a livré {i + 2} Rafale à la Grèce.\n", encoding="utf-8")
    store = open_store(store_dir, write=True)
    real = store.replace_graph
    calls = []

    def fail_third(iri, graph):
        calls.append(iri)
        if len(calls) == 3:
            raise OSError("IO error: No space left on device: While appending to file: 000008.log")
        real(iri, graph)

    monkeypatch.setattr(store, "replace_graph", fail_third)
    with pytest.raises(WriteFailed) as caught:
        ingest_paths(store, sorted(tmp_path.glob("a*.txt")))
    store.close()
    e = caught.value
    assert str(e) == ("the store could not be written (no space left on device): 2 article(s) of this run stored, "
                      "3 input(s) not stored")
    assert e.stored == [str(tmp_path / "a0.txt"), str(tmp_path / "a1.txt")]
    assert e.not_stored == [str(tmp_path / f"a{i}.txt") for i in (2, 3, 4)]
    with open_store(store_dir) as reader:
        assert len(reader.graph_names()) == 2


def test_the_store_is_flushed_as_a_batch_goes_and_a_failed_flush_names_what_was_stored(store_dir, tmp_path,
                                                                                         monkeypatch):
    """kg ingest flushes the store every FLUSH_EVERY articles (its memory grew with the store otherwise)."""
    import kg.ingest

    for i in range(5):
        (tmp_path / f"a{i}.txt").write_text(f"La France a livré {i + 2} Rafale à la Grèce.\n", encoding="utf-8")
    monkeypatch.setattr(kg.ingest, "FLUSH_EVERY", 2)
    store = open_store(store_dir, write=True)
    flushed: list[int] = []
    monkeypatch.setattr(store, "flush", lambda: flushed.append(len(store.graph_names())))
    ingest_paths(store, sorted(tmp_path.glob("a*.txt")))
    assert flushed == [2, 4]

    def full() -> None:
        raise OSError("IO error: No space left on device: While writing to file: 000009.sst")

    monkeypatch.setattr(store, "flush", full)
    with pytest.raises(WriteFailed) as caught:
        ingest_paths(store, sorted(tmp_path.glob("a*.txt")), force=True)
    store.close()
    e = caught.value
    assert e.reason == "no space left on device"
    assert e.stored == [str(tmp_path / "a0.txt"), str(tmp_path / "a1.txt")]
    assert e.not_stored == [str(tmp_path / f"a{i}.txt") for i in (2, 3, 4)]


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("mount"), reason="mounting a small tmpfs needs root")
def test_a_full_disk_names_the_articles_stored_and_not(kg_bin, tmp_path):
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mnt)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        batch = tmp_path / "batch"
        batch.mkdir()
        for i in range(300):
            (batch / f"a{i:03d}.txt").write_text(f"La France a livré {i} Rafale à la Grèce. {uuid.uuid4().hex * 60}\n",
                                                 encoding="utf-8")
        store = mnt / "store"
        result = subprocess.run([kg_bin, "--store", str(store), "ingest", str(batch)], capture_output=True,
                                text=True, timeout=300)
        assert result.returncode == 1
        first, stored, not_stored = result.stderr.splitlines()[:3]
        assert first.startswith("Error: the store could not be written (no space left on device): ")
        count = int(first.split(": ")[2].split(" ")[0])
        assert 0 < count < 300
        assert stored.startswith(f"  stored: {batch}/a000.txt")
        assert not_stored.startswith(f"  not stored: {batch}/a{count:03d}.txt")
        assert "Traceback" not in result.stderr
        query = subprocess.run([kg_bin, "--store", str(store), "query", "--format", "csv",
                                "SELECT (COUNT(?a) AS ?n) WHERE { ?a a <https://w3id.org/armskg/ontology#Article> }"],
                               capture_output=True, text=True, timeout=60)
        assert query.returncode == 0, query.stderr
        assert int(query.stdout.splitlines()[1]) == count
    finally:
        subprocess.run(["umount", str(mnt)], check=False)


# ------------------------------------------------------------- conventions

def test_ingest_reads_standard_input(runner, store_dir):
    result = runner.invoke(cli, ["--store", str(store_dir), "ingest", "-"], input="date 17/07/2019\n" + TEXT)
    assert result.exit_code == 0, result.output
    assert dates(store_dir) == {"stdin": "2019-07-17"}
    feed = json.dumps({"id": "j1", "text": TEXT, "date": "2020-01"}) + "\n"
    result = runner.invoke(cli, ["--store", str(store_dir), "ingest", "-"], input=feed)
    assert result.exit_code == 0, result.output
    assert dates(store_dir) == {"j1": "2020-01", "stdin": "2019-07-17"}
    result = runner.invoke(cli, ["--store", str(store_dir), "ingest", "-"], input="")
    assert result.exit_code == 1
    assert "Error: stdin: no text" in result.output and ", 1 error" in result.output


def test_import_rdf_and_sipri_read_standard_input(runner, store_dir):
    result = runner.invoke(cli, ["--store", str(store_dir), "import", "rdf", "-", "--format", "ntriples"],
                           input='<http://ex/a> <http://ex/b> "c" .\n')
    assert result.exit_code == 0, result.output
    assert "1 triple imported from standard input" in result.output
    result = runner.invoke(cli, ["--store", str(store_dir), "import", "rdf", "-"], input="x")
    assert result.exit_code == 2 and "give --format" in result.output
    csv_text = REGISTER_HEADER_LINES + "Turkiye,Russia,2017,,2,?,S-400 Triumf,SAM system,2,,2019,New,,,,\n"
    result = runner.invoke(cli, ["--store", str(store_dir), "import", "sipri", "-"], input=csv_text)
    assert result.exit_code == 0, result.output
    assert "1 deals imported" in result.output


def test_show_and_export_write_to_standard_output(runner, store_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(cli, ["--store", str(store_dir), "ingest", "-"], input=TEXT).exit_code == 0
    result = runner.invoke(cli, ["--store", str(store_dir), "show", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout.lstrip().startswith("<!DOCTYPE html>")
    assert not (tmp_path / "-").exists()
    result = runner.invoke(cli, ["--store", str(store_dir), "export", "-o", "-", "--format", "ntriples"])
    assert result.exit_code == 0 and "<https://w3id.org/armskg/id/" in result.stdout
    assert not (tmp_path / "-").exists()


def test_tsv_outside_sparql_results_is_plain(runner, store_dir):
    assert runner.invoke(cli, ["--store", str(store_dir), "ingest", "-"], input=TEXT).exit_code == 0
    result = runner.invoke(cli, ["--store", str(store_dir), "graph", "suppliers", "--format", "tsv"])
    assert result.exit_code == 0, result.output
    header, row = result.stdout.splitlines()[:2]
    assert header.split("\t")[:3] == ["supplier", "recipient", "deals"]
    assert row.split("\t")[:3] == ["Russia", "Turkey", "1"]
    csv_text = REGISTER_HEADER_LINES + "Turkiye,Russia,2017,,2,?,S-400 Triumf,SAM system,2,,2019,New,,,,\n"
    assert runner.invoke(cli, ["--store", str(store_dir), "import", "sipri", "-"], input=csv_text).exit_code == 0
    result = runner.invoke(cli, ["--store", str(store_dir), "corroborate", "--dry-run", "--format", "tsv"])
    assert result.exit_code == 0, result.output
    header, row = result.stdout.splitlines()[:2]
    assert header.split("\t")[:5] == ["supplier", "recipient", "weapon", "year", "sipri"]
    assert row.split("\t")[:5] == ["RUS", "TUR", "s-400", "2019", "corroborated"]


def test_stats_and_eval_take_format_json(runner, store_dir):
    assert runner.invoke(cli, ["--store", str(store_dir), "ingest", "-"], input=TEXT).exit_code == 0
    for args in (["stats", "--format", "json"], ["stats", "--json"]):
        result = runner.invoke(cli, ["--store", str(store_dir), *args])
        assert result.exit_code == 0
        assert json.loads(result.stdout)["classes"]["ArmsDeal"] == 1
    gold = Path(__file__).parent / "data"
    result = runner.invoke(cli, ["eval", str(gold), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "facts" in json.loads(result.stdout)


@pytest.mark.parametrize("command", [["stats"], ["query", "deals"], ["export", "-o", "-"], ["validate"],
                                     ["graph", "suppliers"], ["explain", "Putin"]])
def test_a_store_path_that_does_not_exist_is_an_error_for_read_commands(runner, tmp_path, command):
    missing = tmp_path / "no-such-store"
    result = runner.invoke(cli, ["--store", str(missing), *command])
    assert result.exit_code == 1
    assert f"Error: no store at {missing}" in result.output
    assert not missing.exists()
    with pytest.raises(StoreError, match="no store at"):
        open_store(missing)
