"""Analysts' review: decisions in a curation graph, applied to the article graphs every reader sees.

The design in one paragraph: decisions (:class:`kg.decisions.Decision`) live
in their own named graph, ``<https://w3id.org/armskg/id/graph/curation>``, in
PROV-O (who, when, why), and extraction never writes there. Each article graph
is the *curated* view of the article: whenever it is written (an ingest, a
re-ingest with new rules, a decision) the decisions about it are applied to
the extractor's facts, matched by key (:func:`kg.mapping.fact_key`). Rejected
facts are left out, corrected ones carry the corrected values, and the
extractor's reading of each changed fact stays in the graph as an
:class:`akg:Reading` node (provenance). So every read path (ready-made
queries, your own SPARQL, ``kg graph``, ``kg show``, exports, ``kg serve``)
sees the curated graph with no rewriting, on the embedded store and on a
SPARQL server alike. :func:`view` builds the other views on demand: what the
extractor said (``raw``), and facts above a confidence threshold.

>>> from kg.store import open_store
>>> from kg.facts import Article
>>> from kg.ingest import ingest_article
>>> store = open_store(":memory:", write=True)
>>> _ = ingest_article(store, Article("a1", "t", "La Russie a livré des S-400 à la Turquie en 2019."))
>>> [item.key for item in queue(store)]
['deal|country/RUS|country/TUR|weapon/s-400']
>>> _ = decide(store, queue(store)[0].node, "reject", by="ana", reason="test")
>>> queue(store), len(store.query("SELECT ?d WHERE { ?d a <https://w3id.org/armskg/ontology#ArmsDeal> }"))
([], 0)
>>> len(view(store, raw=True).query("SELECT ?d WHERE { ?d a <https://w3id.org/armskg/ontology#ArmsDeal> }"))
1
"""

from __future__ import annotations

import getpass
import io
import json
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef

from kg import mapping
from kg.decisions import FIELDS, Curated, Decision, apply_changes, curate, latest, to_reading
from kg.facts import Entity, Extraction, Fact, Ref, fact_type, slug
from kg.mapping import CURATION_GRAPH, LABELS_GRAPH, article_iri, entity_path, fact_iri, fact_key
from kg.readback import raw_facts, read_facts, read_readings, strip_facts
from kg.store import EmbeddedStore, Store, term_n3

__all__ = [
    "Item",
    "UnknownFact",
    "article_graph",
    "curated_graph",
    "decide",
    "export_gold",
    "extraction_graph",
    "find_fact",
    "find_items",
    "load_decisions",
    "orphans",
    "parse_reading_value",
    "queue",
    "refresh",
    "view",
    "whoami",
]

_PREFIXES = """PREFIX akg: <https://w3id.org/armskg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
_C = f"<{CURATION_GRAPH}>"


class UnknownFact(LookupError):
    """No fact (or article) of the store matches what was named."""


def whoami() -> str:
    """The user name decisions are recorded under by default."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER") or "analyst"


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# ------------------------------------------------------------------ decisions in the store

_Q_DECISIONS = _PREFIXES + f"""SELECT ?d ?t ?a ?k ?who ?when ?reason ?changes ?reading ?fact WHERE {{ GRAPH {_C} {{
  ?d a ?t ; akg:article ?a ; akg:factKey ?k ; prov:endedAtTime ?when ; prov:wasAssociatedWith ?agent .
  FILTER(?t IN (akg:Acceptance, akg:Rejection, akg:Correction))
  OPTIONAL {{ ?agent foaf:name ?who }} OPTIONAL {{ ?d akg:reason ?reason }} OPTIONAL {{ ?d akg:changes ?changes }}
  OPTIONAL {{ ?d akg:reading ?reading }} OPTIONAL {{ ?d prov:used ?fact }} }} }}"""


def load_decisions(store: Store, article: str | None = None) -> list[Decision]:
    """The decisions of the curation graph (about one article IRI, or all), oldest first."""
    rows = store.query(_Q_DECISIONS, {"a": URIRef(article)} if article else None)
    out = []
    for row in rows:
        kind = mapping.DECISION_ACTION.get(URIRef(str(row["t"])))
        if kind is None:
            continue
        out.append(Decision(
            str(row["a"]), str(row["k"]), kind, str(row.get("who") or ""), str(row["when"]),
            str(row.get("reason") or ""), json.loads(str(row["changes"])) if row.get("changes") else {},
            json.loads(str(row["reading"])) if row.get("reading") else None,
            str(row["fact"]) if row.get("fact") else None, str(row["d"]),
        ))
    return sorted(out, key=lambda d: d.time)


