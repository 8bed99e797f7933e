"""``kg import rdf``: add an RDF file to the store (joins the ``kg import`` group if it exists)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli import cli
from kg.cli.core import store_location
from kg.store import open_store

group = cli.commands.get("import")
if not isinstance(group, click.Group):

    @cli.group("import")
    def group() -> None:
        """Import data into the store."""


@group.command("rdf")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--graph", metavar="IRI", help="Put every triple in this named graph (replacing it).")
@click.option("--format", "fmt", type=click.Choice(["turtle", "trig", "ntriples", "nquads", "rdfxml", "jsonld"]),
              default=None, help="RDF syntax (default: from the file suffix).")
@click.pass_context
def import_rdf_command(ctx: click.Context, file: Path, graph: str | None, fmt: str | None) -> None:
    """Add the triples of an RDF FILE to the store (- reads standard input, with --format).

    The file is parsed completely first: a syntax error (reported with its
    line and column) leaves the store unchanged. TriG and N-Quads keep their
    graphs unless --graph is given.
    """
    from kg.importrdf import check_graph_iri, import_quads, parse_rdf, rdf_format
    from kg.loaders import read_bytes

    target = check_graph_iri(graph) if graph is not None else None
    if str(file) == "-":
        if fmt is None:
            raise click.UsageError("give --format to read RDF from standard input")
        name, data = "standard input", sys.stdin.buffer.read()
    else:
        name, data = str(file), read_bytes(file)
    quads = parse_rdf(data, name, rdf_format(file, fmt))  # all of it, before taking the store
    if not quads:
        raise click.ClickException(f"{name}: holds no triples")
    with open_store(store_location(ctx), write=True) as store:
        count = import_quads(store, quads, target)
    click.echo(f"{count} triple{'' if count == 1 else 's'} imported from {name}", err=True)
