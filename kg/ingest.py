"""Articles -> facts -> RDF -> store, one named graph per article.

>>> from kg.store import open_store
>>> from kg.facts import Article
>>> store = open_store(":memory:", write=True)
>>> outcome = ingest_article(store, Article("a1", "test", "La Russie a livré des S-400 à la Turquie."))
>>> outcome.status, outcome.facts > 0
('ingested', True)
>>> ingest_article(store, Article("a1", "test", "La Russie a livré des S-400 à la Turquie.")).status
'unchanged'
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
from kg.loaders import LoadError, load_articles
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
    """The summary of a batch: counts and one line per error."""

    articles: int = 0
    facts: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        if outcome.status == "unchanged":
            self.skipped += 1
        else:
            self.articles += 1
            self.facts += outcome.facts

    def summary(self) -> str:
        return (
            f"{self.articles} articles ingested, {self.facts} facts, "
            f"{self.skipped} unchanged, {len(self.errors)} errors"
        )


def content_hash(article: Article, lang: str | None = None) -> str:
    """SHA-256 of what determines an article's graph: text, date, source, language, extractor."""
    h = hashlib.sha256()
    for part in (EXTRACTOR_VERSION, lang or "", article.date or "", article.source, article.url or "",
                 article.title or "", article.text):
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


def stored_hash(store: Store, graph_iri: str) -> str | None:
    """The content hash recorded for an article graph, if it is in the store."""
    rows = store.query(
        f"SELECT ?h WHERE {{ ?a <{AKG.contentHash}> ?h }}", {"a": URIRef(graph_iri)}
    )
    values = rows.values("h")
    return values[0] if values else None


def ingest_article(store: Store, article: Article, lang: str | None = None, force: bool = False) -> Outcome:
    """Extract one article and store it as its own named graph (replacing an older version)."""
    iri = str(article_iri(article))
    digest = content_hash(article, lang)
    previous = stored_hash(store, iri)
    if previous == digest and not force:
        return Outcome(article.id, "unchanged")
    extraction = extract(article, lang=lang)
    store.replace_graph(iri, to_graph(extraction, digest))
    return Outcome(article.id, "replaced" if previous else "ingested", len(extraction.facts))


def ingest_paths(
    store: Store,
    paths: Iterable[Path],
    lang: str | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
    on_error: Callable[[str], None] | None = None,
) -> IngestReport:
    """Ingest every article in ``paths``; a bad file is reported and skipped, not fatal."""
    report = IngestReport()
    for path in paths:
        try:
            for article in load_articles(Path(path)):
                outcome = ingest_article(store, article, lang=lang)
                report.add(outcome)
                if on_outcome:
                    on_outcome(outcome)
        except LoadError as e:
            report.errors.append(str(e))
            if on_error:
                on_error(str(e))
    return report
