"""Read articles from files: text, JSON Lines, saved HTML pages; folders and globs.

Every input problem is a :class:`LoadError` whose one-line message names the
file (and the line or byte position where there is one). Batch readers yield
errors as values (:func:`load_items`), so one bad line or file never stops the
others. What is read, but not as given, is a :class:`LoadWarning` value: an
impossible date (the article is kept without it), a file that is not valid
UTF-8 (read as Windows-1252, with the byte where UTF-8 failed).

Formats, chosen by suffix:

- text (``.txt``, ``.text``, ``.md``, no suffix, anything else given
  explicitly): one article, optionally starting with a line ``date YYYY-MM[-DD]``
  (or ``date 17/07/2019``, ``date 17 juillet 2019``: :mod:`kg.dates`);
- JSON Lines (``.jsonl``, ``.ndjson``): one article per line, an object with
  ``text`` and optional ``date``, ``url``, ``title``, ``lang``, ``id``;
- HTML (``.html``, ``.htm``): the main text of a saved page (trafilatura),
  with its title and date when the page gives them.

Size limit: a text or HTML file larger than :func:`max_bytes` (default 20 MB,
``$KG_MAX_BYTES`` or ``kg ingest --max-bytes``) is refused with a message naming
the limit; JSON Lines files are read line by line in bounded memory, the limit
applying to each line.

>>> split_date_line("date 2021-09\\nAnkara achètera ...")
('2021-09', 'Ankara achètera ...')
>>> split_date_line("Date : 17 juillet 2019\\nAnkara achètera ...")
('17 juillet 2019', 'Ankara achètera ...')
>>> split_date_line("No date here.")
(None, 'No date here.')
>>> decode("Ankara achète".encode("cp1252"))
'Ankara achète'
>>> record_id({"url": "https://example.org/news/S-400 deal"}, "feed", 3)
'https-example-org-news-s-400-deal'
"""

from __future__ import annotations

import glob
import json
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.dates import DateError, looks_like_date, parse_date
from kg.facts import Article, slug

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
#: What a folder contributes: files with these suffixes (others, such as gold ``.json``, are left alone).
FOLDER_SUFFIXES = (TEXT_SUFFIXES - {""}) | JSONL_SUFFIXES | HTML_SUFFIXES

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
LANGS = {"fr", "en"}

_DATE_LINE = re.compile(r"^\s*date\s*[:=]?\s*(\d{4}(?:-\d{2}(?:-\d{2})?)?)\b[ \t]*\r?\n?", re.IGNORECASE)
_DATE_WHOLE_LINE = re.compile(r"^[ \t]*date[ \t]*[:=]?[ \t]*([^\n]*?)[ \t]*(?:\n|$)", re.IGNORECASE)
_GLOB_CHARS = re.compile(r"[*?\[]")
#: Scripts a legacy 8-bit file may be in that Windows-1252 cannot represent.
#: The five bytes Windows-1252 leaves undefined decode as ISO-8859-1 (C1 controls).
_CP1252_HOLES = {0x81: "\x81", 0x8D: "\x8d", 0x8F: "\x8f", 0x90: "\x90", 0x9D: "\x9d"}


class LoadError(ValueError):
    """An input file (or line) cannot be read as an article; the message names it."""


@dataclass(frozen=True)
class LoadWarning:
    """Something read, but not as given (the article is still read); the message names the file."""

    message: str

    def __str__(self) -> str:
        return self.message


#: Where the readers report a :class:`LoadWarning` message (default: the ``kg.loaders`` logger).
Warn = Callable[[str], None]


def _log_warning(message: str) -> None:
    log.warning("%s", message)


def checked_date(value: str | None, where: str, warn: Warn | None = None, what: str = "date") -> str | None:
    """``value`` as an ISO date (:func:`kg.dates.parse_date`); an impossible one is warned about and dropped.

    >>> checked_date("17/07/2019", "a.txt")
    '2019-07-17'
    >>> checked_date("2019-13-45", "a.txt", warn=print)
    a.txt: date '2019-13-45' is not a calendar date; the article is stored without a date
    """
    if value is None or not value.strip():
        return None
    try:
        return parse_date(value)
    except DateError as e:
        detail = str(e).replace(f"{value.strip()!r} ", "", 1)
        (warn or _log_warning)(f"{where}: {what} {value.strip()!r} {detail}; the article is stored without a date")
        return None


