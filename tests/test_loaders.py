"""Input formats and bad input: every problem is one LoadError naming the file (and line)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.extract import extract
from kg.facts import Article
from kg.loaders import (
    DEFAULT_MAX_BYTES,
    LoadError,
    decode,
    expand_inputs,
    iter_jsonl,
    load_articles,
    load_html_file,
    load_items,
    load_text_file,
    max_bytes,
)

# Our own sentences (not dev-set text): accents, typographic quotes, œ, €, dashes.
CLEAN = (
    "L’Égypte a signé en 2021 un contrat avec la Chine pour l’achat de drones Wing Loong.\n"
    "« Nous tenons parole », a assuré au Caire le ministre turc de la Défense, Mehmet Doğan.\n"
    "Washington a gelé une partie de l’aide au Caire — une mesure chiffrée à 130 millions d’€.\n"
    "L’œuvre de l’État : déjà « réglé », dit-on à Moscou.\n"
)
#: The same without characters ISO-8859-1 cannot hold (’, “, —, œ, €, ğ).
CLEAN_LATIN1 = (
    "L'Égypte a signé en 2021 un contrat avec la Chine pour l'achat de drones Wing Loong.\n"
    "« Nous tenons parole », a assuré au Caire le ministre turc de la Défense, Mehmet Dogan.\n"
    "Washington a gelé une partie de l'aide au Caire, une mesure chiffrée à 130 millions d'euros. Ça coûte.\n"
)
CLEAN_CP1252 = CLEAN.replace("ğ", "g")


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def same_extraction(a: Article, b: Article) -> None:
    """Both texts give the same entities and facts, whatever the engine finds."""
    ea, eb = extract(a, lang="fr"), extract(b, lang="fr")
    assert ea.facts == eb.facts
    assert ea.entities == eb.entities


# ---------------------------------------------------------------- encodings

@pytest.mark.parametrize(
    "clean, encode",
    [
        (CLEAN, lambda t: t.encode("utf-8")),
        (CLEAN, lambda t: b"\xef\xbb\xbf" + t.encode("utf-8")),
        (CLEAN, lambda t: t.encode("utf-16")),  # with BOM (little-endian here)
        (CLEAN, lambda t: b"\xfe\xff" + t.encode("utf-16-be")),
        (CLEAN, lambda t: t.encode("utf-16-le")),  # no BOM
        (CLEAN_CP1252, lambda t: t.encode("cp1252")),
        (CLEAN_LATIN1, lambda t: t.encode("iso-8859-1")),
        (CLEAN, lambda t: t.replace("\n", "\r\n").encode("utf-8")),
        (CLEAN_CP1252, lambda t: t.replace("\n", "\r").encode("cp1252")),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "utf16-le-nobom", "cp1252", "latin1", "crlf", "cr"],
)
def test_encodings_decode_to_the_clean_text(tmp_path, clean, encode):
    path = write(tmp_path / "messy.txt", encode("date 2021-09-14\n" + clean))
    article = load_text_file(path)
    assert article.text == clean
    assert article.date == "2021-09-14"
    assert "\r" not in article.text
    same_extraction(article, Article(article.id, "clean", clean, date="2021-09-14"))


def test_mixed_line_endings_are_normalised(tmp_path):
    path = write(tmp_path / "mixed.txt", b"date 2020-01\r\nline one\r\nline two\rline three\nend\n")
    article = load_text_file(path)
    assert article.text == "line one\nline two\nline three\nend\n"
    assert article.date == "2020-01"


def test_cp1252_quotes_and_ligatures():
    assert decode(b"\x93Rafale\x94 \x96 l\x92\x9cuvre \x80 \xc9tat") == "“Rafale” – l’œuvre € État"


def test_cp1252_undefined_bytes_do_not_fail():
    assert decode(b"caf\xe9 \x81 \x9d") == "café \x81 \x9d"


@pytest.mark.parametrize(
    "data, message",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
         r"bin\.txt: looks like a binary file, not text \(NUL byte at byte 8\)"),
        (bytes(range(1, 32)) * 40, r"bin\.txt: looks like a binary file, not text \(too many control characters\)"),
    ],
)
def test_binary_file(tmp_path, data, message):
    path = write(tmp_path / "bin.txt", data)
    with pytest.raises(LoadError, match=message):
        load_text_file(path)


# ------------------------------------------------------------- bad files

def test_empty_file(tmp_path):
    for name, data in (("empty.txt", b""), ("blank.txt", b"  \n\r\n\t")):
        path = write(tmp_path / name, data)
        with pytest.raises(LoadError, match=rf"^{path}: the file is empty$"):
            load_text_file(path)


def test_only_a_date_line(tmp_path):
    path = write(tmp_path / "d.txt", "date 2021-01-01\n\n")
    with pytest.raises(LoadError, match=r"d\.txt: the file has no text after its date line"):
        load_text_file(path)


def test_missing_path_and_pattern(tmp_path):
    with pytest.raises(LoadError, match=rf"^{tmp_path}/nope\.txt: no such file or folder$"):
        load_text_file(tmp_path / "nope.txt")
    [item] = list(load_items(tmp_path / "*.nothing"))
    assert str(item) == f"{tmp_path}/*.nothing: no file matches this pattern"


def test_folder_given_as_file(tmp_path):
    with pytest.raises(LoadError, match=r"is a folder, not a file"):
        load_text_file(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permission")
def test_unreadable_file(tmp_path):
    path = write(tmp_path / "secret.txt", "Un texte.")
    path.chmod(0)
    with pytest.raises(LoadError, match=r"secret\.txt: permission denied; check the file's read permission"):
        load_text_file(path)


def test_unreadable_file_simulated(tmp_path, monkeypatch):
    """The same path as above, for runs as root (where chmod 0 does not stop reading)."""
    path = write(tmp_path / "secret.txt", "Un texte.")

    def deny(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", deny)
    with pytest.raises(LoadError, match=rf"^{path}: permission denied; check the file's read permission$"):
        load_text_file(path)


def test_size_limit(tmp_path, monkeypatch):
    path = write(tmp_path / "big.txt", "a" * 1001)
    with pytest.raises(LoadError, match=r"big\.txt: 1,001 bytes is over the size limit of 1,000 bytes; "
                                        r"raise it with --max-bytes N or KG_MAX_BYTES=N"):
        load_text_file(path, limit=1000)
    assert load_text_file(path, limit=1001).text == "a" * 1001
    monkeypatch.setenv("KG_MAX_BYTES", "500")
    assert max_bytes() == 500
    with pytest.raises(LoadError, match="over the size limit of 500 bytes"):
        load_text_file(path)
    monkeypatch.setenv("KG_MAX_BYTES", "lots")
    with pytest.raises(LoadError, match=r"KG_MAX_BYTES='lots' is not a number of bytes"):
        max_bytes()
    monkeypatch.delenv("KG_MAX_BYTES")
    assert max_bytes() == DEFAULT_MAX_BYTES == 20 * 1024 * 1024


def test_fifty_megabytes_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:  # a sparse file: 50 MB without writing 50 MB
        f.truncate(50 * 1024 * 1024)
    with pytest.raises(LoadError, match=r"huge\.txt: 52,428,800 bytes is over the size limit of 20,971,520 bytes"):
        load_text_file(path)


# ------------------------------------------------------------ JSON Lines

def test_jsonl_good_and_bad_lines(tmp_path):
    lines = [
        '{"text": "Première dépêche : Paris livre des Rafale.", "date": "2021-03", "url": "https://ex.org/News/1", '
        '"title": "Un titre", "lang": "fr"}',
        '{"text": "broken", ',
        "",
        '{"text": "Third line.", "id": "my-id", "lang": "EN"}',
        '["not", "an", "object"]',
        '{"title": "no text"}',
        '{"text": "   "}',
        '{"text": "day first", "date": "14/09/2021"}',
        '{"text": "bad lang", "lang": "de"}',
        '{"text": "no id at all"}',
        '{"text": 42}',
        '{"text": "x", "title": 7}',
    ]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    items = list(iter_jsonl(path))
    good = [i for i in items if isinstance(i, Article)]
    errors = [str(i) for i in items if isinstance(i, LoadError)]
    assert [a.id for a in good] == ["https-ex-org-news-1", "my-id", "feed-8", "feed-10"]
    assert good[2].date == "2021-09-14"
    first = good[0]
    assert (first.text, first.date, first.title, first.lang, first.url, first.source) == (
        "Première dépêche : Paris livre des Rafale.", "2021-03", "Un titre", "fr", "https://ex.org/News/1",
        f"{path}:1")
    assert good[1].lang == "en"
    assert errors == [
        f"{path}, line 2: malformed JSON at column 20: Expecting property name enclosed in double quotes",
        f"{path}, line 5: expected a JSON object with a \"text\" field, got list",
        f"{path}, line 6: missing \"text\" field (a string)",
        f"{path}, line 7: the \"text\" field is empty",
        f"{path}, line 9: lang 'de' is not one of en, fr",
        f"{path}, line 11: missing \"text\" field (a string)",
        f"{path}, line 12: field 'title' must be a string, not int",
    ]


def test_jsonl_bom_crlf_and_not_utf8(tmp_path):
    data = b'\xef\xbb\xbf{"text": "un\\r\\ndeux"}\r\n{"text": "caf\xe9"}\r\n{"text": "ok"}'
    path = write(tmp_path / "f.ndjson", data)
    items = list(load_items(path))
    assert [i.text if isinstance(i, Article) else str(i) for i in items] == [
        "un\ndeux",
        f"{path}, line 2: not UTF-8 (byte 13 of the line); JSON Lines files must be UTF-8",
        "ok",
    ]


def test_jsonl_empty_and_overlong_line(tmp_path):
    empty = write(tmp_path / "e.jsonl", "\n\n")
    assert [str(i) for i in load_items(empty)] == [f"{empty}: the file is empty"]
    long = write(tmp_path / "l.jsonl", '{"text": "' + "x" * 5000 + '"}\n{"text": "short"}\n')
    items = list(load_items(long, limit=1000))
    assert str(items[0]) == (f"{long}, line 1: longer than the size limit of 1,000 bytes; "
                             "raise it with --max-bytes N or KG_MAX_BYTES=N")
    assert items[1].text == "short" and items[1].id == "l-2"


def test_load_articles_raises_the_first_problem(tmp_path):
    path = write(tmp_path / "f.jsonl", '{"text": "ok"}\nnope\n')
    with pytest.raises(LoadError, match=r"f\.jsonl, line 2: malformed JSON"):
        list(load_articles(path))


# ------------------------------------------------------------------ HTML

PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Le Caire commande des FREMM | Le Journal</title>
<meta property="og:title" content="Le Caire commande des FREMM">
<meta property="article:published_time" content="2022-07-27T10:00:00+02:00">
<script>var tracker = "SCRIPT-SHOULD-NOT-APPEAR";</script><style>.x{color:red}</style></head>
<body><nav><ul><li>Accueil</li><li>Monde</li><li>NAVIGATION-SHOULD-NOT-APPEAR</li></ul></nav>
<article><h1>Le Caire commande des FREMM</h1>
<p>L&rsquo;&Eacute;gypte a sign&eacute; un contrat avec l&rsquo;Italie pour l&rsquo;achat de deux fr&eacute;gates FREMM,
a annonc&eacute; le ministre de la D&eacute;fense &amp; des arm&eacute;es
&laquo;&nbsp;sans d&eacute;lai&nbsp;&raquo;.</p>
<p>Les premi&egrave;res livraisons sont pr&eacute;vues avant la fin de l&rsquo;ann&eacute;e, selon le communiqu&eacute;
publi&eacute; mercredi au Caire par le gouvernement &eacute;gyptien.</p></article>
<footer>Mentions l&eacute;gales FOOTER-SHOULD-NOT-APPEAR</footer></body></html>
"""


