"""Relations from frames: a trigger word, the actors around it, the weapons it governs.

Each trigger (``kg/data/triggers_*.tsv``) opens a frame whose roles are
filled from the sentence: the subject (the nearest actor to the left that no
preposition governs), prepositional phrases (``à``/``from``/``to``/``by``),
possessives, and the weapons in its window. Roles the sentence leaves empty
come from the article: the weapon's stated maker as supplier, the last
weapon named for "ces missiles", the recipient of the same weapon's earlier
deal. Status comes from cue words (``kg/data/cues_*.tsv``) in the window.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kg.extract.annotate import Mention, Sent
from kg.extract.context import Context, headed_designation
from kg.extract.gazetteer import load
from kg.facts import Agreement, Deal, Evidence, Fact, Maker, Member, Ref, Sanction

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
BOUNDARY = {";", "mais", "but", "while", "whereas", "tandis", "although", "bien"}
SUPPLIER_PREPS = {"a", "au", "aux", "aupres", "from"}  # "with"/"avec" only after a signing or talks word
RECIPIENT_PREPS_BUY = {"par", "by", "pour", "for"}
RECIPIENT_PREPS_SUPPLY = {"a", "au", "aux", "to", "pour", "for", "vers"}
SUPPLIER_PREPS_SUPPLY = {"par", "by", "from"}
TARGET_PREPS = {"sur", "a", "au", "aux", "contre", "on", "against", "to", "envers", "visant", "targeting"}
BY_PREPS = {"de", "du", "des", "par", "by", "from", "d'"}
YEAR = re.compile(r"^(19[5-9]\d|20[0-3]\d)$")
_INFINITIVE_MARK = {"to", "de", "d'", "a"}
_FUTURE_FR = re.compile(r".{3,}(?:era|eront|erai|eras|erons|erez|ira|iront|rait|raient|erait|eraient)$")


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


def _governing_prep(sent: Sent, m: Mention) -> str | None:
    i = m.start - 1
    if m.kind == "person":  # "du président Emmanuel Macron": the preposition before the title
        while i >= 0 and any(s <= i < e for s, e in sent.role_spans) or (i >= 0 and sent.words[i] in (",",)):
            i -= 1
    if m.kind == "demonym" and sent.lang == "fr":
        while i >= 0 and "actor_noun" in sent.cue_at(i) or (i >= 0 and sent.words[i] in ("d'", "etat")):
            i -= 1
    dets = DETS_FR if sent.lang == "fr" else DETS_EN
    while i >= 0 and (sent.words[i] in dets or sent.words[i].isdigit() or sent.words[i] in _COUNTS):
        i -= 1
    if i >= 0 and sent.words[i] in PREPS and not (sent.words[i] == "a" and sent.tokens[i].lower != "à"):
        return sent.words[i]  # French "a" (has) is not the preposition "à", English "a" is an article
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
    """Whether ``word`` stands within the three tokens before the mention ("à l'encontre de la Pologne")."""
    return word in sent.words[max(0, m.start - 4) : m.start]


def _double_object(sent: Sent, t: Trigger, m: Mention) -> bool:
    """ "sell Taiwan F-16s", "supply Ukraine with tanks": the state right after the verb receives."""
    if m.start > t.end + 1:
        return False
    after = sent.words[m.end : m.end + 3]
    return bool(after) and (
        after[0] in ("with", "avec")
        or any(
            sent.mention_at(i, ("weapon", "noun")) is not None or sent.words[i].isdigit()
            for i in range(m.end, min(m.end + 3, len(sent.words)))
        )
    )


def _in_member_phrase(sent: Sent, m: Mention) -> bool:
    """ "Turkey, a NATO ally, ...", "NATO member Turkey": the alliance describes a state, it does not act."""
    return any(f == "member" and (0 <= s - m.end <= 2 or 0 <= m.start - e <= 3) for s, e, f in sent.triggers)


_RELATIVES = {"who", "which", "whose", "qui", "dont", "lequel", "laquelle", "lesquels", "where", "ou"}


def _asides(sent: Sent, end: int) -> set[int]:
    """Token positions inside relative clauses closed before ``end``: "Chavez, who accused the US of
    plans to invade, has signed ...": the US is not the subject of "signed"."""
    out: set[int] = set()
    words = sent.words
    for i in range(min(end, len(words)) - 1):
        if words[i] == "," and words[i + 1] in _RELATIVES:
            close = next((j for j in range(i + 2, end) if words[j] == ","), None)
            if close is not None:
                out.update(range(i + 1, close))
    return out


def _is_possessive(sent: Sent, m: Mention) -> bool:
    return m.end < len(sent.words) and sent.words[m.end] == "'s"


def _actors(sent: Sent, ctx: Context, start: int, end: int) -> list[tuple[Mention, Ref, str | None]]:
    """Actor mentions in ``[start, end)`` with the preposition that governs them (coordination inherits it)."""
    out: list[tuple[Mention, Ref, str | None]] = []
    prev: tuple[Mention, str | None] | None = None
    for m in sent.mentions:
        if m.start < start or m.end > end or m.setting:
            continue
        ref = ctx.actor(m)
        if ref is None:
            continue
        if m.kind == "demonym" and m.attached == "person":
            continue
        prep = None if _is_possessive(sent, m) else _governing_prep(sent, m)  # "for Poland's use": the owner
        if prep is None and prev is not None and prev[1] is not None:
            gap = sent.words[prev[0].end : m.start]
            if gap and all(w in CONJ or w in DETS for w in gap):
                prep = prev[1]
        out.append((m, ref, prep))
        prev = (m, prep)
    return out


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
    return _coordinated(sent, out) if coordinated else out


# What follows these words is set against the transfer, not part of it: "rather than the Gripen",
# "away from its Soviet-era jets", "to replace its Hawk trainers", "plutôt que le Rafale", "au lieu de".
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
_EARLIER = {"after", "apres", "following", "like", "comme", "joining", "rejoignant"}
_ALLIANCE_NOUNS = {"organisation", "organization", "alliance", "bloc", "pact", "pacte", "group", "groupe", "treaty"}
_LINKS = {",", "et", "and", "ou", "or", "plus", "as", "ainsi", "including", "notamment", "dont", "comme"}
_STOPS = {'"', "«", "»", "that", "que", "qui", "which", "who", ";", "(", ")"}


