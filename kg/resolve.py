"""Find entities in the store by key, label or alias, ignoring case and accents.

>>> from kg.store import open_store
>>> find_entities(open_store(":memory:", write=True), "turquie")
[]
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from kg.facts import slug
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


def find_entities(store: Store, name: str) -> list[Match]:
    """Entities whose IRI local name, label or altLabel equals ``name`` by slug."""
    if name.startswith(("http://", "https://")):
        rows = store.query(
            "SELECT ?t (SAMPLE(?l) AS ?label) WHERE { ?e a ?t "
            "OPTIONAL { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l } } GROUP BY ?t",
            {"e": URIRef(name)},
        )
        return [Match(name, str(r["label"] or name), str(r["t"]).rsplit("#", 1)[-1]) for r in rows
                if str(r["t"]).rsplit("#", 1)[-1] in _ENTITY_CLASSES][:1]
    wanted = slug(name)
    if not wanted:
        return []
    rows = store.query(
        """SELECT DISTINCT ?e ?t ?n WHERE {
             ?e a ?t .
             FILTER(STRSTARTS(STR(?e), "https://w3id.org/armskg/id/"))
             { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?n } UNION
             { ?e <http://www.w3.org/2004/02/skos/core#altLabel> ?n } }"""
    )
    found: dict[str, Match] = {}
    labels: dict[str, str] = {}
    for row in rows:
        iri, etype = str(row["e"]), str(row["t"]).rsplit("#", 1)[-1]
        if etype not in _ENTITY_CLASSES:
            continue
        labels.setdefault(iri, str(row["n"]))
        if slug(str(row["n"])) == wanted or slug(iri.rsplit("/", 1)[-1]) == wanted:
            found.setdefault(iri, Match(iri, labels[iri], etype))
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
