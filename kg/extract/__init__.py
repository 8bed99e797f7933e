"""Text -> facts: find the states, people, alliances and weapons an article names,
and the deals, agreements, sanctions and roles it states.

>>> from kg.facts import Article
>>> ex = extract(Article("t", "test", "La Russie a livré des S-400 à la Turquie en 2019."))
>>> [f.core for f in ex.facts if type(f).__name__ == "Deal"]
[('RUS', 'TUR', 'S-400')]
"""

from __future__ import annotations

from kg.facts import Article, Extraction

#: Bumped whenever extraction output changes, so re-ingest refreshes stored articles.
EXTRACTOR_VERSION = "0.1.0"


def extract(article: Article, lang: str | None = None) -> Extraction:
    """Extract the entities and facts of one article (``lang`` overrides detection)."""
    from kg.extract.engine import run

    return run(article, lang)


__all__ = ["EXTRACTOR_VERSION", "extract"]
