"""Sanction frames: sanctions, embargoes, bans, exclusions and suspended sales; who imposes them on whom."""

from __future__ import annotations

from kg.extract.annotate import Sent
from kg.extract.clauses import (
    BY_PREPS,
    DETS,
    TARGET_PREPS,
    Trigger,
    _actors,
    _after_word,
    _cues,
    _definite,
    _first_group,
    _is_object,
    _is_passive,
    _weapons,
    _year_for,
)
from kg.extract.context import Context
from kg.extract.gazetteer import load
from kg.facts import Deal, Fact, Ref, Sanction


class SanctionFrames:
    """Part of :class:`kg.extract.relations.RelationReader` (a mixin: it reads ``self.ctx`` and
    appends to ``self.facts``)."""

    ctx: Context
    facts: list[Fact]

    # ------------------------------------------------------------- sanctions
    def _sanction(self, sent: Sent, triggers: list[Trigger], k: int, left: int, right: int) -> None:
        t = triggers[k]
        window = _cues(sent, left, right)
        hypothetical = bool(window & {"threat", "condition", "propose", "modal"}) or "refuse" in _cues(
            sent, max(0, t.start - 4), t.start
        )  # "a exclu de suspendre son aide": ruled out, even when "exclu" is a trigger of its own
        if t.start > 0 and sent.words[t.start - 1] in ("its", "their", "sa", "son", "ses", "leur", "leurs"):
            hypothetical = False  # "will lift its suspension of arms sales": the measure is in place
        refusal = t.frame == "ban" and any(w in _NEGATIVE for w in sent.words[t.start : t.end])
        if refusal and window & {"threat", "condition", "propose", "modal"} == {"modal"} and any(
            w in ("will", "shall") for w in sent.words[max(0, t.start - 2) : t.start]
        ):
            hypothetical = False  # "Germany will not approve any exports ...": a decision announced
        if hypothetical:
            named = [r for m, r, p in _actors(sent, self.ctx, left, t.start) if p is None]
            if named:
                self.last_sanction_by = named[-1]  # "Washington n'a pas décidé s'il imposera des sanctions"
        if t.frame in ("ban", "exclude", "sanction_v") and _obstructs_measure(sent, t):
            return  # "Russia and China blocked any binding measure at the Security Council": no measure taken
        if "exhort" in _cues(sent, max(0, t.start - 8), t.start):
            return  # "Amnesty urged Sweden to halt arms exports": asked for, not done
        negative = t.frame == "ban" and any(w in _NEGATIVE for w in sent.words[t.start : t.end])
        if hypothetical or not negative and "negation" in _cues(sent, max(left, t.start - 3), t.start):
            return  # but "n'avoir délivré aucune autorisation" is itself the measure
        if t.frame == "exclude" and sent.words[t.end : t.end + 1] in (["de"], ["d'"]):
            nxt = sent.words[t.end + 1] if t.end + 1 < len(sent.words) else ""
            if nxt.endswith(("er", "ir", "re", "oir")):
                return  # "a exclu de suspendre son aide": ruled out, no one is excluded
        if t.frame in ("sanction_n", "ban") and any(_measure_of(sent, o, t) for o in triggers[:k]):
            return  # "imposed a land, sea and air blockade on ...": the noun is the verb's object, told there
        if t.frame in ("sanction_n", "ban") and _definite(sent, t) and any(
            w in ("after", "since", "before", "apres", "depuis", "avant", "until", "jusqu'a")
            for w in sent.words[max(0, t.start - 3) : t.start]
        ):
            return  # "days after the blockade began", "depuis l'embargo": a time told by a measure already told
        if t.frame in ("sanction_n", "ban") and any(
            w in ("under", "sous", "despite", "malgre", "amid") for w in sent.words[max(0, t.start - 3) : t.start]
        ):
            return  # "both under Western sanctions", "despite the Gulf blockade": a state of affairs, not a measure
        if t.frame == "sanction_n" and t.start > 0 and "no_state" in sent.cue_at(t.start - 1):
            return  # "Western sanctions", "international sanctions": imposed by no state the sentence names
        actors_left = _actors(sent, self.ctx, left, t.start)
        actors_right = _actors(sent, self.ctx, t.end, right)
        by: list[Ref] = []
        targets: list[Ref] = []
        if t.frame == "sanction_n":
            against = [r for m, r, p in actors_right if p in BY_PREPS and _after_word(sent, m, "encontre")]
            by = _first_group(sent, [(m, r) for m, r, p in actors_right if p in BY_PREPS and r not in against])
            by = by or [r for m, r, p in actors_left if p is None and t.start - m.end <= 2]
            passive = any("passive_target" in sent.cue_at(i) for i in range(max(0, t.start - 4), t.start))
            if passive:
                targets = [r for m, r, p in actors_left if p is None]
            targets = (
                targets
                or against
                or _first_group(
                    sent, [(m, r) for m, r, p in actors_right if p in TARGET_PREPS and m.start - t.end <= 8]
                )
            )
            if not by and any(
                w in ("its", "sa", "son", "leur", "their") for w in sent.words[max(0, t.start - 3) : t.start]
            ):
                by = self._subjects(sent, 0, t.start)[:1]
            if not by and not passive:  # "Obama a annoncé de nouvelles sanctions contre ...": the announcer
                by = [r for r in self._subjects(sent, 0, t.start) if r not in targets][:1]
        elif t.frame in ("sanction_v", "exclude", "ban") and _is_passive(sent, t):
            targets = [r for m, r, p in actors_left if p is None][-1:]  # "La Turquie a été sanctionnée"
            by = [r for m, r, p in actors_right if p in ("par", "by")]
        elif t.frame == "excluded":
            targets = [r for m, r, p in actors_left if p is None][-1:]
            by = [r for r in self._subjects(sent, 0, t.start) if r not in targets][-1:]
        else:
            near = [  # "invoked the law against Turkey, sanctioning ...": a governed state is no subject
                r
                for m, r, p in actors_left
                if t.start - m.end <= 4 and not _is_object(sent, m) and p in (None, "de", "du", "des", "d'", "of")
            ]
            group = self._subjects(sent, 0, t.start)
            # "Germany, France and Italy suspended arms sales to Turkey": every state of the subject group, also
            # of a second verb ("A, B and C severed relations with Qatar and imposed a blockade on it")
            by = group if near and group and near[-1] == group[0] or not near else near[-1:]
            # the agent may follow the target: "les sanctions imposées à la Russie par les États-Unis et l'UE"
            agent = _first_group(
                sent, [(m, r) for m, r, p in actors_right if p in ("par", "by") and m.start - t.end <= 8]
            )
            bare = t.start > 0 and sent.mention_at(t.start - 1, ("country", "alliance", "person")) is None
            if agent and bare and any(f == "sanction_n" and 0 <= t.start - e <= 3 for s, e, f in sent.triggers):
                by = agent  # "les sanctions imposées par l'UE", "l'embargo sur les armes imposé par l'ONU"
            sales = any(o.frame in ("sale_n", "purchase_n") and 0 <= o.start - t.end <= 3 for o in triggers)
            preps = TARGET_PREPS if t.frame in ("impose", "ban") or sales else {None}
            if t.frame == "ban":  # "no new export permits for Pakistan": the state the permits were for
                preps = preps | {"for", "pour"}
            if t.frame == "ban" and sent.words[t.end - 1] in ("cooperation", "co-operation", "ties"):
                preps = preps | {"with", "avec"}  # "Kiev a cessé toute coopération militaire avec Moscou"
            named = [(m, r) for m, r, p in actors_right if p in preps]
            targets = _first_group(sent, named)
            reach = max([o.end for o in triggers[k + 1 :] if _measure_of(sent, t, o)], default=t.end)
            at, taken = _taken_up_target(sent, t.end, max(right, reach + 6), by)
            if taken and (not named or at < named[0][0].start):
                targets = taken  # "... a blockade on the country, accusing it of cosying up to Iran"
            if t.frame == "ban" and not targets:  # "withhold military aid from Egypt"
                targets = _first_group(sent, [(m, r) for m, r, p in actors_right if p in ("from", "a", "au", "aux")])
            if t.frame in ("sanction_v", "exclude") and not targets:
                objects = [r for m, r, p in actors_right if p is None and r not in by]
                objects = objects or [
                    r for m, r, p in actors_right if p in ("de", "du", "des", "d'", "of") and r not in by
                ]
                targets = objects[:1]
        if not by and t.start > 0 and sent.words[t.start - 1] in ("de", "d'", "to"):
            # "a ordonné à l'État néerlandais de cesser toute exportation": the state ordered to stop stops
            # (not one urged to: "urged Berlin to halt sales" is asked for, not done)
            ordered = [r for m, r, p in actors_left if p in ("a", "au", "aux", "to", None) and t.start - m.end <= 3]
            by = ordered[-1:]  # (an exhortation before the verb has already returned)
        if not by:  # "was expelled from the U.S.-led F-35 programme": the state that leads it
            by = [
                Ref.country(m.key)
                for m in sent.mentions
                if m.kind == "demonym" and m.attached == "led" and t.end <= m.start <= t.end + 6
            ][:1]
        programme = _programme(sent, t) if t.frame in ("exclude", "excluded") else None
        if not by and programme is not None:  # "Turkey was expelled from the F-35 programme": its maker's
            info = load().weapons.get(programme)
            makers = info.makers if info is not None else ()
            by = [Ref.country(makers[0])] if len(makers) == 1 else []
        if not by and self.last_sanction_by is not None:
            by = [self.last_sanction_by]
        if not targets:
            targets = people_of_a_state(sent, t.end)  # "sanctions Iranians", "sanctioned three Iranian officers"
        if not targets and t.frame == "sanction_n" and _definite(sent, t):
            return  # "les contrats signés avant l'embargo", "ces sanctions": a sanction already told
        if (
            not targets
            and any(w in ("against", "contre", "on", "sur") for w in sent.words[t.end : t.end + 2])
            and not any(t.end <= m.start < t.end + 6 for m, r, p in actors_right)
        ):
            return  # "sanctions against Lockheed Martin": aimed at companies, not at a state
        if not targets and t.frame == "sanction_v" and _names_someone_else(sent, t.end):
            return  # "sanctioned Lockheed Martin over arms sales to the island": a firm, not a state
        if not targets:  # "imposé par l'ONU à ce pays": the country taken up
            targets = [r for r in self._coref_actors(sent, t.end, min(right, t.end + 6)) if r not in by][:1]
        if not targets:
            fallback = self._target_fallback(sent, t, set(by))
            targets = [fallback] if fallback else []
        weapons = _weapons(sent, self.ctx, left, right, specific_only=True)
        weapon = Ref.weapon(weapons[0][1]) if len(weapons) >= 1 else None
        measure = " ".join(tok.text for tok in sent.tokens[t.start : min(right, t.end + 12)])
        for b in dict.fromkeys(by):
            for target in targets:
                if target != b:
                    self.facts.append(Sanction(b, target, weapon, measure, self._evidence(sent)))
                    self.last_sanction_by = b
                    if programme is not None and b.type == "Country":
                        # expelled from a weapon's programme: that system is refused to it (corpus convention)
                        year = _year_for(sent, None, t, left, right)
                        self.facts.append(Deal(b, target, Ref.weapon(programme), "refused", year, self._evidence(sent)))

    def _target_fallback(self, sent: Sent, t: Trigger, by: set[Ref]) -> Ref | None:
        """Whom an unaddressed sanction targets: this sentence's buyer, else the nearest other actor, else the
        article's last buyer."""
        here = [f.recipient for f in self._deals_here(sent) if f.recipient not in by]
        if here:
            return here[-1]
        others = sorted(
            (
                (abs(m.start - t.start), r)
                for m, r, p in _actors(sent, self.ctx, 0, len(sent.words))
                if r not in by and (p is None or p in TARGET_PREPS)  # not "capitale de l'Ouzbékistan"
            ),
            key=lambda x: x[0],
        )
        if others:
            return others[0][1]
        for r in reversed(self.ctx.recipients):
            if r not in by:
                return r
        main = self.ctx.main_country
        return main if main not in by else None


