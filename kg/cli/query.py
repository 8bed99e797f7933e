"""``kg query``: SPARQL over the store, ready-made queries, result formats."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from kg.cli import cli
from kg.cli.core import open_view, store_location, view_options
from kg.deadline import TimedOut, run_with_deadline
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
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None, metavar="SECONDS",
              envvar="KG_QUERY_TIMEOUT", show_envvar=True,
              help="Stop the query after SECONDS (exit status 124). Default: no limit.")
@view_options
@click.pass_context
def query(ctx, sparql, file, fmt, params, list_, update, timeout, min_confidence, raw) -> None:
    """Ask the graph in SPARQL: a query text, a ready-made query NAME, -f FILE or - (stdin).

    \b
    The default graph is the union of all named graphs: the article graphs,
    the SIPRI graph and the label index (graph/labels: one copy of each
    rdfs:label, and one skos:prefLabel per entity). A query that names
    FROM or FROM NAMED gets exactly those graphs instead.

    Ctrl-C stops a running query at once (exit status 130). A query reads a
    snapshot of the store: it never keeps a writer (kg ingest) waiting.
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
        def ask():
            bindings = queries.bind_params(store, info, param_values) if info is not None else {}
            return store.query(text, bindings)

        try:
            results = run_with_deadline(ask, timeout)
        except (QueryError, UnknownName, AmbiguousName, ValueError) as e:
            raise click.ClickException(str(e)) from None
        except TimedOut:
            _abandon(f"Error: the query timed out after {timeout:g} s (--timeout, KG_QUERY_TIMEOUT)", 124)
        except KeyboardInterrupt:
            _abandon("Interrupted.", 130)
    write_rows(results, fmt, sys.stdout)


def _abandon(message: str, status: int) -> None:
    """Leave the process at once while the engine still runs the query in another thread.

    The engine cannot be cancelled, and a normal exit would tear the store down
    under it; the kernel releases the files and the lock.
    """
    click.echo(message, err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
