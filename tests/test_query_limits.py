"""A runaway ``kg query``: Ctrl-C, ``--timeout``, and writers that must not wait for it (real processes)."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.store import open_store
from kg.store.locking import StoreBusy, StoreLock

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"  # 4e8 rows on 20,000 triples
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
ARTICLE = "La Russie a livré des S-400 à la Turquie en 2019.\n"


@pytest.fixture(scope="module")
def big_store(tmp_path_factory) -> Path:
    """A store on which RUNAWAY runs for minutes."""
    path = tmp_path_factory.mktemp("runaway") / "store"
    store = open_store(path, write=True)
    data = "".join(f'<http://ex/s{i}> <http://ex/p> "{i}" .\n' for i in range(20000))
    store.oxigraph.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode("http://ex/g"))
    store.close()
    return path


def start_query(kg_bin: str, store: Path, *args: str, env: dict | None = None) -> subprocess.Popen:
    """Start ``kg query`` and give it time to be inside the engine."""
    proc = subprocess.Popen([kg_bin, "--store", str(store), "query", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    time.sleep(1.5)
    assert proc.poll() is None, proc.communicate()
    return proc


def test_ctrl_c_stops_a_running_query(kg_bin, big_store):
    proc = start_query(kg_bin, big_store, RUNAWAY)
    proc.send_signal(signal.SIGINT)
    try:
        out, err = proc.communicate(timeout=5)  # it used to run on until killed
    finally:
        proc.kill()
    assert proc.returncode == 130
    assert err == "Interrupted.\n"
    assert out == ""


def test_timeout_ends_a_query_with_one_line(kg_bin, big_store):
    result = subprocess.run([kg_bin, "--store", str(big_store), "query", RUNAWAY, "--timeout", "0.5"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 124
    assert result.stderr == "Error: the query timed out after 0.5 s (--timeout, KG_QUERY_TIMEOUT)\n"
    assert result.stdout == ""


def test_timeout_from_the_environment(kg_bin, big_store):
    import os

    env = {**os.environ, "KG_QUERY_TIMEOUT": "0.5"}
    result = subprocess.run([kg_bin, "--store", str(big_store), "query", RUNAWAY], capture_output=True,
                            text=True, timeout=60, env=env)
    assert result.returncode == 124
    assert "timed out after 0.5 s" in result.stderr


def test_a_query_within_its_timeout_answers(kg_bin, big_store):
    result = subprocess.run([kg_bin, "--store", str(big_store), "query", COUNT, "--timeout", "30",
                             "--format", "csv"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1] == "20000"


@pytest.mark.parametrize("value", ["0", "-1", "soon"])
def test_a_bad_timeout_is_refused(kg_bin, big_store, value):
    result = subprocess.run([kg_bin, "--store", str(big_store), "query", COUNT, "--timeout", value],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "--timeout" in result.stderr


def test_a_long_query_does_not_keep_a_writer_waiting(kg_bin, big_store, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    reader = start_query(kg_bin, big_store, RUNAWAY)
    try:
        writer = subprocess.run([kg_bin, "--store", str(big_store), "ingest", "--quiet", "--wait", "5", str(article)],
                                capture_output=True, text=True, timeout=120)
        assert writer.returncode == 0, writer.stderr  # it used to fail with "in use" after 5 s
        assert reader.poll() is None  # the query was still running all along
    finally:
        reader.kill()
        reader.wait()


def test_a_reader_keeps_its_snapshot_while_a_writer_replaces_and_compacts(kg_bin, tmp_path):
    path = tmp_path / "store"
    store = open_store(path, write=True)
    data = "".join(f'<http://ex/s{i}> <http://ex/p> "{i}" .\n' for i in range(5000))
    store.oxigraph.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode("http://ex/g"))
    store.close()
    reader = open_store(path)
    assert reader.query(COUNT).values("n") == [5000]
    code = ("import sys; from kg.store import open_store; s = open_store(sys.argv[1], write=True); "
            "s.drop_graph('http://ex/g'); "
            "s.update('INSERT DATA { GRAPH <http://ex/h> { <http://ex/a> <http://ex/b> 1 } }'); "
            "s.optimize(); s.close()")
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, timeout=120)
    assert reader.query(COUNT).values("n") == [5000]  # the files it read are gone from the folder
    assert reader.query("SELECT ?o WHERE { ?s <http://ex/p> ?o } ORDER BY ?o LIMIT 1").values("o") == ["0"]
    reader.close()
    assert open_store(path).query(COUNT).values("n") == [1]


def test_a_waiting_writer_goes_before_new_readers(tmp_path):
    (tmp_path / "armskg.lock").touch()
    old_reader = StoreLock(tmp_path, exclusive=False).acquire()  # as `kg serve` holds it
    got: list[str] = []
    writer = threading.Thread(target=lambda: (StoreLock(tmp_path, exclusive=True, wait=10).acquire(),
                                              got.append("writer")))
    writer.start()
    time.sleep(0.3)  # the writer is now waiting for the old reader
    with pytest.raises(StoreBusy):
        StoreLock(tmp_path, exclusive=False, wait=0.2).acquire()  # a new reader queues behind the writer
    old_reader.release()
    writer.join(5)
    assert got == ["writer"]
