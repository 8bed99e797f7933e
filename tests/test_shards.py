"""kg extract (a map into N-Quads shards, locally or on Dask) and kg load (shards into a store)."""

from __future__ import annotations

import gzip
import io
import json
import os
import re
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

import kg.ingest
import kg.shards
from kg.cli import cli
from kg.engines import run_map
from kg.ingest import ingest_paths
from kg.mapping import LABELS_GRAPH, article_iri
from kg.shards import extract_to_shards, load_shards, plan_batches, read_batch
from kg.store import open_store
from tests.conftest import DEV, needs_shared
from tests.test_remote import free_port, server  # noqa: F401  (the fixture: an Oxigraph server on 127.0.0.1)

TEXTS = [
    "La France a livré des Rafale à l'Égypte en 2015, selon le ministère.",
    "Russia delivered S-400 systems to Turkey in 2019, officials said.",
    "Les États-Unis ont vendu des Patriot à la Pologne, a annoncé Varsovie.",
    "Germany agreed to sell Leopard 2 tanks to Qatar, Berlin announced.",
    "L'Inde a commandé 36 Rafale à la France en 2016.",
]


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def corpus(root: Path, dev_articles: int = 6) -> Path:
    """Inputs of every kind: dev articles (text), plain and gzip'd JSON Lines with a bad line, an empty file."""
    for i, path in enumerate(sorted(DEV.glob("*.txt"))[:dev_articles]):
        write(root / "dev" / path.name, path.read_bytes())
        if i == 0:
            write(root / "dev" / "copy" / "renamed.txt", path.read_bytes())
    lines = [json.dumps({"text": t, "id": f"j{i}", "date": "2020-01-02"}) for i, t in enumerate(TEXTS)]
    write(root / "feed.jsonl", "\n".join(lines[:3]) + "\n{oops}\n")
    write(root / "dump.jsonl.gz", gzip.compress(("\n".join(
        json.dumps({"text": t, "url": f"https://ex.org/{i}"}) for i, t in enumerate(TEXTS)) + "\n").encode()))
    write(root / "empty.txt", b"")
    return root


def graphs_of(store_dir: Path) -> dict[str, Graph]:
    """Every named graph of the store (the label index included), as rdflib graphs."""
    out = io.BytesIO()
    with open_store(store_dir) as store:
        store.export(out, "nquads")
        labels = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{LABELS_GRAPH}> {{ ?s ?p ?o }} }}").graph
    ds = Dataset()
    ds.parse(data=out.getvalue().decode("utf-8"), format="nquads")
    found = {str(g.identifier): Graph() + g for g in ds.graphs() if len(g)}
    found[str(LABELS_GRAPH)] = Graph() + labels
    return found


def assert_same_graphs(a: dict[str, Graph], b: dict[str, Graph]) -> None:
    assert sorted(a) == sorted(b)
    for name in a:
        assert isomorphic(a[name], b[name]), name


def test_plan_cuts_jsonl_gz_into_line_ranges_and_reads_them_streaming(tmp_path):
    root = corpus(tmp_path / "in", dev_articles=1)
    batches = list(plan_batches([root / "dump.jsonl.gz", root / "feed.jsonl"], batch_size=2))
    assert [[(Path(p.path).name, p.start, p.stop) for p in b.parts] for b in batches] == [
        [("dump.jsonl.gz", 1, 3)], [("dump.jsonl.gz", 3, 5)], [("dump.jsonl.gz", 5, None), ("feed.jsonl", 1, 2)],
        [("feed.jsonl", 2, 4)], [("feed.jsonl", 4, None)]]
    read = [item for b in batches for item in read_batch(b)]
    texts = [a.text for a in read if hasattr(a, "text")]
    assert texts == TEXTS + TEXTS[:3]
    assert [str(e) for e in read if not hasattr(e, "text")] == [
        f"{root / 'feed.jsonl'}, line 4: malformed JSON at column 2: Expecting property name enclosed in double quotes"]


