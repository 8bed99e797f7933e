"""``kg import sipri FILE`` and ``kg corroborate``: SIPRI's database next to the news."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click

from kg.cli import cli
from kg.cli.core import store_location
from kg.results import FORMATS, write_table
from kg.store import open_store


@cli.group("import")
def import_() -> None:
    """Import reference databases into the store (one named graph per release)."""


@import_.command("sipri")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True))
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.pass_context
def import_sipri_command(ctx: click.Context, file: Path, quiet: bool) -> None:
    """Import a SIPRI Arms Transfers Database export (trade register or by-delivery CSV); - reads stdin.

    Each deal becomes an akg:ArmsDeal in the release's named graph, replacing an
    earlier import of the same release. Rows that cannot be mapped are listed
    by line number. Rows that repeat an earlier row verbatim are named in the
    report and kept as deals of their own (SIPRI lists some identical records).
    """
    import tempfile

    from kg.sipri import import_sipri

    if str(file) == "-":  # standard input: spooled to a file, as the reader needs one
        with tempfile.TemporaryDirectory(prefix="kg-sipri-") as folder:
            spooled = Path(folder) / "stdin.csv"
            with spooled.open("wb") as out:
                shutil.copyfileobj(sys.stdin.buffer, out)
            ctx.invoke(import_sipri_command, file=spooled, quiet=quiet)
        return
    if not file.exists():
        raise click.ClickException(f"{file}: no such file; give the path of a SIPRI CSV export")
    show = not quiet and sys.stderr.isatty()

    def progress(rows: int) -> None:
        if show:
            click.echo(f"\rreading SIPRI rows: {rows:,}", err=True, nl=False)

    with open_store(store_location(ctx), write=True) as store:
        if show:
            click.echo("reading SIPRI rows...", err=True, nl=False)
        report = import_sipri(store, file, on_progress=progress)
        if show:
            click.echo("\r" + " " * 40 + "\r", err=True, nl=False)
    for warning in report.warnings:
        click.echo(f"Warning: {warning}", err=True)
    if not quiet:
        click.echo(report.summary(), err=True)
        for line, problem in report.skipped[:5]:
            click.echo(f"  line {line}: {problem}", err=True)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--dry-run", is_flag=True, help="Report matches without writing akg:corroboratedBy links.")
@click.pass_context
def corroborate(ctx: click.Context, fmt: str, dry_run: bool) -> None:
    """Link article deals to SIPRI records (akg:corroboratedBy); show the nearest record of the others.

    A match has the same supplier, recipient and weapon, and the article's year
    (if any) lies between SIPRI's order year and its last delivery year. An
    article that names only a kind of weapon ("frigate") is matched on SIPRI's
    weapon description, else its category: a weaker link
    (akg:possiblyCorroboratedBy), said so in the sipri column.
    """
    from kg.corroborate import corroborate as run
    from kg.corroborate import results_table

    with open_store(store_location(ctx), write=not dry_run) as store:
        report = run(store, write=not dry_run)
    write_table(results_table(report), fmt, sys.stdout)
    click.echo(report.summary(), err=True)
