"""Membership and agreement frames: joining an alliance, an alliance and the states it groups,
cooperation, treaties, co-production and contracts between states."""

from __future__ import annotations

from kg.extract.annotate import Mention, Sent
from kg.extract.clauses import (
    _ALLIANCE_NOUNS,
    BOUNDARY,
    CONJ,
    DETS,
    NUMBERS,
    POSSESSIVES,
    TRANSFER,
    Trigger,
    _actors,
    _adjectival_participle,
    _cues,
    _new_clause,
    _weapons,
    _year_for,
    clause_end,
    clause_start,
    in_relative_clause,
    planned,
    subordinate_at,
)
from kg.extract.context import Context
from kg.extract.gazetteer import load, maker_allowed
from kg.extract.transfers import _contract_actors, _joint
from kg.facts import Agreement, Deal, Fact, Maker, Member, Ref

_SEEKING = {"effort", "efforts", "bid", "bids", "attempt", "campaign", "quest", "drive", "ambition", "hopes", "hope",
            "candidacy", "candidature", "tentative", "volonte", "ambitions", "espoir", "espoirs"}


def _membership_sought(sent: Sent, t: Trigger) -> bool:
    """ "its effort to be a member of", "sa candidature pour devenir membre de": membership sought, not held."""
    words = sent.words[max(0, t.start - 6) : t.start]
    for k in range(len(words) - 1):
        if words[k] in ("to", "pour", "de", "d'") and words[k + 1] in ("be", "become", "etre", "devenir") and any(
            w in _SEEKING for w in words[max(0, k - 2) : k]
        ):
            return True
    return False


# prepositions of another verb's roles: a state they govern is no member the sentence states
_GOVERNED = {"from", "toward", "towards", "vers", "by"}


def _coordinated_before(sent: Sent, last: Mention) -> list[Mention]:
    """The country ``last`` and those coordinated with it before it: "Zambia and Namibia", "A, B and C"."""
    found = [last]
    i = last.start - 1
    while i >= 0:
        while i >= 0 and (sent.words[i] in CONJ or sent.words[i] in DETS or sent.words[i] == ","):
            i -= 1
        m = sent.mention_at(i, ("country",)) if i >= 0 else None
        if m is None or not any(w in CONJ or w == "," for w in sent.words[m.end : found[0].start]):
            break
        found.insert(0, m)
        i = m.start - 1
    return found


