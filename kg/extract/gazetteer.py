"""Gazetteers: countries, capitals and seats of power, demonyms, alliances,
weapon systems, generic weapon nouns, known people and role titles, matched
over tokens.

Matching rules, the same for every table: accents and case are ignored,
except that an alias word written with a capital must be capitalised in the
text ("Patriot" the missile, not "patriot"), and short all-capital aliases
("US", "UN", "UE") must match exactly. Designations with digits match
whatever their spacing and hyphens ("S-400" = "S400" = "S 400"), and a
plural ``s`` is tolerated ("Rafales", "F-16s").

>>> g = load()
>>> [(h.kind, h.value) for h in g.match_names(tokenize("Ankara achètera des S400 à la Russie"), "fr")]
[('metonym', 'TUR'), ('weapon', 'S-400'), ('country', 'RUS')]
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from kg.extract.tables import read_table, split_cell
from kg.extract.tokens import Token, fold, tokenize

MAX_PHRASE = 8


@dataclass(frozen=True)
class Hit:
    """A gazetteer match over tokens ``start:end``."""

    kind: str  # country | metonym | demonym | alliance | weapon | noun | person | role
    value: str
    start: int
    end: int
    extra: object = None


@dataclass(frozen=True)
class _Entry:
    kind: str
    value: str
    lang: str
    caps: tuple[bool, ...]
    exact: tuple[str, ...] | None
    extra: object = None


def _compact(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text))


@lru_cache(maxsize=1)
def _state_kinds() -> dict[tuple[str, ...], frozenset[str]]:
    return {tuple(row["noun"].split()): frozenset(row["states"].split()) for row in read_table("state_kinds.tsv")}


def state_kind(words: list[str]) -> frozenset[str] | None:
    """The states a coreferent noun of a kind can stand for, from its last words; None for any state.

    >>> sorted(state_kind(["the", "desert", "kingdom"]))[:3]
    ['BEL', 'BHR', 'BTN']
    >>> state_kind(["the", "country"]) is None
    True
    """
    kinds = _state_kinds()
    for n in (3, 2, 1):
        if len(words) >= n and tuple(words[-n:]) in kinds:
            return kinds[tuple(words[-n:])]
    return None


def maker_allowed(key: str, country: str) -> bool:
    """Whether the catalogue lets ``country`` make system ``key``: it lists no maker for it, or lists that one
    ("les Rafale indiens" name the user, not a maker)."""
    info = load().weapons.get(key)
    return not info or not info.makers or country in info.makers


def company_at(words: list[str], i: int) -> str | None:
    """The maker country of the longest firm name the catalogue knows starting at folded word ``i``
    ("naval group", "hanwha aerospace"), else ``None``."""
    companies = load().company_country
    for n in (4, 3, 2, 1):
        if i + n <= len(words):
            country = companies.get(" ".join(words[i : i + n]))
            if country is not None:
                return country
    return None


_VARIANT_SUFFIX = re.compile(r"^[A-Z]{0,2}\d[A-Z0-9]{0,3}\+?$")


_STANDARD_WORDS = {"standard", "norme", "configuration"}


def variant_name(key: str, text: str) -> str | None:
    """The catalogue's name for the variant a mention spells, when its row merges variants of one system
    and the text names one ("Leopard 2A8" in the "Leopard 2" row, "Leopard-1A5" in "Leopard 1"); else
    ``None`` (a synonym, a block number or the bare name).

    >>> variant_name("Leopard 2", "Leopard-2A8"), variant_name("Leopard 2", "Leopard 2"), variant_name("F-16", "F-16V")
    ('Leopard 2A8', None, None)
    """
    info = load().weapons.get(key)
    if info is None:
        return None
    wanted = {_compact(text), _compact(text).removesuffix("s")}  # "Leopard 2A4s"
    for alias in info.aliases:
        if _compact(alias) not in wanted or not alias.startswith(key):
            continue
        suffix = alias[len(key) :].strip(" -")
        if _VARIANT_SUFFIX.match(suffix) and not suffix.isdigit() and suffix[:1].isalpha():
            return alias.replace("-", " ") if alias[len(key) : len(key) + 1] == "-" else alias
    return None


_CORE = re.compile(r"^([A-Za-z]+)[- ]?(\d+)")


def designation_core(text: str) -> tuple[str, str] | None:
    """The letters and number a designation starts with ("Mi-35M" -> ("mi", "35")), else ``None``.

    >>> designation_core("Mi-35M"), designation_core("Global Hawk")
    (('mi', '35'), None)
    """
    m = _CORE.match(text.strip())
    return (m.group(1).lower(), m.group(2)) if m else None


def designation_name(key: str, text: str) -> str | None:
    """The catalogue's name for another designation its row merges, when a mention spells one: "Mi-35" in
    the "Mi-24" row, "Mi-171" in "Mi-17" (the first alias with that core); ``None`` for the row's own
    designation and its variants ("Su-30MK2" in "Su-30") and for names without a number.

    >>> designation_name("Mi-24", "Mi-35M"), designation_name("Su-30", "Su-30MK2"), designation_name("Mi-24", "Hind")
    ('Mi-35', None, None)
    """
    info = load().weapons.get(key)
    own, core = designation_core(key), designation_core(text)
    if info is None or own is None or core is None or core == own:
        return None
    return next((a for a in info.aliases if designation_core(a) == core), None)


def add_variant(key: str, variant: str) -> None:
    """Give a variant a catalogue row of its own (the parent's category and makers), for an article that
    tells two variants of one row apart."""
    g = load()
    if variant not in g.weapons:
        parent = g.weapons[key]
        g.weapons[variant] = WeaponInfo(variant, (), parent.category, parent.makers, parent.company, "")


def compact_designation(text: str) -> str:
    """A designation folded to letters and digits, as the designation index keys it ("FA-50" -> "fa50")."""
    return _compact(text)


_LOWER_PARTS = {"type", "classe", "class", "projet", "project", "block", "bloc"}  # "sous-marins de type 209"


class PhraseIndex:
    """Longest-match phrase look-up over token sequences."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, ...], list[_Entry]] = defaultdict(list)
        self._longest_from: dict[str, int] = {}  # first word -> longest phrase starting with it
        self.longest = 1

    def add(self, phrase: str, kind: str, value: str, lang: str = "*", extra: object = None) -> None:
        tokens = [t.text for t in tokenize(phrase)]
        if not tokens:
            return
        key = tuple(fold(t) for t in tokens)
        caps = tuple(t[:1].isupper() for t in tokens)
        exact = None
        letters = re.sub(r"[^A-Za-z]", "", phrase)
        if letters.isupper() and len(letters) <= 4 and not any(c.isdigit() for c in phrase):
            exact = tuple(tokens)
        entry = _Entry(kind, value, lang, caps, exact, extra)
        bucket = self._entries[key]
        if entry not in bucket:
            bucket.append(entry)
        self.longest = max(self.longest, min(len(key), MAX_PHRASE))
        first = key[0]
        self._longest_from[first] = max(self._longest_from.get(first, 0), min(len(key), MAX_PHRASE))
        if len(key) == 1 and len(first) > 3:  # a plural "s" is tolerated on one-word phrases
            self._longest_from.setdefault(first + "s", 1)

    def _fits(self, entry: _Entry, tokens: list[Token], lang: str | None) -> bool:
        if lang and entry.lang not in ("*", lang):
            return False
        if entry.exact is not None:
            return tuple(t.text for t in tokens) == entry.exact
        return all(t.text[:1].isupper() or not cap for t, cap in zip(tokens, entry.caps))

    def lookup(self, tokens: list[Token], lang: str | None = None) -> list[_Entry]:
        key = tuple(t.folded for t in tokens)
        found = [e for e in self._entries.get(key, ()) if self._fits(e, tokens, lang)]
        if not found and key and len(key[-1]) > 3 and key[-1].endswith("s"):
            plural = key[:-1] + (key[-1][:-1],)
            found = [e for e in self._entries.get(plural, ()) if self._fits(e, tokens, lang)]
        return found

    def match(self, tokens: list[Token], lang: str | None = None, kinds: set[str] | None = None) -> list[Hit]:
        """Non-overlapping longest matches, left to right."""
        hits: list[Hit] = []
        i = 0
        while i < len(tokens):
            longest = self._longest_from.get(tokens[i].folded, 0)
            if not longest and tokens[i].folded.endswith("s"):
                longest = self._longest_from.get(tokens[i].folded[:-1], 0)
            for n in range(min(longest, len(tokens) - i), 0, -1):
                entries = [e for e in self.lookup(tokens[i : i + n], lang) if kinds is None or e.kind in kinds]
                if entries:
                    e = entries[0]
                    hits.append(Hit(e.kind, e.value, i, i + n, e.extra))
                    i += n
                    break
            else:
                i += 1
        return hits


@dataclass(frozen=True)
class CountryInfo:
    iso3: str
    name_en: str
    name_fr: str
    aliases: tuple[str, ...]
    wikidata: str
    sipri: tuple[str, ...]


@dataclass(frozen=True)
class AllianceInfo:
    key: str
    name_en: str
    name_fr: str
    aliases: tuple[str, ...]
    members: frozenset[str]
    wikidata: str


@dataclass(frozen=True)
class WeaponInfo:
    key: str
    aliases: tuple[str, ...]
    category: str
    makers: tuple[str, ...]
    company: tuple[str, ...]
    wikidata: str


@dataclass(frozen=True)
class PersonInfo:
    key: str
    aliases: tuple[str, ...]
    country: str
    wikidata: str
    home: str = ""  # an organisation's person: the state whose national office they held before


@dataclass
class Gazetteer:
    countries: dict[str, CountryInfo] = field(default_factory=dict)
    alliances: dict[str, AllianceInfo] = field(default_factory=dict)
    weapons: dict[str, WeaponInfo] = field(default_factory=dict)
    people: dict[str, PersonInfo] = field(default_factory=dict)
    # known person -> [(state, first year, last year or None)] as head of state or government
    leader_terms: dict[str, list[tuple[str, int, int | None]]] = field(default_factory=dict)
    given_names: dict[str, str] = field(default_factory=dict)
    first_names: frozenset[str] = frozenset()  # given names as printed ("Sergueï", "Jean-Yves")
    combining: dict[str, str] = field(default_factory=dict)  # "franco" -> FRA, first part of "franco-italien"
    names: PhraseIndex = field(default_factory=PhraseIndex)
    demonyms: PhraseIndex = field(default_factory=PhraseIndex)
    nouns: PhraseIndex = field(default_factory=PhraseIndex)
    roles: PhraseIndex = field(default_factory=PhraseIndex)
    designations: dict[str, str] = field(default_factory=dict)
    noun_category: dict[str, str] = field(default_factory=dict)
    # generic noun key -> its English singular forms ("attack helicopter": "combat helicopter", ...)
    noun_synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    company_country: dict[str, str] = field(default_factory=dict)
    # folded surname -> the known person, for surnames only one person on the list has ("Lula", "Macron")
    surnames: dict[str, str] = field(default_factory=dict)
    # maker-family rows ("Sukhoi", "MiG", "Mirage") -> the systems whose names start with the family name
    families: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def match_names(self, tokens: list[Token], lang: str | None = None) -> list[Hit]:
        """Countries, capitals/seats, alliances, weapons (by name or designation) and known people."""
        hits = self.match_designations(tokens)
        taken = {i for h in hits for i in range(h.start, h.end)}
        for hit in self.names.match(tokens, lang):
            if not any(i in taken for i in range(hit.start, hit.end)):
                hits.append(hit)
                taken.update(range(hit.start, hit.end))
        return _merge_variants(sorted(hits, key=lambda h: h.start))

    def match_designations(self, tokens: list[Token]) -> list[Hit]:
        """Weapon designations with digits, whatever their spacing and hyphenation."""
        hits: list[Hit] = []
        i = 0
        while i < len(tokens):
            for n in (3, 2, 1):
                span = tokens[i : i + n]
                if len(span) < n or not any(c.isdigit() for t in span for c in t.text):
                    continue
                if not all(t.text[:1].isalnum() or (t.text == "/" and 0 < k < n - 1) for k, t in enumerate(span)):
                    continue  # "S-400 ," or "[ S-400": punctuation is not part of a designation ("F/A-50" is)
                if n > 1 and any(t.start != prev.end + 1 and t.start != prev.end for prev, t in zip(span, span[1:])):
                    continue
                if n > 1 and span[0].text.isalpha() and span[0].text.islower() and span[0].text not in _LOWER_PARTS:
                    continue  # "portée à 29 exemplaires", "a 29-year-old": a word before a number, not the A-29
                if i > 0 and fold(tokens[i - 1].text) in _STANDARD_WORDS:
                    continue  # "porter au standard F4 les Rafale", "to the F4 standard": a standard, no system
                compact = _compact("".join(t.text for t in span))
                key = self.designations.get(compact)
                if key is None and compact.endswith("s"):
                    key = self.designations.get(compact[:-1])
                if key is not None:
                    hits.append(Hit("weapon", key, i, i + n))
                    i += n - 1
                    break
            i += 1
        return hits

    def country_label(self, iso3: str, lang: str = "en") -> str:
        info = self.countries.get(iso3)
        if info is None:
            return iso3
        return (info.name_fr if lang == "fr" else info.name_en) or info.name_en or iso3

    def members_of(self, alliance: str) -> frozenset[str]:
        info = self.alliances.get(alliance)
        return info.members if info else frozenset()


def _merge_variants(hits: list[Hit]) -> list[Hit]:
    """A designation right before the name of one of its variants is that variant: "F/A-18 Super Hornet"
    is the Super Hornet, not a Hornet and a Super Hornet."""
    out: list[Hit] = []
    for hit in hits:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == hit.kind == "weapon"
            and prev.end == hit.start
            and hit.value != prev.value
            and hit.value.startswith(prev.value.split()[0])
        ):
            out[-1] = Hit("weapon", hit.value, prev.start, hit.end)
            continue
        out.append(hit)
    return out


