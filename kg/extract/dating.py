"""Dates a deal already told from a later sentence about its contract.

News often tells a deal first ("Indonesia has cancelled its order for 11 Su-35") and dates it later in a
sentence that names no system: "The two governments signed the contract in February 2018", "Le contrat
a été conclu en 2020", "Bucarest et Washington avaient signé en 2017 un accord ...". The contract is
the deal's agreement (``fact-model.md``: the year is that of the agreement), so its year dates the deal.

The contract must point back: a definite or possessive noun ("the contract", "la commande initiale",
"its order"), or a clause whose states are the two parties of a deal told. A contract of parties the
article has not told, or a plan ("the contract is to be signed in 2027"), dates nothing.
"""

from __future__ import annotations

from kg.extract.annotate import Sent
from kg.extract.clauses import YEAR, Trigger, _actors, _year_for, planned, status_of
from kg.facts import Deal

# determiners that point back to a contract told ("the contract", "sa commande", "this deal")
_BACK = ("the", "le", "la", "l'", "ce", "cet", "cette", "this", "that", "its", "their", "son", "sa", "leur")
_NEW = ("a", "an", "un", "une", "des", "another", "autre", "second", "seconde", "nouveau", "nouvelle", "new")
_TOLD = ("agreed", "delivered", "cancelled")  # a contract was signed for these (not a proposal or a refusal)


def points_back(sent: Sent, t: Trigger) -> bool:
    """The contract noun has a definite or possessive determiner, with only amounts and adjectives between.

    "the $1.14 billion contract", "la commande initiale" point back; "a contract", "another order",
    "a second contract" do not.
    """
    for k in range(t.start - 1, max(-1, t.start - 7), -1):
        w = sent.words[k]
        if w in _NEW or w in (",", ";", ":") or sent.mention_at(k, ("country", "weapon", "person")) is not None:
            return False
        if w in _BACK:
            return True
    return False


# what puts an event under a contract: "delivered under a contract signed in 2014", "commandé en vertu d'un
# accord conclu en 2016", "dans le cadre d'un marché attribué en 2019"
_UNDER = (("under",), ("as", "part", "of"), ("en", "vertu"), ("dans", "le", "cadre"), ("aux", "termes"),
          ("au", "titre"))


def governed(sent: Sent, t: Trigger) -> bool:
    """The contract noun is the one an event of its sentence was made under: "paid for under a contract of
    $427 million awarded in 2013", "livré en vertu d'un contrat signé en 2014" (the deal that sentence tells,
    though the noun is indefinite)."""
    for k in range(t.start - 1, max(-1, t.start - 6), -1):
        w = sent.words[k]
        if w in (",", ";", ":") or sent.mention_at(k, ("country", "weapon", "person")) is not None:
            return False
        if any(sent.words[max(0, k - len(u) + 1) : k + 1] == list(u) for u in _UNDER):
            return True
    return False


def signing_verb(sent: Sent, t: Trigger) -> int | None:
    """The verb or participle that signs this contract: within five words of the noun ("signed the $1.14
    billion contract", "le contrat a été conclu", "the contract that followed, signed in"), or fronted at the
    head of the sentence ("Signé en 2019 par le gouvernement, le contrat ..."). None under an infinitive
    ("to finalise a contract", "pour conclure le marché"): a plan, not a signing.
    """
    near = [k for k in range(max(0, t.start - 5), min(len(sent.words), t.end + 5)) if not t.start <= k < t.end]
    placed = [k for k in range(max(0, t.start - 3), t.start) if sent.words[k] in _PLACE]
    if placed and sent.words[t.start].startswith(("order", "command")):
        return placed[-1]  # "Bern placed an order in 2022", "a passé une commande"
    for k in sorted(near, key=lambda k: abs(k - t.start)) + [0]:
        if "agree" in sent.cue_at(k) and (k > 0 or k in near or sent.words[1:2] != [","]):
            if k > 0 and sent.words[k - 1] in _INFINITIVE or sent.words[max(0, k - 2) : k] in _TO_BE:
                return None  # (also "a contract to be signed in 2027", "un accord devant être conclu")
            return k
    return None