class AgreementFrames:
    """Part of :class:`kg.extract.relations.RelationReader` (a mixin: it reads ``self.ctx`` and
    appends to ``self.facts``)."""

    ctx: Context
    facts: list[Fact]

    # -------------------------------------------------------------- members
    def _member(self, sent: Sent, t: Trigger) -> None:
        g = load()
        # founding verbs take their object further on: "a fondé en 2023, avec le Mali et le Niger, l'AES"
        # and "entrer" may have an adverbial before its place: "entrait à son tour dans l'Otan"
        reach = 12 if sent.words[t.start].startswith(("fond", "cofond", "found", "co-found", "form")) else 4
        reach = 6 if sent.words[t.start].startswith("entr") else reach
        # "l'adhésion de la Finlande à l'Otan", "Finland's accession to NATO": the state between noun and alliance
        reach = 7 if sent.words[t.start] in ("adhesion", "accession", "membership", "entree") else reach
        alliances = [
            m
            for m in sent.mentions
            if m.kind == "alliance" and not m.setting and (0 <= m.start - t.end <= reach or 0 <= t.start - m.end <= 4)
        ]  # "member of NATO", "NATO's 30th member"
        earlier = [m for m in sent.mentions if m.kind == "alliance" and not m.setting and m.end <= t.start]
        relative = _relative_membership(sent, t)
        apposed = _apposed_alliance_member(sent, t)
        if relative is not None:
            # "the GCC, to which Qatar, Saudi Arabia and the UAE all belong", "NATO, of which it has been a member
            # since 1999", "l'Alliance, dont la Belgique est membre": the states of the relative clause
            alliance, pronoun = relative
            keys = [alliance]
            candidates = [r for m, r, p in _actors(sent, self.ctx, pronoun, t.start) if r.type == "Country"]
            candidates = candidates or ([self.last_topic] if self.last_topic is not None else [])
        elif alliances:
            # the alliance after the word first ("membre de l'Otan", "formed the AES"), else the one before it
            first = min(alliances, key=lambda m: (m.start < t.end, abs(m.start - t.end)))
            keys = (
                [first.key]
                + [  # "membre de l'Otan et de l'Union européenne": each one coordinated with it
                    m.key
                    for m in sent.mentions
                    if m.kind == "alliance"
                    and m.start > first.end
                    and all(
                        w in CONJ or w in DETS or w in ("de", "du", "d'", "of") for w in sent.words[first.end : m.start]
                    )
                ]
            )
            everyone = [(m, r, p) for m, r, p in _actors(sent, self.ctx, 0, len(sent.words)) if r.type == "Country"]
            # not the nationality of a person's title: "with German Defence Minister Boris Pistorius looking on"
            spans = sent.role_spans
            # nor a state another verb governs ("tournée vers Washington", "received jets from the United States"),
            # nor one in a relative clause after the membership ("after Slovakia, which received ...")
            relatives = [
                range(i, next((j for j in range(i + 2, len(sent.words)) if sent.words[j] == ","), len(sent.words)))
                for i in range(t.end, len(sent.words) - 1)
                if sent.words[i] == "," and sent.words[i + 1] in ("which", "who", "qui")
            ]
            candidates = [
                r for m, r, p in everyone
                if not (m.kind == "person" and p is not None)  # "with German minister X looking on"
                and not (m.kind == "demonym" and (m.attached == "person" or any(s == m.end for s, _e in spans)))
                and p not in _GOVERNED and not any(m.start in span for span in relatives)
            ]
            # "Bucharest, a member of NATO since 2004, has turned to Washington": the apposition's state only
            k = t.start - 1
            while k > 0 and sent.words[k] in ("a", "an", "un", "une", "fellow", "founding", "fondateur", "longtime"):
                k -= 1
            owner = sent.mention_at(k - 1, ("country",)) if k > 0 and sent.words[k] == "," and k < t.start - 1 else None
            if owner is not None:
                # (with the states coordinated before it: "Zambia and Namibia, fellow members of SADC")
                plural = sent.words[t.start] in ("members", "membres")  # (not "A and B, a member of NATO")
                candidates = [Ref.country(m.key) for m in (_coordinated_before(sent, owner) if plural else [owner])]
            comma = next((i for i in range(t.end, len(sent.words)) if sent.words[i] == ","), len(sent.words))
            fronted = t.start <= 3 and sent.words[0] in ("membre", "member", "pays", "as", "a", "an")
            if fronted and not any(m.start < comma for m, r, p in everyone if m.kind == "country"):
                # "Membre de l'Alliance atlantique, l'Allemagne participe ... avec le Royaume-Uni": the subject
                # ("Membre de l'Otan depuis 1999, le pays a ...": the state the noun takes up)
                candidates = [r for m, r, p in everyone if comma < m.start <= comma + 2][:1] or self._coref_actors(
                    sent, comma + 1, min(len(sent.words), comma + 4)
                )[:1]
        elif apposed is not None and (earlier or self.last_alliance):
            # "neighbouring Norway, an alliance member whose air force": the apposition's state, of the alliance
            # last named
            keys = [earlier[-1].key if earlier else self.last_alliance]
            candidates = [Ref.country(apposed.key)]
        elif _taken_up_alliance(sent, t) and (earlier or self.last_alliance):
            keys = [earlier[-1].key if earlier else self.last_alliance]  # "NATO leaders met ... joined the alliance"
            candidates = self._taken_up_member(sent, t)  # joined by the subject of its clause
        else:
            return
        candidates += self._coref_actors(sent, 0, len(sent.words))
        topic = self.ctx.buyer() if self.ctx.recipients else self.last_topic
        if "fellow" in sent.words[max(0, t.start - 3) : t.start] and topic is not None:
            # "Fellow NATO members Britain and Norway", "Turkey, a fellow member of NATO": the state the article
            # is about (whom its deals go to) is one too
            candidates.append(topic)
        head = t.start - 1 if sent.mention_at(t.start - 1, ("alliance",)) is not None else t.start
        # "The NATO member, which borders Russia's Kaliningrad exclave, plans ...": the state told before
        definite = head > 0 and sent.words[head - 1] in ("the", "this", "le", "ce", "cet") and self.last_topic
        if "negation" in _cues(sent, max(0, t.start - 4), t.start):
            return  # "qui n'est pas membre de l'UE"
        if _membership_sought(sent, t):
            return  # "its effort to be a temporary member of the UN Security Council": sought, not held
        for alliance in dict.fromkeys(keys):
            members = g.members_of(alliance)
            if definite and not any(not members or r.key in members for r in candidates):
                candidates = [self.last_topic]
            for ref in candidates:
                if not members or ref.key in members:
                    self.facts.append(Member(ref, Ref.alliance(alliance), self._evidence(sent)))

    def _taken_up_member(self, sent: Sent, t: Trigger) -> list[Ref]:
        """ "Latvia joined the alliance in 2004", "Deux pays membres, la Turquie et la Hongrie": the states
        of the clause; "a country that joined the alliance": the country the relative clause is about."""
        start = clause_start(sent, t.start)
        relative = next((i for i in range(start, t.start) if sent.words[i] in ("that", "which", "qui")), None)
        if relative is not None:
            named = [m for m in sent.mentions if m.kind in ("country", "demonym") and m.end <= relative]
            return [Ref.country(named[-1].key)] if named else []
        everyone = [
            (m, r) for m, r, p in _actors(sent, self.ctx, 0, len(sent.words)) if r.type == "Country" and p is None
        ]
        return [r for m, r in everyone if m.start >= start] or [r for m, r in everyone]

    def _member_list(self, sent: Sent, t: Trigger) -> None:
        """ "The pact is an alliance of Peru, Chile and Bolivia", "l'organisation, qui regroupe le Mali, le Niger
        et ...", "Cette organisation regroupe ...": the alliance on the left groups the states listed on the right.
        An alliance taken up by a noun ("cette organisation", "the bloc") is the alliance last named."""
        left = [m for m in sent.mentions if m.kind == "alliance" and not m.setting and t.start - m.end <= 6]
        left = [m for m in left if m.end <= t.start]
        if left:
            alliance = left[-1].key
        elif any(w in _ALLIANCE_NOUNS for w in sent.words[max(0, t.start - 3) : t.start]) and self.last_alliance:
            alliance = self.last_alliance
        else:
            return
        if "negation" in _cues(sent, max(0, t.start - 4), t.start):
            return
        members = load().members_of(alliance)
        end = len(sent.words)
        for i in range(t.end, len(sent.words)):
            if sent.words[i] in BOUNDARY or sent.words[i] in ("car", "because", "which", "qui") or _new_clause(sent, i):
                end = i
                break
        for _m, ref, _p in _actors(sent, self.ctx, t.end, end):
            if ref.type == "Country" and (not members or ref.key in members):
                self.facts.append(Member(ref, Ref.alliance(alliance), self._evidence(sent)))

    def _fronted_main_subjects(self, sent: Sent, t: Trigger) -> list[Ref]:
        """ "Under the AUKUS agreement, the US and Britain will share ... with Australia": an agreement in a
        fronted adjunct is between the main clause's subject and its partners."""
        if not sent.words or sent.words[0] not in ("under", "in", "sous", "dans", "selon", "according", "aux"):
            return []
        comma = next((i for i in range(t.end, min(len(sent.words), t.end + 4)) if sent.words[i] == ","), None)
        if comma is None:
            return []
        refs: list[Ref] = []
        for _m, r, p in _actors(sent, self.ctx, comma + 1, len(sent.words)):
            if p is not None:
                break
            refs.append(r)
        return refs

    # ----------------------------------------------------------- agreements
    def _agreement(self, sent: Sent, triggers: list[Trigger], k: int, left: int, right: int) -> None:
        t = triggers[k]
        # "a été abandonné après que les États-Unis eurent brandi ...": the states of a clause it opens are not
        # this contract's
        right = next((i for i in range(t.end, right) if subordinate_at(sent, i)), right)
        if t.frame == "treaty" and any(o.frame == "deal_n" and o.start == t.end for o in triggers) and (
            "commercial" in sent.cue_at(t.end)
        ):
            return  # "a framework contract with Germany's Diehl": the contract's own frame reads it
        cues = _cues(sent, 0, len(sent.words))
        g2g = t.frame == "deal_n" and _between_states(sent, t)  # "an intergovernmental agreement"
        pair = any(c == "coref_pair" and s < t.start for s, e, c in sent.cues)  # "the two governments signed"
        if t.frame == "deal_n":
            g = load()
            weapons = [
                (m, k)
                for m, k in _weapons(sent, self.ctx, left, right)
                if k in g.weapons or k in self.ctx.weapon_counts or k in g.noun_category
            ]
            own = {c for s, e, c in sent.cues if not t.start <= s < t.end}
            if sent.words[t.start].startswith("sign"):
                own.add("agree")  # "signed with France for 26 Rafale": the signing is the trigger
            if g2g and not own & {"propose", "cancel", "refuse"}:
                own.add("agree")  # "under a 2016 intergovernmental agreement": one in force
            gap = sent.words[t.start].startswith("sign") and _counted_gap(sent, t)
            if not weapons and gap and self.ctx.weapon_order:
                weapons = [(None, self._pronoun_weapon())]  # "and Hungary signed for two a year later": of those
            if not weapons:
                self._date_told_deal(sent, t, left, right)  # "the contract was signed in 2018": the deal told
                self._note_open_contract(sent, t, left, right)
            if sent.words[t.start] in ("il", "it"):
                own.add("contract_scope")  # "Il concerne aussi quatre corvettes": the contract just told
            # "signed a letter of intent on air defence": an agreement, though no system is named (not "the
            # document was initialled": a document told before)
            signed = any(w.startswith(("sign", "paraph")) for w in sent.words[max(0, t.start - 6) : t.start]) and (
                t.start > 0 and sent.words[t.start - 1] in ("a", "an", "une", "un")
            )
            if "propose" in sent.cue_at(t.start):
                if not weapons and not signed:
                    return  # talks about no system are not an agreement ("talks on Iran's nuclear programme")
                own.add("propose")  # "in talks with Russia over Su-35 fighters": the talks are the proposal
            built = next((o for o in triggers if o.frame == "coproduce" and 0 <= o.start - t.end <= 4), None)
            if built is not None and not _builds_its_own(sent, t, built):
                return  # "un contrat pour la production de ...": the co-production says it all
            if built is not None:  # "a deal with China to build its first anti-missile system": a purchase
                own.add("agree")
            clause = _contract_actors(sent, self.ctx, left, right, aid="aid" in sent.cue_at(t.start))
            buyer_named = any(p in ("for", "pour", "destine") for m, r, p in clause)
            # "a letter of intent on the joint buying of air defence systems" (the joint purchase the agreement is
            # about, not one an apposition sums up further on: "..., the largest joint arms purchase")
            joint = any(
                o.frame in ("purchase_n", "buy") and _joint(sent, o) and 0 <= o.start - t.end <= 6
                and "," not in sent.words[t.end : o.start]
                for o in triggers
            )
            if joint:
                weapons = []  # "a letter of intent on the joint buying of air defence systems": co-buyers agree
            # (persons who signed it and the firms that make its systems are no parties to it)
            states = [
                m for m, r, p in clause if m.kind != "person" and not m.of_firm
            ]
            if weapons and "contract_scope" in own and not states and self._contract_told():
                # "Signed in 2020 by the defence secretary, the contract covers ...": the contract just told
                self._contract_scope(sent, t, weapons, left, right)
                return
            told_here = {f.weapon.key for f in self._deals_here(sent)}
            package = sent.words[t.start] in ("package", "paquet", "enveloppe")
            if package and weapons and {k for _m, k in weapons} <= told_here and not g2g:
                return  # "the possible sale of 12 AH-1Z ..., in a package estimated at $997 million": that sale
            here = self._deals_here(sent)
            near = {m.key for m in sent.mentions if m.kind in ("country", "demonym") and 0 <= t.start - m.start <= 14}
            framed = t.start > 0 and sent.words[t.start - 1] not in _DEFINITE  # not "Le contrat ... a été paraphé"
            if g2g and not weapons and not states and here and framed:
                # "la volonté de New Delhi d'acquérir 36 Rafale, dans le cadre d'un accord d'État à État": the
                # agreement of the purchase just told, between its two states (none when it was not told)
                deal = here[-1]
                if deal.recipient.key not in near:
                    return
                status = "proposed" if deal.status == "proposed" else "agreed"
                self.facts.append(Agreement((deal.recipient, deal.supplier), deal.weapon, status, deal.year,
                                            self._evidence(sent)))
                return
            if weapons and (own & {"agree", "propose", "cancel", "refuse"} or buyer_named):
                self._contract_deal(sent, t, weapons, left, right)
                if g2g:
                    self._deal_agreement(sent, t, weapons, left, right)
                return
            if weapons and "contract_scope" in own and not clause and self._contract_told():
                self._contract_scope(sent, t, weapons, left, right)  # "the contract covers ten C-295"
                return
            c_left, c_right = _clause(sent, t)
            letter = sent.words[t.start] in ("letter", "letters", "lettre", "lettres")
            if (
                any(o.frame in TRANSFER and c_left <= o.start < c_right for o in triggers)
                and not g2g
                and not joint
                and not (pair and letter)  # "the two ministers signed a letter of intent on the purchase of"
            ):
                return  # "un accord sur la livraison de ...", "a deal to purchase ...": the transfer says it all
            if not weapons and {"cancel", "refuse"} & _cues(sent, c_left, c_right) and "negation" not in cues:
                status = "cancelled" if "cancel" in cues else "refused"
                self._contract_event(sent, status, _year_for(sent, None, t, c_left, c_right))
                return
            if "agree" not in own and "propose" not in own and not self._named_alliance(sent, t):
                return
            if not weapons and "commercial" in sent.cue_at(t.start) and not self._named_alliance(sent, t) and not (
                pair or g2g
            ):
                return  # "signed military deals with Moscow worth $3bn": a purchase of no stated system
            definite = t.start > 0 and sent.words[t.start - 1] in _DEFINITE
            if definite and not pair and not g2g:
                return  # "the contract was signed by ...": the deal already told
        if "condition" in _cues(sent, left, t.start) or "negation" in _cues(sent, max(0, t.start - 3), t.start):
            return
        if t.frame == "coproduce" and any(o.frame == "deal_n" and _builds_its_own(sent, o, t) for o in triggers):
            return  # "a deal with China to build its first anti-missile system": the purchase, told as a deal
        local = any(w in ("localement", "locally") for w in sent.words[t.start : t.end])
        if (
            t.frame == "coproduce"
            and not local
            and (
                t.start > 0
                and sent.words[t.start - 1] in ("de", "d'")
                or (t.end < len(sent.words) and sent.words[t.end] in ("par", "by"))
                or t.start > 1 and sent.words[t.start - 2] == "of" and sent.mention_at(t.start - 1, ("demonym",))
            )
        ):
            return  # "de fabrication russe", "of German manufacture", "fabriqués par Airbus": a maker
        if t.frame == "coproduce" and _adjectival_participle(sent, t):
            return  # "a jet jointly developed by A and B and manufactured domestically": how it is made
        if t.frame == "coproduce" and self._makers_described(sent, t):
            return  # "France and Italy, which jointly produce the SAMP/T system": its makers, no agreement here
        if t.frame == "coproduce" and _made_where_its_maker_is(sent, self.ctx, t):
            return  # "des missiles PL-15 fabriqués en Chine": where its maker made it, no co-production
        if t.frame == "cooperate" and not ({"agree", "propose"} & _cues(sent, max(0, t.start - 8), t.end + 3)):
            return  # an existing cooperation mentioned in passing is not an agreement
        parties: list[Ref] = []
        everyone = _actors(sent, self.ctx, 0, len(sent.words))
        if in_relative_clause(sent, left, t.start):  # "X, which builds Y under licence from Z, sold ... to W"
            everyone = [(m, r, p) for m, r, p in everyone if m.end <= right]
        words = sent.words
        cut = next((k for k in range(t.end, len(words) - 1) if words[k] == "," and words[k + 1] in _NEXT_CLAUSE), None)
        if cut is not None:  # "Poland signed for 200 of the vehicles, and neighbouring Finland fields the K9"
            everyone = [(m, r, p) for m, r, p in everyone if m.start < cut]
        opened = next((k for k in range(t.start - 1, 0, -1) if words[k] in _NEXT_CLAUSE and words[k - 1] == ","), None)
        if opened is not None and any(m.start > opened for m, r, p in everyone):
            # "Portugal ordered five in 2019, and Hungary signed for two a year later": Hungary's
            everyone = [(m, r, p) for m, r, p in everyone if m.start > opened]
        linked = [r for m, r, p in everyone if p in ("with", "avec", "between", "entre")]
        if linked:  # "X signed deals with Moscow", "un accord entre A et B": the signer and the partners only
            subject = [r for r in self._subjects(sent, left, t.start) if r not in linked]
            if not any(r.type == "Country" for r in subject):  # "Under the AUKUS agreement, A and B ..."
                subject += [r for r in self._fronted_main_subjects(sent, t) if r not in linked]
            everyone = [(m, r, p) for m, r, p in everyone if r in linked or r in subject]
        for m, r, p in everyone:
            if p in ("in", "en", "dans") and t.frame != "coproduce":
                continue
            if r.type == "Alliance" and not (p is None and m.end <= t.start) and p not in ("with", "avec"):
                continue
            if r not in parties:
                parties.append(r)
        weapons = _weapons(sent, self.ctx, t.start, right, specific_only=True) or (
            _weapons(sent, self.ctx, left, right, specific_only=True) if t.frame == "coproduce" else []
        )
        if not weapons and t.frame == "coproduce":  # "un sous-marin construit sous licence": the system it takes up
            weapons = [(m, k) for m, k in _weapons(sent, self.ctx, left, right) if k in load().weapons][:1]
        if not weapons and t.frame == "coproduce":  # "will produce some of them locally": the system named before
            weapons = _weapons(sent, self.ctx, 0, t.start, specific_only=True, coordinated=False)[-1:]
        if not weapons and t.frame in ("cooperate", "treaty") and _framework(sent, t):
            # "des Scorpène construits au Brésil, dans le cadre d'un partenariat signé en 2008": its system
            weapons = _weapons(sent, self.ctx, 0, t.start, specific_only=True, coordinated=False)[-1:]
        letter = t.frame == "deal_n" and sent.words[t.start] in ("letter", "letters", "lettre", "lettres")
        if not weapons and (g2g or pair and letter):  # "signed a contract, under which X is buying the Arrow 3"
            covered = next((o for o in triggers if o.frame in TRANSFER and o.start > t.end), None)
            if covered is not None:
                weapons = _weapons(sent, self.ctx, covered.end, len(sent.words), specific_only=True)[:1]
        weapon = weapons[0][1] if weapons else None
        before = sent.mention_at(t.start - 1, ("weapon", "noun")) if t.start > 0 else None
        if t.frame == "coproduce" and before is not None and before.end == t.start:
            # "le premier avion d'entraînement assemblé au Pérou": the participle's noun is the system
            key = before.key if before.kind == "weapon" else self.ctx.resolve_noun(before, sent)
            if key not in load().weapons:
                return
            weapon = key
        if t.frame == "coproduce":
            for m in sent.mentions:
                if m.kind == "country" and m.setting and m.start > t.start:
                    parties.append(Ref.country(m.key))
            licensor = self._licensor(sent)
            if licensor is not None:
                parties.append(licensor)
                # "Elle produit sous licence russe des AK-203": the producer the subject takes up
                parties += [r for r in self._subject_or_coref(sent, 0, t.start) if r not in parties]
            for d in sent.mentions:  # "built in Britain and Australia with American technology"
                if d.kind == "demonym" and d.start > t.start and sent.words[d.start - 1] in ("with", "avec"):
                    parties.append(Ref.country(d.key))
            parties += self._coref_actors(sent, t.start, len(sent.words))
            if weapon:
                maker = self.ctx.maker_of(weapon)
                if maker:
                    parties.append(Ref.country(maker))
        acting = [
            m
            for m, r, p in everyone
            if (m.kind != "demonym" or m.attached != "company") and p in (None, "with", "avec", "by", "par", "between")
        ]
        if t.frame == "coproduce" and not acting and not self._licensor(sent):
            return  # "built in China in partnership with Russian defence firms": firms at work, makers only
        if len(parties) < 2:  # "the allies signed a defence pact", "les deux parties ont évoqué un partenariat"
            parties += self._coref_actors(sent, 0, len(sent.words))
        parties = list(dict.fromkeys(parties))
        named = self._named_alliance(sent, t)
        if named:  # "the AUKUS agreement", "un pacte, l'AUKUS": the parties are the alliance's members here
            members = load().members_of(named)
            parties = [p for p in parties if p.key in members] or parties
        definite = t.start > 0 and sent.words[t.start - 1] in ("the", "le", "la", "l'", "ce", "cet", "cette", "this")
        if definite and t.frame == "treaty" and not ({"agree", "propose"} & cues) and not named:
            return  # "China has said the pact risks ...": an agreement already told, spoken of by a third party
        if len(parties) < 2 and self.ctx.last_parties and t.frame not in ("deal_n", "coproduce"):
            parties = list(dict.fromkeys([*parties, *self.ctx.last_parties]))
        main = self.ctx.main_country
        if len(parties) == 1 and linked and main is not None and main not in parties and _agentless(sent, t):
            parties.append(main)  # "un accord a été signé avec Israël" in an article about Morocco
        last = self._last_deal()
        if len(parties) < 2 and t.frame == "deal_n" and definite and _between_states(sent, t) and last is not None:
            parties = [last.recipient, last.supplier]  # "Le contrat de gouvernement à gouvernement a été paraphé"
        if len(parties) < 2:
            return
        if named or (t.frame == "treaty" and not ({"propose", "modal"} & _cues(sent, max(0, t.start - 6), t.end))):
            status = "agreed"
        elif "agree" in _cues(sent, max(0, t.start - 12), t.start) and "propose" not in cues:
            status = "agreed"  # "the two governments agreed to set up a plant that would produce ...": agreed
        elif "propose" in cues or "modal" in cues:
            status = "proposed"
            if (
                t.frame == "coproduce"
                and "propose" not in cues
                and weapon
                and self._deal_status(weapon) in ("agreed", "delivered")
            ):
                status = "agreed"
        elif (
            "agree" in cues
            or t.frame == "coproduce"
            and weapon
            and self._deal_status(weapon) in ("agreed", "delivered")
            or any(w.startswith("licen") for w in sent.words[t.start : t.end])  # "builds X under licence"
        ):
            status = "agreed"
        else:
            status = "proposed"
        last = self._last_deal()
        article = sent.words[max(0, t.start - 3) : t.start]
        taken_up = t.frame == "deal_n" and (
            any(w in ("the", "le", "l'", "this", "cet", "ce") for w in article) or g2g and not _signed_by_pair(sent, t)
        )
        if not weapon and taken_up and last is not None and {last.supplier, last.recipient} == set(parties):
            weapon = last.weapon.key  # "The government-to-government agreement was signed ...": the deal just told
        year = _year_for(sent, None, t, left, right)
        self.ctx.last_parties = tuple(parties)
        self.facts.append(
            Agreement(tuple(parties), Ref.weapon(weapon) if weapon else None, status, year, self._evidence(sent))
        )
        if t.frame == "coproduce" and weapon:
            self._licence_deal(sent, t, weapon, status, year)

    def _deal_agreement(self, sent: Sent, t: Trigger, weapons, left: int, right: int) -> None:
        """ "buying 36 Rafale jets under a 2016 intergovernmental agreement": the deal's two states agreed
        on its system too (an agreement beside the deal, per the corpus convention)."""
        keys = {k for _m, k in weapons}
        told = [f for f in self.facts if isinstance(f, Deal) and f.weapon.key in keys and f.status != "refused"]
        if not told:
            return
        deal = told[-1]
        status = "proposed" if deal.status == "proposed" else "agreed"
        year = _year_for(sent, None, t, left, right) or deal.year
        self.facts.append(
            Agreement((deal.recipient, deal.supplier), deal.weapon, status, year, self._evidence(sent))
        )

    def _makers_described(self, sent: Sent, t: Trigger) -> bool:
        """ "France and Italy, which jointly produce the SAMP/T system, ...": a relative clause that says
        who makes a system describes its makers (a Maker fact for each), it tells no agreement."""
        near = range(t.start - 1, max(-1, t.start - 4), -1)
        pronoun = next((i for i in near if sent.words[i] in ("which", "qui")), None)
        if pronoun is None or pronoun == 0 or sent.words[pronoun - 1] != ",":
            return False
        if {"agree", "propose"} & _cues(sent, pronoun, t.end + 4):
            return False
        g = load()
        makers = [r for m, r, p in _actors(sent, self.ctx, 0, pronoun) if r.type == "Country" and p is None]
        weapons = [k for m, k in _weapons(sent, self.ctx, t.end, min(len(sent.words), t.end + 6)) if k in g.weapons]
        if not makers or not weapons:
            return False
        for key in weapons[:1]:
            for r in makers:
                if maker_allowed(key, r.key):
                    self.facts.append(Maker(Ref.weapon(key), r, self._evidence(sent)))
        return True

    def _licence_deal(self, sent: Sent, t: Trigger, weapon: str, status: str, year: int | None) -> None:
        """Licence production is also a transfer from the licensing state (corpus convention): "India
        will produce the AK-203 under licence from Russia", "fabriqué sous licence russe"."""
        licensor = self._licensor(sent)
        producer = next((r for r in self._subject_or_coref(sent, 0, t.start) if r != licensor), None)
        if licensor is not None and producer is not None:
            self.facts.append(Deal(licensor, producer, Ref.weapon(weapon), status, year, self._evidence(sent)))

    def _licensor(self, sent: Sent) -> Ref | None:
        """The state a licence comes from: "under licence from Russia", "sous licence russe"."""
        words = sent.words
        spot = next((i for i, w in enumerate(words) if w in ("licence", "license", "licensed", "licenced")), None)
        if spot is None:
            return None
        d = sent.mention_at(spot + 1, ("demonym",))
        if d is not None:
            return Ref.country(d.key)  # "sous licence française"
        found = next(
            (r for m, r, p in _actors(sent, self.ctx, spot + 1, min(len(words), spot + 5)) if r.type == "Country"),
            None,
        )
        if found is None:  # "produce Chinese-designed CH-4 drones under licence": the designer's state
            designed = [m for m in sent.mentions if m.kind == "demonym" and m.attached == "weapon" and m.end <= spot]
            found = Ref.country(designed[-1].key) if designed and spot - designed[-1].end <= 6 else None
        return found

    def _named_alliance(self, sent: Sent, t: Trigger) -> str | None:
        """An alliance named right next to an agreement word: "the AUKUS agreement", "a security pact, AUKUS"."""
        spans = [(t.start, t.end)] + [(s, e) for s, e, f in sent.triggers if f in ("treaty", "deal_n")]
        for s, e in spans:
            for m in sent.mentions:
                if m.kind == "alliance" and (0 <= s - m.end <= 2 or 0 <= m.start - e <= 2):
                    return m.key
        return None


