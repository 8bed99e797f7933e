"""The clause and phrase structure that frames read roles from: trigger windows, clause
boundaries, the preposition that governs a mention, coordination, passives and infinitives,
and the status a clause gives its fact (``status_of``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.annotate import Mention, Sent
from kg.extract.context import Context, headed_designation
from kg.extract.gazetteer import company_at, load
from kg.facts import Ref

TRANSFER = {
    "buy",
    "sell",
    "deliver",
    "supply",
    "offer",
    "receive",
    "choose",
    "possess",
    "purchase_n",
    "sale_n",
    "compete",
    "arrive",
}
SANCTION = {"sanction_v", "impose", "sanction_n", "exclude", "excluded", "ban"}
BUY_LIKE = {"buy", "receive", "choose", "possess", "purchase_n"}
SUPPLY_LIKE = {"sell", "deliver", "supply", "offer", "sale_n"}
NOMINAL = {"purchase_n", "sale_n"}

PREPS = {
    "a",
    "au",
    "aux",
    "de",
    "du",
    "des",
    "d'",
    "par",
    "pour",
    "avec",
    "sur",
    "contre",
    "aupres",
    "vers",
    "en",
    "dans",
    "chez",
    "entre",
    "sans",
    "malgre",
    "selon",
    "envers",
    "to",
    "from",
    "of",
    "by",
    "for",
    "with",
    "on",
    "against",
    "in",
    "at",
    "into",
    "between",
    "toward",
    "towards",
    "including",
    "notamment",
    "after",  # "the largest donor after the United States" (see _governing_prep)
    "than",
}
DETS_FR = {
    "le",
    "la",
    "l'",
    "les",
    "un",
    "une",
    "son",
    "sa",
    "ses",
    "leur",
    "leurs",
    "ce",
    "cet",
    "cette",
    "ces",
    "autres",
    "autre",
    "notre",
    "nos",
    "votre",
}
DETS_EN = {"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those", "other", "our", "your"}
DETS = DETS_FR | DETS_EN
CONJ = {"et", "and", ",", "ou", "or", "ainsi", "que", "as", "well", "&"}
BOUNDARY = {";", "mais", "but", "while", "whereas", "tandis", "although", "bien", "despite", "malgre"}
# Prepositions of an adjunct set off by a comma: what follows the comma is not coordinated with it.
_ADJUNCT_PREPS = {"selon", "according", "apres", "after", "despite", "malgre", "like", "comme"}
SUPPLIER_PREPS = {"a", "au", "aux", "aupres", "from"}  # "with"/"avec" only after a signing or talks word
RECIPIENT_PREPS_BUY = {"par", "by", "pour", "for"}
RECIPIENT_PREPS_SUPPLY = {"a", "au", "aux", "to", "pour", "for", "vers"}
SUPPLIER_PREPS_SUPPLY = {"par", "by", "from"}
TARGET_PREPS = {
    "sur", "a", "au", "aux", "contre", "on", "against", "to", "envers", "vers", "visant", "targeting", "destination"
}
BY_PREPS = {"de", "du", "des", "par", "by", "from", "d'"}
YEAR = re.compile(r"^(19[5-9]\d|20[0-3]\d)$")
_INFINITIVE_MARK = {"to", "de", "d'", "a"}
# French future and conditional endings, irregular stems included ("recevra", "devra", "obtiendra", "acquerra")
_FUTURE_FR = re.compile(
    r".{3,}(?:era|eront|erai|eras|erons|erez|ira|iront|rait|raient|erait|eraient|vra|vront|dra|dront|rra|rront)$"
)


_EN_NOUN_MARKERS = {
    "the",
    "a",
    "an",
    "its",
    "their",
    "his",
    "her",
    "this",
    "that",
    "'s",
    "any",
    "new",
    "first",
    "possible",
    "planned",
    "proposed",
    "such",
    "arms",
    "weapons",
    # adjectives that only stand before a noun: "the initial order", "a follow-on purchase"
    "initial",
    "original",
    "earlier",
    "previous",
    "latest",
    "second",
    "follow-on",
    "firm",
}


_EN_NOUNABLE = {
    "purchase",
    "purchases",
    "order",
    "orders",
    "transfer",
    "transfers",
    "export",
    "exports",
    "supply",
    "supplies",
    "buy",
    "offer",
    "offers",
    "sale",
    "sales",
    "delivery",
    "deliveries",
}


def _nominal_in_english(sent: Sent, start: int, frame: str) -> str:
    """English "purchase", "order", "transfer" after a determiner or a designation are nouns."""
    if sent.lang != "en" or start == 0 or frame not in BUY_LIKE | SUPPLY_LIKE or frame in NOMINAL:
        return frame
    prev = sent.words[start - 1]
    if sent.words[start] not in _EN_NOUNABLE:
        return frame
    if prev in _EN_NOUN_MARKERS or sent.mention_at(start - 1, ("weapon", "noun", "demonym")) is not None:
        return "purchase_n" if frame in BUY_LIKE else "sale_n"
    return frame


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    frame: str


_COUNTS = {"two", "three", "four", "five", "several", "many", "some", "deux", "trois", "quatre", "cinq", "plusieurs"}


_GOVERNMENTS = {"gouvernement", "administration", "regime", "cabinet", "government"}


def _governing_prep(sent: Sent, m: Mention) -> str | None:
    i = m.start - 1
    if m.kind == "person" and i >= 1 and sent.words[i] in ("de", "du", "d'") and sent.words[i - 1] in _GOVERNMENTS:
        return None  # "le gouvernement de Charles Michel a retenu le F-35": the government acts
    if m.kind == "person":  # "du président (russe) Emmanuel Macron": the preposition before the title
        while i >= 0 and (
            any(s <= i < e for s, e in sent.role_spans)
            or sent.words[i] == ","
            or getattr(sent.mention_at(i, ("demonym",)), "attached", None) == "person"
        ):
            i -= 1
    if m.kind == "demonym" and sent.lang == "fr":  # "à l'avionneur américain", "du gouvernement turc"
        while i >= 0 and ({"actor_noun", "company_noun"} & sent.cue_at(i) or sent.words[i] in ("d'", "etat")):
            i -= 1
    dets = DETS_FR if sent.lang == "fr" else DETS_EN
    while i >= 0 and (
        sent.words[i] in dets or sent.words[i].isdigit() and not YEAR.match(sent.words[i]) or sent.words[i] in _COUNTS
    ):
        i -= 1  # not a year: "In 2014 India picked ..." has no "in India"
    if i >= 1 and sent.words[i] in ("de", "du", "des", "d'") and sent.words[i - 1] in ("destination", "aupres"):
        return sent.words[i - 1]  # "à destination de la Biélorussie": bound for; "auprès du Danemark": from
    if i >= 1 and sent.words[i] in ("de", "du", "des", "d'") and sent.words[i - 1] in ("provenance", "part"):
        return "from"  # "en provenance de Russie", "de la part des Pays-Bas"
    if i >= 2 and sent.words[i] in ("de", "du", "des", "d'") and sent.words[i - 1] in ("puis", "et", "ou", ","):
        # "auprès de la France, puis de l'Italie": the preposition of the phrase it is coordinated with
        before = [x for x in sent.mentions if x.kind == "country" and x.end <= i - 1 and i - 1 - x.end <= 2]
        if before and all(w in (",",) for w in sent.words[before[-1].end : i - 1]):
            return _governing_prep(sent, before[-1])
    service = _service_before(sent.words, i)
    if service is not None:  # "flown by the air forces of Israel": the preposition before the service governs
        j = service - 1
        while j >= 0 and sent.words[j] in dets:
            j -= 1
        if _preposition_at(sent, j):
            return sent.words[j]
    if i >= 0 and sent.words[i] in ("after", "than"):
        # "the largest donor after the United States," governs; "only after Washington promised" opens a clause
        nxt = sent.words[m.end] if m.end < len(sent.words) else "."
        return sent.words[i] if nxt in (",", ".", ";", ")", "and", "in", "with") else None
    if i >= 1 and sent.words[i] in ("with", "avec") and "event" in sent.cue_at(i - 1):
        return "against"  # "during the 2020 war with Armenia": the foe, not whom a system is in service with
    return sent.words[i] if _preposition_at(sent, i) else None


def _preposition_at(sent: Sent, i: int) -> bool:
    """A preposition at ``i``: French "a" (has) is not the preposition "à", English "a" is an article."""
    return i >= 0 and sent.words[i] in PREPS and not (sent.words[i] == "a" and sent.tokens[i].lower != "à")


# the armed services of a state, before "of"/"de" and the state: "the air forces of", "la marine de"
# (longest first, so that "forces armees" is found before "armees")
_SERVICES = sorted((w.split() for w in (
    "air force", "air forces", "navy", "navies", "army", "armies", "armed forces", "forces", "coast guard",
    "armee de l' air", "armees de l' air", "armee de terre", "armees de terre", "marine", "marines", "armee", "armees",
    "forces armees",
)), key=len, reverse=True)


def _service_before(words: list[str], i: int) -> int | None:
    """Where a service noun ends at ``i - 1`` with "of"/"de" at ``i``: its first position, else None."""
    if i < 1 or words[i] not in ("of", "de", "d'", "du", "des"):
        return None
    for phrase in _SERVICES:
        start = i - len(phrase)
        if start >= 0 and words[start:i] == phrase:
            return start
    return None


def _is_object(sent: Sent, m: Mention) -> bool:
    """An actor right after a trigger verb is its object ("suspend Turkey"), not a later verb's subject."""
    i = m.start - 1
    while i >= 0 and sent.words[i] in DETS:
        i -= 1
    return i >= 0 and any(s <= i < e for s, e, f in sent.triggers if f in SANCTION | {"sell", "supply", "deliver"})


