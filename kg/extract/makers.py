"""Maker facts: the origins a text states for a weapon system (nationality adjectives, "-made",
"de fabrication", possessives, "made by", "from X" after the system) when the catalogue does not contradict them."""

from __future__ import annotations

import re

from kg.extract.annotate import Mention, Sent
from kg.extract.clauses import (
    _MADE_VERB,
    CONJ,
    DETS,
    _actors,
    _is_possessive,
    _weapons,
    before_articles,
    clause_start,
    planned,
)
from kg.extract.context import Context
from kg.extract.gazetteer import company_at, load, maker_allowed
from kg.facts import Fact, Maker, Ref

# adverbs and pronouns between a participle of making and its agent: "conçus eux aussi par", "also built by"
_FILLERS = {
    "eux", "elles", "aussi", "egalement", "also", "too", "jointly", "conjointement", "originally", "initialement"
}


class MakerFrames:
    """Part of :class:`kg.extract.relations.RelationReader` (a mixin: it reads ``self.ctx`` and
    appends to ``self.facts``)."""

    ctx: Context
    facts: list[Fact]

    def _stated_origins(self, sent: Sent) -> None:
        """Origins stated around a named system that the catalogue confirms: "South Korea's homegrown
        Cheongung-II", "Japan's F-X", "l'Italie et ses M-346", "Leopard tanks from Germany",
        "trois Gripen viendront de Suède"."""
        g = load()
        words = sent.words
        for m in sent.mentions:
            if m.kind != "weapon" or m.key not in g.weapons:
                continue
            makers = g.weapons[m.key].makers
            origin: Mention | None = None
            i = m.start - 1
            while i >= 0 and (words[i] in ("homegrown", "indigenous", "own", "new") or words[i].isdigit()):
                i -= 1
            if i >= 1 and words[i] == "'s":
                origin = sent.mention_at(i - 1, ("country",))
            elif i >= 0 and words[i] in ("its", "ses", "son", "sa", "leurs", "their"):
                j = i - 1
                while j >= 0 and words[j] in ("and", "et", ","):
                    j -= 1
                origin = sent.mention_at(j, ("country",)) if j >= 0 and j >= i - 3 else None
            elif i >= 0 and sent.lang == "en" and i == m.start - 1:
                adjunct = sent.mention_at(i, ("country",))  # "U.S. Virginia-class submarines"
                origin = adjunct if adjunct is not None and adjunct.end == m.start else None
            k = m.end
            while k < len(words) and k < m.end + 2 and sent.mention_at(k, ("noun",)) is not None:
                k = sent.mention_at(k, ("noun",)).end
            if origin is None and k + 1 < len(words) and words[k] in ("from", "de", "d'"):
                nxt = sent.mention_at(k + 1, ("country",))
                origin = nxt if nxt is not None and not nxt.setting else None
                if origin is not None and words[origin.end : origin.end + 1] and words[origin.end] in _STOCKS:
                    origin = None  # "14 Leopard 2A6 tanks from Bundeswehr stocks": whose stocks, not who made them
            if origin is not None and origin.key in makers:
                self.facts.append(Maker(Ref.weapon(m.key), Ref.country(origin.key), self._evidence(sent)))
            pair = [d for d in sent.mentions if d.kind == "demonym" and d.start == m.end and d.end == m.end + 1]
            pair = pair or [  # "the Franco-Italian SAMP/T"
                d for d in sent.mentions if d.kind == "demonym" and d.end == m.start and d.start == m.start - 1
            ]
            if len(pair) > 1:  # "le SAMP/T franco-italien": both makers, when the catalogue has them
                for d in pair:
                    if d.key in makers:
                        self.facts.append(Maker(Ref.weapon(m.key), Ref.country(d.key), self._evidence(sent)))

    def _apposed_origins(self, sent: Sent) -> None:
        """An apposition that gives the origin of the systems listed before it: "the F-35I Adir and the F-16I
        Sufa, both American-made jets", "des Rafale et des Mirage 2000, tous deux de fabrication française"."""
        g = load()
        words = sent.words
        for n in sent.mentions:
            if n.kind != "noun" or not n.maker:
                continue
            i = n.start - 1
            while i > 0 and (words[i] in _ALL or sent.mention_at(i, ("demonym",))):
                i -= 1
            if words[i] != "," or not {"both", "all", "tous", "toutes"} & set(words[i + 1 : n.start]):
                continue
            start = clause_start(sent, i)
            for m in sent.mentions:
                listed = m.kind == "weapon" and m.key in g.weapons and start <= m.start < i
                if listed and maker_allowed(m.key, n.maker):
                    self.facts.append(Maker(Ref.weapon(m.key), Ref.country(n.maker), self._evidence(sent)))

    def _made_by(self, sent: Sent) -> None:
        """ "developed jointly by India and Russia", "fabriqués par la France": makers named after the weapon."""
        g = load()
        for i, w in enumerate(sent.words):
            if w not in ("by", "par") or i == 0:
                continue
            k = i - 1  # "conçus eux aussi par Baykar", "also built by": fillers between the participle and "par"
            while k > 0 and i - k <= 3 and sent.words[k] in _FILLERS:
                k -= 1
            if not _MADE_VERB.match(sent.words[k]) and not (k > 0 and _MADE_VERB.match(sent.words[k - 1])):
                continue
            makers: list[Ref] = []
            last = i
            # "built by a consortium of Britain, Germany, Italy and Spain": the states of the consortium
            group = any(w in ("consortium", "venture", "groupement") for w in sent.words[i + 1 : i + 4])
            for _m, r, p in _actors(sent, self.ctx, i + 1, min(len(sent.words), i + (22 if group else 12))):
                first_possessive = not makers and _m.start <= i + 2 and _is_possessive(sent, _m)  # "by India's HAL"
                listed = all(
                    w in CONJ or w in DETS or w == "," or group and w in ("de", "du", "des", "d'", "of")
                    for w in sent.words[last : _m.start]
                )
                of_group = group and not makers and p in ("of", "de", "du", "des", "d'") and _m.start <= i + 6
                # "un consortium réunissant l'Allemagne, ...", "a consortium grouping Britain, ..."
                of_group = of_group or group and not makers and p is None and bool(
                    _GROUP_LINKS & set(sent.words[i + 1 : _m.start])
                )
                listed_of = makers and listed and p in ("of", "de", "du", "des", "d'") and group  # "..., de l'Italie"
                named = p in ("by", "par") or (makers and p is None and listed) or first_possessive or of_group
                named = named or listed_of
                if r.type == "Country" and named:
                    makers.append(r)
                    last = _m.end
                elif makers:
                    break
            firm = _company_after(sent, i + 1)
            weapons = [(m, k) for m, k in _weapons(sent, self.ctx, 0, i, coordinated=False) if k in g.weapons]
            if not weapons and i <= 2 and "," in sent.words[last:]:
                # "Produit par un consortium ..., l'Eurofighter demeure": the subject after the fronted participle
                # (a noun that takes up a system only when the catalogue agrees: "Conçus par le français
                # Dassault, ces appareils" are not the F-16 named last)
                comma = sent.words.index(",", last)
                weapons = [
                    (m, k)
                    for m, k in _weapons(sent, self.ctx, comma + 1, min(len(sent.words), comma + 5), coordinated=False)
                    if k in g.weapons
                    and (m is not None and m.kind == "weapon" or all(maker_allowed(k, r.key) for r in makers))
                ][:1]
            if not makers and firm is not None:
                # "all made by BAE Systems": a firm the catalogue knows, for the systems it makes
                for _m, key in weapons:
                    if firm in g.weapons[key].makers:
                        self.facts.append(Maker(Ref.weapon(key), Ref.country(firm), self._evidence(sent)))
                continue
            for _m, key in weapons[-1:]:
                for maker in makers:
                    self.facts.append(Maker(Ref.weapon(key), maker, self._evidence(sent)))

    def _made_in(self, sent: Sent) -> None:
        """ "PL-15 missiles made in China", "des missiles mis au point en Chine": the country a system
        was made in, when the catalogue has it among the system's makers (not a licensee's plant)."""
        for key, country in self.made_in(sent):
            self.facts.append(Maker(Ref.weapon(key), country, self._evidence(sent)))

    def made_in(self, sent: Sent) -> list[tuple[str, Ref]]:
        """The (system, country) pairs of :meth:`_made_in`."""
        g = load()
        out: list[tuple[str, Ref]] = []
        words = sent.words
        for i, w in enumerate(words):
            if w not in ("in", "en", "dans") or i == 0 or not _MADE_VERB.match(words[i - 1]) or planned(sent, i - 1):
                continue  # "will be built in Britain": a plan, not who made it
            j = i + 1
            while j < len(words) and words[j] in DETS:
                j += 1
            if j + 1 < len(words) and words[j] in _WORKS and words[j + 1] in ("in", "en", "au", "aux"):
                j += 2  # "built in factories in China", "construits dans des usines en Chine"
            place = sent.mention_at(j, ("country",)) if j < len(words) else None
            if place is None:
                continue
            weapons = [
                (m, k)
                for m, k in _weapons(sent, self.ctx, 0, i, coordinated=False)
                if k in g.weapons or m is not None and m.kind == "weapon"  # a system the catalogue lacks
            ]
            for _m, key in weapons[-1:]:
                if key not in g.weapons or place.key in g.weapons[key].makers:
                    out.append((key, Ref.country(place.key)))
        return out

    def _firm_also_makes(self, sent: Sent) -> None:
        """ "made by Israel's state-owned IAI, which also produces the Barak 8": a firm of a stated nationality
        and the systems its relative clause says it makes (noted for the article, so that a deal told in the
        same sentence has its supplier)."""
        g = load()
        words = sent.words
        for i, w in enumerate(words):
            if w not in ("which", "qui") or i == 0 or words[i - 1] != ",":
                continue
            verb = next((k for k in range(i + 1, min(len(words), i + 3)) if _MAKES.match(words[k])), None)
            if verb is None:
                continue
            owner = next(
                (
                    c
                    for c in reversed(sent.mentions)
                    if c.end <= i and i - c.end <= 10 and (
                        c.kind == "country" and words[c.end : c.end + 1] == ["'s"]
                        or c.kind == "demonym" and c.attached == "company"
                    )
                ),
                None,
            )
            if owner is None:
                continue
            for _m, key in _weapons(sent, self.ctx, verb + 1, min(len(words), verb + 6), coordinated=False)[:1]:
                if key in g.weapons and maker_allowed(key, owner.key):
                    self.facts.append(Maker(Ref.weapon(key), Ref.country(owner.key), self._evidence(sent)))
                    self.ctx.makers.setdefault(key, owner.key)

    # --------------------------------------------------------------- makers
    def _makers(self, sent: Sent) -> None:
        g = load()
        for m in sent.mentions:
            if m.kind not in ("weapon", "noun") or not m.maker:
                continue
            key = m.key if m.kind == "weapon" else self.ctx.resolve_noun(m, sent)
            if not key or (key not in g.weapons and m.kind != "weapon"):
                continue  # a designation the catalogue lacks still has the maker the text gives it
            if maker_allowed(key, m.maker):
                self.facts.append(Maker(Ref.weapon(key), Ref.country(m.maker), self._evidence(sent)))
        self._stated_origins(sent)
        self._apposed_origins(sent)
        self._made_by(sent)
        self._made_in(sent)
        companies = [m for m in sent.mentions if m.of_firm]
        specific = {m.key for m in sent.mentions if m.kind == "weapon"}
        if not specific:
            specific = {k for m, k in _weapons(sent, self.ctx, 0, len(sent.words)) if k in g.weapons}
        if companies and len(specific) == 1:
            key = next(iter(specific))
            # "designed by Chinese experts and built with Russian defence firms": each firm's state, as allowed
            for owner in dict.fromkeys(c.key for c in companies):
                if maker_allowed(key, owner):
                    self.facts.append(Maker(Ref.weapon(key), Ref.country(owner), self._evidence(sent)))
        # "a contract with Germany's KMW for Leopard tanks and PzH 2000 howitzers", "le Rafale du français
        # Dassault": every system of the sentence that a firm of that nationality makes, by the catalogue
        owners = [(c.key, c.start) for c in companies] + _firm_owners(sent)
        for owner, at in owners:
            for m in sent.mentions:  # the systems near the firm, in its clause
                if m.kind != "weapon" or m.key not in g.weapons or owner not in g.weapons[m.key].makers:
                    continue
                lo, hi = min(at, m.start), max(at, m.end)
                if hi - lo <= 20 and clause_start(sent, hi) <= lo:
                    self.facts.append(Maker(Ref.weapon(m.key), Ref.country(owner), self._evidence(sent)))


