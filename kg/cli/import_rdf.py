"""``kg import rdf``: add an RDF file to the store (joins the ``kg import`` group if it exists)."""

from __future__ import annotations

import shutil
import sys
import tempfile
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

    The file is read twice, streaming, in bounded memory whatever its size: a
    syntax pass first (an error, reported with its line and column, leaves
    the store unchanged), then the bulk loader. TriG and N-Quads keep their
    graphs unless --graph is given. No size limit applies (an export of any
    store imports back).
    """
    from kg.importrdf import check_graph_iri, rdf_format, readable_file

    target = check_graph_iri(graph) if graph is not None else None
    if str(file) == "-":  # standard input: spooled to a temporary file, then read twice like any file
        if fmt is None:
            raise click.UsageError("give --format to read RDF from standard input")
        with tempfile.TemporaryDirectory(prefix="kg-import-") as folder:
            spooled = Path(folder) / "stdin"
            with spooled.open("wb") as out:
                shutil.copyfileobj(sys.stdin.buffer, out)
            count = _import(ctx, spooled, fmt, target, "standard input")
    else:
        rdf_format(readable_file(file), fmt)  # bad names and suffixes fail before the store is taken
        count = _import(ctx, file, fmt, target, str(file))
    name = "standard input" if str(file) == "-" else str(file)
    click.echo(f"{count} triple{'' if count == 1 else 's'} imported from {name}", err=True)


def _import(ctx: click.Context, path: Path, fmt: str | None, target: str | None, name: str) -> int:
    from kg.importrdf import import_rdf
    from kg.loaders import LoadError

    with open_store(store_location(ctx), write=True) as store:
        try:
            return import_rdf(store, path, fmt, target)
        except LoadError as e:
            raise LoadError(str(e).replace(str(path), name)) from None
