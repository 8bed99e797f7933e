"""Trigger and cue word tables (``kg/data/triggers_*.tsv``, ``kg/data/cues_*.tsv``).

A pattern is one or more lower-case, accent-free words; ``*`` ends a prefix
and ``?`` stands for one character.

>>> lex = load_lexicon("fr")
>>> [(s, e, f) for s, e, f in lex.triggers(["ankara", "achetera", "des", "s-400"])]
[(1, 2, 'buy')]
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.tables import read_table


def _elisions(word: str) -> list[str]:
    """A pattern word split where the tokenizer splits it: French elisions ("s'il" -> "s'", "il"), never an
    English contraction ("we'll", "don't" stay whole)."""
    if re.fullmatch(r"[a-z]+'(ll|s|re|ve|d|t|m)", word):
        return [word]
    return re.findall(r"[^']+'|[^']+", word)


def _word_regex(word: str) -> re.Pattern[str]:
    body = re.escape(word).replace(r"\*", ".*").replace(r"\?", ".")
    return re.compile(body + r"\Z")


@dataclass(frozen=True)
class _Pattern:
    words: tuple[re.Pattern[str], ...]
    label: str
    text: str


class PatternSet:
    """Multi-word patterns with prefix wildcards, matched longest first at each position."""

    def __init__(self, rows: list[tuple[str, str]], inserts: frozenset[str] = frozenset()) -> None:
        # words a phrase may enclose between its own words: "a tranché jeudi en faveur de"
        self._inserts = inserts
        # patterns whose first word is a plain word are found by that word; the others (a wildcard in the
        # first word) by its first two letters
        self._by_word: dict[str, list[_Pattern]] = defaultdict(list)
        self._by_head: dict[str, list[_Pattern]] = defaultdict(list)
        for text, label in rows:
            # split elisions the way the tokenizer does: "s'il" -> "s'", "il"
            words = [part for w in text.split() for part in _elisions(w)]
            pattern = _Pattern(tuple(_word_regex(w) for w in words), label, text)
            if "*" in words[0] or "?" in words[0]:
                self._by_head[re.split(r"[*?]", words[0])[0][:2]].append(pattern)
            else:
                self._by_word[words[0]].append(pattern)
        self._cache: dict[str, list[_Pattern]] = {}

    def _candidates(self, word: str) -> list[_Pattern]:
        found = self._cache.get(word)
        if found is None:
            found = (
                self._by_word.get(word, [])
                + self._by_head.get(word[:2], [])
                + (self._by_head.get(word[:1], []) if len(word) >= 1 else [])
                + self._by_head.get("", [])
            )
            found = [p for p in found if p.words[0].match(word)]  # the first word decided once per word
            found.sort(key=lambda p: (-len(p.words), -len(p.text.replace("*", ""))))
            if len(self._cache) < 50_000:
                self._cache[word] = found
        return found

    def at(self, words: list[str], i: int) -> list[tuple[int, str]]:
        """(end, label) of every pattern matching at position ``i``, longest first."""
        out = []
        for p in self._candidates(words[i]):
            end = self._match_rest(words, i + 1, p.words[1:])
            if end is not None:
                out.append((end, p.label))
        return out

    def _match_rest(self, words: list[str], j: int, rest: tuple[re.Pattern[str], ...]) -> int | None:
        """Where the pattern's other words end when they follow from ``j`` (at most two inserted words)."""
        skipped = 0
        for rx in rest:
            while j < len(words) and not rx.match(words[j]) and words[j] in self._inserts and skipped < 2:
                j, skipped = j + 1, skipped + 1
            if j >= len(words) or not rx.match(words[j]):
                return None
            j += 1
        return j

    def scan(self, words: list[str]) -> list[tuple[int, int, str]]:
        """Non-overlapping longest matches: (start, end, label)."""
        found = []
        i = 0
        while i < len(words):
            hits = self.at(words, i)
            if hits:
                end, label = hits[0]
                found.append((i, end, label))
                i = end
            else:
                i += 1
        return found

    def labels(self, words: list[str]) -> list[tuple[int, int, str]]:
        """Every match at every position (overlaps allowed): (start, end, label)."""
        return [(i, end, label) for i in range(len(words)) for end, label in self.at(words, i)]