def _by_article(decisions: Iterable[Decision]) -> dict[str, list[Decision]]:
    out: dict[str, list[Decision]] = {}
    for d in decisions:
        out.setdefault(d.article, []).append(d)
    return out


def article_graph(store: Store, article: str) -> Graph:
    """The triples of one article graph, as an rdflib graph."""
    result = store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": URIRef(article)})
    return result.graph if result.graph is not None else Graph()


_FACT_TRIPLES = _PREFIXES + """CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g {
  { VALUES ?t { akg:ArmsDeal akg:Agreement akg:Sanction akg:Reading rdf:Statement } ?s a ?t ; ?p ?o }
  UNION { VALUES ?p { akg:leaderOf akg:formerLeaderOf akg:officialOf akg:memberOf akg:manufacturer akg:role }
          ?s ?p ?o } } }""".replace("rdf:Statement", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement>")


def _fact_graph(store: Store, article: str) -> Graph:
    """The triples of an article graph that say its facts and readings (what the queue reads)."""
    result = store.query(_FACT_TRIPLES, {"g": URIRef(article)})
    return result.graph if result.graph is not None else Graph()


def _describer(store: Store) -> Callable[[Ref], Entity]:
    """Entity descriptions for entities a correction brings into an article: their name from the label index."""
    def describe(ref: Ref) -> Entity:
        rows = store.query(_PREFIXES + f"SELECT ?l WHERE {{ GRAPH <{LABELS_GRAPH}> {{ ?e skos:prefLabel ?l }} }}",
                           {"e": mapping.entity_iri(ref)})
        labels = [(str(term), getattr(term, "language", None) or "") for term in rows.values("l")]
        return Entity(ref, labels=tuple(labels[:1]) or ((ref.key, ""),))
    return describe


def _refs(fact: Fact) -> list[Ref]:
    return [v for v in (getattr(fact, name, None) for name in ("supplier", "recipient", "weapon", "by", "target",
                                                                "person", "of", "country", "alliance"))
            if isinstance(v, Ref)] + list(getattr(fact, "parties", ()) or ())


def curated_graph(base: Graph, article: URIRef, facts: Iterable[Fact], decisions: Iterable[Decision],
                  describe: Callable[[Ref], Entity] | None = None) -> tuple[Graph, Curated]:
    """``base`` (an article node and its entities) with the curated facts mapped onto it.

    Facts an analyst reviewed always get a node (a reified statement for plain relations) that
    links to the decision; the extractor's reading of a rejected or corrected fact stays as an
    :class:`akg:Reading` node. Entities a correction brings in are described with ``describe``.
    """
    g = mapping.new_graph()
    for triple in base:
        g.add(triple)
    curated = curate(facts, decisions)
    reviewed = {fact_key(r.fact): r for r in curated.reviews if r.fact is not None}
    nodes: dict[str, URIRef | None] = {}
    for fact in curated.facts:
        key = fact_key(fact)
        nodes[key] = mapping.add_fact(g, fact, article, reify=key in reviewed)
    for review in curated.reviews:
        node = nodes.get(fact_key(review.fact)) if review.fact is not None else None
        mapping.add_review(g, article, review.decision, node, to_reading(review.raw))
    known = set(g.subjects(mapping.AKG.mentionedIn, article))
    new = {ref for review in curated.reviews if review.fact is not None for ref in _refs(review.fact)
           if mapping.entity_iri(ref) not in known}
    if new:
        describe = describe or (lambda ref: Entity(ref))
        for triple in mapping.entities_graph([describe(ref) for ref in sorted(new)], article):
            g.add(triple)
    return g, curated


def extraction_graph(store: Store, extraction: Extraction, content_hash: str | None = None,
                     decisions: Iterable[Decision] | None = None) -> tuple[Graph, Curated]:
    """The graph an ingest stores for a fresh extraction: its facts with the article's decisions applied.

    ``decisions`` are the article's decisions when the caller has them (a batch loads them once).
    """
    article = article_iri(extraction.article)
    if decisions is None:
        decisions = load_decisions(store, str(article))
    decisions = list(decisions)
    if not decisions:
        return mapping.to_graph(extraction, content_hash), Curated(extraction.facts)
    base = mapping.to_graph(replace(extraction, facts=()), content_hash)
    return curated_graph(base, article, extraction.facts, decisions, _describer(store))


def refresh(store: Store, article: str) -> Curated:
    """Apply the article's decisions again to what its graph holds (after a decision)."""
    g = article_graph(store, article)
    if not len(g):
        raise UnknownFact(f"no article graph <{article}> in the store")
    new, curated = curated_graph(strip_facts(g), URIRef(article), raw_facts(g), load_decisions(store, article),
                                 _describer(store))
    store.replace_graph(article, new)
    return curated


# ------------------------------------------------------------------ finding facts

@dataclass(frozen=True)
class Item:
    """A fact as the review shows it: where it is, what it says, how sure and how connected."""

    article: str
    key: str
    fact: Fact  # as curated (for a decided fact) or as read
    raw: Fact  # as the extractor read it
    node: str | None
    decision: Decision | None = None
    degree: int = 0
    date: str | None = None
    source: str | None = None

    @property
    def confidence(self) -> float | None:
        return self.raw.confidence

    @property
    def type(self) -> str:
        return fact_type(self.raw)


def _articles(store: Store, article: str | None = None, entity: str | None = None) -> dict[str, tuple]:
    """Ingested article graphs (IRI -> (date, source)), narrowed to one article or to those naming an entity."""
    where = "GRAPH ?g { ?g a akg:Article ; akg:contentHash ?h OPTIONAL { ?g dcterms:date ?date } " \
            "OPTIONAL { ?g dcterms:source ?source } }"
    if entity:
        where += " GRAPH ?g { ?e akg:mentionedIn ?g }"
    bindings: dict[str, Any] = {}
    if article:
        bindings["g"] = URIRef(article_ref(article))
    if entity:
        bindings["e"] = URIRef(entity)
    rows = store.query(_PREFIXES + f"SELECT DISTINCT ?g ?date ?source WHERE {{ {where} }}", bindings or None)
    return {str(r["g"]): (str(r["date"]) if r.get("date") else None, str(r["source"]) if r.get("source") else None)
            for r in rows}


def article_ref(article: str) -> str:
    """An article IRI from an IRI or an article id (``seed-s400-turquie``)."""
    if article.startswith(("http://", "https://")):
        term_n3(URIRef(article))
        return article
    return str(article_iri(article))


def _degrees(store: Store) -> dict[str, int]:
    """How many facts each entity takes part in, over the whole store."""
    rows = store.query(_PREFIXES + """SELECT ?e (COUNT(*) AS ?n) WHERE {
      { ?f akg:supplier|akg:recipient|akg:party|akg:imposedBy|akg:target|akg:weapon ?e }
      UNION { ?e akg:leaderOf|akg:formerLeaderOf|akg:officialOf|akg:memberOf|akg:manufacturer ?o }
      UNION { ?s akg:leaderOf|akg:formerLeaderOf|akg:officialOf|akg:memberOf|akg:manufacturer ?e }
    } GROUP BY ?e""")
    return {str(r["e"]): int(r["n"]) for r in rows}


def _items(store: Store, article: str, meta: tuple, decisions: list[Decision], degrees: dict[str, int]) -> list[Item]:
    g = _fact_graph(store, article)
    readings = read_readings(g)
    revised = {r.revision: r for r in readings if r.revision is not None}
    in_force = latest(decisions)
    items = []
    for node, fact in read_facts(g):
        reading = revised.get(node) if node is not None else None
        raw = reading.fact if reading else fact
        key = reading.key if reading else fact_key(fact)
        items.append(Item(article, key, fact, raw, str(node) if node is not None else None, in_force.get(key),
                          0, *meta))
    for reading in readings:
        if reading.revision is None:
            raw = reading.fact
            items.append(Item(article, reading.key, raw, raw, str(fact_iri(raw, URIRef(article))),
                              in_force.get(reading.key), 0, *meta))
    return [replace(i, degree=sum(degrees.get(str(mapping.entity_iri(r)), 0) for r in set(_refs(i.raw))))
            for i in items]


def find_items(store: Store, *, entity: str | None = None, article: str | None = None,
               type: str | None = None) -> list[Item]:
    """Every reviewable fact (of ingested articles), decided or not, narrowed like :func:`queue`."""
    if type is not None and type not in FIELDS:
        raise ValueError(f"unknown fact type {type!r}; choose among {', '.join(FIELDS)}")
    entity_iri = None
    if entity:
        from kg.resolve import resolve_entity

        entity_iri = resolve_entity(store, entity).iri
    articles = _articles(store, article, entity_iri)
    if article and not articles:
        raise UnknownFact(f"no ingested article {article!r} in the store")
    decisions = _by_article(load_decisions(store))
    degrees = _degrees(store)
    items = []
    for iri, meta in sorted(articles.items()):
        for item in _items(store, iri, meta, decisions.get(iri, []), degrees):
            if type and item.type != type:
                continue
            if entity_iri and entity_iri[len(str(mapping.ID)):] not in item.key.replace("+", "|").split("|"):
                continue
            items.append(item)
    return items


def queue(store: Store, *, entity: str | None = None, article: str | None = None,
          type: str | None = None) -> list[Item]:
    """The facts that need a decision: lowest confidence first, then the most connected.

    A fact without a confidence counts as sure (1.0). ``entity`` (a key, label or alias),
    ``article`` (an id or IRI) and ``type`` (``deal``, ``sanction``, ...) narrow the queue.
    """
    items = [i for i in find_items(store, entity=entity, article=article, type=type) if i.decision is None]
    return sorted(items, key=lambda i: (1.0 if i.confidence is None else i.confidence, -i.degree, i.article, i.key))


def find_fact(store: Store, fact: str) -> Item:
    """The fact an IRI names (as listed by the queue, the queries or ``kg explain``)."""
    iri = fact if fact.startswith(("http://", "https://")) else str(mapping.ID) + fact.lstrip("/")
    term_n3(URIRef(iri))
    rows = store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?f ?p ?o } }", {"f": URIRef(iri)})
    graphs = [str(g) for g in rows.values("g") if str(g) not in (str(CURATION_GRAPH), str(LABELS_GRAPH))]
    used = store.query(_PREFIXES + f"SELECT ?a WHERE {{ GRAPH {_C} {{ ?d prov:used ?f ; akg:article ?a }} }}",
                       {"f": URIRef(iri)})
    graphs += [str(a) for a in used.values("a")]
    decisions = _by_article(load_decisions(store))
    for article in dict.fromkeys(graphs):
        for item in _items(store, article, (None, None), decisions.get(article, []), {}):
            if item.node == iri or str(fact_iri(item.raw, URIRef(article))) == iri:
                return item
    raise UnknownFact(f"no fact <{iri}> in the store (kg review list shows the facts and their IRIs)")


