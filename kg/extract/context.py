"""What the extractor knows about the article so far: its actors, weapons and people.

Used to resolve what a sentence leaves implicit: "le pays", "the two
countries", a pronoun, "ces missiles", a deal whose supplier is only the
weapon's stated maker.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from kg.extract.annotate import Mention, Sent
from kg.extract.gazetteer import load, maker_allowed
from kg.extract.people import PeopleBook
from kg.facts import Ref

_DEMONSTRATIVES = {
    "ce",
    "cet",
    "cette",
    "ces",
    "these",
    "those",
    "this",
    "that",
    "the",
    "les",
    "le",
    "la",
    "l'",
    "such",
    "meme",
    "same",
}
_INDEFINITE_EN = {"a", "an"}
_ANAPHORS = {"aircraft", "type", "ship", "equipment", "system"}
_INDEFINITE_FR = {"un", "une"}
_NUMBERS = {
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "twelve",
    "dozens",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "sept",
    "huit",
    "neuf",
    "dix",
    "douze",
    "dizaines",
}


def _in_use_after(sent: Sent, m: Mention) -> bool:
    """ "an aircraft already flown by Australia", "un avion déjà utilisé par la Grèce": a noun described by
    who already uses it is a system in service, not a new one."""
    nxt = sent.words[m.end : m.end + 1]
    if nxt not in (["already"], ["deja"]):
        return False
    return any(s in (m.end + 1, m.end + 2) and f in ("possess", "buy", "receive") for s, _e, f in sent.triggers)


def _category(key: str) -> str:
    info = load().weapons.get(key)
    return info.category if info else ""


def _counting(sent: Sent, i: int) -> bool:
    """A number or an ordinal between an article and its noun ("the first 18", "les deux derniers")."""
    word = sent.words[i]
    return word.isdigit() or word in _NUMBERS or "quantifier" in sent.cue_at(i)


_SAME_TYPE = ("du meme type", "de ce type", "du meme modele", "of the same type", "of this type", "of the same model")


@dataclass
class Context:
    lang: str
    sentences: list[Sent] = field(default_factory=list)
    people: PeopleBook = field(default_factory=PeopleBook)
    actor_counts: Counter = field(default_factory=Counter)
    actor_order: list[Ref] = field(default_factory=list)
    weapon_counts: Counter = field(default_factory=Counter)
    weapon_order: list[str] = field(default_factory=list)
    makers: dict[str, str] = field(default_factory=dict)
    # generic noun -> the systems it heads somewhere in the article ("avions de patrouille P-8")
    bindings: dict[str, list[str]] = field(default_factory=dict)
    suppliers: dict[str, str] = field(default_factory=dict)
    recipients: list[Ref] = field(default_factory=list)
    deal_weapons: list[str] = field(default_factory=list)  # the systems of the deals told so far, latest last
    year: int | None = None  # the article's own year (who led a state then)
    recipient_counts: Counter = field(default_factory=Counter)  # deals told so far, by recipient
    last_parties: tuple[Ref, ...] = ()
    first_countries: list[Ref] = field(default_factory=list)
    first_weapons: list[str] = field(default_factory=list)
    main_country: Ref | None = None  # the country the article is most about (most named, earliest on ties)
    main_weapon: str | None = None

    # ------------------------------------------------------------- actors
    def actor(self, m: Mention) -> Ref | None:
        """The state or alliance a mention stands for, if it can act."""
        if m.kind == "country":
            return Ref.country(m.key)
        if m.kind == "alliance":
            return Ref.alliance(m.key)
        if m.kind == "demonym" and m.attached in ("actor", "company"):
            return Ref.country(m.key)
        if m.kind == "person":
            g = load()
            of = self.people.country_of(m.key) or self._office_state(m.key)
            info = g.people.get(m.key)
            if of in g.alliances and info is not None and info.home and any(
                r.person == m.key and r.kind == "leader" for r in self.people.roles
            ):
                of = info.home  # "le gouvernement de Charles Michel a retenu le F-35": Belgium's government
            if of:
                return Ref.alliance(of) if of in g.alliances else Ref.country(of)
        return None

    def _office_state(self, person: str) -> str | None:
        """The state a head of state or government acts for when no sentence says which: the state named
        nearest the title, else the article's first country (as :func:`engine.people_facts` decides).
        Officials are left out: they speak of cooperation far more often than they buy."""
        roles = [r for r in self.people.roles if r.person == person and r.kind == "leader"]
        if not roles:
            return None
        near = next((r.near for r in roles if r.near), None)
        first = self.first_country()
        return near or (first.key if first else None)

    def note_actors(self, sent: Sent, count: bool = True) -> None:
        """Count the countries a sentence names (first pass) and keep the order they were named in."""
        for m in sent.mentions:
            if m.setting:
                continue
            ref = self.actor(m) if m.kind != "person" else None
            if ref is not None and ref.type == "Country":
                if count:
                    self.actor_counts[ref] += 1
                _bump(self.actor_order, ref)

    def end_first_pass(self) -> None:
        """Fix what the whole article says (first mentions, main country and weapon) and restart the
        recency lists for the second pass, which reads the article in order again."""
        self._resolve_families()
        self.first_countries = _first_seen(self.sentences, "country")
        self.first_weapons = _first_seen(self.sentences, "weapon")
        self.main_country = _most_named(self.actor_counts, self.first_countries)
        self.main_weapon = _most_named(self.weapon_counts, self.first_weapons)
        self.actor_order = []
        self.weapon_order = []

    def _resolve_families(self) -> None:
        """A maker-family name ("24 Sukhoi jets", "les Mirage") is the one system of that family the
        article names ("the first three Gripen arrived"); with none or several named it stays the family."""
        families = load().families
        named = {m.key for s in self.sentences for m in s.mentions if m.kind == "weapon"}
        chosen = {}
        for family in named & families.keys():
            members = [k for k in families[family] if k in named]
            if len(members) == 1:
                chosen[family] = members[0]
        for sent in self.sentences:
            for m in sent.mentions:
                if m.kind == "weapon" and m.key in chosen:
                    self.weapon_counts[chosen[m.key]] += 1
                    self.weapon_counts.pop(m.key, None)
                    m.key = chosen[m.key]

    def first_country(self) -> Ref | None:
        return self.first_countries[0] if self.first_countries else None

    def buyer(self) -> Ref | None:
        """The state the article's deals go to most often so far (the first of them on ties), else the
        state it names most: whom a participle or a tender with no buyer of its own is about."""
        if self.recipient_counts:
            best = max(self.recipient_counts.values())
            return next(r for r in self.recipients if self.recipient_counts[r] == best)
        return self.main_country

    def last_pair(self) -> tuple[Ref, ...]:
        """The last two distinct countries mentioned ("the two countries")."""
        return tuple(self.actor_order[-2:])

    # ------------------------------------------------------------ weapons
    def note_weapons(self, sent: Sent) -> None:
        """First pass: count the weapons a sentence names and the makers it gives them, and bind
        each generic noun that heads a designation to that system for the whole article."""
        specific = [m for m in sent.mentions if m.kind == "weapon"]
        for m in sent.mentions:
            if m.kind == "weapon":
                self.weapon_counts[m.key] += 1
                if m.maker and maker_allowed(m.key, m.maker):  # not "les Rafale indiens": their user
                    self.makers.setdefault(m.key, m.maker)
            elif m.kind == "noun" and m.via != "vague":
                head = headed_designation(sent, m, specific)
                if head is not None and head.key not in self.bindings.setdefault(m.key, []):
                    self.bindings[m.key].append(head.key)
        self.note_recent(sent)

    def note_recent(self, sent: Sent) -> None:
        """Keep the order in which weapons were named, up to this sentence."""
        for m in sent.mentions:
            if m.kind == "weapon":
                _bump(self.weapon_order, m.key)

    def resolve_noun(self, m: Mention, sent: Sent) -> str | None:
        """A generic weapon noun as the specific system it refers to, or as itself.

        "ces missiles" -> the last system named; "des avions de chasse" -> the
        article's only aircraft; "a frigate" -> ``frigate``; "weapons" -> nothing.
        """
        g = load()
        before = sent.words[m.start - 1] if m.start > 0 else ""
        apposed = _apposed_to(sent, m) or _named_after(sent, m)
        if apposed is not None:
            return apposed
        if before in ("same", "meme") and self.deal_weapons:
            # "signed for the same system in 2017": the system of the deal just told, not the last one named
            kind = [k for k in reversed(self.deal_weapons) if _category(k) == g.noun_category.get(m.key, "")]
            return kind[0] if kind else self.deal_weapons[-1]
        if before in _DEMONSTRATIVES and before not in ("le", "la", "l'", "les", "the") and self.weapon_order:
            if m.key == "system":  # "ce système": a system, not the aircraft or the ship that carried it
                systems = [k for k in reversed(self.weapon_order) if _category(k) not in ("Aircraft", "Ships")]
                if systems:
                    return self.main_weapon if self.main_weapon in systems else systems[0]
            return self.weapon_order[-1]
        category = g.noun_category.get(m.key, "")
        same = [k for k in self.first_weapons if g.weapons.get(k) and g.weapons[k].category == category]
        after = " ".join(sent.words[m.end : m.end + 5])
        if any(after.startswith(p) or f" {p}" in after for p in _SAME_TYPE):
            # "trois sous-marins supplémentaires du même type", "two more of the same type"
            recent = [k for k in reversed(self.weapon_order) if g.weapons.get(k) and g.weapons[k].category == category]
            if recent:
                return recent[0]
        if before in ("a", "an", "un", "une") and category and _in_use_after(sent, m):
            # "the choice of an aircraft already flown by Australia": the system of its kind told before
            recent = [k for k in reversed(self.weapon_order) if _category(k) == category]
            if recent:
                return recent[0]
        if m.via == "vague":
            taken_up = self._taken_up(m, sent)
            if taken_up is not None:
                return taken_up
            definite_system = m.key == "system" and before in ("the", "les", "le")
            if (
                before in _DEMONSTRATIVES and before not in ("le", "la", "l'", "les", "the") or definite_system
            ) and self.weapon_order:
                return self.weapon_order[-1]
            return None
        articles = _INDEFINITE_FR if sent.lang == "fr" else _INDEFINITE_EN  # French "a" is "has"
        indefinite = any(w in articles for w in sent.words[max(0, m.start - 3) : m.start])
        words = m.text.lower().split()
        head = (words[0] if sent.lang == "fr" else words[-1]) if words else ""
        counted = any(w.isdigit() or w in _NUMBERS for w in sent.words[max(0, m.start - 2) : m.start])
        definite_count = any(w in _DEMONSTRATIVES for w in sent.words[max(0, m.start - 3) : m.start])
        if counted and not definite_count:
            return m.key  # "20 patrouilleurs": new ones, not a system named before
        if before in articles or (indefinite and not head.endswith(("s", "x"))):
            return m.key  # "a frigate", "a 6,000-tonne frigate": a new one
        bound = self.bindings.get(m.key, [])
        named_kind = [k for k in self.weapon_order if _category(k) == category]
        if len(bound) == 1 and not counted and (bound[0] in self.weapon_order or not named_kind):
            # the article calls this system by that noun elsewhere (unless another of its kind was named
            # here first: "the 108 Abrams tanks ... the tanks", before "CM11 tanks" further on)
            return bound[0]
        if len(same) == 1 and category:
            return same[0]
        definite = any(w in ("the", "les", "ces", "these", "those") for w in sent.words[max(0, m.start - 3) : m.start])
        recent = [k for k in reversed(self.weapon_order) if g.weapons.get(k) and g.weapons[k].category == category]
        if definite and recent:
            return recent[0]  # "the German-made tanks": the tanks last named
        return m.key

    def _taken_up(self, m: Mention, sent: Sent) -> str | None:
        """An anaphoric noun after a definite article or a demonstrative ("the aircraft", "l'avion de
        Dassault", "ces appareils", "the type") is the last system of its kind named before it."""
        if m.key not in _ANAPHORS:
            return None
        start = m.start  # "the first 18 jets", "les 18 premiers appareils": the article is before the count
        while start > 0 and m.start - start < 3 and _counting(sent, start - 1):
            start -= 1
        before = sent.words[max(0, start - 2) : start]
        # "Le Vietnam en a commandé douze exemplaires", "ordered 12 units": copies of a system named before
        copies = sent.words[m.start] in _COPY_NOUNS and start < m.start and sent.words[m.end : m.end + 1] not in (
            ["de"], ["d'"], ["of"]
        )
        if not copies and not any(w in _DEMONSTRATIVES for w in before):
            return None
        g = load()
        category = g.noun_category.get(m.key, "")
        here = [x.key for x in sent.mentions if x.kind == "weapon" and x.end <= m.start]
        if copies and here:
            return here[-1]  # "les Rafale ..., dont elle a reçu ses premiers exemplaires": the system just named
        kind = [
            k
            for k in reversed(self.weapon_order + here)
            if g.weapons.get(k) and (not category or g.weapons[k].category == category)
        ]
        near = [k for k in reversed(here) if k in kind]
        if near:
            return near[0]  # "the F-16s it has flown since 1994, when the first of the American jets were delivered"
        if self.main_weapon in kind:
            return self.main_weapon  # the system the article is about, when it is of that kind
        return kind[0] if kind else None

    def maker_of(self, weapon: str) -> str | None:
        """The weapon's maker as the article states it, else as the catalogue has it (one maker only)."""
        if weapon in self.makers:
            return self.makers[weapon]
        info = load().weapons.get(weapon)
        if info and len(info.makers) == 1:
            return info.makers[0]
        return None


_COPY_NOUNS = {"exemplaire", "exemplaires", "unite", "unites", "unit", "units", "copies", "examples"}


def headed_designation(sent: Sent, noun: Mention, specific: list[Mention]) -> Mention | None:
    """The designation a generic noun heads or follows with no determiner, comma or conjunction between:
    "K2 tanks", "missiles S-300", "avions de combat Su-35", "helicopters of type Mi-35"."""
    for s in specific:
        gap = sent.words[s.end : noun.start] if noun.start >= s.end else sent.words[noun.end : s.start]
        if s.key.endswith("class") and gap in (["de", "la"], ["of", "the"]):
            return s  # "six sous-marins de la classe Kilo", "submarines of the Kilo class"
        qualified = 2 <= len(gap) <= 5 and gap[0] in ("et", "and") and gap[1] in ("de", "d'")
        if noun.end <= s.start and qualified and not any(w in _GAP_DETS or w in (",", ";") for w in gap):
            return s  # "48 avions d'entraînement et de combat léger FA-50": one noun with two qualifiers
        if (
            len(gap) <= 3
            and all(w not in _GAP_DETS and (w not in _GAP_PREPS or w in ("de", "d'", "of")) for w in gap)
            and not any(w in (",", ";", "et", "and", "ou", "or") for w in gap)
        ):
            return s
    return None


_GAP_DETS = {"le", "la", "l'", "les", "un", "une", "des", "the", "a", "an", "its", "their", "son", "sa", "ses", "leur"}
_GAP_PREPS = {"a", "au", "aux", "de", "du", "d'", "par", "pour", "avec", "to", "from", "of", "by", "for", "with", "in"}


def _bump(order: list, item: object) -> None:
    """Move ``item`` to the end of a recency list."""
    if item in order:
        order.remove(item)
    order.append(item)


_APPOSITION_ARTICLES = {"the", "a", "an", "le", "la", "l'", "un", "une"}


def _apposed_to(sent: Sent, m: Mention) -> str | None:
    """ "écartant le Rafale de Dassault, l'avion de combat français que Paris espérait vendre", "the K9, a
    self-propelled howitzer built by Hanwha": a noun set beside a system by a comma names that system."""
    if m.start < 3 or sent.words[m.start - 1] not in _APPOSITION_ARTICLES or sent.words[m.start - 2] != ",":
        return None
    comma = m.start - 2
    named = [x for x in sent.mentions if x.kind == "weapon" and x.end <= comma and comma - x.end <= 3]
    if not named:
        return None
    w = named[-1]
    between = sent.words[w.end : comma]
    if between and between[0] not in ("de", "du", "d'", "of", "by", "par"):
        return None  # (only a maker's name may stand between: "le Rafale de Dassault, l'avion ...")
    category = load().noun_category.get(m.key, "")
    return w.key if category and _category(w.key) == category else None


_NAMING = {"called", "named", "dubbed", "baptised", "baptized", "appele", "appelee", "appeles", "baptise", "baptisee",
           "denomme", "denommee", "surnomme"}


def _named_after(sent: Sent, m: Mention) -> str | None:
    """ "a surface-to-air missile defence system, called Cheongung-II", "un drone, baptisé Anka": the system
    the noun is given the name of."""
    for i in range(m.end, min(len(sent.words), m.end + 5)):  # (past the rest of its noun: "missile defence system")
        if sent.words[i] in _NAMING or sent.words[i : i + 2] == ["known", "as"]:
            start = i + (2 if sent.words[i] == "known" else 1)
            w = next((x for x in sent.mentions if x.kind == "weapon" and start <= x.start <= start + 1), None)
            return w.key if w is not None else None
        if sent.words[i] != "," and not (sent.words[i].isalpha() and sent.tokens[i].text.islower()):
            return None
    return None


def _first_seen(sentences: list[Sent], kind: str) -> list:
    """Countries (as refs) or weapons (as keys) in the order the article first names them."""
    seen: list = []
    for sent in sentences:
        for m in sent.mentions:
            if m.kind == kind and not m.setting:
                item = Ref.country(m.key) if kind == "country" else m.key
                if item not in seen:
                    seen.append(item)
    return seen


def _most_named(counts: Counter, first: list):
    """The most counted item, the first named on ties."""
    if not counts:
        return None
    order = {item: i for i, item in enumerate(first)}
    return max(counts, key=lambda item: (counts[item], -order.get(item, len(order))))