def _definite(sent: Sent, t: Trigger) -> bool:
    """A noun after a definite article or a demonstrative ("l'embargo", "the ban", "ces sanctions")."""
    before = [w for w in sent.words[max(0, t.start - 3) : t.start] if w not in ("arms", "d'armes", "economic")]
    return bool(before) and before[-1] in ("le", "la", "l'", "les", "the", "ce", "cet", "cette", "ces", "this", "these")


def _first_group(sent: Sent, found: list[tuple[Mention, Ref]]) -> list[Ref]:
    """The first actor and those listed with it ("à la Russie et à la Biélorussie"), not later ones."""
    group: list[Ref] = []
    previous: Mention | None = None
    for m, r in found:
        if previous is not None:
            gap = sent.words[previous.end : m.start]
            if not gap or not all(w in CONJ or w in DETS or w in PREPS for w in gap):
                break
        group.append(r)
        previous = m
    return group


def _after_cue(sent: Sent, m: Mention) -> bool:
    """ "signed with Paris", "négocie avec Washington", "in talks with", "cancelled a deal with China",
    "un contrat avec la France": a partner in the deal, not a bystander."""
    span = range(max(0, m.start - 4), m.start)
    return any({"agree", "propose", "cancel", "refuse"} & sent.cue_at(i) for i in span) or any(
        f == "deal_n" and s in span for s, e, f in sent.triggers
    )


def _after_word(sent: Sent, m: Mention, word: str) -> bool:
    """Whether ``word`` stands within the three tokens before the mention ("à l'encontre du Chili")."""
    return word in sent.words[max(0, m.start - 4) : m.start]


def _double_object(sent: Sent, t: Trigger, m: Mention) -> bool:
    """ "sell Taiwan F-16s", "supply Ukraine with tanks": the state right after the verb receives."""
    if m.start > t.end + 1:
        return False
    end = m.end  # (past the service a nationality names: "supplied the Colombian armed forces with")
    while end < len(sent.words) and m.kind == "demonym" and "actor_noun" in sent.cue_at(end) and end - m.end < 3:
        end += 1
    after = sent.words[end : end + 3]
    return bool(after) and (
        after[0] in ("with", "avec")
        or any(
            sent.mention_at(i, ("weapon", "noun")) is not None or sent.words[i].isdigit()
            for i in range(end, min(end + 3, len(sent.words)))
        )
    )


def _in_member_phrase(sent: Sent, m: Mention) -> bool:
    """ "Turkey, a NATO ally, ...", "NATO member Turkey": the alliance describes a state, it does not act."""
    return any(f == "member" and (0 <= s - m.end <= 2 or 0 <= m.start - e <= 3) for s, e, f in sent.triggers)


_RELATIVES = {"who", "which", "whose", "qui", "dont", "lequel", "laquelle", "lesquels", "where", "ou"}


def _asides(sent: Sent, end: int) -> set[int]:
    """Token positions inside relative clauses closed before ``end``: "Ortega, who blamed Washington for
    the crisis, has signed ...": Washington is not the subject of "signed"."""
    out: set[int] = set()
    words = sent.words
    for i in range(min(end, len(words)) - 1):
        if words[i] == "," and words[i + 1] in _RELATIVES:
            close = next((j for j in range(i + 2, end) if words[j] == ","), None)
            if close is not None:
                out.update(range(i + 1, close))
    return out


_EXPECTED = {"attendu", "attendue", "attendus", "attendues", "expected", "prevu", "prevue", "prevus", "prevues"}


def _future_before(sent: Sent, i: int) -> bool:
    """A future or modal in the clause before ``i``: "a purchase that will make it the first to operate"."""
    for k in range(i - 1, max(-1, i - 14), -1):
        if sent.words[k] in (";", ".") or sent.words[k] == "," and k < i - 1 and sent.words[k + 1] in ("and", "et"):
            return False
        if "modal" in sent.cue_at(k) or sent.words[k] in ("will", "would", "sera", "seront", "fera", "feront"):
            return True
    return False


def _predicate_after_aside(sent: Sent, i: int) -> int | None:
    """Where the verb of a noun phrase starting at ``i`` stands past a relative clause set off by commas:
    "deliveries of the Ka-52 helicopter, which Cairo ordered in 2015, have begun" -> "have"."""
    words = sent.words
    comma = next((k for k in range(i, min(len(words) - 1, i + 7)) if words[k] == ","), None)
    if comma is None or words[comma + 1] not in _RELATIVES | {"que", "qu'", "that"}:
        return None
    close = next((k for k in range(comma + 2, len(words)) if words[k] in (",", ";")), None)
    return close + 1 if close is not None and words[close] == "," else None


def _is_possessive(sent: Sent, m: Mention) -> bool:
    return m.end < len(sent.words) and sent.words[m.end] == "'s" and not _owns_company(sent, m)


def _owns_company(sent: Sent, m: Mention) -> bool:
    """ "from France's Naval Group", "with Sweden's Saab": the state whose company it is stands in the
    company's place in the clause (the preposition before it governs the state)."""
    i = m.end + 1
    if i >= len(sent.tokens) or sent.words[m.end] != "'s":
        return False
    if "company_noun" in sent.cue_at(i):
        return True
    known = sent.mention_at(i)
    if known is not None:
        return False
    return sent.tokens[i].text[:1].isupper() and company_at(sent.words, i) is not None


def _actors(sent: Sent, ctx: Context, start: int, end: int) -> list[tuple[Mention, Ref, str | None]]:
    """Actor mentions in ``[start, end)`` with the preposition that governs them (coordination inherits it)."""
    out: list[tuple[Mention, Ref, str | None]] = []
    prev: tuple[Mention, str | None] | None = None
    for m in sent.mentions:
        if m.start < start or m.end > end or m.setting:
            continue
        if m.kind == "country" and "attributive_noun" in sent.cue_at(m.end):
            continue  # "from a U.S. ally", "Russia hawks": the state qualifies another noun
        ref = ctx.actor(m)
        if ref is None:
            continue
        if m.kind == "demonym" and m.attached == "person":
            continue
        prep = None if _is_possessive(sent, m) else _governing_prep(sent, m)  # "for Poland's use": the owner
        if prep is None and prev is not None and prev[1] is not None:
            gap = sent.words[prev[0].end : m.start]
            # "Selon Ankara, la Turquie a reçu", "Candidate à l'UE, la Serbie refuse": not a list
            aside = "," in gap and (prev[1] in _ADJUNCT_PREPS or _verb_at(sent, m.end))
            if gap and not aside and all(w in CONJ or w in DETS for w in gap):
                prep = prev[1]
        out.append((m, ref, prep))
        prev = (m, prep)
    return out


_VERB_CUES = {"relative_filler", "modal", "negation", "agree", "propose", "cancel", "refuse", "deliver", "be"}


def _verb_at(sent: Sent, i: int) -> bool:
    """A verb (a trigger, an auxiliary, a status verb) at position ``i``: "la Serbie refuse", "Chile has"."""
    return i < len(sent.words) and (
        any(s == i for s, e, f in sent.triggers) or bool(_VERB_CUES & sent.cue_at(i))
    )


def _absorbed(sent: Sent, noun: Mention, specific: list[Mention]) -> bool:
    """A generic noun that heads a designation ("K2 tanks", "missiles S-300", "avions de combat Su-35")."""
    return headed_designation(sent, noun, specific) is not None


def _weapons(
    sent: Sent, ctx: Context, start: int, end: int, specific_only: bool = False, coordinated: bool = True
) -> list[tuple[Mention, str]]:
    """Weapon mentions in ``[start, end)`` as catalogue keys (generic nouns resolved, adjacent nouns absorbed)."""
    specific = [m for m in sent.mentions if m.kind == "weapon"]
    out: list[tuple[Mention, str]] = []
    for m in sent.mentions:
        if m.start < start or m.end > end:
            continue
        if m.kind == "weapon":
            out.append((m, m.key))
        elif m.kind == "noun" and not specific_only:
            if _absorbed(sent, m, specific):
                continue
            key = ctx.resolve_noun(m, sent)
            if key:
                out.append((m, key))
    seen: set[tuple] = set()
    out = [(m, k) for m, k in out if not ((k, m.maker) in seen or seen.add((k, m.maker)))]
    out = [(m, k) for m, k in out if not _base_model(sent, m) and not _threat(sent, m)]
    return _coordinated(sent, out) if coordinated else out


_AIMED = {"aimed", "directed", "targeted", "geared"}
_AIMED_FR = {"visant", "vise", "visent", "cibler", "ciblant"}


def _threat(sent: Sent, m: Mention) -> bool:
    """A system named as what a purchase guards against ("to strengthen its shield against North Korean
    ballistic missiles", "une défense contre les drones"): the threat, not the object."""
    for i in range(m.start - 1, max(-1, m.start - 5), -1):
        word = sent.words[i]
        if word in ("against", "contre"):
            return True
        # "the shield is aimed above all at Russian Iskander missiles", "un bouclier visant les Iskander russes"
        if word == "at" and any(w in _AIMED for w in sent.words[max(0, i - 3) : i]) or word in _AIMED_FR:
            return True
        if not (word in DETS or sent.mention_at(i, ("demonym", "country", "noun")) is not None
                or word.endswith("-made")):
            return False  # (a generic noun may head the system: "visant les missiles russes Iskander")
    return False


