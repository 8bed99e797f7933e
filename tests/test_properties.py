"""Property-based tests (Hypothesis): thousands of generated inputs through the loaders, the extractor
and the SIPRI importer raise nothing but LoadError, and what they produce passes SHACL validation.

Sizes: about 6,000 generated inputs in all (bytes, texts, JSON lines, sentences, SIPRI rows); the
file runs in well under a minute. SHACL runs once per example over the union of its graphs.
"""

from __future__ import annotations

import json
import random
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract import extract
from kg.facts import Article
from kg.loaders import LoadError, LoadWarning, decode, load_items, normalise_newlines, parse_record
from kg.mapping import new_graph, to_graph
from kg.validate import validate_graph

from .conftest import SIPRI  # noqa: TID252

FAST = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ------------------------------------------------------------------ decoder

@FAST
@given(st.binary(max_size=600))
def test_decode_random_bytes_gives_text_or_load_error(data):
    try:
        text = decode(data, "gen.bin")
    except LoadError as e:
        assert str(e).startswith("gen.bin: ")
        assert "\n" not in str(e)
        return
    assert isinstance(text, str)
    assert "\r" not in text


printable = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn")), min_size=1, max_size=200)


@settings(max_examples=600, deadline=None)
@given(printable, st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_unicode_encodings_round_trip(text, encoding):
    assert decode(text.encode(encoding)) == normalise_newlines(text)


latin = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF, blacklist_categories=("Cc",)),
                min_size=1, max_size=200)


@settings(max_examples=400, deadline=None)
@given(latin)
def test_latin1_and_cp1252_texts_decode_exactly(text):
    """ISO-8859-1 text is Windows-1252 text (printable range), unless it happens to be valid UTF-8."""
    data = text.encode("latin-1")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        assert decode(data) in (text, )  # not UTF-8: decoded as Windows-1252, exactly
    else:
        assert decode(data) == data.decode("utf-8")


# --------------------------------------------------------------- JSON Lines

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
records = st.fixed_dictionaries(
    {"text": st.one_of(st.text(max_size=80), json_values)},
    optional={"date": st.one_of(st.sampled_from(["2021", "2021-09", "2021-09-14", "14/09/2021", ""]), json_values),
              "url": st.one_of(st.text(max_size=40), json_values),
              "title": st.one_of(st.text(max_size=40), json_values),
              "lang": st.sampled_from(["fr", "en", "EN", "de", "", None]),
              "id": st.one_of(st.text(max_size=20), st.integers(), json_values)},
)


@FAST
@given(st.one_of(records.map(json.dumps), st.text(max_size=80), json_values.map(json.dumps)))
def test_any_json_line_is_an_article_or_a_load_error(line):
    try:
        article = parse_record(line, Path("feed.jsonl"), 7)
    except LoadError as e:
        assert str(e).startswith("feed.jsonl, line 7: ")
        assert "\n" not in str(e)
        return
    assert article.text.strip()
    assert article.id
    assert article.date is None or len(article.date) in (4, 7, 10)
    article.text.encode("utf-8")  # storable: no lone surrogates


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(records.map(json.dumps), st.binary(max_size=40).map(lambda b: b.decode("latin-1"))),
                max_size=8))
