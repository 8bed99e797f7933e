"""``kg chart KIND``: pictures of arms flows (PNG, SVG, offline HTML) and the numbers behind them."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import cli
from kg.cli.core import store_location
from kg.store import open_store

_KINDS = ("exporters", "importers", "suppliers", "clients", "categories", "deals")


@cli.command()
@click.argument("kind", type=click.Choice(_KINDS))
@click.option("--of", "of", metavar="ENTITY",
              help="The recipient (suppliers), the supplier (clients) or the entity (deals) to chart.")
@click.option("--since", type=int, metavar="YEAR", help="First year (deliveries, or the deal's year).")
@click.option("--until", type=int, metavar="YEAR", help="Last year.")
@click.option("--top", type=click.IntRange(min=1), default=8, show_default=True,
              help="How many exporters, importers or partners are named; the rest are summed.")
@click.option("--by", "by", type=click.Choice(["period", "year"]), default="period", show_default=True,
              help="suppliers/clients: bars per period of --period years, or per year.")
@click.option("--period", type=click.IntRange(min=1), default=5, show_default=True,
              help="Length of a period in years (periods start at multiples of it: 2020-2024).")
@click.option("--supplier", metavar="ENTITY", help="categories: only this supplier's deliveries.")
@click.option("--recipient", metavar="ENTITY", help="categories: only this recipient's deliveries.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="The picture to write (default exports/chart-KIND.FORMAT).")
@click.option("--format", "fmt", type=click.Choice(["png", "svg", "html"]),
              help="png, svg or html (default: the --output suffix, else png).")
@click.option("--data", "data_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the numbers behind the chart: FILE.csv or FILE.json (- prints CSV).")
@click.pass_context
def chart(ctx, kind: str, of, since, until, top: int, by: str, period: int, supplier, recipient, output, fmt,
          data_path) -> None:
    """Draw a chart of the store: SIPRI volumes (exporters, importers, suppliers, clients, categories) or
    the deals reported in articles (deals).

    \b
    kg chart exporters --since 2020 --until 2024
    kg chart suppliers --of IND --by period --period 5 --data india.csv
    kg chart deals --of TUR --format html
    """
    from kg import charts

    if data_path is not None and data_path.suffix.lower() not in (".csv", ".json") and str(data_path) != "-":
        raise click.UsageError("--data takes a file ending in .csv or .json (or - for CSV on stdout)")
    if output is not None and fmt is None:
        fmt = output.suffix.lstrip(".").lower() or "png"
        if fmt not in charts.FORMATS:
            raise click.UsageError(f"--output {output}: name a .png, .svg or .html file, or give --format")
    fmt = fmt or "png"
    output = output or Path("exports") / f"chart-{kind}.{fmt}"
    with open_store(store_location(ctx)) as store:
        try:
            data = charts.chart_data(store, kind, of=of, since=since, until=until, top=top,
                                     period=1 if by == "year" else period, supplier=supplier, recipient=recipient)
        except charts.ChartError as e:
            raise click.UsageError(str(e)) from None
    if not data.rows:
        click.echo(f"warning: no data for this chart ({data.title}); "
                   + ("import SIPRI's delivery-year export first" if kind != "deals" else "ingest articles first"),
                   err=True)
    fig = charts.plot(data)
    path = charts.save(fig, output, fmt)
    click.echo(f"wrote {path}", err=True)
    if data_path is not None:
        if str(data_path) == "-":
            click.echo(data.to_csv(), nl=False)
        else:
            click.echo(f"wrote {data.write(data_path)}", err=True)