# between a variant noun and its model: "a version of its", "une version d'exportation de la classe"
_OF_MODEL = {"of", "de", "du", "d'", "its", "son", "sa", "their", "leur", "export", "exportation", "class", "classe",
             "type", "modernised", "modernized", "upgraded", "improved", "modernisee", "amelioree"}


def _base_model(sent: Sent, m: Mention) -> bool:
    """The system after "a version of", "une variante du": the model another one derives from."""
    i = m.start - 1
    while i >= 0 and m.start - i <= 6 and (sent.words[i] in DETS or sent.words[i] in _OF_MODEL):
        i -= 1
    if not (i >= 0 and "variant_noun" in sent.cue_at(i)):
        return False
    # only when the variant has a name of its own just before ("30 AS9 Huntsman, a Chilean version of its K9"), not
    # "armed versions of the MQ-9 Reaper": those are the MQ-9 (nor "a Spanish version of the Hürjet, moving Madrid
    # closer to retiring the F-5": a system named elsewhere in the sentence)
    return any(x.kind == "weapon" and x.key != m.key and x.end <= i and i - x.end <= 6 for x in sent.mentions)


# What follows these words is set against the transfer, not part of it: "rather than the Gripen",
# "away from its ageing MiGs", "to replace its Alpha Jets", "plutôt que le Rafale", "au lieu de".
_CONTRAST = {
    "rather",
    "instead",
    "away",
    "replace",
    "replacing",
    "replaces",
    "succeed",
    "retire",
    "retiring",
    "plutot",
    "lieu",
    "remplacer",
    "remplacant",
    "remplacera",
    "remplacent",
    "succeder",
}
_SUBJECT_PRONOUNS = {"elle", "il", "it"}
_EARLIER = {"after", "apres", "following", "like", "comme", "joining", "rejoignant", "avant", "before", "ahead"}
_ALLIANCE_NOUNS = {"organisation", "organization", "alliance", "bloc", "pact", "pacte", "group", "groupe", "treaty"}
_LINKS = {",", "et", "and", "ou", "or", "plus", "as", "ainsi", "including", "notamment", "dont", "comme"}
_STOPS = {'"', "«", "»", "that", "que", "qui", "which", "who", ";", "(", ")"}
_CARRIED = ("ainsi que", "as well as", "along with", "together with", "en plus de")
_MEMBERS_OF = {"parmi", "dont", "including", "among", "notamment"}


def _distributed(
    sent: Sent, weapons: list[tuple[Mention | None, str]], actors: list[tuple[Mention, Ref, str | None]]
) -> dict[int, Ref]:
    """Each weapon bought from the state named right after it: "dix Leopard à l'Allemagne, six Caesar à la
    France et huit K9 à la Corée du Sud", "tanks from Korea and jets from France". Keyed by the
    weapon's start; empty unless at least two weapons each have their own supplier phrase."""
    spots = [m.start for m, _k in weapons if m is not None]
    after_all = [r for m, r, p in actors if spots and m.start > max(spots) and p in SUPPLIER_PREPS]
    between = [r for m, r, p in actors if spots and min(spots) < m.start < max(spots) and p in SUPPLIER_PREPS]
    sellers = [m for m, r, p in actors if spots and m.start > max(spots) and p in SUPPLIER_PREPS]
    # "auprès de la France, puis de l'Italie": one after the other, for the last system, not respectively
    in_turn = len(sellers) > 1 and any(w in ("puis", "then") for w in sent.words[sellers[0].end : sellers[-1].start])
    if len(spots) >= 2 and not between and not in_turn and len(dict.fromkeys(after_all)) == len(spots):
        # "tanks, frigates from Germany, Italy": as many states as weapons, in the same order
        return dict(zip(spots, dict.fromkeys(after_all)))
    out: dict[int, Ref] = {}
    for n, start in enumerate(spots):
        stop = spots[n + 1] if n + 1 < len(spots) else len(sent.words)
        own = [r for m, r, p in actors if start < m.start < stop and p in SUPPLIER_PREPS]
        if own:
            out[start] = own[0]
    return out if len(set(out.values())) > 1 else {}


def _generic_if_maker_differs(m: Mention | None, key: str, suppliers: list[Ref]) -> str:
    """A generic noun resolved to a system whose maker is not the stated supplier was another system:
    "acquire nuclear-powered submarines from the United States" are not the French submarines named before."""
    if m is None or m.kind != "noun" or key == m.key:
        return key
    makers = load().weapons[key].makers if key in load().weapons else ()
    if m.maker and makers and m.maker not in makers:
        return m.key  # "des drones turcs TB2 et des drones israéliens": other drones
    if not suppliers:
        return key
    if makers and not any(s.key in makers for s in suppliers):
        return m.key
    return key


def _coordinated(sent: Sent, weapons: list[tuple[Mention, str]]) -> list[tuple[Mention, str]]:
    """The first weapon and the ones listed with it ("24 Rafale, a frigate and missiles"), not later ones;
    "ainsi que", "as well as", "along with" carry the list on past an aside ("180 K2 au titre d'un premier
    contrat signé en 2022, ainsi que des obusiers K9")."""
    kept = weapons[:1]
    for m, key in weapons[1:]:
        prev = kept[-1][0]
        gap = sent.words[prev.end : m.start]
        carried = " ".join(gap[-5:])
        if ":" in gap[-2:]:  # "together with three medium-range systems: the NASAMS": the list the colon opens
            carried = " ".join(gap[: gap.index(":")][-6:])
        if any(c in carried for c in _CARRIED) and len(gap) <= 20 or ":" in gap[-2:] and any(
            w in ("et", "and") for w in gap
        ):
            kept.append((m, key))
            continue
        # a long gap still lists when its conjunction opens the next item: "deux frégates MEKO construites
        # par l'allemand TKMS et trois corvettes C28A"
        if gap and gap[-1] in ("aux", "au", "to", "against", "contre", "with", "avec", "than", "on", "sur") and any(
            w not in _LINKS and w not in DETS for w in gap
        ):
            break  # ", réponse aux Rafale indiens", ", a rival to the J-10": the complement of a noun, no item
        closing = any(w in ("et", "and") for w in gap[-4:]) and len(gap) <= 14
        # "17 véhicules blindés de fabrication chinoise, parmi lesquels des chars de combat VT-4": its members,
        # which stand for it
        listed = gap[:1] == [":"] and len(gap) <= 3  # "three medium-range systems: the NASAMS, ..."
        if (listed or any(w in _MEMBERS_OF for w in gap) and len(gap) <= 14) and prev.kind == "noun" and (
            m.kind == "weapon"
        ):
            kept = kept[:-1] + [(m, key)]
            continue
        # an enumeration already under way goes on after an item's own long modifier: "30 Su-30MKA fighters,
        # 16 Yak-130 trainers developed by Russia's Yakovlev, Russian T-90S tanks and S-300 systems"
        enumerating = len(kept) >= 2 and all(
            "," in sent.words[a.end : b.start] for (a, _), (b, _) in zip(kept, kept[1:])
        )
        if enumerating and "," in gap[-3:] and len(gap) <= 14 and not any(w in _STOPS for w in gap):
            kept.append((m, key))
            continue
        if (len(gap) > 8 and not closing) or not any(w in _LINKS for w in gap) or any(w in _STOPS for w in gap):
            break
        kept.append((m, key))
    return kept


_OF_LINKS = {
    "on",
    "of",
    "sur",
    "de",
    "d'",
    "du",
    "des",
    "la",
    "le",
    "les",
    "l'",
    "the",
    "any",
    "all",
    "toute",
    "toutes",
    "ses",
    "son",
    "sa",
    "leurs",
    "leur",
    "its",
    "their",
    "new",
    "nouveaux",
    "nouvelles",
    "arms",
    "weapons",
}


def _window(sent: Sent, triggers: list[Trigger], k: int, frames: set[str]) -> tuple[int, int]:
    t = triggers[k]
    left = 0
    for other in triggers[:k]:
        if other.frame in frames and not _named_as_time(sent, other):
            left = other.end
    left = clause_start(sent, t.start, left)
    right = len(sent.words)
    for other in triggers[k + 1 :]:
        if (
            other.frame in NOMINAL | {"sanction_n"}
            and t.frame not in NOMINAL | {"sanction_n"}
            and other.start - t.end <= 5
        ):
            continue  # "received the first shipments of ...", "imposed sanctions on": the noun is the object
        if (
            t.frame == "sanction_n"
            and other.frame in TRANSFER
            and all(w in _OF_LINKS for w in sent.words[t.end : other.start])
        ):
            continue  # "a ban on the transfer of Patriot batteries to Qatar": the transfer is what is banned
        if other.frame in frames:
            right = other.start
            break
    right = clause_end(sent, t.end, right)
    # ", the defence ministry said, ...", ", a indiqué le ministre": reported speech closes the clause
    right = next((i for i in range(t.end, right) if sent.words[i] == "," and _saying_after(sent, i)), right)
    if in_relative_clause(sent, left, t.start):
        # "Pakistan, which bought J-10C jets from China, also flies ...": the clause ends at its comma (not at
        # one inside a list of states: "qui a vendu le Rafale à l'Egypte, au Qatar et aux Emirats, espère")
        right = next((i for i in range(t.end, right) if sent.words[i] == "," and not _states_listed_after(sent, i)),
                     right)
    return left, right