def _apposed_alliance_member(sent: Sent, t: Trigger) -> Mention | None:
    """The state an apposition "an alliance member" describes: "Norway, an alliance member whose ..."."""
    w = sent.words
    if t.start < 4 or w[t.start - 1] not in _ALLIANCE_NOUNS or w[t.start - 2] not in ("a", "an", "un", "une"):
        return None
    return sent.mention_at(t.start - 4, ("country",)) if w[t.start - 3] == "," else None


def _taken_up_alliance(sent: Sent, t: Trigger) -> bool:
    """A membership word with no alliance named beside it takes up the alliance last named when its object is
    an alliance noun ("joined the alliance in 2004", "rejoint l'Alliance") or it qualifies states in
    apposition ("Deux pays membres, la Turquie et la Hongrie", "member states such as Poland")."""
    after = sent.words[t.end : t.end + 3]
    if (
        any(w in _ALLIANCE_NOUNS for w in after[:2])
        or after[:1]
        and after[0] in DETS
        and any(w in _ALLIANCE_NOUNS for w in after[1:])
    ):
        return True
    before = sent.words[t.start - 1] if t.start else ""
    return before in _STATE_NOUNS and t.end < len(sent.words) and sent.words[t.end] in (",", "such", "tels", "comme")


_STATE_NOUNS = {"pays", "etats", "états", "states", "countries", "country", "state", "nations"}


