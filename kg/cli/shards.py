"""``kg extract`` (articles into N-Quads or TriG shards, locally or on Dask) and ``kg load`` (shards into a store)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli import cli
from kg.cli.core import store_location
from kg.store import open_store


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH|GLOB...")
@click.option("--out", "out", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="Folder for the shards (shard-NNNNNN.nq or .trig, and its manifest shard-NNNNNN.json).")
@click.option("--format", "syntax", type=click.Choice(["nquads", "trig"]), default="nquads", show_default=True,
              help="The shards' RDF syntax (TriG: with prefixes, smaller; kg load reads both).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: this machine's processes; dask: a Dask cluster (or a LocalCluster).")
@click.option("--scheduler", metavar="tcp://HOST:PORT", default=None,
              help="The Dask scheduler to use (--engine dask); without it a LocalCluster of --jobs workers.")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Worker processes (local pool, or the workers of a Dask LocalCluster).")
@click.option("--batch-size", type=click.IntRange(1, 1_000_000), default=500, show_default=True, metavar="N",
              help="Articles per shard.")
@click.option("--lang", type=click.Choice(["fr", "en"]), help="Language of the articles (default: detected).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None, metavar="N",
              help="Refuse articles larger than N bytes (default $KG_MAX_BYTES, else 20 MB).")
@click.option("--force", is_flag=True, help="Extract again even the shards that are complete.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def extract(inputs: tuple[str, ...], out: Path, syntax: str, engine: str, scheduler: str | None, jobs: int,
            batch_size: int, lang: str | None, max_bytes: int | None, force: bool, quiet: bool) -> None:
    """Extract facts from articles into N-Quads (or TriG) shards in --out; no store is opened.

    \b
    PATH is a file, a folder (read recursively) or a glob pattern:
      *.txt, *.md, *.html         one article each
      *.jsonl, *.jsonl.gz         one article per line, read streaming
    Each batch of --batch-size articles gives one shard: each article its own
    named graph, and a manifest (article ids, content hashes, facts, errors).
    A bad article is recorded in its shard's manifest, the others are written.
    Running again skips the shards that are complete (in the same --format).
    Load them with kg load.

    \b
    kg extract news/ --out shards/ --jobs 2
    kg extract 'dumps/*.jsonl.gz' --out shards/ --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from kg.engines import EngineError
    from kg.shards import extract_to_shards

    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")

    def progress(summary: dict) -> None:
        for message in summary["errors"]:
            click.echo(f"Error: {message}", err=True)
        if not quiet:
            state = "complete already" if summary["skipped"] else (
                f"{summary['articles']} articles, {summary['triples']:,} triples, {summary['seconds']:.1f} s")
            click.echo(f"{summary['shard']}: {state}", err=True)

    try:
        report = extract_to_shards(inputs, out, engine=engine, jobs=jobs, scheduler=scheduler,
                                   batch_size=batch_size, lang=lang, limit=max_bytes, force=force, syntax=syntax,
                                   on_shard=progress)
    except EngineError as e:
        raise click.ClickException(str(e)) from None
    if not quiet:
        click.echo(report.summary(), err=True)
    if report.errors:
        sys.exit(1)


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Load even the articles whose content hash the store has.")
@click.option("--wait", type=click.FloatRange(min=0), default=0.0, metavar="SECONDS",
              help="If another process is writing the store, wait up to SECONDS for it instead of failing.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.pass_context
def load(ctx: click.Context, folder: Path, force: bool, wait: float, quiet: bool) -> None:
    """Load the shards of FOLDER (written by kg extract, N-Quads or TriG) into the store.

    The embedded store takes them through pyoxigraph's bulk loader, a SPARQL
    server through the Graph Store protocol, one graph per request. Articles
    whose content hash the store already has are skipped, so loading again
    is cheap; an article counts as loaded only once its whole graph is in.
    """
    from kg.shards import load_shards, shard_manifests

    if not folder.is_dir():
        raise click.ClickException(f"{folder}: no such folder of shards (write one with kg extract --out {folder})")
    total = len(shard_manifests(folder))
    with open_store(store_location(ctx), write=True, wait=wait) as store:
        done = [0]

        def progress(name: str, articles: int, triples: int, seconds: float) -> None:
            done[0] += 1
            if not quiet:
                rate = triples / seconds if seconds else 0.0
                click.echo(f"{name} ({done[0]}/{total}): {articles} articles, {triples:,} triples, "
                           f"{rate:,.0f} triples/s", err=True)

        report = load_shards(store, folder, force=force, on_shard=progress)
    for message in report.errors:
        click.echo(f"Error: {message}", err=True)
    if not quiet:
        click.echo(report.summary(), err=True)
    if report.errors:
        sys.exit(1)