_LIST_PREPS = {"to", "a", "au", "aux", "the", "l'", "la", "le", "les"}


def _state_after(sent: Sent, i: int) -> Mention | None:
    """The state named at ``i``, after any articles and the prepositions of a list ("au Qatar", "to the UAE")."""
    while i < len(sent.words) and sent.words[i] in _LIST_PREPS:
        i += 1
    return sent.mention_at(i, ("country",)) if i < len(sent.words) else None


def _states_listed_after(sent: Sent, i: int) -> bool:
    """The comma at ``i`` goes on with a list of states that "and"/"et" closes: ", au Qatar et aux Emirats"."""
    m = _state_after(sent, i + 1)
    while m is not None and m.end < len(sent.words):
        if sent.words[m.end] in ("and", "et"):
            return _state_after(sent, m.end + 1) is not None
        if sent.words[m.end] != ",":
            return False
        m = _state_after(sent, m.end + 1)
    return False


def _saying_after(sent: Sent, i: int) -> bool:
    """A verb of saying within five words after position ``i``."""
    return any("saying" in sent.cue_at(k) for k in range(i + 1, min(len(sent.words), i + 6)))


def clause_start(sent: Sent, start: int, lo: int = 0) -> int:
    """Where the clause holding position ``start`` begins, no earlier than ``lo``."""
    for i in range(start - 1, lo - 1, -1):
        if sent.words[i] in BOUNDARY or _new_clause(sent, i):
            return i + 1
    return lo


def clause_end(sent: Sent, end: int, hi: int) -> int:
    """Where the clause holding position ``end`` ends, no later than ``hi``."""
    return next((i for i in range(end, hi) if sent.words[i] in BOUNDARY or _new_clause(sent, i)), hi)


def in_relative_clause(sent: Sent, left: int, start: int) -> bool:
    """A relative pronoun after a comma stands between ``left`` and ``start``: ", which bought ..."."""
    return any(
        sent.words[i] in ("which", "who", "qui") and i > 0 and sent.words[i - 1] == "," for i in range(left, start)
    )


def before_articles(sent: Sent, m: Mention) -> int:
    """The position of the last word before mention ``m`` that is no article (French "à", folded to
    "a", is kept): "built by the United States" -> "by"."""
    i = m.start - 1
    while i >= 0 and sent.words[i] in DETS and sent.words[i] != "a":
        i -= 1
    return i


_SUBORDINATORS = {
    "as",
    "while",
    "when",
    "because",
    "since",
    "although",
    "whereas",
    "alors",
    "where",
    "tandis",
    "car",
    "puisque",
    "lorsque",
    "quand",
    "bien",
    "apres",
    "after",
    "avant",
    "before",
    "following",
    "malgre",
    "despite",
    "amid",
    "parce",
}


_TEMPORAL = {"after", "before", "since", "when", "once", "because", "apres", "avant", "lorsque", "quand"}


def _subject_and_verb_after(sent: Sent, i: int) -> bool:
    """A subordinate clause opens at ``i``: a state or a person (with its title), then within three words a
    trigger ("after Canada suspended", "after Chile's president X scrapped", "après que le président X a
    annulé"); not a noun phrase ("after the sale")."""
    if sent.words[i : i + 1] in (["que"], ["qu'"]):
        i += 1
    j, actor = i, False
    while j < len(sent.words) and j < i + 8:
        m = sent.mention_at(j, ("country", "person", "alliance", "demonym"))
        if m is not None:
            j, actor = m.end, True
        elif sent.words[j] in DETS or sent.words[j] == "'s" or any(s <= j < e for s, e in sent.role_spans):
            j += 1  # "after President X", "le ministre"
        else:
            break
    verbs = {"agree", "propose", "cancel", "refuse", "deliver", "relative_filler"}
    return actor and (
        any(j <= s <= j + 2 for s, e, f in sent.triggers)
        or any(verbs & sent.cue_at(k) for k in range(j, min(j + 2, len(sent.words))))
    )


def _new_clause(sent: Sent, i: int) -> bool:
    """ ", and Prime Minister X said ...", "et négocie ...": a conjunction opening a clause, not a list item."""
    if (
        sent.words[i] in ("and", "et")
        and i + 1 < len(sent.words)
        and (
            {"agree", "propose", "cancel", "refuse"} & sent.cue_at(i + 1)
            or any(s == i + 1 for s, e, f in sent.triggers)
        )
    ):
        return True  # "s'est doté de drones Heron et négocie avec Washington ..."
    if sent.words[i] == "," and i + 1 < len(sent.words) and sent.tokens[i + 1].text.lower() == "où":
        return True  # ", où des navires chinois ...": a clause of its own (not "ou", or)
    if sent.words[i] == "," and i + 1 < len(sent.words) and sent.words[i + 1] in _SUBORDINATORS:
        return True  # ", as Cairo looks to ...", ", alors que ..."
    if sent.words[i] in _TEMPORAL and _subject_and_verb_after(sent, i + 1):
        return True  # "X entered the picture after President Y scrapped ...": Y's clause
    if sent.words[i] != "," or i + 2 >= len(sent.words) or sent.words[i + 1] not in ("and", "et", "but", "mais"):
        return False
    nxt = i + 2
    while nxt < len(sent.words) and sent.words[nxt] in DETS:
        nxt += 1
    m = sent.mention_at(nxt) if nxt < len(sent.words) else None
    if m is not None and m.kind in ("country", "alliance"):
        # ", and Tokyo and Manila are negotiating ...": states followed by their verb open a clause
        j = m.end
        while j < len(sent.words):
            other = sent.mention_at(j, ("country",))
            if other is None and sent.words[j] not in CONJ and sent.words[j] not in DETS:
                break
            j = other.end if other is not None else j + 1
        verb = j < len(sent.words) and (
            "relative_filler" in sent.cue_at(j) or any(s == j for s, e, f in sent.triggers)
        )
        return bool(verb)
    if m is not None and m.kind in ("weapon", "noun", "demonym"):
        return False
    return not (nxt < len(sent.words) and sent.words[nxt].isdigit())


def _cues(sent: Sent, start: int, end: int) -> set[str]:
    return {c for s, e, c in sent.cues if start <= s < end}


def _opens_conjunct(sent: Sent, i: int) -> bool:
    """The year at ``i`` opens a coordinated object of its own: "et en 2009 huit P-8I", "and in 2009 eight"."""
    return i >= 2 and sent.words[i - 1] in ("en", "in") and sent.words[i - 2] in ("et", "and", ",", "puis", "then")


def _year_for(sent: Sent, weapon: Mention | None, t: Trigger, left: int, right: int) -> int | None:
    """The year given for this weapon's deal: after the weapon (before the next weapon), else nearest the trigger."""
    years = [
        (i, int(sent.words[i]))
        for i in range(left, right)
        if YEAR.match(sent.words[i])
        and sent.mention_at(i, ("weapon",)) is None  # "PzH 2000", "Mirage 2000": a designation
        and not (i > 0 and sent.words[i - 1] in ("annees", "decennie"))
        # "au cours des années 2000 et 2010": the second decade of the pair
        and not (i > 2 and sent.words[i - 1] in ("et", "and") and sent.words[i - 3] in ("annees", "decennies"))
        # "before the 2020 war", "citing the 1982 Falklands war": the year of the war
        and not any("event" in sent.cue_at(k) for k in range(i + 1, min(len(sent.words), i + 3)))
        # "depuis la révolution de 2011", "since the coup of 2014": the year of an event
        and not (i > 1 and sent.words[i - 1] in ("de", "of", "d'") and "event" in sent.cue_at(i - 2))
        and not (i > 0 and "event" in sent.cue_at(i - 1))  # "au titre du budget 2022": the budget's year
        and sent.words[i + 1 : i + 2] != ["s"]  # "since the 1980s": a decade
        and not _in_period(sent, i, t.frame in ("deliver", "receive", "possess", "supply"))
        and not _in_when_clause(sent, t, i)
    ]
    # a year nearer another transfer or sanction word dates that event ("sanctionnée en 2020 pour l'achat")
    others = [  # (not a measure named as a time: "in June 2017, days after the blockade began, it agreed to buy")
        s for s, e, f in sent.triggers
        if s != t.start and f in TRANSFER | SANCTION | {"member"} and not _named_as_time(sent, Trigger(s, e, f))
    ]

    def apart(i: int, o: int) -> bool:
        # "signed for Rafale jets in 2021 and has since received ...": a conjunction ends the year's clause
        stops = (",", ";", "and", "et", "but", "mais") if i < o else (",", ";")
        return any(w in stops for w in sent.words[min(i, o) : max(i, o)])

    halt = _halted_licence(sent, t)  # "In 2017, X suspended the licence ... to export": the halt dates the deal
    others = [o for o in others if o != halt]
    years = [
        (i, y) for i, y in years
        if not any(abs(i - o) < abs(i - t.start) and not apart(i, o) and not _purpose(sent, i, o) for o in others)
    ]
    aside = _asides(sent, t.start)  # "Indonesia, which ordered jets in 2022, is weighing ...": not this event
    years = [(i, y) for i, y in years if not _in_person_aside(sent, i) and i not in aside]
    if not years:
        return None
    if weapon is not None:
        head = head_end(sent, weapon)
        later = [m.start for m in sent.mentions if m.kind in ("weapon", "noun") and m.start >= head]
        # nor past a relative clause: "vessels built for Trinidad, which had cancelled its order in 2010"
        later += [
            i for i in range(weapon.end, right - 1)
            if sent.words[i] == "," and sent.words[i + 1] in ("which", "who", "qui", "lequel", "laquelle")
        ]
        span = _apposition(sent, weapon)
        if span is not None:  # "Peru, a buyer of Russian helicopters, signed in 2019 for": not theirs
            years = [(i, y) for i, y in years if span[0] < i < span[1]]
        stop = min(later) if later else right
        # "commandé en 2008 six C-130J et en 2009 huit P-8I": a year opening the next conjunct is that one's
        opening = [(i, y) for i, y in years if _opens_conjunct(sent, i)]
        own = [y for i, y in opening
               if i < weapon.start and not any(i < x.end <= weapon.start for x in sent.mentions if x.kind == "weapon")]
        if own:
            return own[-1]
        after = [y for i, y in years if weapon.end <= i < stop and (i, y) not in opening]
        if after:
            return after[0]
        # a year written after an earlier system of the list is that system's ("180 K2 under a contract signed
        # in 2022, as well as K9 howitzers"): not this one's
        earlier = [
            x.end
            for x in sent.mentions
            if x.kind in ("weapon", "noun") and x.end <= weapon.start and x.start not in aside
        ]
        # a year after the verb belongs to an earlier item of the object only (not to a system named before
        # the verb: "one of the largest buyers of American weapons, signed in 2018 for the THAAD")
        # (unless a new clause opens between them: "operates Patriot batteries, and in 2011 it bought THAAD")
        years = [
            (i, y)
            for i, y in years
            if not any(
                e <= i < weapon.start
                and (i < t.start or e >= t.end)
                and clause_start(sent, i) <= e
                and "," not in sent.words[e:i]  # "buyers of American weapons, signed in 2018 for the THAAD"
                for e in earlier
            )
        ]
        if not years:
            return None
    return min(years, key=lambda iy: abs(iy[0] - t.start))[1]


