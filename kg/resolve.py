"""Find entities in the store by key, label or alias, ignoring case and accents.

>>> from kg.store import open_store
>>> find_entities(open_store(":memory:", write=True), "turquie")
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import URIRef

from kg.facts import slug
from kg.mapping import LABELS_GRAPH
from kg.store import Store


@dataclass(frozen=True)
class Match:
    iri: str
    label: str
    type: str


class AmbiguousName(LookupError):
    """A name matches several entities; the message lists them."""


class UnknownName(LookupError):
    """No entity has this key, label or alias."""


_ENTITY_CLASSES = ("Country", "Alliance", "Person", "WeaponSystem")
_ENTITY_SPACE = "https://w3id.org/armskg/id/"
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


_NAMES = f"""SELECT ?e ?n WHERE {{
  {{ GRAPH <{LABELS_GRAPH}> {{ ?e <http://www.w3.org/2000/01/rdf-schema#label> ?n }} }} UNION
  {{ ?e <http://www.w3.org/2004/02/skos/core#altLabel> ?n }} }}"""
_TYPES = f"""SELECT ?e ?t (SAMPLE(?l) AS ?label) WHERE {{
  ?e a ?t
  OPTIONAL {{ GRAPH <{LABELS_GRAPH}> {{ ?e <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }} }} }}
  GROUP BY ?e ?t"""


def _slug(text: str) -> str:
    """:func:`kg.facts.slug`, with a shortcut for ASCII text (most names), which has no accents to strip.

    >>> _slug("S-400 Triumf"), _slug("Türkiye")
    ('s-400-triumf', 'turkiye')
    """
    if text.isascii():
        return _NON_ALNUM.sub("-", text.lower()).strip("-")
    return slug(text)


def find_entities(store: Store, name: str) -> list[Match]:
    """Entities whose IRI local name, label or altLabel equals ``name`` by slug.

    The names are read from the label index (one copy of each label) and the
    altLabels, compared by slug here, and only the entities that match are
    then looked up for their class: nothing reads the store's every typed node.
    """
    if name.startswith(("http://", "https://")):
        candidates = {name}
    else:
        wanted = slug(name)
        if not wanted:
            return []
        candidates = set()
        keys: set[str] = set()
        for iri, label in set(store.select_strings(_NAMES)):
            if iri in candidates or not iri.startswith(_ENTITY_SPACE):
                continue
            if _slug(label) == wanted:
                candidates.add(iri)
            elif iri not in keys:
                keys.add(iri)
                if _slug(iri.rsplit("/", 1)[-1]) == wanted:
                    candidates.add(iri)
    found: dict[str, Match] = {}
    for iri in sorted(candidates):
        rows = store.query(_TYPES, {"e": URIRef(iri)})
        types = {str(r["t"]).rsplit("#", 1)[-1]: r["label"] for r in rows}
        etype = next((t for t in _ENTITY_CLASSES if t in types), None)
        if etype is not None:
            found[iri] = Match(iri, str(types[etype] or iri), etype)
    return sorted(found.values(), key=lambda m: m.iri)


def resolve_entity(store: Store, name: str) -> Match:
    """The one entity called ``name``; raises :class:`UnknownName` or :class:`AmbiguousName`."""
    matches = find_entities(store, name)
    if not matches:
        raise UnknownName(f"no entity called {name!r} in the store (try a key such as TUR, a label or an alias)")
    if len(matches) > 1:
        listed = "; ".join(f"{m.label} <{m.iri}>" for m in matches)
        raise AmbiguousName(f"{name!r} is ambiguous: {listed}")
    return matches[0]
