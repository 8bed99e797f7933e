"""Transfer frames: buy, sell, deliver, supply, offer, receive, choose, possess, their nominal forms
and contracts. Who supplies whom comes from the subject, prepositions, possessives and the article's
memory (the weapon's stated maker, the last recipient of the same weapon)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from kg.extract.annotate import Mention, Sent
from kg.extract.clauses import (
    _CONTRAST,
    _EARLIER,
    _MADE_VERB,
    BOUNDARY,
    BUY_LIKE,
    CONJ,
    DETS,
    NOMINAL,
    NUMBERS,
    POSSESSIVES,
    RECIPIENT_PREPS_BUY,
    RECIPIENT_PREPS_SUPPLY,
    SUPPLIER_PREPS,
    SUPPLIER_PREPS_SUPPLY,
    SUPPLY_LIKE,
    YEAR,
    Trigger,
    _actors,
    _after_cue,
    _cues,
    _distributed,
    _double_object,
    _generic_if_maker_differs,
    _governing_prep,
    _halted_licence,
    _infinitive_marker,
    _is_passive,
    _is_possessive,
    _owns_company,
    _weapons,
    _year_for,
    antecedent_year,
    apposed_participle,
    appositive_year,
    before_articles,
    clause_start,
    planned,
    status_of,
    subordinate_at,
)
from kg.extract.context import Context, _category
from kg.extract.dating import fronted_year, signing_verb
from kg.extract.gazetteer import load, maker_allowed
from kg.extract.sanctions import people_of_a_state
from kg.facts import Deal, Fact, Ref

# The prepositions that name who operates a system after "in service", "flown", "utilisé":
_FOR = ("for", "pour")  # the state a purchase is for ("bought by the US for Afghanistan's air force")
_OPERATOR_PREPS = {"with", "by", "par", "en", "au", "aux", "chez", "dans", "in"}


def _cause_at(sent: Sent, i: int) -> bool:
    """A cause adjunct opens at ``i``: "en raison de la guerre au Yémen", "because of", "owing to"."""
    return " ".join(sent.words[i : i + 2]) in ("en raison", "because of", "owing to", "a cause", "in response")


def _listed_after(sent: Sent, m: Mention) -> bool:
    """A state in a list after an earlier one: ", Norway", "and India", "et l'Inde"."""
    i = m.start - 1
    while i >= 0 and sent.words[i] in DETS:
        i -= 1
    return i >= 0 and sent.words[i] in CONJ | {","}


def _made_by(sent: Sent, m: Mention) -> bool:
    """The actor is the agent of a participle of making: "built by Korea", "développé conjointement par
    la Chine et le Pakistan"."""
    i = before_articles(sent, m)
    return i >= 1 and sent.words[i] in ("by", "par") and _MADE_VERB.match(sent.words[i - 1]) is not None


_PACKAGE_DEMONSTRATIVES = {"ce", "cet", "ces", "this", "these", "that", "those"}


def _apposed_between(sent: Sent, start: int, end: int) -> bool:
    """A noun phrase set off by a comma between two positions ("..., a big win for Ankara", "..., un contrat
    record pour Ankara"): what follows belongs to the aside."""
    words = sent.words
    return any(words[i] == "," and words[i + 1] in _APPOSED_DETS for i in range(start, min(end, len(words)) - 1))


_APPOSED_DETS = {"a", "an", "another", "un", "une"}


def _year_of_group(sent: Sent, ref: Ref, start: int, end: int) -> int | None:
    """The year written after the group of states holding ``ref`` in a list of dated groups ("par
    l'Égypte et le Qatar en 2015, par l'Inde en 2016, puis par la Grèce cette année"): before the next
    "par"/"by"/"," group. 0 for a group told "this year": no year is written for it (a deal's year is one
    the text writes; the dev annotations leave "cette année" undated)."""
    spot = next((m for m in sent.mentions if start <= m.start < end and m.key == ref.key), None)
    if spot is None:
        return None
    for i in range(spot.end, min(end, spot.end + 12)):
        word = sent.words[i]
        if YEAR.match(word):
            return int(word)
        if _this_year(sent, i, i + 2):
            return 0
        if word in (",", ";", "par", "by", "puis", "then"):
            return None
    return None


def _this_year(sent: Sent, start: int, end: int) -> bool:
    """ "cette année", "this year" between ``start`` and ``end``."""
    return any(sent.words[i : i + 2] in (["cette", "annee"], ["this", "year"]) for i in range(start, end))


# (not "committee": "the arms procurement committee rejected the F-15SE" tells the buyer's decision)
_OFFICE_NOUNS = {"agency", "agencies", "office", "directorate", "bureau", "department", "authority", "body", "chief",
                 "official", "officials", "administration"}


def _origin_after_supplier(sent: Sent, m: Mention, actors: list) -> bool:
    """The system's own stated origin comes after the supplier phrase of an earlier system: "JF-17 fighters
    from Pakistan and of Russian-made Mi-35 gunships"."""
    sellers = [(a, r) for a, r, p in actors if p in SUPPLIER_PREPS]
    own = Ref.country(m.maker)
    return bool(sellers) and all(a.end <= m.start and r != own for a, r in sellers)


def _shared_subject(sent: Sent, t: Trigger) -> bool:
    """A verb coordinated with an earlier one, sharing its subject: ", and has received", "et a reçu"."""
    before = sent.words[max(0, t.start - 3) : t.start]
    return bool(before) and any(w in ("and", "et") for w in before) and before[-1] in (
        "has", "have", "had", "a", "ont", "avait", "and", "et", "also", "aussi"
    )


def _joint(sent: Sent, t: Trigger) -> bool:
    """A purchase made together: "the joint buying of", "joint procurement", "l'achat conjoint/groupé de",
    "des achats en commun"."""
    near = sent.words[max(0, t.start - 2) : min(len(sent.words), t.end + 2)]
    return any(w in ("joint", "common", "conjoint", "conjoints", "groupe", "groupes", "commun") for w in near)


_DOCUMENTS = {"notice", "notification", "letter", "request", "message", "note", "lettre", "demande", "courrier"}


def _that_year(sent: Sent, start: int, end: int) -> bool:
    """ "that year", "the same year", "that summer", "cette année-là", "la même année" between ``start`` and
    ``end``: a time within the year written before."""
    pairs = [["that", w] for w in ("year", "summer", "spring", "autumn", "fall", "winter", "month")]
    pairs += [["same", "year"], ["same", "month"], ["meme", "annee"], ["meme", "mois"]]
    return any(sent.words[i : i + 2] in pairs or sent.words[i : i + 3] == ["cette", "annee", "-la"]
               or sent.words[i : i + 2] == ["cette", "annee-la"] for i in range(start, end))


def _year_before(sent: Sent, i: int) -> int | None:
    """The last year written before position ``i`` in the sentence."""
    years = [int(w) for w in sent.words[:i] if YEAR.match(w)]
    return years[-1] if years else None


_STATELESS = {"european", "europeen", "europeenne", "pan-european", "paneuropeen", "multinational", "international"}


def _stateless_seller(sent: Sent, start: int, end: int) -> bool:
    """A seller named as a firm of no one state: "from the European group Airbus", "auprès du groupe
    européen Airbus", "au consortium multinational" (corpus README: such a company is no supplier)."""
    words = sent.words
    for i in range(start, min(end, len(words)) - 2):
        if words[i] in ("from", "aupres", "au", "du", "de") and (
            words[i + 1] in _STATELESS or words[i + 1] in DETS and words[i + 2] in _STATELESS
            or i + 3 < len(words) and words[i + 2] in _STATELESS
        ):
            return True
    return False


def _prep_before(sent: Sent, m: Mention) -> int:
    """Where the preposition that governs ``m`` stands, coordination included ("par l'Egypte, le Qatar ou
    l'Inde": the "par" before Egypt)."""
    i = m.start - 1
    while i > 0 and sent.words[i] not in ("by", "par", "from", "to", "de", "a", "au", "aux", "with", "avec"):
        i -= 1
    return max(i, 0)


def _joint_makers(sent: Sent, m: Mention | None, key: str) -> list[Ref]:
    """The makers a double nationality gives a system ("the Franco-Italian SAMP/T", "le SAMP/T
    franco-italien"), when the catalogue has both; else an empty list."""
    if m is None or key not in load().weapons:
        return []
    makers = load().weapons[key].makers
    found = [
        Ref.country(d.key)
        for d in sent.mentions
        if d.kind == "demonym" and (d.end == m.start or d.start == m.end) and d.end - d.start == 1 and d.key in makers
    ]
    return found if len(set(found)) > 1 else []


def _own_makers(sent: Sent, weapons: list) -> dict[int, Ref]:
    """Each system of a list with its own maker: "the NASAMS of Norway's Kongsberg, the IRIS-T SLM produced
    by Germany's Diehl Defence and the French-built VL MICA". Keyed by the weapon's start; empty unless
    two systems have different makers stated."""
    spots = sorted(m.start for m, _k in weapons if m is not None)
    out: dict[int, Ref] = {}
    for m, _k in weapons:
        if m is None:
            continue
        if m.maker:
            out[m.start] = Ref.country(m.maker)  # "the French-built VL MICA"
            continue
        stop = next((s for s in spots if s > m.start), len(sent.words))
        for c in sent.mentions:
            if c.kind != "country" or not m.end <= c.start < min(stop, m.end + 6):
                continue
            made = any(_MADE_VERB.match(w) for w in sent.words[m.end : c.start])
            firm = _owns_company(sent, c) or (
                sent.words[c.end : c.end + 1] == ["'s"] and c.end + 1 < len(sent.words)
                and sent.tokens[c.end + 1].text[:1].isupper() and sent.mention_at(c.end + 1) is None
            )
            if firm and (made or sent.words[c.start - 1] == "of"):
                out[m.start] = Ref.country(c.key)  # "of Norway's Kongsberg", "produced by Germany's Diehl"
                break
    return out if len(set(out.values())) > 1 else {}


def _gapped_clause(sent: Sent, ctx: Context, t: Trigger, right: int) -> int | None:
    """Where a gapped second clause of a purchase starts: a conjunction, a state with no preposition and
    a number, then a seller of its own ("ordered 28 from Italy and Qatar 24 from Britain", "en a
    commandé 28 auprès de l'italien Leonardo et le Qatar 24 au britannique BAE"); else ``None``."""
    words = sent.words
    for i in range(t.end + 2, right - 2):
        if words[i] not in ("and", "et"):
            continue
        j = i + 1
        while j < right and words[j] in DETS:
            j += 1
        m = sent.mention_at(j, ("country",))
        if m is None or m.end >= right or not (words[m.end].isdigit() or words[m.end] in _COUNT_WORDS):
            continue
        donor = t.frame in SUPPLY_LIKE - NOMINAL  # "Poland has pledged 14 Leopards and Canada four": no seller
        if donor or any(p in SUPPLIER_PREPS for _m, r, p in _actors(sent, ctx, m.end, right)):
            return i
    return None


_REPLACED = {"replace", "replaces", "replacing", "remplacer", "remplacera", "remplaceront", "remplacent", "remplacant",
             "succeed", "succeder", "succederont"}


def _object_antecedent(sent: Sent, ctx: Context, t: Trigger) -> tuple | None:
    """The noun a contact relative clause takes as its object: "the Mirage jets it bought from France",
    "the F-16s they received" (a subject pronoun right after a system, then the verb)."""
    i = t.start - 1
    if i > 0 and sent.words[i] in ("has", "had", "have"):
        i -= 1  # "the F-16IQ fighters it has ordered"
    if i < 1 or sent.lang != "en" or sent.words[i] not in ("it", "they"):
        return None
    m = sent.mention_at(i - 1, ("weapon", "noun"))
    if m is None or m.end != i:
        return None
    near = [(x, k) for x, k in _weapons(sent, ctx, 0, i, coordinated=False) if x.end >= m.start - 1]
    return near[-1] if near else None  # "the Mirage jets": the designation its head noun follows


def _when_year(sent: Sent, left: int) -> int | None:
    """The year a "when" clause takes from the words before it: "in February 2022, when it shipped 5,000
    AT4 to Kyiv", "en 2019, lorsque l'Inde a reçu ..."."""
    words = sent.words
    when = ("when", "lorsque", "quand")
    if 0 < left < len(words) and words[left - 1] in when:
        left -= 1  # the window may start after the conjunction
    if left < 2 or left >= len(words) or words[left] not in when or words[left - 1] != ",":
        return None
    return next((int(w) for w in reversed(words[max(0, left - 4) : left - 1]) if YEAR.match(w)), None)


def _second_hand(sent: Sent, t: Trigger) -> bool:
    """ "bought second-hand from the Netherlands", "achetés d'occasion": used systems, handed over."""
    near = sent.words[max(0, t.start - 4) : t.end + 3]
    return any(w in ("second-hand", "secondhand", "used", "occasion", "ex-service") for w in near)