def decide(store: Store, fact: str | Item, action: str, *, by: str | None = None, reason: str = "",
           changes: Mapping[str, Any] | None = None) -> Decision:
    """Record a decision about a fact (an IRI or an :class:`Item`) and apply it to its article graph.

    A correction adds to the corrections in force for the fact (``changes`` maps reading fields,
    entity paths for entities, to their new values); ``ValueError`` for a field the fact has not.
    """
    item = fact if isinstance(fact, Item) else find_fact(store, fact)
    changes = dict(changes or {})
    if action == "correct":
        if not changes:
            raise ValueError("a correction needs at least one value to change (status, year, weapon or a role)")
        if item.decision is not None and item.decision.action == "correct":
            changes = {**item.decision.changes, **changes}
        apply_changes(item.raw, changes)  # refuses a field the fact has not, or a bad value
    elif changes:
        raise ValueError("only a correction changes values")
    decision = Decision(item.article, item.key, action, by or whoami(), _now(), reason, changes,  # type: ignore[arg-type]
                        to_reading(item.raw), item.node)
    body = mapping.decision_graph(decision).serialize(format="nt", encoding="utf-8").decode("utf-8")
    store.update(f"INSERT DATA {{ GRAPH {_C} {{\n{body}\n}} }}")
    refresh(store, item.article)
    return decision