def _distributed(
    sent: Sent, weapons: list[tuple[Mention | None, str]], actors: list[tuple[Mention, Ref, str | None]]
) -> dict[int, Ref]:
    """Each weapon bought from the state named right after it: "sept Dhruv à l'Inde, 18 Super Tucano au
    Brésil et 12 Cheetah à l'Afrique du Sud", "tanks from Korea and jets from France". Keyed by the
    weapon's start; empty unless at least two weapons each have their own supplier phrase."""
    spots = [m.start for m, _k in weapons if m is not None]
    after_all = [r for m, r, p in actors if spots and m.start > max(spots) and p in SUPPLIER_PREPS]
    if len(spots) >= 2 and len(dict.fromkeys(after_all)) == len(spots):
        # "warplanes, drones from Russia, Turkey": as many states as weapons, in the same order
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
    if m is None or m.kind != "noun" or key == m.key or not suppliers:
        return key
    makers = load().weapons[key].makers if key in load().weapons else ()
    if makers and not any(s.key in makers for s in suppliers):
        return m.key
    return key


def _coordinated(sent: Sent, weapons: list[tuple[Mention, str]]) -> list[tuple[Mention, str]]:
    """The first weapon and the ones listed with it ("24 Rafale, a frigate and missiles"), not later ones."""
    kept = weapons[:1]
    for m, key in weapons[1:]:
        prev = kept[-1][0]
        gap = sent.words[prev.end : m.start]
        if len(gap) > 8 or not any(w in _LINKS for w in gap) or any(w in _STOPS for w in gap):
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
        if other.frame in frames:
            left = other.end
    for i in range(t.start - 1, left - 1, -1):
        if sent.words[i] in BOUNDARY or _new_clause(sent, i):
            left = i + 1
            break
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
            continue  # "a ban on the delivery of S-300 to Iran": the transfer is what is banned
        if other.frame in frames:
            right = other.start
            break
    for i in range(t.end, right):
        if sent.words[i] in BOUNDARY or _new_clause(sent, i):
            right = i
            break
    return left, right


