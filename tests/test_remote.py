"""The same store tests against the embedded store, a real Oxigraph server and a real Virtuoso on 127.0.0.1.

Virtuoso is Debian's ``virtuoso-opensource`` (``make test`` installs it when run as root): the tests
create its database in a temporary folder, grant SPARQL updates to anonymous clients and to a user
with a password, and stop it at the end.
"""

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
from kg.sipri import import_sipri
from kg.store import QueryError, StoreError, open_store
from kg.store.remote import RemoteStore, endpoints
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


def wait_for(port: int, process: subprocess.Popen, seconds: float = 20.0, name: str = "oxigraph") -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{name} did not start listening in time")


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


VIRTUOSO_INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = .
CheckpointInterval = 0
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {dir}
ServerThreads = 10
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 0
"""
#: Anonymous clients may update (as an Oxigraph server allows); the user kg may too, at /sparql-auth.
VIRTUOSO_GRANTS = """GRANT SPARQL_UPDATE TO "SPARQL";
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);
DB.DBA.USER_CREATE ('kg', 'kg-secret');
GRANT SPARQL_UPDATE TO "kg";
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('kg', 7);
"""
VIRTUOSO_USER = ("kg", "kg-secret")


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """A Virtuoso 7 server on 127.0.0.1 with a fresh database; its SPARQL URL, as users copy it."""
    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt") or shutil.which("isql")
    if not binary or not isql:
        pytest.skip("Virtuoso (Debian virtuoso-opensource) is not installed")
    folder = tmp_path_factory.mktemp("virtuoso")
    sql, http = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(VIRTUOSO_INI.format(dir=folder, sql=sql, http=http), encoding="utf-8")
    (folder / "grants.sql").write_text(VIRTUOSO_GRANTS, encoding="utf-8")
    process = subprocess.Popen([binary, "-f", "-c", str(folder / "virtuoso.ini")], cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(sql, process, 180, "virtuoso")
        wait_for(http, process, 60, "virtuoso")
        subprocess.run([isql, f"127.0.0.1:{sql}", "dba", "dba", str(folder / "grants.sql")], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
        yield f"http://127.0.0.1:{http}/sparql"
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(params=[pytest.param("server", marks=pytest.mark.server),
                        pytest.param("virtuoso", marks=pytest.mark.server)])
def endpoint(request) -> str:
    """The URL of each SPARQL server the tests start."""
    return request.getfixturevalue(request.param)


def clear(store) -> None:
    """Empty a server of the project's graphs (Virtuoso's own graphs stay: it needs them)."""
    for name in store.graph_names() + [str(LABELS_GRAPH)]:
        store.update(f"DROP SILENT GRAPH <{name}>")


@pytest.fixture(params=["embedded", pytest.param("remote", marks=pytest.mark.server),
                        pytest.param("virtuoso", marks=pytest.mark.server)])
def store(request, tmp_path):
    if request.param == "embedded":
        s = open_store(tmp_path / "store", write=True)
    else:
        s = open_store(request.getfixturevalue("server" if request.param == "remote" else "virtuoso"))
        clear(s)
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
    assert b"\\/" not in turtle.getvalue() and f"<{a1}>".encode() in turtle.getvalue()  # full IRIs, no escapes
    graphs = " ".join(f"<{g}>" for g in store.graph_names())  # the label index is left out of exports
    distinct = store.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { "
                           f"VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?s ?p ?o }} }} }}")
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


def test_cli_against_server(endpoint: str, tmp_path: Path, runner) -> None:
    with open_store(endpoint) as s:
        clear(s)
        put_article(s, "a1", S400)
    result = runner.invoke(cli, ["--store", endpoint, "query", "deals", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].startswith("Russia,Turkey,S-400,")
    out = tmp_path / "graph.nq"
    result = runner.invoke(cli, ["--store", endpoint, "export", "--format", "nquads", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").count(" .\n") == open_store(endpoint).count()


def test_unreachable_server_is_one_line(runner) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(StoreError, match=r"cannot reach the SPARQL server at http://127\.0\.0\.1:\d+: .*fix --store"):
        open_store(url).count()
    result = runner.invoke(cli, ["--store", url, "query", "SELECT * WHERE { ?s ?p ?o }"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot reach the SPARQL server at {url}")
    assert len(result.stderr.splitlines()) == 1


def test_wrong_path_is_404(endpoint: str) -> None:
    with pytest.raises(StoreError, match="HTTP 404 Not Found; check the --store URL.*KG_SPARQL_QUERY"):
        open_store(endpoint.removesuffix("/sparql") + "/nothing/here").count()


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
    monkeypatch.delenv("KG_SPARQL_QUERY")
    monkeypatch.delenv("KG_SPARQL_GSP")
    virtuoso = endpoints("http://h:8890/sparql/")
    assert (virtuoso.query, virtuoso.update, virtuoso.gsp, virtuoso.layout) == (
        "http://h:8890/sparql", "http://h:8890/sparql", "http://h:8890/sparql-graph-crud", "virtuoso")
    assert endpoints("http://h:8890") == virtuoso
    secured = endpoints("http://h:8890/sparql", authenticated=True)
    assert (secured.query, secured.gsp) == ("http://h:8890/sparql-auth", "http://h:8890/sparql-graph-crud-auth")
    assert endpoints("http://u:p@h:3030/ds").query == "http://h:3030/ds/query"


def test_from_names_the_dataset(store) -> None:
    a1 = put_article(store, "a1", S400)
    put_article(store, "a2", F35)
    query = AKG + "SELECT ?w {} WHERE {{ ?d akg:weapon ?w }}"
    assert len(store.query(query.format(""))) == 2  # no FROM: the union of the graphs
    assert store.query(query.format(f"FROM <{a1}>")).values("w") == [str(entity_iri(Ref.weapon("S-400")))]
    named = store.query(AKG + f"SELECT ?g ?w FROM NAMED <{a1}> WHERE {{ GRAPH ?g {{ ?d akg:weapon ?w }} }}")
    assert [(str(r["g"]), r["w"]) for r in named] == [(a1, entity_iri(Ref.weapon("S-400")))]
    # FROM NAMED alone: the default graph is empty, as SPARQL says
    assert len(store.query(query.format(f"FROM NAMED <{a1}>"))) == 0


def test_long_queries_are_posted(store) -> None:
    put_article(store, "a1", S400)
    padding = "# " + "x" * 3000 + "\n"  # beyond what a GET may carry
    assert store.query(padding + AKG + "SELECT ?w WHERE { ?d akg:weapon ?w }").values("w") == [str(
        entity_iri(Ref.weapon("S-400")))]


def test_names_are_compared_as_terms(store) -> None:
    """A weapon keeps its label: the aliases are told apart by property, not by a boolean Virtuoso gives as 1."""
    from kg.analysis import project

    article = Article("a1", "a1.txt", "text", date="2021-09", lang="fr")
    entities = ENTITIES[:-2] + (Entity(Ref.weapon("S-400"), (("S-400", ""),), ("48N6", "Triumf")),)
    store.replace_graph(str(article_iri(article)), to_graph(Extraction(article, entities, (S400,))))
    node = project(store).nodes[str(entity_iri(Ref.weapon("S-400")))]
    assert (node["label"], node["aliases"]) == ("S-400", ["48N6", "Triumf"])


@pytest.mark.server
def test_virtuoso_system_graphs_left_out(virtuoso: str, runner) -> None:
    from kg.stats import stats

    with open_store(virtuoso) as s:
        clear(s)
        assert s.graph_names() == [] and s.count() == 0
        assert s.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").values("n")[0] > 1000  # its own graphs
        a1 = put_article(s, "a1", S400)
        data = stats(s)
        assert list(data["graphs"]) == [a1] and data["triples"] == data["graphs"][a1] == s.count()
    result = runner.invoke(cli, ["--store", virtuoso, "export", "--format", "nquads", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert {line.rsplit(" ", 2)[-2] for line in result.stdout.splitlines()} == {f"<{a1}>"}


@pytest.mark.server
def test_virtuoso_digest_credentials(virtuoso: str, monkeypatch, runner) -> None:
    user, password = VIRTUOSO_USER
    secured = virtuoso.replace("http://", f"http://{user}:{password}@")
    with open_store(secured) as s:
        assert s.location == virtuoso and s.endpoints.update.endswith("/sparql-auth")
        clear(s)
        put_article(s, "a1", S400)
        assert len(s.query(open_query("deals"))) == 1
    monkeypatch.setenv("KG_SPARQL_USER", user)
    monkeypatch.setenv("KG_SPARQL_PASSWORD", password)
    assert len(open_store(virtuoso + "-auth").query(open_query("deals"))) == 1
    monkeypatch.setenv("KG_SPARQL_PASSWORD", "wrong-secret")
    result = runner.invoke(cli, ["--store", virtuoso, "query", "deals"])
    assert result.exit_code == 1
    assert "HTTP 401" in result.stderr and "KG_SPARQL_USER" in result.stderr
    assert "wrong-secret" not in result.output + result.stderr
    result = runner.invoke(cli, ["--store", secured.replace(password, "wrong-secret"), "stats"])
    assert result.exit_code == 1 and "wrong-secret" not in result.stderr and "kg:" not in result.stderr


class _BasicAuthServer:
    """A SPARQL endpoint on 127.0.0.1 that answers every ASK true, behind HTTP basic authentication."""

    def __init__(self, headers: dict[str, str] | None = None) -> None:
        self.headers = headers or {}

    def __enter__(self) -> str:
        import base64
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        expected = "Basic " + base64.b64encode(b"ann:s3cret:x").decode("ascii")
        extra = self.headers

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the http.server protocol
                if self.headers.get("Authorization") != expected:
                    self.send_response(401)
                    self.send_header("WWW-Authenticate", 'Basic realm="sparql"')
                    self.end_headers()
                    return
                body = b'{"head": {}, "boolean": true}'
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                for name, value in extra.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/ds"

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def test_basic_credentials(monkeypatch) -> None:
    for name in ("KG_SPARQL_USER", "KG_SPARQL_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    with _BasicAuthServer() as url:
        with pytest.raises(StoreError, match="HTTP 401.*KG_SPARQL_USER and KG_SPARQL_PASSWORD"):
            open_store(url).query("ASK {}")
        secured = url.replace("http://", "http://ann:s3cret%3Ax@")
        assert open_store(secured).query("ASK {}").boolean is True
        monkeypatch.setenv("KG_SPARQL_USER", "ann")
        monkeypatch.setenv("KG_SPARQL_PASSWORD", "s3cret:x")
        assert open_store(url).query("ASK {}").boolean is True


@pytest.mark.server
def test_a_cut_graph_download_is_an_error(endpoint: str, monkeypatch) -> None:
    """Virtuoso's Graph Store cuts a graph at ResultSetMaxRows without a word: export counts what it got."""
    store = open_store(endpoint)
    clear(store)
    put_article(store, "a1", S400)
    send = store._send

    def cut(method, url, *args, **kwargs):
        content_type, body = send(method, url, *args, **kwargs)
        return (content_type, b"".join(body.splitlines(keepends=True)[:3])) if kwargs.get("what") == "download" \
            else (content_type, body)

    monkeypatch.setattr(store, "_send", cut)
    with pytest.raises(StoreError, match=r"sent 3 of the \d+ triples of https://w3id.org/armskg/id/article/a1"):
        store.export(io.BytesIO(), "nquads")