def orphans(store: Store) -> list[Decision]:
    """Decisions in force whose fact the extractor no longer reads in its article (or whose article is gone)."""
    out = []
    for article, decisions in sorted(_by_article(load_decisions(store)).items()):
        keys = {fact_key(f) for f in raw_facts(_fact_graph(store, article))}
        out += [d for key, d in latest(decisions).items() if key not in keys]
    return out


# ------------------------------------------------------------------ views

_Q_READINGS = _PREFIXES + "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?r a akg:Reading } }"
_Q_UNSURE = _PREFIXES + "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?f akg:confidence ?c } FILTER(?c < ?min) }"


def _copy(store: Store) -> EmbeddedStore:
    """An in-memory copy of a store (its label index included)."""
    mem = EmbeddedStore(":memory:")
    ox_store = getattr(store, "oxigraph", None)
    if ox_store is not None:
        mem.oxigraph.bulk_extend(ox_store.quads_for_pattern(None, None, None, None))
        return mem
    import pyoxigraph as ox

    buffer = io.BytesIO()
    store.export(buffer, "nquads")
    mem.oxigraph.load(buffer.getvalue(), format=ox.RdfFormat.N_QUADS)
    mem.rebuild_label_index()
    return mem


def view(store: Store, *, raw: bool = False, min_confidence: float | None = None) -> Store:
    """The store as a reader asked for it: curated (``store`` itself), ``raw`` (what the extractor said),
    and/or without the facts whose confidence is below ``min_confidence``.

    A fact without a confidence counts as sure; in the curated view, a fact an analyst accepted
    or corrected passes any threshold. Other views are in-memory copies, made only when some
    article graph differs in them.
    """
    if min_confidence is not None and not 0.0 <= min_confidence <= 1.0:
        raise ValueError(f"--min-confidence is between 0 and 1, not {min_confidence}")
    affected: set[str] = set()
    if raw:
        affected |= {str(g) for g in store.query(_Q_READINGS).values("g")}
    if min_confidence is not None:
        bound = {"min": mapping.confidence_literal(min_confidence)}
        affected |= {str(g) for g in store.query(_Q_UNSURE, bound).values("g")}
    affected.discard(str(CURATION_GRAPH))
    if not affected:
        return store
    mem = _copy(store)
    for article in sorted(affected):
        g = article_graph(store, article)
        decisions = [] if raw else load_decisions(store, article)
        vouched = {d.key for d in latest(decisions).values() if d.action != "reject"}
        facts = [f for f in raw_facts(g) if min_confidence is None or f.confidence is None
                 or f.confidence >= min_confidence or fact_key(f) in vouched]
        new, _ = curated_graph(strip_facts(g), URIRef(article), facts, decisions)
        mem.replace_graph(article, new)
    return mem


