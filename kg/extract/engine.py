"""Placeholder while the engine is written."""

from kg.facts import Article, Extraction


def run(article: Article, lang: str | None = None) -> Extraction:
    return Extraction(article)
