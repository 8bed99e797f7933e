"""Gazetteers: names, metonyms, demonyms, alliances, weapons, people (sentences written for the tests)."""

from __future__ import annotations

import pytest

from kg.extract.gazetteer import load
from kg.extract.people import person_key
from kg.extract.tables import read_table
from kg.extract.tokens import tokenize


def names(text: str, lang: str | None = None) -> list[tuple[str, str]]:
    return [(h.kind, h.value) for h in load().match_names(tokenize(text), lang)]


def test_every_un_member_has_an_iso3_key_and_both_names():
    rows = read_table("countries.tsv")
    iso = [r["iso3"] for r in rows]
    assert len(iso) == len(set(iso))
    assert len(rows) >= 195
    for r in rows:
        assert len(r["iso3"]) == 3 and r["iso3"].isupper()
        assert r["name_en"] and r["name_fr"]


@pytest.mark.parametrize("text,iso3", [
    ("Türkiye", "TUR"), ("Turkiye", "TUR"), ("Turquie", "TUR"), ("Etats-Unis", "USA"), ("États-Unis", "USA"),
    ("USA", "USA"), ("U.S.", "USA"), ("Royaume-Uni", "GBR"), ("Corée du Sud", "KOR"), ("Soviet Union", "SUN"),
])
def test_country_variants(text, iso3):
    assert names(text) == [("country", iso3)]


@pytest.mark.parametrize("text,iso3", [
    ("Ankara", "TUR"), ("Washington", "USA"), ("Moscou", "RUS"), ("Moscow", "RUS"), ("Kremlin", "RUS"),
    ("Maison Blanche", "USA"), ("White House", "USA"), ("Pentagone", "USA"), ("Downing Street", "GBR"),
    ("Riyad", "SAU"), ("Riyadh", "SAU"), ("Pékin", "CHN"), ("Beijing", "CHN"),
])
def test_capitals_and_seats_of_power_are_metonyms(text, iso3):
    assert names(text) == [("metonym", iso3)]


@pytest.mark.parametrize("form,iso3", [
    ("turc", "TUR"), ("turque", "TUR"), ("turcs", "TUR"), ("turques", "TUR"), ("russes", "RUS"),
    ("américaines", "USA"), ("Russian", "RUS"), ("Polish", "POL"),
])
def test_demonyms_in_every_gender_and_number(form, iso3):
    hits = load().demonyms.match(tokenize(form))
    assert [(h.value) for h in hits] == [iso3]


def test_english_demonyms_need_their_capital():
    assert load().demonyms.match(tokenize("they polish the boots")) == []


@pytest.mark.parametrize("text,key", [
    ("OTAN", "NATO"), ("Otan", "NATO"), ("UE", "EU"), ("Union européenne", "EU"), ("OTSC", "CSTO"),
    ("ONU", "UN"), ("AUKUS", "AUKUS"), ("OCS", "SCO"), ("CCG", "GCC"), ("ASEAN", "ASEAN"), ("OSCE", "OSCE"),
])
def test_alliances(text, key):
    assert names(text) == [("alliance", key)]


def test_alliances_list_their_members():
    g = load()
    assert {"TUR", "USA", "FIN", "SWE"} <= g.members_of("NATO")
    assert "RUS" not in g.members_of("NATO")
    assert g.members_of("AUKUS") == frozenset({"AUS", "GBR", "USA"})


def test_weapon_catalogue_size_and_makers():
    g = load()
    assert len(g.weapons) >= 500
    assert g.weapons["S-400"].makers == ("RUS",)
    assert g.weapons["Rafale"].makers == ("FRA",)


@pytest.mark.parametrize("text,key", [
    ("S-400", "S-400"), ("S400", "S-400"), ("S 400", "S-400"), ("S-400 Triumf", "S-400"), ("Patriot", "Patriot"),
    ("MIM-104 Patriot", "Patriot"), ("Rafale", "Rafale"), ("Rafales", "Rafale"), ("F-35A", "F-35"), ("K2", "K2"),
    ("Bayraktar TB2", "Bayraktar TB2"), ("Caesar", "Caesar"), ("F-16s", "F-16"),
])
def test_weapon_aliases(text, key):
    assert names(text) == [("weapon", key)]


def test_alphabetic_weapon_names_need_their_capital():
    assert names("a patriot and a caesar salad") == []


@pytest.mark.parametrize("text,key", [
    ("frégates", "frigate"), ("sous-marins", "submarine"), ("artillery shells", "artillery shell"),
    ("submarines", "submarine"),
])
def test_generic_weapon_nouns(text, key):
    hits = load().nouns.match(tokenize(text))
    assert [h.value for h in hits] == [key]


@pytest.mark.parametrize("name,key", [
    ("Vladimir Poutine", "Vladimir Putin"), ("Dmitri Peskov", "Dmitry Peskov"),
    ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"), ("Sergueï Ivanovski", "Sergei Ivanovski"),
])
def test_people_merge_across_languages(name, key):
    assert person_key(name) == key


def test_leader_terms_name_known_people_with_sane_years():
    from kg.extract.gazetteer import load

    g = load()
    assert g.leader_terms, "leader_terms.tsv is loaded"
    for key, terms in g.leader_terms.items():
        assert key in g.people, key
        for country, start, end in terms:
            assert country in g.countries, (key, country)
            assert 1900 < start <= (end or start) <= 2030, (key, start, end)


@pytest.mark.parametrize(
    "text, lang, word",
    [
        ("The defence contractor said so.", "en", "contractor"),
        ("The tank's weight rose.", "en", "weight"),
        ("The blockade of Qatar began.", "en", "blockade"),
        ("Bangladesh will buy jets.", "en", "bangladesh"),
        ("The stopgap purchase went ahead.", "en", "stopgap"),
        ("A ceasefire held.", "en", "ceasefire"),
        ("Le Mali a quitté la CEDEAO.", "fr", "cedeao"),
        ("Un contrat exclusif.", "fr", "exclusif"),
        ("Un retard impossible à chiffrer.", "fr", "impossible"),
        ("Le commandant de l'armée de l'air a parlé.", "fr", "commandant"),
        ("Le Parlement a voté.", "fr", "parlement"),
        ("L'armée a reculé.", "fr", "recule"),
        ("Une hausse significative.", "fr", "significative"),
    ],
)
def test_prefix_patterns_do_not_catch_other_words(text, lang, word):
    """Trigger and cue prefixes ("impos*", "ban*", "command*") spelled out where they caught other words."""
    from kg.extract.annotate import annotate_sentence

    sent = annotate_sentence(text, 0, 0, lang)
    i = sent.words.index(word)
    assert not any(s <= i < e for s, e, _f in sent.triggers)
    assert not ({"halt_verb", "agree", "deliver", "propose"} & sent.cue_at(i))


def test_no_two_catalogue_rows_share_a_name():
    """weapons.tsv: aliases compared without case, spaces and hyphens are unique across rows (a second row
    with a name another row already has would split that system's mentions between two keys)."""
    from kg.extract.gazetteer import compact_designation

    owner: dict[str, str] = {}
    shared = []
    for row in read_table("weapons.tsv"):  # (the file, not the loaded catalogue an article may have added to)
        key = row["key"]
        for name in (key, *filter(None, row["aliases"].split("|"))):
            folded = compact_designation(name)
            if owner.setdefault(folded, key) != key:
                shared.append((name, key, owner[folded]))
    assert shared == []
