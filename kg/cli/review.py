"""``kg review``: analysts accept, reject and correct extracted facts (:mod:`kg.curation`)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli import cli
from kg.cli.core import store_location
from kg.decisions import FIELDS
from kg.facts import STATUSES
from kg.results import FORMATS, Results, write_rows
from kg.store import Store, open_store

FACT_TYPES = tuple(FIELDS)


def _names(store: Store) -> dict[str, str]:
    from kg.mapping import LABELS_GRAPH

    rows = store.query(f"SELECT ?e ?l WHERE {{ GRAPH <{LABELS_GRAPH}> "
                       "{ ?e <http://www.w3.org/2004/02/skos/core#prefLabel> ?l } }")
    return {str(r["e"]): str(r["l"]) for r in rows}


def _show_fact(fact, names: dict[str, str]) -> str:
    """A fact with entity names: ``deal: supplier Russia, recipient Turkey, weapon S-400, status agreed``."""
    from kg.decisions import to_reading
    from kg.mapping import ID

    def name(path: str) -> str:
        return names.get(str(ID) + path, path.rsplit("/", 1)[-1])

    reading = to_reading(fact)
    kind = reading.pop("type")
    reading.pop("evidence", None)
    reading.pop("confidence", None)
    parts = []
    for field, value in reading.items():
        if value in (None, "", False):
            continue
        if field == "parties":
            value = " + ".join(name(v) for v in value)
        elif isinstance(value, str) and "/" in value and field not in ("measure", "role", "status"):
            value = name(value)
        parts.append(f"{field} {value}")
    return f"{kind}: " + ", ".join(parts)


def _screen(item, position: int, total: int, names: dict[str, str]) -> str:
    conf = "no confidence" if item.confidence is None else f"confidence {item.confidence:.2f}"
    evidence = item.raw.evidence.sentence if item.raw.evidence is not None else "(no evidence sentence)"
    article = item.article.rsplit("/", 1)[-1]
    where = "  ".join(x for x in (article, item.date, item.source) if x)
    return (f"\n[{position}/{total}] {item.type}  {conf}  {item.degree} links\n"
            f"  article   {where}\n"
            f"  evidence  \u201c{evidence}\u201d\n"
            f"  fact      {_show_fact(item.raw, names)}\n"
            f"  iri       {item.node or '-'}\n")


def _resolver(store: Store):
    from kg.mapping import ID
    from kg.resolve import resolve_entity

    return lambda name: resolve_entity(store, name).iri[len(str(ID)):]


def _correction(store: Store, fact, pairs: list[tuple[str, str]]) -> dict:
    from kg.curation import parse_reading_value

    resolve = _resolver(store)
    try:
        return {name: parse_reading_value(fact, name, value, resolve) for name, value in pairs}
    except ValueError as e:
        raise click.ClickException(str(e)) from None


@cli.group(invoke_without_command=True)
@click.option("--entity", metavar="ENTITY", help="Only facts about this entity (key, label or alias).")
@click.option("--article", metavar="ID", help="Only facts of this article (its id or IRI).")
@click.option("--type", "type_", type=click.Choice(FACT_TYPES), help="Only facts of this type.")
@click.option("--by", metavar="NAME", help="Who decides (default: your user name).")
@click.pass_context
def review(ctx, entity, article, type_, by) -> None:
    """Walk the facts that need a decision, lowest confidence and most connected first.

    \b
    For each fact: the evidence sentence, the article and the fact as read; then one key:
      a accept   r reject (asks why)   c correct (asks what)   s skip   q quit
    Decisions go to the curation graph and survive re-extraction. Scripts use:
      kg review accept FACT | reject FACT --reason TEXT | correct FACT --status delivered
    """
    ctx.obj["review"] = {"entity": entity, "article": article, "type": type_, "by": by}
    if ctx.invoked_subcommand is not None:
        return
    from kg.curation import UnknownFact, decide, queue

    location = store_location(ctx)
    with open_store(location) as store:
        try:
            items = queue(store, entity=entity, article=article, type=type_)
        except UnknownFact as e:
            raise click.ClickException(str(e)) from None
        names = _names(store)
    if not items:
        click.echo("Nothing to review: every fact that matches has a decision.")
        return
    if not sys.stdin.isatty():
        raise click.ClickException("kg review asks for keys in a terminal; scripts use kg review list, "
                                   "accept, reject and correct")
    done = {"accept": 0, "reject": 0, "correct": 0, "skip": 0}
    for position, item in enumerate(items, 1):
        click.echo(_screen(item, position, len(items), names), nl=False)
        while True:
            click.echo("[a]ccept  [r]eject  [c]orrect  [s]kip  [q]uit > ", nl=False)
            key = click.getchar().lower()
            click.echo(key)
            if key in ("a", "r", "c", "s", "q"):
                break
            click.echo("  one of a, r, c, s, q please")
        if key == "q":
            break
        if key == "s":
            done["skip"] += 1
            continue
        action = {"a": "accept", "r": "reject", "c": "correct"}[key]
        reason, changes = "", {}
        if action == "reject":
            reason = click.prompt("  why", default="", show_default=False)
        if action == "correct":
            fields = ", ".join(FIELDS[item.type])
            field = click.prompt(f"  field to change ({fields})", type=click.Choice(FIELDS[item.type]),
                                 show_choices=False)
            value = click.prompt(f"  new {field}" + (f" ({', '.join(STATUSES)})" if field == "status" else ""))
            reason = click.prompt("  why", default="", show_default=False)
        with open_store(location, write=True, wait=30) as store:
            if action == "correct":
                try:
                    changes = _correction(store, item.raw, [(field, value)])
                except click.ClickException as e:
                    click.echo(f"  not recorded: {e.message}")
                    continue
            try:
                decide(store, item, action, by=by, reason=reason, changes=changes)
            except ValueError as e:
                click.echo(f"  not recorded: {e}")
                continue
        done[action] += 1
        click.echo(f"  recorded: {action}")
    past = {"accept": "accepted", "reject": "rejected", "correct": "corrected", "skip": "skipped"}
    click.echo("\n" + ", ".join(f"{n} {past[k]}" for k, n in done.items()))


def _by(ctx, by: str | None) -> str | None:
    return by or ctx.obj.get("review", {}).get("by")


def _decide(ctx, fact: str, action: str, by: str | None, reason: str, changes_from=None) -> None:
    from kg.curation import UnknownFact, decide, find_fact

    with open_store(store_location(ctx), write=True) as store:
        try:
            item = find_fact(store, fact)
            changes = changes_from(store, item) if changes_from else None
            decision = decide(store, item, action, by=_by(ctx, by), reason=reason, changes=changes)
        except (UnknownFact, ValueError) as e:
            raise click.ClickException(str(e)) from None
    done = {"accept": "accepted", "reject": "rejected", "correct": "corrected"}[action]
    click.echo(f"{done} {decision.key} of {decision.article.rsplit('/', 1)[-1]} (by {decision.by})", err=True)


@review.command()
@click.argument("fact")
@click.option("--by", metavar="NAME", help="Who decides (default: your user name).")
@click.option("--reason", default="", help="Why.")
@click.pass_context
def accept(ctx, fact: str, by, reason: str) -> None:
    """Accept FACT (its IRI, as kg review list shows it) as read."""
    _decide(ctx, fact, "accept", by, reason)


@review.command()
@click.argument("fact")
@click.option("--reason", required=True, help="Why the fact is wrong.")
@click.option("--by", metavar="NAME", help="Who decides (default: your user name).")
@click.pass_context
def reject(ctx, fact: str, reason: str, by) -> None:
    """Reject FACT: it leaves every read path; the extractor's reading stays in provenance."""
    _decide(ctx, fact, "reject", by, reason)