_PERIOD = {"between": ("and",), "entre": ("et",), "from": ("to", "until"), "de": ("a",), "du": ("au",)}


# number words of counts ("two", "douze")
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
           "twelve": 12, "un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9,
           "dix": 10, "douze": 12}


_SUBORDINATE = {"apres que", "avant que", "parce que", "because", "lorsque", "puisque", "after which"}


def subordinate_at(sent: Sent, i: int) -> bool:
    """A clause of another event opens at ``i``: "après que les États-Unis eurent brandi", "because"."""
    return sent.words[i] in _SUBORDINATE or " ".join(sent.words[i : i + 2]) in _SUBORDINATE


_UNDER_WHICH = {"under which", "by which", "in which", "aux termes duquel", "dans le cadre duquel", "en vertu duquel"}


def antecedent_year(sent: Sent, t: Trigger) -> int | None:
    """The year of the agreement a relative clause is under: "bought under a 1999 arms package under which
    Pretoria also bought Gripen fighters" (1999), "un accord de 2016 aux termes duquel l'Inde achète"."""
    words = sent.words
    for i in range(t.start - 1, max(-1, t.start - 8), -1):
        k = next((n for n in (2, 3, 4) if " ".join(words[i : i + n]) in _UNDER_WHICH), None)
        if k is None:
            continue
        # (a year of the antecedent's own phrase: not "the pact signed in 2021, unveiled a plan under which")
        years = [
            int(words[j]) for j in range(max(0, i - 5), i)
            if YEAR.match(words[j]) and sent.mention_at(j, ("weapon",)) is None and "," not in words[j:i]
            and not any(j < s < i for s, e, f in sent.triggers if f not in ("deal_n", "purchase_n", "sale_n", "treaty"))
        ]
        return years[-1] if years else None
    return None


def _in_period(sent: Sent, i: int, deliveries: bool = True) -> bool:
    """The year closes a period, or opens one of ``deliveries``: "received 12 jets between 2015 and 2017",
    "livrés entre 2014 et 2017", "from 2019 to 2024" are spread over years, dated by no one year (a purchase
    "between 2015 and 2021" is dated by its first)."""
    words = sent.words
    before = words[i - 1] if i else ""
    opens = i + 2 < len(words) and words[i + 1] in _PERIOD.get(before, ()) and YEAR.match(words[i + 2])
    closes = i > 2 and words[i - 1] in _PERIOD.get(words[i - 3], ()) and YEAR.match(words[i - 2])
    return bool(opens and deliveries or closes)


def appositive_year(sent: Sent, weapon: Mention | None) -> int | None:
    """The year of a transfer participle set after this weapon, up to the next comma: "offert à Belgrade
    six MiG-29, livrés en 2017, tandis que", "24 Archer guns, ordered in 2016, were": it tells of this
    weapon's deal. None for a relative clause or a participle of something else ("ships, built in 2015")."""
    if weapon is None:
        return None
    head = head_end(sent, weapon)
    # ", livrés en 2017," after a comma, or a purchase participle right after the noun: "submarines ordered in 2009"
    # (a French participle folds into the noun: "MiG-29 commandés en 2009" reads "commandes")
    bought = any(s == head and f in ("buy",) for s, e, f in sent.triggers) or any(
        s == head and f == "purchase_n" and sent.tokens[head].lower.endswith(("é", "ée", "és", "ées"))
        for s, e, f in sent.triggers
    )
    o = head if bought else head + 1
    if not bought and (
        sent.words[head : head + 1] != [","] or not any(s == o and f in TRANSFER for s, e, f in sent.triggers)
    ):
        return None
    if not sent.words[o].endswith(("ed", "e", "es", "s", "ee", "ees")):
        return None  # a participle, not a verb of a new clause
    for i in range(o + 1, min(len(sent.words), o + 6)):
        if sent.words[i] in (",", ";", "."):
            return None
        if YEAR.match(sent.words[i]) and sent.mention_at(i, ("weapon",)) is None and not _in_period(sent, i):
            return int(sent.words[i])
    return None


def _in_when_clause(sent: Sent, t: Trigger, i: int) -> bool:
    """The year at ``i`` stands in a clause of time after the trigger that tells another event: "ordered 12
    M-346, closing a gap that opened when the country grounded its Saab 105s at the end of 2020" (not "when
    the contract was signed in 2022": a contract's own clause)."""
    when = [k for k in range(t.end, i) if sent.words[k] in ("when", "lorsque", "quand")]
    if not when:
        return False
    return not any(when[-1] < s < i and (f in TRANSFER or f == "deal_n") for s, e, f in sent.triggers)


def _purpose(sent: Sent, i: int, o: int) -> bool:
    """The event at ``o`` is an infinitive of purpose after the year at ``i``: "scrapped the contract in 2021
    to join AUKUS", "signé en 2019 pour rejoindre": the year dates the main verb, not the purpose."""
    return i < o and sent.words[o - 1] in ("to", "pour", "afin", "de", "d'")


def head_end(sent: Sent, weapon: Mention) -> int:
    """Where the phrase a designation heads ends: "Rafale fighter jets" (the nouns after it are part of it)."""
    head = weapon.end
    while (noun := sent.mention_at(head, ("noun",))) is not None and noun.start == head:
        head = noun.end
    return head


def _apposition(sent: Sent, m: Mention) -> tuple[int, int] | None:
    """The commas around an apposition of a state that holds ``m``: "Peru, a longtime buyer of Russian
    helicopters, signed ..." (the helicopters describe Peru; what follows the comma is the main clause)."""
    words = sent.words
    open_ = next((k for k in range(m.start - 1, max(-1, m.start - 9), -1) if words[k] == ","), None)
    if open_ is None or open_ == 0 or sent.mention_at(open_ - 1, ("country",)) is None:
        return None
    if any(f in TRANSFER for s, e, f in sent.triggers if open_ < s < m.start and words[s].endswith(("ed", "é"))):
        return None  # ", which bought ...": a clause, not a noun phrase
    close = next((k for k in range(m.end, min(len(words), m.end + 4)) if words[k] == ","), None)
    if close is None or not any(x.kind == "weapon" and x.start > close for x in sent.mentions):
        return None  # "l'Égypte, premier client de l'IRIS-T, avait commandé une tranche": the object it is
    return open_, close


def _named_as_time(sent: Sent, t: Trigger) -> bool:
    """A measure that only dates something: "days after the blockade began", "depuis l'embargo"."""
    return t.frame in SANCTION and any(
        w in ("after", "apres", "since", "depuis") for w in sent.words[max(0, t.start - 3) : t.start]
    )


def _in_person_aside(sent: Sent, i: int) -> bool:
    """Position ``i`` lies in an apposition set off by commas right after a person's name: "le président
    X, au pouvoir depuis 2012, ...", "Y, elected in 2019, ...": a date of the person, not of a deal."""
    words = sent.words
    start = next((k for k in range(i - 1, -1, -1) if words[k] == ","), None)
    if start is None:
        return False
    person = sent.mention_at(start - 1, ("person",)) if start > 0 else None
    if person is None or person.end != start:
        return False
    close = next((k for k in range(i + 1, len(words)) if words[k] == ","), None)
    return close is not None and not any(s < close and e > start for s, e, f in sent.triggers)


