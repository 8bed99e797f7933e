"""People, found from how news introduces them: a title, a nationality, a name.

"le dirigeant turc, Recep Tayyip Erdogan", "son homologue russe Vladimir
Poutine", "Defence Minister Ana Costa", "John Reed, the deputy
secretary of defense". A list of known people only links names (Poutine =
Putin) and supplies a country the article leaves unsaid; anyone introduced by
a title is found whether or not the list knows them.

>>> from kg.extract.annotate import annotate_sentence
>>> s = annotate_sentence("Le président brésilien Lula da Silva a promulgué un décret.", 0, 0, "fr")
>>> book = PeopleBook()
>>> [(r.person, r.of, r.kind, r.role) for r in book.read(s)]
[('Luiz Inácio Lula da Silva', 'BRA', 'leader', 'president')]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.annotate import Mention, Sent
from kg.extract.gazetteer import company_at, load
from kg.extract.tokens import Token, fold, latin

_PARTICLES = {
    "de",
    "du",
    "des",
    "da",
    "di",
    "van",
    "von",
    "der",
    "den",
    "bin",
    "ben",
    "ibn",
    "al",
    "el",
    "le",
    "la",
    "dos",
    "del",
    "ter",
    "zu",
    "abu",
    "bou",
}
_HONORIFICS = {"m.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mme", "dr", "dr.", "sir", "lord"}
# "Sheikh Mohammed bin Zayed": an honorific before a full name, but part of a short one ("Sheikh Hasina")
_SHEIKH = {"sheikh", "sheik", "cheikh", "shaikh"}
# Military and police ranks stand before a name and are not part of it: "Colonel Assimi Goita",
# "Air Chief Marshal Anil Kumar Rao", "le général Ahmed Benali".
_RANKS = {
    "colonel",
    "col",
    "col.",
    "general",
    "gen",
    "gen.",
    "lieutenant",
    "lt",
    "lt.",
    "major",
    "maj",
    "maj.",
    "admiral",
    "adm",
    "adm.",
    "amiral",
    "marshal",
    "marechal",
    "brigadier",
    "captain",
    "capt",
    "capt.",
    "capitaine",
    "commander",
    "commandant",
    "sergeant",
    "sergent",
    "corporal",
    "caporal",
    "colonel-major",
    "lieutenant-colonel",
    "lieutenant-general",
    "major-general",
    "brigadier-general",
    "general-major",
}
# Words that only form a rank with a rank word after them ("Air Chief Marshal", "Vice Admiral").
_RANK_PREFIXES = {"air", "chief", "vice", "rear", "lieutenant", "field", "fleet", "general", "contre", "vice-"}

_NOT_NAMES = {
    "le",
    "la",
    "les",
    "the",
    "a",
    "an",
    "un",
    "une",
    "en",
    "in",
    "on",
    "at",
    "et",
    "and",
    "il",
    "elle",
    "selon",
    "according",
    "lors",
    "after",
    "before",
    "but",
    "mais",
    "president",
    "minister",
    "ministre",
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "this",
    "that",
    "these",
    "those",
    "ce",
    "cette",
    "ces",
}
_OF = {"de", "du", "des", "d'", "of", "for"}
_DETERMINERS = {"la", "le", "l'", "les", "the"}


@dataclass(frozen=True)
class RoleAssertion:
    """A person given a role in one sentence."""

    person: str
    of: str | None
    kind: str  # leader | official
    role: str
    former: bool
    sentence: int
    near: str | None = None  # the state the sentence names nearest the title, when the title names none


@dataclass
class PersonRecord:
    key: str
    names: set[str] = field(default_factory=set)
    country: str | None = None
    first_sentence: int = 0


@dataclass
class PeopleBook:
    """The people of one article: who they are, what they are called, whom they serve."""

    people: dict[str, PersonRecord] = field(default_factory=dict)
    roles: list[RoleAssertion] = field(default_factory=list)
    states: set[str] = field(default_factory=set)  # the states and alliances the article has named so far

    def country_of(self, key: str) -> str | None:
        record = self.people.get(key)
        if record and record.country:
            return record.country
        for r in self.roles:
            if r.person == key and r.of:
                return r.of
        info = load().people.get(key)
        return info.country if info and info.country else None

    def read(self, sent: Sent) -> list[RoleAssertion]:
        """Find the people of a sentence: add person mentions to it, return the roles it states."""
        found: list[RoleAssertion] = []
        for m in list(sent.mentions):
            if m.kind == "person":
                self._register(m.key, m.text, sent.index)
        self._surnames(sent)  # "President Silva" after "Ana Silva" in an earlier sentence
        self._ranked_names(sent)  # "le capitaine Ibrahim Traoré": a person, whatever office follows
        self._first_names(sent)  # "a move welcomed by Fidel Castro": a given name and a surname
        self.states.update(m.key for m in sent.mentions if m.kind in ("country", "demonym", "alliance"))
        role_hits = _role_hits(sent)
        sent.role_spans = [(start, end) for start, end, _, _ in role_hits]
        claimed: set[int] = set()
        by_office: set[int] = set()
        pending_counterparts: list[tuple[str, str | None]] = []
        pending_successions: list[tuple[str, str, str | None]] = []
        for k, (start, end, role, (kind, _scope)) in enumerate(role_hits):
            if any(i in claimed for i in range(start, end)):
                continue
            former = kind.startswith("former") or any(
                "former" in sent.cue_at(i) for i in range(max(0, start - 2), start)
            ) or sent.words[start].startswith(_THEN_PREFIXES)
            base_kind = kind.replace("former_", "")
            served = _served_title(sent, role_hits, k)
            if served is not None:
                # "le porte-parole du chancelier Olaf Scholz, Steffen Hebestreit": the chancellor is Scholz,
                # the spokesperson the name set off after him
                name = _apposed_name(sent, served)
                if name is None:
                    continue
                nationality, after = None, end
            else:
                nationality, after = _nationality(sent, start, end)
                name = _name_after(sent, after) or _name_before(sent, start)
            if name is None:
                continue
            n_start, n_end, key = name
            if served is None and n_end <= start and any(i in by_office for i in range(n_start, n_end)):
                continue  # "du ministre de la Défense, Aleksandar Vulin, le chef de l'Etat": the minister's name
            if _firm_name(sent, n_start, n_end):
                continue  # "General Atomics Aeronautical Systems": a firm, not General X
            if n_end - n_start == 1 and sent.mention_at(n_start, ("person",)) is None:
                # a surname the known-people list gives: only someone of a state the article is about
                info = load().people.get(key)
                if info is None or info.country not in (self.states if nationality is None else {nationality}):
                    continue
            if served is not None:
                claimed.update(range(n_start, n_end))  # the served title keeps its own name
            else:
                claimed.update(range(min(n_start, max(end, after)), n_end))  # "Chief Air Chief Marshal X": one title
            if not is_rank_title(role):
                by_office.update(range(n_start, n_end))  # a name an office has taken (not a rank: "General X, the
                # head of US Central Command" is the head's too)
            if nationality is None:
                nationality = _of_after_name(sent, n_end)
            firm_before = n_start > end and _firm_after(sent, end)  # "le patron de KNDS, Nicolas Million"
            if firm_before or _of_an_organisation(sent, max(end, n_end), lowercase=_scope == "any"):
                base_kind = "no_office"  # "directeur général de Saab", "CEO of GE Aerospace": a company's
            if base_kind == "leader" and _scope == "any" and _heads_an_institution(sent, after):
                base_kind = "official"  # "the head of US Central Command": a state's institution, not the state
            key = self._register(key, _text(sent.tokens[n_start:n_end]), sent.index)
            _add_person_mention(sent, key, n_start, n_end)
            if base_kind == "counterpart":
                pending_counterparts.append((key, nationality))
                continue
            if base_kind in ("predecessor", "successor"):
                # "le prédécesseur de Mme Šakalienė, Laurynas Kasčiūnas": the person the title names
                named = next((x.key for x in sent.mentions if x.kind == "person" and end <= x.start < n_start
                              and x.key != key), None)
                pending_successions.append((key, base_kind, named))
                continue
            near = _nearest_state(sent, start) if nationality is None else None
            found.append(RoleAssertion(key, nationality, base_kind, role, former, sent.index, near))
        for key, nationality in pending_counterparts:
            # "son homologue russe X": X holds the other person's office (the one named in this sentence,
            # else the last one given a role); with no nationality said, the counterpart serves another
            # state, so the known-people list supplies it later
            other = self._office_before(found, key)
            kind, role = (other.kind, other.role) if other else ("official", "counterpart")
            found.append(RoleAssertion(key, nationality, kind, role, False, sent.index))
        for key, kind, named in pending_successions:
            # "Son prédécesseur, Moshe Yaalon", "his successor, X": the office of the person named before
            if named is not None:
                other = next((r for r in reversed(found + self.roles) if r.person == named), None)
            else:
                other = self._office_before(found, key)
            if other is not None:
                found.append(RoleAssertion(key, other.of, other.kind, other.role, kind == "predecessor", sent.index,
                                           other.near))
        found += self._heads_of_government(sent)
        self._surnames(sent)
        for r in found:
            if r.of and self.people[r.person].country is None:
                self.people[r.person].country = r.of
        self.roles += found
        return found

    def _office_before(self, found: list[RoleAssertion], key: str) -> RoleAssertion | None:
        """The role of another person named in this sentence, else of the last one given a role before:
        the office "son homologue", "his predecessor" take up."""
        other = next((r for r in found if r.person != key), None)
        return other or next((r for r in reversed(self.roles) if r.person != key), None)

    def _heads_of_government(self, sent: Sent) -> list[RoleAssertion]:
        """ "Rishi Sunak's government", "the Bush administration", "le gouvernement de X": the person
        leads the government of their state (from the known-people list or the sentence)."""
        out = []
        for k, w in enumerate(sent.words):  # a name the list does not know: "Tom Marsh's Tory government"
            if w == "'s" and any(x in _GOVERNMENT for x in sent.words[k + 1 : k + 4]):
                j = k
                while j > 0 and _is_name_token(sent, j - 1):
                    j -= 1
                if k - j >= 2 and sent.mention_at(j) is None:
                    key = self._register(person_key(_text(sent.tokens[j:k])), _text(sent.tokens[j:k]), sent.index)
                    _add_person_mention(sent, key, j, k)
        for m in sent.mentions:
            if m.kind != "person":
                continue
            after = sent.words[m.end : m.end + 4]
            start = m.start
            while start > 0 and (_is_rank(sent, start - 1) or sent.words[start - 1] in _HONORIFICS):
                start -= 1  # "le régime du lieutenant-colonel X"
            before = sent.words[max(0, start - 3) : start]
            # "X, arrivé au pouvoir par un coup d'État", "Y, who seized power in 2021": a ruler
            ruler = any("power_phrase" in sent.cue_at(k) for k in range(m.end, min(len(sent.words), m.end + 4)))
            possessive = after[:1] == ["'s"] and any(w in _GOVERNMENT for w in after[1:4])
            in_title = any(s <= m.start - 1 < e for s, e in sent.role_spans)  # "Chief Cabinet Secretary X"
            french = (before[-1:] and before[-1] in _GOVERNMENT and not in_title) or (
                len(before) >= 2 and before[-1] in ("de", "d'", "du", "of") and before[-2] in _GOVERNMENT
            )
            english_noun = after[:1] and after[0] in ("administration", "government")
            if possessive or french or english_noun or ruler:
                near = _nearest_state(sent, m.start)
                out.append(RoleAssertion(m.key, None, "leader", "head of government", False, sent.index, near))
        return out

    def _first_names(self, sent: Sent) -> None:
        """A known given name followed by capitalised name words is a person ("Jeremy Corbyn", "Zoran
        Todorov"), unless a firm's word follows ("Martin Marietta Corp") or a title already named them."""
        first = load().first_names
        for i, token in enumerate(sent.tokens[:-1]):
            if token.text not in first or sent.mention_at(i) is not None:
                continue
            name = _name_at(sent, i)
            if name is None or name[1] - name[0] < 2 or sent.mention_at(name[0], ("person",)) is not None:
                continue
            start, end, key = name
            if any(sent.mention_at(k) is not None for k in range(start, end)):
                continue
            if _firm_name(sent, start + 1, end):
                continue  # "Martin Marietta Corp", "Lockheed Martin Aeronautics": a firm
            key = self._register(key, _text(sent.tokens[start:end]), sent.index)
            _add_person_mention(sent, key, start, end)

    def _ranked_names(self, sent: Sent) -> None:
        """A rank before a full name makes that name a person ("Colonel Assimi Goita", "le capitaine
        X"); the rank alone gives no office."""
        for i in range(len(sent.words) - 2):
            if not _is_rank(sent, i) or (i + 1 < len(sent.words) and _is_rank(sent, i + 1)):
                continue
            name = _name_at(sent, i + 1)
            if name is None or sent.mention_at(name[0], ("person",)) is not None:
                continue
            start, end, key = name
            if _firm_name(sent, start, end):
                continue  # "General Atomics Aeronautical Systems", "General Dynamics Land Systems": a firm
            if end - start >= 2:
                key = self._register(key, _text(sent.tokens[start:end]), sent.index)
                _add_person_mention(sent, key, start, end)

    def _register(self, key: str, surface: str, sentence: int) -> str:
        key = self._merge_key(key)
        record = self.people.setdefault(key, PersonRecord(key, first_sentence=sentence))
        record.names.add(surface)
        return key

    def _merge_key(self, key: str) -> str:
        """The key of a person already in the article with the same surname and first initial."""
        if key in self.people:
            return key
        parts = key.split()
        for other in self.people:
            o = other.split()
            if (
                len(o) >= 2
                and len(parts) >= 2
                and fold(o[-1]) == fold(parts[-1])
                and fold(o[0])[:1] == fold(parts[0])[:1]
            ):
                return other
        return key

    def _surnames(self, sent: Sent) -> None:
        """Surname-only mentions of people already named in the article ("Erdogan", "Ahn")."""
        taken = {i for m in sent.mentions for i in range(m.start, m.end)}
        given = load().given_names
        index: dict[str, str] = {}
        for key in self.people:
            parts = key.split()
            if len(parts) < 2:
                continue
            for part in parts:
                f = fold(part)
                if len(f) >= 3 and f not in _PARTICLES and f not in given:
                    index.setdefault(f, key)
        for i, token in enumerate(sent.tokens):
            if i in taken or not token.is_title:
                continue
            key = index.get(token.folded)
            if key and (i + 1 >= len(sent.tokens) or not sent.tokens[i + 1].is_title):
                _add_person_mention(sent, key, i, i + 1, via="surname")
                self.people[key].names.add(token.text)


def _firm_name(sent: Sent, start: int, end: int) -> bool:
    """A name whose words, or the word after it, make a firm's: "Atomics Aeronautical Systems",
    "Dynamics Land Systems-Canada"."""
    words = range(start, min(end + 1, len(sent.words)))
    return any({"corporate", "firm_word", "company_noun"} & sent.cue_at(k) for k in words)


def _text(tokens: list[Token]) -> str:
    out = ""
    for i, t in enumerate(tokens):
        out += ("" if i == 0 or t.start == tokens[i - 1].end else " ") + t.text
    return out


def _add_person_mention(sent: Sent, key: str, start: int, end: int, via: str = "name") -> None:
    for m in sent.mentions:
        if m.kind == "person" and m.start == start:
            m.key = key
            return
    # "Senator Barbara Boxer": a surname that is also a system's name is the person's here
    sent.mentions = [m for m in sent.mentions if not (m.kind == "weapon" and start <= m.start and m.end <= end)]
    sent.mentions.append(Mention("person", key, start, end, via, _text(sent.tokens[start:end])))
    sent.mentions.sort(key=lambda m: m.start)


_THEN_PREFIXES = ("then-", "ex-", "former-")


def _without_then(token: Token) -> Token:
    """ "then-President", "then-prime minister", "l'ex-Premier ministre": the title, held before."""
    low = token.text.lower()
    for prefix in _THEN_PREFIXES:
        if low.startswith(prefix) and len(low) > len(prefix):
            n = len(prefix)
            return Token(token.text[n:], token.start + n, token.end, token.folded[n:] if token.folded else "")
    return token


def _role_hits(sent: Sent) -> list[tuple[int, int, str, tuple[str, str]]]:
    """Title phrases, matched with nationality adjectives inside them skipped ("ministre chilien des Armées")."""
    skip = {i for m in sent.mentions if m.kind == "demonym" for i in range(m.start, m.end)}
    keep = [i for i in range(len(sent.tokens)) if i not in skip]
    filtered = [_without_then(sent.tokens[i]) for i in keep]
    hits = load().roles.match(filtered, sent.lang)
    out = [(keep[h.start], keep[h.end - 1] + 1, h.value, h.extra) for h in hits]
    for k in range(len(out) - 1):
        (s1, e1, _r1, x1), (s2, e2, r2, x2) = out[k], out[k + 1]
        if s2 == e1 + 1 and sent.words[e1] in ("and", "et") and x2[0] == "leader" and x1[0] == "official":
            out[k] = (s1, e2, r2, x2)  # "the UAE's vice-president and prime minister": the higher office
    return out


def _actor_key(m: Mention) -> str | None:
    if m.kind in ("country", "demonym", "alliance") and not (m.kind == "demonym" and m.attached not in (None, "actor")):
        return m.key
    return None


def _nationality(sent: Sent, start: int, end: int) -> tuple[str | None, int]:
    """The state or alliance a title belongs to, and where the name may start."""
    words = sent.words
    # a nationality adjective or a state named inside the title ("porte-parole du Kremlin")
    for m in sent.mentions:
        if m.kind == "demonym" and start <= m.start < end:
            m.attached = "person"
            return m.key, end
        if m.kind in ("country", "alliance") and start <= m.start < end:
            if words[m.start - 1] in ("to", "at", "aupres") or words[m.start - 2 : m.start] in (["to", "the"],
                                                                                              ["aupres", "des"]):
                continue  # "ambassador to the United Nations": the host, not the state that sends him
            return m.key, end
    after = end
    m = sent.mention_at(end, ("demonym",))
    if m is not None:
        m.attached = "person"
        return m.key, m.end
    # "de la Russie", "du Kremlin", "de l'Otan", "of Russia", "de la diplomatie chinoise"
    i = end
    if i < len(words) and words[i] in _OF:
        j = i + 1
        while j < len(words) and words[j] in _DETERMINERS:
            j += 1
        m = sent.mention_at(j, ("country", "alliance"))
        if m is not None:
            return m.key, m.end
        for k in range(j, min(j + 4, len(words))):
            d = sent.mention_at(k, ("demonym",))
            if d is not None:
                d.attached = "person"
                return d.key, d.end
            if words[k] in (",", "."):
                break
    if start > 0:
        prev = sent.mention_at(start - 1, ("demonym", "country"))
        if prev is None and start > 1 and words[start - 1] == "'s":
            prev = sent.mention_at(start - 2, ("country",))
        if prev is None and start > 1 and words[start - 1] in _DETERMINERS | {"his", "her", "son", "sa"}:
            prev = None
        if prev is not None and (prev.kind == "country" or prev.attached in (None, "person")):
            if prev.kind == "demonym":
                prev.attached = "person"
            return prev.key, after
    return None, after


_GOVERNMENT = {"government", "administration", "gouvernement", "cabinet", "regime"}


def _served_title(sent: Sent, hits: list, k: int) -> int | None:
    """Where the title a title serves ends ("spokesman for Chancellor", "porte-parole du chancelier"), when
    the next title follows this one through "of", "for", "du"; else ``None``."""
    if k + 1 >= len(hits):
        return None
    end, nxt = hits[k][1], hits[k + 1][0]
    between = sent.words[end:nxt]
    return hits[k + 1][1] if 1 <= len(between) <= 2 and set(between) <= _SERVING else None


_SERVING = {"du", "de", "d'", "of", "for", "to", "au", "aux", "the", "le", "la", "l'"}


def _apposed_name(sent: Sent, i: int) -> tuple[int, int, str] | None:
    """The name set off by a comma after the name that stands at ``i``: "chancelier Olaf Scholz, Steffen
    Hebestreit, ..." gives Steffen Hebestreit."""
    first = _name_after(sent, i)
    if first is None or first[1] >= len(sent.words) or sent.words[first[1]] != ",":
        return None
    return _name_after(sent, first[1] + 1)


def _nearest_state(sent: Sent, i: int) -> str | None:
    """The state the sentence names nearest position ``i`` (before it first): "Foreign Office
    spokesperson X said Pakistan ...", "les autorités chiliennes ont précisé que le ministre X ..."."""
    states = [
        m
        for m in sent.mentions
        if (m.kind == "country" and not m.setting) or (m.kind == "demonym" and m.attached in (None, "actor"))
    ]
    before = [m for m in states if m.end <= i]
    acting = [m for m in before if m.kind == "country" or m.attached is not None]
    before = acting or before  # "le gouvernement thaïlandais ..., faute du moteur allemand": the government's
    subjects = [m for m in before if not _governed(sent, m)]  # "X is considering buying from Y or Z, ..."
    if subjects:
        return subjects[-1].key
    # "Prime Minister Pashinyan's government recalled its ambassador from Israel, and spokeswoman X ...": the
    # state of a known leader who acts in the sentence, rather than a state named only as an object
    known = load().people
    leaders = [
        known[m.key].country
        for m in sent.mentions
        if m.kind == "person" and m.end <= i and m.key in known and known[m.key].country in load().countries
        and sent.words[m.end : m.end + 1] == ["'s"]
    ]
    if leaders:
        return leaders[-1]
    if before:
        return before[-1].key
    after = [m for m in states if m.start >= i]
    # after the title, only a state that acts in the clause the person speaks in ("X said Pakistan ...")
    return after[0].key if after and after[0].kind == "country" and _says_before(sent, i, after[0].start) else None


_GOVERNING = {
    "from",
    "to",
    "with",
    "by",
    "of",
    "in",
    "or",
    "de",
    "du",
    "des",
    "d'",
    "a",
    "au",
    "aux",
    "avec",
    "par",
    "en",
}


def _governed(sent: Sent, m: Mention) -> bool:
    """A preposition (or "or", in a list of options) before the mention, past its articles."""
    i = m.start - 1
    while i >= 0 and sent.words[i] in _DETERMINERS:
        i -= 1
    return i >= 0 and sent.words[i] in _GOVERNING and not (sent.words[i] == "a" and sent.tokens[i].lower != "à")


def _says_before(sent: Sent, i: int, j: int) -> bool:
    """A verb of saying between positions ``i`` and ``j``: "spokesperson X said Pakistan ..."."""
    return any("saying" in sent.cue_at(k) for k in range(i, j))


def _of_an_organisation(sent: Sent, i: int, lowercase: bool = False) -> bool:
    """A title followed by "of"/"de" and a name that is no state: "chief executive of GE Aerospace",
    "directeur général de Saab"; with ``lowercase``, also a common noun ("the head of pollster X")."""
    while i < len(sent.words) and sent.words[i] in (",",):
        i += 1
    if i >= len(sent.words) or sent.words[i] not in ("of", "de", "d'", "du"):
        return False
    j = i + 1
    while j < len(sent.words) and sent.words[j] in _DETERMINERS:
        j += 1
    if j < len(sent.tokens) and "company_noun" in sent.cue_at(j):
        return True  # "président du groupe français", "head of the shipbuilder"
    if j >= len(sent.tokens) or not (sent.tokens[j].text[:1].isupper() or lowercase and sent.tokens[j].text.isalpha()):
        return False
    if "state_body" in sent.cue_at(j):
        return False  # "président de la transition", "head of the junta": a state's own body
    m = sent.mention_at(j)
    if m is not None and m.kind == "demonym" and m.end < len(sent.words) and "company_noun" in sent.cue_at(m.end):
        return True  # "president of the Polish manufacturer", "PDG du groupe français"
    return m is None or m.kind not in ("country", "alliance", "demonym", "person")


def _firm_after(sent: Sent, i: int) -> bool:
    """ "de KNDS", "of Naval Group", "du groupe Thales": a firm named right after a title (an acronym or a
    name the catalogue knows as a maker, or a company noun), not a state's body ("de la Marine")."""
    if i >= len(sent.words) or sent.words[i] not in ("of", "de", "d'", "du"):
        return False
    j = i + 1
    while j < len(sent.words) and sent.words[j] in _DETERMINERS:
        j += 1
    if j >= len(sent.tokens) or sent.mention_at(j) is not None or "state_body" in sent.cue_at(j):
        return False
    text = sent.tokens[j].text
    return (
        "company_noun" in sent.cue_at(j)
        or company_at(sent.words, j) is not None
        or len(text) >= 3 and text.isupper() and text.isalpha()
    )


def _heads_an_institution(sent: Sent, i: int) -> bool:
    """An institution's name right after a title's state: "head of US Central Command", "chef du
    Commandement ..."."""
    return any({"institution_word", "actor_noun"} & sent.cue_at(k) for k in range(i, min(i + 3, len(sent.words))))


def _of_after_name(sent: Sent, i: int) -> str | None:
    """ "Defence Minister Anna Korhonen of Finland", "X, ministre de la Défense du Mali"."""
    while i < len(sent.words) and sent.words[i] == ",":
        i += 1
    if i < len(sent.words) and sent.words[i] in ("of", "de", "du", "d'"):
        j = i + 1
        while j < len(sent.words) and sent.words[j] in _DETERMINERS:
            j += 1
        m = sent.mention_at(j, ("country", "alliance"))
        if m is not None:
            return m.key
    return None


def _is_name_token(sent: Sent, i: int) -> bool:
    t = sent.tokens[i]
    if not t.text[:1].isupper() or not t.text[:1].isalpha() or t.folded in _NOT_NAMES:
        return False
    m = sent.mention_at(i)
    return m is None or m.kind == "person"


def _surname_like_system(sent: Sent, j: int) -> bool:
    """A system's name without digits after a given name ("Barbara Boxer", "Tom Hawk")."""
    m = sent.mention_at(j, ("weapon",))
    return m is not None and m.start == j and m.end == j + 1 and not any(c.isdigit() for c in m.text)


def _name_at(sent: Sent, i: int, titled: bool = False) -> tuple[int, int, str] | None:
    n = len(sent.tokens)
    while i < n and (
        sent.words[i] in _HONORIFICS
        or sent.words[i] in _SHEIKH and i + 2 < n and _is_name_token(sent, i + 1) and _is_name_token(sent, i + 2)
        or _is_rank(sent, i)
        or (sent.words[i] in ("le", "la", "l'", "the") and i + 1 < n and _is_rank(sent, i + 1))  # ", le colonel X"
    ):
        i += 1
    if titled:
        # "the kingdom's defence minister, Crown Prince X": a second title before the name is no part of it
        i = next((e for s, e in sent.role_spans if s == i and e < n), i)
    if i >= n:
        return None
    known = sent.mention_at(i, ("person",))
    if known is not None and known.start == i:
        return known.start, known.end, known.key
    if not _is_name_token(sent, i):
        return None
    j = i + 1
    while j < n and j - i < 6:
        w = sent.words[j]
        if _is_name_token(sent, j) or _surname_like_system(sent, j):
            j += 1
        elif (w in _PARTICLES or w.split("-")[0] in ("al", "el", "bin", "ben")) and j + 1 <= n:
            k = j
            while k < n and sent.words[k] in _PARTICLES and k - j < 2:
                k += 1  # "Fernández de la Vega": particles in a row
            if "-" in sent.tokens[j].text:
                j += 1
            elif k < n and _is_name_token(sent, k):
                j = k + 1
            else:
                break
        else:
            break
    if any({"institution_word", "actor_noun"} & sent.cue_at(k) for k in range(i, j)):
        return None  # "the head of US Central Command": an institution, no person
    if j - i < 2:
        # a title and a surname only: "President Lula", "le président Macron", when one known person has it
        known_key = load().surnames.get(sent.tokens[i].folded) if titled else None
        return (i, j, known_key) if known_key else None
    return i, j, person_key(_text(sent.tokens[i:j]))


def _is_rank(sent: Sent, i: int) -> bool:
    """A rank word, or a word that makes a rank with the rank words after it ("Air Chief Marshal")."""
    w = sent.words[i]
    if w in _RANKS:
        return True
    j = i
    while j < len(sent.words) and sent.words[j] in _RANK_PREFIXES:
        j += 1
    return j > i and j < len(sent.words) and sent.words[j] in _RANKS


def _name_after(sent: Sent, i: int) -> tuple[int, int, str] | None:
    moved = True
    while moved:
        moved = False
        while i < len(sent.words) and sent.words[i] in (",", ":"):
            i += 1
        # "le président de gauche X", "le Premier ministre sortant X": a qualifier between title and name
        ends = [e for s, e, c in sent.cues if s == i and c == "title_qualifier"]
        if ends:
            i, moved = max(ends), True
    found = _name_at(sent, i, titled=True)
    if found is None and i < len(sent.words) and sent.words[i] in ("de", "du", "des", "d'", "of", "for", "to", "en",
                                                                   "au", "aux", "aupres", "in"):
        # "ambassador to Sweden, X", "l'ambassadeur du Pérou en Suède, X": the post, then the name
        # "le ministre allemand de l'Economie, Peter Altmaier": skip the ministry up to the comma
        for j in range(i + 1, min(i + 8, len(sent.words))):
            if sent.words[j] == ",":
                return _name_at(sent, j + 1)
    return found


_BEFORE_TITLE = _DETERMINERS | {"a", "an", "un", "une", "'s", "former", "ancien", "ancienne", "his", "her", "son", "sa"}
_BEFORE_TITLE |= {"alors", "then", "now", "desormais"}  # "X, alors Premier ministre", "Y, then president"
# a rank within the office the title names: "X, the deputy spokesman for the defence ministry"
_BEFORE_TITLE |= {"deputy", "assistant", "senior", "principal", "adjoint", "adjointe"}


def _name_before(sent: Sent, start: int) -> tuple[int, int, str] | None:
    """ "John Reed, the deputy secretary ...", "Ana Costa, Chile's defence minister, ...", "Ana Costa,
    the Chilean defence minister, ..." """
    i = start - 1
    while i >= 0:
        if sent.words[i] in _BEFORE_TITLE:
            i -= 1
            continue
        m = sent.mention_at(i, ("demonym", "country"))
        if m is None or m.end != i + 1:
            break
        i = m.start - 1  # the title's nationality, or its state before "'s"
    if i < 1 or sent.words[i] != ",":
        return None
    end = i
    j = end - 1
    while j >= 0 and (_is_name_token(sent, j) or sent.words[j] in _PARTICLES):
        j -= 1
    j += 1
    while j < end and (
        sent.words[j] in _HONORIFICS
        or _is_rank(sent, j)
        or sent.words[j] in _PARTICLES
        or sent.words[j] in _SHEIKH and end - j > 2
    ):
        j += 1  # "Air Marshal X, the chief of the air staff", "le gouvernement de X, alors ...": not the name
    if end - j < 2:
        known = sent.mention_at(end - 1, ("person",))
        return (known.start, known.end, known.key) if known else None
    return j, end, person_key(_text(sent.tokens[j:end]))


def person_key(name: str) -> str:
    """The key of a person named ``name``: the known-people list's key, else the name with the
    given name in its usual English-press spelling.

    >>> person_key("Dmitri Peskov")
    'Dmitry Peskov'
    >>> person_key("Vladimir Poutine")
    'Vladimir Putin'
    """
    g = load()
    from kg.extract.tokens import tokenize

    tokens = tokenize(name)
    for hit in g.names.match(tokens):
        if hit.kind == "person" and hit.start == 0 and hit.end == len(tokens):
            return hit.value
    parts = latin(name).split()
    if parts:
        canonical = g.given_names.get(fold(parts[0]))
        if canonical:
            parts[0] = canonical
    return " ".join(parts)


def is_rank_title(role: str) -> bool:
    """A role that is only a military rank ("colonel", "general", "air marshal")."""
    words = fold(role).split()
    return bool(words) and all(w in _RANKS or w in _RANK_PREFIXES for w in words)