@review.command()
@click.argument("fact")
@click.option("--status", type=click.Choice(STATUSES), help="The right status.")
@click.option("--year", metavar="YEAR", help="The right year (- for none).")
@click.option("--weapon", metavar="WEAPON", help="The right weapon (key, label or alias; - for none).")
@click.option("--role", "roles", multiple=True, metavar="ROLE=ENTITY",
              help="The right entity in a role: supplier, recipient, by, target, person, of, country, alliance, "
                   "parties (repeatable).")
@click.option("--set", "sets", multiple=True, metavar="FIELD=VALUE", help="Any other field (measure, role, former).")
@click.option("--reason", default="", help="Why.")
@click.option("--by", metavar="NAME", help="Who decides (default: your user name).")
@click.pass_context
def correct(ctx, fact: str, status, year, weapon, roles, sets, reason: str, by) -> None:
    """Correct FACT: change its status, year, weapon or the entity in a role."""
    pairs = [(k, v) for k, v in (("status", status), ("year", year), ("weapon", weapon)) if v is not None]
    for item in (*roles, *sets):
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.UsageError(f"expected NAME=VALUE, not {item!r}")
        pairs.append((name.strip(), value))
    if not pairs:
        raise click.UsageError("say what to correct: --status, --year, --weapon, --role ROLE=ENTITY or --set")
    _decide(ctx, fact, "correct", by, reason, lambda store, item: _correction(store, item.raw, pairs))


