"""Tell French from English by their commonest words.

>>> detect_language("La Turquie a acheté des missiles à la Russie.")
'fr'
>>> detect_language("Turkey bought missiles from Russia and the US objected.")
'en'
"""

from __future__ import annotations

import re

_FR = frozenset(
    "le la les des du de un une et est à au aux que qui dans pour sur par avec ne pas a ont été cette son sa ses "
    "leur il elle ils selon mais ou où plus".split()
)
_EN = frozenset(
    "the of and to in a is that for on with as by was were has have had its it from be at this which an "
    "are their said will not but or".split()
)
_WORD = re.compile(r"[A-Za-zÀ-ÿ']+")


def detect_language(text: str, default: str = "en") -> str:
    """``fr`` or ``en``, whichever has more of its function words in the text."""
    fr = en = 0
    for word in _WORD.findall(text[:20000].lower()):
        for part in word.split("'"):
            if part in _FR:
                fr += 1
            if part in _EN:
                en += 1
    if fr == en:
        return default
    return "fr" if fr > en else "en"
