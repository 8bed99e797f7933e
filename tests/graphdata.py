"""A small hand-made graph for the analysis, query, render and browser tests.

Two articles, built from fact records (no extraction involved). What the
tests know by hand about it:

- 11 entities: RUS, TUR, USA, FRA, IND, NATO, S-400, F-35, Rafale, Erdoğan, Putin.
- 15 projected edges: 5 deals (RUS->TUR twice, once per article; RUS->IND;
  FRA->IND; USA->TUR), 1 sanction USA->TUR, 3 memberOf (TUR, USA, FRA -> NATO),
  2 leaderOf, 3 manufacturer, 1 agreement RUS-TUR.
- Degrees: TUR 7, RUS 6, USA 4, FRA 3, NATO 3, IND 2, the others 1.
- Shortest path Erdoğan -> Rafale: Erdoğan, TUR, NATO, FRA, Rafale.

:func:`hostile` adds an article whose names, sentence and source are attack strings.
"""

from __future__ import annotations

from kg.facts import Agreement, Article, Deal, Entity, Evidence, Extraction, Leader, Maker, Member, Ref, Sanction
from kg.mapping import article_iri, entity_iri, to_graph
from kg.store import Store

RUS, TUR, USA, FRA, IND = (Ref.country(c) for c in ("RUS", "TUR", "USA", "FRA", "IND"))
NATO = Ref.alliance("NATO")
S400, F35, RAFALE = Ref.weapon("S-400"), Ref.weapon("F-35"), Ref.weapon("Rafale")
ERDOGAN, PUTIN = Ref.person("Recep Tayyip Erdoğan"), Ref.person("Vladimir Putin")

ENTITIES = (
    Entity(RUS, labels=(("Russia", "en"), ("Russie", "fr"))),
    Entity(TUR, labels=(("Turkey", "en"), ("Turquie", "fr")), names=("Türkiye",)),
    Entity(USA, labels=(("United States", "en"), ("États-Unis", "fr"))),
    Entity(FRA, labels=(("France", "en"),)),
    Entity(IND, labels=(("India", "en"), ("Inde", "fr"))),
    Entity(NATO, labels=(("NATO", "en"), ("OTAN", "fr"))),
    Entity(S400, labels=(("S-400", ""),), names=("S400",)),
    Entity(F35, labels=(("F-35", ""),)),
    Entity(RAFALE, labels=(("Rafale", ""),)),
    Entity(ERDOGAN, labels=(("Recep Tayyip Erdoğan", ""),), names=("Erdogan",)),
    Entity(PUTIN, labels=(("Vladimir Putin", ""),), names=("Poutine",)),
)

SENTENCE_2017 = "Ankara signed for the S-400 in 2017."
SENTENCE_2019 = "The first S-400 batteries arrived in Ankara."


def ev(text: str) -> Evidence:
    return Evidence(text)


A1 = Extraction(
    Article("a1", "https://example.org/a1", "text", date="2021-09-14", lang="en"),
    ENTITIES,
    (
        Deal(RUS, TUR, S400, "agreed", 2017, ev(SENTENCE_2017)),
        Deal(RUS, IND, S400, "delivered", 2021, ev("India received the S-400 in 2021.")),
        Deal(FRA, IND, RAFALE, "delivered", 2020, ev("France delivered Rafale jets to India in 2020.")),
        Deal(USA, TUR, F35, "cancelled", 2019, ev("Washington cancelled the F-35 sale to Turkey.")),
        Sanction(USA, TUR, F35, "exclusion from the F-35 programme", ev("Turkey was excluded from the F-35.")),
        Member(TUR, NATO, ev("Turkey, a NATO member.")),
        Member(USA, NATO),
        Member(FRA, NATO),
        Leader(ERDOGAN, TUR, evidence=ev("President Erdogan of Turkey.")),
        Leader(PUTIN, RUS),
        Maker(S400, RUS),
        Maker(F35, USA),
        Maker(RAFALE, FRA),
        Agreement((TUR, RUS), S400, "proposed", 2021, ev("Moscow and Ankara discussed co-producing the S-400.")),
    ),
)
A2 = Extraction(
    Article("a2", "https://example.org/a2", "text", date="2019-07-12", lang="en"),
    tuple(e for e in ENTITIES if e.ref in (RUS, TUR, S400)),
    (Deal(RUS, TUR, S400, "delivered", 2019, ev(SENTENCE_2019)),),
)

PAYLOAD_NAME = '<img src=x onerror="window.__pwned=1">'
PAYLOAD_SENTENCE = '<script>window.__pwned=2</script> href <img src=y onerror="window.__pwned=4"> was said.'
PAYLOAD_SOURCE = "javascript:window.__pwned=3"
EVIL = Ref.country("XSS")


def hostile() -> Extraction:
    """An article whose entity name, sentence and source are attack strings."""
    return Extraction(
        Article("evil", PAYLOAD_SOURCE, "text", date="2022-01-01", lang="en"),
        (Entity(EVIL, labels=((PAYLOAD_NAME, "en"),), names=("<script>window.__pwned=5</script>",)),
         Entity(TUR, labels=(("Turkey", "en"),))),
        (Deal(EVIL, TUR, S400, "proposed", 2022, ev(PAYLOAD_SENTENCE)),),
    )


def iri(ref: Ref) -> str:
    return str(entity_iri(ref))


def fill(store: Store, *, evil: bool = False) -> Store:
    """Put the two articles (and the hostile one) in ``store``."""
    for extraction in (A1, A2, *((hostile(),) if evil else ())):
        store.replace_graph(str(article_iri(extraction.article)), to_graph(extraction))
    return store