def test_html_page_main_text_title_date(tmp_path):
    article = load_html_file(write(tmp_path / "fremm.html", PAGE))
    assert article.id == "fremm"
    assert article.title == "Le Caire commande des FREMM"
    assert article.date == "2022-07-27"
    assert "L’Égypte a signé un contrat avec l’Italie pour l’achat de deux frégates FREMM" in article.text
    assert "Défense & des armées « sans délai »" in article.text
    assert "Les premières livraisons" in article.text
    for junk in ("SCRIPT-SHOULD", "NAVIGATION-SHOULD", "FOOTER-SHOULD", "&eacute;", "<p>", "color:red"):
        assert junk not in article.text


def test_html_legacy_encoding_declared_in_page(tmp_path):
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace("&rsquo;", "’").replace("&eacute;", "é")
    article = load_html_file(write(tmp_path / "fremm.htm", page.encode("cp1252")))
    assert "L’Égypte a signé un contrat avec l’Italie pour l’achat" in article.text


def test_html_without_text_and_binary(tmp_path):
    page = "<html><head><title>x</title></head><body><script>1</script></body></html>"
    empty = write(tmp_path / "nothing.html", page)
    with pytest.raises(LoadError, match=r"nothing\.html: no article text found in the HTML page"):
        load_html_file(empty)
    binary = write(tmp_path / "bin.html", b"\x00\x01\x02" * 100)
    with pytest.raises(LoadError, match=r"bin\.html: looks like a binary file"):
        load_html_file(binary)
    with pytest.raises(LoadError, match=r"e\.html: the file is empty"):
        load_html_file(write(tmp_path / "e.html", b""))


