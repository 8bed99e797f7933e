"""The scorer of fact-model.md section 4: gold files against what the graph holds.

Each gold ``NAME.json`` sits beside ``NAME.txt``. The text is ingested into a
fresh in-memory store and the article's graph is read back with SPARQL, so
the score measures the RDF a SPARQL user would see. System nodes are matched
to gold keys through their IRI, labels and altLabels, compared by slug.

>>> prf(8, 2, 2)
(0.8, 0.8, 0.8)
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from kg.facts import Article, slug
from kg.ingest import ingest_article
from kg.loaders import LoadError, load_text_file
from kg.mapping import IRI_STATUS, article_iri
from kg.store import Store, open_store
from kg.vocab import AKG

FACT_TYPES = ("leader", "official", "member", "deal", "agreement", "sanction", "maker")
_CLASS_TYPE = {
    str(AKG.Country): "Country",
    str(AKG.Alliance): "Alliance",
    str(AKG.Person): "Person",
    str(AKG.Leader): "Person",
    str(AKG.WeaponSystem): "WeaponSystem",
}


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (1.0 when there is nothing to find and nothing found)."""
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 4), round(r, 4), round(f, 4)


def gold_files(paths: Iterable[str | Path]) -> list[Path]:
    """Gold JSON files named directly or found in folders (each needs a sibling .txt)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.json") if p.with_suffix(".txt").is_file())
        elif path.is_file():
            found.append(path)
        else:
            raise LoadError(f"{path}: no such gold file or folder")
    return found


def load_gold(path: Path) -> dict:
    """A gold annotation, with its text loaded from the sibling ``.txt``."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise LoadError(f"{path}: malformed JSON at line {e.lineno}, column {e.colno}: {e.msg}") from None
    if not isinstance(gold, dict) or "facts" not in gold:
        raise LoadError(f"{path}: not a gold file (no 'facts' list)")
    text_path = path.with_suffix(".txt")
    article = load_text_file(text_path)
    gold.setdefault("id", path.stem)
    gold["_article"] = Article(
        id=gold["id"], source=str(text_path), text=article.text, date=article.date or gold.get("date"),
    )
    return gold