def _relative_membership(sent: Sent, t: Trigger) -> tuple[str, int] | None:
    """(alliance, end of its relative pronoun) when the membership word closes a relative clause on an
    alliance: "the GCC, to which Qatar ... belong", "NATO, of which it has been a member", "l'Otan, dont la
    Belgique est membre"; else ``None``."""
    words = sent.words
    for i in range(t.start - 1, max(-1, t.start - 14), -1):
        if words[i] in ("which", "dont", "laquelle", "lequel", "auquel", "auxquels"):
            j = i - 1
            while j > 0 and words[j] in ("to", "of", "in", "a", "de", "du"):
                j -= 1  # "to which", "of which", "à laquelle"
            if j > 0 and words[j] == ",":
                j -= 1
            m = sent.mention_at(j, ("alliance",)) if j >= 0 else None
            if m is None and j >= 0 and words[j] in _ALLIANCE_NOUNS:
                return None
            return (m.key, i + 1) if m is not None else None
        if words[i] in (";", ".") or any(s == i for s, e, f in sent.triggers if f != "cooperate"):
            return None  # another clause, or another verb, between them
    return None


def _between_states(sent: Sent, t: Trigger) -> bool:
    """A contract noun qualified as between governments ("an intergovernmental agreement", "the
    government-to-government deal", "un accord intergouvernemental"): an agreement as well as a deal."""
    near = sent.words[max(0, t.start - 3) : min(len(sent.words), t.end + 1)]
    if any(w in _G2G or w.startswith("intergouvernement") for w in near):
        return True
    # "le contrat de gouvernement à gouvernement", "un accord d'État à État", "a government to government deal"
    # (from the head of a fronted participle too: "Conclu de gouvernement à gouvernement ..., le contrat")
    fronted = sent.tokens[0].lower.endswith(("é", "ée", "és", "ées", "u", "ue", "us", "ed")) and (
        "," in sent.words[: t.start]
    )
    phrase = " ".join(sent.words[0 if fronted else max(0, t.start - 4) : t.end + 5])
    if any(p in phrase for p in ("gouvernement a gouvernement", "etat a etat", "government to government",
                                 "state to state", "state-to-state")):
        return True
    # "signed a contract with the US government for 96 Apaches", "avec le gouvernement américain"
    after = sent.words[t.end : min(len(sent.words), t.end + 6)]
    if any(w in ("with", "avec") for w in after[:2]) and any(w in ("government", "gouvernement") for w in after):
        return True
    # "signed an agreement with the United States to buy Strykers", "a deal with Britain", "a signé avec la Chine
    # le contrat d'achat": a contract made with a state, not with a firm ("a contract with Israel's Elbit")
    signer = next((i for i in range(max(0, t.start - 8), t.start) if sent.words[i].startswith("sign")), None)
    agreement = sent.words[t.start] in ("agreement", "agreements", "accord", "accords")
    plural = sent.words[t.start] in ("deals", "contracts", "contrats")  # "signed military deals with Moscow"
    partner = None
    if not plural and (agreement or signer is not None):
        partner = _state_after_with(sent, t.end, firm_check=not agreement)
        if partner is None and signer is not None and sent.words[t.start - 1] in _DEFINITE + ("un", "une", "a", "an"):
            partner = _state_after_with(sent, signer + 1, t.start)
    firm = any(  # "le constructeur brésilien Embraer a trouvé un accord avec Bamako": a firm's agreement
        m.of_firm and 0 <= t.start - m.end <= 12 for m in sent.mentions
    ) or any("company_noun" in sent.cue_at(i) for i in range(max(0, t.start - 12), t.start))
    if partner is not None and not firm:
        return True
    return _signed_by_pair(sent, t)


