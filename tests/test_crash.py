"""A real ``kg ingest`` killed with SIGKILL mid-batch leaves a store that opens, with no half-written article."""

from __future__ import annotations

import io
import signal
import subprocess
import time
from pathlib import Path

import pytest
from rdflib import Graph

from kg.extract import extract
from kg.ingest import content_hash
from kg.loaders import load_text_file
from kg.mapping import article_iri, to_graph
from kg.store import open_store

pytestmark = pytest.mark.slow

SENTENCES = [
    "La Russie a livré des systèmes S-400 à la Turquie en {y}, a confirmé Ankara.",
    "Washington a exclu la Turquie du programme F-35 après cet achat.",
    "La France a signé avec l'Inde un contrat pour {n} avions Rafale en {y}.",
    "The United States agreed to sell {n} Patriot batteries to Poland in {y}.",
    "Le président Emmanuel Macron a reçu son homologue égyptien au Caire.",
    "Germany refused to export Leopard 2 tanks to Saudi Arabia in {y}.",
]


def make_batch(folder: Path, count: int) -> list[Path]:
    """``count`` small generated articles (our own sentences, varied so every graph differs)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        body = " ".join(s.format(n=i % 90 + 2, y=1990 + i % 33) for s in (SENTENCES * 2)[i % 6: i % 6 + 3])
        path = folder / f"art-{i:05d}.txt"
        path.write_text(f"date {1990 + i % 33}-{i % 12 + 1:02d}\n{body} Dépêche numéro {i}.\n", encoding="utf-8")
        paths.append(path)
    return paths


def wal_bytes(store: Path) -> int:
    """Bytes in RocksDB's write-ahead logs: grows with every committed write.

    RocksDB deletes old logs while it runs, so a log listed by glob may be gone when it is measured.
    """
    total = 0
    for path in store.glob("*.log") if store.is_dir() else ():
        try:
            total += path.stat().st_size
        except FileNotFoundError:
            continue
    return total


def start_and_kill(kg_bin: str, store: Path, inputs: Path, delay: float, jobs: int = 1) -> int:
    """Start ``kg ingest``, SIGKILL it ``delay`` s after its first write; its return code."""
    if not store.exists():
        open_store(store, write=True).close()  # an empty store, so the first log growth is an article
    before = wal_bytes(store)
    proc = subprocess.Popen([kg_bin, "--store", str(store), "ingest", "--quiet", "--jobs", str(jobs), str(inputs)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while wal_bytes(store) <= before and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    time.sleep(delay)
    workers = children(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stderr.close()
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if alive(pid)], "extraction workers outlived the killed ingest"
    assert jobs == 1 or workers, "no worker processes seen"
    return proc.returncode


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def expected_graph(path: Path) -> tuple[str, set]:
    """The graph a clean ingest of one article stores."""
    article = load_text_file(path)
    return str(article_iri(article)), set(to_graph(extract(article), content_hash(article)))


def stored_graphs(store: Path) -> dict[str, set]:
    with open_store(store) as s:
        names = s.graph_names()
        out = {}
        for name in names:
            g = s.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}").graph
            out[name] = set(g if g is not None else Graph())
    return out


def check_intact(store: Path, paths: list[Path]) -> int:
    """Every graph in the store is exactly a clean article graph; how many there are."""
    expected = dict(expected_graph(p) for p in paths)
    stored = stored_graphs(store)
    assert set(stored) <= set(expected)
    for name, triples in stored.items():
        assert triples == expected[name], f"{name} is half-written"
    return len(stored)


def nquads(store: Path) -> set[str]:
    out = io.BytesIO()
    with open_store(store) as s:
        s.export(out, "nquads")
    return set(out.getvalue().decode("utf-8").splitlines())


@pytest.mark.parametrize("jobs", [1, 2])
def test_sigkill_mid_batch_leaves_only_complete_articles(kg_bin, tmp_path, jobs):
    paths = make_batch(tmp_path / "in", 1500)
    store = tmp_path / "store"
    counts = []
    for delay in (0.05, 0.3):
        code = start_and_kill(kg_bin, store, tmp_path / "in", delay, jobs)
        assert code == -signal.SIGKILL, "the ingest finished before it could be killed: make the batch bigger"
        counts.append(check_intact(store, paths))  # the store opens; what is there is whole
    assert 0 < counts[0] <= counts[1] < len(paths), counts

    # The killed process left no lock behind: the next ingest starts at once, skips what is whole, adds the rest.
    resumed = subprocess.run([kg_bin, "--store", str(store), "ingest", str(tmp_path / "in")],
                             capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    assert resumed.stderr.endswith(f", {counts[1]} unchanged, 0 errors\n")
    assert check_intact(store, paths) == len(paths)

    clean = tmp_path / "clean"
    done = subprocess.run([kg_bin, "--store", str(clean), "ingest", "--quiet", str(tmp_path / "in")],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert nquads(store) == nquads(clean)


def test_killed_while_replacing_keeps_old_or_new_version(kg_bin, tmp_path):
    """Re-ingesting changed articles, killed: each article is its old graph or its new one, never a mix."""
    paths = make_batch(tmp_path / "in", 1500)
    store = tmp_path / "store"
    first = subprocess.run([kg_bin, "--store", str(store), "ingest", "--quiet", str(tmp_path / "in")],
                           capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stderr
    old = dict(expected_graph(p) for p in paths)
    for p in paths:
        p.write_text(p.read_text(encoding="utf-8").replace("Dépêche", "Mise à jour"), encoding="utf-8")
    new = dict(expected_graph(p) for p in paths)
    assert start_and_kill(kg_bin, store, tmp_path / "in", 0.2) == -signal.SIGKILL
    stored = stored_graphs(store)
    assert set(stored) == set(old)  # nothing lost
    versions = ["new" if stored[g] == new[g] else "old" if stored[g] == old[g] else "mixed" for g in stored]
    assert "mixed" not in versions
    assert 0 < versions.count("new") < len(paths)
