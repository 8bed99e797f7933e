"""Dates as they enter the store: checked as calendar dates, written the ISO way.

An article's date becomes ``xsd:date`` (``2019-07-17``), ``xsd:gYearMonth``
(``2019-07``) or ``xsd:gYear`` (``2019``). Whatever the source (a text file's
``date`` line, a JSON Lines field, an HTML page's metadata, a SIPRI file
name), :func:`parse_date` reads the common ways of writing one and refuses
what is not a day of the calendar, so an ill-formed literal never reaches
the store.

Numeric dates are read day first (``17/07/2019``, ``05/07/2019`` is 5 July),
as in French and British news; the year-first forms (``2019/07/17``) and a
month written out (``17 July 2019``, ``July 17, 2019``, ``17 juillet 2019``,
``1er juillet 2019``) are unambiguous. A month-first date is read only when
its day cannot be a month (``07/17/2019``).

>>> parse_date("2019-07-17"), parse_date("17/07/2019"), parse_date("17 juillet 2019")
('2019-07-17', '2019-07-17', '2019-07-17')
>>> parse_date("July 17, 2019"), parse_date("2019/07/17"), parse_date("juillet 2019"), parse_date("2019")
('2019-07-17', '2019-07-17', '2019-07', '2019')
>>> parse_date("2019-13-45")
Traceback (most recent call last):
...
kg.dates.DateError: '2019-13-45' is not a calendar date
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata

__all__ = ["DateError", "MONTHS", "looks_like_date", "parse_date"]


class DateError(ValueError):
    """A text that was meant as a date is not one (or not a day of the calendar)."""


#: Month names and abbreviations in English and French (accents stripped, lower case).
MONTHS: dict[str, int] = {}
for _number, _names in enumerate((
    "january jan janvier janv", "february feb feb. fevrier fevr fev", "march mar mars",
    "april apr avril avr", "may mai", "june jun juin", "july jul juillet juil",
    "august aug aout", "september sep sept septembre", "october oct octobre",
    "november nov novembre", "december dec decembre",
), 1):
    for _name in _names.split():
        MONTHS[_name.rstrip(".")] = _number

_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "lundi", "mardi",
             "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "mon", "tue", "wed", "thu", "fri", "sat", "sun"}
_FILLERS = {"le", "the", "of", "du", "de", "on", "st", "nd", "rd", "th", "er"}
_NUMERIC = re.compile(r"^(\d{1,4})[-/.](\d{1,4})(?:[-/.](\d{1,4}))?$")
_TIMESTAMP = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$")
_TOKEN = re.compile(r"\d+|[^\W\d_]+\.?")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _iso(year: int, month: int | None = None, day: int | None = None, raw: str = "") -> str:
    if not 1 <= year <= 9999:
        raise DateError(f"{raw!r} is not a calendar date")
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        raise DateError(f"{raw!r} is not a calendar date")
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        raise DateError(f"{raw!r} is not a calendar date") from None


def _numeric(raw: str, a: str, b: str, c: str | None) -> str:
    if c is None:  # YYYY-MM or MM/YYYY
        if len(a) == 4:
            return _iso(int(a), int(b), raw=raw)
        if len(b) == 4:
            return _iso(int(b), int(a), raw=raw)
        raise DateError(f"{raw!r} is not a date (write it YYYY-MM-DD)")
    if len(a) == 4:  # YYYY-MM-DD, YYYY/MM/DD
        return _iso(int(a), int(b), int(c), raw=raw)
    if len(c) != 4:
        raise DateError(f"{raw!r} has no four-digit year (write it YYYY-MM-DD)")
    day, month = int(a), int(b)
    if month > 12 and day <= 12:  # month first, unambiguous (07/17/2019)
        day, month = month, day
    return _iso(int(c), month, day, raw=raw)


def _words(raw: str) -> str:
    """Dates with the month written out: ``17 July 2019``, ``July 17, 2019``, ``mercredi 1er juillet 2019``."""
    day = month = year = None
    for token in _TOKEN.findall(_fold(raw)):
        word = token.rstrip(".")
        if token.isdigit():
            if len(token) == 4 and year is None:
                year = int(token)
            elif len(token) <= 2 and day is None:
                day = int(token)
            else:
                raise DateError(f"{raw!r} is not a date")
        elif word in MONTHS and month is None:
            month = MONTHS[word]
        elif word in _WEEKDAYS or word in _FILLERS:
            continue
        else:
            raise DateError(f"{raw!r} is not a date")
    if year is None or month is None:
        raise DateError(f"{raw!r} is not a date (no year or no month)")
    return _iso(year, month, day, raw=raw)


def parse_date(text: str) -> str:
    """The ISO form (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) of a date; :class:`DateError` otherwise.

    A timestamp keeps its day (``2019-07-17T08:30:00Z`` is ``2019-07-17``).

    >>> parse_date("2019-07-17T08:30:00+02:00")
    '2019-07-17'
    >>> parse_date("31/02/2019")
    Traceback (most recent call last):
    ...
    kg.dates.DateError: '31/02/2019' is not a calendar date
    """
    raw = text.strip()
    if not raw:
        raise DateError("the date is empty")
    if re.fullmatch(r"\d{4}", raw):
        return _iso(int(raw), raw=raw)
    stamp = _TIMESTAMP.match(raw)
    if stamp:
        raw_day = stamp.group(1)
        return _iso(int(raw_day[:4]), int(raw_day[5:7]), int(raw_day[8:]), raw=raw)
    numeric = _NUMERIC.match(raw)
    if numeric:
        return _numeric(raw, *numeric.groups())
    return _words(raw)


def looks_like_date(text: str) -> bool:
    """Whether a short text is written as a date (numbers, month and weekday names), valid or not.

    >>> looks_like_date("17 juillet 2019"), looks_like_date("2019-13-45"), looks_like_date("limite dépassée")
    (True, True, False)
    """
    raw = text.strip()
    if not raw or len(raw) > 40 or not any(c.isdigit() for c in raw):
        return False
    if _NUMERIC.match(raw) or _TIMESTAMP.match(raw) or re.fullmatch(r"\d{1,4}", raw):
        return True
    for token in _TOKEN.findall(_fold(raw)):
        word = token.rstrip(".")
        if not (token.isdigit() or word in MONTHS or word in _WEEKDAYS or word in _FILLERS):
            return False
    return True
