"""Relations from frames: a trigger word, the actors around it, the weapons it governs.

Each trigger (``kg/data/triggers_*.tsv``) opens a frame whose roles are
filled from the sentence: the subject (the nearest actor to the left that no
preposition governs), prepositional phrases (``à``/``from``/``to``/``by``),
possessives, and the weapons in its window. Roles the sentence leaves empty
come from the article: the weapon's stated maker as supplier, the last
weapon named for "ces missiles", the recipient of the same weapon's earlier
deal. Status comes from cue words (``kg/data/cues_*.tsv``) in the window.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.extract.alliances import AgreementFrames
from kg.extract.annotate import Mention, Sent
from kg.extract.clauses import (
    _OBJECT_PRONOUNS,
    _SUBJECT_PRONOUNS,
    CONJ,
    DETS,
    POSSESSIVES,
    PREPS,
    SANCTION,
    TRANSFER,
    YEAR,
    Trigger,
    _actors,
    _asides,
    _in_member_phrase,
    _is_object,
    _is_possessive,
    _nominal_in_english,
    _window,
    clause_start,
)
from kg.extract.context import Context, _category
from kg.extract.crossframes import CrossFrames
from kg.extract.dating import ContractDates
from kg.extract.gazetteer import load, state_kind
from kg.extract.makers import MakerFrames
from kg.extract.sanctions import SanctionFrames
from kg.extract.transfers import TransferFrames, promise
from kg.facts import Deal, Evidence, Fact, Ref


def _block_number(sent: Sent, i: int) -> bool:
    """A production block's number at ``i``: "Block 70", "Block III", "Block 52+"."""
    return i < len(sent.tokens) and bool(re.match(r"^(\d+\+?|[IVX]+)$", sent.tokens[i].text))


