"""The same store tests against the embedded store and a real Oxigraph server on 127.0.0.1."""

from __future__ import annotations

import io
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.cli import cli
from kg.facts import Article, Deal, Entity, Evidence, Extraction, Ref
from kg.ingest import ingest_article
from kg.mapping import LABELS_GRAPH, article_iri, entity_iri, to_graph
from kg.remote import RemoteStore, endpoints
from kg.sipri import import_sipri
from kg.store import QueryError, StoreError, open_store
from tests.test_sipri import NOTES, REGISTER_HEADER, REGISTER_ROWS, write

AKG = "PREFIX akg: <https://w3id.org/armskg/ontology#> "


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_binary() -> str:
    local = Path(sys.executable).parent / "oxigraph"
    found = str(local) if local.exists() else shutil.which("oxigraph")
    if not found:
        pytest.skip("the oxigraph server binary (PyPI oxigraph) is not installed")
    return found


def wait_for(port: int, process: subprocess.Popen, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"oxigraph exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("oxigraph did not start listening in time")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = free_port()
    process = subprocess.Popen(
        [oxigraph_binary(), "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
         "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.kill()
        process.wait()


@pytest.fixture(params=["embedded", pytest.param("remote", marks=pytest.mark.server)])
def store(request, tmp_path):
    if request.param == "embedded":
        s = open_store(tmp_path / "store", write=True)
    else:
        s = open_store(request.getfixturevalue("server"))
        s.update("DROP SILENT ALL")
    yield s
    s.close()


S400 = Deal(Ref.country("RUS"), Ref.country("TUR"), Ref.weapon("S-400"), "agreed", 2017,
            Evidence("La Turquie a acheté des S-400 à la Russie en 2017."))
F35 = Deal(Ref.country("USA"), Ref.country("TUR"), Ref.weapon("F-35"), "cancelled", 2019,
           Evidence("Washington a exclu Ankara du programme F-35."))
ENTITIES = (
    Entity(Ref.country("RUS"), (("Russia", "en"), ("Russie", "fr"))),
    Entity(Ref.country("TUR"), (("Turkey", "en"), ("Turquie", "fr"))),
    Entity(Ref.country("USA"), (("United States", "en"),)),
    Entity(Ref.weapon("S-400"), (("S-400", ""),)),
    Entity(Ref.weapon("F-35"), (("F-35", ""),)),
)


def put_article(store, article_id: str, *deals: Deal) -> str:
    article = Article(article_id, f"{article_id}.txt", "text", date="2021-09", lang="fr")
    store.replace_graph(str(article_iri(article)), to_graph(Extraction(article, ENTITIES, deals)))
    return str(article_iri(article))


def test_replace_query_and_drop(store) -> None:
    a1 = put_article(store, "a1", S400)
    a2 = put_article(store, "a2", F35)
    assert store.graph_names() == sorted([a1, a2])
    deals = store.query(open_query("deals"))
    assert sorted(zip(deals.values("weaponName"), map(str, deals.values("year")))) == [
        ("F-35", "2019"), ("S-400", "2017")]
    bound = store.query(AKG + "SELECT ?d WHERE { ?d akg:supplier ?s }", {"s": entity_iri(Ref.country("RUS"))})
    assert len(bound) == 1
    # replacing a graph replaces it: a1 now holds the F-35 deal, no S-400 left anywhere
    put_article(store, "a1", F35)
    assert store.query(AKG + "ASK { ?d akg:weapon ?w }", {"w": entity_iri(Ref.weapon("S-400"))}).boolean is False
    store.drop_graph(a2)
    assert store.graph_names() == [a1]
    assert store.count() == len(to_graph(Extraction(Article("a1", "a1.txt", "text", date="2021-09", lang="fr"),
                                                    ENTITIES, (F35,))))


def open_query(name: str) -> str:
    from kg.queries import get_query

    return get_query(name).text


def test_construct_ask_update(store) -> None:
    put_article(store, "a1", S400)
    graph = store.query(AKG + "CONSTRUCT { ?d akg:weapon ?w } WHERE { ?d akg:weapon ?w }").graph
    assert [str(o) for o in graph.objects()] == [str(entity_iri(Ref.weapon("S-400")))]
    assert store.query("ASK { ?s ?p 'absent' }").boolean is False
    store.update("INSERT DATA { GRAPH <http://ex/g> { <http://ex/s> <http://ex/p> \"é\\n2\"@fr } }")
    rows = store.query("SELECT ?o WHERE { <http://ex/s> <http://ex/p> ?o }")
    assert rows.rows == [{"o": Literal("é\n2", lang="fr")}]
    with pytest.raises(QueryError, match="SPARQL"):
        store.query("SELEC ?x WHERE { ?x ?y ?z }")


def test_export_round_trip(store) -> None:
    a1 = put_article(store, "a1", S400)
    put_article(store, "a2", F35)
    turtle = io.BytesIO()
    store.export(turtle, "turtle")
    union = Graph().parse(data=turtle.getvalue(), format="turtle")
    distinct = store.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
                           f"FILTER(?g != <{LABELS_GRAPH}>) }} }}")  # the label index is left out of exports
    assert len(union) == distinct.values("n")[0] < store.count()  # entities are described in both graphs
    quads = io.BytesIO()
    store.export(quads, "nquads")
    dataset = Dataset()
    dataset.parse(data=quads.getvalue(), format="nquads")
    assert {str(g.identifier) for g in dataset.graphs() if len(g)} == set(store.graph_names())
    expected = to_graph(Extraction(Article("a1", "a1.txt", "text", date="2021-09", lang="fr"), ENTITIES, (S400,)))
    assert isomorphic(dataset.graph(URIRef(a1)), expected)


def test_sipri_import(store, tmp_path: Path) -> None:
    register = write(tmp_path / "register.csv", NOTES + [REGISTER_HEADER] + REGISTER_ROWS)
    if isinstance(store, RemoteStore):
        store.batch_bytes = 2000  # force the batched upload and the final MOVE
    report = import_sipri(store, register)
    assert report.deals == 4 and store.count() == report.triples
    assert store.graph_names() == [report.graph]
    again = import_sipri(store, register)
    assert store.count() == again.triples


def test_ingest_and_unchanged(store) -> None:
    article = Article("ingest-1", "ingest-1.txt", "La Russie a livré des S-400 à la Turquie en 2019.", date="2019-07")
    assert ingest_article(store, article).status == "ingested"
    assert ingest_article(store, article).status == "unchanged"
    assert store.graph_names() == [str(article_iri(article))]


@pytest.mark.server
def test_cli_against_server(server: str, tmp_path: Path, runner) -> None:
    with open_store(server) as s:
        s.update("DROP SILENT ALL")
        put_article(s, "a1", S400)
    result = runner.invoke(cli, ["--store", server, "query", "deals", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].startswith("Russia,Turkey,S-400,")
    out = tmp_path / "graph.nq"
    result = runner.invoke(cli, ["--store", server, "export", "--format", "nquads", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").count(" .\n") == open_store(server).count()


def test_unreachable_server_is_one_line(runner) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(StoreError, match=r"cannot reach the SPARQL server at http://127\.0\.0\.1:\d+: .*fix --store"):
        open_store(url).count()
    result = runner.invoke(cli, ["--store", url, "query", "SELECT * WHERE { ?s ?p ?o }"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot reach the SPARQL server at {url}")
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.server
def test_wrong_path_is_404(server: str) -> None:
    with pytest.raises(StoreError, match="HTTP 404 Not Found; check the --store URL"):
        open_store(server + "/nothing/here").count()


def test_endpoint_layouts(monkeypatch) -> None:
    for name in ("KG_SPARQL_QUERY", "KG_SPARQL_UPDATE", "KG_SPARQL_GSP"):
        monkeypatch.delenv(name, raising=False)
    assert endpoints("http://h:7878/") == endpoints("http://h:7878")
    assert endpoints("http://h:7878").union_param is True
    fuseki = endpoints("http://h:3030/ds")
    assert (fuseki.query, fuseki.update, fuseki.gsp, fuseki.union_param) == (
        "http://h:3030/ds/query", "http://h:3030/ds/update", "http://h:3030/ds/data", False)
    assert endpoints("http://h:3030/ds/sparql").query == "http://h:3030/ds/sparql"
    graphdb = endpoints("http://h:7200/repositories/arms")
    assert (graphdb.query, graphdb.gsp) == ("http://h:7200/repositories/arms",
                                            "http://h:7200/repositories/arms/rdf-graphs/service")
    monkeypatch.setenv("KG_SPARQL_QUERY", "http://q/sparql")
    monkeypatch.setenv("KG_SPARQL_GSP", "http://q/gsp")
    custom = endpoints("http://h:7878")
    assert (custom.query, custom.update, custom.gsp, custom.union_param) == (
        "http://q/sparql", "http://h:7878/update", "http://q/gsp", False)