def test_a_jsonl_file_yields_one_item_per_nonblank_line(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("j") / "f.jsonl"
    body = "\n".join(line.replace("\n", " ").replace("\r", " ") for line in lines)
    path.write_bytes(body.encode("utf-8", "surrogatepass"))
    everything = list(load_items(path))
    items = [i for i in everything if not isinstance(i, LoadWarning)]  # a warning comes before its article
    nonblank = [raw for raw in path.read_bytes().split(b"\n") if raw.strip()]
    expected = [raw for i, raw in enumerate(nonblank) if not (i == 0 and raw.strip() == b"\xef\xbb\xbf")]
    assert len(items) == max(len(expected), 1)
    assert all(isinstance(i, (Article, LoadError)) for i in items)
    assert all(isinstance(nxt, Article) for w, nxt in zip(everything, everything[1:]) if isinstance(w, LoadWarning))


# ---------------------------------------------------------------- extractor

WORDS = ("La Russie", "la Turquie", "Ankara", "Moscou", "Washington", "les États-Unis", "la France", "l'Inde",
         "l'OTAN", "Vladimir Poutine", "Recep Tayyip Erdoğan", "Emmanuel Macron", "Russia", "Turkey", "Poland",
         "NATO", "the United States", "South Korea", "Egypt")
WEAPONS = ("S-400", "F-35", "Rafale", "Patriot", "K2", "Leopard 2", "S-300", "Mistral", "Su-35")
TEMPLATES = (
    "{a} a livré des {w} à {b} en {y}.",
    "{a} a signé un contrat avec {b} pour l'achat de {n} {w}.",
    "{a} achètera {n} {w} à {b}, a annoncé {c}.",
    "{a} refuse de vendre des {w} à {b}.",
    "{a} a exclu {b} du programme {w} en {y} après l'achat de {v}.",
    "{a} delivered {n} {w} to {b} in {y}.",
    "{a} signed a deal with {b} for {w} systems, {c} said.",
    "{a} imposed sanctions on {b} over its purchase of {w}.",
    "{a}, a member of NATO, ordered {w} from {b}.",
    "Le président de {a}, {c}, a reçu son homologue de {b}.",
)


@st.composite
def articles(draw) -> str:
    """Sentences we compose, then shuffled, truncated, glued, and mixed with random Unicode."""
    rnd = random.Random(draw(st.integers(0, 2**32)))
    n = draw(st.integers(1, 8))
    sentences = [
        rnd.choice(TEMPLATES).format(a=rnd.choice(WORDS), b=rnd.choice(WORDS), c=rnd.choice(WORDS),
                                     w=rnd.choice(WEAPONS), v=rnd.choice(WEAPONS), n=rnd.randint(1, 500),
                                     y=rnd.randint(1950, 2030))
        for _ in range(n)
    ]
    rnd.shuffle(sentences)
    mode = draw(st.sampled_from(["plain", "truncated", "glued", "noise", "unicode", "words"]))
    text = " ".join(sentences)
    if mode == "truncated":
        text = text[: draw(st.integers(1, max(1, len(text))))]
    elif mode == "glued":
        text = "".join(sentences).replace(" ", rnd.choice([" ", "\u00a0", "\u200b", "\n", "  "]))
    elif mode == "noise":
        noise = draw(st.text(max_size=40))
        cut = rnd.randint(0, len(text))
        text = text[:cut] + noise + text[cut:]
    elif mode == "unicode":
        text = draw(st.text(min_size=1, max_size=300))
    elif mode == "words":
        pool = list(WORDS + WEAPONS) + ["à", "de", "a", "livré", "signé", "achète", ".", ",", "«", "»", "2017"]
        text = " ".join(rnd.choice(pool) for _ in range(rnd.randint(1, 40)))
    return text.encode("utf-8", "replace").decode("utf-8")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(articles(), min_size=20, max_size=30), st.sampled_from([None, "fr", "en"]))
def test_extraction_never_fails_and_its_graph_validates(texts, lang):
    union = new_graph()
    for i, text in enumerate(texts):
        article = Article(f"gen-{i}", "generated", text, date="2021-09")
        extraction = extract(article, lang=lang)
        for fact in extraction.facts:
            assert type(fact).__name__ in {"Leader", "Official", "Member", "Deal", "Agreement", "Sanction", "Maker"}
        for triple in to_graph(extraction, content_hash="0" * 64):
            union.add(triple)
    report = validate_graph(union)
    assert report.conforms, report.text


# -------------------------------------------------------------------- SIPRI

def _sipri_module():
    try:
        import kg.sipri as sipri
    except ImportError:
        pytest.skip("kg.sipri is not there yet")
    return sipri


REGISTER = SIPRI / "trade-register-2025-03-13.csv"
cell = st.one_of(st.sampled_from(["", "?", "2017", "12", "S-400 Triumf", "SAM system", "Turkiye", "Russia",
                                  "unknown supplier(s)", "Hamas*", "NATO**", "2018; 2019", "New", "1.5"]),
                 st.text(alphabet=string.printable.replace("\r", "").replace("\n", ""), max_size=12),
                 st.text(max_size=8))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(cell, min_size=0, max_size=18), min_size=1, max_size=12), st.booleans())
def test_sipri_rows_import_or_are_reported(tmp_path_factory, rows, cut):
    """Generated rows under a real header: imported or reported, never a crash; the graph validates."""
    sipri = _sipri_module()
    if not REGISTER.exists():
        pytest.skip("../shared/data/sipri is not beside the checkout")
    from kg.store import open_store

    head = REGISTER.read_bytes().split(b"\n")[:13]  # the notes and the header line (read, not copied)
    body = "\n".join(",".join(json.dumps(c) if ("," in c or '"' in c) else c for c in row) for row in rows)
    data = b"\n".join(head) + b"\n" + body.encode("iso-8859-1", "replace")
    if cut:
        data = data[: len(data) - len(data) // 7]
    path = tmp_path_factory.mktemp("s") / "trade-register-generated.csv"
    path.write_bytes(data)
    store = open_store(":memory:", write=True)
    try:
        report = sipri.import_sipri(store, path)
    except LoadError as e:
        assert "\n" not in str(e)
        return
    assert report is not None
    import io

    from rdflib import Graph

    out = io.BytesIO()
    store.export(out, "ntriples")
    graph = Graph().parse(data=out.getvalue(), format="nt")
    result = validate_graph(graph)
    assert result.conforms, result.text
