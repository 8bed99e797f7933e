"""``kg graph ...`` (questions about the network, via networkx) and ``kg show`` (the HTML page)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import click

from kg.cli import cli
from kg.cli.core import open_view, view_options
from kg.facts import STATUSES
from kg.resolve import AmbiguousName, UnknownName, resolve_entity
from kg.results import FORMATS, Results, write_table
from kg.store import Store

ENTITY_TYPES = ("Country", "Alliance", "Person", "WeaponSystem")


def _format_option(f):
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                        help="Output format.")(f)


def _type_option(f):
    return click.option("--type", "types", multiple=True, type=click.Choice(ENTITY_TYPES, case_sensitive=False),
                        help="Keep only entities of this class (repeatable).")(f)


def _types(types: tuple[str, ...]) -> list[str] | None:
    canonical = {t.lower(): t for t in ENTITY_TYPES}
    return [canonical[t.lower()] for t in types] or None


def _resolve(store: Store, name: str, G=None) -> str:
    """The IRI of the entity called ``name``; a one-line error when unknown, ambiguous or not drawn."""
    try:
        iri = resolve_entity(store, name).iri
    except (UnknownName, AmbiguousName) as e:
        raise click.ClickException(str(e)) from None
    if G is not None and iri not in G:
        raise click.ClickException(f"{name!r} has no place in this graph (check --type)")
    return iri


def _print(rows: Results, fmt: str) -> None:
    write_table(rows, fmt, sys.stdout)


def _name(G, node) -> str:
    return str(G.nodes[node].get("label", node))


@cli.group()
def graph() -> None:
    """Questions about the network: neighbours, paths, centrality, suppliers, communities.

    Entities are named by key (TUR), label (Turquie) or alias (Erdogan), ignoring case and accents.
    """


@graph.command()
@click.argument("entity")
@click.option("--depth", type=click.IntRange(min=1), default=1, show_default=True, help="How many steps away.")
@_type_option
@_format_option
@view_options
@click.pass_context
def neighbors(ctx, entity: str, depth: int, types, fmt: str, min_confidence, raw) -> None:
    """The entities within --depth steps of ENTITY, in either direction."""
    from kg.analysis import edge_label, project
    from kg.analysis import neighbors as find

    with open_view(ctx, raw, min_confidence) as store:
        G = project(store, _types(types))
        node = _resolve(store, entity, G)
    rows = []
    for other, distance in find(G, node, depth).items():
        pairs = ((node, other), (other, node))
        links = [edge_label(a) for u, v in pairs for a in (G.get_edge_data(u, v) or {}).values()]
        attrs = G.nodes[other]
        rows.append((distance, attrs.get("label"), attrs.get("type"), attrs.get("key"), "; ".join(sorted(links)),
                     attrs.get("iri", other)))
    _print(Results.from_table(["distance", "entity", "type", "key", "relations", "iri"], rows), fmt)


@graph.command()
@click.argument("source")
@click.argument("target")
@_type_option
@_format_option
@view_options
@click.pass_context
def path(ctx, source: str, target: str, types, fmt: str, min_confidence, raw) -> None:
    """A shortest chain of relations between SOURCE and TARGET (edge direction ignored)."""
    from kg.analysis import edge_label, path_edges, project, shortest_path

    with open_view(ctx, raw, min_confidence) as store:
        G = project(store, _types(types))
        a, b = _resolve(store, source, G), _resolve(store, target, G)
    try:
        nodes = shortest_path(G, a, b)
    except ValueError:
        raise click.ClickException(f"{source!r} and {target!r} are not connected in the graph") from None
    rows = [(i + 1, _name(G, u), edge_label(attrs), _name(G, v), attrs.get("evidence"))
            for i, (u, v, attrs) in enumerate(path_edges(G, nodes))]
    _print(Results.from_table(["step", "from", "relation", "to", "evidence"], rows), fmt)


@graph.command()
@click.option("--by", type=click.Choice(["degree", "pagerank", "betweenness"]), default="degree", show_default=True)
@click.option("--type", "etype", type=click.Choice(ENTITY_TYPES, case_sensitive=False),
              help="Rank only entities of this class (centrality is computed on the whole graph).")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@_format_option
@view_options
@click.pass_context
def rank(ctx, by: str, etype: str | None, limit: int, fmt: str, min_confidence, raw) -> None:
    """The most central entities."""
    from kg.analysis import project
    from kg.analysis import rank as compute

    with open_view(ctx, raw, min_confidence) as store:
        G = project(store)
    etype = _types((etype,))[0] if etype else None
    rows = []
    for i, (node, score) in enumerate(compute(G, by, type=etype, limit=limit)):
        attrs = G.nodes[node]
        value = int(score) if by == "degree" else round(float(score), 6)
        rows.append((i + 1, attrs.get("label"), attrs.get("type"), attrs.get("key"), value))
    _print(Results.from_table(["rank", "entity", "type", "key", by], rows), fmt)


@graph.command()
@click.option("--of", "of", metavar="ENTITY", help="Only the suppliers of this recipient.")
@click.option("--since", type=int, metavar="YEAR", help="Only deals of this year or later.")
@click.option("--status", "statuses", multiple=True, type=click.Choice(STATUSES),
              help="Only deals with this status (repeatable).")
@_format_option
@view_options
@click.pass_context
def suppliers(ctx, of: str | None, since: int | None, statuses, fmt: str, min_confidence, raw) -> None:
    """Who arms whom: the supplier -> recipient network, weighted by the number of deals."""
    from kg.analysis import project
    from kg.analysis import suppliers as network

    with open_view(ctx, raw, min_confidence) as store:
        G = project(store)
        node = _resolve(store, of, G) if of else None
    S = network(G, of=node, since=since, status=statuses or None)
    edges = sorted(S.edges(data=True), key=lambda e: (-e[2]["weight"], _name(S, e[0]), _name(S, e[1])))
    rows = [(_name(S, u), _name(S, v), a["weight"], "; ".join(a["weapons"]), "; ".join(map(str, a["years"])),
             a["reports"]) for u, v, a in edges]
    _print(Results.from_table(["supplier", "recipient", "deals", "weapons", "years", "reports"], rows), fmt)


@graph.command()
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the Louvain method.")
@_type_option
@_format_option
@view_options
@click.pass_context
def communities(ctx, seed: int, types, fmt: str, min_confidence, raw) -> None:
    """Groups of entities more linked to each other than to the rest (Louvain, seeded)."""
    from kg.analysis import communities as find
    from kg.analysis import project

    with open_view(ctx, raw, min_confidence) as store:
        G = project(store, _types(types))
    rows = [(i + 1, len(members), "; ".join(_name(G, n) for n in members))
            for i, members in enumerate(find(G, seed=seed))]
    _print(Results.from_table(["community", "size", "members"], rows), fmt)


@cli.command()
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("exports") / "graph.html", show_default=True, help="The HTML file to write (- for stdout).")
@click.option("--open", "open_", is_flag=True, help="Open the page in a browser.")
@click.option("--focus", metavar="ENTITY", help="Draw only what lies around this entity.")
@click.option("--depth", type=click.IntRange(min=1), default=1, show_default=True, help="Steps around --focus.")
@_type_option
@click.option("--query", metavar="NAME|FILE", help="Draw the entities and facts in a query's result.")
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter of the ready-made --query (repeatable).")
@click.option("--physics/--no-physics", default=None,
              help="Let nodes settle with physics (default: only up to 300 nodes).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the layout.")
@click.option("--title", default="armskg: arms deals between states", show_default=True)
@click.option("--since", type=int, metavar="YEAR",
              help="Open on the deals, agreements and sanctions of this year and later (the page's year control).")
@click.option("--until", type=int, metavar="YEAR", help="... and of this year and earlier.")
@view_options
@click.pass_context
def show(ctx, output: Path, open_: bool, focus, depth: int, types, query, params, physics, seed: int,
         title: str, since: int | None, until: int | None, min_confidence, raw) -> None:
    """Draw the graph as one interactive HTML page that works offline.

    A year control shows the deals, agreements and sanctions of the chosen years (the deal's year, else
    the article's date); selecting an entity opens a timeline of its events under the graph.
    """
    from kg.render import render_html

    if params and not query:
        raise click.UsageError("--param goes with --query NAME")
    if since is not None and until is not None and since > until:
        raise click.UsageError(f"--since {since} is after --until {until}")
    values = dict(item.partition("=")[::2] for item in params)
    to_stdout = str(output) == "-"
    if to_stdout and open_:
        raise click.UsageError("--open needs a file: give --output FILE instead of -")
    with open_view(ctx, raw, min_confidence) as store, tempfile.TemporaryDirectory(prefix="kg-show-") as folder:
        target = Path(folder) / "graph.html" if to_stdout else output
        try:
            path = render_html(store, target, focus=focus, depth=depth, types=_types(types), query=query,
                               params=values, seed=seed, physics=physics, title=title, since=since, until=until)
        except (UnknownName, AmbiguousName) as e:
            raise click.ClickException(str(e)) from None
        if to_stdout:
            sys.stdout.buffer.write(path.read_bytes())
            sys.stdout.buffer.flush()
            return
    click.echo(f"wrote {path}", err=True)
    if open_:
        click.launch(str(path.resolve()))
