"""kg serve: a real read-only SPARQL endpoint on 127.0.0.1, queried with SPARQLWrapper."""

from __future__ import annotations

import signal
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path
from urllib.error import HTTPError

import pytest
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from kg.store import StoreError, open_store
from kg.store.locking import StoreBusy
from kg.store.serve import start_server
from tests.test_remote import S400, free_port, put_article, wait_for

pytestmark = pytest.mark.server


@pytest.fixture
def filled(store_dir: Path) -> Path:
    with open_store(store_dir, write=True) as store:
        put_article(store, "a1", S400)
    return store_dir


def ask(url: str, query: str) -> dict:
    client = SPARQLWrapper(url)
    client.setQuery(query)
    client.setReturnFormat(JSON)
    return client.query().convert()


def test_sparql_client_reads_union_and_cannot_write(filled: Path) -> None:
    with start_server(filled, port=free_port(), timeout=5) as server:
        assert server.url.startswith("http://127.0.0.1:")
        data = ask(server.query_url, "PREFIX akg: <https://w3id.org/armskg/ontology#> "
                                     "SELECT ?w WHERE { ?d a akg:ArmsDeal ; akg:weapon ?w }")
        assert [b["w"]["value"] for b in data["results"]["bindings"]] == ["https://w3id.org/armskg/id/weapon/s-400"]
        update = SPARQLWrapper(server.url + "/update")
        update.setMethod(POST)
        update.setQuery("INSERT DATA { <http://ex/s> <http://ex/p> <http://ex/o> }")
        with pytest.raises(HTTPError) as refused:
            update.query()
        assert 400 <= refused.value.code < 500
        # the shared lock keeps writers out while the server runs
        with pytest.raises(StoreBusy, match="in use|being used"):
            open_store(filled, write=True)
    with open_store(filled, write=True) as store:  # after stop, writing works again
        assert store.count() > 0


def test_errors(tmp_path: Path, filled: Path) -> None:
    with pytest.raises(StoreError, match=r"no store at .*; ingest or import something first"):
        start_server(tmp_path / "empty", port=free_port())
    port = free_port()
    with start_server(filled, port=port), pytest.raises(StoreError, match=f"did not start on 127.0.0.1:{port}"):
        start_server(filled, port=port)


def test_cli_serve(filled: Path, kg_bin: str) -> None:
    port = free_port()
    process = subprocess.Popen([kg_bin, "--store", str(filled), "serve", "--port", str(port), "--timeout", "5"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for(port, process)
        data = ask(f"http://127.0.0.1:{port}/query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert int(data["results"]["bindings"][0]["n"]["value"]) > 10
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert err.startswith(f"SPARQL endpoint (read-only): http://127.0.0.1:{port}/query")
    time.sleep(0.1)
    with open_store(filled, write=True):  # the server child is gone with its lock
        pass


def test_cli_serve_without_store(tmp_path: Path, kg_bin: str) -> None:
    result = subprocess.run([kg_bin, "--store", str(tmp_path / "none"), "serve", "--port", str(free_port())],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: no store at {tmp_path / 'none'}; ingest or import something first (or give --store)\n"
    )


def test_results_are_capped(store_dir: Path) -> None:
    from rdflib import Graph, Literal, URIRef

    g = Graph()
    for i in range(50):
        g.add((URIRef(f"http://ex/s{i}"), URIRef("http://ex/p"), Literal(i)))
    with open_store(store_dir, write=True) as store:
        store.replace_graph("http://ex/g", g)
    with start_server(store_dir, port=free_port(), timeout=5, limit=7) as server:
        data = ask(server.query_url, "SELECT ?s WHERE { ?s <http://ex/p> ?o }")
        assert len(data["results"]["bindings"]) == 7
        for accept, count in (("text/csv", 8), ("text/tab-separated-values", 8)):
            request = urllib.request.Request(server.query_url + "?query=" + urllib.parse.quote(
                "SELECT ?s WHERE { ?s <http://ex/p> ?o }"), headers={"Accept": accept})
            with urllib.request.urlopen(request, timeout=10) as response:
                assert response.headers["X-Results-Truncated"] == "true"
                assert len(response.read().decode().strip().splitlines()) == count
        small = ask(server.query_url, "SELECT ?s WHERE { ?s <http://ex/p> 3 }")
        assert len(small["results"]["bindings"]) == 1
        xml = SPARQLWrapper(server.query_url)
        xml.setQuery("SELECT ?s WHERE { ?s <http://ex/p> ?o }")
        results = xml.query().convert()  # SPARQL XML results, cut as well
        assert len(results.getElementsByTagName("result")) == 7
        triples = SPARQLWrapper(server.query_url)
        triples.setQuery("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        assert len(triples.query().convert()) == 7


def test_cli_refuses_a_bad_allow_service(filled: Path, runner) -> None:
    from kg.cli import cli

    result = runner.invoke(cli, ["--store", str(filled), "serve", "--allow-service", "file:///etc/passwd"])
    assert result.exit_code == 2
    assert "Invalid value for '--allow-service': 'file:///etc/passwd' is not an http(s) URL" in result.stderr


def test_a_query_that_names_its_dataset_gets_exactly_that(filled: Path) -> None:
    """FROM and FROM NAMED turn the union default graph off (issue 15), as in the embedded store."""
    with open_store(filled, write=True) as store:
        put_article(store, "a2", S400)
    graph = "https://w3id.org/armskg/id/article/a1"
    deals = "PREFIX akg: <https://w3id.org/armskg/ontology#> SELECT (COUNT(?d) AS ?n) {} WHERE {{ ?d a akg:ArmsDeal }}"
    with start_server(filled, port=free_port(), timeout=5) as server:
        union = ask(server.query_url, deals.format(""))["results"]["bindings"][0]["n"]["value"]
        one = ask(server.query_url, deals.format(f"FROM <{graph}>"))["results"]["bindings"][0]["n"]["value"]
        assert (int(union), int(one)) == (2, 1)
        named = ask(server.query_url, f"SELECT DISTINCT ?g FROM NAMED <{graph}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}")
        assert [b["g"]["value"] for b in named["results"]["bindings"]] == [graph]
