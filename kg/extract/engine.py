"""The extraction pipeline: clean -> language -> sentences -> mentions and people
(first pass over the article) -> relations (second pass) -> merged facts and entities."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from kg.extract import confidence
from kg.extract.annotate import annotate_sentence
from kg.extract.clean import clean_text
from kg.extract.context import Context
from kg.extract.gazetteer import add_variant, designation_name, load, variant_name
from kg.extract.language import detect_language
from kg.extract.people import is_rank_title
from kg.extract.relations import RelationReader
from kg.extract.tokens import split_sentences
from kg.facts import (
    STATUS_RANK,
    Agreement,
    Article,
    Deal,
    Entity,
    Evidence,
    Extraction,
    Fact,
    Leader,
    Maker,
    Member,
    Official,
    Ref,
    Sanction,
    fact_type,
)


def run(article: Article, lang: str | None = None) -> Extraction:
    """Extract one article (see :func:`kg.extract.extract`)."""
    ctx, cands = candidate_facts(article, lang)
    facts = confidence.apply(cands)
    entities = build_entities(ctx, facts)
    return Extraction(replace(article, lang=ctx.lang), tuple(entities), tuple(facts))


def candidate_facts(article: Article, lang: str | None = None) -> tuple[Context, list[confidence.Candidate]]:
    """Every fact the rules propose for an article, merged, with the features the confidence model reads."""
    ctx, reader = analyse(article, lang)
    raw = reader.facts + people_facts(ctx)
    merged = subsume_generic(merge_facts(raw, _year_of(article.date)), ctx.bindings)
    support = Counter((fact_type(f), f.core) for f in raw)
    return ctx, confidence.candidates(merged, support, ctx)


def analyse(article: Article, lang: str | None = None, trace=None) -> tuple[Context, RelationReader]:
    """Both passes over an article; ``trace(sent, new_facts)`` sees each sentence (for debugging)."""
    text = clean_text(article.text)
    lang = lang or article.lang or detect_language(text)
    if lang not in ("fr", "en"):
        lang = detect_language(text)
    ctx = Context(lang)
    ctx.year = _year_of(article.date)
    sentences = [annotate_sentence(s.text, s.index, s.start, lang) for s in split_sentences(text)]
    split_variants(sentences)
    for sent in sentences:
        ctx.sentences.append(sent)
        ctx.people.read(sent)
        ctx.note_actors(sent)
        ctx.note_weapons(sent)
    ctx.end_first_pass()
    reader = RelationReader(ctx)
    for sent in ctx.sentences:
        before = len(reader.facts)
        reader.read(sent)
        ctx.note_recent(sent)
        ctx.note_actors(sent, count=False)
        if trace is not None:
            trace(sent, reader.facts[before:])
    return ctx, reader


def people_facts(ctx: Context) -> list[Fact]:
    """Leader and official facts for every person given a role, and for known leaders named without one."""
    g = load()
    out: list[Fact] = known_leaders(ctx)
    heading = {f.person.key for f in out if isinstance(f, Leader)}
    fallback = ctx.first_country()
    # a title that names no state, in a story filed from the city of a state that buys in it ("BEIRUT - The
    # Lebanese army has received ... army chief General Joseph Aoun"), is that state's office before it is any
    # state the sentence names (not a story filed from the seller's capital: "WASHINGTON - ... President Buhari")
    filed = next((s.dateline for s in ctx.sentences[:3] if s.dateline), None)
    filed = filed if filed is not None and ctx.recipient_counts[Ref.country(filed)] > 0 else None
    leaders = {r.person for r in ctx.people.roles if r.kind == "leader"}
    first: dict[str, str] = {}  # the state of each person's first office (not a rank, nor a ruler by a phrase)
    for r in ctx.people.roles:
        if r.kind != "no_office" and not is_rank_title(r.role) and r.role != "head of government":
            state = r.of or filed or r.near or (fallback.key if fallback else None)
            if state and r.person not in first:
                first[r.person] = state
    for r in ctx.people.roles:
        if r.kind == "no_office":
            continue  # company officers and the opposition hold no office of a state (corpus convention)
        if r.role in _COURT_TITLES and r.person in heading:
            continue  # "Crown Prince Mohammed bin Salman", prime minister at the article's date: a leader
        if r.kind == "official" and r.person in leaders and is_rank_title(r.role):
            continue  # "le colonel X, président de la transition": the rank is no second office
        known = ctx.people.country_of(r.person)
        near = r.near
        if known in g.alliances and _state_office(r.role):
            # "le Premier ministre Charles Michel": a state's office, whatever he led later: the state he
            # held it in, else the state the article is about
            info = g.people.get(r.person)
            home = info.home if info is not None else ""
            known, near = (home or None), (r.near or (ctx.main_country.key if ctx.main_country else None))
        # a title that names no state takes the state of the person's first office ("le Premier ministre X" ...
        # "le coup d'État qui a porté le général X au pouvoir", told in a sentence about another state)
        of = r.of or known or first.get(r.person) or filed or near or (fallback.key if fallback else None)
        if not of:
            continue
        ref = Ref.alliance(of) if of in g.alliances else Ref.country(of)
        sent = ctx.sentences[r.sentence]
        evidence = Evidence(sent.text, sent.offset, sent.offset + len(sent.text))
        person = Ref.person(r.person)
        if r.kind == "leader":
            out.append(Leader(person, ref, r.former, evidence))
        else:
            out.append(Official(person, ref, r.role, evidence))
    return out


def split_variants(sentences: list) -> None:
    """Tell apart the variants of one catalogue row when an article names two of them ("Leopard 2A4" given
    by Germany, "Leopard 2A8" ordered): each becomes a system of its own there, so that their deals do not
    merge. An article that names one variant keeps the catalogue's system. Two designations of one row ("the
    Mi-35 is a version of the Mi-24", gazetteer.designation_name) are told apart the same way."""
    named: dict[str, set[str]] = {}
    cores: dict[str, set] = {}  # the designations of a row an article names ("Mi-24" and "Mi-35")
    for sent in sentences:
        for m in sent.mentions:
            if m.kind != "weapon":
                continue
            if variant := variant_name(m.key, m.text):
                named.setdefault(m.key, set()).add(variant)
            cores.setdefault(m.key, set()).add(designation_name(m.key, m.text))
    split = {key for key, variants in named.items() if len(variants) > 1}
    apart = {key for key, found in cores.items() if len(found) > 1}
    for sent in sentences:
        for m in sent.mentions:
            if m.kind != "weapon":
                continue
            if m.key in apart and (other := designation_name(m.key, m.text)):
                add_variant(m.key, other)
                m.key = other
            elif m.key in split and (variant := variant_name(m.key, m.text)):
                add_variant(m.key, variant)
                m.key = variant