# ------------------------------------------------------------------ gold files

def _gold_key(g: Graph, iri: str) -> str:
    """The gold key of an entity: ISO code, acronym, or a label that slugs to its IRI."""
    ref = mapping.ref_from_path(iri)
    if ref.type in ("Country", "Alliance"):
        return ref.key
    local = iri.rsplit("/", 1)[-1]
    from rdflib import RDFS, SKOS

    names = sorted((str(lbl) for p in (RDFS.label, SKOS.altLabel) for lbl in g.objects(URIRef(iri), p)),
                   key=lambda n: (n != n.strip(), n))
    return next((n for n in names if slug(n) == local), local)


def to_gold(fact: Fact, key: Callable[[str], str]) -> dict[str, Any]:
    """A fact in the gold format (fact-model.md section 4); ``key`` names an entity IRI."""
    reading = to_reading(fact)
    out: dict[str, Any] = {}
    for name, value in reading.items():
        if name in ("evidence", "confidence"):
            continue
        if name == "parties":
            value = sorted(key(str(mapping.ID) + v) for v in value)
        elif isinstance(value, str) and name != "type" and name in {"supplier", "recipient", "weapon", "by", "target",
                                                                     "person", "of", "country", "alliance"}:
            value = key(str(mapping.ID) + value)
        if value is None or (name in ("measure", "role") and value == ""):
            continue
        out[name] = value
    return out