def _state_after_with(sent: Sent, i: int, end: int | None = None, firm_check: bool = True) -> Mention | None:
    """The state named right after "with"/"avec" at ``i`` (its article skipped), not a place, nor (with
    ``firm_check``) a firm's nationality or name ("with Israel's Elbit Systems", "with Korea Aerospace")."""
    words = sent.words
    if i + 1 >= len(words) or words[i] not in ("with", "avec"):
        return None
    j = i + 2 if words[i + 1] in ("the", "la", "le", "l'", "les") else i + 1
    m = sent.mention_at(j, ("country",))
    if m is None or m.start != j or m.setting or (end is not None and m.end > end):
        return None
    firm = m.end < len(words) and (words[m.end] == "'s" or bool({"firm_word", "corporate"} & sent.cue_at(m.end)))
    return None if firm_check and firm else m


def _signed_by_pair(sent: Sent, t: Trigger) -> bool:
    """ "the two governments signed a contract, under which ...": the governments are its parties."""
    signers = sent.words[max(0, t.start - 8) : t.start]
    return any(w in ("governments", "gouvernements") for w in signers) and any(
        c == "coref_pair" and s < t.start for s, e, c in sent.cues
    )


_DEFINITE = ("the", "le", "la", "l'", "ce", "cet", "cette", "this")
_COUNTS = {w for w, n in NUMBERS.items() if n >= 2}