@needs_shared()
@pytest.mark.slow
def test_dask_shards_loaded_give_the_graph_ingest_gives(runner, tmp_path):
    """On a LocalCluster of 2 workers started here: the loaded shards equal kg ingest's store, graph by graph."""
    distributed = pytest.importorskip("distributed")
    root = corpus(tmp_path / "in")
    ingested = runner.invoke(cli, ["--store", str(tmp_path / "a"), "ingest", str(root)])
    assert ingested.exit_code == 1  # the empty file and the bad JSON line
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        workers: list[dict] = []
        report = extract_to_shards([root], tmp_path / "shards", engine="dask", scheduler=cluster.scheduler_address,
                                   batch_size=3, on_client=lambda c: workers.append(c.run(lambda: 1)))
        marker = tmp_path / "died"

        def die_once(x: int) -> int:
            if x == 3 and not marker.exists():  # the worker process dies mid-task, once
                marker.touch()
                os._exit(1)
            return 2 * x

        # a worker lost mid-task: the engine runs its task again elsewhere, the map completes
        assert list(run_map(die_once, range(6), engine="dask", scheduler=cluster.scheduler_address)) == [
            0, 2, 4, 6, 8, 10]
        assert marker.exists()
    assert len(workers[0]) == 2  # the map ran on the two workers of the cluster
    assert report.shards == 6 and report.articles == 6 + 1 + 3 + 5
    assert sorted(report.errors) == sorted([f"{root / 'empty.txt'}: the file is empty",
                                           f"{root / 'feed.jsonl'}, line 4: malformed JSON at column 2: "
                                           "Expecting property name enclosed in double quotes"])
    manifest = json.loads((tmp_path / "shards" / "shard-000001.json").read_text(encoding="utf-8"))
    assert manifest["complete"] and len(manifest["articles"]) == 2  # empty.txt, then feed.jsonl lines 1-2
    empty = str(root / "empty.txt")
    assert manifest["errors"] == [{"source": empty, "error": f"{empty}: the file is empty"}]
    assert set(manifest["articles"][0]) == {"id", "iri", "source", "hash", "facts", "triples"}
    loaded = runner.invoke(cli, ["--store", str(tmp_path / "b"), "load", str(tmp_path / "shards")])
    assert loaded.exit_code == 0, loaded.stderr
    assert "6 shards: 15 articles loaded, 0 unchanged" in loaded.stderr
    assert_same_graphs(graphs_of(tmp_path / "a"), graphs_of(tmp_path / "b"))


@needs_shared()
def test_local_pool_shards_equal_one_process_shards(tmp_path):
    root = corpus(tmp_path / "in", dev_articles=3)
    one = extract_to_shards([root], tmp_path / "one", batch_size=4)
    two = extract_to_shards([root], tmp_path / "two", batch_size=4, jobs=2)
    assert (one.shards, one.articles, one.facts) == (two.shards, two.articles, two.facts)
    for path in sorted((tmp_path / "one").glob("*.nq")):  # the same quads (rdflib's order varies by process)
        lines = set(path.read_text(encoding="utf-8").splitlines())
        assert lines == set((tmp_path / "two" / path.name).read_text(encoding="utf-8").splitlines())


