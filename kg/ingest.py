"""Articles -> facts -> RDF -> store, one named graph per article.

A batch (:func:`ingest_paths`) reads files, folders, globs, JSON Lines and
HTML pages (:mod:`kg.loaders`); each bad file or line is reported and
skipped. An article whose content hash is already in the store is skipped
without extraction; a changed one replaces its graph. With ``jobs > 1``
extraction runs in worker processes while this process, the store's single
writer, stores each result in one transaction, so a crash never leaves an
article half-written.

>>> from kg.store import open_store
>>> from kg.facts import Article
>>> store = open_store(":memory:", write=True)
>>> outcome = ingest_article(store, Article("a1", "test", "La Russie a livré des S-400 à la Turquie."))
>>> outcome.status
'ingested'
>>> ingest_article(store, Article("a1", "test", "La Russie a livré des S-400 à la Turquie.")).status
'unchanged'
>>> ingest_article(store, Article("a1", "test", "La Russie a livré des S-300 à l'Iran.")).status
'replaced'
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from kg.curation import extraction_graph, load_decisions
from kg.extract import EXTRACTOR_VERSION, extract
from kg.facts import Article, Extraction
from kg.loaders import LoadError, expand_inputs, load_items
from kg.mapping import article_iri
from kg.store import Store
from kg.vocab import AKG

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    """What happened to one article."""

    article: str
    status: str  # "ingested" | "replaced" | "unchanged"
    facts: int = 0
    orphans: tuple[str, ...] = ()  # review decisions whose fact this reading no longer has (fact keys)


@dataclass
class IngestReport:
    """The summary of a batch: counts and one line per error.

    >>> r = IngestReport(); r.add(Outcome("a", "ingested", 3)); r.add(Outcome("b", "unchanged"))
    >>> r.errors.append("x.txt: the file is empty")
    >>> r.summary()
    '1 article ingested (0 replaced), 3 facts, 1 unchanged, 1 error'
    """

    articles: int = 0
    facts: int = 0
    skipped: int = 0
    replaced: int = 0
    errors: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        if outcome.status == "unchanged":
            self.skipped += 1
        else:
            self.articles += 1
            self.facts += outcome.facts
            if outcome.status == "replaced":
                self.replaced += 1
        self.orphans += [f"{outcome.article}: {key}" for key in outcome.orphans]

    def summary(self) -> str:
        def n(count: int, word: str) -> str:
            return f"{count} {word}{'' if count == 1 else 's'}"

        text = (
            f"{n(self.articles, 'article')} ingested ({self.replaced} replaced), {n(self.facts, 'fact')}, "
            f"{self.skipped} unchanged, {n(len(self.errors), 'error')}"
        )
        if self.orphans:
            text += (f"; {n(len(self.orphans), 'review decision')} no longer match a fact "
                     f"(kg review orphans): {'; '.join(self.orphans)}")
        return text


def content_hash(article: Article, lang: str | None = None) -> str:
    """SHA-256 of what determines an article's graph: text, date, source, language, extractor."""
    h = hashlib.sha256()
    for part in (EXTRACTOR_VERSION, lang or article.lang or "", article.date or "", article.source,
                 article.url or "", article.title or "", article.text):
        h.update(part.encode("utf-8", errors="surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def stored_hash(store: Store, graph_iri: str) -> str | None:
    """The content hash recorded for an article graph, if it is in the store."""
    rows = store.query(
        f"SELECT ?h WHERE {{ ?a <{AKG.contentHash}> ?h }}", {"a": URIRef(graph_iri)}
    )
    values = rows.values("h")
    return values[0] if values else None


def stored_hashes(store: Store) -> dict[str, str]:
    """Every article IRI with its recorded content hash (one query for a whole batch)."""
    rows = store.query(f"SELECT ?a ?h WHERE {{ ?a <{AKG.contentHash}> ?h }}")
    return {str(row["a"]): str(row["h"]) for row in rows.rows if row.get("a") is not None}


def ingest_article(store: Store, article: Article, lang: str | None = None, force: bool = False) -> Outcome:
    """Extract one article and store it as its own named graph (replacing an older version)."""
    iri = str(article_iri(article))
    digest = content_hash(article, lang)
    previous = stored_hash(store, iri)
    if previous == digest and not force:
        return Outcome(article.id, "unchanged")
    extraction = extract(article, lang=lang or article.lang)
    graph, curated = extraction_graph(store, extraction, digest)
    store.replace_graph(iri, graph)
    return Outcome(article.id, "replaced" if previous else "ingested", len(extraction.facts),
                   tuple(d.key for d in curated.orphans))


@dataclass(frozen=True)
class _Task:
    article: Article
    lang: str | None
    digest: str
    replaces: bool


def _extract_task(article: Article, lang: str | None) -> Extraction:
    """Worker-side extraction (module level so it pickles)."""
    return extract(article, lang=lang)


def _watch_parent(parent: int) -> None:
    """In a worker: exit as soon as the ingest process is gone (killed), instead of lingering."""
    import os
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="kg-parent-watch").start()


def _pool(jobs: int) -> ProcessPoolExecutor:
    """Worker processes for extraction.

    ``spawn``: workers inherit neither this process's store handles nor its
    lock file descriptor, so a killed ingest leaves nothing holding the store;
    and each worker exits when its parent dies.
    """
    import os

    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_watch_parent,
                               initargs=(os.getpid(),))