def _past_form(sent: Sent, t: Trigger) -> bool:
    word = sent.words[t.end - 1]
    if sent.lang == "en":
        return word.endswith("ed") or word in ("gave", "given", "sent", "sold", "provided", "lent")
    surface = sent.tokens[t.end - 1].lower  # the accented form tells "transféré" from "livre"
    return surface.endswith(("é", "ée", "és", "ées", "i", "is", "u", "us")) and not word.endswith(("er", "ir"))


# possessive determiners that tie a noun to the clause's subject ("sa commande", "its first system")
POSSESSIVES = ("its", "their", "son", "sa", "ses", "leur")


def planned(sent: Sent, i: int) -> bool:
    """A modal or future before position ``i``: "will be built in", "seront construits en" (a plan)."""
    return any(
        "modal" in sent.cue_at(k) or sent.words[k] in ("will", "sera", "seront")
        for k in range(max(0, i - 3), i)
    )


_PARTICIPLE_FR = ("é", "ée", "és", "ées", "i", "is", "ie", "ies", "u", "us", "ue", "ues", "t", "ts")


def _is_passive(sent: Sent, t: Trigger) -> bool:
    """A participle after a form of "be"/"être": "was sold", "sera livrée", "will be supplied"."""
    word = sent.words[t.end - 1]
    if sent.lang == "en":  # (of a phrasal verb, its verb: "have since been handed over")
        participle = any(
            w.endswith(("ed", "en", "ld", "ght", "nt", "wn")) or w in ("sold", "sent", "bought", "given")
            for w in (word, sent.words[t.start])
        )
    else:  # the accented form tells "livré" from "livre"
        surface = sent.tokens[t.end - 1].lower
        participle = surface.endswith(_PARTICIPLE_FR)
        participle = participle and not word.endswith(("er", "ir"))
    if any(w in ("s'", "se") for w in sent.words[max(0, t.start - 4) : t.start]):
        return False  # "s'est doté de": a pronominal verb, not a passive
    return participle and any("be" in sent.cue_at(i) for i in range(max(0, t.start - 3), t.start))


_MADE_VERB = re.compile(
    r"^(developed|built|made|manufactured|produced|designed|developpes?|developpees?|construits?|construites?|point|"
    r"fabriques?|fabriquees?|produits?|produites?|concus?|concues?|jointly|conjointement|"
    r"upgraded|modernized|modernised|refurbished|modernises?|modernisees?|renoves?|renovees?)$"
)
_OBJECT_PRONOUNS = {"lui", "leur", "them", "it"}
_CLITICS = {"lui", "leur", "les", "la", "le", "l'", "y", "en", "se", "s'", "me", "te", "nous", "vous", "them", "it"}


def _adjectival_participle(sent: Sent, t: Trigger) -> bool:
    """A production participle that describes a noun ("an aircraft manufactured domestically", "des
    blindés fabriqués localement") rather than a clause's verb ("will be built in India", "has produced"):
    no auxiliary before it, and no place after it."""
    word = sent.words[t.end - 1]
    if t.end - t.start != 1 or not (_past_form(sent, t) or word in ("built", "made")):
        return False
    before = sent.words[max(0, t.start - 3) : t.start]
    if any("be" in sent.cue_at(i) for i in range(max(0, t.start - 3), t.start)) or any(
        w in ("has", "have", "had", "a", "ont", "avait", "avaient", "will", "sera", "seront") for w in before
    ):
        return False
    after = sent.words[t.end : t.end + 3]
    return not any(w in ("in", "en", "au", "aux", "under", "sous") for w in after)


def _infinitive_marker(sent: Sent, t: Trigger) -> int | None:
    """Where the "de"/"to" of an infinitive stands: "de livrer", "de leur livrer", "to deliver"."""
    i = t.start - 1
    while i >= 0 and sent.words[i] in _CLITICS and sent.lang == "fr":
        i -= 1
    if i >= 1 and sent.lang == "en" and sent.words[i].endswith("ly") and sent.words[i - 1] == "to":
        i -= 1  # "to eventually provide", "to quickly deliver"
    if i >= 1 and sent.lang == "en" and sent.words[i] == "be" and sent.words[i - 1] == "to":
        return i - 1  # "the first items to be shipped": a passive infinitive, still to come
    if i >= 0 and sent.words[i] in _INFINITIVE_MARK and not (sent.words[i] == "a" and sent.tokens[i].lower != "à"):
        return i
    return None


_PRIORITISED = ("prioritis", "prioritiz", "priorise", "privilegi", "favoured", "favored", "preferred", "prefere",
                "chose", "opted", "picked", "selected", "retenu", "choisi", "opte")


def _refused_after(sent: Sent, i: int) -> bool:
    """ "before turning it down", "avant de le rejeter": a refusal the same actor makes later in the sentence;
    "had also submitted offers but the government had prioritised talks with the Chinese company": the buyer
    chose another, so the offer was refused."""
    for k in range(i, len(sent.words) - 1):
        if sent.words[k] in ("before", "avant"):
            return any("refuse" in sent.cue_at(j) for j in range(k + 1, min(len(sent.words), k + 5)))
        if sent.words[k] in ("but", "mais"):
            return any(sent.words[j].startswith(_PRIORITISED) for j in range(k + 1, min(len(sent.words), k + 7)))
    return False


def _is_infinitive(sent: Sent, t: Trigger) -> bool:
    return _infinitive_marker(sent, t) is not None


_TALKS = ("talks", "negotiation", "negotiations", "discussions", "negociations", "discussions", "pourparlers")


def _replacement_status(sent: Sent, t: Trigger) -> str | None:
    """The status of a purchase told by "replace X with Y": a plan ("will replace", "to replace", "remplacera",
    "doit remplacer") proposes it, a done replacement ("replaced", "a remplacé") delivers it, else agreed."""
    verbs = [s for s, e, c in sent.cues if c == "replace_verb" and s < t.start]
    if not verbs:
        return None
    r = verbs[-1]
    word, before = sent.words[r], sent.words[max(0, r - 4) : r]
    if "condition" in _cues(sent, max(0, r - 6), r) or "negation" in _cues(sent, max(0, r - 3), r):
        return None
    if "modal" in _cues(sent, max(0, r - 4), r) or before[-1:] in (["to"], ["de"], ["a"]) or word.endswith(
        ("era", "eront")
    ) or any(w in ("will", "would", "plans", "plan", "doit", "devrait", "va") for w in before):
        return "proposed"
    if word == "replaced" or any(w in ("a", "ont", "avait", "avaient") for w in before[-2:]):
        return "delivered"
    return "agreed"


def apposed_participle(sent: Sent, t: Trigger) -> int | None:
    """Where the comma stands before a past participle set off after a noun ("son Type 212CD, déjà commandé
    par la Norvège", "the K9, already ordered by Norway", "Ses AV-8B, de conception américaine et acquis
    auprès des États-Unis"); else ``None``."""
    i = t.start - 1
    while i > 0 and sent.words[i] in ("deja", "already", "aussi", "also", "recemment", "recently"):
        i -= 1
    if i > 0 and sent.words[i] in ("et", "and"):
        # "Ses AV-8B, de conception américaine et acquis auprès des États-Unis": the apposition's second part
        i = next((k for k in range(i - 1, max(0, i - 8), -1) if sent.words[k] == ","), 0)
        if i and any(sent.mention_at(k, ("country", "weapon", "person")) for k in range(i + 1, t.start)):
            return None  # (not "..., de France et acquis": another actor or system in between)
    if i <= 0 or sent.words[i] != "," or t.end - t.start != 1:
        return None
    surface = sent.tokens[t.start].lower
    participle = surface.endswith(("é", "és", "ée", "ées", "ed", "is", "ise", "ises"))
    participle = participle or sent.words[t.start] in ("bought", "sold")
    noun = sent.mention_at(i - 1, ("weapon", "noun")) is not None
    return i if participle and noun else None


def _talks_dropped(sent: Sent, t: Trigger) -> bool:
    """A cancel word whose object is talks before the trigger: "walking away from long talks with France
    over the Rafale", "a rompu les négociations sur": the talks ended, no deal was made."""
    cancels = [e for s, e, c in sent.cues if c == "cancel" and t.start - 10 <= s < t.start]
    return bool(cancels) and any(w in _TALKS for w in sent.words[cancels[-1] : t.start + 1])


_LICENCE = ("licen", "permit", "permis", "autorisation", "authoriz", "authoris")


def _halted_licence(sent: Sent, t: Trigger) -> int | None:
    """Where the halt stands whose licence this transfer needed: "froze the export licence of drone maker
    Aeronautics for a sale of Orbiter drones to Azerbaijan", "a suspendu la licence d'exportation de ... vers";
    else ``None``."""
    for s, e, f in sent.triggers:
        if f not in ("ban", "sanction_v", "exclude") or not 0 <= t.start - e <= 12:
            continue
        between = sent.words[s : t.start]
        if any(w.startswith(_LICENCE) for w in between) and not any(w in (";", ".") for w in between):
            return s
    return None