# titles of a royal court that are no office of government: a person heading the government by then is a leader
_COURT_TITLES = {"crown prince"}


def known_leaders(ctx: Context) -> list[Fact]:
    """Leaders an article names without a title ("Emmanuel Macron avait affirmé ..."): a known person who
    headed their state (``leader_terms.tsv``) by the article's year, former when the term had ended by then.
    Only for a dated article, and only for someone the text gives no role but a court title ("Crown Prince")."""
    g = load()
    if ctx.year is None:
        return []
    titled = {r.person for r in ctx.people.roles if r.role not in _COURT_TITLES}
    out: list[Fact] = []
    for key, record in ctx.people.people.items():
        info = g.people.get(key)
        if key in titled or info is None:
            continue
        terms = [(c, a, b) for c, a, b in g.leader_terms.get(key, []) if c == info.country and a <= ctx.year]
        if not terms:
            continue
        current = any(b is None or ctx.year <= b for _c, _a, b in terms)
        sent = ctx.sentences[record.first_sentence]
        evidence = Evidence(sent.text, sent.offset, sent.offset + len(sent.text))
        out.append(Leader(Ref.person(key), Ref.country(info.country), not current, evidence))
    return out


def _pick_year(mentions: list) -> int | None:
    """The year of the agreement if the text dates it, else of the most advanced dated event."""
    dated = [m for m in mentions if m.year is not None]
    if not dated:
        return None
    signed = [m.year for m in dated if m.status == "agreed"]
    if signed:
        return min(signed)
    best = max(dated, key=lambda m: (STATUS_RANK.get(m.status or "proposed", 0), -m.year))
    reached = max(STATUS_RANK.get(m.status or "proposed", 0) for m in mentions)
    if best.status == "proposed" and reached == STATUS_RANK["agreed"]:
        return None  # "cleared by the State Department in 2023" dates the proposal, not the contract signed since
    return best.year