def _long_ago(sent: Sent, t: Trigger) -> bool:
    """ "bought ... two decades ago", "achetés il y a une dizaine d'années", "in the mid-2000s", "dans les
    années 1990": long enough to be in service."""
    after = sent.words[t.end : t.end + 10]
    if any(re.match(r"^(mid-)?(19|20)\d0s$", w) for w in after) or any(
        YEAR.match(w) and w.endswith("0") and (k + 1 < len(after) and after[k + 1] == "s" or k > 0 and after[k - 1]
                                               in ("annees", "mid"))
        for k, w in enumerate(after)
    ):
        return True
    years = ("years", "decades", "decade", "ans", "annees", "decennies", "decennie")
    if "ago" in after:
        i = after.index("ago")
        return any(w in years for w in after[max(0, i - 2) : i])
    return any(after[i : i + 2] == ["il", "y"] and any(w in years for w in after[i + 2 : i + 6])
               for i in range(len(after)))


def _past_purchase(sent: Sent, t: Trigger) -> bool:
    """A purchase told in a past tense: "avait achetés", "had bought", "bought in the 1990s"."""
    before = sent.words[max(0, t.start - 2) : t.start]
    return any(w in ("avait", "avaient", "had", "a", "ont", "has", "have") for w in before) or (
        sent.lang == "en" and sent.words[t.start] in ("bought", "ordered", "acquired", "purchased")
    ) or (sent.lang == "fr" and sent.tokens[t.start].lower.endswith(("é", "és", "ée", "ées", "is", "ises")))


_MONEY = {"money", "funds", "cash", "compensation", "payment", "payments", "argent", "fonds",
          "indemnisation", "paiement"}

_AUX_FR = {"a", "ont", "avait", "avaient", "aura", "auront", "aurait", "auraient", "ont-ils", "a-t-il"}


def _object_pronoun(sent: Sent, t: Trigger) -> bool:
    """The verb's object is a pronoun: a French clitic before its auxiliary ("qui en a commandé 32",
    "qui l'ont retenu", "les avait achetés"), English "them"/"it" or "N of them" after it.

    The French clitic must stand before an auxiliary, so that "en" is no preposition ("en 2020").
    """
    words = sent.words
    if sent.lang == "fr":
        i = t.start - 1
        while i > 0 and words[i] in ("deja", "aussi", "egalement", "finalement", "pas", "jamais"):
            i -= 1
        return i > 0 and words[i] in _AUX_FR and words[i - 1] in ("en", "l'", "les")
    after = words[t.end : t.end + 4]
    if after[:1] in (["them"], ["it"]):
        return True
    return len(after) >= 3 and (after[0].isdigit() or after[0] in _COUNT_WORDS) and after[1:3] == ["of", "them"]


_COUNT_WORDS = {"two", "three", "four", "five", "six", "eight", "ten", "twelve", "some", "all", "most", "several",
                "deux", "trois", "quatre", "cinq", "huit", "dix", "douze", "quelques", "plusieurs"}


def _of_which(sent: Sent, t: Trigger) -> int | None:
    """ ", the first of which arrived", ", both of which were delivered", ", dont la première a été livrée": a
    relative clause on part of the systems just told; where the comma that opens it stands."""
    start = max(0, t.start - 7)
    words = sent.words[start : t.start]
    k = next((i for i in range(len(words) - 1) if words[i : i + 2] == ["of", "which"]), None)
    if k is None:
        k = next((i for i, w in enumerate(words) if w == "dont"), None)
    if k is None:
        return None
    return next((i for i in range(start + k, max(-1, start + k - 4), -1) if sent.words[i] == ","), None)


_DEPLOYED = {"deployes", "deployees", "deployed", "operationnels", "operationnelles", "operational", "delivered",
             "livres", "livrees", "commissioned"}
_TO_COME = {"be", "etre", "will", "seront", "sera", "doivent", "doit", "until", "before", "avant", "once", "due",
            "expected", "enter", "entrer", "entreront", "entrera", "not", "pas", "yet", "encore", "prevue", "prevu",
            "would", "could", "should", "to", "pour", "d'ici", "by", "jusqu'a"}
_SERVICE = ("in service", "into service", "en service", "in operation")
_ACTOR_PREPS = {"from", "to", "by", "with", "a", "de", "d'", "du", "aux", "par", "aupres", "for", "pour", "of", "in",
                "en"}


def _deployed_after(sent: Sent, t: Trigger, right: int) -> bool:
    """What was bought is deployed, in service or delivered, so delivered: "a acquis auprès d'Ankara des drones
    TB2, de fabrication turque, déployés pour surveiller sa frontière", "des batteries Patriot, commandées en 2018
    et déjà en service", "ordered 24 jets in 2008, and the last of them were delivered in 2012" (not "to be
    deployed", "seront livrés", "due to enter service", "pas encore en service", nor a verb whose own subject
    is another state: "after Washington delivered")."""
    end = min(len(sent.words), max(right, t.end + 24))
    for i in range(t.end, end):
        w = sent.words[i]
        if w in (";", ".") or w in ("but", "mais", "while", "alors", "tandis", "whereas"):
            return False
        m = sent.mention_at(i, ("country", "alliance", "person"))
        if m is not None and m.start == i and sent.words[before_articles(sent, m)] not in _ACTOR_PREPS:
            return False
        service = " ".join(sent.words[i - 1 : i + 1]) in _SERVICE
        if w.startswith("livr") and "é" not in sent.tokens[i].lower:
            continue  # "135 millions de livres": pounds
        if w in _DEPLOYED or service:
            return not _TO_COME & set(sent.words[max(t.end, i - 4) : i])
    return False


def _held_purchase(sent: Sent, t: Trigger) -> bool:
    """A purchase participle after the noun a verb of possession governs: "still operates patrol ships acquired
    from Germany ... and two frigates bought from Portugal in 2008", "a fleet that already includes the F-16I,
    American-made jets that Israel bought": what is held was delivered."""
    if not _participle_after_noun(sent, t) and not (
        t.start >= 2 and sent.words[t.start - 1] != "," and sent.words[t.start - 2] in ("that", "que", "qu'")
    ):
        return False
    start = clause_start(sent, t.start)
    # "..., as well as two frigates bought from Portugal": a conjunct of the governed noun, not a new clause
    while start > 0 and " ".join(sent.words[start : start + 3]).startswith(("as well as", "ainsi que", "and ", "et ")):
        start = clause_start(sent, start - 1)
    return any(
        f == "possess" and start <= s and e <= t.start and not any(w in (";", ".") for w in sent.words[e : t.start])
        for s, e, f in sent.triggers
    )


def _participle_after_noun(sent: Sent, t: Trigger) -> bool:
    """A purchase participle set after its noun, with no auxiliary: "le Pantsir-S1, acquis auprès de
    Moscou", "the Pantsir, bought from Russia in 2020,"."""
    if t.start == 0 or t.end - t.start != 1:
        return False
    before = sent.words[t.start - 1]
    if before in ("tous", "toutes", "all") and t.start >= 2 and sent.words[t.start - 2] == ",":
        before = ","  # "24 Rafale en 2015, tous livrés depuis"
    noun = sent.mention_at(t.start - 1, ("weapon", "noun")) is not None
    surface = sent.tokens[t.start].lower
    participle = surface.endswith(("é", "és", "ée", "ées", "is", "ise", "ises", "ed", "bought"))
    return participle and (before == "," or noun or apposed_participle(sent, t) is not None)


def _infinitive_after_noun(sent: Sent, t: Trigger) -> bool:
    """A purchase infinitive that completes a noun of intent: "efforts to buy", "plans to acquire", "le
    projet d'acheter" (no verb, so no subject, before it)."""
    marker = _infinitive_marker(sent, t)
    return marker is not None and marker > 0 and "intent_noun" in sent.cue_at(marker - 1)


def _counted_agent(sent: Sent, m: Mention) -> bool:
    """The weapon heads an agent phrase with a count or adjectives: "par six gros porteurs Y-20"."""
    for i in range(m.start - 1, max(-1, m.start - 6), -1):
        if sent.words[i] in ("par", "by"):
            return True
        if sent.words[i] in (",", ";") or sent.mention_at(i, ("weapon", "country", "person")) is not None:
            return False
    return False


def _offered_by(sent: Sent, m: Mention) -> bool:
    """The actor is the agent of a participle of offering: "offered by Beijing", "proposé par Paris"."""
    i = before_articles(sent, m)
    return i >= 1 and sent.words[i] in ("by", "par") and sent.words[i - 1].startswith(
        ("offered", "pitched", "propose", "offert")
    )


def _made_in(sent: Sent, m: Mention) -> bool:
    """The actor is where a system is made: "assemblé au Brésil", "built in India" (a place, not a party)."""
    i = before_articles(sent, m)
    return (
        i >= 1
        and sent.words[i] in ("in", "en", "au", "aux", "a", "dans")
        and (_MADE_VERB.match(sent.words[i - 1]) is not None or sent.words[i - 1].startswith("assembl"))
    )


def _maker_phrase(sent: Sent, m: Mention) -> bool:
    """The actor qualifies the agent of a participle of making: "built by the state-owned Chinese group
    CSOC", "construit par le groupe public chinois CSOC" (up to four words between "by" and it)."""
    for i in range(m.start - 1, max(0, m.start - 6), -1):
        if sent.words[i] in (",", ";") or sent.words[i] in CONJ:
            return False
        if sent.words[i] in ("by", "par", "dans", "in", "chez", "at"):
            # "construits dans les chantiers italiens du groupe", "built at Turkish yards": where it is made
            return _MADE_VERB.match(sent.words[i - 1]) is not None
    return False


def _contract_actors(sent: Sent, ctx: Context, left: int, right: int,
                     aid: bool = False) -> list[tuple[Mention, Ref, str | None]]:
    """Actors of a contract clause; "destiné(s) à X", "bound for X", and after an aid noun "to X", mark
    the buyer (as ``destine``)."""
    out = []
    for m, r, p in _actors(sent, ctx, left, right):
        if _maker_phrase(sent, m):
            continue  # "un sous-marin S26T, construit par le groupe public chinois CSOC": its maker, no party
        if aid and p in ("to", "a", "au", "aux"):
            p = "destine"  # "military aid to Ukraine", "une aide militaire à l'Ukraine"
        if p in ("for", "pour") and m.kind == "demonym" and any(
            "company_noun" in sent.cue_at(k) for k in range(m.end, min(len(sent.words), m.end + 3))
        ):
            p = "with"  # "a contract for a South Korean defence firm": the firm's state supplies
        i = before_articles(sent, m)
        if p is None and i >= 0 and sent.words[i] == "with" and _is_possessive(sent, m):
            p = "with"  # "signed contracts with Russia's state arms exporter": the exporter's state is the partner
        if p in ("a", "au", "aux", "to", "for") and i >= 1 and sent.words[i - 1].startswith(("destine", "bound")):
            p = "destine"
        out.append((m, r, p))
    return out


_ARMAMENT = {"missile", "guided missile", "rocket", "bomb"}  # unqualified: "a frigate and missiles"
_PLATFORMS = {"Aircraft", "Ships", "Armoured vehicles"}


def _without_armament(weapons: list) -> list:
    """ "24 Rafale jets, a frigate and missiles": generic missiles and bombs listed with named platforms
    arm them, they are no deal of their own."""
    g = load()
    platforms = [k for m, k in weapons if k in g.weapons and g.weapons[k].category in _PLATFORMS]
    if not platforms:
        return weapons
    return [(m, k) for m, k in weapons if not (m is not None and m.kind == "noun" and k in _ARMAMENT)]


def promise(sent: Sent, t: Trigger) -> bool:
    """A verb of pledging ("pledged", "a promis"): it gives what follows it, never a system told before it
    ("a brigade that the Czech Republic has promised to NATO")."""
    return t.frame == "supply" and sent.words[t.start].startswith(("pledg", "promis", "promet"))


def _trailing_group(sent: Sent, weapons: list) -> list:
    """The last system of ``weapons`` and those coordinated with it before it ("X drones and Israeli Y"):
    only conjunctions, commas, articles, nationalities and "-made" words between them."""
    group = weapons[-1:]
    for m, k in reversed(weapons[:-1]):
        after = group[0][0]
        if m is None or after is None:
            break
        gap = range(m.end, after.start)
        if not all(
            sent.words[i] in CONJ or sent.words[i] in DETS or sent.words[i] == "," or _count_word(sent.words[i])
            or sent.mention_at(i, ("demonym", "noun")) is not None or sent.words[i].endswith(("-made", "-built"))
            for i in gap
        ) or not any(sent.words[i] in CONJ or sent.words[i] == "," for i in gap):
            break
        group.insert(0, (m, k))
    return group