def _add_names(index: PhraseIndex, names, kind: str, value: str, lang: str = "*") -> None:
    for name in names:
        if name:
            index.add(name, kind, value, lang)


def _families(weapons: dict[str, WeaponInfo]) -> dict[str, tuple[str, ...]]:
    """Family rows and their members: a row named without digits ("Sukhoi") whose name starts
    other rows' names ("Sukhoi Su-30", "Mirage 2000")."""
    bare = {fold(k): k for k in weapons if not any(c.isdigit() for c in k)}
    members: dict[str, list[str]] = {}
    for key, info in weapons.items():
        for name in (key, *info.aliases):
            first = fold(re.split(r"[ \-]", name, maxsplit=1)[0])
            family = bare.get(first)
            same_kind = family is not None and weapons[family].category == info.category
            if same_kind and family != key and name != first and key not in members.setdefault(family, []):
                members[family].append(key)
    return {f: tuple(m) for f, m in members.items() if len(m) >= 2}


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """Build the gazetteer from ``kg/data`` (cached: built once per process)."""
    g = Gazetteer()
    for row in read_table("countries.tsv"):
        iso3 = row["iso3"]
        aliases = split_cell(row.get("aliases_en", "")) + split_cell(row.get("aliases_fr", ""))
        g.countries[iso3] = CountryInfo(
            iso3, row["name_en"], row["name_fr"], aliases, row.get("wikidata", ""), split_cell(row.get("sipri", ""))
        )
        _add_names(g.names, (row["name_en"], *split_cell(row.get("aliases_en", ""))), "country", iso3)
        _add_names(g.names, (row["name_fr"], *split_cell(row.get("aliases_fr", ""))), "country", iso3)
    for row in read_table("metonyms.tsv"):
        g.names.add(row["surface"], "metonym", row["iso3"], row.get("lang") or "*", extra=row.get("kind"))
    for row in read_table("demonyms.tsv"):
        g.demonyms.add(row["form"], "demonym", row["iso3"], row.get("lang") or "*")
    for row in read_table("alliances.tsv"):
        key = row["key"]
        aliases = split_cell(row.get("aliases", ""))
        g.alliances[key] = AllianceInfo(
            key,
            row["name_en"],
            row["name_fr"],
            aliases,
            frozenset(row.get("members", "").split()),
            row.get("wikidata", ""),
        )
        _add_names(g.names, (key, row["name_en"], row["name_fr"], *aliases), "alliance", key)
    for row in read_table("weapons.tsv"):
        key = row["key"]
        aliases = split_cell(row.get("aliases", ""))
        g.weapons[key] = WeaponInfo(
            key,
            aliases,
            row.get("category", ""),
            tuple(row.get("maker", "").split()),
            split_cell(row.get("company", "")),
            row.get("wikidata", ""),
        )
        for name in (key, *aliases):
            if any(c.isdigit() for c in name):
                g.designations.setdefault(_compact(name), key)
            else:
                g.names.add(name, "weapon", key)
                if name.endswith((" class", "-class")):  # French word order: "sous-marins de classe Kilo"
                    g.names.add("classe " + name[: -len(" class")], "weapon", key)
        for company in split_cell(row.get("company", "")):
            makers = row.get("maker", "").split()
            if len(makers) == 1:
                g.company_country.setdefault(fold(company), makers[0])
    for row in read_table("firms.tsv"):  # short names and acronyms; they win over the catalogue's guesses
        g.company_country[fold(row["firm"])] = row["iso3"]
    g.families = _families(g.weapons)
    for row in read_table("weapon_nouns.tsv"):
        g.nouns.add(row["form"], "noun", row["key"], row.get("lang") or "*")
        g.noun_category[row["key"]] = row.get("category", "")
        if row.get("lang") == "en" and row["form"] != row["key"]:
            g.noun_synonyms.setdefault(row["key"], ())
            g.noun_synonyms[row["key"]] += (row["form"],)
    for key, forms in g.noun_synonyms.items():  # singular forms only: drop "x-s" when "x" is listed
        g.noun_synonyms[key] = tuple(f for f in forms if not (f.endswith("s") and (f[:-1] in forms or f[:-1] == key)))
    for row in read_table("people.tsv"):
        key = row["key"]
        aliases = split_cell(row.get("aliases", ""))
        g.people[key] = PersonInfo(
            key, aliases, row.get("country", ""), row.get("wikidata", ""), row.get("home", "") or ""
        )
        _add_names(g.names, (key, *aliases), "person", key)
        for name in (key, *aliases):
            parts = name.split()
            if len(parts) >= 2:
                surname = fold(parts[-1])
                taken = g.surnames.get(surname)
                g.surnames[surname] = key if taken in (None, key) else ""  # "" = shared: ambiguous
    g.surnames = {s: k for s, k in g.surnames.items() if k}
    for row in read_table("leader_terms.tsv"):
        end = int(row["end"]) if row.get("end") else None
        g.leader_terms.setdefault(row["key"], []).append((row["country"], int(row["start"]), end))
    for row in read_table("given_names.tsv"):
        g.given_names[fold(row["form"])] = row["canonical"]
    g.first_names = frozenset(row["form"] for row in read_table("first_names.tsv"))
    g.combining = {row["form"]: row["iso3"] for row in read_table("combining_forms.tsv")}
    for lang in ("fr", "en"):
        for row in read_table(f"roles_{lang}.tsv"):
            g.roles.add(row["pattern"], "role", row["role"], lang, extra=(row["kind"], row.get("scope", "any")))
    return g
