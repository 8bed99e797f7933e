"""Batch ingest: formats together, bad items skipped and counted, unchanged articles free, --jobs."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

import kg.ingest
from kg.cli import cli
from kg.ingest import IngestReport, ingest_paths
from kg.mapping import article_iri
from kg.store import open_store

TEXTS = [
    "La France a livré des Rafale à l'Égypte en 2015, selon le ministère.",
    "Russia delivered S-400 systems to Turkey in 2019, officials said.",
    "Les États-Unis ont vendu des Patriot à la Pologne, a annoncé Varsovie.",
]


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def graphs(store_dir: Path) -> list[str]:
    with open_store(store_dir) as store:
        return store.graph_names()


def dump(store_dir: Path) -> set[str]:
    with open_store(store_dir) as store:
        out = io.BytesIO()
        store.export(out, "nquads")
    return set(out.getvalue().decode("utf-8").splitlines())


def iri(article_id: str) -> str:
    return str(article_iri(article_id))


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """A folder mixing good and bad files of every format."""
    root = tmp_path / "in"
    write(root / "a.txt", "date 2021-09\n" + TEXTS[0])
    write(root / "sub" / "b.txt", TEXTS[1].encode("cp1252"))
    write(root / "sub" / "empty.txt", b"")
    write(root / "sub" / "deeper" / "bin.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00")
    j1 = json.dumps({"text": TEXTS[2], "id": "j1"})
    j2 = json.dumps({"text": TEXTS[0], "url": "https://ex.org/j2"})
    write(root / "feed.jsonl", f"{j1}\n{{oops}}\n{j2}\n")
    write(root / "page.html", f"<html><body><article><p>{TEXTS[1]}</p><p>{TEXTS[2]}</p></article></body></html>")
    write(root / "gold.json", "{}")
    return root


def test_cli_batch_mixing_good_and_bad(runner, store_dir, mixed, tmp_path):
    result = runner.invoke(cli, ["--store", str(store_dir), "ingest", str(mixed), str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert result.stdout == ""
    *errors, summary = result.stderr.splitlines()
    assert re.fullmatch(r"5 articles ingested \(0 replaced\), \d+ facts?, 0 unchanged, 4 errors", summary)
    assert errors == [
        f"Error: {mixed}/feed.jsonl, line 2: malformed JSON at column 2: "
        "Expecting property name enclosed in double quotes",
        f"Error: {mixed}/sub/empty.txt: the file is empty",
        f"Error: {mixed}/sub/deeper/bin.txt: looks like a binary file, not text (NUL byte at byte 7)",
        f"Error: {tmp_path}/missing.txt: no such file or folder",
    ]
    assert graphs(store_dir) == sorted(iri(i) for i in ("a", "b", "j1", "https-ex-org-j2", "page"))
    with open_store(store_dir) as store:
        b = store.query("SELECT ?src WHERE { ?a a <https://w3id.org/armskg/ontology#Article> ; "
                        "<http://purl.org/dc/terms/source> ?src }").values("src")
    assert f"{mixed}/sub/b.txt" in b and "https://ex.org/j2" in b


def test_all_bad_leaves_the_store_unchanged(runner, store_dir, tmp_path):
    good = write(tmp_path / "good.txt", TEXTS[0])
    assert runner.invoke(cli, ["--store", str(store_dir), "ingest", str(good)]).exit_code == 0
    before = dump(store_dir)
    bad = write(tmp_path / "bad.txt", b"")
    result = runner.invoke(cli, ["--store", str(store_dir), "ingest", str(bad), str(tmp_path / "*.nomatch")])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        f"Error: {bad}: the file is empty",
        f"Error: {tmp_path}/*.nomatch: no file matches this pattern",
    ]
    assert dump(store_dir) == before


def test_quoted_glob_and_quiet(runner, store_dir, tmp_path):
    for n, text in enumerate(TEXTS):
        write(tmp_path / "news" / f"n{n}.txt", text)
    write(tmp_path / "news" / "zz.txt", b"")
    result = runner.invoke(cli, ["--store", str(store_dir), "ingest", "--quiet", str(tmp_path / "news" / "*.txt")])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path}/news/zz.txt: the file is empty\n"  # no summary, no progress bar
    assert graphs(store_dir) == sorted(iri(f"n{n}") for n in range(3))


def test_reingest_unchanged_is_skipped_and_changed_is_replaced(runner, store_dir, tmp_path, monkeypatch):
    a = write(tmp_path / "a.txt", "date 2020-01\n" + TEXTS[0])
    b = write(tmp_path / "b.txt", TEXTS[1])
    assert runner.invoke(cli, ["--store", str(store_dir), "ingest", str(a), str(b)]).exit_code == 0
    first = dump(store_dir)

    def no_extraction(*args, **kwargs):
        raise AssertionError("an unchanged article was extracted again")

    monkeypatch.setattr(kg.ingest, "extract", no_extraction)
    again = runner.invoke(cli, ["--store", str(store_dir), "ingest", str(a), str(b)])
    assert again.exit_code == 0, again.output
    assert again.stderr == "0 articles ingested (0 replaced), 0 facts, 2 unchanged, 0 errors\n"
    assert dump(store_dir) == first
    monkeypatch.undo()

    write(a, "date 2021-02\n" + TEXTS[2])
    changed = runner.invoke(cli, ["--store", str(store_dir), "ingest", str(a), str(b)])
    assert changed.exit_code == 0
    assert changed.stderr.startswith("1 article ingested (1 replaced), ")
    assert changed.stderr.endswith(", 1 unchanged, 0 errors\n")
    after = dump(store_dir)
    assert not any('"2020-01"' in q for q in after)
    assert any('"2021-02"' in q and f"<{iri('a')}>" in q for q in after)
    assert {q for q in after if iri("b") in q.split()[-2]} == {q for q in first if iri("b") in q.split()[-2]}


def test_jobs_2_gives_the_same_store_as_jobs_1(runner, tmp_path):
    for n in range(12):
        write(tmp_path / "in" / f"art{n:02d}.txt", f"date 2020-{n % 12 + 1:02d}\n{TEXTS[n % 3]} Item {n}.")
    one, two = tmp_path / "s1", tmp_path / "s2"
    r1 = runner.invoke(cli, ["--store", str(one), "ingest", str(tmp_path / "in")])
    r2 = runner.invoke(cli, ["--store", str(two), "ingest", "--jobs", "2", str(tmp_path / "in")])
    assert (r1.exit_code, r2.exit_code) == (0, 0)
    assert r1.stderr == r2.stderr
    assert r1.stderr.startswith("12 articles ingested (0 replaced)")
    assert dump(one) == dump(two)
    assert len(graphs(two)) == 12


def test_max_bytes_option(runner, store_dir, tmp_path, monkeypatch):
    big = write(tmp_path / "big.txt", "x" * 2000)
    small = write(tmp_path / "small.txt", TEXTS[0])
    result = runner.invoke(cli, ["--store", str(store_dir), "ingest", "--max-bytes", "1000", str(big), str(small)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"Error: {big}: 2,000 bytes is over the size limit of 1,000 bytes; "
        "raise it with --max-bytes N or KG_MAX_BYTES=N")
    assert graphs(store_dir) == [iri("small")]
    monkeypatch.setenv("KG_MAX_BYTES", "1500")
    assert "size limit of 1,500 bytes" in runner.invoke(cli, ["--store", str(store_dir), "ingest", str(big)]).stderr
    assert runner.invoke(cli, ["--store", str(store_dir), "ingest", "--max-bytes", "5000", str(big)]).exit_code == 0
    result = runner.invoke(cli, ["--store", str(store_dir), "ingest", "--max-bytes", "0", str(big)])
    assert result.exit_code == 2 and "0 is not in the range x>=1" in result.stderr


def test_duplicate_ids_in_one_batch(runner, store_dir, tmp_path):
    a1 = write(tmp_path / "x" / "same.txt", TEXTS[0])
    a2 = write(tmp_path / "y" / "same.txt", TEXTS[1])
    result = runner.invoke(cli, ["--store", str(store_dir), "ingest", str(a1), str(a2)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"Error: {a2}: article id 'same' is already used by {a1} in this batch; give it another id or file name")


def test_an_extraction_failure_skips_only_that_article(store_dir, tmp_path, monkeypatch):
    write(tmp_path / "a.txt", TEXTS[0])
    write(tmp_path / "boom.txt", "explode here")
    real = kg.ingest.extract

    def flaky(article, lang=None):
        if "explode" in article.text:
            raise IndexError("list index out of range")
        return real(article, lang=lang)

    monkeypatch.setattr(kg.ingest, "extract", flaky)
    errors: list[str] = []
    with open_store(store_dir, write=True) as store:
        report = ingest_paths(store, [tmp_path], on_error=errors.append)
    assert errors == [f"{tmp_path}/boom.txt: extraction failed (IndexError: list index out of range); "
                      "please report this article"]
    assert (report.articles, len(report.errors)) == (1, 1)
    assert graphs(store_dir) == [iri("a")]


def test_jsonl_lang_is_used_and_cli_lang_overrides(store_dir, tmp_path, monkeypatch):
    write(tmp_path / "f.jsonl", '{"text": "Hello.", "id": "e", "lang": "en"}\n{"text": "Bonjour.", "id": "f"}\n')
    seen: dict[str, str | None] = {}
    real = kg.ingest.extract

    def spy(article, lang=None):
        seen[article.id] = lang
        return real(article, lang=lang)

    monkeypatch.setattr(kg.ingest, "extract", spy)
    with open_store(store_dir, write=True) as store:
        ingest_paths(store, [tmp_path / "f.jsonl"])
        assert seen == {"e": "en", "f": None}
        ingest_paths(store, [tmp_path / "f.jsonl"], lang="fr")
    assert seen == {"e": "fr", "f": "fr"}  # a different language is a different content hash: extracted again


def test_report_summary_counts():
    report = IngestReport(articles=2, facts=5, skipped=3, replaced=1, errors=["a", "b"])
    assert report.summary() == "2 articles ingested (1 replaced), 5 facts, 3 unchanged, 2 errors"
