"""The evidence behind an entity's facts, or behind one fact.

>>> from kg.store import open_store
>>> format_explanation([])
'no evidence found\\n'
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from kg.resolve import resolve_entity
from kg.store import Store
from kg.vocab import AKG

_EVIDENCE = f"""
PREFIX akg: <{AKG._NS}>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT DISTINCT ?fact ?kind ?evidence ?article ?date ?source WHERE {{
  {{ ?fact ?role ?e . FILTER(?role IN (akg:supplier, akg:recipient, akg:weapon,
                    akg:party, akg:imposedBy, akg:target)) }}
  UNION {{ ?fact rdf:subject ?e }} UNION {{ ?fact rdf:object ?e }}
  UNION {{ ?e akg:evidence ?own . BIND(?e AS ?fact) }}
  ?fact akg:evidence ?evidence ; prov:wasDerivedFrom ?article .
  OPTIONAL {{ ?fact a ?kind FILTER(?kind != rdf:Statement) }}
  OPTIONAL {{ ?fact rdf:predicate ?kind }}
  OPTIONAL {{ ?article dcterms:date ?date }}
  OPTIONAL {{ ?article dcterms:source ?source }}
}} ORDER BY ?date ?article ?fact
"""


@dataclass(frozen=True)
class EvidenceRow:
    fact: str
    kind: str
    sentence: str
    article: str
    date: str
    source: str


def explain(store: Store, what: str) -> list[EvidenceRow]:
    """Evidence rows for an entity (key, label, alias or IRI) or a fact IRI."""
    if what.startswith(("http://", "https://")) and "/id/" in what and what.split("/id/")[1].split("/")[0] in (
        "deal", "agreement", "sanction", "statement"
    ):
        target = URIRef(what)
    else:
        target = URIRef(resolve_entity(store, what).iri)
    rows = store.query(_EVIDENCE, {"e": target})
    out = []
    for r in rows:
        kind = str(r.get("kind") or "").rsplit("#", 1)[-1]
        out.append(EvidenceRow(str(r["fact"]), kind, str(r["evidence"]), str(r["article"]),
                               str(r.get("date") or ""), str(r.get("source") or "")))
    return out


def format_explanation(rows: list[EvidenceRow]) -> str:
    """Evidence grouped by article, one sentence per fact."""
    if not rows:
        return "no evidence found\n"
    lines: list[str] = []
    current = None
    for row in rows:
        if row.article != current:
            current = row.article
            lines.append(f"\n{row.article}  {row.date}  {row.source}".rstrip())
        lines.append(f"  [{row.kind}] {row.sentence}")
        lines.append(f"      {row.fact}")
    return "\n".join(lines).lstrip("\n") + "\n"
