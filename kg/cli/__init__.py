"""The ``kg`` command: a thin click layer over the library.

Each command parses its options, calls one library function and prints. The
library raises its own exceptions; :class:`KGGroup` turns them into a one-line
``Error: ...`` on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import os
import sys

import click

from kg.cli.errors import KGGroup
from kg.store import default_store_location


@click.group(cls=KGGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store",
    "store",
    envvar="KG_STORE",
    metavar="PATH|URL",
    help="Store folder, or the URL of a SPARQL 1.1 server. "
    "Default: $KG_STORE, else ~/.local/share/armskg/store.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    envvar="KG_SPARQL_TIMEOUT",
    metavar="SECONDS",
    help="How long to wait for a SPARQL server before giving up. Default: $KG_SPARQL_TIMEOUT, else 30.",
)
@click.version_option(package_name="armskg", prog_name="kg")
@click.pass_context
def cli(ctx: click.Context, store: str | None, timeout: float | None) -> None:
    """armskg: news about arms deals between states, as a knowledge graph.

    \b
    kg ingest article.txt          extract facts and add them to the store
    kg query "SELECT ..."          ask the graph in SPARQL
    kg show --output graph.html    draw it as an interactive page
    kg export --format turtle      hand it to other RDF tools
    """
    ctx.ensure_object(dict)
    ctx.obj["store"] = store or default_store_location()
    if timeout is not None:  # the stores this command opens wait this long; restored when it ends
        from kg.store import remote

        previous, remote.timeout_override = remote.timeout_override, timeout
        ctx.call_on_close(lambda: setattr(remote, "timeout_override", previous))


def _register() -> None:
    from kg.cli import core  # noqa: F401  (commands register themselves on import)

    for module in ("ingest", "query", "graph", "sipri", "serve", "import_rdf", "review", "chart", "shards"):
        try:
            __import__(f"kg.cli.{module}")
        except ModuleNotFoundError as e:
            if e.name != f"kg.cli.{module}":
                raise


_register()


def main() -> None:
    """Console entry point."""
    if os.environ.get("KG_DEBUG"):
        os.environ["KG_DEBUG"] = "1"
    sys.exit(cli.main(prog_name="kg"))