def _making_aside(sent: Sent, start: int, end: int) -> int | None:
    """Where a relative clause on a system tells how it was made ("the Super Tucano, which Embraer developed
    for the Brazilian air force", "le Rafale, qui a été conçu pour la Marine"): its states are no parties."""
    for i in range(start, end - 1):
        if sent.words[i] == "," and sent.words[i + 1] in ("which", "qui", "that") and i > 0 and (
            sent.mention_at(i - 1, ("weapon", "noun")) is not None
            and any(_MADE_VERB.match(w) for w in sent.words[i + 2 : i + 7])
        ):
            return i
    return None


_AUXILIARIES = {"had", "have", "has", "been", "were", "are", "was", "since", "then", "also", "already", "later",
                "avaient", "ont", "ete", "sont", "etaient", "depuis", "deja", "aussi", "ensuite", "puis"}


def _plural_pronoun_subject(sent: Sent, t: Trigger) -> bool:
    """A plural subject pronoun opens the clause of this verb, only auxiliaries and adverbs between them:
    "They had since been offered to Sudan", "Ils avaient depuis été proposés au Vietnam"."""
    i = t.start - 1
    while i >= 0 and sent.words[i] in _AUXILIARIES:
        i -= 1
    opens = i == 0 or i > 0 and sent.words[i - 1] in (",", ";", "and", "et", "mais", "but")
    return i >= 0 and i < t.start - 1 and opens and sent.words[i] in ("they", "ils", "elles")


def _count_word(word: str) -> bool:
    """A count before a system: "two", "24", "deux"."""
    return word.isdigit() or word in NUMBERS


def _in_a_fleet(sent: Sent, m: Mention) -> bool:
    """A system named as what a fleet is made of: "the fleet of F/A-18 Hornets", "sa flotte de F-16"."""
    i = m.start - 1
    while i >= 0 and m.start - i <= 4 and (sent.words[i] in DETS or sent.words[i].isdigit()):
        i -= 1
    return i >= 1 and sent.words[i] in ("of", "de", "d'") and sent.words[i - 1] in ("fleet", "flotte", "flottes")


def _deadline(sent: Sent, i: int) -> int | None:
    """The year of a schedule right after a verb: "by 2029", "by the end of 2027", "d'ici (à la) fin 2030",
    "avant 2028"."""
    words = sent.words
    if words[i : i + 1] not in (["by"], ["d'ici"], ["avant"]):
        return None
    for j in range(i + 1, min(len(words), i + 6)):
        if YEAR.match(words[j]):
            return int(words[j])
        if words[j] not in ("the", "end", "of", "la", "fin", "de", "a", "l'", "mid", "early", "late", "debut", "mi"):
            return None
    return None


def _delivery_to_come(sent: Sent, t: Trigger, status: str, year: int | None) -> bool:
    """A year written after a delivery that has not happened ("are to be delivered in 2027") dates the
    delivery to come, not the deal; a year before it ("accepté en 2023 de livrer") dates the agreement."""
    if year is None or t.frame != "deliver" or status == "delivered":
        return False
    return all(i >= t.end for i, w in enumerate(sent.words) if w == str(year))


_PREVIOUS = {"previous", "earlier", "former", "prior", "precedent", "precedente", "precedents"}


def _another_sale(sent: Sent, t: Trigger) -> bool:
    """A sale noun told as another one than the article's: "Britain's previous export success for the
    aircraft came in 2012, when Oman ordered 12", "le précédent contrat": not the buyer already told's."""
    return t.frame in NOMINAL and any(w in _PREVIOUS for w in sent.words[max(0, t.start - 3) : t.end + 1])


_ORIGIN_PREPS = {"from", "de", "d'", "du", "des"}


def _soviet_legacy(sent: Sent, m: Mention) -> bool:
    """ "Soviet-era Su-25", "ex-Soviet MiG-29s", "des MiG-29 soviétiques", "de l'ère soviétique": systems a
    state holds from the Soviet Union, which names no supplier of today."""
    near = sent.words[max(0, m.start - 3) : m.start] + sent.words[m.end : m.end + 4]
    return any(w.startswith(("soviet", "ex-soviet")) for w in near)


def _collective_takeup(sent: Sent, t: Trigger) -> bool:
    """ "Ces achats doivent ...", "These purchases will ...": a plural purchase noun after a demonstrative takes
    up the deals told before; unless a system follows it as its complement ("ces achats de Rafale")."""
    word = sent.words[t.end - 1]
    if t.start == 0 or sent.words[t.start - 1] not in ("ces", "these", "those") or not word.endswith("s"):
        return False
    nxt = sent.words[t.end : t.end + 3]
    return not nxt or nxt[0] not in ("de", "d'", "des", "du", "of")


def _gives_a_capability(sent: Sent, t: Trigger, right: int) -> bool:
    """ "give its destroyers a modern submarine-hunting capability", "donner à ses frégates une capacité": what
    is given is an ability (a ``benefit_noun`` after an indefinite article); the weapons named are its holders."""
    for i in range(t.end, min(right, t.end + 10)):
        if sent.words[i] in ("a", "an", "une", "un", "new", "nouvelles", "de") and any(
            "benefit_noun" in sent.cue_at(j) for j in range(i + 1, min(len(sent.words), i + 5))
        ):
            return sent.mention_at(i + 1, ("weapon",)) is None
    return False


def _conjunct_start(sent: Sent, i: int) -> int:
    """Where the clause holding ``i`` begins, a comma and a conjunction opening one too ("..., and the jets")."""
    start = clause_start(sent, i)
    k = next((k for k in range(i - 1, start, -1) if sent.words[k] in ("and", "et") and sent.words[k - 1] == ","), None)
    return start if k is None else k + 1


def _weapons_before_in_clause(sent: Sent, t: Trigger) -> bool:
    """A system stands between the clause's start and this verb: the subject of its passive."""
    start = _conjunct_start(sent, t.start)
    return any(m.kind in ("weapon", "noun") and start <= m.start < t.start for m in sent.mentions)


def _not_weapons_arriving(sent: Sent, t: Trigger) -> bool:
    """Not an arrival of weapons: a person's ("à son arrivée au siège de l'Otan", "upon his arrival"), or of
    something a noun before the verb names ("before enemy counter-battery fire arrives")."""
    before = sent.words[max(0, t.start - 2) : t.start]
    if before[-1:] in (["son"], ["his"], ["her"]) and before[:1] in (["a"], ["upon"], ["on"]):
        return True
    if t.start == 0 or not sent.words[t.start].startswith("arriv"):
        return False
    i = t.start - 1
    while i > 0 and sent.words[i] in ("have", "has", "had", "will", "finally", "sont", "est", "ont", "enfin"):
        i -= 1
    noun = sent.words[i]
    return noun.isalpha() and noun not in ("they", "ils", "elles", "it") and sent.mention_at(
        i, ("weapon", "noun")) is None and sent.words[i - 1 : i] in (["counter-battery"], ["enemy"], ["the"], ["le"])


def _relative_state(sent: Sent, t: Trigger, pronouns: tuple[str, ...]) -> Mention | None:
    """The state a relative pronoun just before the verb takes up: "in Ukraine, where France delivered",
    "is Poland, whose first tanks arrived"."""
    at = next((i for i in range(t.start - 1, max(0, t.start - 5), -1)
               if sent.words[i] in pronouns and sent.words[i - 1] == ","), None)
    return sent.mention_at(at - 2, ("country",)) if at is not None and at >= 2 else None


def _fresh_batch(sent: Sent, weapons: list) -> bool:
    """The systems are told as new ones ("les dix F-16 neufs", "new F-16s"): bought from their maker."""
    return any(
        w in ("new", "brand-new", "neuf", "neufs", "neuve", "neuves")
        for m, _k in weapons if m is not None for w in sent.words[max(0, m.start - 2) : m.end + 2]
    )


def _aux_cue(sent: Sent, i: int) -> set[str]:
    """ "has", "have", "had", "a", "ont", "avait": an auxiliary opening the main verb after a phrase."""
    return {"be"} if sent.words[i] in ("has", "have", "had", "a", "ont", "avait", "avaient", "will", "would") else set()


def _own_stock(sent: Sent, supplier: Ref, weapon: str) -> bool:
    """The giver, the sentence's first state, gives systems told as its own: "Australia will send 49 of its
    retired Abrams to Ukraine", "Le Danemark va céder à l'Ukraine ses 19 canons Caesar" (not "Nigeria took
    delivery of its first A-29s from the United States": the buyer's)."""
    first = next((m for m in sent.mentions if m.kind == "country"), None)
    if first is None or first.key != supplier.key:
        return False
    return any(
        m.key == weapon and m.kind in ("weapon", "noun")
        and any(w in POSSESSIVES for w in sent.words[max(0, m.start - 4) : m.start])
        for m in sent.mentions
    )


def _makers_of(key: str, m: Mention | None) -> tuple[str, ...]:
    """The states that make this system: the catalogue's makers, or the origin its mention gives."""
    made = load().weapons[key].makers if key in load().weapons else ()
    return tuple(made) + ((m.maker,) if m is not None and m.maker else ())


def _fronted_host(sent: Sent, t: Trigger) -> Mention | None:
    """The state a participle phrase that opens the sentence describes: the subject right after its comma
    ("Equipped with American F-16s since the 1980s, Pakistan ...", "Équipé de F-16, le Pakistan ...")."""
    if t.start != sent.text_start or not sent.tokens[t.start].lower.endswith(("é", "ée", "és", "ées", "ed")):
        return None
    comma = next((i for i in range(t.end, min(len(sent.words), t.end + 16)) if sent.words[i] == ","), None)
    if comma is None:
        return None
    i = comma + 1
    while i < len(sent.words) and sent.words[i] in DETS:
        i += 1
    return sent.mention_at(i, ("country",)) if i < len(sent.words) else None


def _won(sent: Sent, t: Trigger) -> bool:
    """An order that a verb of winning governs, up to six words back in the same phrase: "Hanwha won an
    order", "Israel's IAI lands record Indian missile defence order", "a décroché une commande"."""
    for i in range(t.start - 1, max(-1, t.start - 7), -1):
        if sent.words[i] in (",", ";", ":") or any(a <= i < b for a, b, _f in sent.triggers):
            return False
        if "win_verb" in sent.cue_at(i):
            return True
    return False