def _year_of(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None


def merge_facts(facts: list[Fact], article_year: int | None = None) -> list[Fact]:
    """One fact per core tuple: the most advanced status, the year that goes with it.

    A year after the article's own is a plan ("doivent être livrés en 2028"), not the year of the deal.
    """
    if article_year is not None:
        facts = [replace(f, year=None) if getattr(f, "year", None) and f.year > article_year else f for f in facts]
    groups: dict[tuple, list[Fact]] = {}
    for f in facts:
        groups.setdefault((type(f).__name__, f.core), []).append(f)
    merged: list[Fact] = []
    for (kind, _), group in groups.items():
        first = group[0]
        if kind in ("Deal", "Agreement"):
            best = max(group, key=lambda f: STATUS_RANK.get(f.status or "proposed", 0))
            merged.append(
                replace(best, year=_pick_year(group))
                if isinstance(best, Deal)
                else replace(best, year=_pick_year(group), weapon=first.weapon)
            )
        elif kind == "Sanction":
            weapon = next((f.weapon for f in group if f.weapon is not None), None)
            merged.append(replace(first, weapon=weapon))
        elif kind == "Leader":
            merged.append(replace(first, former=all(f.former for f in group)))
        else:
            merged.append(first)
    # a person is a leader or an official of one state, not both: keep the leader fact
    leaders = {f.core for f in merged if isinstance(f, Leader)}
    return [f for f in merged if not (isinstance(f, Official) and f.core in leaders)]


# generic nouns that only name a kind of weapon ("avions militaires", "warships"): told beside systems of that
# kind between the same states, they are those systems
_BROAD = {"military aircraft", "aircraft", "warship", "ship", "military equipment", "equipment"}


def subsume_generic(facts: list[Fact], bindings: dict[str, list[str]]) -> list[Fact]:
    """A deal in a generic noun between two states that also have a deal in a system the article
    calls by that noun ("des avions de patrouille" ... "les avions de patrouille P-8") is that
    deal told loosely: keep the named one, with the more advanced status of the two."""
    g = load()
    named: dict[tuple, int] = {}
    for i, f in enumerate(facts):
        if isinstance(f, Deal):
            named[(f.supplier, f.recipient, f.weapon.key)] = i
    out = list(facts)
    drop: set[int] = set()
    for i, f in enumerate(facts):
        if not isinstance(f, Deal):
            continue
        same = [named[k] for w in bindings.get(f.weapon.key, []) if (k := (f.supplier, f.recipient, w)) in named]
        if not same and f.weapon.key not in g.weapons:
            # "Turkey cancels missile deal with China" ... "a deal with China to build its first anti-missile
            # system": a generic noun that a longer noun of the same pair's deal contains is that deal
            same = [j for (s, r, w), j in named.items() if (s, r) == (f.supplier, f.recipient) and w != f.weapon.key
                    and w not in g.weapons and f.weapon.key in w.split()]
        if not same and f.weapon.key in _BROAD:  # "avions militaires" ... "dix C-295 et deux CN-235"
            category = g.noun_category.get(f.weapon.key)
            same = [
                j
                for (s, r, w), j in named.items()
                if (s, r) == (f.supplier, f.recipient) and w in g.weapons and g.weapons[w].category == category
            ]
        if same:
            drop.add(i)
            for j in same:
                if STATUS_RANK.get(f.status, 0) > STATUS_RANK.get(out[j].status, 0):
                    out[j] = replace(out[j], status=f.status)
                if out[j].year is None and f.year is not None and f.status == out[j].status:
                    out[j] = replace(out[j], year=f.year)  # the year the loose mention gives
    return [f for i, f in enumerate(out) if i not in drop]


def _fact_refs(f: Fact) -> list[Ref]:
    if isinstance(f, Deal):
        return [f.supplier, f.recipient, f.weapon]
    if isinstance(f, Agreement):
        return [*f.parties, *([f.weapon] if f.weapon else [])]
    if isinstance(f, Sanction):
        return [f.by, f.target, *([f.weapon] if f.weapon else [])]
    if isinstance(f, (Leader, Official)):
        return [f.person, f.of]
    if isinstance(f, Member):
        return [f.country, f.alliance]
    if isinstance(f, Maker):
        return [f.weapon, f.country]
    return []


def _mentioned(ctx: Context) -> dict[Ref, set[str]]:
    """Entities the article names as actors or objects, with the surface names seen (not metonyms)."""
    seen: dict[Ref, set[str]] = {}
    for sent in ctx.sentences:
        for m in sent.mentions:
            ref = None
            name = m.text
            if m.kind == "country" and not m.setting:
                ref = Ref.country(m.key)
                name = m.text if m.via == "name" else ""
            elif m.kind == "alliance" and not m.setting:
                ref = Ref.alliance(m.key)
            elif m.kind == "demonym" and m.attached in ("actor", "person", "weapon", "company"):
                ref, name = Ref.country(m.key), ""
            elif m.kind == "person":
                ref = Ref.person(m.key)
            elif m.kind == "weapon":
                ref = Ref.weapon(m.key)
            if ref is not None:
                names = seen.setdefault(ref, set())
                if name:
                    names.add(name)
    return seen


def build_entities(ctx: Context, facts: list[Fact]) -> list[Entity]:
    """Entity records: everything mentioned as actor or object, and everything a fact names."""
    g = load()
    seen = _mentioned(ctx)
    for f in facts:
        for ref in _fact_refs(f):
            seen.setdefault(ref, set())
    for key, record in ctx.people.people.items():
        if Ref.person(key) in seen:
            seen[Ref.person(key)] |= record.names
    entities = []
    for ref, names in sorted(seen.items()):
        entities.append(_entity(ref, names, g))
    return entities


def _class_names(key: str) -> set[str]:
    """A ship class is also written by its lead ship's name alone and hyphenated.

    >>> sorted(_class_names("Mogami class"))
    ['Mogami', 'Mogami-class']
    """
    if not key.endswith(" class"):
        return set()
    base = key[: -len(" class")]
    return {base, f"{base}-class"}


def _base_name(key: str) -> set[str]:
    """A key the catalogue qualifies to tell two systems apart is still written without its noun ("Mistral"
    for the "Mistral missile", beside the ship class of that name).

    >>> sorted(_base_name("Mistral missile")), sorted(_base_name("Rafale"))
    (['Mistral'], [])
    """
    head, _, noun = key.rpartition(" ")
    return {head} if head and noun in ("missile", "radar", "system", "tank", "helicopter", "drone") else set()


def _entity(ref: Ref, names: set[str], g) -> Entity:
    if ref.type == "Country":
        info = g.countries.get(ref.key)
        if info:
            labels = ((info.name_en, "en"), (info.name_fr, "fr"))
            return Entity(ref, labels, tuple(sorted(names - {info.name_en, info.name_fr})), info.wikidata or None)
    elif ref.type == "Alliance":
        info = g.alliances.get(ref.key)
        if info:
            labels = ((info.name_en, "en"), (info.name_fr, "fr"))
            alt = (names | {ref.key}) - {info.name_en, info.name_fr}
            return Entity(ref, labels, tuple(sorted(alt)), info.wikidata or None)
    elif ref.type == "WeaponSystem":
        info = g.weapons.get(ref.key)
        if info:
            alt = (names | set(info.aliases) | _class_names(ref.key) | _base_name(ref.key)) - {ref.key}
            return Entity(ref, ((ref.key, ""),), tuple(sorted(alt)), info.wikidata or None, info.category or None)
        category = g.noun_category.get(ref.key)
        alt = (names | set(g.noun_synonyms.get(ref.key, ()))) - {ref.key}  # "combat helicopter" for a gunship
        return Entity(ref, ((ref.key, ""),), tuple(sorted(alt)), None, category or None)
    elif ref.type == "Person":
        info = g.people.get(ref.key)
        alt = set(names) | (set(info.aliases) if info else set())
        return Entity(ref, ((ref.key, ""),), tuple(sorted(alt - {ref.key})), (info.wikidata or None) if info else None)
    return Entity(ref, ((ref.key, ""),), tuple(sorted(names - {ref.key})))


__all__ = ["analyse", "build_entities", "merge_facts", "run"]


def _state_office(role: str) -> bool:
    """A title only a state gives ("prime minister", "defence minister", "king"), never an organisation."""
    return any(w in role for w in ("minister", "chancellor", "king", "emir", "premier", "head of government"))