class RelationReader(TransferFrames, SanctionFrames, AgreementFrames, MakerFrames, ContractDates, CrossFrames):
    """Reads the facts of each sentence of one article, with the article's context. The frame
    families live in their own modules (transfers, sanctions, alliances, makers)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.facts: list[Fact] = []
        self.dated: list[Fact] = []  # deals a contract sentence dates, added after its frames
        self.last_sanction_by: Ref | None = None
        self.deal_recipients: dict[str, Ref] = {}
        self.own_stock: set[tuple[Ref, str]] = set()  # (giver, system) told as the giver's own ("send its Abrams")
        self.last_alliance: str | None = None
        self.last_topic: Ref | None = None  # the previous sentences' first ungoverned state
        # a contract told between two states with no system named yet: (facts told before it, seller, buyer, status)
        self.open_contract: tuple[int, Ref, Ref, str] | None = None

    # --------------------------------------------------------------- helpers
    def _evidence(self, sent: Sent) -> Evidence:
        return Evidence(sent.text, sent.offset, sent.offset + len(sent.text))

    def _subjects(self, sent: Sent, start: int, end: int) -> list[Ref]:
        """The nearest ungoverned actor left of ``end`` and those coordinated with it ("Moscou et Ankara");
        in a relative clause, the antecedent of its subject pronoun ("vers la Russie, qui lui a livré")."""
        antecedent = self._relative_antecedent(sent, start, end)
        if antecedent is not None:
            return [antecedent]
        aside = _asides(sent, end)
        found = [
            (m, r)
            for m, r, p in _actors(sent, self.ctx, start, end)
            if p is None
            and m.start not in aside
            and not _is_object(sent, m)
            and (not _is_possessive(sent, m) or end - m.end - _incidental(sent, m.end, end) <= 4)
            and not (m.kind == "alliance" and _in_member_phrase(sent, m))
        ]
        found.reverse()
        refs: list[Ref] = []
        previous: Mention | None = None
        for m, r in found:
            if previous is not None:
                gap = sent.words[m.end : previous.start]
                if gap and not all(
                    w in CONJ or w in DETS or w == "'s" or _firm_word(sent, m.end + k) for k, w in enumerate(gap)
                ):
                    break
                if (
                    gap
                    and not any(w in CONJ for w in gap)
                    and any(_firm_word(sent, m.end + k) for k in range(len(gap)))
                ):
                    break  # "French consortium Eurosam and US-listed Raytheon": firms, then a conjunction
            if r not in refs:
                refs.append(r)
            previous = m
        return refs

    def _relative_antecedent(self, sent: Sent, start: int, end: int) -> Ref | None:
        """ "la Russie, qui lui a livré des MiG-29", "Russia, which sold it jets": the actor right before a
        subject relative pronoun is the subject of the verb at ``end`` when only auxiliaries, clitics and
        adverbs stand between the pronoun and the verb."""
        i = end - 1
        while i >= start and ({"relative_filler", "modal"} & sent.cue_at(i)):
            i -= 1
        owner = self._whose_service(sent, start, i)
        if owner is not None:
            return owner
        if i < max(start, 1) or sent.words[i] not in ("qui", "which", "who", "that"):
            return None
        j = i - 1
        if j >= 0 and sent.words[j] == ",":
            j -= 1
        m = sent.mention_at(j) if j >= 0 else None
        if m is None and j >= 1 and _adjective_like(sent, j):
            m = sent.mention_at(j - 1)  # "des Pays-Bas voisins, qui ont commandé": an adjective after the name
            j -= 1
        return self.ctx.actor(m) if m is not None and m.end == j + 1 else None

    def _whose_service(self, sent: Sent, start: int, i: int) -> Ref | None:
        """ "Algeria, its neighbour and rival, whose air force operates": the state whose service (an actor
        noun right after "whose") is the subject of the verb after ``i``, past an apposition of the state."""
        k = i
        while k > start and "actor_noun" in sent.cue_at(k):
            k -= 1
        if k == i or k < 2 or sent.words[k] != "whose" or sent.words[k - 1] != ",":
            return None
        m = sent.mention_at(k - 2, ("country",))
        if m is None:  # past the state's apposition: "Algeria, its rival, whose"
            comma = next((j for j in range(k - 3, max(0, k - 9), -1) if sent.words[j] == ","), None)
            if comma is not None and comma >= 1 and not any(sent.mention_at(j) for j in range(comma + 1, k - 1)):
                m = sent.mention_at(comma - 1, ("country",))
        return self.ctx.actor(m) if m is not None else None

    def _subject_or_coref(self, sent: Sent, start: int, end: int) -> list[Ref]:
        """The subject left of ``end``; a noun that takes up a country ("le pays", "the two countries")
        standing nearer the verb than any named actor wins."""
        subjects = self._subjects(sent, start, end)
        nearest = max((m.end for m, r, p in _actors(sent, self.ctx, start, end) if r in subjects), default=-1)
        corefs = ("coref_country", "coref_pair", "coref_government")
        if any(s >= nearest and c in corefs for s, e, c in sent.cues if start <= s < end):
            return self._coref_actors(sent, max(start, nearest), end) or subjects
        return subjects or self._coref_actors(sent, start, end) or self._subject_pronoun(sent, start, end)

    def _recent_deal_pair(self, sent: Sent) -> list[Ref]:
        """The two states of a deal told in the last two sentences: whom "the two governments" take up
        ("Indonesia gave up on buying Russian Su-35s ... The two governments had signed the contract")."""
        last = self._last_deal()
        if last is None or sent.index == 0 or last.supplier.type != "Country":
            return []
        earliest = self.ctx.sentences[max(0, sent.index - 2)].offset
        named = set(self.ctx.last_pair())
        # only when the last two states named leave one of the deal's out ("Russian-built": an adjective)
        left_out = {last.recipient, last.supplier} - named
        if last.evidence.start < earliest or len(left_out) != 1 or left_out <= set(self.ctx.actor_order):
            return []
        return [last.recipient, last.supplier]

    def _subject_pronoun(self, sent: Sent, start: int, end: int) -> list[Ref]:
        """ "Elle est le cinquième État à choisir ...", "It has also bought ...": a subject pronoun at
        the head of the clause is the country last named, unless the last sentence spoke of a person."""
        spots = [
            s
            for s, e, c in sent.cues
            if start <= s < end
            and c == "pronoun_actor"
            and sent.words[s] in _SUBJECT_PRONOUNS
            # at the head of a clause, or after a fronted date ("and in May 2021 it signed for ...")
            and (
                s == 0
                or sent.words[s - 1] in (",", "et", "and", "mais", "but", '"', "«")
                or sent.words[s - 1].isdigit()
            )
        ]
        if not spots or not self.ctx.actor_order:
            return []
        previous = self.ctx.sentences[sent.index - 1] if sent.index > 0 else None
        if sent.words[spots[0]] == "il" and previous is not None and any(m.kind == "person" for m in previous.mentions):
            return []
        # the previous sentence's subject first ("La Pologne a commandé aux États-Unis ... Elle a livré"), else
        # the country last named
        return [self.last_topic] if self.last_topic is not None else [self.ctx.actor_order[-1]]

    def _coref_actors(self, sent: Sent, start: int, end: int) -> list[Ref]:
        out: list[Ref] = []
        for s, _e, cue in sent.cues:
            if start <= s < end:
                if cue == "coref_pair":
                    # "during a visit to Beijing by King Salman, the two governments agreed": the two states this
                    # sentence has named before the noun, else the last two named
                    here: list[Ref] = []
                    for m in sent.mentions:
                        if m.end > s:
                            break
                        ref = Ref.country(m.key) if m.kind == "country" else self.ctx.actor(m)
                        if ref is not None and ref.type == "Country" and ref not in here:
                            here.append(ref)
                    # "the two governments signed a contract under which Germany is buying the Israeli-developed
                    # Arrow 3": the two states the rest of the sentence names
                    later: list[Ref] = []
                    for m in sent.mentions:
                        ref = Ref.country(m.key) if m.kind in ("country", "demonym") and m.start > s else None
                        if ref is not None and ref not in later:
                            later.append(ref)
                    if any(w in _PEOPLE_NOUNS for w in sent.words[s:_e]):
                        # "the two ministers also signed a letter of intent": the states of the last two people
                        # given an office
                        served = list(dict.fromkeys(r.of for r in reversed(self.ctx.people.roles)
                                                    if r.of and r.sentence <= sent.index))
                        if len(served) >= 2:
                            out += [Ref.country(k) for k in served[:2] if k in load().countries]
                            continue
                    out += (
                        here[-2:] if len(here) >= 2
                        else later if len(later) == 2
                        else self._recent_deal_pair(sent) or list(self.ctx.last_pair())
                    )
                elif cue == "coref_government" and self.ctx.recipients:
                    # "the defence department signed ...": the government of the state the article's deals go to
                    out += [self.ctx.buyer()]
                elif (
                    cue == "coref_country"
                    and sent.words[s] in ("ce", "this")
                    and any(m.kind == "country" and m.end <= s for m in sent.mentions)
                ):
                    # "à ce pays", "this country": the country named last, a place included ("en Libye")
                    out += [Ref.country([m for m in sent.mentions if m.kind == "country" and m.end <= s][-1].key)]
                elif cue == "coref_country" and sent.words[s] in POSSESSIVES and not (
                    s == 0 or sent.words[s - 1] in (",", ";", "and", "et", "but", "mais")
                ):
                    continue  # "sanctioning its military": a possessive service stands for a state only as subject
                elif cue in ("coref_country", "coref_government"):
                    # "le pays", "the country", "le royaume": this sentence's subject, else the country last named
                    here = [r for m, r, p in _actors(sent, self.ctx, 0, s) if r.type == "Country" and p is None]
                    # "lors d'une visite en Serbie, le pays a signé": the place just named
                    here = (
                        here
                        or [
                            Ref.country(m.key)
                            for m in sent.mentions
                            if m.kind == "country" and m.setting and m.end <= s
                        ][-1:]
                    )
                    recent = []
                    own = {r for m, r, p in _actors(sent, self.ctx, clause_start(sent, s), s) if p is None} if (
                        s > 0 and sent.words[s - 1] in _RECIPIENT_WORDS) else set()
                    if own & set(here):
                        # "South Korea will deliver 18 jets to the Southeast Asian country": never the subject of
                        # its own clause, but a state named before it that is not
                        here = [r for r in here if r not in own]
                        topic = [self.last_topic] if self.last_topic is not None and self.last_topic not in own else []
                        recent = here[:1] or topic
                    recent = (
                        recent
                        or here[:1]
                        or ([self.last_topic] if self.last_topic is not None else [])
                        or self.ctx.actor_order[-1:]
                        or ([self.ctx.main_country] if self.ctx.main_country else [])
                    )
                    kind = state_kind(sent.words[s:_e])
                    if kind is not None:
                        # "the kingdom": a kingdom, not merely the state named last. Never the subject of its own
                        # clause ("Denmark suspended licences to the kingdom"); the nearest one named before it in
                        # the sentence, else of those named so far the one the article names most
                        subjects = {r for m, r, p in _actors(sent, self.ctx, clause_start(sent, s), s) if p is None}
                        here = [(m.start, r) for m, r, p in _actors(sent, self.ctx, 0, s) if r.type == "Country"]
                        here += [
                            (m.start, Ref.country(m.key)) for m in sent.mentions if m.kind == "country" and m.end <= s
                        ]
                        here = [r for _i, r in sorted(here, reverse=True) if r.key in kind and r not in subjects]
                        before = [r for r in self.ctx.actor_order if r.key in kind and r not in subjects]
                        if here:
                            recent = here[:1]
                        elif before:
                            recent = [max(reversed(before), key=lambda r: self.ctx.actor_counts[r])]
                    out += recent
        return out

    def _pronoun_actor(self, sent: Sent, start: int, end: int, exclude: set[Ref]) -> Ref | None:
        """The state an object pronoun next to the verb stands for: "refusé de leur livrer", "sell them"."""
        spots = [
            s
            for s, e, c in sent.cues
            if start <= s < end and c == "pronoun_actor" and sent.words[s] in _OBJECT_PRONOUNS
        ]
        if not spots:
            return None
        found = [(r, p) for m, r, p in _actors(sent, self.ctx, 0, spots[0]) if r not in exclude]
        subjects = [r for r, p in found if p is None]  # "Le Maroc, rival de l'Algérie, ..., qui lui ont vendu"
        if found:
            return subjects[0] if subjects else found[-1][0]
        taken_up = [r for r in self._coref_actors(sent, 0, spots[0]) if r not in exclude]  # "Le pays ..., qui lui"
        if taken_up:
            return taken_up[-1]
        for r in reversed(self.ctx.recipients):
            if r not in exclude:
                return r
        main = self.ctx.main_country
        return main if main not in exclude else None

    # ----------------------------------------------------------------- read
    def _received_from_stated(self, sent: Sent) -> None:
        """ "received 12 A-29 turboprops bought from the United States": a delivery whose supplier no word of
        the sentence names (the system's maker, by default) is the one from the seller the sentence states for
        that system and that buyer."""
        here = [(i, f) for i, f in enumerate(self.facts) if isinstance(f, Deal) and f.evidence is not None
                and f.evidence.start == sent.offset]
        if len({(f.weapon, f.recipient) for _i, f in here}) == len(here):
            return  # (no system told twice for one buyer here: nothing to reconcile)
        named = {r for _m, r, _p in _actors(sent, self.ctx, 0, len(sent.words))}
        for i, f in here:
            if f.status != "delivered" or f.supplier in named:
                continue
            stated = [g for _j, g in here if g.weapon == f.weapon and g.recipient == f.recipient
                      and g.supplier in named and g.supplier != f.supplier and g.status in ("agreed", "proposed")]
            if len(stated) == 1:
                self.facts[i] = replace(f, supplier=stated[0].supplier)

    def read(self, sent: Sent) -> None:
        triggers = [
            Trigger(s, e, _lease_direction(sent, s, e, _verbal_in_french(sent, s, _nominal_in_english(sent, s, f))))
            for s, e, f in sent.triggers
            if not any(rs <= s < re for rs, re in sent.role_spans)
            and sent.mention_at(s, ("weapon", "country", "alliance", "person")) is None  # "F-16 Block 70"
            and not (f == "coproduce" and sent.words[e : e + 1] == ["up"])  # "an arms build-up"
            # "has promised to assemble the fighter", "a promis de livrer": the infinitive's verb tells the deal
            and not (promise(sent, Trigger(s, e, f)) and _infinitive_follows(sent, e))
            and not (f == "possess" and _modifies_weapon(sent, s))  # "des avions dotés de radars américains"
            # "the same Block 70 version", "its newest Block III": a production block, no blocking
            and not (sent.words[s] == "block" and sent.tokens[s].text == "Block" and _block_number(sent, e))
            # "l'Allemagne s'est imposée comme l'un des principaux fournisseurs": prevailed, imposed nothing
            and not (f == "impose" and {"s'", "se"} & set(sent.words[max(0, s - 3) : s]))
            # "l'achat était suspendu à un feu vert": hanging on, not a measure
            and not (f == "exclude" and e < len(sent.tokens) and sent.tokens[e].lower == "à")
            # "l'UE a suspendu ses missions de formation": an actor stopping its own activity, not a measure
            and not (f == "exclude" and _own_activity(sent, e))
            and not (f == "treaty" and sent.words[e : e + 1] in (["ally"], ["allies"], ["partner"]))  # "treaty ally"
            # "Armenia has frozen its participation in the CSTO": a member stepping back, not a measure
            and not (f in ("ban", "exclude") and sent.has_cue("membership_noun", e, min(len(sent.words), e + 4)))
            # a word inside a longer cancel phrase belongs to it: "ont suspendu les négociations"
            and not any(cs <= s and e <= ce and ce - cs > e - s for cs, ce, c in sent.cues if c == "cancel")
        ]
        triggers = [_passed_over(sent, t) for t in _preferred_over(sent, triggers)]
        triggers = _with_airlifts(sent, triggers)
        self._firm_also_makes(sent)  # before the frames: a deal of this sentence may need the maker it states
        transfer_frames = TRANSFER | SANCTION
        for k, t in enumerate(triggers):
            if t.frame in TRANSFER:
                self._transfer(sent, triggers, k, *_window(sent, triggers, k, transfer_frames))
            elif t.frame in SANCTION:
                frames = transfer_frames if t.frame == "sanction_n" else SANCTION
                self._sanction(sent, triggers, k, *_window(sent, triggers, k, frames))
            elif t.frame == "member":
                self._member(sent, t)
            elif t.frame == "member_list":
                self._member_list(sent, t)
            elif t.frame in ("cooperate", "treaty", "coproduce", "deal_n"):
                self._agreement(sent, triggers, k, *_window(sent, triggers, k, transfer_frames))
        self._rival_offers(sent, triggers)
        self._visit_purpose(sent, triggers)
        self._makers(sent)
        self.facts += self.dated
        self.dated.clear()
        self._received_from_stated(sent)
        self._as_do(sent)
        named = [m.key for m in sent.mentions if m.kind == "alliance"]
        if named:
            self.last_alliance = named[-1]
        # (not the place of a dateline, "MELBOURNE, Australia -", nor a state that begins a firm's name, "Korea
        # Aerospace Industries has won")
        found = [
            (m.start, r) for m, r, p in _actors(sent, self.ctx, sent.text_start, len(sent.words))
            if r.type == "Country" and p is None and not _names_a_firm(sent, m)
        ]
        participle = sent.words and sent.tokens[0].lower.endswith(("ed", "é", "ée", "és", "ées"))
        if sent.words and (sent.words[0] in _FRONTED or participle) and "," in sent.words:
            # "Since Russia's invasion of Ukraine, Frederiksen's government has ...", "Developed in the former
            # Yugoslavia, the M-84 ... Croatia's force": the main clause's state
            comma = sent.words.index(",")
            found = [(s, r) for s, r in found if s > comma] or found
        topic = [r for _s, r in found]
        # at the head of the sentence, or after a fronted date: "In 2014 the emirate committed ..."
        head = next(
            (
                s for s, _e, c in sent.cues
                if c == "coref_country" and (s <= 1 or s <= 4 and sent.words[0] in ("in", "en") and YEAR.match(
                    sent.words[1]
                ))
            ),
            None,
        )
        if head is not None and (not found or found[0][0] > head):
            # "L'émirat multiplie les acquisitions. En 2013, il avait commandé ...": the state the noun takes up
            topic = self._coref_actors(sent, head, head + 1) or topic
        if topic:
            self.last_topic = topic[0]  # the sentence's first ungoverned state: what "the country" takes up next


def _infinitive_follows(sent: Sent, i: int) -> bool:
    """An infinitive within a few words of ``i``, with only a date or adverb before its marker: "promised to
    assemble", "pledged last week to send", "a promis en 2023 de transférer" (not "to Ukraine", "de chars")."""
    for k in range(i, min(len(sent.words) - 1, i + 5)):
        if sent.mention_at(k) is not None:
            return False
        if sent.words[k] in ("to", "de", "d'"):
            nxt = k + 1
            if sent.mention_at(nxt) is not None or sent.words[nxt] in DETS:
                return False
            return sent.lang == "en" or sent.words[nxt].endswith(("er", "ir", "re"))
    return False


_RECIPIENT_WORDS = {"to", "for", "a", "au", "aux", "pour"}


def _incidental(sent: Sent, start: int, end: int) -> int:
    """How many words of ``[start, end)`` an incidental phrase set off by commas takes ("Israel's navy, for
    its part, operates"): at most six words, and no actor among them."""
    words = sent.words[start:end]
    if words.count(",") != 2:
        return 0
    a = words.index(",")
    b = words.index(",", a + 1)
    inside = range(start + a, start + b + 1)
    if b - a > 7 or any(sent.mention_at(i, ("country", "person", "alliance")) is not None for i in inside):
        return 0
    return b - a + 1


_PEOPLE_NOUNS = {"ministers", "ministres", "leaders", "dirigeants", "presidents"}


# prepositions and conjunctions that open a fronted adjunct, whose states are not the sentence's topic
_FRONTED = {"since", "after", "following", "despite", "amid", "before", "during", "depuis", "apres", "malgre",
            "avant", "lors", "durant", "suite", "face"}


def _preferred_over(sent: Sent, triggers: list[Trigger]) -> list[Trigger]:
    """ "chose the Gripen over the F-16": "over" before a weapon, after a choice, names the system passed
    over (a competitor, as "rather than" does)."""
    chosen = [t for t in triggers if t.frame == "choose"]
    if not chosen:
        return triggers
    added = []
    prefer = sent.words[chosen[0].start].startswith(("prefer", "privilegi"))
    for i in range(chosen[0].end, len(sent.words) - 1):
        # "chose the Gripen over the F-16"; "a préféré le F-16 au Mirage F1": the second is passed over
        if sent.words[i] != "over" and not (
            prefer
            and sent.words[i] in ("au", "aux")
            and sent.tokens[i].lower in ("au", "aux")
            and i > chosen[0].end + 1
        ):
            continue
        j = i + 1
        while j < len(sent.words) and (
            sent.words[j] in DETS
            or getattr(sent.mention_at(j), "kind", "") == "demonym"
            or sent.words[j] == "'s"
            or (sent.tokens[j].text[:1].isupper() and sent.words[j + 1 : j + 2] == ["'s"])  # "over Boeing's F/A-18"
        ):
            j += 1
        # the system within a few tokens ("over Boeing's F/A-18 Super Hornet": a designation split in pieces)
        near = [sent.mention_at(k) for k in range(j, min(len(sent.words), j + 4)) if sent.words[k] not in (",", ".")]
        if any(m is not None and m.kind in ("weapon", "noun") for m in near):
            added.append(Trigger(i, i + 1, "compete"))
    return sorted(triggers + added, key=lambda t: t.start) if added else triggers


def _passed_over(sent: Sent, t: Trigger) -> Trigger:
    """ "après avoir écarté le Rafale", "excluding the Typhoon": a system set aside is a competitor passed
    over, not a state excluded from something."""
    if t.frame != "exclude":
        return t
    i = t.end
    while i < len(sent.words) and i < t.end + 3 and sent.words[i] in DETS:
        i += 1
    m = sent.mention_at(i, ("weapon", "noun", "country", "alliance")) if i < len(sent.words) else None
    return Trigger(t.start, t.end, "compete") if m is not None and m.kind in ("weapon", "noun") else t


def _lease_direction(sent: Sent, start: int, end: int, frame: str) -> str:
    """ "lease" goes both ways: the lessee leases "from" the owner ("Peru is leasing two frigates from
    Chile"), the owner leases "to" the lessee. Read as a sale unless "from" follows first."""
    if frame != "sell" or not sent.words[start].startswith("leas"):
        return frame
    for w in sent.words[end : end + 12]:
        if w == "from":
            return "buy"
        if w in ("to", ".", ";"):
            break
    return frame


_FLY = {"fly", "flies", "flying", "flew"}  # (not "flown": "the jets flown by Poland" are in service)


def _with_airlifts(sent: Sent, triggers: list[Trigger]) -> list[Trigger]:
    """ "Flying" a system "to" a state ("began flying NLAW anti-tank weapons to Ukraine") is airlifting it
    there: a delivery, whether the verb is a trigger of possession ("flies") or none ("flying", "flew")."""
    airlifts = {i for i, w in enumerate(sent.words) if w in _FLY and _airlift(sent, i + 1)}
    if not airlifts:
        return triggers
    triggers = [Trigger(t.start, t.end, "deliver") if t.start in airlifts and t.frame == "possess" else t
                for t in triggers]
    taken = {t.start for t in triggers}
    added = [Trigger(i, i + 1, "deliver") for i in sorted(airlifts) if i not in taken]
    return sorted(triggers + added, key=lambda t: t.start) if added else triggers


def _airlift(sent: Sent, end: int) -> bool:
    """A system, then "to" and a state, in the few words after a verb of flying."""
    weapon = False
    for i in range(end, min(len(sent.words), end + 10)):
        m = sent.mention_at(i, ("weapon", "noun"))
        if m is not None and _category(m.key) == "Aircraft":
            return False  # "Poland flies its F-16s to Romania": the aircraft fly themselves there
        if m is not None:
            weapon = True
        elif sent.words[i] in (",", ";", "."):
            return False
        elif sent.words[i] == "to" and weapon:
            return sent.mention_at(i + 1, ("country",)) is not None or sent.mention_at(i + 2, ("country",)) is not None
    return False


_AUXILIARIES_FR = {"a", "ont", "avait", "avaient", "aura", "auront", "aurait", "auraient", "avoir", "ayant"}


def _verbal_in_french(sent: Sent, start: int, frame: str) -> str:
    """French "commandé" folds to the noun "commande": after an auxiliary ("a commandé", "avait déjà
    commandé") it is the verb, whose subject buys."""
    if sent.lang != "fr" or frame != "purchase_n" or start == 0:
        return frame
    if sent.tokens[start].lower.endswith(("é", "és", "ée", "ées")):
        return "buy"  # "a réceptionné des C-130J et commandé des drones": the accent marks the participle
    i = start - 1
    while i > 0 and sent.words[i] in ("deja", "aussi", "egalement", "finalement", "recemment", "enfin"):
        i -= 1
    if sent.words[i] in _AUXILIARIES_FR and sent.tokens[i].lower != "à":
        return "buy"
    return frame


def _modifies_weapon(sent: Sent, start: int) -> bool:
    """A participle right after a weapon noun describes it ("avions dotés de composants américains",
    "jets equipped with US engines"): no state possesses anything there."""
    return start > 0 and sent.mention_at(start - 1, ("weapon", "noun")) is not None


def _own_activity(sent: Sent, e: int) -> bool:
    """ "a suspendu ses missions de formation": a possessive after a verb of suspending, with no noun of
    arms trade or aid after it, is the actor stopping its own activity ("suspended its military aid to
    Sudan" stays a measure)."""
    if sent.words[e : e + 1] not in (["its"], ["their"], ["ses"], ["sa"], ["son"]):
        return False
    return not any({"trade_noun", "aid"} & sent.cue_at(i) for i in range(e + 1, min(len(sent.words), e + 7)))


def _adjective_like(sent: Sent, i: int) -> bool:
    """A lower-case word that is no article, preposition, verb or cue: "voisins", "neighbouring"."""
    token = sent.tokens[i].text
    return (
        token.isalpha()
        and token.islower()
        and sent.words[i] not in DETS
        and sent.words[i] not in PREPS
        and not sent.cue_at(i)
        and not any(s <= i < e for s, e, f in sent.triggers)
    )


def _names_a_firm(sent: Sent, m: Mention) -> bool:
    """A state's name that begins a firm's ("Korea Aerospace Industries", "Israel Aerospace Industries")."""
    return m.kind == "country" and m.end + 1 < len(sent.words) and all(
        _firm_word(sent, i) for i in (m.end, m.end + 1))


def _firm_word(sent: Sent, i: int) -> bool:
    """A word of a firm's name or a company noun between two states' firms: "consortium Eurosam"."""
    token = sent.tokens[i].text
    return "company_noun" in sent.cue_at(i) or (token[:1].isupper() and sent.mention_at(i) is None and i > 0)