@review.command("list")
@click.option("--all", "all_", is_flag=True, help="Also the facts that have a decision.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.pass_context
def list_(ctx, all_: bool, fmt: str) -> None:
    """The review queue (what `kg review` would walk), or with --all every fact and its decision."""
    from kg.curation import UnknownFact, find_items, queue

    f = ctx.obj["review"]
    with open_store(store_location(ctx)) as store:
        narrow = {"entity": f["entity"], "article": f["article"], "type": f["type"]}
        try:
            items = find_items(store, **narrow) if all_ else queue(store, **narrow)
        except UnknownFact as e:
            raise click.ClickException(str(e)) from None
        names = _names(store)
    rows = [(i.article.rsplit("/", 1)[-1], _show_fact(i.fact, names),
             None if i.confidence is None else round(i.confidence, 4), i.degree,
             i.decision.action if i.decision else None, i.node) for i in items]
    write_rows(Results.from_table(["article", "fact", "confidence", "links", "decision", "fact_iri"], rows), fmt,
               sys.stdout)


@review.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.pass_context
def orphans(ctx, fmt: str) -> None:
    """Decisions whose fact the extractor no longer reads (after new rules); they are kept, not applied."""
    from kg.curation import orphans as find

    with open_store(store_location(ctx)) as store:
        found = find(store)
    rows = [(d.article.rsplit("/", 1)[-1], d.key, d.action, d.by, d.when, d.reason) for d in found]
    write_rows(Results.from_table(["article", "key", "decision", "by", "when", "reason"], rows), fmt, sys.stdout)


@review.command("export-gold")
@click.argument("articles", nargs=-1, required=True, metavar="ARTICLE...")
@click.option("--output-dir", "-o", type=click.Path(file_okay=False, path_type=Path), default=Path("exports/gold"),
              show_default=True, help="Where to write NAME.txt and NAME.json.")
@click.pass_context
def export_gold(ctx, articles: tuple[str, ...], output_dir: Path) -> None:
    """Write reviewed articles (ids or IRIs) as gold files for `kg eval` (fact-model.md section 4)."""
    from kg.curation import UnknownFact
    from kg.curation import export_gold as write

    with open_store(store_location(ctx)) as store:
        try:
            paths = write(store, articles, output_dir)
        except UnknownFact as e:
            raise click.ClickException(str(e)) from None
    for path in paths:
        click.echo(f"wrote {path}", err=True)