def _announced_transfer(sent: Sent, t: Trigger, left: int) -> bool:
    """A state that will send, provide or deliver (not sell) a system announces a transfer, which the corpus
    counts as agreed ("a donor government's announced transfer"): "will provide", "enverra", "livrera";
    not "could supply", "may send", "plans to", nor a delivery schedule ("are expected to be delivered")."""
    modal_in_phrase = sent.words[t.start] in ("will", "would", "to")  # "will hand": a phrase with its modal
    if t.frame not in ("supply", "deliver") or t.end - t.start != 1 and not modal_in_phrase:
        return False
    near = sent.words[max(left, t.start - 3) : t.start + (1 if modal_in_phrase else 0)]
    # "Washington announced that it would provide 31 Abrams": the future of an announcement is announced
    announced = any(w.startswith(("announc", "annonc", "pledg")) for w in sent.words[max(0, t.start - 8) : t.start])
    if announced and "would" in near and "that" in sent.words[max(0, t.start - 6) : t.start]:
        return sent.lang == "en"
    if any(w in ("could", "may", "might", "would", "pourrait", "pourraient", "pourra", "pourront") for w in near):
        return False
    if {"propose", "condition", "threat", "start", "exhort"} & _cues(sent, max(left, t.start - 8), t.end):
        return False
    if _is_passive(sent, t) or any("modal" in sent.cue_at(i) and sent.words[i] in ("expected", "due", "set")
                                   for i in range(max(left, t.start - 4), t.start)):
        return False  # "the first aircraft are expected to be delivered in 2028": a schedule
    word = sent.words[t.start]
    if sent.lang == "fr":
        return _FUTURE_FR.match(word) is not None and not word.startswith(("vend", "ced"))
    # "Croatia to give old tanks to Ukraine": a headline's "to" after its subject announces it
    headline = t.start >= 2 and sent.words[t.start - 1] == "to" and sent.mention_at(t.start - 2, ("country",))
    return headline is not None or any(w in ("will", "'ll", "shall") for w in near)


def _refusal(sent: Sent, t: Trigger, left: int) -> bool:
    """A transfer negated in the future or the conditional by its supplier's side: "would not be passed on
    to Kyiv", "will not send tanks", "ne livrera pas" (not "has not yet delivered", "n'a pas encore livré")."""
    if t.frame not in ("sell", "deliver", "supply"):
        return False
    near = sent.words[max(left, t.start - 6) : t.start]
    if any(w in ("yet", "encore", "still", "toujours") for w in sent.words[max(left, t.start - 6) : t.end + 2]):
        return False
    future = any(w in ("will", "would", "won't", "wouldn't") for w in near) or (
        sent.lang == "fr" and _FUTURE_FR.match(sent.words[t.start]) is not None
    )
    return future


def _under_a_contract(sent: Sent, start: int, end: int) -> bool:
    """ "under a 2016 intergovernmental agreement", "under a contract signed in 2019": a contract noun
    within a few words after "under"."""
    for i in range(start, min(end, len(sent.words))):
        if sent.words[i] == "under":
            return any(f == "deal_n" and i < s <= i + 5 for s, e, f in sent.triggers)
    return False


