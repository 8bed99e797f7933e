"""Annotate one sentence: tokens, gazetteer mentions, triggers and cues.

A :class:`Mention` is a span of tokens that names a country (by name, capital,
seat of power or nationality adjective), an alliance, a weapon system (by
designation or generic noun) or a person. Nationality adjectives are kept
with what they modify (a weapon, a company, a state body, a person's title).

>>> s = annotate_sentence("Ankara achètera à la Russie des S-400 de fabrication russe.", 0, 0, "fr")
>>> [(m.kind, m.key, m.attached) for m in s.mentions]
[('country', 'TUR', None), ('country', 'RUS', None), ('weapon', 'S-400', None), ('demonym', 'RUS', 'weapon')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from kg.extract.gazetteer import Hit, compact_designation, load
from kg.extract.lexicon import load_lexicon
from kg.extract.tables import read_table
from kg.extract.tokens import Token, fold, tokenize

_UNKNOWN_DESIGNATION = re.compile(r"^(?:[A-Z][A-Za-z]{0,7}-\d{1,4}[A-Za-z]{0,4}|[A-Z]{1,4}\d{2,4}[A-Z]{0,2})$")
_EVENT_YEAR = re.compile(r"-(?:19|20)\d\d$")
_MADE = re.compile(
    r"^(?P<who>.+?)-(?:made|built|designed|developed|produced|supplied|manufactured|engineered)$", re.IGNORECASE
)
_PROGRAMME_WORDS = {"programme", "program", "projet", "project"}
_BASED = re.compile(r"^(?P<who>.+?)-(?:based|headquartered|owned|registered|listed|led)$", re.IGNORECASE)
_VAGUE_NOUNS = {"weapon", "weapons", "arms", "equipment", "weapon system", "military equipment", "system"}
# nouns that take up a system named before ("the aircraft", "l'appareil", "the type", "le navire")
_VAGUE_NOUNS |= {"aircraft", "type", "ship"}
_LIST_MARKERS = {"including", "such", "notamment", "dont", "comme", "like", "namely", "incluant", "y"}
_MAKER_WORDS = {"fabrication", "conception", "construction", "origine", "facture"}
_MAKER_WORDS |= {"manufacture", "make", "design", "origin"}  # "of German manufacture"
_ALL_WORDS = {"tous", "toutes", "all", "both"}  # "tous de fabrication russe": the whole list before
# Common given names that are also country names in one language.
_NOT_COUNTRIES = {"maurice", "dominique", "georgia", "jordan", "chad", "israel", "salvador"}


@dataclass
class Mention:
    kind: str  # country | alliance | weapon | noun | person | demonym
    key: str
    start: int
    end: int
    via: str = "name"  # name | metonym | demonym | designation | pattern | surname | coref
    text: str = ""
    attached: str | None = None  # demonyms: weapon | company | actor | person | None
    setting: bool = False
    maker: str | None = None  # weapons: the nationality the text attaches to them
    group_origin: bool = False  # weapons whose origin is given only as a group ("Russian and Chinese equipment")

    @property
    def of_firm(self) -> bool:
        """A nationality given to a firm ("le suédois Saab", "US-listed Raytheon")."""
        return self.kind == "demonym" and self.attached == "company"


@dataclass
class Sent:
    index: int
    text: str
    offset: int
    lang: str
    tokens: list[Token]
    words: list[str]
    mentions: list[Mention] = field(default_factory=list)
    triggers: list[tuple[int, int, str]] = field(default_factory=list)
    cues: list[tuple[int, int, str]] = field(default_factory=list)
    role_spans: list[tuple[int, int]] = field(default_factory=list)
    dateline: str | None = None  # the country of the city the story is filed from ("BEIRUT -")
    text_start: int = 0  # where the words start after a dateline ("MELBOURNE, Australia - ..."), else 0

    def cue_at(self, i: int) -> set[str]:
        return {c for s, e, c in self.cues if s <= i < e}

    def has_cue(self, cue: str, start: int, end: int) -> bool:
        return any(c == cue and start <= s < end for s, e, c in self.cues)

    def mention_at(self, i: int, kinds: tuple[str, ...] | None = None) -> Mention | None:
        for m in self.mentions:
            if m.start <= i < m.end and (kinds is None or m.kind in kinds):
                return m
        return None


def _is_word(token: Token) -> bool:
    return token.text[:1].isalnum()


def _month(tokens: list[Token], i: int) -> bool:
    """ "in May 2021", "May 3": the month, not the modal "may"."""
    if tokens[i].text != "May":
        return False
    after = tokens[i + 1].text if i + 1 < len(tokens) else ""
    before = tokens[i - 1].lower if i > 0 else ""
    return after[:1].isdigit() or before in ("in", "since", "until", "by", "of", "early", "late", "mid", "last", "next")


def _participle(tokens: list[Token], t: tuple[int, int, str]) -> tuple[int, int, str]:
    """ "commandés" folds to "commandes", the noun: the accent the text wrote makes it the participle
    ("les deux Su-27 commandés en 2003" is bought, "les commandes" a noun)."""
    s, e, frame = t  # (one opening the sentence, "Commandé en 2019, le FK-3 ...", is read as the contract's)
    if frame == "purchase_n" and e == s + 1 and s > 0 and tokens[s].text.lower().endswith(("é", "ée", "és", "ées")):
        return (s, e, "buy")
    return t


def annotate_sentence(text: str, index: int, offset: int, lang: str) -> Sent:
    """Tokens, mentions, triggers and cues of one sentence (``offset``: its start in the article)."""
    g = load()
    lex = load_lexicon(lang)
    tokens = tokenize(text, offset)
    words = [t.folded for t in tokens]
    filed = dateline_end(tokens, words)
    _mask_dateline_year(words, filed)
    sent = Sent(index, text, offset, lang, tokens, words, text_start=filed)
    sent.cues = [c for c in lex.cues(words) if not (c[2] == "modal" and _month(tokens, c[0]))]
    sent.triggers = [_participle(tokens, t) for t in lex.triggers(words, sent.cues)]
    taken: set[int] = set()

    def add(m: Mention) -> None:
        sent.mentions.append(m)
        taken.update(range(m.start, m.end))

    for hit in g.match_names(tokens, lang):
        add(_from_hit(hit, tokens))
    for hit in g.demonyms.match(tokens, lang):
        if not any(i in taken for i in range(hit.start, hit.end)):
            add(Mention("demonym", hit.value, hit.start, hit.end, "demonym", _span(tokens, hit.start, hit.end)))
    for i, token in enumerate(tokens):
        if i in taken:
            continue
        based = _BASED.match(token.text)
        if based:  # "a US-based engine maker": a nationality like "American"; "a Russian-led alliance"
            who = tokenize(based.group("who"))
            hits = g.demonyms.match(who) or [h for h in g.names.match(who) if h.kind in ("country", "metonym")]
            if hits:
                led = "led" if token.text.lower().endswith("-led") else None
                led = "company" if token.text.lower().endswith("-listed") else led  # "US-listed Raytheon"
                add(Mention("demonym", hits[0].value, i, i + 1, "demonym", token.text, attached=led))
            continue
        pair = token.text.split("-") if token.text.count("-") == 1 else []
        if len(pair) == 2:
            # "French-Italian consortium", "le SAMP/T franco-italien", "Sino-Russian": both nationalities
            first = [h.value for h in g.demonyms.match(tokenize(pair[0]))] or (
                [g.combining[fold(pair[0])]] if fold(pair[0]) in g.combining else []
            )
            second = [h.value for h in g.demonyms.match(tokenize(pair[1]))]
            if first and second:
                for key in (first[0], second[0]):
                    add(Mention("demonym", key, i, i + 1, "demonym", token.text))
                continue
        made = _MADE.match(token.text)
        if made:
            who = tokenize(made.group("who"))
            hits = g.demonyms.match(who) or [h for h in g.names.match(who) if h.kind in ("country", "metonym")]
            if hits:
                add(Mention("demonym", hits[0].value, i, i + 1, "demonym", token.text, attached="made"))
    _split_made(sent, tokens)
    for hit in g.nouns.match(tokens, lang):
        if any(i in taken for i in range(hit.start, hit.end)):
            continue
        key = hit.value
        if key in _VAGUE_NOUNS:
            add(Mention("noun", key, hit.start, hit.end, "vague", _span(tokens, hit.start, hit.end)))
        else:
            add(Mention("noun", key, hit.start, hit.end, "noun", _span(tokens, hit.start, hit.end)))
    _unknown_designations(sent, taken, add)
    _named_systems(sent, taken, add)
    sent.mentions.sort(key=lambda m: m.start)
    # a maker's family name right before a designation is part of it: "Soukhoï Su-35", "Mikoyan MiG-29"
    sent.mentions = [
        m
        for i, m in enumerate(sent.mentions)
        if not (
            m.kind == "weapon"
            and m.via == "name"
            and i + 1 < len(sent.mentions)
            and sent.mentions[i + 1].kind == "weapon"
            and sent.mentions[i + 1].start == m.end
            and sent.mentions[i + 1].via in ("designation", "pattern")
        )
    ]
    sent.mentions = [
        m
        for m in sent.mentions
        if not (
            m.kind == "country" and m.via == "name" and fold(m.text) in _NOT_COUNTRIES and _followed_by_name(sent, m)
        )
    ]
    sent.dateline = next((m.key for m in sent.mentions if _dateline(sent, m)), None)
    sent.mentions = [
        m
        for m in sent.mentions
        if not _currency(sent, m)
        and not _part_of_a_longer_name(sent, m)
        and not _dateline(sent, m)
        and not _sea_name(sent, m)
        and not _noun_in_a_name(sent, m)
    ]
    _attach_demonyms(sent)
    _mark_settings(sent)
    return sent


def _span(tokens: list[Token], start: int, end: int) -> str:
    return " ".join(t.text for t in tokens[start:end])


def _from_hit(hit: Hit, tokens: list[Token]) -> Mention:
    text = _span(tokens, hit.start, hit.end)
    if hit.kind == "metonym":
        return Mention("country", hit.value, hit.start, hit.end, "metonym", text)
    via = "designation" if hit.kind == "weapon" and any(c.isdigit() for c in text) else "name"
    return Mention(hit.kind, hit.value, hit.start, hit.end, via, text)


def _followed_by_name(sent: Sent, m: Mention) -> bool:
    return m.end < len(sent.tokens) and sent.tokens[m.end].is_title and _is_word(sent.tokens[m.end])


def _unknown_designations(sent: Sent, taken: set[int], add) -> None:
    """Designations not in the catalogue, accepted next to a weapon noun ("Su-57 fighters")."""
    nouns = [m for m in sent.mentions if m.kind == "noun"]
    for i, token in enumerate(sent.tokens):
        if i in taken or not _UNKNOWN_DESIGNATION.match(token.text) or _EVENT_YEAR.search(token.text):
            continue  # "KADEX-2018", "IDEX-2023": a show of that year, no system
        known = _known_stem(token.text)
        if known is not None:  # "FA-50PH", "Su-30MKA": a variant of a system the catalogue knows
            add(Mention("weapon", known, i, i + 1, "designation", token.text))
        elif any(abs(n.start - i) <= 3 or abs(i - n.end) <= 3 for n in nouns):
            add(Mention("weapon", token.text, i, i + 1, "pattern", token.text))


def _known_stem(text: str) -> str | None:
    """The catalogue key of a designation once its variant letters are cut ("FA-50PH" -> "FA-50")."""
    designations = load().designations
    stem = text
    while stem and stem[-1].isalpha():
        stem = stem[:-1]
    if stem == text or not stem or not stem[-1].isdigit():
        return None
    return designations.get(compact_designation(stem))




@lru_cache(maxsize=1)
def _corporate_words() -> frozenset[str]:
    """Words that follow a firm's own name ("Aviation", "Group"): the cue tables' firm_word and
    corporate rows of both languages."""
    return frozenset(
        r["pattern"]
        for lang in ("en", "fr")
        for r in read_table(f"cues_{lang}.tsv")
        if r["cue"] in ("firm_word", "corporate")
    )


@lru_cache(maxsize=1)
def _company_names() -> frozenset[str]:
    """Companies by their full name, and by their first word when the rest is corporate ("Dassault
    Aviation": "Dassault"); "Kalashnikov Concern" leaves "Kalashnikov" to the rifles."""
    names = set()
    for name in load().company_country:
        names.add(name)
        parts = name.split()
        if len(parts) > 1 and all(p in _corporate_words() for p in parts[1:]):
            names.add(parts[0])
    return frozenset(names)


_SERIES_OF = (["series", "of"], ["family", "of"])


def _named_systems(sent: Sent, taken: set[int], add) -> None:
    """A capitalised name the catalogue does not know, joined to a weapon noun, names a system: "10,000
    Kalashnikov rifles", "Milan anti-tank missiles", "des missiles Milan" (the name before the noun in
    English, after it in French). Not at the start of a sentence, not a company, not an institution."""
    companies = _company_names()
    for n in [m for m in sent.mentions if m.kind == "noun"]:
        i = n.start - 1 if sent.lang == "en" else n.end
        if sent.lang == "en" and n.start >= 3 and sent.words[n.start - 2 : n.start] in _SERIES_OF:
            i = n.start - 3  # "the Garpiya series of drones": the name before "series of"
        if sent.lang == "fr":  # "des frégates américaines Constellation": the nationality between
            d = sent.mention_at(i, ("demonym",))
            i = d.end if d is not None and d.start == i else i
        if not 0 < i < len(sent.tokens) or i in taken:
            continue
        token = sent.tokens[i]
        if not (token.text[:1].isupper() and token.text.isalpha() and len(token.text) >= 3):
            continue
        if "not_a_name" in sent.cue_at(i) or token.folded in companies or token.text.isupper() and len(token.text) < 4:
            continue
        if n.start > 0 and sent.tokens[n.start].text[:1].isupper():
            continue  # "General Atomics Aeronautical Systems": a capitalised noun is part of a name
        add(Mention("weapon", token.text, i, i + 1, "pattern", token.text))


def _noun_in_a_name(sent: Sent, m: Mention) -> bool:
    """A capitalised weapon noun after a capitalised word inside a sentence is part of a proper name:
    "General Atomics Aeronautical Systems", "General Dynamics Land Systems", "Electric Boat"."""
    if m.kind != "noun" or m.start < 2:
        return False
    here, before = sent.tokens[m.start].text, sent.tokens[m.start - 1].text
    return here[:1].isupper() and before[:1].isupper() and before.isalpha() and sent.mention_at(m.start - 1) is None


def _attach_demonyms(sent: Sent) -> None:
    """Decide what each nationality adjective modifies and give weapons their stated maker."""
    tokens, words, lang = sent.tokens, sent.words, sent.lang
    weapons = [m for m in sent.mentions if m.kind in ("weapon", "noun")]
    demonyms = [m for m in sent.mentions if m.kind == "demonym"]
    grouped = _grouped_origins(sent, demonyms)
    for d in demonyms:
        if d.attached == "led":
            continue  # "the U.S.-led F-35 programme", "Russian-led alliance": who leads, not who made
        if d.text.replace(" ", "").lower().endswith("-based"):
            d.attached = "company"  # "U.S.-based General Atomics": where a firm is, whatever follows
            continue
        if d.start in grouped:
            d.attached = "group"  # "Russian and Chinese equipment": an origin shared by a group, no one maker
            _mark_group_origin(sent, weapons, d)
            continue
        if d.attached == "made":
            target = _nearest_weapon(weapons, d, after=True, limit=4) or _nearest_weapon(
                weapons, d, after=False, limit=4
            )
            if target:
                _give_maker(sent, target, d.key)
                for w in _conjoined_after(sent, target):  # "Russian-made Su-27 and Su-30 fighters": each one
                    _give_maker(sent, w, d.key)
            d.attached = "weapon"
            continue
        before = words[d.start - 1] if d.start > 0 else ""
        english = before == "of" and d.end < len(words) and words[d.end] in _MAKER_WORDS  # "of German manufacture"
        if before in _MAKER_WORDS or (d.start > 1 and words[d.start - 2] in _MAKER_WORDS) or english:
            # "le blindé de fabrication turque Kirpi": the designation right after, else the noun before
            named = [w for w in weapons if w.kind == "weapon" and 0 <= w.start - d.end <= 1]
            if not named and _ALL_WORDS & set(words[max(0, d.start - 4) : d.start - 1]):
                # "des chasseurs Su-30MKA et des chars T-90, tous de fabrication russe": every system listed
                listed = [w for w in weapons if w.kind == "weapon" and 0 <= d.start - w.end <= 25]
                for w in listed:
                    _give_maker(sent, w, d.key)
                if listed:
                    d.attached = "weapon"
                    continue
            target = named[0] if named else _nearest_weapon(weapons, d, after=False, limit=8)
            if target:
                _give_maker(sent, target, d.key)
                d.attached = "weapon"
                continue
        neighbour = d.start - 1 if lang == "fr" else d.end
        noun = sent.mention_at(neighbour, ("noun", "weapon")) if lang == "en" else None
        if noun is not None and noun.end < len(tokens) and "company_noun" in sent.cue_at(noun.end):
            neighbour = noun.end  # "Iranian drone makers": the makers are Iranian, not the drones
        if 0 <= neighbour < len(tokens) and {"actor_noun", "company_noun"} & sent.cue_at(neighbour):
            d.attached = "actor" if "actor_noun" in sent.cue_at(neighbour) else "company"
            continue
        if lang == "en" and "firm_word" in sent.cue_at(d.end) and tokens[d.end].text[:1].isupper():
            d.attached = "company"  # "Turkish Aerospace", "Israel Aerospace Industries": a firm's name
            continue
        if lang == "fr" and before in ("le", "la", "l'", "du", "au", "par") and _names_a_company(sent, d):
            d.attached = "company"  # "le sud-coréen Hanwha", "l'américain Boeing": the firm's nationality
            continue
        if lang == "fr" and before in ("le", "la", "l'", "du", "au") and tokens[d.start].text[:1].islower():
            named = sent.mention_at(d.end, ("weapon",))
            if named is not None and named.start == d.end:
                _give_maker(sent, named, d.key)  # "le japonais F-X", "du suédois Gripen"
                d.attached = "weapon"
                continue
        if lang == "en" and before == "the" and _people_noun(sent, d):
            d.attached = "actor"  # "The Dutch, who picked the C-390", "the British bought": the nation acting
            continue
        if before in _PROGRAMME_WORDS or (d.start > 1 and words[d.start - 2] in _PROGRAMME_WORDS):
            target = _nearest_weapon(weapons, d, after=True, limit=7)
            if target:
                _give_maker(sent, target, d.key)
                d.attached = "weapon"
                continue
        following = sent.mention_at(d.end, ("weapon",)) if d.end < len(words) else None
        if lang == "fr" and before in ("et", ",", "ou") and following is not None and following.start == d.end:
            _give_maker(sent, following, d.key)  # "des chars américains Abrams et sud-coréens K2"
            d.attached = "weapon"
            continue
        if lang == "fr":
            target = _nearest_weapon(weapons, d, after=False, limit=3, stop_on_punct=True, words=words)
        else:
            target = _nearest_weapon(weapons, d, after=True, limit=3, stop_on_punct=True, words=words)
        if target:
            d.attached = "weapon"
            _give_maker(sent, target, d.key)
            if target.kind == "noun" and target.end < len(words) and words[target.end] in (",",) + tuple(_LIST_MARKERS):
                for w in weapons:
                    if w.start > target.end and w.kind == "weapon":
                        _give_maker(sent, w, d.key)
            continue
        window = range(d.start - 3, d.start) if lang == "fr" else range(d.end, d.end + 3)
        cues = set().union(*(sent.cue_at(i) for i in window if 0 <= i < len(tokens))) if tokens else set()
        if "company_noun" in cues:
            d.attached = "company"
        elif "actor_noun" in cues:
            d.attached = "actor"


_MADE_WORDS = {"made", "built", "designed", "developed", "produced", "supplied", "manufactured", "engineered"}


def _split_made(sent: Sent, tokens: list[Token]) -> None:
    """ "U.S.-made", "U.K.-built": the tokeniser splits a dotted name from its "-made"; the country
    mention followed by "-" and a word of making is a nationality of make."""
    for m in list(sent.mentions):
        if m.kind != "country" or m.end + 1 >= len(tokens):
            continue
        if tokens[m.end].text == "-" and tokens[m.end + 1].text.lower() in _MADE_WORDS | {"led", "based"}:
            word = tokens[m.end + 1].text.lower()
            made = "made" if word in _MADE_WORDS else "led" if word == "led" else None  # "U.S.-led": no maker
            sent.mentions.remove(m)
            sent.mentions.append(
                Mention("demonym", m.key, m.start, m.end + 2, "demonym", _span(tokens, m.start, m.end + 2), made)
            )


def _names_a_company(sent: Sent, d: Mention) -> bool:
    """A company follows the French nationality noun ``d``: one the catalogue knows, or a capitalised
    name after a lower-case nationality ("l'américain GE Aerospace"; "le Français X" is a person)."""
    i = d.end
    if i >= len(sent.tokens):
        return False
    if any(" ".join(sent.words[i : i + n]) in _company_names() for n in (1, 2, 3, 4)):
        return True
    return (
        sent.tokens[d.start].text[:1].islower()
        and sent.tokens[i].text[:1].isupper()
        and sent.mention_at(i) is None
        and "not_a_name" not in sent.cue_at(i)
    )


def _sea_name(sent: Sent, m: Mention) -> bool:
    """ "the South China Sea", "la mer de Chine méridionale", "l'océan Indien": a sea, not a state."""
    if m.kind not in ("country", "demonym"):
        return False
    nxt = sent.words[m.end] if m.end < len(sent.words) else ""
    before = sent.words[max(0, m.start - 3) : m.start]
    return nxt in ("sea", "ocean") or any(w in ("mer", "ocean", "golfe") for w in before)


def _part_of_a_longer_name(sent: Sent, m: Mention) -> bool:
    """A system's name that is a word of another proper name: "Typhoon Haikui", "the Patriot Act", "Tiger
    Woods", "Senator Barbara Boxer". Only names without digits; a name followed by a capitalised word
    that no table knows, or preceded by a given name, belongs to that longer name."""
    if m.kind == "country" and m.via == "metonym":
        # "the Stockholm International Peace Research Institute", "the Washington Post": a city in a name
        nxt = sent.tokens[m.end] if m.end < len(sent.tokens) else None
        return (
            nxt is not None
            and not nxt.text.isupper()  # an all-capitals headline ("MOSCOW REJECTS SANCTIONS")
            and nxt.text[:1].isupper()
            and nxt.text.isalpha()
            and sent.mention_at(m.end) is None
            and not ({"not_a_name", "firm_word", "corporate"} & sent.cue_at(m.end))
            and sent.tokens[m.start].text[:1].isupper()
        )
    if m.kind != "weapon" or m.via != "name" or any(c.isdigit() for c in m.text):
        return False
    tokens = sent.tokens
    if m.start > 0 and tokens[m.start - 1].text[:1].isupper() and tokens[m.start - 1].folded in load().given_names:
        return True
    if m.end >= len(tokens):
        return False
    nxt = tokens[m.end]
    return (
        nxt.text[:1].isupper()
        and nxt.text.isalpha()
        and sent.mention_at(m.end) is None
        and not ({"not_a_name", "firm_word", "corporate"} & sent.cue_at(m.end))
    )


def dateline_end(tokens: list, words: list[str]) -> int:
    """Where the words start after a dateline in capitals ending in a dash ("MELBOURNE, Australia -", "DOHA, 4
    mai 2015 (AFP) -"), else 0."""
    if not tokens or not tokens[0].text.isupper() or len(tokens[0].text) < 3:
        return 0
    dash = next((i for i, w in enumerate(words[:16]) if w in ("-", "–", "—")), None)
    return dash + 1 if dash is not None and "," in words[:dash] else 0


def _mask_dateline_year(words: list[str], end: int) -> None:
    """ "DOHA, 4 mai 2015 (AFP) -", "NEW DELHI, Oct 15, 2024 (Reuters) -": the year of a dateline is the date the
    story was filed, no year the text gives an event; its word is masked so that no rule reads it as one."""
    for i in range(1, end - 1):
        if re.fullmatch(r"(19|20)\d\d", words[i]):
            words[i] = "#dateline-year"


def _dateline(sent: Sent, m: Mention) -> bool:
    """ "STOCKHOLM (AP) -", "MANILA, Jan 5 (Reuters) -", "LONDRES/TOKYO -": the city a story is filed
    from, in capitals at the head of a sentence, names no actor."""
    # (a country's name too where its capital shares it: "KOWEÏT, 9 août (AFP)", "MEXICO, 25 avr (AFP)")
    if m.kind != "country" or m.via not in ("metonym", "name") or m.start > 3:
        return False
    if not m.text.isupper() or len(m.text) < 3:
        return False
    rest = [t.text for t in sent.tokens[m.end : m.end + 3]]
    return bool(rest) and rest[0] in ("(", "-", "–", "—", ",", "/", ":")


def _currency(sent: Sent, m: Mention) -> bool:
    """A country name that is part of a currency: "US$2.5 billion", "$ US", "dollars US", "US dollars",
    "dollars canadiens" (a demonym after dollars)."""
    if m.kind not in ("country", "demonym"):
        return False
    nxt = sent.tokens[m.end].text if m.end < len(sent.tokens) else ""
    prev = sent.words[m.start - 1] if m.start > 0 else ""
    return (
        nxt.startswith("$")
        or prev in ("$", "dollars", "dollar")
        or (m.kind == "country" and sent.words[m.end : m.end + 1] in (["dollars"], ["dollar"]))
    )


def _grouped_origins(sent: Sent, demonyms: list[Mention]) -> set[int]:
    """Starts of nationality adjectives coordinated with another one before a noun: "Russian and
    Chinese equipment", "des armes russes et chinoises". Such weapons have several origins, none stated."""
    out: set[int] = set()
    for a, b in zip(demonyms, demonyms[1:]):
        gap = sent.words[a.end : b.start]
        coordinated = gap and all(w in ("and", "et", "or", "ou", ",") for w in gap) and b.end < len(sent.words)
        if coordinated and (sent.words[b.end] not in (",", ".", ";") or sent.lang == "fr"):
            out.update((a.start, b.start))
    return out


def _mark_group_origin(sent: Sent, weapons: list[Mention], d: Mention) -> None:
    """The noun a grouped origin qualifies, and the systems listed under it ("..., including X, Y")."""
    head = _nearest_weapon(weapons, d, after=sent.lang != "fr", limit=3, stop_on_punct=True, words=sent.words)
    if head is None:
        return
    head.group_origin = True
    if head.end < len(sent.words) and sent.words[head.end] in (",", *_LIST_MARKERS):
        for w in weapons:
            if w.start > head.end and not any(x in (";", "(") for x in sent.words[head.end : w.start]):
                w.group_origin = True


_TRANSFER_FRAMES = {"buy", "sell", "deliver", "supply", "offer", "purchase_n", "sale_n", "ban", "sanction_n", "impose"}
_BREAKS = {
    ",",
    ";",
    ":",
    ".",
    "et",
    "and",
    "ou",
    "or",
    "(",
    ")",
    "mais",
    "but",
    "a",
    "au",
    "aux",
    "to",
    "for",
    "pour",
    "par",
    "by",
    "avec",
    "with",
    "sur",
    "on",
}


# Words that open a new noun phrase between a weapon and a nationality after it (French order).
_NEW_PHRASE = {"le", "la", "les", "l'", "un", "une", "des", "du", "malgre", "pour", "avec", "sans", "contre", "sur",
               "selon", "face", "par", "vers", "chez", "et", "ou"}


def _nearest_weapon(
    weapons: list[Mention],
    d: Mention,
    after: bool,
    limit: int,
    stop_on_punct: bool = False,
    words: list[str] | None = None,
) -> Mention | None:
    best, best_gap = None, limit + 1
    for w in weapons:
        gap = (w.start - d.end) if after else (d.start - w.end)
        if not 0 <= gap < best_gap:
            continue
        between = range(d.end, w.start) if after else range(w.end, d.start)
        if stop_on_punct and words is not None and any(words[i] in _BREAKS for i in between):
            continue
        if not after and words is not None and any(words[i] in _NEW_PHRASE for i in between):
            continue  # "des S-400 malgré les menaces américaines": the nationality is the threats'
        best, best_gap = w, gap
    return best


def _people_noun(sent: Sent, d: Mention) -> bool:
    """A nationality used as a noun for its people: followed by a verb or a clause break, not by a noun it
    qualifies ("The Dutch, who ...", "the British bought"; not "the Dutch navy", "the French Rafale")."""
    if d.end >= len(sent.tokens) or sent.mention_at(d.end) is not None:
        return False
    nxt = sent.tokens[d.end].text
    return nxt in (",", ";") or nxt.lower() in ("have", "has", "had", "will", "would", "are", "were") or (
        nxt.isalpha() and nxt.islower() and nxt.endswith("ed") and not sent.cue_at(d.end)
    )


def _conjoined_after(sent: Sent, first: Mention) -> list[Mention]:
    """The systems joined to ``first`` by "and", "et", "or" or a comma alone ("Su-27 and Su-30",
    "Su-27, Su-30 et Su-35"), up to the list's end."""
    out, last = [], first
    for w in sent.mentions:
        if w.kind != "weapon" or w.start <= last.end:
            continue
        between = set(sent.words[last.end : w.start])
        if not 1 <= w.start - last.end <= 2 or not between <= {",", "and", "et", "or", "ou"}:
            break
        out.append(w)
        last = w
    return out


def _give_maker(sent: Sent, weapon: Mention, iso3: str) -> None:
    if weapon.maker is None:
        weapon.maker = iso3
    if weapon.kind == "noun":
        # a generic noun right after or before a designation passes the nationality on ("K2 tanks")
        for w in sent.mentions:
            if (
                w.kind == "weapon"
                and w.maker is None
                and (0 <= weapon.start - w.end <= 2 or 0 <= w.start - weapon.end <= 2)
            ):
                w.maker = iso3


def _mark_settings(sent: Sent) -> None:
    """Places that are only a setting: "in Switzerland", "à Varsovie", "Genève (Suisse)", summits."""
    words = sent.words
    for m in sent.mentions:
        if m.kind == "country":
            prev = words[m.start - 1] if m.start > 0 else ""
            if m.end < len(words) and words[m.end] == "'s":
                continue  # "in Warsaw's defence projects": the state, not the place
            if m.start > 0 and "setting" in sent.cue_at(m.start - 1):
                m.setting = True
            elif (
                m.via == "metonym"
                and sent.lang == "fr"
                and prev == "a"
                and sent.tokens[m.start - 1].lower == "à"
                and not any(f in _TRANSFER_FRAMES and 0 <= m.start - e <= 10 for s, e, f in sent.triggers)
            ):
                m.setting = True  # "à Varsovie": a city, not the state (but "vendus à Moscou" is the buyer)
            elif (
                prev == "("
                and m.end < len(words)
                and words[m.end] == ")"
                or m.end < len(words)
                and "event" in sent.cue_at(m.end)
            ):
                m.setting = True
        elif m.kind == "alliance" and any(sent.has_cue("venue", i, i + 1) for i in range(max(0, m.start - 4), m.start)):
            m.setting = True