def max_bytes(limit: int | None = None) -> int:
    """The size limit in bytes: ``limit``, else ``$KG_MAX_BYTES``, else 20 MB.

    >>> max_bytes(1000)
    1000
    """
    if limit is not None:
        if limit <= 0:
            raise LoadError(f"the size limit must be a positive number of bytes, not {limit}")
        return limit
    env = os.environ.get("KG_MAX_BYTES", "").strip()
    if not env:
        return DEFAULT_MAX_BYTES
    try:
        value = int(env)
    except ValueError:
        raise LoadError(f"KG_MAX_BYTES={env!r} is not a number of bytes; set it to e.g. 50000000") from None
    return max_bytes(value)


def split_date_line(text: str) -> tuple[str | None, str]:
    """Separate a leading date line from the text: the date as written (not yet checked), and the rest.

    A first line ``date VALUE`` (also ``Date: VALUE``) is a date line when
    VALUE is written as a date (:func:`kg.dates.looks_like_date`), whether or
    not it is a real one, so it never stays in the article text. A line
    starting ``date YYYY-MM-DD`` followed by text keeps the text.
    """
    whole = _DATE_WHOLE_LINE.match(text)
    if whole and looks_like_date(whole.group(1)):
        return whole.group(1), text[whole.end():].lstrip(" \t")
    match = _DATE_LINE.match(text)
    if not match:
        return None, text
    return match.group(1), text[match.end():].lstrip(" \t")