def ingest_paths(
    store: Store,
    paths: Iterable[str | Path],
    lang: str | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
    on_error: Callable[[str], None] | None = None,
    *,
    jobs: int = 1,
    max_bytes: int | None = None,
    force: bool = False,
    on_file: Callable[[Path], None] | None = None,
) -> IngestReport:
    """Ingest every article in ``paths`` (files, folders, glob patterns).

    A bad file, line or article is reported through ``on_error``, counted in
    the report and skipped; the others are stored. ``on_file`` is called after
    each input file has been read (for a progress bar).
    """
    report = IngestReport()
    files = expand_inputs(paths)
    known = stored_hashes(store)
    decisions: dict[str, list] = {}
    for decision in load_decisions(store):  # one query for the batch; applied to each article as it is stored
        decisions.setdefault(decision.article, []).append(decision)
    claimed: dict[str, str] = {}

    def error(message: str) -> None:
        report.errors.append(message)
        if on_error:
            on_error(message)

    def outcome(result: Outcome) -> None:
        report.add(result)
        if on_outcome:
            on_outcome(result)

    def tasks() -> Iterator[_Task]:
        for path in files:
            for item in load_items(Path(path), max_bytes):
                if isinstance(item, LoadError):
                    error(str(item))
                    continue
                iri = str(article_iri(item))
                if iri in claimed:
                    error(f"{item.source}: article id {item.id!r} is already used by {claimed[iri]} "
                          "in this batch; give it another id or file name")
                    continue
                claimed[iri] = item.source
                effective = lang or item.lang
                digest = content_hash(item, effective)
                previous = known.get(iri)
                if previous == digest and not force:
                    outcome(Outcome(item.id, "unchanged"))
                    continue
                yield _Task(item, effective, digest, previous is not None)
            if on_file:
                on_file(Path(path))

    def store_result(task: _Task, extraction: Extraction) -> None:
        iri = str(article_iri(task.article))
        graph, curated = extraction_graph(store, extraction, task.digest, decisions.get(iri, ()))
        store.replace_graph(iri, graph)
        known[iri] = task.digest
        outcome(Outcome(task.article.id, "replaced" if task.replaces else "ingested", len(extraction.facts),
                        tuple(d.key for d in curated.orphans)))

    def failed(task: _Task, e: BaseException) -> None:
        log.debug("extraction failed for %s", task.article.source, exc_info=e)
        first = str(e).splitlines()[0] if str(e).strip() else ""
        error(f"{task.article.source}: extraction failed ({type(e).__name__}: {first}); please report this article")

    if jobs <= 1:
        for task in tasks():
            try:
                extraction = extract(task.article, lang=task.lang)
            except Exception as e:  # noqa: BLE001 - one bad article must not stop a batch
                failed(task, e)
                continue
            store_result(task, extraction)
        return report

    pool: ProcessPoolExecutor | None = None
    window: deque[tuple[_Task, Future]] = deque()
    try:
        for task in tasks():
            if pool is None:
                pool = _pool(jobs)
            window.append((task, pool.submit(_extract_task, task.article, task.lang)))
            if len(window) >= 4 * jobs:
                _drain_one(window, store_result, failed)
        while window:
            _drain_one(window, store_result, failed)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    return report


def _drain_one(window, store_result, failed) -> None:
    """Store the oldest submitted extraction (results are stored in input order)."""
    from concurrent.futures.process import BrokenProcessPool

    task, future = window.popleft()
    try:
        extraction = future.result()
    except BrokenProcessPool:
        raise RuntimeError("an extraction worker process died; run again with --jobs 1") from None
    except Exception as e:  # noqa: BLE001 - one bad article must not stop a batch
        failed(task, e)
        return
    store_result(task, extraction)