def fronted_year(sent: Sent, t: Trigger) -> int | None:
    """The year of a signing participle that opens the sentence and whose subject is this contract:
    "Conclu en 2017 sous le gouvernement du général Prayut, ce contrat porte sur", "Signed in April 2016,
    the $8 billion deal covers". None if the noun is not the first noun phrase after the fronted clause.
    """
    if t.start < 3 or "agree" not in sent.cue_at(0) or sent.words[1] in (",", "that", "que"):
        return None
    comma = next((k for k in range(t.start - 1, 0, -1) if sent.words[k] == ","), None)
    if comma is None or not points_back(sent, t) or t.start - comma > 6:
        return None
    for k in range(1, comma):
        if YEAR.match(sent.words[k]) and sent.mention_at(k, ("weapon",)) is None:
            return int(sent.words[k])
    return None


def commercial(sent: Sent, t: Trigger, left: int, right: int) -> bool:
    """A contract, an order, a sale (not talks, nor a defence or access agreement unless it has a price)."""
    word = sent.words[t.start]
    if word.startswith(_TALKS):
        return False
    return "commercial" in sent.cue_at(t.start) or any(w in _PRICE for w in sent.words[left:right])


_PLACE = ("placed", "place", "places", "placing", "passe", "passait", "passaient")
_INFINITIVE = ("to", "de", "d'", "pour", "afin")
_TO_BE = (["to", "be"], ["d'", "etre"], ["de", "etre"], ["devant", "etre"], ["doit", "etre"])
_TALKS = ("talk", "negotiation", "negociation", "pourparler", "discussion")
_PRICE = ("$", "€", "£", "dollars", "euros", "billion", "million", "milliards", "milliard", "millions")


def cancelling_verb(sent: Sent, t: Trigger) -> int | None:
    """A verb that cancels this order, before it ("cancelled its purchase", "a annulé la commande") or after
    it ("the order was scrapped", "la commande a été annulée"). None under negation, a modal or an
    infinitive: "could cancel the order", "threatened to scrap the deal" are not a cancellation.
    """
    words = sent.words
    near = [k for k in range(max(0, t.start - 4), min(len(words), t.end + 5)) if not t.start <= k < t.end]
    for k in sorted(near, key=lambda k: abs(k - t.start)):
        if "cancel" not in sent.cue_at(k):
            continue
        if any(w in (",", ";") for w in words[min(k, t.start) : max(k, t.start)]):
            return None
        lo = max(0, k - 3)
        if any("negation" in sent.cue_at(j) or "modal" in sent.cue_at(j) for j in range(lo, k)) or planned(sent, k):
            return None
        if k > 0 and words[k - 1] in _INFINITIVE:
            return None
        return k
    return None


def _year_by_verb(sent: Sent, t: Trigger, verb: int, left: int, right: int) -> int | None:
    """The year written around the contract noun and the verb that signs or cancels it."""
    return _year_for(sent, None, t, max(left, min(verb, t.start) - 4), min(right, max(verb, t.end) + 8))