def normalise_newlines(text: str) -> str:
    r"""``\r\n`` and lone ``\r`` become ``\n``.

    >>> normalise_newlines("a\r\nb\rc\n")
    'a\nb\nc\n'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _binary_error(name: str, data: bytes) -> LoadError | None:
    nul = data.find(b"\x00", 0, 8192)
    if nul >= 0:
        return LoadError(f"{name}: looks like a binary file, not text (NUL byte at byte {nul})")
    return None


def _looks_binary(text: str) -> bool:
    """Many control characters (other than tab, newlines, form feed) mean it is not text."""
    sample = text[:8192]
    if not sample:
        return False
    controls = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f") or 0x7F <= ord(c) < 0xA0)
    return controls > max(2, len(sample) // 50)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM: every other byte is NUL in Latin text."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4096]
    for encoding, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if zeros.count(0) >= 0.9 * len(zeros):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _cp1252(data: bytes) -> str:
    """Windows-1252 (a superset of ISO-8859-1's printable characters)."""
    if not any(b in _CP1252_HOLES for b in data):
        return data.decode("cp1252")
    return "".join(_CP1252_HOLES.get(b) or bytes([b]).decode("cp1252") for b in data)


def _legacy(data: bytes) -> str:
    """Decode a non-UTF-8 8-bit text as Windows-1252.

    French and English news in a legacy encoding is Windows-1252 or
    ISO-8859-1; decoding both as Windows-1252 is exact for the second's
    printable range and gets the first's curly quotes, dashes, ``€`` and ``œ``
    right. Guessing other code pages from short texts (charset detectors
    offer cp1250, cp1257, Greek or CJK for plain French) does more harm than
    good for a tool that reads French and English.
    """
    return _cp1252(data)


def decode(data: bytes, name: str = "input", warn: Warn | None = None) -> str:
    r"""Bytes as text, with normalised newlines.

    UTF-8 (with or without BOM), UTF-16 (with BOM, or plainly so without),
    else Windows-1252 / ISO-8859-1, with a warning through ``warn`` that
    names the first byte that is not UTF-8. Binary data is a :class:`LoadError`.

    >>> decode(b"\xef\xbb\xbfL\xe2\x80\x99\xc3\x89tat\r\n")
    'L’État\n'
    >>> decode("« Œuvre »".encode("utf-16"))
    '« Œuvre »'
    >>> decode(b"\x93S-400\x94 \xe0 Ankara")
    '“S-400” à Ankara'
    """
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return normalise_newlines(data[3:].decode("utf-8"))
        except UnicodeDecodeError as e:
            raise LoadError(f"{name}: not valid UTF-8 despite its BOM (byte {e.start + 3})") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return normalise_newlines(data.decode("utf-16"))
        except UnicodeDecodeError as e:
            raise LoadError(f"{name}: not valid UTF-16 despite its BOM (byte {e.start})") from None
    if b"\x00" in data[:8192]:
        text = _utf16_without_bom(data)
        if text is None or _looks_binary(text):
            raise _binary_error(name, data)  # type: ignore[misc]
        return normalise_newlines(text)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        text = _legacy(data)
        if not _looks_binary(text):
            (warn or _log_warning)(f"{name}: not valid UTF-8 (byte {e.start}: 0x{data[e.start]:02x}); "
                                   "read as Windows-1252")
    if _looks_binary(text):
        raise LoadError(f"{name}: looks like a binary file, not text (too many control characters)")
    return normalise_newlines(text)


def article_id(path: Path) -> str:
    """The article id of a file: the slug of its name without suffix.

    >>> article_id(Path("news/Seed S400 Turquie.txt"))
    'seed-s400-turquie'
    """
    return slug(path.stem) or "article"


def record_id(record: dict, stem: str, line: int) -> str:
    """The id of a JSON Lines record: its ``id``, else the slug of its ``url``, else ``<file stem>-<line>``."""
    if record.get("id") not in (None, ""):
        return str(record["id"])
    url = record.get("url")
    if isinstance(url, str) and slug(url):
        return slug(url)
    return f"{slug(stem) or 'article'}-{line}"


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a file (at most the size limit), with one-line errors for every way that fails."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise IsADirectoryError
        if size > max_bytes(limit):
            raise LoadError(
                f"{path}: {size:,} bytes is over the size limit of {max_bytes(limit):,} bytes; "
                "raise it with --max-bytes N or KG_MAX_BYTES=N"
            )
        return path.read_bytes()
    except FileNotFoundError:
        if _GLOB_CHARS.search(str(path)):
            raise LoadError(f"{path}: no file matches this pattern") from None
        raise LoadError(f"{path}: no such file or folder") from None
    except IsADirectoryError:
        raise LoadError(f"{path}: is a folder, not a file") from None
    except PermissionError:
        raise LoadError(f"{path}: permission denied; check the file's read permission") from None
    except OSError as e:
        raise LoadError(f"{path}: cannot read: {e.strerror or e}") from None


def load_text_file(path: Path, limit: int | None = None, warn: Warn | None = None) -> Article:
    """One article from a text file; what it reads otherwise than given goes to ``warn`` (default: logged)."""
    path = Path(path)
    data = read_bytes(path, limit)
    if not data.strip():
        raise LoadError(f"{path}: the file is empty")
    return text_article(decode(data, str(path), warn), str(path), warn, article_id(path))


def text_article(text: str, source: str, warn: Warn | None = None, ident: str | None = None) -> Article:
    """One article from decoded text, with its leading date line checked (``source`` names it in messages).

    >>> text_article("date 17 juillet 2019\\nAnkara achète.", "stdin").date
    '2019-07-17'
    """
    raw_date, body = split_date_line(text)
    if not body.strip():
        raise LoadError(f"{source}: the file has no text after its date line" if raw_date else f"{source}: no text")
    date = checked_date(raw_date, source, warn, "date line")
    return Article(id=ident or slug(source) or "article", source=source, text=body, date=date)


def iter_jsonl_text(text: str, name: str) -> Iterator[Article | LoadError | LoadWarning]:
    """The articles of JSON Lines already decoded (standard input), as :func:`iter_jsonl` gives them."""
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        warnings: list[str] = []
        try:
            article = parse_record(line, Path(name), number, warnings.append)
        except LoadError as e:
            yield e
            continue
        yield from map(LoadWarning, warnings)
        yield article


def load_html_file(path: Path, limit: int | None = None, warn: Warn | None = None) -> Article:
    """One article from a saved HTML page: its main text, title and date (trafilatura)."""
    import trafilatura

    path = Path(path)
    data = read_bytes(path, limit)
    if not data.strip():
        raise LoadError(f"{path}: the file is empty")
    bad = _binary_error(str(path), data)
    if bad is not None and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise bad
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = decode(data, str(path)).encode("utf-8")
    else:
        data = _html_bytes(data, str(path), warn)
    try:
        doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False)
    except Exception as e:  # noqa: BLE001 - a third-party parser on hostile input
        raise LoadError(f"{path}: cannot parse the HTML page: {type(e).__name__}") from None
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise LoadError(f"{path}: no article text found in the HTML page")
    date = checked_date(getattr(doc, "date", None), str(path), warn, "page date")
    title = (getattr(doc, "title", None) or "").strip() or None
    url = getattr(doc, "url", None) or None
    return Article(id=article_id(path), source=str(path), text=normalise_newlines(text), date=date,
                   title=title, url=url)


