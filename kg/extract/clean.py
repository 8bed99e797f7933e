"""Clean what scrapers leave in news text, keeping character offsets meaningful.

>>> clean_text("supplier.Under the contract,\\u00a0Chile\\u200b said &laquo;non&raquo;")
'supplier. Under the contract, Chile said «non»'
>>> clean_text("l’arme « livrée »")
"l'arme « livrée »"
"""

from __future__ import annotations

import html
import re
import unicodedata

_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_APOSTROPHES = re.compile(r"[\u2018\u2019\u02bc\u2032\u00b4`]")
_DQUOTES = re.compile(r"[\u201c\u201d\u201e\u201f\u2033]")
_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]")
# "supplier.Under" / "contract,Chile": a sentence glued to the next by a lost paragraph break.
_GLUED = re.compile(r"(?<=[a-zà-ÿ0-9\"”»)\]])([.!?])(?=[A-ZÀ-Þ\"“«][a-zà-ÿ])")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{1,31});")


def clean_text(text: str) -> str:
    """Normalise spaces, quotes, dashes and entities; unglue glued sentences."""
    if _ENTITY.search(text):
        text = html.unescape(text)
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _APOSTROPHES.sub("'", text)
    text = _DQUOTES.sub('"', text)
    text = _DASHES.sub(lambda m: "-" if m.group(0) in "\u2010\u2011\u2212" else " - ", text)
    text = _GLUED.sub(r"\1 ", text)
    text = re.sub(r"[ ]{2,}", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return text.strip()
