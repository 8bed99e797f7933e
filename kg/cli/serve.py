"""``kg serve``: the store as a read-only SPARQL endpoint (Oxigraph server)."""

from __future__ import annotations

import click

from kg.cli import cli
from kg.cli.core import store_location


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but 127.0.0.1/localhost opens the endpoint to the network.")
@click.option("--port", default=7878, show_default=True, type=int)
@click.option("--timeout", default=30.0, show_default=True, type=float,
              help="Seconds a query may run before it is stopped (the guard against runaway queries).")
@click.option("--limit", default=10_000, show_default=True, type=click.IntRange(min=0),
              help="At most this many results per query (0: no cap).")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, timeout: float, limit: int) -> None:
    """Serve the store read-only over SPARQL 1.1 (query at /query; Ctrl-C stops).

    Writers (kg ingest, kg import) wait for the server to stop. --timeout stops
    long queries, --limit cuts long answers (header X-Results-Truncated: true).
    """
    from kg.serve import is_loopback
    from kg.serve import serve as run

    if not is_loopback(host):
        click.echo(f"warning: listening on {host}: anyone who can reach this machine can query the store",
                   err=True)

    def ready(server) -> None:
        click.echo(f"SPARQL endpoint (read-only): {server.query_url}  (Ctrl-C to stop)", err=True)

    status = run(store_location(ctx), host, port, timeout, on_ready=ready, limit=limit or None)
    if status not in (0, -2, -15, 130):
        raise click.ClickException(f"the SPARQL server stopped with exit status {status}")
