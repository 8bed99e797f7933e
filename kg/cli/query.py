"""``kg query``: SPARQL over the store, ready-made queries, result formats."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli import cli
from kg.cli.core import open_view, store_location, view_options
from kg.resolve import AmbiguousName, UnknownName
from kg.results import FORMATS, write_rows
from kg.store import QueryError, is_update, open_store


def _read_query(text: str | None, file: str | None) -> str:
    if file:
        if file == "-":
            return sys.stdin.read()
        try:
            return Path(file).read_text(encoding="utf-8")
        except OSError as e:
            raise click.ClickException(f"cannot read query file {file}: {e.strerror or e}") from None
    if text == "-":
        return sys.stdin.read()
    if not text:
        raise click.UsageError("give a SPARQL query, a ready-made query name, -f FILE or - for stdin")
    return text


@cli.command()
@click.argument("sparql", required=False)
@click.option("-f", "--file", "file", metavar="FILE", help="Read the query from FILE (- for stdin).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE",
              help="Bind a variable of a ready-made query (repeatable).")
@click.option("--list", "list_", is_flag=True, help="List the ready-made queries.")
@click.option("--update", is_flag=True, help="Allow SPARQL UPDATE (refused otherwise).")
@view_options
@click.pass_context
def query(ctx, sparql, file, fmt, params, list_, update, min_confidence, raw) -> None:
    """Ask the graph in SPARQL: a query text, a ready-made query NAME, -f FILE or - (stdin).

    The default graph is the union of all article graphs.
    """
    from kg import queries

    if list_:
        found = queries.list_queries()
        width = max((len(info.name) for info in found), default=0)
        for info in found:
            params = ", ".join(f"{p} ({info.kinds.get(p, 'text')})" for p in info.params)
            extra = f"  [params: {params}]" if params else ""
            click.echo(f"{info.name:<{width}}  {info.description}{extra}")
        return
    info = None
    param_values: dict[str, str] = {}
    text = _read_query(sparql, file)
    if sparql and not file and sparql != "-" and "{" not in sparql and " " not in sparql.strip():
        try:
            info = queries.get_query(sparql.strip())
        except KeyError as e:
            raise click.ClickException(str(e.args[0])) from None
        text = info.text
        try:
            param_values = queries.parse_params(info, params)
        except ValueError as e:
            raise click.UsageError(str(e)) from None
    elif params:
        raise click.UsageError("--param goes with a ready-made query name (see kg query --list)")
    if is_update(text):
        if raw or min_confidence is not None:
            raise click.UsageError("--raw and --min-confidence choose what a query reads; an update writes the store")
        if not update:
            raise click.ClickException("this is a SPARQL UPDATE; add --update to change the store")
        with open_store(store_location(ctx), write=True) as store:
            store.update(text)
            store.rebuild_label_index()  # the update may have added or removed labels
        click.echo("update applied", err=True)
        return
    with open_view(ctx, raw, min_confidence) as store:
        try:
            bindings = queries.bind_params(store, info, param_values) if info is not None else {}
            results = store.query(text, bindings)
        except (QueryError, UnknownName, AmbiguousName, ValueError) as e:
            raise click.ClickException(str(e)) from None
    write_rows(results, fmt, sys.stdout)
