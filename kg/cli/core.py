"""Core commands: export, stats, validate, eval, explain, demo."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from kg.cli import cli
from kg.store import open_store


def store_location(ctx: click.Context) -> str:
    return ctx.obj["store"]


def view_options(f):
    """``--min-confidence`` and ``--raw``: which view of the graph a read command sees (:func:`kg.curation.view`)."""
    f = click.option("--raw", is_flag=True,
                     help="What the extractor said: no review decisions applied.")(f)
    return click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=None, metavar="P",
                        help="Leave out facts whose confidence is below P (0 to 1); facts without one, "
                             "and facts an analyst accepted or corrected, stay.")(f)


@contextmanager
def open_view(ctx: click.Context, raw: bool = False, min_confidence: float | None = None) -> Iterator:
    """The store opened for reading, seen as the review decisions and a confidence threshold ask."""
    from kg.curation import view

    with open_store(store_location(ctx)) as store:
        yield view(store, raw=raw, min_confidence=min_confidence)


@cli.command()
@click.option("--format", "fmt", default=None, metavar="FORMAT",
              help="turtle (default), trig, nquads, ntriples, jsonld, rdfxml, graphml, gexf.")
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None,
              help="Output file (default exports/graph.<ext>); - for stdout.")
@view_options
@click.pass_context
def export(ctx, fmt: str | None, output: Path | None, min_confidence: float | None, raw: bool) -> None:
    """Write the graph for other tools (Protégé, GraphDB, Jena, Gephi)."""
    from kg.export import DEFAULT_EXPORT, RDF_FORMATS, format_for_path, normalise_format
    from kg.export import export as do_export

    try:
        fmt = normalise_format(fmt) if fmt else (format_for_path(output) if output and str(output) != "-" else "turtle")
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--format") from None
    with open_view(ctx, raw, min_confidence) as store:
        if output is not None and str(output) == "-":
            if fmt not in RDF_FORMATS:
                raise click.UsageError(f"{fmt} cannot be written to stdout; give --output FILE")
            store.export(sys.stdout.buffer, fmt)
            return
        if output is None:
            suffix = RDF_FORMATS[fmt][2] if fmt in RDF_FORMATS else f".{fmt}"
            output = DEFAULT_EXPORT.with_suffix(suffix)
        path = do_export(store, output, fmt)
    click.echo(f"wrote {path} ({fmt}, {path.stat().st_size:,} bytes)", err=True)


def _json_format(f):
    """``--format text|json``, with ``--json`` kept as an alias of ``--format json``."""
    f = click.option("--json", "as_json", is_flag=True, help="Same as --format json.")(f)
    return click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
                        help="Plain text, or one JSON object.")(f)


@cli.command()
@_json_format
@click.pass_context
def stats(ctx, fmt: str, as_json: bool) -> None:
    """Counts per class and per named graph."""
    from kg.stats import format_stats
    from kg.stats import stats as compute

    as_json = as_json or fmt == "json"
    with open_store(store_location(ctx)) as store:
        data = compute(store)
    click.echo(json.dumps(data, indent=2) if as_json else format_stats(data), nl=as_json)


@cli.command()
@click.option("--quiet", "-q", is_flag=True, help="Print only the verdict.")
@click.pass_context
def validate(ctx, quiet: bool) -> None:
    """Check the store against the SHACL shapes; exit 1 on violations."""
    from kg.validate import validate as run

    with open_store(store_location(ctx)) as store:
        report = run(store)
    if report.conforms:
        click.echo("valid: the graph conforms to ontology/shapes.ttl")
        return
    if not quiet:
        click.echo(report.text)
    click.echo(f"invalid: {report.violations} violation(s)", err=True)
    sys.exit(1)


@cli.command("eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(path_type=Path))
@_json_format
@click.option("--lang", type=click.Choice(["fr", "en"]), help="Score only the articles in this language.")
@click.option("--show-errors", is_flag=True, help="List missed and spurious facts per article.")
def eval_(gold: tuple[Path, ...], fmt: str, as_json: bool, lang: str | None, show_errors: bool) -> None:
    """Score extraction against gold files or folders (fact-model.md section 4)."""
    from kg.evaluate import error_classes, evaluate, format_report

    as_json = as_json or fmt == "json"
    report = evaluate(gold, only_lang=lang)
    if not report.articles:
        raise click.ClickException("no gold files found (each NAME.json needs its NAME.txt beside it)")
    if as_json:
        data = report.as_dict()
        if show_errors:
            data["errors"] = {a.id: {"missed": a.missed, "spurious": a.spurious} for a in report.articles}
            data["error_classes"] = dict(error_classes(report).most_common())
        click.echo(json.dumps(data))
    else:
        click.echo(format_report(report, show_errors), nl=False)


@cli.command()
@click.argument("what")
@click.pass_context
def explain(ctx, what: str) -> None:
    """Print the evidence sentences and articles behind an entity's facts (or one fact IRI)."""
    from kg.explain import explain as run
    from kg.explain import format_explanation

    with open_store(store_location(ctx)) as store:
        rows = run(store, what)
    click.echo(format_explanation(rows), nl=False)


@cli.command()
@click.option("--output-dir", type=click.Path(path_type=Path), default=Path("exports"), show_default=True)
def demo(output_dir: Path) -> None:
    """Ingest the bundled sample into a fresh store and show what the graph holds."""
    from kg.demo import run_demo

    run_demo(output_dir, echo=click.echo)