def _counted_gap(sent: Sent, t: Trigger) -> bool:
    """A count with no noun after a signing for: "signed for two a year later", "signé pour six de plus",
    "signed for 12 of them": so many of the system just told."""
    after = sent.words[t.end : t.end + 3]
    if not after or not (after[0].isdigit() or after[0] in _COUNTS):
        return False
    rest = after[1:]
    return not rest or rest[0] in (",", ".", ";", "a", "an", "in", "en", "more", "de", "last", "this", "the") and not (
        sent.mention_at(t.end + 1, ("weapon", "noun")) is not None
    ) or rest[:2] == ["of", "them"]


_NEXT_CLAUSE = ("and", "et", "while", "tandis", "but", "mais", "whereas")
_G2G = {"intergovernmental", "government-to-government", "inter-governmental", "g2g"}


def _agentless(sent: Sent, t: Trigger) -> bool:
    """The agreement word is the subject of a passive with no agent: "un accord a été signé avec X",
    "an agreement was signed with X"."""
    words = sent.words[t.end : t.end + 12]
    return any(w in ("ete", "been", "was", "were") for w in words) and not any(w in ("par", "by") for w in words)


def _clause(sent: Sent, t: Trigger) -> tuple[int, int]:
    """The clause around a trigger, whatever other triggers it holds: from the boundary before it to the
    boundary after it ("deal Cairo signed with Paris to purchase 24 Rafale" is one clause)."""
    return clause_start(sent, t.start), clause_end(sent, t.end, len(sent.words))