# ------------------------------------------------------- folders and globs

def test_expand_folders_globs_and_duplicates(tmp_path, monkeypatch):
    write(tmp_path / "news" / "b.txt", "b")
    write(tmp_path / "news" / "a.txt", "a")
    write(tmp_path / "news" / "a.json", "{}")  # a gold file: not an article
    write(tmp_path / "news" / ".hidden.txt", "h")
    write(tmp_path / "news" / ".git" / "x.txt", "x")
    write(tmp_path / "news" / "deep" / "er" / "c.md", "c")
    write(tmp_path / "news" / "deep" / "feed.jsonl", "{}")
    write(tmp_path / "news" / "deep" / "page.html", "<p>x</p>")
    write(tmp_path / "other" / "d.txt", "d")
    monkeypatch.chdir(tmp_path)
    assert [str(p) for p in expand_inputs(["news"])] == [
        "news/a.txt", "news/b.txt", "news/deep/feed.jsonl", "news/deep/page.html", "news/deep/er/c.md"]
    assert [str(p) for p in expand_inputs(["news/**/*.txt", "news/a.txt", "other/*.txt", "nope/*.txt"])] == [
        "news/a.txt", "news/b.txt", "other/d.txt", "nope/*.txt"]
    assert [str(p) for p in expand_inputs(["missing.txt", "news/a.json"])] == ["missing.txt", "news/a.json"]
