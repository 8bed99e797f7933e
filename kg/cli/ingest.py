"""``kg ingest``: articles into the store."""

from __future__ import annotations

import sys

import click

from kg.cli import cli
from kg.cli.core import store_location
from kg.store import open_store
from kg.store.locking import StoreBusy


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH|GLOB...")
@click.option("--lang", type=click.Choice(["fr", "en"]), help="Language of the articles (default: detected).")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Extract in N worker processes (local pool, or the workers of a Dask LocalCluster).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where extraction runs: local: this machine's processes; dask: a Dask cluster "
                   "(or a LocalCluster). This process stores.")
@click.option("--scheduler", metavar="tcp://HOST:PORT", default=None,
              help="The Dask scheduler to use (--engine dask); without it a LocalCluster of --jobs workers.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors (no progress bar, no summary).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None, metavar="N",
              help="Refuse text and HTML files larger than N bytes (default $KG_MAX_BYTES, else 20 MB).")
@click.option("--wait", type=click.FloatRange(min=0), default=0.0, metavar="SECONDS",
              help="If another process is writing the store, wait up to SECONDS for it instead of failing.")
@click.option("--force", is_flag=True, help="Extract again even the articles whose text has not changed.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], lang: str | None, jobs: int, engine: str,
           scheduler: str | None, quiet: bool, max_bytes: int | None, wait: float, force: bool) -> None:
    """Extract facts from articles and add them to the store (one graph per article).

    \b
    PATH is a file, a folder (read recursively) or a glob pattern ('news/**/*.txt'):
      *.txt, *.md   one article; it may start with a line `date YYYY-MM-DD`
                    (or `date 17/07/2019`, `date 17 juillet 2019`)
      *.jsonl       one article per line: {"text": ..., "date", "url", "title", "lang", "id"}
      *.jsonl.gz    the same, gzip'd (read streaming)
      *.html        a saved web page (its main text, title and date)
      -             standard input: JSON Lines if it starts with `{`, else one text article (id `stdin`)

    Ingesting an article again replaces its graph; unchanged articles are
    skipped. Bad files and lines are reported, skipped and counted; the exit
    status is 1 if there was any. An impossible date is a warning: the
    article is stored without it.

    Extraction runs as kg extract's does (--jobs, --engine, --scheduler); this
    process applies the review decisions and writes each article as its
    extraction comes back.
    """
    from kg.engines import EngineError
    from kg.ingest import WriteFailed, ingest_paths
    from kg.loaders import expand_all_inputs
    from kg.loaders import max_bytes as size_limit

    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    limit = size_limit(max_bytes)
    articles, errors = _stdin_articles(limit) if "-" in paths else ([], [])
    paths = tuple(p for p in paths if p != "-")
    try:
        store = open_store(store_location(ctx), write=True, wait=wait)
    except StoreBusy as e:
        hint = "" if wait else " (or add --wait SECONDS to queue behind it)"
        raise click.ClickException(f"{e}{hint}") from None
    files = expand_all_inputs(paths)
    show_bar = not quiet and sys.stderr.isatty() and len(files) > 1
    for message in errors:
        click.echo(f"Error: {message}", err=True)
    new = "\n" if show_bar else ""
    options = dict(lang=lang, jobs=jobs, engine=engine, scheduler=scheduler, max_bytes=limit, force=force,
                   articles=articles,
                   on_error=lambda message: click.echo(f"{new}Error: {message}", err=True),
                   on_warning=lambda message: click.echo(f"{new}Warning: {message}", err=True))
    try:
        with store:
            if show_bar:
                with click.progressbar(length=len(files), label="Ingesting", file=sys.stderr,
                                       show_pos=True) as bar:
                    report = ingest_paths(store, paths, on_file=lambda _path: bar.update(1), **options)
            else:
                report = ingest_paths(store, paths, **options)
    except WriteFailed as e:
        click.echo(f"{new}Error: {e}", err=True)
        for line in e.details():
            click.echo(f"  {line}", err=True)
        click.echo("Free some space (or fix the store's folder) and run the same command again: "
                   "the articles stored are kept, and are skipped as unchanged.", err=True)
        sys.exit(1)
    except EngineError as e:
        raise click.ClickException(str(e)) from None
    report.errors[:0] = errors  # standard input's own problems count as the batch's
    if not quiet:
        click.echo(report.summary(), err=True)
    if report.errors:
        sys.exit(1)


def _stdin_articles(limit: int):
    """The articles on standard input: JSON Lines if the text starts with ``{``, else one text article."""
    from kg.loaders import LoadError, LoadWarning, decode, iter_jsonl_text, text_article

    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        return [], [f"standard input: over the size limit of {limit:,} bytes; raise it with --max-bytes N"]
    articles, errors = [], []
    try:
        text = decode(data, "standard input", lambda m: click.echo(f"Warning: {m}", err=True))
        items = iter_jsonl_text(text, "stdin") if text.lstrip().startswith("{") else [text_article(text, "stdin")]
        for item in items:
            if isinstance(item, LoadError):
                errors.append(str(item))
            elif isinstance(item, LoadWarning):
                click.echo(f"Warning: {item}", err=True)
            else:
                articles.append(item)
    except LoadError as e:
        errors.append(str(e))
    return articles, errors