def _framework(sent: Sent, t: Trigger) -> bool:
    """The agreement word heads a framework adjunct: "dans le cadre d'un partenariat", "as part of a
    partnership", "under a cooperation agreement"."""
    before = " ".join(sent.words[max(0, t.start - 5) : t.start])
    return any(p in before for p in ("dans le cadre", "as part of", "under a", "under an", "under the"))


def _builds_its_own(sent: Sent, deal: Trigger, build: Trigger) -> bool:
    """A contract word, then within four words a verb of building and a possessive: "a deal with China to
    build its first anti-missile system" buys a system built for the subject, no co-production."""
    return 0 <= build.start - deal.end <= 4 and build.end < len(sent.words) and sent.words[build.end] in POSSESSIVES


def _made_where_its_maker_is(sent: Sent, ctx: Context, t: Trigger) -> bool:
    """A participle of making right after a system, then "in"/"en" and one of the system's makers in the
    catalogue: "PL-15 missiles made in China" says who made it, not that two states produce it."""
    i = t.end
    if i >= len(sent.words) or sent.words[i] not in ("in", "en") or planned(sent, t.start):
        return False
    place = sent.mention_at(i + 1, ("country",))
    before = _weapons(sent, ctx, max(0, t.start - 4), t.start, coordinated=False)[-1:]
    g = load()
    return place is not None and any(k in g.weapons and place.key in g.weapons[k].makers for m, k in before)