def test_a_failing_article_is_recorded_and_the_rest_of_its_shard_written(runner, tmp_path, monkeypatch):
    root = tmp_path / "in"
    for i, text in enumerate(TEXTS[:3]):
        write(root / f"a{i}.txt", text if i != 1 else "explode " + text)
    real = kg.shards.extract

    def flaky(article, lang=None):
        if "explode" in article.text:
            raise IndexError("list index out of range")
        return real(article, lang=lang)

    monkeypatch.setattr(kg.shards, "extract", flaky)
    result = runner.invoke(cli, ["extract", str(root), "--out", str(tmp_path / "shards"), "--quiet"])
    assert result.exit_code == 1
    message = f"{root / 'a1.txt'}: extraction failed (IndexError: list index out of range); please report this article"
    assert result.stderr == f"Error: {message}\n"
    manifest = json.loads((tmp_path / "shards" / "shard-000001.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in manifest["articles"]] == ["a0", "a2"]
    assert manifest["errors"] == [{"source": str(root / "a1.txt"), "error": message}]
    quads = (tmp_path / "shards" / "shard-000001.nq").read_text(encoding="utf-8")
    assert f"<{article_iri('a0')}> .\n" in quads and f"<{article_iri('a1')}> ." not in quads


def test_rerun_skips_complete_shards_and_redoes_the_others(tmp_path, monkeypatch):
    root = tmp_path / "in"
    for i, text in enumerate(TEXTS):
        write(root / f"a{i}.txt", text)
    first = extract_to_shards([root], tmp_path / "shards", batch_size=2)
    assert (first.shards, first.skipped, first.articles) == (3, 0, 5)
    before = (tmp_path / "shards" / "shard-000002.nq").read_bytes()
    (tmp_path / "shards" / "shard-000002.json").unlink()  # as if killed before its manifest was written
    calls: list[str] = []
    real = kg.shards.extract
    monkeypatch.setattr(kg.shards, "extract", lambda a, lang=None: calls.append(a.id) or real(a, lang=lang))
    again = extract_to_shards([root], tmp_path / "shards", batch_size=2)
    assert (again.shards, again.skipped, again.articles) == (3, 2, 2)
    assert calls == ["a2", "a3"]
    assert (tmp_path / "shards" / "shard-000002.nq").read_bytes() == before
    # other batches (a changed batch size) do not reuse the shards
    assert extract_to_shards([root], tmp_path / "shards", batch_size=3).skipped == 0


def test_load_is_idempotent_replaces_changed_articles_and_keeps_the_label_index(runner, tmp_path):
    root = tmp_path / "in"
    for i, text in enumerate(TEXTS[:3]):
        write(root / f"a{i}.txt", text)
    store_dir = tmp_path / "store"
    extract_to_shards([root], tmp_path / "s1", batch_size=2)
    with open_store(store_dir, write=True) as store:
        assert load_shards(store, tmp_path / "s1").articles == 3
        assert load_shards(store, tmp_path / "s1").unchanged == 3
    write(root / "a1.txt", TEXTS[3])  # a1 now names Germany, Qatar and Leopard 2 instead of Russia and Turkey
    extract_to_shards([root], tmp_path / "s2", batch_size=2)
    with open_store(store_dir, write=True) as store:
        report = load_shards(store, tmp_path / "s2")
        assert (report.articles, report.unchanged) == (1, 2)
    with open_store(tmp_path / "ref", write=True) as store:
        ingest_paths(store, [root])
    assert_same_graphs(graphs_of(store_dir), graphs_of(tmp_path / "ref"))


def rdflib_graphs(path: Path, syntax: str) -> dict[str, Graph]:
    """The named graphs of an RDF file as rdflib reads it."""
    ds = Dataset()
    ds.parse(path, format=syntax)
    return {str(g.identifier): Graph() + g for g in ds.graphs() if len(g)}


@needs_shared()
def test_trig_shards_parse_with_rdflib_and_load_to_the_graphs_of_nquads_shards(runner, tmp_path):
    root = corpus(tmp_path / "in", dev_articles=2)
    for syntax in ("nquads", "trig"):
        result = runner.invoke(cli, ["extract", str(root), "--out", str(tmp_path / syntax), "--format", syntax,
                                     "--batch-size", "4", "--quiet"])
        assert result.exit_code == 1, result.output  # the empty file and the bad JSON line
    trig = sorted((tmp_path / "trig").glob("shard-*.trig"))
    assert len(trig) == 4 and not list((tmp_path / "trig").glob("*.nq"))
    manifest = json.loads((tmp_path / "trig" / "shard-000001.json").read_text(encoding="utf-8"))
    assert (manifest["file"], manifest["syntax"]) == ("shard-000001.trig", "trig")
    assert "@prefix akg: " in trig[0].read_text(encoding="utf-8")  # TriG with the project's prefixes
    for path in trig:  # a second parser reads the TriG shards to the graphs of the N-Quads shards
        nquads = rdflib_graphs(tmp_path / "nquads" / path.with_suffix(".nq").name, "nquads")
        assert len(nquads) == len(json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["articles"])
        assert_same_graphs(rdflib_graphs(path, "trig"), nquads)
    for syntax in ("nquads", "trig"):
        loaded = runner.invoke(cli, ["--store", str(tmp_path / f"store-{syntax}"), "load", str(tmp_path / syntax)])
        assert loaded.exit_code == 0, loaded.stderr
        assert "4 shards: 11 articles loaded, 0 unchanged" in loaded.stderr
    assert_same_graphs(graphs_of(tmp_path / "store-nquads"), graphs_of(tmp_path / "store-trig"))
    # a rerun skips the complete TriG shards, and loading them again changes nothing
    assert extract_to_shards([root], tmp_path / "trig", batch_size=4, syntax="trig").skipped == 4
    again = runner.invoke(cli, ["--store", str(tmp_path / "store-trig"), "load", str(tmp_path / "trig")])
    assert "4 shards: 0 articles loaded, 11 unchanged" in again.stderr
    # the other syntax into the same folder redoes the shards, and leaves no file of the first
    assert extract_to_shards([root], tmp_path / "trig", batch_size=4).skipped == 0
    assert not list((tmp_path / "trig").glob("*.trig")) and len(list((tmp_path / "trig").glob("*.nq"))) == 4


def test_a_malformed_trig_shard_is_a_one_line_error_and_the_others_load(runner, tmp_path):
    root = tmp_path / "in"
    for i, text in enumerate(TEXTS[:3]):
        write(root / f"a{i}.txt", text)
    extract_to_shards([root], tmp_path / "shards", batch_size=2, syntax="trig")
    bad = tmp_path / "shards" / "shard-000001.trig"
    bad.write_text(bad.read_text(encoding="utf-8").replace("}", "", 1), encoding="utf-8")
    result = runner.invoke(cli, ["--store", str(tmp_path / "s"), "load", str(tmp_path / "shards")])
    assert result.exit_code == 1
    error = result.stderr.splitlines()[-2]
    assert error.startswith(f"Error: {bad}: not valid trig (") and error.endswith("run kg extract --force again")
    with open_store(tmp_path / "s") as store:
        assert store.graph_names() == [str(article_iri("a2"))]


def test_load_errors_are_one_line(runner, tmp_path):
    missing = runner.invoke(cli, ["--store", str(tmp_path / "s"), "load", str(tmp_path / "nope")])
    nope = tmp_path / "nope"
    assert (missing.exit_code, missing.stderr) == (
        1, f"Error: {nope}: no such folder of shards (write one with kg extract --out {nope})\n")
    (tmp_path / "empty").mkdir()
    empty = runner.invoke(cli, ["--store", str(tmp_path / "s"), "load", str(tmp_path / "empty")])
    assert empty.exit_code == 1 and "holds no shards" in empty.stderr
    scheduler = runner.invoke(cli, ["extract", str(tmp_path), "--out", str(tmp_path / "o"), "--scheduler", "tcp://x:1"])
    assert scheduler.exit_code == 2 and "--scheduler needs --engine dask" in scheduler.stderr


def test_ingest_reads_gzipped_jsonl(runner, tmp_path):
    write(tmp_path / "in" / "dump.jsonl.gz", gzip.compress(
        ("\n".join(json.dumps({"text": t, "id": f"g{i}"}) for i, t in enumerate(TEXTS[:2])) + "\n").encode()))
    result = runner.invoke(cli, ["--store", str(tmp_path / "s"), "ingest", str(tmp_path / "in")])
    assert result.exit_code == 0, result.stderr
    with open_store(tmp_path / "s") as store:
        assert store.graph_names() == sorted(str(article_iri(f"g{i}")) for i in range(2))


# ------------------------------------------------- kg ingest on the engines

def exploding_extract(article, lang=None):
    """The extractor, except that it raises on an article that says 'explode', naming the process it runs in."""
    from kg.extract import extract

    if "explode" in article.text:
        raise IndexError(f"exploded in process {os.getpid()}")
    return extract(article, lang=lang)


@needs_shared()
@pytest.mark.slow
def test_ingest_on_a_dask_local_cluster_stores_what_one_process_stores(runner, tmp_path):
    pytest.importorskip("distributed")
    root = corpus(tmp_path / "in")
    one = runner.invoke(cli, ["--store", str(tmp_path / "one"), "ingest", "--jobs", "1", str(root)])
    dask = runner.invoke(cli, ["--store", str(tmp_path / "dask"), "ingest", "--engine", "dask", "--jobs", "2",
                               str(root)])
    assert (one.exit_code, dask.exit_code) == (1, 1)  # the empty file and the bad JSON line
    assert one.stderr == dask.stderr
    assert "15 articles ingested (0 replaced)" in dask.stderr
    assert_same_graphs(graphs_of(tmp_path / "one"), graphs_of(tmp_path / "dask"))


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["local", "dask"])
def test_an_article_whose_extraction_raises_in_a_worker_is_reported_and_the_others_stored(
        runner, tmp_path, monkeypatch, engine):
    root = tmp_path / "in"
    for i, text in enumerate(TEXTS[:4]):
        write(root / f"a{i}.txt", text if i != 2 else "explode " + text)
    monkeypatch.setattr(kg.ingest, "extract", exploding_extract)  # the workers get it with their task
    args = ["--store", str(tmp_path / "s"), "ingest", "--jobs", "2", "--engine", engine, str(root)]
    if engine == "dask":
        distributed = pytest.importorskip("distributed")
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                      dashboard_address=None) as cluster:
            result = runner.invoke(cli, [*args, "--scheduler", cluster.scheduler_address])
    else:
        result = runner.invoke(cli, args)
    assert result.exit_code == 1, result.output
    error, summary = result.stderr.splitlines()
    match = re.fullmatch(rf"Error: {re.escape(str(root / 'a2.txt'))}: extraction failed "
                         r"\(IndexError: exploded in process (\d+)\); please report this article", error)
    assert match and int(match.group(1)) != os.getpid()  # it raised in a worker, not here
    assert summary.startswith("3 articles ingested (0 replaced), ") and summary.endswith(", 1 error")
    with open_store(tmp_path / "s") as store:
        assert store.graph_names() == sorted(str(article_iri(f"a{i}")) for i in (0, 1, 3))


