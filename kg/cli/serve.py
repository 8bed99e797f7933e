"""``kg serve``: the store as a read-only SPARQL endpoint."""

from __future__ import annotations

import click

from kg.cli import cli
from kg.cli.core import store_location


def _endpoints(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    for value in values:
        if not value.startswith(("http://", "https://")) or " " in value:
            raise click.BadParameter(f"{value!r} is not an http(s) URL; give the endpoint as SERVICE names it")
    return values


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but 127.0.0.1/localhost opens the endpoint to the network.")
@click.option("--port", default=7878, show_default=True, type=int)
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds the whole answer may take; a query still running then is stopped.")
@click.option("--limit", default=10_000, show_default=True, type=click.IntRange(min=0),
              help="At most this many results per query (0: no cap).")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(min=1),
              help="Queries run at once, each in its own process.")
@click.option("--queue", "queue_size", default=128, show_default=True, type=click.IntRange(min=0),
              help="Queries that may wait for a worker; beyond, 503 with Retry-After.")
@click.option("--max-query-bytes", default=2**20, show_default=True, type=click.IntRange(min=1),
              help="Larger request bodies are refused (413) before they are read.")
@click.option("--max-memory", default=512, show_default=True, type=click.IntRange(min=0),
              help="MB a query's worker may use before the query is stopped (0: no limit).")
@click.option("--allow-service", multiple=True, metavar="URL", callback=_endpoints,
              help="A SPARQL endpoint that queries may call with SERVICE (repeatable; none by default).")
@click.option("--cors", metavar="ORIGIN", default=None,
              help="Let web pages from ORIGIN (or * for any) query the endpoint; off by default.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, timeout: float, limit: int, workers: int, queue_size: int,
          max_query_bytes: int, max_memory: int, allow_service: tuple[str, ...], cors: str | None) -> None:
    """Serve the store read-only over SPARQL 1.1 (query at /query; Ctrl-C stops).

    Writers (kg ingest, kg import) wait for the server to stop. Answers stream
    as they are produced; --limit cuts them (header X-Results-Truncated: true)
    and --timeout bounds them. SERVICE calls are refused unless allowed.
    """
    from kg.store.serve import ServeOptions, is_loopback
    from kg.store.serve import serve as run

    if not is_loopback(host):
        click.echo(f"warning: listening on {host}: anyone who can reach this machine can query the store",
                   err=True)
    options = ServeOptions(timeout=timeout, limit=limit or None, workers=workers, queue=queue_size,
                           max_query_bytes=max_query_bytes, max_memory=max_memory * 2**20 or None,
                           allow_service=allow_service, cors=cors)

    def ready(server) -> None:
        click.echo(f"SPARQL endpoint (read-only): {server.query_url}  (Ctrl-C to stop)", err=True)

    run(store_location(ctx), host, port, options, on_ready=ready)