_QUANTIFIERS = {"toute", "tout", "toutes", "tous", "any", "all", "new", "further", "nouvelles", "nouvelle", "de"}


def _obstructs_measure(sent: Sent, t: Trigger) -> bool:
    """ "blocked any binding measure", "a bloqué toute mesure", "vetoed new sanctions": the verb's object is a
    measure, which the subject stops rather than takes."""
    i = t.end
    while i < min(len(sent.words), t.end + 3) and (sent.words[i] in DETS or sent.words[i] in _QUANTIFIERS):
        i += 1
    return i < len(sent.words) and (
        "measure_noun" in sent.cue_at(i) or any(s == i and f == "sanction_n" for s, _e, f in sent.triggers)
    )


def _measure_of(sent: Sent, verb: Trigger, noun: Trigger) -> bool:
    """Whether ``noun`` is the object of ``verb``: "imposed sanctions", "imposed a land, sea and air blockade" (only
    determiners, modifiers and their commas between; no actor, no other trigger)."""
    if verb.frame not in ("impose", "sanction_v", "ban") or noun.frame not in ("sanction_n", "ban"):
        return False
    gap = range(verb.end, noun.start)
    if not 0 <= noun.start - verb.end <= 8 or any(sent.mention_at(i) is not None for i in gap):
        return False
    words = sent.words[verb.end : noun.start]
    return noun.start - verb.end <= 4 or not any(w in (".", ";", ":", "which", "that", "qui", "que") for w in words)


