"""Articles -> facts -> RDF -> store, one named graph per article.

A batch (:func:`ingest_paths`) reads files, folders, globs, JSON Lines and
HTML pages (:mod:`kg.loaders`); each bad file or line is reported and
skipped. An article whose content hash is already in the store is skipped
without extraction; a changed one replaces its graph. Extraction is a map
on an engine (:func:`kg.engines.run_map`, as for ``kg extract``): this
process, or with ``jobs > 1`` worker processes or a Dask cluster, while this
process, the store's single writer, applies the review decisions and stores
each result in one transaction, so a crash never leaves an article
half-written.

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

import dataclasses
import hashlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from kg.curation import extraction_graph, load_decisions
from kg.engines import Failure, attempt, run_map
from kg.extract import EXTRACTOR_VERSION, extract
from kg.facts import Article, Extraction
from kg.loaders import (
    FOLDER_SUFFIXES,
    LoadError,
    LoadWarning,
    checked_date,
    expand_all_inputs,
    load_items,
)
from kg.mapping import article_iri
from kg.shards import extraction_error
from kg.store import Store, StoreError
from kg.vocab import AKG


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
    warnings: list[str] = field(default_factory=list)
    #: The sources of the articles written to the store, in order.
    stored: list[str] = field(default_factory=list)
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
        text += f", {n(len(self.warnings), 'warning')}" if self.warnings else ""
        if self.orphans:
            text += (f"; {n(len(self.orphans), 'review decision')} no longer match a fact "
                     f"(kg review orphans): {'; '.join(self.orphans)}")
        return text


class WriteFailed(StoreError):
    """The store refused a write (a full disk, say) in the middle of a batch.

    The message is one line; :attr:`stored` and :attr:`not_stored` list the
    sources of the articles on each side (each article is one transaction, so
    none is half-written), and :attr:`report` is the batch so far.
    """

    def __init__(self, reason: str, report: IngestReport, not_stored: list[str]) -> None:
        self.reason, self.report, self.stored, self.not_stored = reason, report, list(report.stored), not_stored
        super().__init__(f"the store could not be written ({reason}): {len(self.stored)} article(s) of this "
                         f"run stored, {len(not_stored)} input(s) not stored")

    def details(self, show: int = 10) -> list[str]:
        """Lines naming what was stored and what was not (the first ``show`` of each)."""
        def listing(items: list[str]) -> str:
            more = f", ... and {len(items) - show} more" if len(items) > show else ""
            return ", ".join(items[:show]) + more

        lines = [f"stored: {listing(self.stored)}"] if self.stored else ["stored: none"]
        lines.append(f"not stored: {listing(self.not_stored)}")
        return lines


def failure_reason(error: BaseException) -> str:
    """The one-line reason of a refused write (``no space left on device``, say).

    >>> failure_reason(OSError("IO error: No space left on device: While appending to file: 000008.log"))
    'no space left on device'
    """
    reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return "no space left on device" if "no space left on device" in reason.lower() else reason


def checked_article(article: Article, warn: Callable[[str], None] | None = None) -> Article:
    """The article with its date checked as a calendar date (:mod:`kg.dates`): an impossible one is dropped
    with a warning, a common spelling (``17/07/2019``) becomes ISO."""
    if article.date is None:
        return article
    date = checked_date(article.date, article.source, warn)
    return article if date == article.date else dataclasses.replace(article, date=date)


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
    article = checked_article(article)
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


#: Articles stored between two flushes of the store: the embedded store's memory then stays bounded
#: (4,000 articles: 653 MB without flushes).
FLUSH_EVERY = 500

#: Articles per task when workers extract: a task's round trip (a millisecond or more on Dask) is then
#: small beside its extraction; one article took a Dask LocalCluster longer than one process (BENCHMARKS.md).
CHUNK = 16


class _Extract:
    """The map of ``kg ingest``: a chunk of tasks -> each article's extraction, or the :class:`Failure` of
    the exception it raised (picklable, for worker processes and Dask).

    It carries the extractor it was given, so that a worker runs the same one as this process.
    """

    def __init__(self, extractor: Callable[..., Extraction]) -> None:
        self.extractor = extractor

    def __call__(self, tasks: tuple[_Task, ...]) -> list[Extraction | Failure]:
        return [attempt(self.extractor, task.article, lang=task.lang) for task in tasks]


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
    on_warning: Callable[[str], None] | None = None,
    articles: Iterable[Article] = (),
    engine: str = "local",
    scheduler: str | None = None,
    on_client: Callable[[object], None] | None = None,
) -> IngestReport:
    """Ingest every article in ``paths`` (files, folders, glob patterns, JSON Lines plain or gzip'd), then
    ``articles`` (already read).

    A bad file, line or article is reported through ``on_error``, counted in
    the report and skipped; the others are stored. What is stored otherwise
    than given (an impossible date left out, a file read as Windows-1252) goes
    to ``on_warning``. A folder with no article files is an error. ``on_file``
    is called after each input file has been read (for a progress bar).
    If the store refuses a write (a full disk), :class:`WriteFailed` says which
    articles were stored and which were not.

    Extraction is the map of :func:`kg.engines.run_map` on ``engine`` (``local``
    with ``jobs`` processes, or ``dask`` at ``scheduler``, else a LocalCluster
    of ``jobs`` workers) over chunks of :data:`CHUNK` articles (one in this
    process), in input order with a few chunks per worker in flight; this
    process, the store's single writer, applies the review decisions and
    stores each article in one transaction as its extraction comes back.
    ``on_client`` gets the Dask client before it closes.
    """
    report = IngestReport()
    paths = list(paths)
    files = expand_all_inputs(paths)
    known = stored_hashes(store)
    decisions: dict[str, list] = {}
    for decision in load_decisions(store):  # one query for the batch; applied to each article as it is stored
        decisions.setdefault(decision.article, []).append(decision)
    claimed: dict[str, str] = {}
    extra = list(articles)

    def error(message: str) -> None:
        report.errors.append(message)
        if on_error:
            on_error(message)

    def warning(message: str) -> None:
        report.warnings.append(message)
        if on_warning:
            on_warning(message)

    for item in paths:
        folder = Path(item)
        if folder.is_dir() and not expand_all_inputs([folder]):
            looked = ", ".join(sorted(FOLDER_SUFFIXES)) + ", .jsonl.gz, .ndjson.gz"
            error(f"no articles found in {folder} (looked for {looked} files)")

    def outcome(result: Outcome) -> None:
        report.add(result)
        if on_outcome:
            on_outcome(result)

    reading = {"file": -1}  # the index of the file being read (for the report of a failed write)

    def items() -> Iterator[Article | LoadError | LoadWarning]:
        for i, path in enumerate(files):
            reading["file"] = i
            yield from load_items(Path(path), max_bytes)
            if on_file:
                on_file(Path(path))
        reading["file"] = len(files)
        yield from extra

    def tasks() -> Iterator[_Task]:
        for item in items():
            if isinstance(item, LoadError):
                error(str(item))
                continue
            if isinstance(item, LoadWarning):
                warning(item.message)
                continue
            item = checked_article(item, warning)
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

    window: deque[_Task] = deque()  # read for the map, not stored yet, oldest first
    size = 1 if engine == "local" and jobs <= 1 else CHUNK

    def chunks() -> Iterator[tuple[_Task, ...]]:
        chunk: list[_Task] = []
        for task in tasks():
            window.append(task)
            chunk.append(task)
            if len(chunk) >= size:
                yield tuple(chunk)
                chunk = []
        if chunk:
            yield tuple(chunk)

    def unread() -> list[str]:
        """The inputs not read yet when a write fails (the rest of a JSON Lines file being read included)."""
        i = reading["file"]
        rest = [str(p) for p in files[i + 1:]]
        if 0 <= i < len(files) and Path(files[i]).suffix.lower() in (".jsonl", ".ndjson"):
            rest.insert(0, f"{files[i]} (the lines after the last one listed)")
        return rest + ([a.source for a in extra] if i < len(files) else [])

    def store_result(task: _Task, extraction: Extraction) -> None:
        iri = str(article_iri(task.article))
        graph, curated = extraction_graph(store, extraction, task.digest, decisions.get(iri, ()))
        try:
            store.replace_graph(iri, graph)
        except (OSError, StoreError) as e:
            not_stored = [task.article.source, *(t.article.source for t in window), *unread()]
            raise WriteFailed(failure_reason(e), report, not_stored) from None
        known[iri] = task.digest
        report.stored.append(task.article.source)
        if len(report.stored) % FLUSH_EVERY == 0:
            try:
                store.flush()
            except (OSError, StoreError) as e:
                raise WriteFailed(failure_reason(e), report, [*(t.article.source for t in window), *unread()]) \
                    from None
        outcome(Outcome(task.article.id, "replaced" if task.replaces else "ingested", len(extraction.facts),
                        tuple(d.key for d in curated.orphans)))

    for results in run_map(_Extract(extract), chunks(), engine=engine, jobs=jobs, scheduler=scheduler,
                           ordered=True, on_client=on_client):
        for result in results:
            task = window.popleft()
            if isinstance(result, Failure):  # one bad article must not stop a batch
                error(extraction_error(task.article.source, result))
                continue
            store_result(task, result)
    return report
