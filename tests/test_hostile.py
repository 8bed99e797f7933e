"""Hostile queries, stores and RDF files: refused with one clear line, the store unchanged."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from kg.cli import cli
from kg.store import is_update, open_store

ARTICLE = "La Russie a livré des S-400 à la Turquie en 2019, a confirmé Ankara.\n"
REFUSED = "Error: this is a SPARQL UPDATE; add --update to change the store\n"


def dump(store_dir: Path) -> set[str]:
    out = io.BytesIO()
    with open_store(store_dir) as store:
        store.export(out, "nquads")
    return set(out.getvalue().decode("utf-8").splitlines())


@pytest.fixture
def filled(runner, store_dir, tmp_path) -> Path:
    """A store holding a few triples in two graphs (loaded without the extractor)."""
    data = tmp_path / "seed.trig"
    data.write_text('<http://ex/g0> { <http://ex/deal> <http://ex/supplier> <http://ex/RUS> ; <http://ex/y> 2017 . }\n'
                    '<http://ex/g1> { <http://ex/RUS> <http://ex/label> "Russie"@fr . }\n', encoding="utf-8")
    result = runner.invoke(cli, ["--store", str(store_dir), "import", "rdf", str(data)])
    assert result.exit_code == 0, result.output
    return store_dir


UPDATES = [
    "DROP ALL",
    "clear all",
    "INSERT DATA { <http://ex/s> <http://ex/p> 'x' }",
    "PREFIX akg: <https://w3id.org/armskg/ontology#>\nDELETE WHERE { ?s ?p ?o }",
    "PREFIX a: <http://ex/a#>\nPREFIX b: <http://ex/b#>\n# a comment { with a brace\nDROP ALL",
    "# SELECT * WHERE { ?s ?p ?o }\n  DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "BASE <http://ex/#>\nPREFIX : <#>\nWITH <http://ex/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "PREFIX x:<http://ex/>LOAD <http://ex/data.ttl>",
    "prefix x: <http://ex/#x>\n#\n#\nDROP SILENT GRAPH <http://ex/g> ; INSERT DATA { <http://a> <http://b> 1 }",
]


@pytest.mark.parametrize("sparql", UPDATES)
def test_query_refuses_updates_without_flag(runner, filled, sparql):
    before = dump(filled)
    result = runner.invoke(cli, ["--store", str(filled), "query", sparql])
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", REFUSED)
    assert dump(filled) == before
    assert is_update(sparql)


def test_update_from_file_and_stdin_also_refused(runner, filled, tmp_path):
    before = dump(filled)
    q = tmp_path / "q.rq"
    q.write_text(UPDATES[4], encoding="utf-8")
    assert runner.invoke(cli, ["--store", str(filled), "query", "-f", str(q)]).stderr == REFUSED
    assert runner.invoke(cli, ["--store", str(filled), "query", "-"], input=UPDATES[3]).stderr == REFUSED
    assert dump(filled) == before


def test_update_with_flag_applies(runner, filled):
    result = runner.invoke(cli, ["--store", str(filled), "query", "--update", "DROP ALL"])
    assert (result.exit_code, result.stderr) == (0, "update applied\n")
    assert dump(filled) == set()


@pytest.mark.parametrize("sparql", [
    "# DROP ALL\nSELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "PREFIX x: <http://ex/#DROP>\nSELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(?o != 'DELETE # x') }",
    "SELECT (COUNT(*) AS ?n)\nWHERE { ?s ?p ?o FILTER(?o != \"\"\"\nINSERT DATA\n\"\"\") }",
])
def test_queries_mentioning_update_words_run(runner, filled, sparql):
    assert not is_update(sparql)
    result = runner.invoke(cli, ["--store", str(filled), "query", "--format", "csv", sparql])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "n" and int(result.stdout.splitlines()[1]) > 0


def test_malformed_sparql_gives_line_and_column(runner, filled):
    result = runner.invoke(cli, ["--store", str(filled), "query", "SELECT ?x WHERE {\n  ?x ?y\n}"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: malformed SPARQL: error at 3:2: ")
    assert len(result.stderr.splitlines()) == 1


def test_unknown_formats(runner, filled):
    q = runner.invoke(cli, ["--store", str(filled), "query", "--format", "yaml", "SELECT * {}"])
    assert q.exit_code == 2
    assert "Error: Invalid value for '--format': 'yaml' is not one of 'table', 'csv', 'tsv', 'json'." in q.stderr
    e = runner.invoke(cli, ["--store", str(filled), "export", "--format", "yaml", "-o", "-"])
    assert e.exit_code == 2
    assert "unknown export format 'yaml'" in e.stderr
    i = runner.invoke(cli, ["--store", str(filled), "import", "rdf", "--format", "yaml", "x.ttl"])
    assert i.exit_code == 2 and "Invalid value for '--format'" in i.stderr


@pytest.mark.parametrize("command", [["ingest", "a.txt"], ["query", "SELECT * {}"], ["export", "-o", "-"],
                                     ["import", "rdf", "g.ttl"]])
def test_store_path_that_is_a_file(runner, tmp_path, command, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(ARTICLE, encoding="utf-8")
    Path("g.ttl").write_text("<http://ex/a> <http://ex/b> <http://ex/c> .\n", encoding="utf-8")
    Path("file").write_text("not a store", encoding="utf-8")
    result = runner.invoke(cli, ["--store", "file", *command])
    assert result.exit_code == 1
    assert result.stderr == "Error: store path file is a file, not a folder; choose another --store\n"
    assert Path("file").read_text(encoding="utf-8") == "not a store"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_store_folder(runner, tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    try:
        result = runner.invoke(cli, ["--store", str(ro / "store"), "ingest", str(tmp_path / "a.txt")])
    finally:
        ro.chmod(0o755)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot create store {ro}/store") or "read-only" in result.stderr


# ------------------------------------------------------------- RDF import

GOOD_TTL = '@prefix ex: <http://ex/> .\nex:a ex:b "un # deux" ; ex:c ex:d .\n'
BAD = {
    "truncated.ttl": ('@prefix ex: <http://ex/> .\nex:a ex:b "ok" .\nex:d ex:e "unterminated .\n',
                      "malformed Turtle at line 3, column 11: Unexpected end of file"),
    "undeclared.ttl": ('@prefix ex: <http://ex/> .\nex:a ex:b ex:c .\nfoo:x ex:b ex:c .\n',
                       "malformed Turtle at line 3, column 1"),
    "cut.trig": ('<http://ex/g> {\n  <http://ex/a> <http://ex/b> <http://ex/c> .\n  <http://ex/a> <http://ex/b> ',
                 "malformed TriG at line 3"),
    "bad.nq": ('<http://ex/a> <http://ex/b> <http://ex/c> <http://ex/g> .\n<a b c .\n', "malformed N-Quads at line 2"),
    "latin1.ttl": (b'<http://ex/a> <http://ex/b> "caf\xe9" .\n', "malformed Turtle at line 1"),
}


@pytest.mark.parametrize("name", sorted(BAD))
@pytest.mark.parametrize("graph", [None, "http://ex/target"])
def test_malformed_rdf_import_leaves_store_unchanged(runner, filled, tmp_path, name, graph):
    data, message = BAD[name]
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    before = dump(filled)
    args = ["--store", str(filled), "import", "rdf", str(path)] + (["--graph", graph] if graph else [])
    result = runner.invoke(cli, args)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {path}: {message}")
    assert len(result.stderr.splitlines()) == 1
    assert dump(filled) == before


def test_rdf_import_good_files(runner, filled, tmp_path):
    before = dump(filled)
    ttl = tmp_path / "g.ttl"
    ttl.write_text(GOOD_TTL, encoding="utf-8")
    result = runner.invoke(cli, ["--store", str(filled), "import", "rdf", str(ttl), "--graph", "http://ex/imported"])
    assert (result.exit_code, result.stderr) == (0, f"2 triples imported from {ttl}\n")
    trig = tmp_path / "d.trig"
    trig.write_text("<http://ex/g2> { <http://ex/x> <http://ex/y> 1 . }\n<http://ex/x> <http://ex/y> 2 .\n",
                    encoding="utf-8")
    assert runner.invoke(cli, ["--store", str(filled), "import", "rdf", str(trig)]).exit_code == 0
    with open_store(filled) as store:
        names = store.graph_names()
        assert "http://ex/imported" in names and "http://ex/g2" in names
        assert store.query("ASK { <http://ex/a> <http://ex/b> 'un # deux' }").boolean is True
    # --graph replaces that graph
    ttl.write_text("<http://ex/n> <http://ex/m> <http://ex/o> .\n", encoding="utf-8")
    assert runner.invoke(cli, ["--store", str(filled), "import", "rdf", str(ttl), "--graph", "http://ex/imported"]
                         ).stderr == f"1 triple imported from {ttl}\n"
    with open_store(filled) as store:
        assert store.query("ASK { <http://ex/a> ?p ?o }").boolean is False
    assert before < dump(filled)


@pytest.mark.parametrize("args, message", [
    (["--graph", "not an iri"], "Error: --graph 'not an iri' is not a valid IRI; give e.g. https://example.org/graph/1"),
    (["--graph", "relative/path"], "Error: --graph 'relative/path' is not a valid IRI"),
])
def test_rdf_import_bad_graph_iri(runner, filled, tmp_path, args, message):
    ttl = tmp_path / "g.ttl"
    ttl.write_text(GOOD_TTL, encoding="utf-8")
    result = runner.invoke(cli, ["--store", str(filled), "import", "rdf", str(ttl), *args])
    assert result.exit_code == 1 and result.stderr.startswith(message)


def test_rdf_import_missing_empty_unknown_suffix(runner, filled, tmp_path):
    (tmp_path / "e.ttl").write_text("# nothing\n", encoding="utf-8")
    (tmp_path / "x.dat").write_text(GOOD_TTL, encoding="utf-8")
    cases = {
        "nope.ttl": f"Error: {tmp_path}/nope.ttl: no such file or folder\n",
        "e.ttl": f"Error: {tmp_path}/e.ttl: holds no triples\n",
        "x.dat": f"Error: {tmp_path}/x.dat: cannot tell the RDF format from the suffix; give --format "
                 "(turtle, trig, ntriples, nquads, rdfxml, jsonld)\n",
    }
    for name, message in cases.items():
        result = runner.invoke(cli, ["--store", str(filled), "import", "rdf", str(tmp_path / name)])
        assert (result.exit_code, result.stderr) == (1, message)


# ------------------------------------------------------- hostile article text

def test_hostile_article_text_is_stored_verbatim(runner, store_dir, tmp_path):
    """Quotes, braces, SPARQL and IRI breakers, control characters and lone surrogates in articles and fields."""
    texts = [
        'Ankara "} ; DROP ALL ; INSERT DATA { <http://evil> <http://evil> 1 } # a livré des S-400.',
        "Il a dit <script>alert(1)</script> et \\\" puis \\u0000 ' ''' \"\"\" fin.",
        "Contrôle \x01\x02 et tabulation\t et \u2028 séparateur et \ufeff BOM.",
        "Surrogate seule \ud800 au milieu.",
    ]
    lines = [json.dumps({"text": t, "id": f"h{i}", "url": f"http://ex.org/a> <b\"{i}",
                         "title": "T\"itle } ; DROP ALL"}) for i, t in enumerate(texts)]
    feed = tmp_path / "hostile.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["--store", str(store_dir), "ingest", str(feed)])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("4 articles ingested")
    with open_store(store_dir) as store:
        titles = store.query("SELECT ?t WHERE { ?a <https://w3id.org/armskg/ontology#title> ?t }").values("t")
        sources = store.query("SELECT ?s WHERE { ?a <http://purl.org/dc/terms/source> ?s }").values("s")
        assert not store.query("ASK { <http://evil> ?p ?o }").boolean
    assert titles == ["T\"itle } ; DROP ALL"] * 4
    assert sorted(sources) == [f"http://ex.org/a> <b\"{i}" for i in range(4)]
