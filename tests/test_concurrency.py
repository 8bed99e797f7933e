"""Two ``kg ingest`` at once on one store, and a ``kg query`` during a write (real processes)."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from tests.test_crash import wal_bytes  # RocksDB may delete a log while it is measured

pytestmark = pytest.mark.slow

COUNT = "SELECT (COUNT(?a) AS ?n) WHERE { ?a a <https://w3id.org/armskg/ontology#Article> }"


def make_batch(folder: Path, count: int, word: str = "Dépêche") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"{word.lower()}-{i:05d}.txt").write_text(
            f"date 2020-{i % 12 + 1:02d}\nLa France a livré {i % 50 + 2} Rafale à la Grèce en 2021. {word} {i}.\n",
            encoding="utf-8")
    return folder


def start_writer(kg_bin: str, store: Path, inputs: Path) -> subprocess.Popen:
    """Start a long ``kg ingest`` and return once it has written (so it surely holds the store)."""
    before = wal_bytes(store)
    proc = subprocess.Popen([kg_bin, "--store", str(store), "ingest", "--quiet", str(inputs)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while wal_bytes(store) <= before and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert proc.poll() is None, "the writer finished before the test could overlap it: make the batch bigger"
    return proc


def kg(kg_bin: str, store: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([kg_bin, "--store", str(store), *args], capture_output=True, text=True, timeout=timeout)


def count(kg_bin: str, store: Path) -> int:
    result = kg(kg_bin, store, "query", "--format", "csv", COUNT)
    assert result.returncode == 0, result.stderr
    return int(result.stdout.splitlines()[1])


@pytest.fixture
def prepared(kg_bin, tmp_path) -> tuple[Path, Path]:
    """A store already holding 10 articles, and a batch of 3,000 more."""
    store = tmp_path / "store"
    assert kg(kg_bin, store, "ingest", "--quiet", str(make_batch(tmp_path / "old", 10, "Ancien"))).returncode == 0
    return store, make_batch(tmp_path / "big", 3000)


def test_second_writer_fails_at_once(kg_bin, tmp_path, prepared):
    store, big = prepared
    small = make_batch(tmp_path / "small", 2, "Petit")
    writer = start_writer(kg_bin, store, big)
    try:
        started = time.monotonic()
        second = kg(kg_bin, store, "ingest", str(small), timeout=60)
        elapsed = time.monotonic() - started
        still_writing = writer.poll() is None
    finally:
        out, err = writer.communicate(timeout=600)
    assert still_writing
    assert second.returncode == 1
    assert second.stdout == ""
    assert second.stderr == (
        f"Error: the store {store} is being used by another process; try again when it has finished "
        "(or add --wait SECONDS to queue behind it)\n")
    assert elapsed < 10  # at once: not after the first writer's batch
    assert writer.returncode == 0, err
    assert count(kg_bin, store) == 3010  # the second writer changed nothing


def test_second_writer_queues_with_wait(kg_bin, tmp_path, prepared):
    store, big = prepared
    small = make_batch(tmp_path / "small", 2, "Petit")
    writer = start_writer(kg_bin, store, big)
    try:
        second = kg(kg_bin, store, "ingest", "--wait", "300", str(small))
        first_done = writer.poll()
    finally:
        _, err = writer.communicate(timeout=600)
    assert writer.returncode == 0, err
    assert first_done == 0  # the second one finished only after the first
    assert second.returncode == 0, second.stderr
    assert second.stderr == "2 articles ingested (0 replaced), " + second.stderr.split(", ", 1)[1]
    assert count(kg_bin, store) == 3012


def test_reader_sees_before_or_after_a_write(kg_bin, prepared):
    store, big = prepared
    writer = start_writer(kg_bin, store, big)
    try:
        seen = count(kg_bin, store)
    finally:
        _, err = writer.communicate(timeout=600)
    assert writer.returncode == 0, err
    assert seen in (10, 3010)
    assert count(kg_bin, store) == 3010