def test_ingest_engine_errors_are_one_line(runner, tmp_path):
    pytest.importorskip("distributed")
    write(tmp_path / "a.txt", TEXTS[0])
    usage = runner.invoke(cli, ["--store", str(tmp_path / "s"), "ingest", str(tmp_path / "a.txt"),
                                "--scheduler", "tcp://x:1"])
    assert usage.exit_code == 2 and "--scheduler needs --engine dask" in usage.stderr
    port = free_port()  # nothing listens there
    result = runner.invoke(cli, ["--store", str(tmp_path / "s"), "ingest", str(tmp_path / "a.txt"),
                                 "--engine", "dask", "--scheduler", f"tcp://127.0.0.1:{port}"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot reach the Dask scheduler at tcp://127.0.0.1:{port}")
    assert len(result.stderr.splitlines()) == 1


# ----------------------------------------------------------- kg import rdf

def test_an_export_imports_back_unchanged_whatever_the_size_limit(runner, tmp_path, monkeypatch):
    root = tmp_path / "in"
    for i, text in enumerate(TEXTS):
        write(root / f"a{i}.txt", text)
    assert runner.invoke(cli, ["--store", str(tmp_path / "a"), "ingest", str(root)]).exit_code == 0
    for fmt, suffix in (("nquads", "nq"), ("trig", "trig")):
        out = tmp_path / f"export.{suffix}"
        assert runner.invoke(cli, ["--store", str(tmp_path / "a"), "export", "--format", fmt, "-o", str(out)]
                             ).exit_code == 0
        monkeypatch.setenv("KG_MAX_BYTES", "100")  # for articles only, not for RDF files
        result = runner.invoke(cli, ["--store", str(tmp_path / f"b-{fmt}"), "import", "rdf", str(out)])
        monkeypatch.delenv("KG_MAX_BYTES")
        assert result.exit_code == 0, result.stderr
        assert_same_graphs(graphs_of(tmp_path / "a"), graphs_of(tmp_path / f"b-{fmt}"))


def test_import_into_a_graph_from_quads_moves_every_triple_there(tmp_path):
    from kg.importrdf import import_rdf

    trig = write(tmp_path / "d.trig", "<http://ex/g2> { <http://ex/x> <http://www.w3.org/2000/01/rdf-schema#label> "
                                      '"X" . }\n<http://ex/y> <http://ex/p> 2 .\n')
    with open_store(tmp_path / "s", write=True) as store:
        assert import_rdf(store, trig, graph="http://ex/t") == 2
        assert store.graph_names() == ["http://ex/t"]
        assert store.query(f"ASK {{ GRAPH <{LABELS_GRAPH}> {{ <http://ex/x> ?p 'X' }} }}").boolean is True
        assert store.query("ASK { GRAPH <http://ex/t> { <http://ex/y> <http://ex/p> 2 } }").boolean is True


# ------------------------------------------------------------- a SPARQL server

@pytest.mark.server
def test_load_and_import_into_an_oxigraph_server_give_the_embedded_graphs(runner, tmp_path, server):  # noqa: F811
    root = tmp_path / "in"
    for i, text in enumerate(TEXTS):
        write(root / f"a{i}.txt", text)
    with open_store(server) as remote:
        remote.update("DROP SILENT ALL")
    extract_to_shards([root], tmp_path / "shards", batch_size=2)
    assert runner.invoke(cli, ["--store", str(tmp_path / "local"), "load", str(tmp_path / "shards")]).exit_code == 0
    loaded = runner.invoke(cli, ["--store", server, "load", str(tmp_path / "shards")])
    assert loaded.exit_code == 0, loaded.stderr
    assert_same_graphs(graphs_of(tmp_path / "local"), graphs_of(server))
    again = runner.invoke(cli, ["--store", server, "load", str(tmp_path / "shards")])
    assert "0 articles loaded, 5 unchanged" in again.stderr

    out = tmp_path / "export.nq"
    assert runner.invoke(cli, ["--store", str(tmp_path / "local"), "export", "-o", str(out)]).exit_code == 0
    with open_store(server) as remote:
        remote.update("DROP SILENT ALL")
    imported = runner.invoke(cli, ["--store", server, "import", "rdf", str(out)])
    assert imported.exit_code == 0, imported.stderr
    assert_same_graphs(graphs_of(tmp_path / "local"), graphs_of(server))


@pytest.mark.server
def test_a_blank_node_across_import_batches_stays_one_node_on_a_server(tmp_path, server):  # noqa: F811
    """Batches of about 300 bytes: the quads of one blank node, far apart and in two graphs, meet in one node."""
    from kg.importrdf import import_rdf
    from kg.store.remote import RemoteStore

    name = "<http://www.w3.org/2000/01/rdf-schema#label>"
    lines = [f'_:x {name} "first" <http://ex/g1> .', f'_:y {name} "other" <http://ex/g1> .']
    lines += [f'<http://ex/s{i}> <http://ex/p> "filler {i}" <http://ex/g{1 + i % 2}> .' for i in range(40)]
    lines += [f'_:x {name} "last" <http://ex/g2> .', '_:y <http://ex/p> <http://ex/s1> <http://ex/g1> .']
    path = write(tmp_path / "b.nq", "\n".join(lines) + "\n")
    with open_store(server) as remote:
        remote.update("DROP SILENT ALL")
    store = RemoteStore(server, batch_bytes=300)
    assert import_rdf(store, path) == 44
    rows = store.query(f"SELECT ?b WHERE {{ GRAPH <http://ex/g1> {{ ?b {name} 'first' }} "
                       f"GRAPH <http://ex/g2> {{ ?b {name} 'last' }} }}").rows
    assert len(rows) == 1
    blanks = store.query("SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE { GRAPH ?g { ?b ?p ?o } FILTER(isBlank(?b)) }")
    assert blanks.values("n") == [2]
    assert store.query(f"ASK {{ GRAPH <http://ex/g1> {{ ?b {name} 'other' ; <http://ex/p> <http://ex/s1> }} }}"
                       ).boolean is True
    assert store.count() == 44


def test_an_unreachable_scheduler_is_one_line(runner, tmp_path):
    pytest.importorskip("distributed")
    write(tmp_path / "a.txt", TEXTS[0])
    port = free_port()  # nothing listens there
    result = runner.invoke(cli, ["extract", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"), "--engine", "dask",
                                 "--scheduler", f"tcp://127.0.0.1:{port}"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot reach the Dask scheduler at tcp://127.0.0.1:{port}")
    assert len(result.stderr.splitlines()) == 1


def test_extract_keeps_loader_warnings_out_of_the_articles_and_checks_dates_as_ingest_does(runner, tmp_path):
    """A file read as Windows-1252 with an impossible date line: kg extract stores what kg ingest stores."""
    write(tmp_path / "in" / "a.txt", b"date 2019-13-45\nLa Russie a livr\xe9 des S-400 \xe0 la Turquie.\n")
    result = runner.invoke(cli, ["extract", str(tmp_path / "in"), "--out", str(tmp_path / "shards")])
    assert result.exit_code == 0, result.output
    assert runner.invoke(cli, ["--store", str(tmp_path / "loaded"), "load", str(tmp_path / "shards")]).exit_code == 0
    assert runner.invoke(cli, ["--store", str(tmp_path / "ingested"), "ingest", str(tmp_path / "in")]).exit_code == 0
    loaded, ingested = graphs_of(tmp_path / "loaded"), graphs_of(tmp_path / "ingested")
    assert sorted(loaded) == sorted(ingested) and str(article_iri("a")) in loaded
    for name in loaded:
        assert isomorphic(loaded[name], ingested[name]), name