def test_a_cut_answer_is_an_error() -> None:
    """Virtuoso cuts answers at ResultSetMaxRows (10,000 in Debian's virtuoso.ini) and says so in a header."""
    cut = "cut the answer at 10000 rows; raise its limit .*ResultSetMaxRows"
    with _BasicAuthServer({"X-SPARQL-MaxRows": "10000"}) as url, pytest.raises(StoreError, match=cut):
        open_store(url.replace("http://", "http://ann:s3cret%3Ax@")).query("ASK {}")


def test_stuck_server_times_out(runner, monkeypatch) -> None:
    with socket.socket() as listener:  # accepts connections, never answers
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        url = f"http://127.0.0.1:{listener.getsockname()[1]}"
        started = time.monotonic()
        with pytest.raises(StoreError, match=r"did not answer within 0\.5 s; raise --timeout"):
            RemoteStore(url, timeout=0.5).count()
        assert time.monotonic() - started < 5
        result = runner.invoke(cli, ["--store", url, "--timeout", "0.5", "stats"])
        assert result.exit_code == 1 and "did not answer within 0.5 s" in result.stderr
        monkeypatch.setenv("KG_SPARQL_TIMEOUT", "0.4")
        result = runner.invoke(cli, ["--store", url, "stats"])
        assert result.exit_code == 1 and "did not answer within 0.4 s" in result.stderr