def _taken_up_target(sent: Sent, start: int, end: int, by: list[Ref]) -> tuple[int, list[Ref]]:
    """ "severed relations with Qatar and imposed a blockade on the country": a noun taking up a state after a
    preposition of the target names the last state named before it that does not impose the measure; with the
    noun's position."""
    for s, _e, cue in sent.cues:
        if start <= s < end and cue == "coref_country" and s > 0 and sent.words[s - 1] in TARGET_PREPS:
            named = [Ref.country(m.key) for m in sent.mentions if m.kind == "country" and m.end <= s]
            return s, [r for r in named if r not in by][-1:]
    return -1, []


_NEGATIVE = {"aucun", "aucune", "no", "plus", "longer", "not"}


def _programme(sent: Sent, t: Trigger) -> str | None:
    """The system whose programme a state is excluded from: "expelled from the F-35 programme",
    "exclue du programme F-35"."""
    words = sent.words
    for m in sent.mentions:
        if m.kind != "weapon" or not t.end <= m.start <= t.end + 10:
            continue
        after = m.end < len(words) and words[m.end] in ("programme", "program") and m.start <= t.end + 5
        if after or m.start > 0 and words[m.start - 1] == "programme":  # "du programme F-35"
            return m.key
        # "du programme de l'avion furtif américain F-35, dont elle comptait acquérir une centaine": a system
        # described after "programme" is the programme's when the sentence tells the excluded state's purchase
        # of it (not "du programme américain de développement du F-35": a share in its development)
        named = next((j for j in range(m.start - 1, max(t.end, m.start - 6) - 1, -1) if words[j] in ("programme",
                      "program")), None)
        bought = any(f in ("buy", "purchase_n") and s > m.end for s, _e, f in sent.triggers)
        if named is not None and bought and not any(w in (",", ".", ";") for w in words[named : m.start]):
            return m.key
    return None


