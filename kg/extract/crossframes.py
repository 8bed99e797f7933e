"""Readings that join the frames of one sentence after they are read: an offer told of a rival the buyer
passed over is refused, a visit to promote a system offers it to the states visited, an elliptical clause
("as do Australia and New Zealand") does what the clause before it did."""

from __future__ import annotations

from kg.extract.annotate import Sent
from kg.extract.clauses import DETS, Trigger, _actors, _weapons
from kg.extract.gazetteer import load
from kg.facts import Deal, Ref

_VISIT = {"visited", "visit", "visits", "visiting", "toured", "tour", "tours", "touring", "rendu", "visite", "visitait",
          "tournee"}
_RIVAL_STOPS = {"but", "mais", "although", "though", "while", "whereas", "alors", "tandis", "bien", "meme"}
_AUX_DO = {"do", "does", "did", "have", "has", "had", "will", "would"}


class CrossFrames:
    """Mixed into :class:`kg.extract.relations.RelationReader` (``self.ctx``, ``self.facts``, ``_deal``,
    ``_deals_here``, ``_subject_or_coref`` come from there and the frame families)."""

    def _rival_offers(self, sent: Sent, triggers: list[Trigger]) -> None:
        """An offer told of a rival a choice passed over is refused: "picked the F-16 over Gripen fighters
        offered by Sweden and Eurofighters proposed by Italy", "beat Germany's TKMS, which had offered its
        MEKO A-200" (each offered system, from the state that offered it, to the buyer that chose)."""
        words = sent.words
        here = self._deals_here(sent)
        for t in triggers:
            if t.frame != "compete":
                continue
            end = next((i for i in range(t.end, len(words)) if words[i] in (";", ".") or words[i] in _RIVAL_STOPS),
                       len(words))
            buyers = [f.recipient for f in here if f.status == "refused"] or [
                f.recipient for f in here if f.status != "refused"]
            if not buyers:
                continue
            buyer = max(buyers, key=buyers.count)
            for o in triggers:
                if o.frame != "offer" or not t.end <= o.start < end:
                    continue
                inside = [m for m in sent.mentions if m.kind == "weapon" and t.end <= m.start < end]
                before = [m for m in inside if m.end <= o.start and o.start - m.end <= 3]
                after = [m for m in inside if m.start >= o.end and m.start - o.end <= 3]
                weapon = (before or [None])[-1] or (after or [None])[0]
                if weapon is None:
                    continue
                told = [f for f in here if f.weapon.key == weapon.key and f.recipient == buyer]
                agent = [r for m, r, p in _actors(sent, self.ctx, o.end, min(end, o.end + 4)) if p in ("by", "par")]
                sellers = [f.supplier for f in told] or agent[:1]
                for seller in dict.fromkeys(sellers):
                    if seller != buyer:
                        self._deal(sent, seller, buyer, weapon.key, "refused", None)

    def _visit_purpose(self, sent: Sent, triggers: list[Trigger]) -> None:
        """ "Cameron visited the UAE and Saudi Arabia to promote Typhoon jets", "s'est rendu à Abou Dhabi pour
        promouvoir le Rafale": the visitor's state offers, to the states visited (not a visited state selling)."""
        words = sent.words
        for t in triggers:
            if t.frame not in ("offer", "sell") or t.start < 2 or words[t.start - 1] not in ("to", "pour"):
                continue
            v = next((k for k in range(t.start - 2, max(-1, t.start - 16), -1) if words[k] in _VISIT), None)
            if v is None or any(w in (";", ".") for w in words[v : t.start]):
                continue
            visited = list(dict.fromkeys(Ref.country(m.key) for m in sent.mentions
                                         if m.kind == "country" and v < m.start < t.start))
            visitors = self._subject_or_coref(sent, 0, v) or self._visiting_person(sent, v)
            end = next((i for i in range(t.end, len(words)) if words[i] in (";", ".", ",")), len(words))
            weapons = _weapons(sent, self.ctx, t.end, end)
            if not visited or not weapons:
                continue
            self.facts = [f for f in self.facts if not (
                isinstance(f, Deal) and f.evidence is not None and f.evidence.start == sent.offset
                and f.supplier in visited)]
            for seller in visitors:
                for buyer in visited:
                    for _m, key in weapons:
                        if seller != buyer:
                            self._deal(sent, seller, buyer, key, "proposed", None)

    def _visiting_person(self, sent: Sent, v: int) -> list[Ref]:
        """ "He visited ...": a personal subject pronoun is the person last given an office, acting for
        that office's state; "le président français": the nationality of the title."""
        titled = [m for m in sent.mentions if m.kind == "demonym" and m.attached == "person" and m.end <= v]
        if titled:  # "le président français s'est rendu en Inde": the title's nationality
            return [Ref.country(titled[-1].key)]
        if not {"he", "she", "il", "elle"} & set(sent.words[max(0, v - 3) : v]):
            return []
        roles = [r for r in self.ctx.people.roles if r.sentence <= sent.index and r.of]
        return [Ref.country(roles[-1].of)] if roles and roles[-1].of in load().countries else []

    def _as_do(self, sent: Sent) -> None:
        """ "Britain and Norway already fly the Poseidon, as do Australia and New Zealand", "comme le font le
        Chili et le Pérou": the states of the elliptical clause do what the clause before did, with the systems
        named before it."""
        words = sent.words
        for i in range(1, len(words) - 2):
            if words[i - 1] != ",":
                continue
            if words[i] == "as" and words[i + 1] in _AUX_DO:
                j = i + 2
            elif words[i] == "comme" and " ".join(words[i + 1 : i + 3]) in ("le font", "le fait", "l' ont", "l' a"):
                j = i + 3 + (words[i + 3 : i + 4] == ["fait"])
            else:
                continue
            states: list[Ref] = []
            while j < len(words):
                m = sent.mention_at(j, ("country",))
                if m is not None:
                    states.append(Ref.country(m.key))
                    j = m.end
                elif words[j] in DETS or words[j] in ("and", "et") or (
                    words[j] == "," and sent.mention_at(j + 1, ("country",)) is not None
                ):
                    j += 1
                else:
                    break
            before = {m.key for m in sent.mentions if m.kind in ("weapon", "noun") and m.end <= i}
            actors = {r for _m, r, _p in _actors(sent, self.ctx, 0, i)}
            for f in self._deals_here(sent):
                if f.weapon.key not in before or f.recipient not in actors:
                    continue  # (not "..., while Germany ordered the aircraft in 2021": a clause after it)
                for r in states:
                    if r != f.supplier and r != f.recipient:
                        self._deal(sent, f.supplier, r, f.weapon.key, f.status, None)