_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _html_bytes(data: bytes, name: str, warn: Warn | None) -> bytes:
    """A page that is not UTF-8 and declares no other charset: read as Windows-1252, with a warning."""
    try:
        data.decode("utf-8")
        return data
    except UnicodeDecodeError as e:
        declared = _CHARSET.search(data[:4096])
        if declared and declared.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
            return data  # the page says which encoding it uses
        (warn or _log_warning)(f"{name}: not valid UTF-8 (byte {e.start}: 0x{data[e.start]:02x}) and no other "
                               "charset declared; read as Windows-1252")
        return _cp1252(data).encode("utf-8")


def _optional_str(record: dict, key: str, where: str) -> str | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise LoadError(f"{where}: field {key!r} must be a string, not {type(value).__name__}")
    return value


def _no_surrogates(text: str) -> str:
    r"""Lone UTF-16 surrogates (JSON ``"\ud800"``) cannot be stored: they become U+FFFD; pairs are joined.

    >>> _no_surrogates("a\ud800b \ud83d\ude80")
    'a�b 🚀'
    """
    if not any("\ud800" <= c <= "\udfff" for c in text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def parse_record(line: str, path: Path, number: int, warn: Warn | None = None) -> Article:
    """One JSON Lines record as an article (``number`` is the 1-based line number)."""
    where = f"{path}, line {number}"
    line = line.rstrip("\r\n")
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        raise LoadError(f"{where}: malformed JSON at column {e.pos + 1}: {e.msg}") from None
    except RecursionError:
        raise LoadError(f"{where}: malformed JSON: nested too deeply") from None
    if not isinstance(record, dict):
        raise LoadError(f"{where}: expected a JSON object with a \"text\" field, got {type(record).__name__}")
    record = {k: _no_surrogates(v) if isinstance(v, str) else v for k, v in record.items()}
    text = record.get("text")
    if not isinstance(text, str):
        raise LoadError(f"{where}: missing \"text\" field (a string)")
    if not text.strip():
        raise LoadError(f"{where}: the \"text\" field is empty")
    date = checked_date(_optional_str(record, "date", where), where, warn)
    lang = _optional_str(record, "lang", where)
    if lang is not None:
        lang = lang.lower()
        if lang not in LANGS:
            raise LoadError(f"{where}: lang {lang!r} is not one of {', '.join(sorted(LANGS))}")
    url = _optional_str(record, "url", where)
    title = _optional_str(record, "title", where)
    if isinstance(record.get("id"), (dict, list)):
        raise LoadError(f"{where}: field 'id' must be a string or a number")
    ident = record_id(record, path.stem, number)
    if not slug(ident):
        raise LoadError(f"{where}: id {ident!r} has no letters or digits")
    return Article(id=ident, source=f"{path}:{number}", text=normalise_newlines(text), date=date, lang=lang,
                   title=title, url=url)


def iter_jsonl(path: Path, limit: int | None = None) -> Iterator[Article | LoadError | LoadWarning]:
    """The articles of a JSON Lines file (plain or gzip'd), line by line (bounded memory); bad lines as
    errors, warnings before the article they are about (:func:`iter_jsonl_range` over the whole file)."""
    return iter_jsonl_range(path, 1, None, limit)


def file_format(path: Path) -> str:
    """``text``, ``jsonl`` or ``html``, from the file's suffix.

    >>> file_format(Path("feed.NDJSON")), file_format(Path("page.htm")), file_format(Path("a.txt"))
    ('jsonl', 'html', 'text')
    """
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in HTML_SUFFIXES:
        return "html"
    return "text"


def load_items(path: Path, limit: int | None = None) -> Iterator[Article | LoadError | LoadWarning]:
    """The articles a file holds, each problem yielded as a :class:`LoadError` value and each
    warning as a :class:`LoadWarning` (before the article it is about)."""
    path = Path(path)
    kind = file_format(path)
    if (kind == "jsonl" or path.name.lower().endswith(GZIP_JSONL_SUFFIXES)) and not path.is_dir():
        yield from iter_jsonl(path, limit)
        return
    warnings: list[str] = []
    try:
        article = (load_html_file if kind == "html" else load_text_file)(path, limit, warnings.append)
    except LoadError as e:
        yield e
        return
    yield from map(LoadWarning, warnings)
    yield article


def load_articles(path: Path, limit: int | None = None) -> Iterator[Article]:
    """The articles a file holds; the first problem raises :class:`LoadError`; warnings are logged."""
    for item in load_items(Path(path), limit):
        if isinstance(item, LoadError):
            raise item
        if isinstance(item, LoadWarning):
            _log_warning(item.message)
            continue
        yield item


def folder_files(folder: Path) -> list[Path]:
    """The article files of a folder, recursively, sorted, hidden ones left out."""
    found = []
    for root, dirs, files in os.walk(folder, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            p = Path(root) / name
            if p.suffix.lower() in FOLDER_SUFFIXES:
                found.append(p)
    return found


def expand_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """Files to read from command-line inputs: files, folders (recursively) and glob patterns.

    Patterns are expanded here, so quoted globs work (``'news/**/*.txt'``). A
    folder contributes its text, JSON Lines and HTML files, hidden ones left
    out. Inputs that match nothing are kept, so reading them reports the
    problem. Each file appears once, in the order given (sorted within a
    folder or pattern).
    """
    out: list[Path] = []
    seen: set[str] = set()

    def add(p: Path) -> None:
        try:
            key = str(p.resolve())
        except OSError:
            key = str(p)
        if key not in seen:
            seen.add(key)
            out.append(p)

    for item in inputs:
        text = str(item)
        path = Path(text)
        if path.is_dir():
            for p in folder_files(path):
                add(p)
        elif not path.exists() and _GLOB_CHARS.search(text):
            matches = sorted(glob.glob(os.path.expanduser(text), recursive=True))
            if not matches:
                add(path)
            for m in matches:
                mp = Path(m)
                if mp.is_dir():
                    for p in folder_files(mp):
                        add(p)
                else:
                    add(mp)
        else:
            add(path)
    return out


# ------------------------------------------------------------------ streaming inputs (kg extract)
#
# Additions for reading large dumps in pieces: gzip'd JSON Lines, line ranges of a
# JSON Lines file (one batch of a shard), and folders that also hold ``*.jsonl.gz``.

#: gzip'd JSON Lines, the usual shape of news dumps.
GZIP_JSONL_SUFFIXES = (".jsonl.gz", ".ndjson.gz")


def is_jsonl(path: Path) -> bool:
    """Whether ``path`` is JSON Lines, plain or gzip'd.

    >>> is_jsonl(Path("feed.jsonl.gz")), is_jsonl(Path("a.ndjson")), is_jsonl(Path("a.txt"))
    (True, True, False)
    """
    name = path.name.lower()
    return name.endswith(GZIP_JSONL_SUFFIXES) or path.suffix.lower() in JSONL_SUFFIXES


def _open_lines(path: Path):
    """A binary handle on a JSON Lines file, decompressing ``.gz`` as it reads."""
    import gzip

    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return path.open("rb")


def open_error(path: Path, e: OSError) -> LoadError:
    """The one-line error for a file that cannot be opened or read (missing, a folder, no permission,
    not gzip)."""
    if isinstance(e, FileNotFoundError):
        return LoadError(f"{path}: no such file or folder")
    if isinstance(e, PermissionError):
        return LoadError(f"{path}: permission denied; check the file's read permission")
    if isinstance(e, IsADirectoryError):
        return LoadError(f"{path}: is a folder, not a file")
    if type(e).__name__ == "BadGzipFile" or isinstance(e, EOFError):
        return LoadError(f"{path}: not a valid gzip file ({e})")
    return LoadError(f"{path}: cannot read: {e.strerror or e}")


def count_lines(path: Path) -> int:
    """How many lines a JSON Lines file (plain or gzip'd) has, read in bounded memory.

    Raises :class:`LoadError` when the file cannot be read.
    """
    path = Path(path)
    count = 0
    last = b"\n"
    try:
        with _open_lines(path) as handle:
            while True:
                block = handle.read(1 << 20)
                if not block:
                    break
                count += block.count(b"\n")
                last = block[-1:]
    except (OSError, EOFError) as e:
        raise open_error(path, e) from None
    return count + (last != b"\n")


def iter_jsonl_range(path: Path, start: int = 1, stop: int | None = None,
                     limit: int | None = None) -> Iterator[Article | LoadError | LoadWarning]:
    """The articles on lines ``start`` to ``stop - 1`` (1-based; ``stop=None``: to the end) of a
    JSON Lines file, plain or gzip'd, streaming; bad lines as errors, warnings before their article.

    The whole file (``start=1, stop=None``) with no text in it is reported as empty.
    """
    path = Path(path)
    cap = max_bytes(limit)
    try:
        handle = _open_lines(path)
    except OSError as e:
        yield open_error(path, e)
        return
    seen_text = False
    number = 0
    with handle:
        while stop is None or number + 1 < stop:
            try:
                raw = handle.readline(cap + 1)
            except (OSError, EOFError) as e:
                yield open_error(path, e)
                return
            if not raw:
                break
            number += 1
            long_line = len(raw) > cap and not raw.endswith(b"\n")
            if long_line:
                while raw and not raw.endswith(b"\n"):  # skip the rest of the line
                    raw = handle.readline(1 << 20)
            if number < start:
                continue
            if long_line:
                yield LoadError(f"{path}, line {number}: longer than the size limit of {cap:,} bytes; "
                                "raise it with --max-bytes N or KG_MAX_BYTES=N")
                continue
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            seen_text = True
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                yield LoadError(f"{path}, line {number}: not UTF-8 (byte {e.start} of the line); "
                                "JSON Lines files must be UTF-8")
                continue
            warnings: list[str] = []
            try:
                article = parse_record(line, path, number, warnings.append)
            except LoadError as e:
                yield e
                continue
            yield from map(LoadWarning, warnings)
            yield article
    if not seen_text and start <= 1 and stop is None:
        yield LoadError(f"{path}: the file is empty")


def expand_all_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """:func:`expand_inputs`, with the ``*.jsonl.gz`` and ``*.ndjson.gz`` files of folders too.

    >>> expand_all_inputs([]) == []
    True
    """
    files = expand_inputs(inputs)
    seen = {str(p) for p in files}
    folders = []
    for item in inputs:
        text = str(item)
        if Path(text).is_dir():
            folders.append(Path(text))
        elif not Path(text).exists() and _GLOB_CHARS.search(text):
            folders += [Path(m) for m in sorted(glob.glob(os.path.expanduser(text), recursive=True))
                        if Path(m).is_dir()]
    for folder in folders:
        for root, dirs, names in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                p = Path(root) / name
                if not name.startswith(".") and name.lower().endswith(GZIP_JSONL_SUFFIXES) and str(p) not in seen:
                    seen.add(str(p))
                    files.append(p)
    return files


__all__ = [
    "DEFAULT_MAX_BYTES",
    "LoadError",
    "LoadWarning",
    "checked_date",
    "article_id",
    "decode",
    "expand_inputs",
    "file_format",
    "folder_files",
    "iter_jsonl",
    "iter_jsonl_text",
    "load_articles",
    "load_html_file",
    "load_items",
    "load_text_file",
    "max_bytes",
    "normalise_newlines",
    "parse_record",
    "read_bytes",
    "record_id",
    "split_date_line",
    "text_article",
]
__all__ += ["GZIP_JSONL_SUFFIXES", "count_lines", "expand_all_inputs", "is_jsonl", "iter_jsonl_range"]