_ALL = ("both", "all", "tous", "toutes", "deux")
_STOCKS = {"stocks", "stock", "inventory", "inventories", "reserves", "stores", "arsenal", "arsenals", "surplus"}
_WORKS = {"factories", "factory", "plants", "plant", "yards", "shipyards", "usines", "usine", "chantiers", "ateliers"}


def _company_after(sent: Sent, i: int) -> str | None:
    """The country of a firm the catalogue knows, named at token ``i`` (after its articles)."""
    while i < len(sent.words) and sent.words[i] in ("the", "le", "la", "l'"):
        i += 1
    return company_at(sent.words, i)


def _firm_owners(sent: Sent) -> list[tuple[str, int]]:
    """States a sentence gives as a firm's nationality, with where: "Germany's Rheinmetall", "Israel's
    Elbit Systems", "PZL Mielec of Poland"."""
    words, owners = sent.words, []
    for m in sent.mentions:
        if m.kind != "country":
            continue
        k = m.end
        if k + 1 < len(words) and words[k] == "'s" and company_at(words, k + 1) is not None:
            owners.append((m.key, m.start))
        j = before_articles(sent, m)
        if j >= 1 and words[j] == "of" and any(company_at(words, i) for i in range(max(0, j - 3), j)):
            owners.append((m.key, m.start))
    return owners


# words that link a consortium to its member states: "un consortium réunissant l'Allemagne, ..."
_GROUP_LINKS = {"reunissant", "regroupant", "associant", "comprising", "grouping", "including", "formed", "made"}

# verbs of making in a firm's relative clause: "which also produces the Barak 8", "qui fabrique aussi"
_MAKES = re.compile(r"^(produces|makes|builds|manufactures|designed|produit|fabrique|construit|concoit)$")