@dataclass(frozen=True)
class Lexicon:
    lang: str
    trigger_set: PatternSet
    cue_set: PatternSet

    def triggers(self, words: list[str], cues: list[tuple[int, int, str]] | None = None) -> list[tuple[int, int, str]]:
        """Trigger phrases of the table, and halts of the arms trade composed from their parts: a verb
        of stopping and a noun of trade with only determiners and "arms" words between them ("froze all
        arms exports", "a gelé ses livraisons d'armes") make a ``ban``."""
        found = [
            _as_noun(words, t)
            for t in self.trigger_set.scan(words)
            if not _upgraded(words, t) and not _modifier(words, t) and not _pounds(words, t[0])
            and not _moved_making(words, t)
        ]
        cues = self.cues(words) if cues is None else cues
        # (not when a transfer word of its own follows: "with F-16s bought from the Netherlands")
        found += [
            r for r in _replacements(words, cues)
            if not any(s <= r[0] <= e or r[1] <= s <= r[1] + 5 for s, e, _f in found)  # "achetés par": an agent
        ]
        bans = self._composed_bans(words, cues)
        if not bans:
            return sorted(found)
        kept = [f for f in found if not any(s <= f[0] < e or f[0] <= s < f[1] for s, e, _ in bans)]
        return sorted(kept + bans)

    def _composed_bans(self, words: list[str], cues: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        verbs = [(s, e) for s, e, c in cues if c == "halt_verb"]
        nouns = {s: e for s, e, c in cues if c == "trade_noun"}
        fillers = {s: e for s, e, c in cues if c == "trade_filler"}
        out = []
        for s, e in verbs:
            i = e
            if i < len(words) and words[i] == ",":  # "de cesser, dans un délai de sept jours, toute exportation"
                close = next((k for k in range(i + 1, min(len(words), i + 9)) if words[k] == ","), None)
                i = close + 1 if close is not None else i
            start = i  # amounts pass as fillers too: "withheld $130 million in military aid"
            spare = 1  # and one other word: "barred US arms sales", "a gelé ses exportations d'armes"
            while i < len(words) and i - start < 8 and i not in nouns:
                if i in fillers or _amount(words[i]):
                    i = fillers.get(i, i + 1)
                elif spare and words[i] not in (",", ".", ";", "and", "et", "but", "mais"):
                    spare, i = 0, i + 1
                else:
                    break
            if i in nouns:
                out.append((s, nouns[i], "ban"))
        return out

    def cues(self, words: list[str]) -> list[tuple[int, int, str]]:
        return self.cue_set.labels(words)


_DETERMINERS = {"a", "an", "the", "its", "their", "this", "that", "his", "her", "first", "initial", "new", "further"}


def _as_noun(words: list[str], t: tuple[int, int, str]) -> tuple[int, int, str]:
    """An English verb that is also a noun reads as the noun after a determiner: "placed an order in
    2022", "its purchase of 12 jets" (a purchase, told by a noun)."""
    s, e, frame = t
    if frame == "buy" and e - s == 1 and words[s] in ("order", "purchase") and s and words[s - 1] in _DETERMINERS:
        return s, e, "purchase_n"
    return t


# nouns that "export" qualifies when it is no verb: "the largest Russian arms export deal", "export licences"
_EXPORT_HEADS = {
    "deal", "deals", "contract", "contracts", "order", "orders", "licence", "licences", "license", "licenses",
    "permit", "permits", "market", "markets", "success", "successes", "record", "version", "versions", "customer",
    "customers", "control", "controls", "credit", "credits", "agency", "rules", "drive", "revenue", "revenues",
}


def _modifier(words: list[str], t: tuple[int, int, str]) -> bool:
    """ "export" before the noun it qualifies ("a weapons export deal") names no act of selling."""
    s, e, _frame = t
    return e - s == 1 and words[s] == "export" and e < len(words) and words[e] in _EXPORT_HEADS


_MAKING = {"fabrication", "production", "assemblage", "chaine", "technologie", "technologies", "savoir-faire",
           "manufacturing", "technology", "know-how", "assembly", "line", "lines"}


def _moved_making(words: list[str], t: tuple[int, int, str]) -> bool:
    """ "a transféré la fabrication du chasseur", "transferred production to Greenville": making moved or
    shared, no system handed over."""
    s, e, _frame = t
    if not words[s].startswith("transf"):
        return False
    i = e
    while i < len(words) and i < e + 3 and words[i] in ("la", "le", "l'", "les", "sa", "son", "ses", "the", "its", "de",
                                                          "du", "des", "of"):
        i += 1
    return i < len(words) and words[i] in _MAKING


def _upgraded(words: list[str], t: tuple[int, int, str]) -> bool:
    """ "24 chasseurs Kfir remis à niveau": brought up to standard, not handed over."""
    return words[t[0]].startswith(("remis", "remet")) and "niveau" in words[t[0] + 1 : t[0] + 3]


def _replacements(words: list[str], cues: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """ "replace its Mirage jets with F-16s", "remplacer ses Mirage par des Rafale": the "with"/"par" of a
    verb of replacing opens a purchase of what follows it (a ``buy`` trigger on that word)."""
    out = []
    for _s, e, c in cues:
        if c != "replace_verb":
            continue
        for i in range(e + 1, min(len(words), e + 9)):
            if words[i] in (",", ";", ".") or words[i] in ("and", "et") and i > e + 1:
                break
            if words[i] in ("with", "par"):
                out.append((i, i + 1, "buy"))
                break
    return out


def _amount(word: str) -> bool:
    """A number or a currency sign: "$130", "1,3", "€"."""
    return word in ("$", "€", "£") or word.lstrip("$€£")[:1].isdigit()


@lru_cache(maxsize=4)
def load_lexicon(lang: str) -> Lexicon:
    """The trigger and cue tables of one language (``fr`` or ``en``)."""
    triggers = [(r["pattern"], r["frame"]) for r in read_table(f"triggers_{lang}.tsv")]
    cues = [(r["pattern"], r["cue"]) for r in read_table(f"cues_{lang}.tsv")]
    inserts = frozenset(p for p, c in cues if c == "insert")
    return Lexicon(lang, PatternSet(triggers, inserts), PatternSet(cues))


_AMOUNTS = {"million", "millions", "milliard", "milliards", "mille"}


def _pounds(words: list[str], i: int) -> bool:
    """ "135 millions de livres", "500 livres": the currency, not "livrés" (folded alike)."""
    if words[i] not in ("livre", "livres") or i == 0:
        return False
    before = words[i - 2] if words[i - 1] in ("de", "d'") and i >= 2 else words[i - 1]
    return before in _AMOUNTS or before.replace(",", "").replace(".", "").isdigit()
