"""``kg ingest``: articles into the store."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli import cli
from kg.cli.core import store_location
from kg.store import open_store


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--lang", type=click.Choice(["fr", "en"]), help="Language of the articles (default: detected).")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[Path, ...], lang: str | None, quiet: bool) -> None:
    """Extract facts from articles and add them to the store (one graph per article).

    PATHS are text files (optionally starting with a line `date YYYY-MM-DD`).
    Ingesting an article again replaces its graph.
    """
    from kg.ingest import ingest_paths

    with open_store(store_location(ctx), write=True) as store:
        report = ingest_paths(
            store,
            paths,
            lang=lang,
            on_error=lambda message: click.echo(f"Error: {message}", err=True),
        )
    if not quiet:
        click.echo(report.summary(), err=True)
    if report.errors:
        sys.exit(1)