def status_of(sent: Sent, t: Trigger, left: int, right: int) -> str | None:
    """The status a clause gives its deal, or ``None`` when the clause states no fact."""
    comma = apposed_participle(sent, t)
    if comma is not None:
        left = max(left, comma)  # "son Type 212CD, déjà commandé par la Norvège": the participle's own words
    if t.frame == "buy" and sent.words[t.start] in ("with", "par"):
        return _replacement_status(sent, t)
    marker = _infinitive_marker(sent, t)
    reach = max(0, marker - 4) if marker is not None else left  # "a offert à Lima de lui vendre"
    before = _cues(sent, max(reach, t.start - 8), t.start)
    around = _cues(sent, min(reach, left), t.end) - {"cancel", "refuse"}
    if t.frame == "buy" and sent.words[t.start] in ("s'", "se"):
        # "s'offre neuf hélicoptères": the offer word is the buying verb itself, no proposal
        around -= {c for s, e, c in sent.cues if t.start <= s and e <= t.end and c == "propose"}
    # (not across a comma: "walks away from the Su-35 deal, bets on Rafale")
    around |= {
        c for s, e, c in sent.cues
        if c in ("cancel", "refuse") and max(min(reach, left), t.start - 8) <= s < t.end
        and "," not in sent.words[e : t.start]
    }
    after_end = next((i for i in range(t.end, min(right, t.end + 5)) if sent.words[i] in _TEMPORAL), t.end + 5)
    around |= {"cancel"} & _cues(sent, t.end, min(right, after_end))  # not "ordered F-16s after walking away"
    around |= {"propose"} & _cues(sent, t.end, min(right, t.end + 2))  # "la vente potentielle de"
    after = sent.words[t.end : t.end + 2]
    if t.frame == "sale_n" and (after in (["had", "been"], ["has", "been"]) or after[:1] in (["was"], ["a"])):
        # "the sale had been cleared by the State Department", "la vente a été approuvée"
        around |= {"propose"} & _cues(sent, t.end, min(right, t.end + 4))
    if t.frame in NOMINAL:  # the noun's predicate: "la livraison des premiers exemplaires est prévue en 2024",
        # "an order for 11 Su-35s from Russia was cancelled"
        verb = next((k for k in range(t.end, min(right, t.end + 12)) if "be" in sent.cue_at(k)), None)
        if verb is not None and not {",", ";"} & set(sent.words[t.end : verb]):
            predicate = _cues(sent, verb, min(right, verb + 3))
            around |= {"cancel", "refuse"} & predicate
            if t.frame == "sale_n":
                around |= {"propose"} & predicate
                if _EXPECTED & set(sent.words[verb : verb + 4]):
                    around.add("propose")  # "la livraison des premiers exemplaires est attendue vers 2025"
        # "the arms procurement committee rejected the F-15SE": a verb of refusing right after the noun's phrase
        if t.frame == "purchase_n":
            head = next((k for k in range(t.end, min(right, t.end + 3)) if {"refuse", "cancel"} & sent.cue_at(k)), None)
            if head is not None and sent.words[head].endswith("ed") and not {",", ";"} & set(sent.words[t.end : head]):
                around |= {"refuse", "cancel"} & sent.cue_at(head)  # (a verb, not "followed repeated refusals")
    near = _cues(sent, max(left, t.start - 4), t.start)
    # "is weighing the purchase of", "étudie l'achat de": a verb of intent whose object is the trigger
    governing = [s for s, e, c in sent.cues if c == "propose" and t.start - 3 <= s < t.start and s < left]
    governing += [s for s, e, f in sent.triggers if f == "choose" and t.start - 3 <= s < t.start and
                  sent.words[s].startswith(("weigh", "consider", "stud", "etudi", "examin"))]
    governing.sort()
    if governing and all(w in DETS for w in sent.words[governing[-1] + 1 : t.start]):
        around.add("propose")
    negated = "negation" in _cues(sent, max(left, t.start - 6), t.start)
    word = sent.words[t.start]
    if "condition" in before or "threat" in near or "condition" in _cues(sent, t.end, min(right, t.end + 10)):
        return None
    relative = any(w in ("which", "who", "qui", "that") for w in sent.words[max(0, t.start - 4) : t.start])
    if sent.words[:1] in (["if"], ["si"]) and "," in sent.words[: t.start] and not relative:
        # "If the transfer goes ahead, Pakistan would become the first foreign operator of ..." (not "..., after
        # Poland, which ordered 250 of the tanks in 2022": a fact told in a relative clause)
        return None
    if "denial" in _cues(sent, max(0, t.start - 8), t.start):
        return None  # "Russia denied that it had sold ...", "a démenti avoir vendu": no fact stated
    # (far back when the infinitive is coordinated: "asked X to speed up deliveries ... and to supply Apaches")
    reach_back = 16 if _is_infinitive(sent, t) and ";" not in sent.words[max(0, t.start - 16) : t.start] else 6
    floor = max(0 if reach_back > 6 else left, t.start - reach_back)
    exhort = [s for s, e, c in sent.cues if c == "exhort" and floor <= s < t.start]
    if exhort and {"cancel", "refuse"} & _cues(sent, exhort[-1], t.start):
        return None  # "urged Washington to revoke the sale", "appelle Paris à suspendre": asked for, not done
    if exhort and _is_infinitive(sent, t):
        return "proposed"  # "asked Israel to supply its Iron Dome": a request
    # "le projet d'acheter", "la volonté de l'Inde d'acquérir": a plan, whose owner may stand between
    intent = marker is not None and marker > 0 and (
        "intent_noun" in sent.cue_at(marker - 1)
        or any("intent_noun" in sent.cue_at(i) for i in range(max(0, marker - 5), marker - 1))
        and sent.mention_at(marker - 1, ("country",)) is not None
    )
    if intent and {"cancel", "refuse"} & _cues(sent, t.end, min(right, t.end + 12)):
        return "refused"  # "earlier efforts to buy the Gripen collapsed": the buyer did not get it
    if t.frame == "buy" and marker is not None and "permit" in _cues(sent, max(0, marker - 5), marker + 1) and (
        "negation" not in _cues(sent, max(0, marker - 8), marker)  # not "will not be allowed to purchase": refused
    ):
        return "proposed"  # "obtenait l'autorisation d'acquérir", "autorisent l'Argentine à acquérir": cleared
    # (the letter itself, or the one a signing trigger signs: "a signé avec la Suède une lettre d'intention")
    ahead = 6 if t.frame == "deal_n" else 0
    letter = any(
        f == "deal_n" and sent.words[s] in ("letter", "letters", "lettre", "lettres") and -ahead <= t.start - s <= 10
        for s, e, f in sent.triggers
    )
    if letter and not negated:
        return "proposed"  # "signed a letter of intent on the future purchase of the Mistral": intended
    if "cancel" in around and _talks_dropped(sent, t):
        return "refused"  # "after walking away from long talks with France over the Rafale": never agreed
    if "cancel" in around:
        return "cancelled"
    if t.frame == "purchase_n" and "refuse" in _cues(sent, max(left, t.start - 4), t.start):
        return "cancelled"  # "voters rejected the purchase of", "a rejeté l'achat": the buyer drops its own order
    if "refuse" in around or t.frame == "compete":
        return "refused"
    if t.frame in ("choose", "offer") and _refused_after(sent, t.end):
        return "refused"  # "had weighed the JF-17 ... before turning it down", "avant de le rejeter"
    if negated and _refusal(sent, t, left):
        return "refused"  # "the interceptors would not be passed on to Kyiv", "ne livrera pas": the supplier refuses
    if negated:
        return None
    if t.frame == "choose":
        return "proposed"
    gerund = (
        sent.lang == "en"
        and word.endswith("ing")
        and not any("be" in sent.cue_at(i) for i in range(max(0, t.start - 2), t.start))
    )
    if gerund and sent.words[t.start - 1 : t.start] in (["after"], ["since"], ["for"], ["by"]):
        gerund = False  # "after buying the S-400", "sanctioned for buying": done
    if gerund and "start" in sent.cue_at(t.start - 1):
        gerund = False  # "it began taking delivery of the S-400": begun, so done
    if gerund and sent.words[t.start - 1 : t.start] == [","] and not _cues(sent, 0, t.start) & {"modal", "propose"}:
        gerund = False  # "..., handing Kyiv its only S-300 in April": an adjunct telling what was done
    if gerund and _under_a_contract(sent, t.end, right):
        return "agreed"  # "buying 36 Rafale jets under a 2016 intergovernmental agreement": done, under it
    if gerund:
        return "proposed"  # "selling them to Chile would not change ...": talked about, not done
    if any(
        o_start < t.start
        and all(w in _OF_LINKS or YEAR.match(w) or w in ("en", "in") for w in sent.words[o_end : t.start])
        for o_start, o_end, f in sent.triggers
        if f in ("sanction_n", "ban", "exclude")
    ):
        return None  # "a ban on the transfer of ...", "gelé ses ventes": the sanction, not a deal
    if _halted_licence(sent, t) is not None:
        return "refused"  # "suspended the licence of X to export its Orbiter to Y": the sale was refused
    if t.frame == "arrive":  # "sont arrivés"; not "arriveront", "will arrive"
        future = sent.lang == "fr" and _FUTURE_FR.match(word) is not None
        return "proposed" if future or "modal" in near or "modal" in sent.cue_at(t.start) else "delivered"
    if t.frame == "possess":  # (not "will rely on its F-5s until the Gripens arrive": what it has now)
        owned = sent.words[t.end : t.end + 1] in (["its"], ["their"], ["ses"], ["leurs"], ["son"], ["sa"])
        if sent.words[t.start - 1 : t.start] == ["to"] and _future_before(sent, t.start - 1) and not owned:
            return "proposed"  # "a purchase that will make it the first country in the region to operate the jet"
        return "proposed" if "modal" in _cues(sent, max(left, t.start - 3), t.start) and not owned else "delivered"
    if word.startswith(("donat", "donne", "don", "offert", "offrira")) and t.frame in ("supply", "sale_n"):
        return "delivered" if _past_form(sent, t) and "modal" not in near else "agreed"  # a donor's pledge
    if (
        t.frame == "purchase_n"
        and word.startswith(("command", "order"))
        and t.start > 0
        and sent.words[t.start - 1] in POSSESSIVES
    ):
        return "agreed"  # "étudie la conversion de sa commande", "is reviewing its order": an order placed
    if ("propose" in around and "agree" not in before) or intent:
        return "proposed"  # "plans to buy", "le projet d'acheter": an intention
    # "Croatia to give old tanks to Ukraine": a headline's "to" after its subject is a future
    headline = sent.lang == "en" and marker is not None and marker > 0 and sent.words[marker] == "to" and (
        sent.mention_at(marker - 1, ("country", "person")) is not None
    )
    # "Croatia to give old tanks to Ukraine and buy German Leopards": the second verb of the headline's "to"
    first = sent.mentions[0] if sent.mentions else None
    headline = headline or (
        sent.lang == "en" and sent.index == 0 and first is not None and first.start == 0 and first.kind == "country"
        and sent.words[first.end : first.end + 1] == ["to"] and "and" in sent.words[first.end : t.start]
        and not (set(sent.words[first.end : t.start]) & {",", ";", "."})
    )
    # "in what would be the largest acquisition", "ce qui serait la plus grosse commande": a noun predicated
    # of a future or conditional
    back = sent.words[max(left, t.start - 8) : t.start]
    predicated = t.frame in NOMINAL and "," not in back and any(
        back[k : k + 2] in (["would", "be"], ["will", "be"], ["could", "be"])
        or back[k] in ("serait", "sera", "deviendrait")
        for k in range(len(back))
    )
    # "devrait signer dans les prochains mois l'achat de": the verb that signs the noun is under a modal
    signing = [k for k in range(max(left, t.start - 8), t.start) if "agree" in sent.cue_at(k)]
    modal_signing = t.frame in NOMINAL and bool(signing) and "," not in sent.words[signing[-1] : t.start] and (
        "modal" in _cues(sent, max(0, signing[-1] - 2), signing[-1])
    )
    future = (
        headline
        or predicated
        or modal_signing
        or "modal" in near
        or "modal" in sent.cue_at(t.start)
        or (sent.lang == "fr" and t.end - t.start == 1 and _FUTURE_FR.match(word) is not None)
    )
    if future and _announced_transfer(sent, t, left):
        return "agreed"  # "Germany and Denmark will provide Ukraine with 100 Leopard 1A5": a donor's announced transfer
    if future:
        return "proposed"
    pending = {"avant", "before", "pending", "ahead"} & set(sent.words[max(0, t.start - 2) : t.start])
    if t.frame == "sale_n" and word.startswith(("livraison", "deliver")) and pending:
        return "proposed"  # "avant la livraison des premiers exemplaires": a delivery to come
    if t.frame == "sale_n" and word.startswith(("livraison", "deliver")) and "start" in _cues(
        sent, t.end, min(right, t.end + 4)
    ):
        return "delivered"  # "dont les livraisons sont achevées", "deliveries were completed in 2019"
    predicate = _predicate_after_aside(sent, t.end)
    if t.frame == "sale_n" and word.startswith(("livraison", "deliver")) and predicate is not None and (
        "start" in _cues(sent, predicate, predicate + 4) and not planned(sent, predicate + 1)
    ):
        return "delivered"  # "Deliveries of the Ka-52, which Egypt ordered in 2015, have begun": the noun's verb
    began = "start" in _cues(sent, max(0, t.start - 2), t.start)
    if t.frame in ("supply", "sell", "deliver") and began and "modal" not in near:
        return "delivered"  # "Britain began supplying Storm Shadow missiles in May 2023"
    if word.startswith(("leas", "lou")) and _past_form(sent, t) and any(
        w in ("since", "depuis") for w in sent.words[t.end : min(right, t.end + 8)]
    ):
        return "delivered"  # "the Gripen fighters it has leased from Sweden since 2006": in service since
    if "agree" in around and not (t.frame in ("deliver", "receive") and "agree" not in near and _past_form(sent, t)):
        return "agreed"  # not "signed for Rafale jets and has since received Bradley vehicles": received
    if t.frame == "supply" and _past_form(sent, t) and marker is None:
        return "delivered"  # "Iran has supplied drones", "la France a fourni des canons"
    contracted = marker is not None and marker > 0 and (
        "commercial" in sent.cue_at(marker - 1) or any(f == "deal_n" and e == marker for s, e, f in sent.triggers)
    )  # "recent deals to sell 100,000 Kalashnikov rifles": the deal is made
    if t.frame in ("supply", "sell") and marker is not None and "agree" not in before and not (
        _is_passive(sent, t) or contracted
    ):
        return "proposed"  # "paving the way to eventually provide India with the F-35": not done, not agreed
    if t.frame in ("deliver", "receive", "possess"):
        if "start" in before or "start" in _cues(sent, t.end, min(right, t.end + 7)):
            return "delivered"  # "a commencé à recevoir", "began delivering", "les livraisons ont commencé"
        if _is_infinitive(sent, t) or sent.words[t.start] == "to":  # "in no hurry to hand Ukraine"
            # (to hold: what it has, unless a future governs it: "will make it the first country to operate")
            held = t.frame == "possess" and not _future_before(sent, t.start)
            return "delivered" if held else "proposed"
        return "delivered"
    if t.frame == "offer":
        return "proposed"
    if ("deliver" in around or "start" in _cues(sent, t.end, min(right, t.end + 7))) and not _is_infinitive(sent, t):
        return "delivered"
    if t.frame == "sale_n":
        if sent.words[t.start].startswith(("livraison", "deliver")):
            # "... a eu lieu", "took place", "dont les livraisons sont achevées", "deliveries were completed"
            done = "start" in before or "deliver" in _cues(sent, t.end, right)
            if not done and "agree" in before:
                return "agreed"  # "a trouvé un accord avec Bamako pour la livraison de six avions"
            return "delivered" if done else "proposed"  # "a commencé la livraison", "began deliveries"
        return "agreed"
    return "agreed"