def _article_text(iri: str, source: str | None) -> tuple[str, str | None]:
    """The text of an ingested article, read again from its source (a file, or a line of a .jsonl file)."""
    from kg.loaders import LoadError, load_items

    candidates = []
    if source:
        candidates.append(Path(source))
        head, _, tail = source.rpartition(":")
        if head and tail.isdigit():
            candidates.append(Path(head))
    for path in candidates:
        if not path.is_file():
            continue
        for item in load_items(path):
            if not isinstance(item, LoadError) and str(article_iri(item)) == iri:
                return item.text, item.date
    raise UnknownFact(f"cannot read the text of <{iri}> again from its source {source!r}; "
                      "a gold file needs the article's text beside it")


def export_gold(store: Store, articles: Iterable[str], out_dir: Path | str) -> list[Path]:
    """Write reviewed articles as gold files (NAME.txt and NAME.json, fact-model.md section 4).

    The facts are the curated ones, so ``kg eval`` on the files measures the extractor against
    the analyst's reading.
    """
    from rdflib import RDF
    from rdflib.namespace import DCTERMS

    out = Path(out_dir)
    written = []
    for name in articles:
        iri = article_ref(name)
        g = article_graph(store, iri)
        if not len(g):
            raise UnknownFact(f"no article {name!r} in the store")
        node = URIRef(iri)
        source = g.value(node, DCTERMS.source)
        text, date = _article_text(iri, str(source) if source is not None else None)
        date = str(g.value(node, DCTERMS.date) or "") or date
        lang = g.value(node, DCTERMS.language)
        article_id = iri.rsplit("/", 1)[-1]

        def key(entity: str, g=g) -> str:
            return _gold_key(g, entity)

        entities = []
        for entity in sorted({str(e) for e in g.subjects(mapping.AKG.mentionedIn, node)}):
            try:
                ref = mapping.ref_from_path(entity)
            except ValueError:
                continue
            if (URIRef(entity), RDF.type, mapping.class_iri(ref.type)) in g:
                entities.append({"type": ref.type, "key": key(entity)})
        gold = {"id": article_id, "lang": str(lang) if lang is not None else None, "date": date or None,
                "source": str(source) if source is not None else None, "entities": entities,
                "facts": [to_gold(f, key) for _, f in read_facts(g)]}
        gold = {k: v for k, v in gold.items() if v is not None}
        out.mkdir(parents=True, exist_ok=True)
        text_path, json_path = out / f"{article_id}.txt", out / f"{article_id}.json"
        text_path.write_text(f"date {date}\n{text}" if date else text, encoding="utf-8")
        json_path.write_text(json.dumps(gold, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written += [json_path, text_path]
    return written


def parse_reading_value(fact: Fact, name: str, value: str, resolve: Callable[[str], str] | None = None) -> Any:
    """A correction value typed for its field: entity names resolved to paths, years as numbers."""
    from kg.decisions import ENTITY_FIELDS

    kind = fact_type(fact)
    if name not in FIELDS[kind]:
        raise ValueError(f"a {kind} has no field {name!r}; it has {', '.join(FIELDS[kind])}")
    value = value.strip()
    if name == "year":
        return None if value in ("", "-", "none") else int(value) if value.lstrip("-").isdigit() else value
    if name == "former":
        return value.lower() in ("1", "true", "yes", "y")
    if name in ENTITY_FIELDS:
        if name == "parties":
            return [_entity(v, "Country", resolve) for v in value.replace("+", ",").split(",") if v.strip()]
        if name == "weapon" and value in ("", "-", "none") and kind in ("agreement", "sanction"):
            return None
        return _entity(value, "WeaponSystem" if name == "weapon" else None, resolve)
    return value


def _entity(value: str, default_type: str | None, resolve: Callable[[str], str] | None) -> str:
    value = value.strip()
    try:
        return entity_path(mapping.ref_from_path(value))
    except ValueError:
        pass
    if resolve is not None:
        from kg.resolve import UnknownName

        try:
            return resolve(value)
        except UnknownName:
            pass
    if default_type == "WeaponSystem":
        return entity_path(Ref.weapon(value))
    if len(value) == 3 and value.isalpha() and value.isupper():
        return entity_path(Ref.country(value))
    raise ValueError(f"no entity called {value!r} in the store (give a key such as TUR or a path such as country/TUR)")