def gold_core(fact: dict) -> tuple:
    """The scored tuple of a gold fact."""
    kind = fact["type"]
    if kind in ("leader", "official"):
        return (fact["person"], fact["of"])
    if kind == "member":
        return (fact["country"], fact["alliance"])
    if kind == "deal":
        return (fact["supplier"], fact["recipient"], fact["weapon"])
    if kind == "agreement":
        return (tuple(sorted(fact["parties"])), fact.get("weapon"))
    if kind == "sanction":
        return (fact["by"], fact["target"])
    if kind == "maker":
        return (fact["weapon"], fact["country"])
    raise LoadError(f"unknown gold fact type {kind!r}")


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict:
        p, r, f = prf(self.tp, self.fp, self.fn)
        return {"precision": p, "recall": r, "f1": f, "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class ArticleScore:
    id: str
    lang: str
    facts: dict[str, Tally] = field(default_factory=lambda: {t: Tally() for t in FACT_TYPES})
    entities: Tally = field(default_factory=Tally)
    status: Counter = field(default_factory=Counter)
    year: Counter = field(default_factory=Counter)
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    # the same errors as records: ("missed" | "spurious", fact type, core) and (system status, gold status)
    errors: list[tuple[str, str, tuple]] = field(default_factory=list)
    status_errors: list[tuple[str | None, str | None]] = field(default_factory=list)


class _Matcher:
    """Maps graph nodes to gold keys through IRI, labels and altLabels (by slug)."""

    def __init__(self, gold: dict) -> None:
        self.by_slug: dict[tuple[str, str], str] = {}
        for entity in gold.get("entities", []):
            for name in [entity["key"], *entity.get("aliases", [])]:
                self.by_slug.setdefault((entity["type"], slug(name)), entity["key"])

    def key(self, etype: str, names: Iterable[str], fallback: str) -> str:
        for name in names:
            hit = self.by_slug.get((etype, slug(name)))
            if hit:
                return hit
        return fallback


def _node_names(store: Store, graph: URIRef) -> dict[str, tuple[str, list[str]]]:
    """node IRI -> (entity type, [IRI local name, labels, altLabels]) within one graph."""
    rows = store.query(
        """SELECT ?n ?t ?l WHERE { GRAPH ?g {
             ?n a ?t .
             OPTIONAL { { ?n <http://www.w3.org/2000/01/rdf-schema#label> ?l }
                        UNION { ?n <http://www.w3.org/2004/02/skos/core#altLabel> ?l } } } }""",
        {"g": graph},
    )
    nodes: dict[str, tuple[str, list[str]]] = {}
    for row in rows:
        etype = _CLASS_TYPE.get(str(row["t"]))
        if etype is None:
            continue
        iri = str(row["n"])
        entry = nodes.setdefault(iri, (etype, [iri.rsplit("/", 1)[-1]]))
        if row.get("l") is not None:
            entry[1].append(str(row["l"]))
    for _etype, names in nodes.values():
        names[1:] = sorted(set(names[1:]))  # the same match on every run, whatever order the store returns
    return nodes


def system_view(store: Store, graph: URIRef, matcher: _Matcher) -> tuple[set, list, dict]:
    """(entity keys mentioned, [(type, core)], {deal core: (status, year)}) for one article graph."""
    nodes = _node_names(store, graph)

    def key(iri) -> str:
        etype, names = nodes.get(str(iri), ("", [str(iri).rsplit("/", 1)[-1]]))
        fallback = names[1] if len(names) > 1 else names[0]
        return matcher.key(etype, names, fallback)

    mentioned = {
        (nodes[str(r["n"])][0], key(r["n"]))
        for r in store.query(f"SELECT ?n WHERE {{ GRAPH ?g {{ ?n <{AKG.mentionedIn}> ?g }} }}", {"g": graph})
        if str(r["n"]) in nodes
    }
    facts: list[tuple[str, tuple]] = []
    pairs = {"leader": (AKG.leaderOf, AKG.formerLeaderOf), "official": (AKG.officialOf,),
             "member": (AKG.memberOf,), "maker": (AKG.manufacturer,)}
    for kind, props in pairs.items():
        for prop in props:
            for r in store.query(f"SELECT ?s ?o WHERE {{ GRAPH ?g {{ ?s <{prop}> ?o }} }}", {"g": graph}):
                facts.append((kind, (key(r["s"]), key(r["o"]))))
    deals: dict[tuple, tuple] = {}
    for r in store.query(
        f"""SELECT ?d ?s ?r ?w ?st ?y WHERE {{ GRAPH ?g {{ ?d a <{AKG.ArmsDeal}> ;
              <{AKG.supplier}> ?s ; <{AKG.recipient}> ?r ; <{AKG.weapon}> ?w .
              OPTIONAL {{ ?d <{AKG.status}> ?st }} OPTIONAL {{ ?d <{AKG.year}> ?y }} }} }}""",
        {"g": graph},
    ):
        core = (key(r["s"]), key(r["r"]), key(r["w"]))
        facts.append(("deal", core))
        year = int(str(r["y"])[:4]) if r.get("y") is not None else None
        found = (IRI_STATUS.get(r.get("st")), year)
        # two system deals taken for one gold deal (two variants the gold names as one system): the most
        # advanced status, on every run whatever order the store returns them in
        if core not in deals or _rank(found) > _rank(deals[core]):
            deals[core] = found
    parties: dict[str, list[str]] = defaultdict(list)
    weapons: dict[str, str | None] = {}
    for r in store.query(
        f"""SELECT ?a ?p ?w WHERE {{ GRAPH ?g {{ ?a a <{AKG.Agreement}> ; <{AKG.party}> ?p .
              OPTIONAL {{ ?a <{AKG.weapon}> ?w }} }} }}""",
        {"g": graph},
    ):
        parties[str(r["a"])].append(key(r["p"]))
        weapons[str(r["a"])] = key(r["w"]) if r.get("w") is not None else None
    for a, ps in parties.items():
        facts.append(("agreement", (tuple(sorted(set(ps))), weapons[a])))
    for r in store.query(
        f"SELECT ?s ?b ?t WHERE {{ GRAPH ?g {{ ?s a <{AKG.Sanction}> ; <{AKG.imposedBy}> ?b ; <{AKG.target}> ?t }} }}",
        {"g": graph},
    ):
        facts.append(("sanction", (key(r["b"]), key(r["t"]))))
    return mentioned, facts, deals


_STATUS_RANK = {"proposed": 1, "refused": 2, "agreed": 3, "cancelled": 4, "delivered": 5}


def _rank(found: tuple) -> tuple:
    status, year = found
    return (_STATUS_RANK.get(status or "", 0), year or 0)


def _norm(core: tuple) -> tuple:
    return tuple(tuple(slug(x) for x in c) if isinstance(c, tuple) else (slug(c) if c else c) for c in core)


def score_article(store: Store, gold: dict) -> ArticleScore:
    """Score one (already ingested) gold article."""
    article: Article = gold["_article"]
    graph = article_iri(article)
    matcher = _Matcher(gold)
    mentioned, sys_facts, sys_deals = system_view(store, graph, matcher)
    score = ArticleScore(gold["id"], gold.get("lang", "?"))

    gold_entities = {(e["type"], e["key"]) for e in gold.get("entities", [])}
    score.entities = Tally(len(gold_entities & mentioned), len(mentioned - gold_entities),
                           len(gold_entities - mentioned))
    score.missed += [f"entity {t} {k}" for t, k in sorted(gold_entities - mentioned)]
    score.spurious += [f"entity {t} {k}" for t, k in sorted(mentioned - gold_entities)]

    gold_by_type: dict[str, dict] = defaultdict(dict)
    for fact in gold["facts"]:
        gold_by_type[fact["type"]][_norm(gold_core(fact))] = fact
    sys_by_type: dict[str, dict] = defaultdict(dict)
    for kind, core in sys_facts:
        sys_by_type[kind][_norm(core)] = core
    sys_deals_norm = {_norm(k): v for k, v in sys_deals.items()}
    for kind in FACT_TYPES:
        g, s = gold_by_type[kind], sys_by_type[kind]
        score.facts[kind] = Tally(len(g.keys() & s.keys()), len(s.keys() - g.keys()), len(g.keys() - s.keys()))
        score.missed += [f"{kind} {_show(gold_core(g[k]))}" for k in g.keys() - s.keys()]
        score.spurious += [f"{kind} {_show(s[k])}" for k in s.keys() - g.keys()]
        score.errors += [("missed", kind, k) for k in g.keys() - s.keys()]
        score.errors += [("spurious", kind, k) for k in s.keys() - g.keys()]
        if kind == "deal":
            for k in g.keys() & s.keys():
                status, year = sys_deals_norm[k]
                score.status["total"] += 1
                score.status["correct"] += status == g[k].get("status")
                if status != g[k].get("status"):
                    score.status_errors.append((status, g[k].get("status")))
                    score.missed.append(f"status {_show(gold_core(g[k]))}: {status} != {g[k].get('status')}")
                if g[k].get("year") is not None or year is not None:
                    score.year["total"] += 1
                    score.year["correct"] += year == g[k].get("year")
                    if year != g[k].get("year"):
                        score.missed.append(f"year {_show(gold_core(g[k]))}: {year} != {g[k].get('year')}")
    return score


def _show(core: tuple) -> str:
    return " ".join("+".join(c) if isinstance(c, tuple) else str(c) for c in core)


@dataclass
class EvalReport:
    articles: list[ArticleScore]

    def totals(self, lang: str | None = None) -> dict:
        chosen = [a for a in self.articles if lang is None or a.lang == lang]
        by_type = {t: Tally() for t in FACT_TYPES}
        facts, entities = Tally(), Tally()
        status, year = Counter(), Counter()
        for a in chosen:
            for t, tally in a.facts.items():
                by_type[t].add(tally)
                facts.add(tally)
            entities.add(a.entities)
            status.update(a.status)
            year.update(a.year)
        return {
            "articles": len(chosen),
            "facts": facts.as_dict(),
            "entities": entities.as_dict(),
            "status_accuracy": round(status["correct"] / status["total"], 4) if status["total"] else None,
            "year_accuracy": round(year["correct"] / year["total"], 4) if year["total"] else None,
            "by_type": {t: v.as_dict() for t, v in by_type.items()},
        }

    def as_dict(self) -> dict:
        out = self.totals()
        langs = sorted({a.lang for a in self.articles})
        out["by_lang"] = {lang: {k: v for k, v in self.totals(lang).items() if k != "by_type"} for lang in langs}
        return out


def evaluate(paths: Iterable[str | Path], lang: str | None = None, only_lang: str | None = None) -> EvalReport:
    """Score extraction on gold files or folders. ``only_lang`` keeps articles of one language."""
    store = open_store(":memory:", write=True)
    scores = []
    for path in gold_files(paths):
        gold = load_gold(path)
        if only_lang and gold.get("lang") != only_lang:
            continue
        ingest_article(store, gold["_article"], lang=lang or gold.get("lang"))
        scores.append(score_article(store, gold))
    return EvalReport(scores)


def _deal_class(core: tuple, others: set[tuple]) -> str | None:
    """How a spurious deal relates to a missed one of the same article, if it does."""
    s, r, w = core
    for o in others:
        if (o[0], o[1]) == (s, r):
            return "deal: right parties, other weapon"
        if (o[1], o[2]) == (r, w):
            return "deal: wrong supplier"
        if (o[0], o[2]) == (s, w):
            return "deal: wrong recipient"
        if (o[1], o[0], o[2]) == (s, r, w):
            return "deal: roles reversed"
    return None


def error_classes(report: EvalReport) -> Counter:
    """Errors grouped by failure class, for ``kg eval --show-errors``: which roles a wrong deal got
    wrong, people given the wrong state or the wrong kind of office, statuses confused, and plain
    misses and spurious facts by type.

    >>> a = ArticleScore("x", "en")
    >>> a.errors = [("missed", "deal", ("rus", "tur", "s-400")), ("spurious", "deal", ("rus", "tur", "s-300"))]
    >>> dict(error_classes(EvalReport([a])))
    {'deal: right parties, other weapon': 1}
    """
    out: Counter = Counter()
    for a in report.articles:
        missed = {(k, c) for e, k, c in a.errors if e == "missed"}
        spurious = {(k, c) for e, k, c in a.errors if e == "spurious"}
        paired: set[tuple] = set()
        for kind, core in sorted(spurious, key=repr):
            label = None
            if kind == "deal":
                label = _deal_class(core, {c for k, c in missed if k == "deal"})
            elif kind in ("leader", "official"):
                same = [(k, c) for k, c in missed if k in ("leader", "official") and c[0] == core[0]]
                if same:
                    label = "person: wrong state" if same[0][1] != core else "person: leader/official confused"
                    paired.add(same[0])
            out[label or f"spurious {kind}"] += 1
            if label and kind == "deal":
                paired.update(("deal", c) for k, c in missed if k == "deal" and _deal_class(core, {c}))
        for kind, _core in missed - paired:
            out[f"missed {kind}"] += 1
        for system, gold in a.status_errors:
            out[f"status: {system} instead of {gold}"] += 1
    return out


def format_report(report: EvalReport, show_errors: bool = False) -> str:
    """The scores as a table, optionally followed by each article's misses and spurious facts."""
    data = report.as_dict()
    lines = [f"{'':<12} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn"]
    for name, t in [*data["by_type"].items(), ("FACTS", data["facts"]), ("ENTITIES", data["entities"])]:
        lines.append(f"{name:<12} {t['precision']:>6.3f} {t['recall']:>6.3f} {t['f1']:>6.3f}  "
                     f"{t['tp']:>3} {t['fp']:>3} {t['fn']:>3}")
    lines.append(f"status accuracy: {data['status_accuracy']}   year accuracy: {data['year_accuracy']}   "
                 f"articles: {data['articles']}")
    for lang, t in data["by_lang"].items():
        lines.append(f"  {lang}: facts F1 {t['facts']['f1']:.3f}  entities F1 {t['entities']['f1']:.3f}  "
                     f"status {t['status_accuracy']}  year {t['year_accuracy']}  ({t['articles']} articles)")
    if show_errors:
        lines.append("\nerrors by class:")
        lines += [f"  {n:>4}  {label}" for label, n in error_classes(report).most_common()]
        for a in report.articles:
            if a.missed or a.spurious:
                lines.append(f"\n{a.id} ({a.lang})")
                lines += [f"  missed    {m}" for m in a.missed]
                lines += [f"  spurious  {s}" for s in a.spurious]
    return "\n".join(lines) + "\n"
