"""Articles -> facts -> RDF -> store, one named graph per article.

A batch (:func:`ingest_paths`) reads files, folders, globs, JSON Lines (plain
or gzip'd) and HTML pages (:mod:`kg.loaders`); each bad file or line is
reported and skipped. An article whose content hash is already in the store
is skipped without extraction; a changed one replaces its graph. Extraction
is the map ``kg extract`` runs (:mod:`kg.shards`), on the local engine
(:mod:`kg.engines`): with ``jobs > 1`` it runs in worker processes while this
process, the store's single writer, stores each result in one transaction,
so a crash never leaves an article half-written.

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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from kg.extract import EXTRACTOR_VERSION, extract
from kg.facts import Article
from kg.mapping import article_iri, to_graph
from kg.store import Store
from kg.vocab import AKG

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    """What happened to one article."""

    article: str
    status: str  # "ingested" | "replaced" | "unchanged"
    facts: int = 0


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

    def add(self, outcome: Outcome) -> None:
        if outcome.status == "unchanged":
            self.skipped += 1
        else:
            self.articles += 1
            self.facts += outcome.facts
            if outcome.status == "replaced":
                self.replaced += 1

    def summary(self) -> str:
        def n(count: int, word: str) -> str:
            return f"{count} {word}{'' if count == 1 else 's'}"

        return (
            f"{n(self.articles, 'article')} ingested ({self.replaced} replaced), {n(self.facts, 'fact')}, "
            f"{self.skipped} unchanged, {n(len(self.errors), 'error')}"
        )


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
    store.replace_graph(iri, to_graph(extraction, digest))
    return Outcome(article.id, "replaced" if previous else "ingested", len(extraction.facts))


#: Articles per batch: in this process, and in each worker of the local pool (small, for balance).
SERIAL_BATCH = 64
POOL_BATCH = 16

#: The content hashes a worker of ``kg ingest --jobs N`` skips (set once per worker by its initializer).
_WORKER_KNOWN: dict[str, str] = {}


def _set_known(known: dict[str, str]) -> None:
    _WORKER_KNOWN.clear()
    _WORKER_KNOWN.update(known)


class _IngestTask:
    """:func:`kg.shards.extract_batch` with the batch's settings (picklable, for worker processes)."""

    def __init__(self, lang: str | None, limit: int | None, force: bool, known: dict[str, str] | None) -> None:
        self.lang, self.limit, self.force, self.known = lang, limit, force, known

    def __call__(self, batch):
        from kg.shards import extract_batch

        known = self.known if self.known is not None else _WORKER_KNOWN
        return extract_batch(batch, self.lang, self.limit, known, self.force)


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
    """Ingest every article in ``paths`` (files, folders, glob patterns, JSON Lines plain or gzip'd).

    The map is the one ``kg extract`` runs (:func:`kg.shards.extract_batch`
    over :func:`kg.shards.plan_batches`), on the local engine: in this
    process, or in ``jobs`` worker processes; this process, the store's
    single writer, stores each article in one transaction, in input order.
    A bad file, line or article is reported through ``on_error``, counted in
    the report and skipped; the others are stored. ``on_file`` is called after
    each input file has been read (for a progress bar). Articles whose content
    hash the store holds are not extracted again (unless ``force``).
    """
    from kg.engines import EngineError, run_map
    from kg.shards import ArticleError, plan_batches

    report = IngestReport()
    known = stored_hashes(store)
    claimed: dict[str, str] = {}

    def error(message: str) -> None:
        report.errors.append(message)
        if on_error:
            on_error(message)

    def outcome(result: Outcome) -> None:
        report.add(result)
        if on_outcome:
            on_outcome(result)

    if jobs <= 1:
        task, initializer, initargs = _IngestTask(lang, max_bytes, force, known), None, ()
    else:
        task, initializer, initargs = _IngestTask(lang, max_bytes, force, None), _set_known, (dict(known),)
    batches = plan_batches(paths, SERIAL_BATCH if jobs <= 1 else POOL_BATCH)
    try:
        for result in run_map(task, batches, jobs=jobs, initializer=initializer, initargs=initargs):
            for item in result.items:
                if isinstance(item, ArticleError):
                    error(item.message)
                    continue
                if item.iri in claimed:
                    error(f"{item.source}: article id {item.id!r} is already used by {claimed[item.iri]} "
                          "in this batch; give it another id or file name")
                    continue
                claimed[item.iri] = item.source
                previous = known.get(item.iri)
                if item.ntriples is None or (previous == item.digest and not force):
                    outcome(Outcome(item.id, "unchanged"))
                    continue
                store.replace_graph_ntriples(item.iri, item.ntriples)
                known[item.iri] = item.digest
                outcome(Outcome(item.id, "replaced" if previous is not None else "ingested", item.facts))
            if on_file:
                for name in result.files_done:
                    on_file(Path(name))
    except EngineError as e:
        raise RuntimeError("an extraction worker process died; run again with --jobs 1") from e
    return report