def _names_someone_else(sent: Sent, i: int) -> bool:
    """The object right after a verb of sanctioning is a capitalised name that is no state or alliance
    (a firm, a person)."""
    while i < len(sent.words) and sent.words[i] in ("the", "le", "la", "les", "l'", "two", "three", "deux", "trois"):
        i += 1
    if i >= len(sent.tokens) or not sent.tokens[i].text[:1].isupper():
        return False
    m = sent.mention_at(i)
    return m is None or m.kind in ("person", "weapon")


_BEFORE_PEOPLE = {
    "on", "against", "sur", "contre", "the", "les", "des", "de", "sanctions", "sanction", "assets", "avoirs"
}


def people_of_a_state(sent: Sent, i: int) -> list[Ref]:
    """A nationality right after a word of sanctioning, with only articles, numbers and "on"/"contre"
    before it: "sanctions Iranians", "sanctions on three Iranian military officers"."""
    j = i
    while j < min(len(sent.words), i + 5) and (
        sent.words[j] in _BEFORE_PEOPLE
        or sent.words[j] == "of" and sent.words[j - 1] == "assets"  # "froze the assets of 40 Venezuelan officials"
        or sent.words[j].isdigit()
        or "not_a_name" in sent.cue_at(j)
    ):
        j += 1
    d = sent.mention_at(j, ("demonym",))
    return [Ref.country(d.key)] if d is not None and d.start == j else []