class TransferFrames:
    """Part of :class:`kg.extract.relations.RelationReader` (a mixin: it reads ``self.ctx`` and
    appends to ``self.facts``)."""

    ctx: Context
    facts: list[Fact]
    listed_users: bool = False  # the deals being told are those of states listed as users of a system
    made_in: Callable[[Sent], list[tuple[str, Ref]]]  # from MakerFrames

    # ------------------------------------------------------------- transfers
    def _transfer(self, sent: Sent, triggers: list[Trigger], k: int, left: int, right: int) -> None:
        t = triggers[k]
        self.listed_users = False
        won = t.frame in ("buy", "purchase_n") and _won(sent, t)
        if won:  # "Hanwha won an order for 30 howitzers": the winner sells
            t = Trigger(t.start, t.end, "sell" if t.frame == "buy" else "sale_n")
        stop = [
            i for i in range(t.end, right)
            if sent.words[i] in _CONTRAST or _cause_at(sent, i) or subordinate_at(sent, i)
        ]
        right = stop[0] if stop else right
        if t.frame in BUY_LIKE and _participle_after_noun(sent, t) and sent.mention_at(t.start - 1, ("weapon", "noun")):
            # "14 F-16 fighters ordered from the United States in 2018, has been delayed": the participle's phrase
            right = next((i for i in range(t.end, right) if sent.words[i] in (",", ";")
                          and sent.words[i + 1 : i + 2] and "be" in sent.cue_at(i + 1) | _aux_cue(sent, i + 1)), right)
        elif t.frame in BUY_LIKE and (comma := apposed_participle(sent, t)) is not None:
            # "Ses AV-8B, acquis auprès des États-Unis, opèrent depuis le porte-aéronefs X": the apposition's commas
            right = next((i for i in range(t.end, right) if sent.words[i] in (",", ";")), right)
            named = sent.mention_at(comma - 1, ("weapon", "noun"))  # the system apposed_participle found there
            left = min(left, named.start)  # ("..., de conception américaine et acquis")
        if t.frame in SUPPLY_LIKE and t.start > 0 and sent.words[t.start - 1] in _DOCUMENTS:
            return  # "according to a notice sent to Congress": the document is sent, not a weapon
        if t.frame in NOMINAL and sent.words[t.end : t.end + 1] and sent.words[t.end] in _OFFICE_NOUNS:
            return  # "Turkey's defence procurement agency", "the arms export office": an institution, no purchase
        if t.frame in ("purchase_n", "buy") and _joint(sent, t):
            return  # "signed a letter of intent on the joint buying of air defence systems": co-buyers, no seller
        if t.frame == "receive" and any(w in _MONEY for w in sent.words[max(0, t.start - 4) : t.start]):
            return  # "put the money it receives from Germany toward new tanks": money received, no weapon
        if t.frame in NOMINAL and _collective_takeup(sent, t):
            return  # "Ces achats doivent combler le vide laissé par les T-72 ...": the purchases already told
        if t.frame in SUPPLY_LIKE and _gives_a_capability(sent, t, right):
            return  # "will give its destroyers and frigates a modern capability": the ships are the beneficiaries
        if self._delivery_scope(sent, t, right):
            return
        antecedent = _object_antecedent(sent, self.ctx, t)
        if antecedent is not None:  # "the F-16IQ fighters it has ordered": the relative clause's own tense
            left = max(left, antecedent[0].end)
        status = status_of(sent, t, left, right)
        if status is None:
            return
        opening = _of_which(sent, t) if t.frame in ("deliver", "arrive") and status == "delivered" else None
        partof = _weapons(sent, self.ctx, 0, opening, coordinated=False)[-1:] if opening else []
        told = [f for f in self._deals_here(sent) if partof and f.weapon.key == partof[0][1]]
        if told:  # "sold 17 F-16s to Romania, the first of which landed there in 2016": that sale, delivered then
            last = told[-1]
            year = _year_for(sent, None, t, t.end, right) or last.year
            self._deal(sent, last.supplier, last.recipient, last.weapon.key, "delivered", year)
            if not _weapons(sent, self.ctx, t.end, right):
                return  # (not "..., all of which have been delivered, along with K9 howitzers": those too)
        if status == "agreed" and t.frame in BUY_LIKE and (_held_purchase(sent, t) or _deployed_after(sent, t, right)):
            status = "delivered"  # "its navy operates two frigates bought from Portugal in 2008": in service
        gapped = _gapped_clause(sent, self.ctx, t, right) if t.frame in (BUY_LIKE | SUPPLY_LIKE) - NOMINAL else None
        if gapped is not None:
            right = gapped  # "Kuwait ordered 28 from Italy and Qatar 24 from Britain": the second is its own clause
        # "Passed over were the Gripen ..., the Rafale ... and the Typhoon": the whole list
        listed = t.frame == "compete" and t.start <= 1
        right = len(sent.words) if listed else right
        weapons = _weapons(sent, self.ctx, t.end, right, coordinated=not listed)
        if t.frame == "possess":  # "has flown only ageing Soviet-era Su-25s": a legacy of a state gone, no supplier
            weapons = [(m, k) for m, k in weapons if m is None or not _soviet_legacy(sent, m)]
        if antecedent is not None and t.frame in BUY_LIKE | SUPPLY_LIKE:
            weapons = [antecedent]  # "the Mirage jets it bought from France in 1990": its object stands before it
            right = next((i for i in range(t.end, right) if sent.words[i] in ("with", ";")), right)
        agent = sent.words[t.end : t.end + 1] in (["by"], ["par"])  # "commandés par la Suisse", "offered by X"
        if agent and t.frame in SUPPLY_LIKE | {"offer"} and _participle_after_noun(sent, t):
            # "the Gripen E offered by Sweden's Saab, the Super Hornet ...": the participle's own noun
            weapons = _weapons(sent, self.ctx, left, t.start, coordinated=False)[-1:]
        if weapons and t.frame not in NOMINAL and _is_passive(sent, t):
            # "le FK-3 a été livré par six avions Y-20": the agent carried it, the subject was delivered
            weapons = [(m, k) for m, k in weapons if m is None or sent.words[before_articles(sent, m)] not in
                       ("par", "by") and not _counted_agent(sent, m)]
        if not weapons and t.frame in NOMINAL:
            relative = any(w in ("whose", "dont") for w in sent.words[max(0, t.start - 2) : t.start])
            weapons = _weapons(sent, self.ctx, 0 if relative else max(left, t.start - 3), t.start, coordinated=False)[
                -1:
            ]
            done = t.frame == "sale_n" and sent.words[t.start].startswith(("livraison", "deliver")) and (
                "start" in _cues(sent, t.end, min(right, t.end + 4))
            )
            here = self._deals_here(sent)
            if not weapons and done and here:  # "sold 72 Typhoons to Peru in 2007, and deliveries were completed"
                last = here[-1]
                self._deal(sent, last.supplier, last.recipient, last.weapon.key, "delivered", last.year)
                return
            apposed = t.start >= 2 and sent.words[t.start - 2] == "," and sent.words[t.start - 1] in ("a", "an", "un",
                                                                                                   "une")
            if not weapons and apposed:
                # "Ottawa signed for 88 F-35A aircraft ..., a purchase then valued at C$19 billion": that purchase
                weapons = [(m, k) for m, k in _weapons(sent, self.ctx, 0, t.start - 2, coordinated=False)
                           if m is not None and m.kind == "weapon"][-1:]
                told = {f.weapon.key for f in self._deals_here(sent)}
                if not weapons or weapons[0][1] in told:
                    return  # (no second reading of a deal the sentence told: "choisi le Rafale, une commande ...")
            if not weapons and self.ctx.main_weapon and self._explicit_parties(sent, t, left, right):
                weapons = [(None, self.ctx.main_weapon)]
        elif not weapons and t.frame != "compete" and not promise(sent, t):  # "rather than upgrade its fleet"
            # the system nearest before the verb ("the FK-3 system that Serbia bought"); before a participle
            # with its agent, the system it describes ("the JF-17, ... and offered by Beijing")
            early = 0 if agent or t.frame == "arrive" else left  # "the jets ordered by Kuwait touched down"
            weapons = _weapons(sent, self.ctx, early, t.start, coordinated=False)
            # "Turkish-made TB2 drones and Israeli loitering munitions were used by Azerbaijani forces": the
            # coordinated subject of a passive of possession, all of it
            # and the systems a participle after them describes ("les deux Su-27 et deux Su-30 commandés en 2003")
            weapons = _trailing_group(sent, weapons) if t.frame == "possess" and sent.words[t.end - 1] in (
                "by", "par") or _participle_after_noun(sent, t) else weapons[-1:]
            subject_relative = next(
                (i for i in range(t.start - 1, max(-1, t.start - 4), -1) if sent.words[i] in ("that", "which", "qui")),
                None,
            )
            if not weapons and t.frame == "possess" and subject_relative is not None and all(
                w in ("are", "is", "were", "was", "already", "still", "now", "sont", "est", "deja", "toujours")
                for w in sent.words[subject_relative + 1 : t.start]
            ):  # "the 24 K9s that Norway ordered in 2017 and that are already in service": the relative's noun
                weapons = _weapons(sent, self.ctx, 0, subject_relative, coordinated=False)[-1:]
            if not weapons and left > 0 and sent.words[left - 1] in ("that", "which", "que", "qu'"):
                # "the Barak 8 system that Baku has deployed": the relative clause's antecedent is its object
                weapons = [
                    (m, k) for m, k in _weapons(sent, self.ctx, max(0, left - 6), left - 1, coordinated=False)
                    if m is not None and m.end >= left - 3
                ][-1:]
            pronoun = next((i for i in range(t.start - 1, -1, -1) if sent.words[i] in ("which", "qui")), None)
            if not weapons and pronoun is not None and _is_passive(sent, t):
                # "the Garpiya drones, which ... were built in China before being shipped to Russia": its antecedent
                weapons = _weapons(sent, self.ctx, 0, pronoun, coordinated=False)[-1:]
            if not weapons and _is_passive(sent, t) and _plural_pronoun_subject(sent, t) and self.ctx.weapon_order:
                # "Ils avaient depuis été proposés au Vietnam", "They had since been offered to Sudan": the systems
                # told last; with no state named, in the deal told last for them ("the U.S. Army bought two Iron
                # Dome batteries. They were delivered in 2020")
                key = self._pronoun_weapon()
                last = self._last_deal(key)
                if last is not None and not _actors(sent, self.ctx, 0, len(sent.words)):
                    self._deal(sent, last.supplier, last.recipient, key, status, _year_for(sent, None, t, left, right))
                    return
                weapons = [(None, key)]
        if not weapons and t.frame not in NOMINAL and _object_pronoun(sent, t):
            # "la Pologne, qui en a commandé 32 en 2020", "Finland ordered 64 of them": the system named last
            here = _weapons(sent, self.ctx, 0, t.start, coordinated=False)[-1:]
            weapons = here or ([(None, self._pronoun_weapon())] if self.ctx.weapon_order else [])
        weapons = self._package(sent, weapons)
        weapons = _without_armament(weapons)
        last = self._last_deal()
        tendered = self.ctx.main_weapon or (last.weapon.key if last is not None else None)
        bids = sent.words[t.start].endswith(("offers", "offres", "bids"))
        bids = bids and sent.words[max(0, t.start - 2) : t.start] != ["appel", "d'"]  # "un appel d'offres": a tender
        if not weapons and t.frame == "offer" and tendered and bids:
            weapons = [(None, tendered)]  # "X and Y had also submitted offers": for the tender's system
        if not weapons:
            if t.frame in NOMINAL and not self._cancel_told_deal(sent, t, left, right):  # "cancelled the order"
                self._date_told_deal(sent, t, left, right)  # "la commande initiale, signée en 2021": the deal told
            return
        fleet = any(m is not None and _in_a_fleet(sent, m) for m, _k in weapons)
        # "les nouveaux appareils remplaceront les douze Mirage 2000-5 que l'émirat avait achetés": in service
        past = t.frame in BUY_LIKE and _past_purchase(sent, t)
        fleet = fleet or past and any(
            m is not None and m.start < t.start and _REPLACED & set(sent.words[max(0, m.start - 12) : m.start])
            for m, _k in weapons
        )
        # "howitzers bought second-hand from Germany in 2015", "achetés d'occasion il y a une dizaine d'années",
        # "K9 howitzers ... ordered by Oslo in 2017" that its artillery "already fields": in service
        fleet = fleet or past and (_second_hand(sent, t) or _long_ago(sent, t) or any(
            f == "possess" and s < m.start <= e + 8 and s < t.start and not planned(sent, s)
            and "modal" not in _cues(sent, max(0, s - 3), s)  # not "are due to fly alongside 28 Super Hornets"
            # nor another state's fleet: "Déjà en service dans l'armée française, le système a été commandé par"
            and not any(x.kind in ("country", "demonym") and e <= x.start < m.start for x in sent.mentions)
            for m, _k in weapons if m is not None for s, e, f in sent.triggers
        ))
        if status == "agreed" and t.frame in BUY_LIKE and fleet:
            status = "delivered"  # "the fleet of F/A-18 Hornets that Kuwait bought": in service, so delivered
        right_actors = [(m, r, p) for m, r, p in _actors(sent, self.ctx, t.end, right)]
        made = _making_aside(sent, t.end, right)
        if made is not None:  # "ordered the Super Tucano, which Embraer developed for the Brazilian air force"
            right_actors = [(m, r, p) for m, r, p in right_actors if m.start < made]
        passive = t.frame not in NOMINAL and _is_passive(sent, t)
        deadline = _deadline(sent, t.end)  # "delivered by (the end of) 2029": a schedule, no agent, no delivery yet
        if t.frame in SUPPLY_LIKE and _participle_after_noun(sent, t) and not deadline:
            passive = True  # "douze F-16 commandés au Portugal, livrés depuis": the jets were delivered
        if t.frame in SUPPLY_LIKE | {"offer"} and agent and not deadline:
            passive = True  # "the JF-17, ... and offered by Beijing": a participle with its agent
        if deadline and status == "delivered":
            status = "proposed"
        supplier: Ref | None = None
        recipients: list[Ref] = []
        pair: list[Ref] = []
        co_suppliers: list[Ref] = []
        if t.frame == "arrive":
            self._arrival(sent, t, left, right, status)
            return
        if t.frame in NOMINAL:
            subjects = self._nominal_owner(sent, t, left)
            if not subjects and t.frame == "sale_n" and any(p in RECIPIENT_PREPS_SUPPLY for m, r, p in right_actors):
                subjects = self._subjects(sent, 0, t.start)  # "Rome a approuvé la vente de frégates à l'Egypte"
        else:
            subjects = self._subjects(sent, left, t.start) or self._subject_or_coref(sent, 0, t.start)
            controlled = self._controlled_subject(sent, t)
            if controlled is not None:
                subjects = [controlled]
            if not subjects and t.frame in BUY_LIKE:
                host = _fronted_host(sent, t)  # "Equipé de F-16 américains, le Pakistan produit ...": its subject
                subjects = [self.ctx.actor(host)] if host is not None else subjects
            if not subjects and t.frame in BUY_LIKE and _shared_subject(sent, t):
                # "has taken delivery of JF-17 ..., and has received Chinese-built drones": the same buyer
                subjects = [f.recipient for f in self._deals_here(sent)][-1:]
        sanctioned = self._sanctioned_for(sent, t)
        if sanctioned is not None:  # "the US sanctioned Iran for delivering drones to Russia": Iran delivered
            supplied = t.frame == "sale_n" and sent.words[t.start].startswith(("suppl", "deliver", "fourn", "livr"))
            subjects, status = [sanctioned], "delivered" if status == "proposed" or supplied else status
        if t.frame in BUY_LIKE - {"possess"} and sent.lang == "fr":
            # "acheter des drones en Turquie": the country where one buys sells (not where one is in service)
            right_actors += [
                (m, Ref.country(m.key), "from")
                for m in sent.mentions
                if m.kind == "country" and m.setting and t.end <= m.start < right and sent.words[m.start - 1] == "en"
            ]
        maker_supplier = False
        if t.frame in BUY_LIKE or t.frame == "compete":
            made_agent = False  # the states coordinated after "built by" share its reading
            for _m, r, p in right_actors:
                if p == "from" and "away" in sent.words[max(0, _m.start - 4) : _m.start]:
                    continue  # "a move away from its ageing MiGs": left behind, not bought
                if _made_in(sent, _m):
                    continue  # "a reçu le premier Gripen assemblé au Brésil": where it was made
                if p in ("by", "par") and (_made_by(sent, _m) or made_agent):
                    p, made_agent = "from", True  # "took delivery of frigates built by South Korea's Hyundai"
                elif p in ("by", "par") and _offered_by(sent, _m):
                    p = "from"  # "weighed the JF-17, offered by Beijing on soft terms"
                if p in ("with", "avec") and _after_cue(sent, _m):
                    p = "from"  # "signed a deal with France to buy"
                if t.frame == "receive" and p in ("de", "du", "des", "d'"):
                    p = "from"  # "a reçu des Émirats un avion", "reçu de la France"
                if p == "from" and made_agent and supplier is None:
                    maker_supplier = True  # the supplier is the maker a "built by" names
                if p in SUPPLIER_PREPS and supplier is not None and r != supplier:
                    co_suppliers = co_suppliers or [supplier]
                    co_suppliers.append(r)  # "from Germany and Norway"
                elif p in SUPPLIER_PREPS and supplier is None and not (t.frame == "possess" and p != "from"):
                    supplier = r  # (not "en service à Singapour": where it serves)
                elif p in ("for", "pour") and any(_MADE_VERB.match(w) for w in sent.words[t.end : _m.start]):
                    continue  # "bought vessels built by BAE for Chile": whom they were first built for
                elif p in ("by", "par") and t.frame in NOMINAL and any(
                    w.endswith("ed") or w == "," for w in sent.words[t.end : _prep_before(sent, _m)]
                ):
                    continue  # "their purchase followed refusals by Washington": another noun's agent
                elif p in RECIPIENT_PREPS_BUY and _apposed_between(sent, t.end, _m.start):
                    continue  # "ordered drones from Turkey, a big win for Ankara": the aside's own complement
                elif p in RECIPIENT_PREPS_BUY and (passive or agent or t.frame in NOMINAL or p not in ("by", "par")):
                    recipients.append(r)  # "bought by Chile"; not "during a visit by Chile's president"
            origins = {m.maker for m, _k in weapons if m is not None}
            beneficiaries = [
                r for m, r, p in right_actors
                if (p in _FOR or sent.words[m.start - 1] in _FOR) and not _apposed_between(sent, t.end, m.start)
                and r.key not in origins  # (not "bought Turkish drones for Turkey's biggest export deal")
            ]
            if t.frame in ("buy", "purchase_n") and supplier is None and beneficiaries:
                # "aircraft bought by the United States for Afghanistan's air force", "Washington paid for
                # 20 A-29 for Kabul": the state that buys for another passes the systems on
                payer = [r for r in recipients + subjects if r not in beneficiaries]
                if payer:
                    supplier, recipients = payer[0], beneficiaries
            if supplier is None:  # "signed with Paris ... to purchase", "négocie avec Washington l'achat"
                supplier = next(
                    (
                        r
                        for m, r, p in reversed(_actors(sent, self.ctx, left, t.start))
                        if p in ("from", "aupres") or (p in ("with", "avec") and _after_cue(sent, m))
                    ),
                    None,
                )
                own = {self._supplier_for(key, m, sent) for m, key in weapons} - {None}
                if supplier is not None and own and supplier not in own:
                    supplier = None  # "expelled from the F-35 programme after buying the Russian S-400"
            beaten = t.frame == "compete" and sent.words[t.start].startswith(("beat", "devanc", "outbid", "edg"))
            if not recipients and not passive and not beaten:  # "Paris a dû devancer X": a seller beat X
                recipients = [s for s in subjects if s != supplier]
            if not recipients and passive and t.frame in ("buy", "purchase_n") and not agent:
                # "their replacement, the US-built F-35, was ordered in 2016": bought by the article's buyer, or
                # by the state that passes the system on ("Australia will send its Abrams to Ukraine. The tanks
                # were bought from the United States")
                keys = {k for _m, k in weapons}
                makers = {Ref.country(c) for m, k in weapons for c in _makers_of(k, m)}
                told = [f for f in self._deals_here(sent) + self.facts[-20:]
                        if isinstance(f, Deal) and f.weapon.key in keys and f.supplier != supplier]
                # (not the maker's own sale: "Denmark fields French Caesar guns. They were ordered in 2017")
                # (a seller that is no maker sold them, unless they were its own: "Nigeria received A-29s from the
                # United States. The aircraft were bought in 2018" is Nigeria's purchase)
                resold = [
                    f.supplier if f.supplier not in makers and (supplier is not None or (f.supplier, f.weapon.key)
                                                                in self.own_stock) else f.recipient
                    for f in told
                ]
                if _fresh_batch(sent, weapons):  # "Les dix F-16 neufs avaient été commandés en 2002": not the
                    resold = []  # batch passed on
                main = resold[-1] if resold else self.ctx.buyer()
                recipients = [main] if main is not None and main != supplier else []
            if not recipients and not subjects and (_participle_after_noun(sent, t) or _infinitive_after_noun(sent, t)):
                # "Le Pantsir-S1, acquis auprès de Moscou en 2020, ...", "earlier efforts to buy Sweden's
                # Gripen collapsed": bought by the state the article is about
                main = self.ctx.buyer()
                buyer = main if main is not None and main != supplier else None
                recipients = [buyer] if buyer is not None else []
            if t.frame == "possess" and any(
                m is not None and m.start < t.start and _CONTRAST & set(sent.words[max(0, m.start - 5) : m.start])
                for m, _k in weapons
            ):
                return  # "will replace the ageing Mi-24 gunships still flown by the Polish army": the fleet retired
            if t.frame == "possess":
                if any(m is not None and m.start < t.start for m, _k in weapons):
                    supplier, co_suppliers = None, []  # "le Rafale est en service au Qatar": the states operate it
                recipients = self._operators(sent, t, right, weapons, recipients, supplier)
                # "Déjà en service en Pologne, en Norvège et en Finlande": users listed, not the story's buyers
                self.listed_users = len(recipients) > 1
                if not recipients:  # "the 24 K9s that Norway ordered in 2017 and that are already in service"
                    keys = {k for _m, k in weapons}
                    for f in self._deals_here(sent):
                        if f.weapon.key in keys and f.status == "agreed":
                            self._deal(sent, f.supplier, f.recipient, f.weapon.key, "delivered", f.year)
                    return
        else:
            for m, r, p in right_actors:
                if p in ("par", "by") and _maker_phrase(sent, m):
                    continue  # "des Scorpène, construits par le chantier péruvien Sima": who builds, not who sells
                if p in RECIPIENT_PREPS_SUPPLY or (p is None and not passive and _double_object(sent, t, m)):
                    recipients.append(r)
                elif won and p in _ORIGIN_PREPS:
                    recipients.append(r)  # "won an order from Brazil": the customer
                elif p in SUPPLIER_PREPS_SUPPLY and supplier is None:
                    supplier = r
            if passive:
                # (not an actor of an earlier clause: "revived by Trump, and the 12 Super Tucanos were handed over")
                here = {r for m, r, p in _actors(sent, self.ctx, _conjunct_start(sent, t.start), t.start)}
                subjects = [r for r in subjects if r in here] if _weapons_before_in_clause(sent, t) else subjects
                if _participle_after_noun(sent, t):  # "offert à Belgrade six MiG-29, livrés en 2017": not Moscow's
                    subjects = []
                recipients = recipients or subjects[:1] or self._article_buyer(sent, t, weapons)
                if not recipients and _participle_after_noun(sent, t) and self.ctx.buyer() is not None:
                    recipients = [self.ctx.buyer()]  # "sa flotte de F-16 livrés dans les années 80"
            elif subjects and supplier is None:
                others = [s for s in subjects if s not in recipients]
                if len(others) > 1 and not recipients and t.frame in NOMINAL:
                    pair = others  # "le Brésil et le Chili ont conclu ... la livraison": orient by the weapon
                elif len(others) > 1:
                    co_suppliers = others  # "Poland and Portugal have also sent ..."
                else:
                    supplier = others[0] if others else None
            if not recipients and not pair and any(
                c in ("coref_country", "coref_government") and t.end <= cs < right
                and sent.words[cs - 1 : cs] in (["to"], ["a"], ["au"])
                for cs, _ce, c in sent.cues
            ):
                # "the Kremlin delivered Su-30SM fighter jets to the country in 2019": the state the noun takes up
                recipients = [r for r in self._coref_actors(sent, t.end, right) if r != supplier][:1]
            if not recipients and not pair and t.frame in ("deliver", "supply"):
                # "a strong reputation in Ukraine, where France delivered 18 of them": where they went
                place = _relative_state(sent, t, ("where", "ou"))
                if place is not None and Ref.country(place.key) != supplier:
                    recipients = [Ref.country(place.key)]
            if not recipients and not pair:
                pronoun = self._pronoun_actor(sent, left, right, {supplier} if supplier else set())
                pronoun = pronoun or self._possessor(sent, t, right, weapons, {supplier} if supplier else set())
                pronoun = pronoun or self._client_of_supplier_noun(sent, {supplier} if supplier else set())
                listed = self._listed_recipients(sent, t, right, supplier)
                if listed and not pronoun:
                    recipients = listed
                if pronoun:
                    recipients = [pronoun]
            if not recipients and not pair and supplier is not None and not passive:
                # "the largest supplier to Venezuela, with deals to sell rifles": the recipient the
                # clause named before the verb
                recipients = [r for m, r, p in _actors(sent, self.ctx, left, t.start) if p in ("to", "a", "au", "aux")][
                    :1
                ]
            if not recipients and not pair and supplier is not None and not _another_sale(sent, t) and t.frame in (
                "offer", "sale_n", "supply", "deliver", "sell"
            ):
                # "France has offered its Scorpene", "l'envoi de NASAMS": with no other state named, the buyer
                # this clause's (not a relative clause's about the weapons: ", which were paraded through Caracas")
                aside = next((i for i in range(t.end, right - 1) if sent.words[i] == ","
                              and sent.words[i + 1] in ("which", "qui", "that")), right)
                others = [r for m, r, p in _actors(sent, self.ctx, left, aside) if r != supplier]
                main = self.ctx.main_country
                if not others and main is not None and main != supplier and (
                    main in self.ctx.recipients or not self.ctx.recipients
                ):
                    recipients = [main]  # the buyer the article is about (its first deal, too)
                elif not others and self.ctx.recipients and self.ctx.recipients[-1] != supplier:
                    recipients = [self.ctx.recipients[-1]]
        if sanctioned is not None:
            # "sanctions on Iranians over the supply of drones that Russia has used": the user received them;
            # the state imposing the sanction is no party to the transfer
            imposers = {r for m, r, p in _actors(sent, self.ctx, 0, t.start) if p is None and r != sanctioned}
            user = self._relative_user(sent, t, right)
            recipients = [user] if user is not None else [r for r in recipients if r not in imposers]
        if t.frame in BUY_LIKE and supplier is None and not co_suppliers and _stateless_seller(sent, t.end, right):
            return  # "buying H145M helicopters from the European group Airbus": a seller of no one state
        if supplier is None and not co_suppliers:
            # weapons whose origin the text gives only as a group have no supplier it states
            weapons = [(m, key) for m, key in weapons if m is None or not m.group_origin]
        own_supplier: dict[int, Ref] = {}
        by_maker: dict[int, Ref] = {}
        if t.frame in BUY_LIKE and len(weapons) > 1:
            own_supplier = _distributed(sent, weapons, right_actors)
            by_maker = {} if own_supplier else _own_makers(sent, weapons)
            if by_maker:  # each system from its own maker; the others from theirs, not from a neighbour's
                own_supplier = {m.start: by_maker.get(m.start) for m, _k in weapons if m is not None}
                supplier = None
            if own_supplier:
                co_suppliers = []
        stated = [s for s in [supplier, *co_suppliers] if s is not None]
        weapons = [(m, _generic_if_maker_differs(m, key, stated)) for m, key in weapons]
        weapons = [(m, key) for m, key in weapons if m is None or m.via != "vague" or key != m.key]  # "the types"
        shared = supplier or next((s for m, key in weapons if (s := self._supplier_for(key, m, sent))), None)
        if by_maker:
            shared = None  # a list of systems with makers of their own shares no seller
        ordered_passive = passive and t.frame == "buy" and not agent  # "ces obusiers avaient été commandés"
        fresh = ordered_passive and _fresh_batch(sent, weapons)
        for m, key in weapons:
            weapon_supplier = own_supplier.get(m.start, supplier) if m is not None else supplier
            late = supplier is not None and m is not None and m.maker and _origin_after_supplier(sent, m, right_actors)
            if late and t.frame in BUY_LIKE and maker_allowed(key, m.maker):
                # "delivery of JF-17 fighters from Pakistan and of Russian-made Mi-35 gunships": its own origin
                weapon_supplier = Ref.country(m.maker)
            if maker_supplier and m is not None and m.maker and weapon_supplier != Ref.country(m.maker):
                # "frégates MEKO construites par l'allemand TKMS et corvettes C28A de fabrication chinoise"
                weapon_supplier = Ref.country(m.maker)
            if pair:
                known = self._supplier_for(key, m, sent)
                weapon_supplier = known if known in pair else pair[0]
                recipients = [p for p in pair if p != weapon_supplier][:1]
            if t.frame == "compete" and m is not None:
                maker = m.maker or self.ctx.maker_of(key)
                weapon_supplier = Ref.country(maker) if maker else None
                named = [  # "au SAMP/T franco-italien": every maker the nationality words give it
                    Ref.country(d.key)
                    for d in sent.mentions
                    if d.kind == "demonym" and d.start in (m.end, m.start - 1) and key in load().weapons
                    and d.key in load().weapons[key].makers
                ]
                co_suppliers = named if len(named) > 1 else []
                # "The FA-50 beat the Tejas", "Choisi au détriment du Rafale, l'appareil ...": passed over by the
                # buyer of the system that won, else by the last buyer told
                winners = [
                    self.deal_recipients[k2]
                    for m2, k2 in _weapons(sent, self.ctx, 0, len(sent.words), coordinated=False)
                    if k2 != key and k2 in self.deal_recipients
                ]
                last = [self.ctx.recipients[-1]] if self.ctx.recipients else []
                # (before any deal is told, the state the article is about: "L'Inde a écarté ... Sont éliminés")
                main = [self.ctx.main_country] if self.ctx.main_country is not None and not last else []
                recipients = recipients or winners[:1] or last or main
            if weapon_supplier is None:
                own = self._supplier_for(key, m, sent)
                weapon_supplier = own if t.frame == "compete" else own or shared  # a rival is not the winner's
            shared = shared or weapon_supplier
            weapon_recipients = recipients or (
                [self.deal_recipients[key]]
                if key in self.deal_recipients and not _another_sale(sent, t)
                # "the howitzers were ordered in 2017": bought by the buyer told
                and (t.frame not in BUY_LIKE or t.frame in NOMINAL or t.frame == "buy" and _is_passive(sent, t))
                else []
            )
            if not weapon_recipients and t.frame in NOMINAL and weapon_supplier is not None:
                # not a state governed by "sur"/"on" ("la souveraineté marocaine sur le Sahara occidental")
                # "auprès de la France, puis de l'Italie": every state of a seller's phrase sells
                givers = {weapon_supplier, *co_suppliers}
                givers |= {r for m, r, p in right_actors if p in SUPPLIER_PREPS and t.frame == "purchase_n"}
                # (nor a firm: "tandis que le suédois Saab continue de proposer son Gripen" sells, never buys)
                before = [r for m, r, p in _actors(sent, self.ctx, 0, t.start)
                          if r not in givers and p not in ("sur", "on", "over") and not m.of_firm]
                # (not a seller of another clause: "orders by the country, which signed for jets from France")
                after = [r for m, r, p in _actors(sent, self.ctx, t.end, len(sent.words))
                         if r not in givers and p not in ("sur", "on", "over") and not m.of_firm
                         and not (t.frame == "purchase_n" and p in SUPPLIER_PREPS)]
                weapon_recipients = before[-1:] or after[:1]
                main = self.ctx.main_country
                buyer = main if main in self.ctx.recipients and main != weapon_supplier else None
                if not weapon_recipients and t.frame == "purchase_n" and buyer is not None:
                    weapon_recipients = [buyer]  # "la commande de 42 Rafale passée en 2022": the article's buyer
            for recipient in weapon_recipients:
                if weapon_supplier is None and len(subjects) > 1:
                    weapon_supplier = next((s for s in subjects if s != recipient), None)
                if ordered_passive and (weapon_supplier == recipient or fresh):
                    # "ces obusiers avaient été commandés en 2017" by the state that now passes them on: from
                    # their maker, not from the state the article first saw giving them
                    makers = [c for c in _makers_of(key, m) if c != recipient.key]  # (new ones: from the maker)
                    weapon_supplier = Ref.country(makers[0]) if len(set(makers)) == 1 else None
                if weapon_supplier is None or weapon_supplier == recipient:
                    continue
                if t.frame in BUY_LIKE and len(subjects) > 1 and recipient == weapon_supplier:
                    continue
                year = _year_for(sent, m, t, left, right) or _when_year(sent, left)
                year = year or antecedent_year(sent, t)  # "under a 1999 arms package under which ... bought"
                year = year or appositive_year(sent, m)
                if year is None and t.frame == "compete":
                    # "picked the Swedish jet in December 2013, passing over the Rafale", "chose the F-35 in 2016
                    # over the Super Hornet", "en 1975, la Belgique avait préféré le F-16 au Mirage F1": the choice's
                    year = _year_before(sent, t.start)
                halt = _halted_licence(sent, t)
                if year is None and halt is not None:  # "In 2017, X suspended the licence ... to export ..."
                    year = _year_for(sent, None, Trigger(halt, halt + 1, "ban"), 0, t.start)
                if deadline is not None and year == deadline or _delivery_to_come(sent, t, status, year):
                    year = None  # the year of a schedule or of a delivery to come ("are to be delivered in 2027")
                if len(weapon_recipients) > 1:  # "par l'Égypte et le Qatar en 2015, par l'Inde en 2016"
                    group_year = _year_of_group(sent, recipient, t.end, right)
                    year = year if group_year is None else group_year or None
                elif year is None and _that_year(sent, left, right):
                    year = _year_before(sent, t.start)  # "in 2019, after it began taking delivery that year"
                givers = co_suppliers or [weapon_supplier]
                joint = _joint_makers(sent, m, key)  # "the Franco-Italian SAMP/T": both makers sell it
                if not co_suppliers and weapon_supplier in joint:
                    givers = joint
                makers = load().weapons[key].makers if key in load().weapons and len(weapons) > 1 else ()
                if len(givers) > 1 and any(g.key in makers for g in givers):
                    # "Britain and France sent their Storm Shadow and SCALP missiles": each state its own
                    givers = [g for g in givers if g.key in makers]
                for s in givers:
                    if s != recipient:
                        self._deal(sent, s, recipient, key, status, year)
                        if t.frame in BUY_LIKE and status != "refused":
                            for earlier in self._earlier_buyers(sent, t, {s, recipient}):
                                self._deal(sent, s, earlier, key, "agreed", None)
        if gapped is not None and len(weapons) == 1:
            self._gapped_deal(sent, t, gapped, weapons[0], status)

    def _gapped_deal(self, sent: Sent, t: Trigger, start: int, weapon: tuple, status: str) -> None:
        """The second clause of a gapping ("et le Qatar 24 en 2017 au britannique BAE Systems"): its state
        bought the same system from the seller it names."""
        end = next((i for i in range(start + 1, len(sent.words)) if sent.words[i] in BOUNDARY or
                    sent.words[i] in (",", ";")), len(sent.words))
        actors = _actors(sent, self.ctx, start, end)
        year = next((int(w) for w in sent.words[start:end] if YEAR.match(w)), None)
        subject = next((r for m, r, p in actors if p is None and r.type == "Country"), None)
        if t.frame in SUPPLY_LIKE and subject is not None:
            # a donor's second clause ("and Canada four of the same model", "and Britain 14 Challenger 2s"):
            # its own system if it names one, to the first clause's recipients
            own = _weapons(sent, self.ctx, start, end, coordinated=False)
            key = own[0][1] if own else weapon[1]
            told = [f for f in self._deals_here(sent) if f.weapon.key == weapon[1]]
            for recipient in dict.fromkeys(f.recipient for f in told):
                if recipient != subject:
                    self._deal(sent, subject, recipient, key, status, year)
            return
        buyer, seller = subject, next((r for m, r, p in actors if p in SUPPLIER_PREPS and r != subject), None)
        if buyer is None or seller is None:
            return
        self._deal(sent, seller, buyer, weapon[1], status, year)

    def _operators(self, sent: Sent, t: Trigger, right: int, weapons: list, recipients: list[Ref],
                   supplier: Ref | None) -> list[Ref]:
        """The states that operate a system: "the K9 is in service with Finland and Norway", "le Rafale est
        en service en Egypte et en Inde" (the system before the verb, the states after it), and the states
        listed with the subject: "Algeria is among the operators, along with India and Vietnam"."""
        out = list(recipients)
        weapon_first = any(m is not None and m.start < t.start for m, _k in weapons)
        # "Already flown by Israel, Poland and Singapore, the M-346 ...": a fronted phrase before its system
        comma = next((i for i in range(t.end, right) if sent.words[i] == ","
                      and any(m is not None and i < m.start <= i + 3 for m, _k in weapons)), None)
        if t.start <= 2 and comma is not None:
            weapon_first, right = True, comma
        relative = any(w in ("that", "que", "qu'") for w in sent.words[max(0, t.start - 4) : t.start])
        if weapon_first and relative and out:
            return [r for r in dict.fromkeys(out) if r != supplier]  # "the Barak 8 that Baku has deployed"
        if weapon_first:
            out = []
            for m in sent.mentions:
                acting = m.kind == "demonym" and m.attached == "actor"  # "flown by the Saudi air force"
                if m.kind != "country" and not acting or not t.end <= m.start < right:
                    continue
                prep = _governing_prep(sent, m) or (sent.words[m.start - 1] if m.start else None)
                if acting and prep not in ("by", "par"):
                    continue  # only as the agent: not "les combats qui l'opposent aux forces arméniennes"
                if prep in _OPERATOR_PREPS or (out and _listed_after(sent, m)):
                    out.append(Ref.country(m.key))
        for i in range(t.end, right - 1):
            if tuple(sent.words[i : i + 2]) in (("along", "with"), ("as", "well")) or (
                sent.words[i] == "avec" and sent.lang == "fr"
            ):
                out += [r for m, r, p in _actors(sent, self.ctx, i + 1, right) if r.type == "Country"]
                break
        return [r for r in dict.fromkeys(out) if r != supplier]

    def _listed_recipients(self, sent: Sent, t: Trigger, right: int, supplier: Ref | None) -> list[Ref]:
        """ "a livré ces appareils à de nombreux pays africains, dont le Nigeria, le Niger et le Togo",
        "sold to several countries, including Qatar and Egypt": the states the list names."""
        for i in range(t.end, min(len(sent.words), right + 12)):
            if sent.words[i] in ("dont", "including", "notamment") or sent.words[i : i + 2] == ["such", "as"]:
                found = [r for m, r, p in _actors(sent, self.ctx, i + 1, len(sent.words)) if r.type == "Country"]
                return [r for r in found if r != supplier]
        return []

    def _client_of_supplier_noun(self, sent: Sent, exclude: set[Ref]) -> Ref | None:
        """ "Germany is Ukraine's second-largest military donor, having delivered ...", "le premier
        fournisseur de l'Inde": the state whose supplier the sentence calls the subject."""
        for s, e, c in sent.cues:
            if c != "supplier_noun":
                continue
            for m, r, _p in _actors(sent, self.ctx, max(0, s - 5), s):
                if _is_possessive(sent, m) and r not in exclude:
                    return r
            for _m, r, p in _actors(sent, self.ctx, e, min(len(sent.words), e + 4)):
                if p in ("of", "de", "du", "d'", "to", "a", "au", "aux") and r not in exclude:
                    return r
        return None

    def _relative_user(self, sent: Sent, t: Trigger, right: int) -> Ref | None:
        """ "drones that Russia has used", "des drones que la Russie utilise": the state that uses the
        systems a relative clause describes."""
        for i in range(t.end, min(len(sent.words), right + 6)):
            if sent.words[i] not in ("that", "which", "que", "qu'"):
                continue
            j = i + 1
            while j < len(sent.words) and sent.words[j] in DETS:
                j += 1
            m = sent.mention_at(j, ("country",))
            if m is None:
                return None
            after = sent.words[m.end : m.end + 3]
            if any(w.startswith(("use", "utilis", "employ", "deploy", "receiv", "operat")) for w in after):
                return Ref.country(m.key)
            return None
        return None

    def _possessor(self, sent: Sent, t: Trigger, right: int, weapons: list, exclude: set[Ref]) -> Ref | None:
        """ "Vietnam relies on Russia. Moscow supplied most of its Su-30": a state does not supply its own
        systems to nobody, so "its" before the weapon is the state named before, the recipient."""
        spots = [m.start for m, _k in weapons if m is not None and t.end <= m.start < right]
        if not spots or t.frame not in ("supply", "deliver"):
            return None  # "Naval Group has offered its Scorpene", "sold its old jets": its own
        i = spots[0] - 1
        while i >= t.end and (sent.words[i].isdigit() or sent.words[i] in ("first", "premiers", "premieres")):
            i -= 1
        if i < t.end or sent.words[i] not in ("its", "their", "ses", "leurs"):
            return None
        named = [r for m, r, p in _actors(sent, self.ctx, 0, t.start) if r not in exclude]
        earlier = [r for r in reversed(self.ctx.actor_order) if r not in exclude]
        return named[-1] if named else (earlier[0] if earlier else None)

    def _article_buyer(self, sent: Sent, t: Trigger, weapons: list) -> list[Ref]:
        """ "75 F404 engines have been delivered": an agentless passive that names no state at all, about a
        named system, delivers to the state the article last named as a buyer (or is most about). (A state
        of an earlier conjunct is not this clause's: "revived by Trump, and the 12 Super Tucanos were handed
        over in 2021".)"""
        named = any(m is not None and m.kind == "weapon" for m, _k in weapons)
        if _actors(sent, self.ctx, _conjunct_start(sent, t.start), len(sent.words)) or not named:
            return []
        if any(w in ("like", "comme", "those", "ceux", "celles") for w in sent.words[max(0, t.start - 3) : t.start]):
            return []  # "like those delivered in January": a comparison, not this delivery
        buyer = self.ctx.recipients[-1] if self.ctx.recipients else self.ctx.main_country
        return [buyer] if buyer is not None else []

    def _controlled_subject(self, sent: Sent, t: Trigger) -> Ref | None:
        """The object of a verb of permission or help is the subject of the infinitive after it: "the US
        allowed Argentina to buy", "autorisent l'Argentine à acquérir", "helped Kyiv to obtain"."""
        marker = _infinitive_marker(sent, t)
        if marker is None:
            return None
        objects = [(m, r) for m, r, p in _actors(sent, self.ctx, max(0, marker - 5), marker) if p is None]
        if not objects:
            return None
        m, r = objects[-1]
        i = before_articles(sent, m)
        return r if i >= 0 and "permit" in sent.cue_at(i) else None

    def _sanctioned_for(self, sent: Sent, t: Trigger) -> Ref | None:
        """The state a sanction punishes for this transfer: "sanctioned Iran for delivering drones",
        "a sanctionné l'Iran pour avoir livré des drones"."""
        before = sent.words[max(0, t.start - 3) : t.start]
        # (also "punir Ankara d'avoir acquis": a perfect infinitive after "de")
        perfect = before[-2:] in (["d'", "avoir"], ["de", "avoir"])
        if not perfect and not any(w in ("for", "pour", "over") for w in before):
            return None
        for _s, e, f in sent.triggers:
            if f in ("sanction_v", "impose", "sanction_n", "ban") and e <= t.start:
                objects = [r for m, r, p in _actors(sent, self.ctx, e, t.start) if p in (None, "on", "sur", "against")]
                objects = objects or people_of_a_state(sent, e)  # "sanctions Iranians over drones supplied"
                if objects:
                    return objects[0]
        return None

    def _earlier_buyers(self, sent: Sent, t: Trigger, exclude: set[Ref]) -> list[Ref]:
        """States named as earlier buyers of the same system at the end of the clause: "the third
        country to opt for the Rafale, after Greece and Croatia", "like India and Egypt before it"."""
        for i in range(t.end, len(sent.words)):
            if sent.words[i] not in _EARLIER:
                continue
            found = [(m, r) for m, r, p in _actors(sent, self.ctx, i + 1, len(sent.words)) if r.type == "Country"]
            refs, prev = [], i + 1 if sent.words[i + 1 : i + 2] == ["of"] else i  # "ahead of Qatar"
            for m, r in found:
                if not all(w in CONJ or w in DETS for w in sent.words[prev + 1 : m.start]):
                    break
                refs.append(r)
                prev = m.end - 1
            rest = sent.words[prev + 1 :]
            if refs and all(w in (".", ",", ";", ")", "before", "avant", "elle", "it", "them", "eux") for w in rest):
                return [r for r in refs if r not in exclude]
        return []

    def _generic_deal_of_kind(self, key: str) -> Deal | None:
        """The last deal told, when it is in a generic noun of this system's kind and its seller makes it."""
        g = load()
        last = self._last_deal()
        if last is None or key not in g.weapons or last.weapon.key in g.weapons or last.supplier.type != "Country":
            return None
        same = g.noun_category.get(last.weapon.key) == g.weapons[key].category
        return last if same and last.supplier.key in g.weapons[key].makers else None

    def _arrival(self, sent: Sent, t: Trigger, left: int, right: int, status: str) -> None:
        """ "the tanks arrived in Ukraine together with 40 Marder": weapons arrive at a state."""
        if _not_weapons_arriving(sent, t):
            return
        # "sont arrivés de France": a state after "from" is where they come from, not where they arrive
        places = [
            m for m in sent.mentions
            if m.kind == "country" and t.end <= m.start < right and sent.words[m.start - 1] not in _ORIGIN_PREPS
        ]
        owner = _relative_state(sent, t, ("whose", "dont"))
        if not places and owner is None:  # "les trois premiers Rafale égyptiens sont arrivés de France": the
            # nationality the catalogue does not give the system's maker is its user, who receives them
            origin = [m for m in sent.mentions if m.kind == "country" and t.end <= m.start < right]
            for m, key in _weapons(sent, self.ctx, left if left < t.start else 0, t.start, coordinated=False)[-1:]:
                # "the first of its Type 209 boats arrived from Germany": the state the article's deals go to
                owned = m is not None and any(w in POSSESSIVES for w in sent.words[max(0, m.start - 3) : m.start])
                user = m.maker if m is not None and m.maker and not maker_allowed(key, m.maker) else None
                if user is None and owned and origin and self.ctx.recipients:
                    user = self.ctx.buyer().key
                if m is None or user is None:
                    continue
                supplier = Ref.country(origin[0].key) if origin else self._supplier_for(key, m, sent)
                if supplier is not None and supplier.key != user:
                    year = _year_for(sent, None, t, t.end, right) if owned else None
                    self._deal(sent, supplier, Ref.country(user), key, status, year)
                    return
        if not places and owner is not None:  # "its largest customer is Poland, whose first tanks arrived in 2022"
            for m, key in _weapons(sent, self.ctx, 0, t.start, coordinated=False)[-1:]:
                supplier = self._supplier_for(key, m, sent)
                if supplier is not None and supplier.key != owner.key:
                    year = _year_for(sent, None, t, t.end, right)  # the arrival dates a deal told only by it
                    self._deal(sent, supplier, Ref.country(owner.key), key, status, year)
            return
        if not places:  # "the first guns arrived two years later": the deal the article told for them
            # the subject may stand before an earlier trigger: "the first jets ordered by Kuwait touched down"
            found = _weapons(sent, self.ctx, left, right, coordinated=False) or _weapons(
                sent, self.ctx, 0, t.start, coordinated=False
            )
            for _m, key in found:
                told = self._last_deal(key)
                supplier = self.ctx.suppliers.get(key)
                if told is not None:  # the deal told last for it, in this sentence or before
                    self._deal(sent, told.supplier, told.recipient, key, status, None)
                elif key in self.deal_recipients and supplier is not None:
                    self._deal(sent, Ref.country(supplier), self.deal_recipients[key], key, status, None)
                elif (kind := self._generic_deal_of_kind(key)) is not None:
                    # "l'archipel a réceptionné ses premiers drones militaires. Des Bayraktar TB2, fabriqués par le
                    # turc Baykar, sont arrivés le 3 mars": the systems of the kind the last deal told
                    self._deal(sent, kind.supplier, kind.recipient, key, status, None)
            return
        recipient = Ref.country(places[0].key)
        stated = [r for m, r, p in _actors(sent, self.ctx, left, right) if p in ("from", "de") and r != recipient]
        carrying = next((i for i in range(left, right) if sent.words[i] in ("carrying", "transportant", "avec")), None)
        for m, key in _weapons(sent, self.ctx, left, right, coordinated=False):
            if carrying is not None and m.start < carrying:
                continue  # "six Y-20 transport planes landed carrying the FK-3": the cargo arrives, not the carrier
            supplier = stated[0] if stated else self._supplier_for(key, m, sent)  # "tanks from Poland arrived"
            if supplier is not None and supplier != recipient:
                self._deal(sent, supplier, recipient, key, status, None)

    def _explicit_parties(self, sent: Sent, t: Trigger, left: int, right: int) -> bool:
        """Whether a nominal deal names its buyer itself ("commandes passées par le Chili", "Chile's order")."""
        return any(p in ("par", "by") or _is_possessive(sent, m) for m, r, p in _actors(sent, self.ctx, left, right))

    def _nominal_owner(self, sent: Sent, t: Trigger, left: int) -> list[Ref]:
        """Who a nominal purchase/sale belongs to: "X's purchase", "Turkish purchase", "X ... signed ... the sale"."""
        owners = []
        for m, r, p in _actors(sent, self.ctx, max(left, t.start - 3), t.start):
            if t.frame == "purchase_n" and m.of_firm:
                continue  # "un accord avec Naval Group pour l'achat": the seller's firm
            if p is None and (_is_possessive(sent, m) or m.kind == "demonym" or m.end >= t.start - 1):
                owners.append(r)
        pron = [
            w for w in sent.words[max(0, t.start - 2) : t.start] if w in ("its", "their", "sa", "son", "leur", "ses")
        ]
        if (
            not owners
            and not pron
            and any(w in ("pour", "for", "over", "apres", "after") for w in sent.words[max(0, t.start - 3) : t.start])
        ):
            owners = self._subjects(sent, 0, t.start)[:1]  # "sanctionnée en 2020 pour l'achat du même système"
        if not owners and pron:
            earlier = [r for m, r, p in _actors(sent, self.ctx, 0, t.start) if p is None]
            if earlier:
                owners.append(earlier[-1])
            elif t.start <= 2 and self.ctx.buyer() is not None:
                owners.append(self.ctx.buyer())  # "Their purchase followed refusals by Washington": the buyer told
        if not owners and any(
            "agree" in sent.cue_at(i)
            or "propose" in sent.cue_at(i)
            or "cancel" in sent.cue_at(i)
            or "refuse" in sent.cue_at(i)
            for i in range(0, t.start)
        ):
            owners = self._subject_or_coref(sent, 0, t.start)
        return owners

    def _package(self, sent: Sent, weapons: list) -> list:
        """ "L'essentiel de ce matériel a été livré", "this equipment": a demonstrative before a word for
        equipment in general takes up every system of the last sentence that told deals."""
        if len(weapons) != 1 or weapons[0][0] is None:
            return weapons
        m = weapons[0][0]
        before = sent.words[m.start - 1] if m.start > 0 else ""
        if m.kind != "noun" or m.key not in ("equipment", "weapon") or before not in _PACKAGE_DEMONSTRATIVES:
            return weapons
        last = self._last_deal()
        if last is None or last.evidence is None:
            return weapons
        told = [f.weapon.key for f in self.facts if isinstance(f, Deal) and f.evidence == last.evidence]
        return [(None, key) for key in dict.fromkeys(told)] if len(told) > 1 else weapons

    def _supplier_for(self, key: str, m: Mention | None, sent: Sent) -> Ref | None:
        if m is not None and m.maker and (maker_allowed(key, m.maker) or m.maker == "SUN"):
            return Ref.country(m.maker)  # not "les Rafale indiens": India flies them, France makes them
        if key in self.ctx.suppliers:
            return Ref.country(self.ctx.suppliers[key])
        maker = self.ctx.maker_of(key)
        if maker is None and key in load().weapons:  # several makers: the one the sentence names
            named = {r.key for m2, r, p in _actors(sent, self.ctx, 0, len(sent.words))}
            makers = [c for c in load().weapons[key].makers if c in named]
            if not makers:  # else the one maker the article has named so far ("Scorpène" in a story on France)
                seen = {r.key for r in self.ctx.actor_order if r.type == "Country"}
                makers = [c for c in load().weapons[key].makers if c in seen]
            maker = makers[0] if len(makers) == 1 else None
        if maker:
            return Ref.country(maker)
        if key not in load().weapons:  # "drones built in China before being shipped to Russia": where made
            stated = [c for k, c in self.made_in(sent) if k == key]
            if stated:
                return stated[0]
        # a firm whose nationality the sentence gives ("le constructeur français"), for a system the catalogue
        # cannot place
        company = [x for x in sent.mentions if x.of_firm]
        if company and key in load().weapons and company[0].key not in load().weapons[key].makers:
            return None  # "l'Eurofighter du consortium européen et le F-15 de l'américain Boeing": Boeing's
        return Ref.country(company[0].key) if company else None

    def _deal(self, sent: Sent, supplier: Ref, recipient: Ref, weapon: str, status: str, year: int | None) -> None:
        self.facts.append(Deal(supplier, recipient, Ref.weapon(weapon), status, year, self._evidence(sent)))
        if _own_stock(sent, supplier, weapon):
            self.own_stock.add((supplier, weapon))
        if supplier.type == "Country":
            self.ctx.suppliers.setdefault(weapon, supplier.key)
        self.deal_recipients.setdefault(weapon, recipient)
        if weapon in self.ctx.deal_weapons:
            self.ctx.deal_weapons.remove(weapon)
        self.ctx.deal_weapons.append(weapon)
        self.ctx.recipient_counts[recipient] += 1
        if recipient not in self.ctx.recipients and not self.listed_users:
            self.ctx.recipients.append(recipient)

    def _pronoun_weapon(self) -> str:
        """The system a pronoun object takes up: the one named last, unless the article told it only as
        passed over ("préféré au SAMP/T. Berne en a passé commande": the system chosen, told before)."""
        last = self.ctx.weapon_order[-1]
        deals = [f for f in self.facts if isinstance(f, Deal)]
        told = [f.status for f in deals if f.weapon.key == last]
        if told and all(status == "refused" for status in told):
            kept = [f.weapon.key for f in deals if f.status not in ("refused", "cancelled")]
            return kept[-1] if kept else last
        return last

    def _contract_event(self, sent: Sent, status: str, year: int | None = None) -> None:
        """ "X mettait fin aux discussions sur le marché", "Oslo cancelled the contract in 2013": the status
        (and the year of that event) applies to X's last deal in the article."""
        actors = {r for m, r, p in _actors(sent, self.ctx, 0, len(sent.words))}
        for f in reversed(self.facts):
            if isinstance(f, Deal) and (not actors or actors & {f.supplier, f.recipient}):
                self.facts.append(replace(f, status=status, year=year, evidence=self._evidence(sent)))
                return

    def _deal_status(self, weapon: str) -> str | None:
        from kg.facts import merge_status

        status = None
        for f in self.facts:
            if isinstance(f, Deal) and f.weapon.key == weapon:
                status = merge_status(status, f.status)
        return status

    def _last_deal(self, weapon: str | None = None) -> Deal | None:
        """The deal told last (of ``weapon``, when given)."""
        return next(
            (f for f in reversed(self.facts) if isinstance(f, Deal) and (weapon is None or f.weapon.key == weapon)),
            None,
        )

    def _deals_here(self, sent: Sent) -> list[Deal]:
        """The deals already told in this sentence, in order."""
        return [f for f in self.facts if isinstance(f, Deal) and f.evidence and f.evidence.start == sent.offset]

    def _contract_told(self) -> bool:
        """Whether the article has told a deal, or a contract between two states naming no system."""
        return self._last_deal() is not None or self.open_contract is not None

    def _note_open_contract(self, sent: Sent, t: Trigger, left: int, right: int) -> None:
        """ "Algeria has signed arms contracts with Russia": a contract between a signer and the state after
        "with", which names no system yet, is the one a later "the package includes ..." is about."""
        status = status_of(sent, t, left, right)
        found = [(m, r, p) for m, r, p in _contract_actors(sent, self.ctx, left, right) if r.type == "Country"]
        partners = {r for m, r, p in found if p in ("with", "avec") and m.start > t.start}
        signers = {r for m, r, p in found if p is None and m.start < t.start and m.kind != "person"}
        if status in ("agreed", "proposed") and len(partners) == 1 and len(signers) == 1 and partners != signers:
            self.open_contract = (len(self.facts), next(iter(partners)), next(iter(signers)), status)

    def _delivery_scope(self, sent: Sent, t: Trigger, right: int) -> bool:
        """ "Thursday's delivery included more L-39 jets", "la livraison comprenait aussi des drones": what a
        delivery the article has told included, from the same supplier to the same buyer (no state named)."""
        if t.frame != "sale_n" or not sent.words[t.start].startswith(("deliver", "livraison", "shipment")):
            return False
        scope = next((s for s, e, c in sent.cues if c == "contract_scope" and t.end <= s <= t.end + 2), None)
        if scope is None:
            return False
        delivered = {(f.supplier, f.recipient) for f in self.facts if isinstance(f, Deal) and f.status == "delivered"}
        if len(delivered) != 1:
            return False  # (only when the article has told deliveries between one pair of states)
        last = next(f for f in reversed(self.facts) if isinstance(f, Deal) and f.status == "delivered")
        if last.supplier.type != "Country":
            return False
        if any(r.type == "Country" for _m, r, _p in _actors(sent, self.ctx, 0, len(sent.words))):
            return False  # a delivery between states the sentence names is its own frame's
        end = next((i for i in range(scope, len(sent.words)) if sent.words[i] in (";", ".")), len(sent.words))
        weapons = [(m, k) for m, k in _weapons(sent, self.ctx, scope, end) if m is not None and m.kind == "weapon"]
        if not weapons or planned(sent, scope):
            return False
        for _m, key in weapons:  # (whoever designed them: "Czech-designed L-39 jets" delivered by Russia)
            self._deal(sent, last.supplier, last.recipient, key, "delivered", None)
        return True

    def _contract_scope(self, sent: Sent, t: Trigger, weapons, left: int, right: int) -> None:
        """ "The contract covers ten transport aircraft", "le contrat porte sur dix avions": a contract
        the article has told, whose clause names no state, is between the parties of its last deal."""
        last = self._last_deal()
        status = status_of(sent, t, left, right)
        opened = self.open_contract
        if opened is not None and (last is None or not any(f is last for f in self.facts[opened[0]:])):
            # "Algeria signed arms contracts with Russia ... The package includes 30 Su-30MKA fighters": the
            # contract told last, though it named no system
            last = Deal(opened[1], opened[2], Ref.weapon(""), opened[3])
        if last is None or status is None or last.supplier.type != "Country":
            return
        # the contract last told, not a deal dropped since ("après avoir renoncé à acquérir des M109")
        signed = [f for f in self.facts if isinstance(f, Deal) and f.status in ("agreed", "delivered")]
        # (nor a rival passed over: "picked the Spike, passing over the Javelin, and the contract was to cover
        # 8,000 missiles" is the Spike's)
        chosen = [f for f in self.facts if isinstance(f, Deal) and f.status == "proposed"]
        if last.status in ("cancelled", "refused") and signed:
            last = signed[-1]
        elif last.status == "refused" and chosen:
            last = chosen[-1]
        # a system the contract also covers, named here, is ordered with it: not delivered because the first
        # one was ("the contract also includes 84 ATACMS"); what a noun takes up shares the deal's status
        told = "agreed" if last.status == "delivered" and status != "delivered" else last.status
        if told == "proposed" and "agree" in _cues(sent, 0, len(sent.words)) and not planned(sent, t.start):
            told = "agreed"  # "Signé par le ministre, il prévoyait ...", "les contrats, signés en 2022, portaient sur"
        told_kind = _category(last.weapon.key)
        own_kind = False
        for m, key in weapons:
            maker = self._supplier_for(key, m, sent)
            makers = load().weapons[key].makers if key in load().weapons else ()
            if (maker is not None and maker != last.supplier) or (makers and last.supplier.key not in makers):
                continue  # another state's system: not this contract's
            if m is not None and m.kind == "noun" and told_kind and load().noun_category.get(key) == told_kind:
                own_kind = True
                continue  # "the contract covers 321 launchers and 8,000 missiles": the Spike's own missiles
            named = m is not None and m.kind == "weapon"
            st = told if named else last.status
            year = _year_for(sent, m, t, left, right) or fronted_year(sent, t)  # "Conclu en 2017, ce contrat"
            self._deal(sent, last.supplier, last.recipient, key, st, year)
        if own_kind and last.weapon.key and signing_verb(sent, t) is not None and not planned(sent, t.start):
            # "Le contrat initial, signé en mars 2022, portait sur trois frégates": the told system's contract,
            # dated (its year, once the sentence is read)
            year = _year_for(sent, None, t, left, right) or fronted_year(sent, t)
            if year is not None:
                self.dated.append(Deal(last.supplier, last.recipient, last.weapon, "agreed", year,
                                       self._evidence(sent)))

    def _contract_deal(self, sent: Sent, t: Trigger, weapons, left: int, right: int) -> None:
        """ "Egypt signed a contract with France for 24 Rafale", "un contrat avec Israël pour six
        patrouilleurs": the partner after "with" supplies (else the weapon's maker), the signer buys."""
        status = status_of(sent, t, left, right)
        if status is None:
            return
        if status == "agreed" and "propose" in sent.cue_at(t.start):
            status = "proposed"  # "signed a letter of intent", "talks": signing a proposal agrees to nothing more
        found = _contract_actors(sent, self.ctx, left, right, aid="aid" in sent.cue_at(t.start))
        partners = [r for m, r, p in found if p in ("with", "avec")]
        # "covers 48 K9 howitzers for Chile", "porte sur 48 obusiers destinés au Chili", "aid to Ukraine"
        buyers = [r for m, r, p in found if p in ("for", "pour", "destine")]
        signers = (None, "with", "avec", "by", "par")  # "was signed by Chile and Korea"
        actors = [r for m, r, p in found if p in signers] + self._coref_actors(sent, left, right)
        actors += [r for r in self._subject_pronoun(sent, left, t.start) if r not in actors]  # "it signed for"
        actors = buyers + [r for r in actors if r not in buyers]
        definite = t.start > 0 and sent.words[t.start - 1] in ("the", "le", "ce", "cet", "this", "l'")
        if definite and not found and not self._coref_actors(sent, left, right) and self._last_deal() is not None:
            # "le contrat initial, signé en 2022 pour trois frégates": the contract the article told
            self._contract_scope(sent, t, weapons, left, right)
            return
        givers = [r for m, r, p in found if p is None and r not in buyers]  # "the US announced a package"
        for m, key in weapons:
            maker = self._supplier_for(key, m, sent)
            supplier = maker if maker is not None and (maker in actors or not partners) else (partners or [None])[0]
            makers = load().weapons[key].makers if key in load().weapons else ()
            told = self.ctx.suppliers.get(key)  # the seller the article has already given this system
            after = m is not None and m.start > t.end  # the contract's object, not "the armoured vehicles" before it
            if after and told and partners and makers and told in makers and not any(p.key in makers for p in partners):
                # "the Iraqi order follows a 2011 contract with Indonesia for 16 T-50i jets" (in a story on Korea's
                # sales): a partner that makes none of it buys it from the seller told
                supplier, actors = Ref.country(told), partners
            if supplier is None and buyers and givers:
                supplier = givers[0]  # a generic system in a package: the state that gives it
            last = self._last_deal()
            if supplier is None and definite and last is not None and last.recipient in actors:
                supplier = last.supplier  # "the initial contract ... was announced by Greece's PM": the deal told
            recipients = [r for r in actors if r != supplier]
            if supplier is None or not recipients:
                continue
            group = [r for r in self._subjects(sent, 0, t.start) if r != supplier]
            # "Estonia and Latvia signed a contract with Germany's Diehl for IRIS-T SLM": each signer buys
            for recipient in group if len(group) > 1 and recipients[0] in group else recipients[:1]:
                year = _year_for(sent, m, t, left, right)
                self._deal(sent, supplier, recipient, key, status, year)