class ContractDates:
    """Mixin of the relation reader: a told contract's year dates its deal; its cancellation cancels it."""

    def _cancel_told_deal(self, sent: Sent, t: Trigger, left: int, right: int) -> bool:
        """ "Norway ordered 24 Archer guns. Oslo cancelled the order in 2013": the deal told is cancelled,
        in that year. The noun must point back ("the order", "its purchase", "la commande"), to the last
        deal told of the state the clause names (or of the article, if it names none)."""
        verb = cancelling_verb(sent, t)
        if verb is None or not points_back(sent, t):
            return False
        # whose order: the subject of the verb that cancels it ("Oslo cancelled the order", "for Chile, which
        # had cancelled its order"), else a state the clause names
        states = [r for r in self._subject_or_coref(sent, 0, verb) if r.type == "Country"] if verb < t.start else []
        states = states or [r for m, r, p in _actors(sent, self.ctx, left, right) if r.type == "Country" and p is None]
        deals = [f for f in self.facts if isinstance(f, Deal) and f.status in ("agreed", "delivered", "proposed")]
        if states:
            deals = [f for f in deals if f.recipient in states or f.supplier in states]
        if not deals:
            return False
        year = _year_by_verb(sent, t, verb, left, right)
        deal = deals[-1]
        self.dated.append(Deal(deal.supplier, deal.recipient, deal.weapon, "cancelled", year, self._evidence(sent)))
        return True

    def _deals_told_last(self) -> list[Deal]:
        """The deals of the last sentence that told one."""
        last = next((f for f in reversed(self.facts) if isinstance(f, Deal)), None)
        if last is None or last.evidence is None:
            return []
        return [f for f in self.facts if isinstance(f, Deal) and f.evidence == last.evidence]

    def _date_told_deal(self, sent: Sent, t: Trigger, left: int, right: int) -> None:
        """Queue the year of the deal this contract clause points back to, if the article has not dated
        its agreement yet (``self.dated``: added once the sentence's frames are read, so that they see
        only the deals the sentence itself tells)."""
        word = sent.words[t.start]
        bare = fronted_year(sent, t) and sent.words[t.end : t.end + 1] not in (["de"], ["d'"], ["of"], ["on"], ["sur"])
        # "livré en vertu d'un contrat signé en 2014": the deal of its sentence; "The jets are paid for under a
        # contract awarded in 2013", "Il avait été commandé en vertu d'un accord conclu en 2016": the one told
        under = governed(sent, t) and (self._deals_here(sent) or self._deals_told_last())
        if word.endswith("s") and not word.endswith(("ss", "is")) or not (commercial(sent, t, left, right) or bare
                                                                            or under):
            return  # "signed Israeli defence contracts worth $5 billion": several, told as one sum
        if any(m.kind == "weapon" and left <= m.start for m in sent.mentions) and not under:
            return  # "signed a deal in 2023 to buy Akinci drones": a contract for the system it names
        verb = signing_verb(sent, t)
        if verb is None or status_of(sent, t, left, right) != "agreed" or planned(sent, t.start):
            return
        year = _year_by_verb(sent, t, verb, left, right)
        if year is None:
            return
        states = [r for m, r, _p in _actors(sent, self.ctx, left, right) if r.type == "Country" and m.kind == "country"]
        states += [r for r in self._coref_actors(sent, left, right) if r not in states]
        deals = [f for f in self.facts if isinstance(f, Deal) and f.status in _TOLD]
        # the one deal of a buyer: signed now if it was only chosen ("chose the Patriot. Bern placed an order")
        told = [f for f in self.facts if isinstance(f, Deal) and f.status in (*_TOLD, "proposed")]
        if under:  # (with a state it names: "delivered under a contract signed with Russia in 2014")
            deals = [f for f in under if f.status in _TOLD and not {*states} - {f.supplier, f.recipient}]
        elif len(states) >= 2:  # "Bucharest and Washington signed a $3.9 billion agreement in 2017": theirs
            deals = [f for f in deals if f.recipient in states and f.supplier in states]
        elif states and not points_back(sent, t):
            # "New Delhi avait signé en 2018 un contrat de 5,4 milliards": the one deal told of that buyer
            deals = [f for f in told if f.recipient == states[0]]
            if len({f.core for f in deals}) != 1:
                return  # "Turkey signed a contract in 2013": which of its deals, the article does not say
        elif not points_back(sent, t):
            return
        if not deals:
            return
        deal = deals[-1]
        if any(
            isinstance(f, Deal) and f.core == deal.core and f.status == "agreed" and f.year is not None
            for f in self.facts + self.dated
        ):
            return  # the article has dated this agreement already
        self.dated.append(Deal(deal.supplier, deal.recipient, deal.weapon, "agreed", year, self._evidence(sent)))


__all__ = ["ContractDates", "cancelling_verb", "commercial", "fronted_year", "governed", "points_back", "signing_verb"]