@pytest.mark.server
def test_failed_upload_leaves_the_article_to_redo(endpoint: str, monkeypatch) -> None:
    """An upload that fails midway changes neither the graph, nor its content hash, nor the label index."""
    from kg.ingest import stored_hash
    from kg.store import labelindex

    store = RemoteStore(endpoint, batch_bytes=300)  # each article goes up in several pieces
    clear(store)
    known = Article("ok-1", "ok-1.txt", "La Russie a livré des S-400 à la Turquie en 2019.", date="2019-07")
    fresh = Article("new-1", "new-1.txt", "Paris a vendu des Rafale à l'Inde en 2016.", date="2016-09")
    assert ingest_article(store, known).status == "ingested"
    index = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{LABELS_GRAPH}> {{ ?s ?p ?o }} }}"
    index_before, hash_before = sorted(map(str, store.query(index).rows)), stored_hash(store, str(article_iri(known)))
    send = store._send

    def failing_send(method, url, *args, **kwargs):
        if kwargs.get("what") == "upload" and failing_send.uploads == 2:
            raise StoreError("the SPARQL server went away")
        failing_send.uploads += kwargs.get("what") == "upload"
        return send(method, url, *args, **kwargs)

    monkeypatch.setattr(store, "_send", failing_send)
    for article in (known, fresh):
        failing_send.uploads = 0
        with pytest.raises(StoreError, match="went away"):
            ingest_article(store, article, force=True)
    assert store.graph_names() == [str(article_iri(known))]
    assert stored_hash(store, str(article_iri(known))) == hash_before
    assert stored_hash(store, str(article_iri(fresh))) is None
    assert sorted(map(str, store.query(index).rows)) == index_before
    monkeypatch.setattr(store, "_send", send)
    assert ingest_article(store, fresh).status == "ingested"  # not "unchanged": it is redone
    assert ingest_article(store, fresh).status == "unchanged"
    kept = sorted(map(str, store.query(index).rows))
    store.update(labelindex.REBUILD)
    assert kept == sorted(map(str, store.query(index).rows))  # the index is what a rebuild makes


def test_every_ready_made_query_answers_as_embedded(store, tmp_path: Path) -> None:
    """Each server gives the embedded store's answers, compared as RDF terms, and the same projection."""
    from kg.analysis import project
    from kg.queries import list_queries
    from tests import graphdata

    reference = graphdata.fill(open_store(tmp_path / "reference", write=True))
    graphdata.fill(store)
    def value(v):  # GROUP_CONCAT: of nothing, "" in Virtuoso and unbound in Oxigraph; its order is the engine's
        if v == Literal(""):
            return None
        if isinstance(v, Literal) and "; " in str(v):
            return Literal("; ".join(sorted(str(v).split("; "))), lang=v.language, datatype=v.datatype)
        return v

    def rows(results) -> list[str]:
        return sorted(repr({k: value(v) for k, v in row.items()}) for row in results.rows)

    for info in list_queries():
        expected, got = reference.query(info.text), store.query(info.text)
        assert got.variables == expected.variables, info.name
        assert rows(got) == rows(expected), info.name
    mine, theirs = project(store), project(reference)
    assert dict(mine.nodes(data=True)) == dict(theirs.nodes(data=True))
    assert sorted(mine.edges(data="relation")) == sorted(theirs.edges(data="relation"))
