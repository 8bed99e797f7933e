"""What the extractor knows about the article so far: its actors, weapons and people.

Used to resolve what a sentence leaves implicit: "le pays", "the two
countries", a pronoun, "ces missiles", a deal whose supplier is only the
weapon's stated maker.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from kg.extract.annotate import Mention, Sent
from kg.extract.gazetteer import load
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
_INDEFINITE = {"a", "an", "un", "une"}
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
    suppliers: dict[str, str] = field(default_factory=dict)
    recipients: list[Ref] = field(default_factory=list)
    last_parties: tuple[Ref, ...] = ()

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
            of = self.people.country_of(m.key)
            if of:
                return Ref.alliance(of) if of in load().alliances else Ref.country(of)
        return None

    def note_actors(self, sent: Sent, count: bool = True) -> None:
        """Count the countries a sentence names (first pass) and keep the order they were named in."""
        for m in sent.mentions:
            if m.setting:
                continue
            ref = self.actor(m) if m.kind != "person" else None
            if ref is not None and ref.type == "Country":
                if count:
                    self.actor_counts[ref] += 1
                if ref in self.actor_order:
                    self.actor_order.remove(ref)
                self.actor_order.append(ref)

    @property
    def main_country(self) -> Ref | None:
        """The country the article is most about (most mentions, earliest on ties)."""
        if not self.actor_counts:
            return None
        first = {ref: i for i, ref in enumerate(self._first_seen())}
        return max(self.actor_counts, key=lambda r: (self.actor_counts[r], -first.get(r, 0)))

    def _first_seen(self) -> list[Ref]:
        seen: list[Ref] = []
        for sent in self.sentences:
            for m in sent.mentions:
                if m.kind == "country" and not m.setting and Ref.country(m.key) not in seen:
                    seen.append(Ref.country(m.key))
        return seen

    def first_country(self) -> Ref | None:
        seen = self._first_seen()
        return seen[0] if seen else None

    def last_pair(self) -> tuple[Ref, ...]:
        """The last two distinct countries mentioned ("the two countries")."""
        return tuple(self.actor_order[-2:])

    # ------------------------------------------------------------ weapons
    def note_weapons(self, sent: Sent) -> None:
        for m in sent.mentions:
            if m.kind == "weapon":
                self.weapon_counts[m.key] += 1
                if m.key in self.weapon_order:
                    self.weapon_order.remove(m.key)
                self.weapon_order.append(m.key)
                if m.maker:
                    self.makers.setdefault(m.key, m.maker)

    def note_recent(self, sent: Sent) -> None:
        """Second pass: keep only the order in which weapons were named, up to this sentence."""
        for m in sent.mentions:
            if m.kind == "weapon":
                if m.key in self.weapon_order:
                    self.weapon_order.remove(m.key)
                self.weapon_order.append(m.key)

    def main_weapon(self) -> str | None:
        if not self.weapon_counts:
            return None
        order = {k: i for i, k in enumerate(self._weapon_first_seen())}
        return max(self.weapon_counts, key=lambda k: (self.weapon_counts[k], -order.get(k, 0)))

    def _weapon_first_seen(self) -> list[str]:
        seen: list[str] = []
        for sent in self.sentences:
            for m in sent.mentions:
                if m.kind == "weapon" and m.key not in seen:
                    seen.append(m.key)
        return seen

    def resolve_noun(self, m: Mention, sent: Sent) -> str | None:
        """A generic weapon noun as the specific system it refers to, or as itself.

        "ces missiles" -> the last system named; "des avions de chasse" -> the
        article's only aircraft; "a frigate" -> ``frigate``; "weapons" -> nothing.
        """
        g = load()
        before = sent.words[m.start - 1] if m.start > 0 else ""
        if before in _DEMONSTRATIVES and before not in ("le", "la", "l'", "les", "the") and self.weapon_order:
            return self.weapon_order[-1]
        category = g.noun_category.get(m.key, "")
        same = [k for k in self._weapon_first_seen() if g.weapons.get(k) and g.weapons[k].category == category]
        if m.via == "vague":
            definite_system = m.key == "system" and before in ("the", "les", "le")
            if (
                before in _DEMONSTRATIVES and before not in ("le", "la", "l'", "les", "the") or definite_system
            ) and self.weapon_order:
                return self.weapon_order[-1]
            return None
        indefinite = any(w in _INDEFINITE for w in sent.words[max(0, m.start - 3) : m.start])
        counted = any(w.isdigit() or w in _NUMBERS for w in sent.words[max(0, m.start - 2) : m.start])
        definite_count = any(w in _DEMONSTRATIVES for w in sent.words[max(0, m.start - 3) : m.start])
        if counted and not definite_count:
            return m.key  # "20 patrouilleurs": new ones, not a system named before
        if before in _INDEFINITE or (indefinite and not m.text.lower().endswith(("s", "x"))):
            return m.key  # "a frigate", "a 6,000-tonne frigate": a new one
        if len(same) == 1 and category:
            return same[0]
        definite = any(w in ("the", "les", "ces", "these", "those") for w in sent.words[max(0, m.start - 3) : m.start])
        recent = [k for k in reversed(self.weapon_order) if g.weapons.get(k) and g.weapons[k].category == category]
        if definite and recent:
            return recent[0]  # "the German-made tanks": the tanks last named
        return m.key

    def maker_of(self, weapon: str) -> str | None:
        """The weapon's maker as the article states it, else as the catalogue has it (one maker only)."""
        if weapon in self.makers:
            return self.makers[weapon]
        info = load().weapons.get(weapon)
        if info and len(info.makers) == 1:
            return info.makers[0]
        return None
