"""Sentences and tokens with character offsets.

>>> [t.text for t in tokenize("L'Otan a livré des S-400 aux États-Unis (U.S.).")]
["L'", 'Otan', 'a', 'livré', 'des', 'S-400', 'aux', 'États-Unis', '(', 'U.S.', ')', '.']
>>> [t.text for t in tokenize("Ankara's decision")]
['Ankara', "'s", 'decision']
>>> [s.text for s in split_sentences("Mr. Smith left. The U.S. and Turkey signed. Done")]
['Mr. Smith left.', 'The U.S. and Turkey signed.', 'Done']
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_TOKEN = re.compile(
    r"""
    (?:[A-Za-z]\.){2,}                                   # U.S., U.K., U.S.S.R.
  | (?i:[dlnjmstc]|qu|jusqu|lorsqu|puisqu|quoiqu)'       # French elision: l' d' qu'
  | \$?\d+(?:[.,]\d+)*(?:-[A-Za-zÀ-ÿ0-9]+)*(?![A-Z]\d|\d|[.,]\d)  # numbers, 6.5, 1,000, 6,000-tonne (not 2A4)
  | '[sS]\b                                             # English possessive: Ankara 's
  | [\w](?:[\w.]*[\w])?(?:-[\w]+|'(?![sS]\b)[\w]+)*     # words, S-400, al-Assad, Russian-made
  | \S                                                   # any other single character
    """,
    re.VERBOSE,
)

_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "adm",
    "rep",
    "sen",
    "gov",
    "st",
    "jr",
    "sr",
    "m",
    "mm",
    "mme",
    "mlle",
    "no",
    "vol",
    "fig",
    "inc",
    "ltd",
    "co",
    "corp",
    "vs",
    "etc",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "approx",
    "est",
    "av",
    "j.-c",
}


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    folded: str = ""  # lower case without accents: ``États`` -> ``etats`` (computed once, by tokenize)

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_title(self) -> bool:
        return self.text[:1].isupper()


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int
    index: int


_SPECIAL = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "ı": "i",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "Œ": "Oe",
        "’": "'",
    }
)


def latin(text: str) -> str:
    """Replace letters that Unicode does not decompose (ł, ø, ı, ß, œ) by their usual Latin spelling."""
    return text.translate(_SPECIAL)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case, accent-free form used for dictionary look-ups: ``Władysław`` -> ``wladyslaw``."""
    decomposed = unicodedata.normalize("NFKD", latin(text).lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Word, number, designation and punctuation tokens of ``text``."""
    return [Token(m.group(0), m.start() + offset, m.end() + offset, fold(m.group(0))) for m in _TOKEN.finditer(text)]


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of a cleaned text: split after . ! ? (not after abbreviations) and at line breaks."""
    out: list[Sentence] = []
    start = 0
    n = len(text)
    i = 0
    while i < n:
        c = text[i]
        boundary = False
        if c == "\n":
            boundary = True
        elif c in ".!?":
            j = i + 1
            while j < n and text[j] in "\"')]»”":
                j += 1
            if j >= n or text[j] in " \n":
                k = j
                while k < n and text[k] == " ":
                    k += 1
                nxt = text[k] if k < n else ""
                word = re.search(r"([\w./-]+)$", text[start:i])
                prev = word.group(1).lower() if word else ""
                is_abbrev = c == "." and (
                    prev in _ABBREVIATIONS
                    or re.fullmatch(r"(?:[a-z]\.)+[a-z]", prev) is not None
                    or (len(prev) == 1 and prev.isalpha())
                )
                if is_abbrev and nxt and not nxt.isupper():
                    is_abbrev = True
                elif is_abbrev and prev in ("u.s", "u.k", "u.n", "u.s.s.r") and nxt.isupper():
                    is_abbrev = not _looks_like_sentence_start(text[k:])
                if not is_abbrev and (not nxt or nxt.isupper() or nxt.isdigit() or nxt in "\"«(['\n-"):
                    boundary = True
                    i = j - 1
        if boundary:
            _append(out, text, start, i + 1)
            start = i + 1
        i += 1
    _append(out, text, start, n)
    return out


_STARTERS = {
    "the",
    "a",
    "an",
    "in",
    "on",
    "but",
    "it",
    "he",
    "she",
    "they",
    "this",
    "that",
    "le",
    "la",
    "les",
    "il",
    "elle",
    "ils",
    "en",
    "mais",
    "selon",
    "after",
    "before",
    "while",
    "yet",
    "however",
}


def _looks_like_sentence_start(rest: str) -> bool:
    word = re.match(r"[\w']+", rest)
    return bool(word) and word.group(0).lower() in _STARTERS


def _append(out: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    s = start + lead
    out.append(Sentence(stripped, s, s + len(stripped), len(out)))
