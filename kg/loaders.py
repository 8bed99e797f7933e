"""Read articles from files: plain text (with an optional leading ``date`` line).

>>> split_date_line("date 2021-09\\nAnkara achètera ...")
('2021-09', 'Ankara achètera ...')
>>> split_date_line("No date here.")
(None, 'No date here.')
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from kg.facts import Article, slug

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}

_DATE_LINE = re.compile(r"^\s*date\s*[:=]?\s*(\d{4}(?:-\d{2}(?:-\d{2})?)?)\b[ \t]*\r?\n?", re.IGNORECASE)


class LoadError(ValueError):
    """An input file cannot be read as an article; the message names the file."""


def split_date_line(text: str) -> tuple[str | None, str]:
    """Separate a leading ``date YYYY-MM[-DD]`` line (or prefix) from the text."""
    match = _DATE_LINE.match(text)
    if not match:
        return None, text
    return match.group(1), text[match.end():].lstrip(" \t")


def decode(data: bytes, name: str = "input") -> str:
    """Bytes as text: UTF-8 (with or without BOM), else the detected legacy encoding."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError(f"{name}: looks like a binary file, not text")
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace") if encoding == "utf-8" else data.decode(encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return data.decode("cp1252", errors="replace")


def article_id(path: Path) -> str:
    """The article id of a file: the slug of its name without suffix."""
    return slug(path.stem) or "article"


def load_text_file(path: Path) -> Article:
    """One article from a text file."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LoadError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise LoadError(f"{path}: is a folder, not a file") from None
    except PermissionError:
        raise LoadError(f"{path}: permission denied; check the file's read permission") from None
    text = decode(data, str(path))
    date, body = split_date_line(text)
    if not body.strip():
        raise LoadError(f"{path}: the file is empty")
    return Article(id=article_id(path), source=str(path), text=body, date=date)


def load_articles(path: Path) -> Iterator[Article]:
    """The articles a file holds (one for a text file)."""
    yield load_text_file(Path(path))