_SUBORDINATORS = {
    "as",
    "while",
    "when",
    "because",
    "since",
    "although",
    "whereas",
    "alors",
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
    if sent.words[i] == "," and i + 1 < len(sent.words) and sent.words[i + 1] in _SUBORDINATORS:
        return True  # ", as Cairo looks to ...", ", alors que ..."
    if sent.words[i] != "," or i + 2 >= len(sent.words) or sent.words[i + 1] not in ("and", "et", "but", "mais"):
        return False
    nxt = i + 2
    while nxt < len(sent.words) and sent.words[nxt] in DETS:
        nxt += 1
    m = sent.mention_at(nxt) if nxt < len(sent.words) else None
    if m is not None and m.kind in ("weapon", "noun", "country", "alliance", "demonym"):
        return False
    return not (nxt < len(sent.words) and sent.words[nxt].isdigit())


def _cues(sent: Sent, start: int, end: int) -> set[str]:
    return {c for s, e, c in sent.cues if start <= s < end}


def _year_for(sent: Sent, weapon: Mention | None, t: Trigger, left: int, right: int) -> int | None:
    """The year given for this weapon's deal: after the weapon (before the next weapon), else nearest the trigger."""
    years = [
        (i, int(sent.words[i]))
        for i in range(left, right)
        if YEAR.match(sent.words[i]) and not (i > 0 and sent.words[i - 1] in ("annees", "decennie"))
    ]
    # a year nearer another transfer or sanction word dates that event ("sanctionnée en 2020 pour l'achat")
    others = [s for s, e, f in sent.triggers if s != t.start and f in TRANSFER | SANCTION]

    def apart(i: int, o: int) -> bool:
        return any(w in (",", ";") for w in sent.words[min(i, o) : max(i, o)])

    years = [(i, y) for i, y in years if not any(abs(i - o) < abs(i - t.start) and not apart(i, o) for o in others)]
    if not years:
        return None
    if weapon is not None:
        later = [m.start for m in sent.mentions if m.kind in ("weapon", "noun") and m.start > weapon.end]
        stop = min(later) if later else right
        after = [y for i, y in years if weapon.end <= i < stop]
        if after:
            return after[0]
    return min(years, key=lambda iy: abs(iy[0] - t.start))[1]


def _past_form(sent: Sent, t: Trigger) -> bool:
    word = sent.words[t.end - 1]
    if sent.lang == "en":
        return word.endswith("ed") or word in ("gave", "given", "sent", "sold", "provided")
    return word.endswith(("e", "ee", "es", "ees", "i", "is", "u", "us")) and not word.endswith(("er", "ir", "re"))


def _is_passive(sent: Sent, t: Trigger) -> bool:
    """A participle after a form of "be"/"être": "was sold", "sera livrée", "will be supplied"."""
    word = sent.words[t.end - 1]
    if sent.lang == "en":
        participle = word.endswith(("ed", "en", "ld", "ght", "nt", "wn")) or word in ("sold", "sent", "bought", "given")
    else:
        participle = word.endswith(("e", "ee", "es", "ees", "i", "is", "ie", "ies", "u", "us", "ue", "ues", "t", "ts"))
        participle = participle and not word.endswith(("er", "ir", "re"))
    if any(w in ("s'", "se") for w in sent.words[max(0, t.start - 4) : t.start]):
        return False  # "s'est doté de": a pronominal verb, not a passive
    return participle and any("be" in sent.cue_at(i) for i in range(max(0, t.start - 3), t.start))


_MADE_VERB = re.compile(
    r"^(developed|built|made|manufactured|produced|designed|developpes?|developpees?|construits?|construites?|point|"
    r"fabriques?|fabriquees?|produits?|produites?|concus?|concues?|jointly|conjointement)$"
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
    if i >= 0 and sent.words[i] in _INFINITIVE_MARK and not (sent.words[i] == "a" and sent.tokens[i].lower != "à"):
        return i
    return None


def _is_infinitive(sent: Sent, t: Trigger) -> bool:
    return _infinitive_marker(sent, t) is not None


def status_of(sent: Sent, t: Trigger, left: int, right: int) -> str | None:
    """The status a clause gives its deal, or ``None`` when the clause states no fact."""
    marker = _infinitive_marker(sent, t)
    reach = max(0, marker - 4) if marker is not None else left  # "a proposé à Téhéran de lui fournir"
    before = _cues(sent, max(reach, t.start - 8), t.start)
    around = _cues(sent, min(reach, left), t.end) - {"cancel", "refuse"}
    around |= {"cancel", "refuse"} & _cues(sent, max(min(reach, left), t.start - 8), t.end)
    around |= {"cancel"} & _cues(sent, t.end, min(right, t.end + 5))
    around |= {"propose"} & _cues(sent, t.end, min(right, t.end + 2))  # "la vente potentielle de"
    near = _cues(sent, max(left, t.start - 4), t.start)
    negated = "negation" in _cues(sent, max(left, t.start - 6), t.start)
    word = sent.words[t.start]
    if "condition" in before or "threat" in near or "condition" in _cues(sent, t.end, min(right, t.end + 10)):
        return None
    if "cancel" in around:
        return "cancelled"
    if t.frame == "purchase_n" and "refuse" in _cues(sent, max(left, t.start - 4), t.start):
        return "cancelled"  # "voters rejected the purchase of", "a rejeté l'achat": the buyer drops its own order
    if "refuse" in around or t.frame == "compete":
        return "refused"
    if negated:
        return None
    if t.frame == "choose":
        return "proposed"
    gerund = (
        sent.lang == "en"
        and word.endswith("ing")
        and not any("be" in sent.cue_at(i) for i in range(max(0, t.start - 2), t.start))
    )
    if gerund:
        return "proposed"  # "delivering it to Iran won't threaten ...": talked about, not done
    if any(
        o_start < t.start and all(w in _OF_LINKS for w in sent.words[o_end : t.start])
        for o_start, o_end, f in sent.triggers
        if f in ("sanction_n", "ban", "exclude")
    ):
        return None  # "a ban on the delivery of ...", "suspendu ses exportations": the sanction, not a deal
    if t.frame == "possess":
        return "proposed" if "modal" in _cues(sent, max(left, t.start - 3), t.start) else "delivered"
    if "propose" in around and "agree" not in before:
        return "proposed"
    future = "modal" in near or (sent.lang == "fr" and t.end - t.start == 1 and _FUTURE_FR.match(word) is not None)
    if future:
        return "proposed"
    if "agree" in around:
        return "agreed"
    if t.frame == "supply" and _past_form(sent, t) and marker is None:
        return "delivered"  # "Iran has supplied drones", "la France a fourni des canons"
    if t.frame in ("deliver", "receive", "possess"):
        if "start" in before or "start" in _cues(sent, t.end, min(right, t.end + 7)):
            return "delivered"  # "a commencé à recevoir", "began delivering", "les livraisons ont commencé"
        if _is_infinitive(sent, t):
            return "proposed" if t.frame != "possess" else "delivered"
        return "delivered"
    if t.frame == "offer":
        return "proposed"
    if ("deliver" in around or "start" in _cues(sent, t.end, min(right, t.end + 7))) and not _is_infinitive(sent, t):
        return "delivered"
    if t.frame == "sale_n":
        if sent.words[t.start].startswith(("livraison", "deliver")):
            return "delivered" if "start" in before else "proposed"  # "a commencé la livraison", "began deliveries"
        return "agreed"
    return "agreed"


class RelationReader:
    """Reads the facts of each sentence of one article, with the article's context."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.facts: list[Fact] = []
        self.last_sanction_by: Ref | None = None
        self.deal_recipients: dict[str, Ref] = {}
        self.last_alliance: str | None = None

    # --------------------------------------------------------------- helpers
    def _evidence(self, sent: Sent) -> Evidence:
        return Evidence(sent.text, sent.offset, sent.offset + len(sent.text))

    def _subjects(self, sent: Sent, start: int, end: int) -> list[Ref]:
        """The nearest ungoverned actor left of ``end`` and those coordinated with it ("Moscou et Ankara")."""
        aside = _asides(sent, end)
        found = [
            (m, r)
            for m, r, p in _actors(sent, self.ctx, start, end)
            if p is None
            and m.start not in aside
            and not _is_object(sent, m)
            and (not _is_possessive(sent, m) or end - m.end <= 4)
            and not (m.kind == "alliance" and _in_member_phrase(sent, m))
        ]
        found.reverse()
        refs: list[Ref] = []
        previous: Mention | None = None
        for m, r in found:
            if previous is not None:
                gap = sent.words[m.end : previous.start]
                if not gap or not all(w in CONJ or w in DETS or w == "'s" for w in gap):
                    break
            if r not in refs:
                refs.append(r)
            previous = m
        return refs

    def _subject_or_coref(self, sent: Sent, start: int, end: int) -> list[Ref]:
        """The subject left of ``end``; a noun that takes up a country ("le pays", "the two countries")
        standing nearer the verb than any named actor wins."""
        subjects = self._subjects(sent, start, end)
        nearest = max((m.end for m, r, p in _actors(sent, self.ctx, start, end) if r in subjects), default=-1)
        if any(s >= nearest and c in ("coref_country", "coref_pair") for s, e, c in sent.cues if start <= s < end):
            return self._coref_actors(sent, max(start, nearest), end) or subjects
        return subjects or self._coref_actors(sent, start, end) or self._subject_pronoun(sent, start, end)

    def _subject_pronoun(self, sent: Sent, start: int, end: int) -> list[Ref]:
        """ "Elle est le troisième pays à opter pour ...", "It has also bought ...": a subject pronoun at
        the head of the clause is the country last named, unless the last sentence spoke of a person."""
        spots = [
            s
            for s, e, c in sent.cues
            if start <= s < end
            and c == "pronoun_actor"
            and sent.words[s] in _SUBJECT_PRONOUNS
            and (s == 0 or sent.words[s - 1] in (",", "et", "and", "mais", "but", '"', "«"))
        ]
        if not spots or not self.ctx.actor_order:
            return []
        previous = self.ctx.sentences[sent.index - 1] if sent.index > 0 else None
        if sent.words[spots[0]] == "il" and previous is not None and any(m.kind == "person" for m in previous.mentions):
            return []
        return [self.ctx.actor_order[-1]]

    def _coref_actors(self, sent: Sent, start: int, end: int) -> list[Ref]:
        out: list[Ref] = []
        for s, _e, cue in sent.cues:
            if start <= s < end:
                if cue == "coref_pair":
                    out += list(self.ctx.last_pair())
                elif cue == "coref_country":
                    # "le pays", "the country", "le royaume": this sentence's subject, else the country last named
                    here = [r for m, r, p in _actors(sent, self.ctx, 0, s) if r.type == "Country" and p is None]
                    # "lors d'une visite en Serbie, le pays a signé": the place just named
                    here = (
                        here
                        or [
                            Ref.country(m.key)
                            for m in sent.mentions
                            if m.kind == "country" and m.setting and m.end <= s
                        ][-1:]
                    )
                    recent = (
                        here[:1]
                        or self.ctx.actor_order[-1:]
                        or ([self.ctx.main_country] if self.ctx.main_country else [])
                    )
                    out += recent
        return out

    def _pronoun_actor(self, sent: Sent, start: int, end: int, exclude: set[Ref]) -> Ref | None:
        """The state an object pronoun next to the verb stands for: "refusé de leur livrer", "sell them"."""
        spots = [
            s
            for s, e, c in sent.cues
            if start <= s < end and c == "pronoun_actor" and sent.words[s] in _OBJECT_PRONOUNS
        ]
        if not spots:
            return None
        earlier = [r for m, r, p in _actors(sent, self.ctx, 0, spots[0]) if r not in exclude]
        if earlier:
            return earlier[-1]
        for r in reversed(self.ctx.recipients):
            if r not in exclude:
                return r
        main = self.ctx.main_country
        return main if main not in exclude else None

    # ----------------------------------------------------------------- read
    def read(self, sent: Sent) -> None:
        triggers = [
            Trigger(s, e, _nominal_in_english(sent, s, f))
            for s, e, f in sent.triggers
            if not any(rs <= s < re for rs, re in sent.role_spans)
            and sent.mention_at(s, ("weapon", "country", "alliance", "person")) is None  # "F-16 Block 70"
            and not (f == "coproduce" and sent.words[e : e + 1] == ["up"])  # "an arms build-up"
        ]
        transfer_frames = TRANSFER | SANCTION
        for k, t in enumerate(triggers):
            if t.frame in TRANSFER:
                self._transfer(sent, triggers, k, *_window(sent, triggers, k, transfer_frames))
            elif t.frame in SANCTION:
                frames = transfer_frames if t.frame == "sanction_n" else SANCTION
                self._sanction(sent, triggers, k, *_window(sent, triggers, k, frames))
            elif t.frame == "member":
                self._member(sent, t)
            elif t.frame == "member_list":
                self._member_list(sent, t)
            elif t.frame in ("cooperate", "treaty", "coproduce", "deal_n"):
                self._agreement(sent, triggers, k, *_window(sent, triggers, k, transfer_frames))
        self._makers(sent)
        named = [m.key for m in sent.mentions if m.kind == "alliance"]
        if named:
            self.last_alliance = named[-1]

    # ------------------------------------------------------------- transfers
    def _transfer(self, sent: Sent, triggers: list[Trigger], k: int, left: int, right: int) -> None:
        t = triggers[k]
        right = next((i for i in range(t.end, right) if sent.words[i] in _CONTRAST), right)
        status = status_of(sent, t, left, right)
        if status is None:
            return
        weapons = _weapons(sent, self.ctx, t.end, right)
        if not weapons and t.frame in NOMINAL:
            relative = any(w in ("whose", "dont") for w in sent.words[max(0, t.start - 2) : t.start])
            weapons = _weapons(sent, self.ctx, 0 if relative else max(left, t.start - 3), t.start, coordinated=False)[
                -1:
            ]
            if not weapons and self.ctx.main_weapon and self._explicit_parties(sent, t, left, right):
                weapons = [(None, self.ctx.main_weapon)]
        elif not weapons:
            weapons = _weapons(sent, self.ctx, left, t.start)[-1:]
        if not weapons:
            return
        right_actors = [(m, r, p) for m, r, p in _actors(sent, self.ctx, t.end, right)]
        passive = t.frame not in NOMINAL and _is_passive(sent, t)
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
        if t.frame in BUY_LIKE or t.frame == "compete":
            for _m, r, p in right_actors:
                if p == "from" and "away" in sent.words[max(0, _m.start - 4) : _m.start]:
                    continue  # "a shift away from its Soviet-era jets": left behind, not bought
                if p in ("by", "par") and _MADE_VERB.match(sent.words[max(0, _m.start - 2)] or ""):
                    p = "from"  # "took delivery of frigates built by South Korea's Hyundai"
                if p in ("with", "avec") and _after_cue(sent, _m):
                    p = "from"  # "signed a deal with France to buy"
                if p in SUPPLIER_PREPS and supplier is not None and r != supplier:
                    co_suppliers = co_suppliers or [supplier]
                    co_suppliers.append(r)  # "from the United States and Britain"
                elif p in SUPPLIER_PREPS and supplier is None:
                    supplier = r
                elif p in RECIPIENT_PREPS_BUY:
                    recipients.append(r)
            if supplier is None:  # "signed with Paris ... to purchase", "négocie avec Washington l'achat"
                supplier = next(
                    (
                        r
                        for m, r, p in reversed(_actors(sent, self.ctx, left, t.start))
                        if p in ("from", "aupres") or (p in ("with", "avec") and _after_cue(sent, m))
                    ),
                    None,
                )
            if not recipients and not passive:
                recipients = [s for s in subjects if s != supplier]
        else:
            for m, r, p in right_actors:
                if p in RECIPIENT_PREPS_SUPPLY or (p is None and not passive and _double_object(sent, t, m)):
                    recipients.append(r)
                elif p in SUPPLIER_PREPS_SUPPLY and supplier is None:
                    supplier = r
            if passive:
                recipients = recipients or subjects[:1]
            elif subjects and supplier is None:
                others = [s for s in subjects if s not in recipients]
                if len(others) > 1 and not recipients and t.frame in NOMINAL:
                    pair = others  # "la Russie et l'Iran ont signé ... la livraison": orient by the weapon
                elif len(others) > 1:
                    co_suppliers = others  # "Poland and Portugal have also sent ..."
                else:
                    supplier = others[0] if others else None
            if not recipients and not pair:
                pronoun = self._pronoun_actor(sent, left, right, {supplier} if supplier else set())
                if pronoun:
                    recipients = [pronoun]
            if not recipients and not pair and supplier is not None and not passive:
                # "the largest supplier to Venezuela, with deals to sell rifles": the recipient the
                # clause named before the verb
                recipients = [r for m, r, p in _actors(sent, self.ctx, left, t.start) if p in ("to", "a", "au", "aux")][
                    :1
                ]
            if not recipients and not pair and supplier is not None and t.frame in ("offer", "sale_n"):
                # "France has offered its Scorpene", "l'envoi de NASAMS": with no other state named, the buyer
                others = [r for m, r, p in _actors(sent, self.ctx, 0, len(sent.words)) if r != supplier]
                if not others and self.ctx.recipients and self.ctx.recipients[-1] != supplier:
                    recipients = [self.ctx.recipients[-1]]
        if supplier is None and not co_suppliers:
            # weapons whose origin the text gives only as a group have no supplier it states
            weapons = [(m, key) for m, key in weapons if m is None or not m.group_origin]
        own_supplier: dict[int, Ref] = {}
        if t.frame in BUY_LIKE and len(weapons) > 1:
            own_supplier = _distributed(sent, weapons, right_actors)
            if own_supplier:
                co_suppliers = []
        stated = [s for s in [supplier, *co_suppliers] if s is not None]
        weapons = [(m, _generic_if_maker_differs(m, key, stated)) for m, key in weapons]
        shared = supplier or next((s for m, key in weapons if (s := self._supplier_for(key, m, sent))), None)
        for m, key in weapons:
            weapon_supplier = own_supplier.get(m.start, supplier) if m is not None else supplier
            if pair:
                known = self._supplier_for(key, m, sent)
                weapon_supplier = known if known in pair else pair[0]
                recipients = [p for p in pair if p != weapon_supplier][:1]
            if t.frame == "compete" and m is not None:
                maker = m.maker or self.ctx.maker_of(key)
                weapon_supplier = Ref.country(maker) if maker else None
                recipients = recipients or ([self.ctx.recipients[-1]] if self.ctx.recipients else [])
            if weapon_supplier is None:
                weapon_supplier = self._supplier_for(key, m, sent) or shared
            shared = shared or weapon_supplier
            weapon_recipients = recipients or (
                [self.deal_recipients[key]]
                if key in self.deal_recipients and (t.frame not in BUY_LIKE or t.frame in NOMINAL)
                else []
            )
            if not weapon_recipients and t.frame in NOMINAL and weapon_supplier is not None:
                before = [r for m, r, p in _actors(sent, self.ctx, 0, t.start) if r != weapon_supplier]
                after = [r for m, r, p in _actors(sent, self.ctx, t.end, len(sent.words)) if r != weapon_supplier]
                weapon_recipients = before[-1:] or after[:1]
            for recipient in weapon_recipients:
                if weapon_supplier is None and len(subjects) > 1:
                    weapon_supplier = next((s for s in subjects if s != recipient), None)
                if weapon_supplier is None or weapon_supplier == recipient:
                    continue
                if t.frame in BUY_LIKE and len(subjects) > 1 and recipient == weapon_supplier:
                    continue
                year = _year_for(sent, m, t, left, right)
                for s in co_suppliers or [weapon_supplier]:
                    if s != recipient:
                        self._deal(sent, s, recipient, key, status, year)
                        if t.frame in BUY_LIKE and status != "refused":
                            for earlier in self._earlier_buyers(sent, t, {s, recipient}):
                                self._deal(sent, s, earlier, key, "agreed", None)

    def _earlier_buyers(self, sent: Sent, t: Trigger, exclude: set[Ref]) -> list[Ref]:
        """States named as earlier buyers of the same system at the end of the clause: "the third
        country to opt for the Rafale, after Greece and Croatia", "like India and Egypt before it"."""
        for i in range(t.end, len(sent.words)):
            if sent.words[i] not in _EARLIER:
                continue
            found = [(m, r) for m, r, p in _actors(sent, self.ctx, i + 1, len(sent.words)) if r.type == "Country"]
            refs, prev = [], i
            for m, r in found:
                if not all(w in CONJ or w in DETS for w in sent.words[prev + 1 : m.start]):
                    break
                refs.append(r)
                prev = m.end - 1
            rest = sent.words[prev + 1 :]
            if refs and all(w in (".", ",", ";", ")", "before", "avant", "elle", "it", "them", "eux") for w in rest):
                return [r for r in refs if r not in exclude]
        return []

    def _arrival(self, sent: Sent, t: Trigger, left: int, right: int, status: str) -> None:
        """ "the tanks arrived in Ukraine together with 40 Marder": weapons arrive at a state."""
        places = [m for m in sent.mentions if m.kind == "country" and t.end <= m.start < right]
        if not places:
            return
        recipient = Ref.country(places[0].key)
        for m, key in _weapons(sent, self.ctx, left, right, coordinated=False):
            supplier = self._supplier_for(key, m, sent)
            if supplier is not None and supplier != recipient:
                self._deal(sent, supplier, recipient, key, status, None)

    def _explicit_parties(self, sent: Sent, t: Trigger, left: int, right: int) -> bool:
        """Whether a nominal deal names its buyer itself ("commandes passées par l'Egypte", "Egypt's order")."""
        return any(p in ("par", "by") or _is_possessive(sent, m) for m, r, p in _actors(sent, self.ctx, left, right))

    def _nominal_owner(self, sent: Sent, t: Trigger, left: int) -> list[Ref]:
        """Who a nominal purchase/sale belongs to: "X's purchase", "Turkish purchase", "X ... signed ... the sale"."""
        owners = []
        for m, r, p in _actors(sent, self.ctx, max(left, t.start - 3), t.start):
            if t.frame == "purchase_n" and m.kind == "demonym" and m.attached == "company":
                continue  # "un accord avec Dassault Aviation portant sur l'acquisition": the seller's firm
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
        if not owners and any(
            "agree" in sent.cue_at(i)
            or "propose" in sent.cue_at(i)
            or "cancel" in sent.cue_at(i)
            or "refuse" in sent.cue_at(i)
            for i in range(0, t.start)
        ):
            owners = self._subject_or_coref(sent, 0, t.start)
        return owners

    def _supplier_for(self, key: str, m: Mention | None, sent: Sent) -> Ref | None:
        if m is not None and m.maker:
            return Ref.country(m.maker)
        if key in self.ctx.suppliers:
            return Ref.country(self.ctx.suppliers[key])
        company = [x for x in sent.mentions if x.kind == "demonym" and x.attached == "company"]
        if company:
            return Ref.country(company[0].key)
        maker = self.ctx.maker_of(key)
        if maker is None and key in load().weapons:  # several makers: the one the sentence names
            named = {r.key for m2, r, p in _actors(sent, self.ctx, 0, len(sent.words))}
            makers = [c for c in load().weapons[key].makers if c in named]
            maker = makers[0] if len(makers) == 1 else None
        return Ref.country(maker) if maker else None

    def _deal(self, sent: Sent, supplier: Ref, recipient: Ref, weapon: str, status: str, year: int | None) -> None:
        self.facts.append(Deal(supplier, recipient, Ref.weapon(weapon), status, year, self._evidence(sent)))
        if supplier.type == "Country":
            self.ctx.suppliers.setdefault(weapon, supplier.key)
        self.deal_recipients.setdefault(weapon, recipient)
        if recipient not in self.ctx.recipients:
            self.ctx.recipients.append(recipient)

    # ------------------------------------------------------------- sanctions
    def _sanction(self, sent: Sent, triggers: list[Trigger], k: int, left: int, right: int) -> None:
        t = triggers[k]
        window = _cues(sent, left, right)
        hypothetical = bool(window & {"threat", "condition", "propose", "modal"}) or "refuse" in _cues(
            sent, max(left, t.start - 4), t.start
        )
        if hypothetical:
            named = [r for m, r, p in _actors(sent, self.ctx, left, t.start) if p is None]
            if named:
                self.last_sanction_by = named[-1]  # "Washington n'a pas décidé s'il imposera des sanctions"
        if hypothetical or "negation" in _cues(sent, max(left, t.start - 3), t.start):
            return
        if t.frame == "sanction_n" and any(
            o.frame in ("impose", "sanction_v", "ban") and 0 <= t.start - o.end <= 4 for o in triggers[:k]
        ):
            return
        actors_left = _actors(sent, self.ctx, left, t.start)
        actors_right = _actors(sent, self.ctx, t.end, right)
        by: list[Ref] = []
        targets: list[Ref] = []
        if t.frame == "sanction_n":
            against = [r for m, r, p in actors_right if p in BY_PREPS and _after_word(sent, m, "encontre")]
            by = [r for m, r, p in actors_right if p in BY_PREPS and r not in against]
            by = by or [r for m, r, p in actors_left if p is None and t.start - m.end <= 2]
            passive = any("passive_target" in sent.cue_at(i) for i in range(max(0, t.start - 4), t.start))
            if passive:
                targets = [r for m, r, p in actors_left if p is None]
            targets = (
                targets
                or against
                or _first_group(
                    sent, [(m, r) for m, r, p in actors_right if p in TARGET_PREPS and m.start - t.end <= 8]
                )
            )
            if not by and any(
                w in ("its", "sa", "son", "leur", "their") for w in sent.words[max(0, t.start - 3) : t.start]
            ):
                by = self._subjects(sent, 0, t.start)[:1]
            if not by and not passive:  # "Obama a annoncé de nouvelles sanctions contre ...": the announcer
                by = [r for r in self._subjects(sent, 0, t.start) if r not in targets][:1]
        elif t.frame in ("sanction_v", "exclude", "ban") and _is_passive(sent, t):
            targets = [r for m, r, p in actors_left if p is None][-1:]  # "La Turquie a été sanctionnée"
            by = [r for m, r, p in actors_right if p in ("par", "by")]
        elif t.frame == "excluded":
            targets = [r for m, r, p in actors_left if p is None][-1:]
            by = [r for r in self._subjects(sent, 0, t.start) if r not in targets][-1:]
        else:
            near = [r for m, r, p in actors_left if t.start - m.end <= 4 and not _is_object(sent, m)]
            by = near[-1:] or self._subjects(sent, 0, t.start)[:1]
            preps = TARGET_PREPS if t.frame in ("impose", "ban") else {None}
            targets = _first_group(sent, [(m, r) for m, r, p in actors_right if p in preps])
            if t.frame in ("sanction_v", "exclude") and not targets:
                objects = [r for m, r, p in actors_right if p is None and r not in by]
                objects = objects or [
                    r for m, r, p in actors_right if p in ("de", "du", "des", "d'", "of") and r not in by
                ]
                targets = objects[:1]
        if not by and self.last_sanction_by is not None:
            by = [self.last_sanction_by]
        if not targets and t.frame == "sanction_n" and _definite(sent, t):
            return  # "les contrats signés avant l'embargo", "ces sanctions": a sanction already told
        if (
            not targets
            and any(w in ("against", "contre", "on", "sur") for w in sent.words[t.end : t.end + 2])
            and not any(t.end <= m.start < t.end + 6 for m, r, p in actors_right)
        ):
            return  # "sanctions against Lockheed Martin": aimed at companies, not at a state
        if not targets:
            fallback = self._target_fallback(sent, t, set(by))
            targets = [fallback] if fallback else []
        weapons = _weapons(sent, self.ctx, left, right, specific_only=True)
        weapon = Ref.weapon(weapons[0][1]) if len(weapons) >= 1 else None
        measure = " ".join(tok.text for tok in sent.tokens[t.start : min(right, t.end + 12)])
        for b in by[:1]:
            for target in targets:
                if target != b:
                    self.facts.append(Sanction(b, target, weapon, measure, self._evidence(sent)))
                    self.last_sanction_by = b

    def _target_fallback(self, sent: Sent, t: Trigger, by: set[Ref]) -> Ref | None:
        """Whom an unaddressed sanction targets: this sentence's buyer, else the nearest other actor, else the
        article's last buyer."""
        here = [
            f.recipient
            for f in self.facts
            if isinstance(f, Deal) and f.evidence and f.evidence.start == sent.offset and f.recipient not in by
        ]
        if here:
            return here[-1]
        others = sorted(
            ((abs(m.start - t.start), r) for m, r, p in _actors(sent, self.ctx, 0, len(sent.words)) if r not in by),
            key=lambda x: x[0],
        )
        if others:
            return others[0][1]
        for r in reversed(self.ctx.recipients):
            if r not in by:
                return r
        main = self.ctx.main_country
        return main if main not in by else None

    # -------------------------------------------------------------- members
    def _member(self, sent: Sent, t: Trigger) -> None:
        g = load()
        alliances = [m for m in sent.mentions if m.kind == "alliance" and not m.setting and abs(m.start - t.end) <= 4]
        if not alliances:
            return
        alliance = min(alliances, key=lambda m: abs(m.start - t.end)).key
        members = g.members_of(alliance)
        candidates = [r for m, r, p in _actors(sent, self.ctx, 0, len(sent.words)) if r.type == "Country"]
        candidates += self._coref_actors(sent, 0, len(sent.words))
        if "negation" in _cues(sent, max(0, t.start - 4), t.start):
            return  # "qui n'est pas membre de l'UE"
        for ref in candidates:
            if not members or ref.key in members:
                self.facts.append(Member(ref, Ref.alliance(alliance), self._evidence(sent)))

    def _member_list(self, sent: Sent, t: Trigger) -> None:
        """ "The CSTO is an alliance of Russia, Armenia and Belarus", "l'OCS, qui regroupe la Russie, la Chine
        et ...", "Cette organisation regroupe ...": the alliance on the left groups the states listed on the right.
        An alliance taken up by a noun ("cette organisation", "the bloc") is the alliance last named."""
        left = [m for m in sent.mentions if m.kind == "alliance" and not m.setting and t.start - m.end <= 6]
        left = [m for m in left if m.end <= t.start]
        if left:
            alliance = left[-1].key
        elif any(w in _ALLIANCE_NOUNS for w in sent.words[max(0, t.start - 3) : t.start]) and self.last_alliance:
            alliance = self.last_alliance
        else:
            return
        if "negation" in _cues(sent, max(0, t.start - 4), t.start):
            return
        members = load().members_of(alliance)
        end = len(sent.words)
        for i in range(t.end, len(sent.words)):
            if sent.words[i] in BOUNDARY or sent.words[i] in ("car", "because", "which", "qui") or _new_clause(sent, i):
                end = i
                break
        for _m, ref, _p in _actors(sent, self.ctx, t.end, end):
            if ref.type == "Country" and (not members or ref.key in members):
                self.facts.append(Member(ref, Ref.alliance(alliance), self._evidence(sent)))

    # ----------------------------------------------------------- agreements
    def _agreement(self, sent: Sent, triggers: list[Trigger], k: int, left: int, right: int) -> None:
        t = triggers[k]
        cues = _cues(sent, 0, len(sent.words))
        if t.frame == "deal_n":
            g = load()
            weapons = [
                (m, k)
                for m, k in _weapons(sent, self.ctx, left, right)
                if k in g.weapons or k in self.ctx.weapon_counts or k in g.noun_category
            ]
            own = {c for s, e, c in sent.cues if not t.start <= s < t.end}
            if any(o.frame == "coproduce" and 0 <= o.start - t.end <= 4 for o in triggers):
                return  # "un contrat pour la production de ...": the co-production says it all
            if weapons and own & {"agree", "propose", "cancel", "refuse"}:
                self._contract_deal(sent, t, weapons, left, right)
                return
            if any(o.frame in TRANSFER for o in triggers):
                return  # "un accord sur la livraison de ...", "a deal to purchase ...": the transfer says it all
            if not weapons and {"cancel", "refuse"} & cues:
                self._contract_event(sent, "cancelled" if "cancel" in cues else "refused")
                return
            if "agree" not in own and "propose" not in own and not self._named_alliance(sent, t):
                return
            if t.start > 0 and sent.words[t.start - 1] in ("the", "le", "la", "l'", "ce", "cet", "cette", "this"):
                return  # "the contract was signed by ...": the deal already told
        if "condition" in _cues(sent, left, t.start) or "negation" in _cues(sent, max(0, t.start - 3), t.start):
            return
        if t.frame == "coproduce" and (
            t.start > 0
            and sent.words[t.start - 1] in ("de", "d'")
            or (t.end < len(sent.words) and sent.words[t.end] in ("par", "by"))
        ):
            return  # "de fabrication russe", "fabriqués par Airbus": a maker, not a co-production
        if t.frame == "coproduce" and _adjectival_participle(sent, t):
            return  # "a jet jointly developed by A and B and manufactured domestically": how it is made
        if t.frame == "cooperate" and not ({"agree", "propose"} & _cues(sent, max(0, t.start - 8), t.end + 3)):
            return  # an existing cooperation mentioned in passing is not an agreement
        parties: list[Ref] = []
        everyone = _actors(sent, self.ctx, 0, len(sent.words))
        linked = [r for m, r, p in everyone if p in ("with", "avec", "between", "entre")]
        if linked:  # "X signed deals with Moscow", "un accord entre A et B": the signer and the partners only
            subject = [r for r in self._subjects(sent, left, t.start) if r not in linked]
            everyone = [(m, r, p) for m, r, p in everyone if r in linked or r in subject]
        for m, r, p in everyone:
            if p in ("in", "en", "dans") and t.frame != "coproduce":
                continue
            if r.type == "Alliance" and not (p is None and m.end <= t.start) and p not in ("with", "avec"):
                continue
            if r not in parties:
                parties.append(r)
        weapons = _weapons(sent, self.ctx, t.start, right, specific_only=True) or (
            _weapons(sent, self.ctx, left, right, specific_only=True) if t.frame == "coproduce" else []
        )
        weapon = weapons[0][1] if weapons else None
        if t.frame == "coproduce":
            for m in sent.mentions:
                if m.kind == "country" and m.setting and m.start > t.start:
                    parties.append(Ref.country(m.key))
            parties += self._coref_actors(sent, t.start, len(sent.words))
            if weapon:
                maker = self.ctx.maker_of(weapon)
                if maker:
                    parties.append(Ref.country(maker))
        if len(parties) < 2:  # "the allies signed a defence pact", "les deux parties discutaient d'une coopération"
            parties += self._coref_actors(sent, 0, len(sent.words))
        parties = list(dict.fromkeys(parties))
        named = self._named_alliance(sent, t)
        if named:  # "the AUKUS agreement", "un pacte, l'AUKUS": the parties are the alliance's members here
            members = load().members_of(named)
            parties = [p for p in parties if p.key in members] or parties
        if len(parties) < 2 and self.ctx.last_parties and t.frame != "deal_n":
            parties = list(dict.fromkeys([*parties, *self.ctx.last_parties]))
        if len(parties) < 2:
            return
        if named or (t.frame == "treaty" and not ({"propose", "modal"} & _cues(sent, max(0, t.start - 6), t.end))):
            status = "agreed"
        elif "propose" in cues or "modal" in cues:
            status = "proposed"
            if (
                t.frame == "coproduce"
                and "propose" not in cues
                and weapon
                and self._deal_status(weapon) in ("agreed", "delivered")
            ):
                status = "agreed"
        elif (
            "agree" in cues
            or t.frame == "coproduce"
            and weapon
            and self._deal_status(weapon) in ("agreed", "delivered")
        ):
            status = "agreed"
        else:
            status = "proposed"
        year = _year_for(sent, None, t, left, right)
        self.ctx.last_parties = tuple(parties)
        self.facts.append(
            Agreement(tuple(parties), Ref.weapon(weapon) if weapon else None, status, year, self._evidence(sent))
        )

    def _named_alliance(self, sent: Sent, t: Trigger) -> str | None:
        """An alliance named right next to an agreement word: "the AUKUS agreement", "a security pact, AUKUS"."""
        spans = [(t.start, t.end)] + [(s, e) for s, e, f in sent.triggers if f in ("treaty", "deal_n")]
        for s, e in spans:
            for m in sent.mentions:
                if m.kind == "alliance" and (0 <= s - m.end <= 2 or 0 <= m.start - e <= 2):
                    return m.key
        return None

    def _stated_origins(self, sent: Sent) -> None:
        """Origins stated around a named system that the catalogue confirms: "South Korea's homegrown
        Cheongung-II", "Japan's F-X", "la France et ses Rafale", "K9 howitzers from South Korea",
        "deux Su-30 arriveront de Russie"."""
        g = load()
        words = sent.words
        for m in sent.mentions:
            if m.kind != "weapon" or m.key not in g.weapons:
                continue
            makers = g.weapons[m.key].makers
            origin: Mention | None = None
            i = m.start - 1
            while i >= 0 and (words[i] in ("homegrown", "indigenous", "own", "new") or words[i].isdigit()):
                i -= 1
            if i >= 1 and words[i] == "'s":
                origin = sent.mention_at(i - 1, ("country",))
            elif i >= 0 and words[i] in ("its", "ses", "son", "sa", "leurs", "their"):
                j = i - 1
                while j >= 0 and words[j] in ("and", "et", ","):
                    j -= 1
                origin = sent.mention_at(j, ("country",)) if j >= 0 and j >= i - 3 else None
            k = m.end
            while k < len(words) and k < m.end + 2 and sent.mention_at(k, ("noun",)) is not None:
                k = sent.mention_at(k, ("noun",)).end
            if origin is None and k + 1 < len(words) and words[k] in ("from", "de", "d'"):
                nxt = sent.mention_at(k + 1, ("country",))
                origin = nxt if nxt is not None and not nxt.setting else None
            if origin is not None and origin.key in makers:
                self.facts.append(Maker(Ref.weapon(m.key), Ref.country(origin.key), self._evidence(sent)))

    def _made_by(self, sent: Sent) -> None:
        """ "developed jointly by India and Russia", "fabriqués par la France": makers named after the weapon."""
        g = load()
        for i, w in enumerate(sent.words):
            if (
                w not in ("by", "par")
                or i == 0
                or not _MADE_VERB.match(sent.words[i - 1])
                and not (i > 1 and _MADE_VERB.match(sent.words[i - 2]))
            ):
                continue
            makers = []
            for _m, r, p in _actors(sent, self.ctx, i + 1, min(len(sent.words), i + 12)):
                first_possessive = not makers and _m.start <= i + 2 and _is_possessive(sent, _m)  # "by India's HAL"
                if r.type == "Country" and (p in ("by", "par") or (makers and p is None) or first_possessive):
                    makers.append(r)
                elif makers:
                    break
            weapons = [(m, k) for m, k in _weapons(sent, self.ctx, 0, i, coordinated=False) if k in g.weapons][-1:]
            for _m, key in weapons:
                for maker in makers:
                    self.facts.append(Maker(Ref.weapon(key), maker, self._evidence(sent)))

    def _contract_event(self, sent: Sent, status: str) -> None:
        """ "X rompait les négociations sur le contrat": the status applies to X's last deal in the article."""
        actors = {r for m, r, p in _actors(sent, self.ctx, 0, len(sent.words))}
        for f in reversed(self.facts):
            if isinstance(f, Deal) and (not actors or actors & {f.supplier, f.recipient}):
                self.facts.append(replace(f, status=status, year=None, evidence=self._evidence(sent)))
                return

    def _deal_status(self, weapon: str) -> str | None:
        from kg.facts import merge_status

        status = None
        for f in self.facts:
            if isinstance(f, Deal) and f.weapon.key == weapon:
                status = merge_status(status, f.status)
        return status

    def _contract_deal(self, sent: Sent, t: Trigger, weapons, left: int, right: int) -> None:
        """ "Egypt signed a contract with France for 24 Rafale", "un contrat avec Israël pour six
        patrouilleurs": the partner after "with" supplies (else the weapon's maker), the signer buys."""
        status = status_of(sent, t, left, right)
        if status is None:
            return
        found = _actors(sent, self.ctx, left, right)
        partners = [r for m, r, p in found if p in ("with", "avec")]
        actors = [r for m, r, p in found if p in (None, "with", "avec")] + self._coref_actors(sent, left, right)
        for m, key in weapons:
            maker = self._supplier_for(key, m, sent)
            supplier = maker if maker is not None and (maker in actors or not partners) else (partners or [None])[0]
            recipients = [r for r in actors if r != supplier]
            if supplier is None or not recipients:
                continue
            self._deal(sent, supplier, recipients[0], key, status, _year_for(sent, m, t, left, right))

    # --------------------------------------------------------------- makers
    def _makers(self, sent: Sent) -> None:
        g = load()
        for m in sent.mentions:
            if m.kind not in ("weapon", "noun") or not m.maker:
                continue
            key = m.key if m.kind == "weapon" else self.ctx.resolve_noun(m, sent)
            if not key or (key not in g.weapons and m.kind != "weapon"):
                continue  # a designation the catalogue lacks still has the maker the text gives it
            known = g.weapons[key].makers if key in g.weapons else ()
            if not known or m.maker in known:
                self.facts.append(Maker(Ref.weapon(key), Ref.country(m.maker), self._evidence(sent)))
        self._stated_origins(sent)
        self._made_by(sent)
        companies = [m for m in sent.mentions if m.kind == "demonym" and m.attached == "company"]
        specific = {m.key for m in sent.mentions if m.kind == "weapon"}
        if not specific:
            specific = {k for m, k in _weapons(sent, self.ctx, 0, len(sent.words)) if k in g.weapons}
        if companies and len(specific) == 1:
            key = next(iter(specific))
            known = g.weapons[key].makers if key in g.weapons else ()
            if not known or companies[0].key in known:
                self.facts.append(Maker(Ref.weapon(key), Ref.country(companies[0].key), self._evidence(sent)))
