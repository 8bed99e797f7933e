"""Charts of arms flows the way analysts read them: shares of SIPRI volumes, periods, timelines.

Each chart is two steps, so that a picture can always be checked against its numbers:

1. :func:`chart_data` asks the store (through the ready-made ``tiv-*`` queries, or the
   article-extracted deals and sanctions for ``deals``) and returns a :class:`ChartData`:
   a title, a unit, a sources line, columns and rows. ``ChartData.write`` saves it as CSV or JSON.
2. :func:`plot` draws it with matplotlib (Agg backend, no display needed) and returns the
   :class:`matplotlib.figure.Figure`; :func:`save` writes PNG, SVG, or an HTML page that holds the
   SVG and the table of numbers and opens offline.

Kinds (:data:`KINDS`):

- ``exporters`` / ``importers``: the top N suppliers / recipients of a period and the rest, as shares of
  the SIPRI trend-indicator value (TIV) delivered in it;
- ``suppliers`` (``of`` a recipient) / ``clients`` (``of`` a supplier): each partner's share per period
  (stacked bars), partners beyond the top N summed as "others";
- ``categories``: TIV delivered by SIPRI armament category;
- ``deals``: the deals, agreements and sanctions extracted from articles (SIPRI records left out) on a
  timeline, coloured by status, the evidence sentence as the SVG tooltip.

SIPRI volumes come from the yearly deliveries of SIPRI's delivery-year export (``akg:delivery``,
``akg:tiv``); a trade-register import has no yearly figures and gives empty volume charts.

>>> data = ChartData("exporters", "Exporters", "share of SIPRI TIV", "Source: SIPRI Arms Transfers Database",
...                  ["exporter", "key", "tiv", "share"], [("Russia", "RUS", 510.0, 0.6), ("Rest", "", 340.0, 0.4)])
>>> print(data.to_csv().splitlines()[1])
Russia,RUS,510.0,0.6
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.results import Results

__all__ = ["FORMATS", "KINDS", "ChartData", "ChartError", "chart", "chart_data", "html_page", "plot", "save"]

KINDS: tuple[str, ...] = ("exporters", "importers", "suppliers", "clients", "categories", "deals")
FORMATS: tuple[str, ...] = ("png", "svg", "html")
SIPRI_SOURCE = "Source: SIPRI Arms Transfers Database"
TIV_NOTE = "TIV: SIPRI trend-indicator value, a measure of the volume of transfers, not their price"
TIV_UNIT = "share of the volume delivered, % of SIPRI TIV"
STATUS_COLORS = {"proposed": "#9e9e9e", "agreed": "#1f77b4", "delivered": "#2ca02c", "refused": "#ff7f0e",
                 "cancelled": "#d62728", "sanction": "#8e24aa", None: "#616161"}
_PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22"]
_OTHERS_COLOR = "#c7c7c7"


class ChartError(ValueError):
    """A chart cannot be drawn from these arguments (unknown kind, missing ``of``...)."""


@dataclass
class ChartData:
    """The numbers behind a chart: what it shows, in which unit, from which sources, and its rows."""

    kind: str
    title: str
    unit: str
    source: str
    columns: list[str]
    rows: list[tuple] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    def records(self) -> list[dict[str, Any]]:
        """The rows as dicts, column -> value."""
        return [dict(zip(self.columns, row)) for row in self.rows]

    def to_csv(self) -> str:
        """The rows as CSV text with a header line."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.columns)
        writer.writerows(self.rows)
        return out.getvalue()

    def to_json(self) -> str:
        """A JSON document: kind, title, unit, source, the query parameters and the rows as objects."""
        doc = {"kind": self.kind, "title": self.title, "unit": self.unit, "source": self.source,
               "parameters": self.meta, "columns": self.columns, "rows": self.records()}
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"

    def write(self, path: Path | str) -> Path:
        """Write CSV (``.csv``) or JSON (``.json``), by the file's suffix."""
        target = Path(path)
        suffix = target.suffix.lower()
        if suffix not in (".csv", ".json"):
            raise ChartError(f"{target}: the data file must end in .csv or .json")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(self.to_csv() if suffix == ".csv" else self.to_json(), encoding="utf-8")
        return target

    def results(self) -> Results:
        """The rows as :class:`kg.results.Results` (a table in Jupyter)."""
        return Results.from_table(self.columns, self.rows)

    def _repr_html_(self) -> str:
        return self.results()._repr_html_()


# ------------------------------------------------------------------ numbers

def _num(value: Any) -> float:
    return float(value) if value is not None else 0.0


def _params(since: int | None, until: int | None, **more: Any) -> dict[str, str]:
    params = {k: str(v) for k, v in more.items() if v is not None}
    if since is not None:
        params["since"] = str(since)
    if until is not None:
        params["until"] = str(until)
    return params


def _check_years(since: int | None, until: int | None) -> None:
    if since is not None and until is not None and since > until:
        raise ChartError(f"--since {since} is after --until {until}")


def _years_text(since: int | None, until: int | None) -> str:
    if since is None and until is None:
        return "all years"
    if since is None:
        return f"until {until}"
    if until is None:
        return f"since {since}"
    return f"{since}-{until}" if since != until else str(since)


def _top_shares(store, side: str, since: int | None, until: int | None, top: int) -> ChartData:
    from kg.queries import run_query

    query = "tiv-exporters" if side == "supplier" else "tiv-importers"
    rows = run_query(store, query, _params(since, until))
    name = "exporter" if side == "supplier" else "importer"
    out: list[tuple] = []
    total = 0.0
    for row in rows:
        total = _num(row.get("total"))
        key = str(row[side]).rsplit("/", 1)[-1]
        out.append((str(row[f"{side}Name"]), key, _num(row.get("tiv")), _num(row.get("share"))))
    shown, rest = out[:top], out[top:]
    if rest:
        tiv = sum(r[2] for r in rest)
        shown.append((f"rest ({len(rest)})", "", tiv, tiv / total if total else 0.0))
    title = f"Largest {name}s of major arms, {_years_text(since, until)}"
    return ChartData(f"{name}s", title, TIV_UNIT, SIPRI_SOURCE, [name, "key", "tiv", "share"], shown,
                     {"since": since, "until": until, "top": top, "total_tiv": total})


def _partners(store, side: str, of: str, period: int, since: int | None, until: int | None,
              top: int) -> ChartData:
    """Suppliers of ``of`` (side ``supplier``) or clients of ``of`` (side ``recipient``) per period."""
    from kg.queries import run_query

    other = "recipient" if side == "supplier" else "supplier"
    query = "tiv-suppliers" if side == "supplier" else "tiv-clients"
    rows = run_query(store, query, _params(since, until, **{other: of, "period": period}))
    per_period: dict[tuple[int, int], list[tuple[str, str, float, float]]] = defaultdict(list)
    overall: dict[str, float] = defaultdict(float)
    names: dict[str, str] = {}
    for row in rows:
        start, end = int(row["periodStart"]), int(row["periodEnd"])
        start = max(start, since) if since is not None else start
        end = min(end, until) if until is not None else end
        key = str(row[side]).rsplit("/", 1)[-1]
        names[key] = str(row[f"{side}Name"])
        tiv = _num(row.get("tiv"))
        per_period[(start, end)].append((key, names[key], tiv, _num(row.get("share"))))
        overall[key] += tiv
    keep = [k for k, _ in sorted(overall.items(), key=lambda kv: (-kv[1], names[kv[0]]))[:top]]
    out: list[tuple] = []
    for (start, end), items in sorted(per_period.items()):
        label = f"{start}-{end}" if start != end else str(start)
        total = sum(i[2] for i in items)
        for key, name, tiv, share in sorted(items, key=lambda i: keep.index(i[0]) if i[0] in keep else len(keep)):
            if key in keep:
                out.append((label, name, key, tiv, share))
        others = [i for i in items if i[0] not in keep]
        if others:
            tiv = sum(i[2] for i in others)
            out.append((label, "others", "", tiv, tiv / total if total else 0.0))
    who = "supplier" if side == "supplier" else "client"
    target = _name_of(store, of)
    title = (f"{target}'s suppliers of major arms" if side == "supplier" else f"{target}'s clients for major arms")
    title += f" by {period}-year period" if period > 1 else " by year"
    if since is not None or until is not None:
        title += f", {_years_text(since, until)}"
    return ChartData("suppliers" if side == "supplier" else "clients", title, TIV_UNIT, SIPRI_SOURCE,
                     ["period", who, "key", "tiv", "share"], out,
                     {"of": of, "period": period, "since": since, "until": until, "top": top,
                      "partners": [names[k] for k in keep]})


def _categories(store, since: int | None, until: int | None, supplier: str | None,
                recipient: str | None) -> ChartData:
    from kg.queries import run_query

    rows = run_query(store, "tiv-categories", _params(since, until, supplier=supplier, recipient=recipient))
    out = [(str(r["category"]), _num(r.get("tiv")), _num(r.get("share"))) for r in rows]
    title = "Major arms delivered by category"
    if supplier:
        title += f", from {_name_of(store, supplier)}"
    if recipient:
        title += f", to {_name_of(store, recipient)}"
    title += f", {_years_text(since, until)}"
    return ChartData("categories", title, TIV_UNIT, SIPRI_SOURCE, ["category", "tiv", "share"], out,
                     {"since": since, "until": until, "supplier": supplier, "recipient": recipient})


_Q_EVENTS = """PREFIX akg: <https://w3id.org/armskg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX kgg: <https://w3id.org/armskg/id/graph/>
SELECT ?fact ?kind ?a ?b ?an ?bn ?wn ?st ?y ?date ?ev ?art WHERE {
  { ?fact akg:supplier ?a ; akg:recipient ?b . BIND("deal" AS ?kind) }
  UNION { ?fact a akg:Sanction ; akg:imposedBy ?a ; akg:target ?b . BIND("sanction" AS ?kind) }
  UNION { ?fact a akg:Agreement ; akg:party ?a , ?b . FILTER(STR(?a) < STR(?b))
          FILTER NOT EXISTS { ?fact akg:supplier [] } BIND("agreement" AS ?kind) }
  ?fact prov:wasDerivedFrom ?art .
  FILTER NOT EXISTS { ?art dcterms:publisher "SIPRI" }
  OPTIONAL { ?art dcterms:date ?date }
  OPTIONAL { ?fact akg:year ?y }
  OPTIONAL { ?fact akg:status ?st }
  OPTIONAL { ?fact akg:evidence ?ev }
  OPTIONAL { ?fact akg:weapon ?w OPTIONAL { GRAPH kgg:labels { ?w skos:prefLabel ?wn } } }
  OPTIONAL { GRAPH kgg:labels { ?a skos:prefLabel ?an } }
  OPTIONAL { GRAPH kgg:labels { ?b skos:prefLabel ?bn } }
}"""


def _deals(store, of: str | None, since: int | None, until: int | None) -> ChartData:
    """Deals, agreements and sanctions extracted from articles (not database records), by year."""
    iri = None
    if of:
        from kg.resolve import resolve_entity

        iri = resolve_entity(store, of).iri
    events: dict[tuple, dict[str, Any]] = {}
    for row in store.query(_Q_EVENTS):
        a, b = str(row["a"]), str(row["b"])
        if iri is not None and iri not in (a, b):
            continue
        when = row.get("y") or row.get("date")
        if when is None:
            continue
        year = int(str(when)[:4])
        if (since is not None and year < since) or (until is not None and year > until):
            continue
        status = str(row["st"]).rsplit("#", 1)[-1].lower() if row.get("st") is not None else None
        key = (str(row["fact"]), a, b)
        event = events.setdefault(key, {
            "year": year, "kind": str(row["kind"]), "status": status,
            "from": str(row.get("an") or a.rsplit("/", 1)[-1]), "to": str(row.get("bn") or b.rsplit("/", 1)[-1]),
            "weapon": str(row["wn"]) if row.get("wn") is not None else "", "evidence": set(), "articles": set(),
            "fact": str(row["fact"]),
        })
        if row.get("ev") is not None:
            event["evidence"].add(str(row["ev"]))
        event["articles"].add(str(row["art"]))
    articles: set[str] = set()
    out = []
    for e in sorted(events.values(), key=lambda e: (e["year"], e["kind"], e["from"], e["to"], e["weapon"])):
        articles |= e["articles"]
        out.append((e["year"], e["kind"], e["status"] or "", e["from"], e["to"], e["weapon"],
                    " | ".join(sorted(e["evidence"])), len(e["articles"]), e["fact"]))
    who = f" involving {_name_of(store, of)}" if of else ""
    title = f"Deals, agreements and sanctions{who} reported in articles, {_years_text(since, until)}"
    n = len(articles)
    return ChartData("deals", title, "events by year (the deal's year, else the article's date)",
                     f"Source: {n} article{'s' if n != 1 else ''}",
                     ["year", "kind", "status", "from", "to", "weapon", "evidence", "articles", "fact"], out,
                     {"of": of, "since": since, "until": until, "articles": n})


def _name_of(store, name: str) -> str:
    """The entity's one name in the label index (its English label first), else the label it was found by."""
    from rdflib import URIRef

    from kg.resolve import resolve_entity

    found = resolve_entity(store, name)
    rows = store.query("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?n WHERE { "
                       "GRAPH <https://w3id.org/armskg/id/graph/labels> { ?e skos:prefLabel ?n } }",
                       {"e": URIRef(found.iri)})
    return str(rows.rows[0]["n"]) if rows.rows else str(found.label or name)


def chart_data(store, kind: str, *, of: str | None = None, since: int | None = None, until: int | None = None,
               top: int = 8, period: int = 5, supplier: str | None = None,
               recipient: str | None = None) -> ChartData:
    """The numbers behind a chart of ``kind`` (:data:`KINDS`).

    ``of`` names the recipient (``suppliers``), the supplier (``clients``) or the entity whose events are
    drawn (``deals``); ``period`` is the length of the periods of ``suppliers`` and ``clients`` in years;
    ``top`` how many partners are shown by name. Raises :class:`ChartError` on bad arguments and
    :class:`kg.resolve.UnknownName` for a name the store does not know.
    """
    if kind not in KINDS:
        raise ChartError(f"unknown chart {kind!r}; choose one of {', '.join(KINDS)}")
    _check_years(since, until)
    if top < 1 or period < 1:
        raise ChartError("--top and --period must be at least 1")
    if kind in ("exporters", "importers"):
        return _top_shares(store, "supplier" if kind == "exporters" else "recipient", since, until, top)
    if kind in ("suppliers", "clients"):
        if not of:
            whom = "a recipient (--of IND)" if kind == "suppliers" else "a supplier (--of RUS)"
            raise ChartError(f"the {kind} chart needs {whom}")
        return _partners(store, "supplier" if kind == "suppliers" else "recipient", of, period, since, until, top)
    if kind == "categories":
        return _categories(store, since, until, supplier, recipient)
    return _deals(store, of, since, until)


# ------------------------------------------------------------------ pictures

def _figure(width: float, height: float):
    """A matplotlib Figure drawn by the Agg canvas: no pyplot, no window, no display needed."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100)
    FigureCanvasAgg(fig)
    return fig


def _plain(text: str) -> str:
    r"""Text matplotlib draws as written: a ``$`` would otherwise open math mode (and can fail to parse).

    >>> _plain("US$ 5")
    'US\\$ 5'
    """
    return str(text).replace("$", "\\$")


def _finish(fig, ax, data: ChartData) -> None:
    import textwrap

    ax.set_title(_plain("\n".join(textwrap.wrap(data.title, 70))), fontsize=12, loc="left")
    note = data.source + (f". {TIV_NOTE}." if data.source == SIPRI_SOURCE else ".")
    fig.text(0.01, 0.01, _plain(note), fontsize=8, color="#555555", ha="left", va="bottom")
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    fig.tight_layout(rect=(0, 0.04, 1, 1))


def _empty(fig, ax, data: ChartData) -> None:
    ax.text(0.5, 0.5, "no data for these years and names", ha="center", va="center", transform=ax.transAxes,
            color="#777777")
    ax.set_xticks([])
    ax.set_yticks([])


def _plot_shares(fig, ax, data: ChartData) -> None:
    labels = [_plain(r[0]) for r in data.rows][::-1]
    shares = [100 * r[3] for r in data.rows][::-1]
    colors = [_OTHERS_COLOR if r[1] == "" else _PALETTE[0] for r in data.rows][::-1]
    bars = ax.barh(labels, shares, color=colors)
    for bar, share in zip(bars, shares):
        ax.text(bar.get_width() + 0.5, bar.get_y() + bar.get_height() / 2, f"{share:.1f}%", va="center", fontsize=8)
    ax.set_xlabel(data.unit)
    ax.set_xlim(0, max(shares) * 1.15 + 1)


def _plot_stacked(fig, ax, data: ChartData) -> None:
    periods = list(dict.fromkeys(r[0] for r in data.rows))
    partners = data.meta.get("partners") or list(dict.fromkeys(r[1] for r in data.rows if r[1] != "others"))
    partners = [p for p in partners if any(r[1] == p for r in data.rows)]
    if any(r[1] == "others" for r in data.rows):
        partners.append("others")
    share = {(r[0], r[1]): 100 * r[4] for r in data.rows}
    bottom = [0.0] * len(periods)
    for i, partner in enumerate(partners):
        values = [share.get((p, partner), 0.0) for p in periods]
        color = _OTHERS_COLOR if partner == "others" else _PALETTE[i % len(_PALETTE)]
        ax.bar(periods, values, bottom=bottom, label=_plain(partner), color=color, width=0.6)
        bottom = [b + v for b, v in zip(bottom, values)]
    ax.set_ylabel(data.unit)
    ax.set_ylim(0, 100)
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))


def _plot_categories(fig, ax, data: ChartData) -> None:
    labels = [_plain(r[0]) for r in data.rows][::-1]
    shares = [100 * r[2] for r in data.rows][::-1]
    bars = ax.barh(labels, shares, color=_PALETTE[2])
    for bar, share in zip(bars, shares):
        ax.text(bar.get_width() + 0.5, bar.get_y() + bar.get_height() / 2, f"{share:.1f}%", va="center", fontsize=8)
    ax.set_xlabel(data.unit)
    ax.set_xlim(0, max(shares) * 1.15 + 1)


_MARKERS = {"deal": "o", "agreement": "s", "sanction": "X"}


def _lane(row: tuple) -> str:
    kind, a, b = row[1], row[3], row[4]
    return f"{a} & {b}" if kind == "agreement" else f"{a} sanctions {b}" if kind == "sanction" else f"{a} → {b}"


def _plot_deals(fig, ax, data: ChartData) -> None:
    lanes = list(dict.fromkeys(_lane(r) for r in data.rows))
    stacked: dict[tuple[str, int], int] = defaultdict(int)
    crowd: dict[tuple[str, int], int] = defaultdict(int)
    for r in data.rows:
        crowd[(_lane(r), r[0])] += 1
    seen_status: set[str] = set()
    for i, r in enumerate(data.rows):
        year, kind, status, a, b, weapon, evidence = r[:7]
        lane = _lane(r)
        n, k = crowd[(lane, year)], stacked[(lane, year)]
        stacked[(lane, year)] += 1
        y = lanes.index(lane) + (k - (n - 1) / 2) * (0.6 / max(n, 1))  # events of one lane and year side by side
        color = STATUS_COLORS["sanction"] if kind == "sanction" else STATUS_COLORS.get(status or None, "#616161")
        label = "sanction" if kind == "sanction" else (status or "no status")
        points = ax.scatter([year], [y], s=80, marker=_MARKERS.get(kind, "o"), color=color, zorder=3,
                            label=None if label in seen_status else label)
        seen_status.add(label)
        points.set_gid(f"kg-event-{i}")
        if weapon:
            ax.annotate(_plain(weapon), (year, y), textcoords="offset points", xytext=(7, -3), fontsize=7)
    ax.set_yticks(range(len(lanes)), [_plain(lane) for lane in lanes], fontsize=8)
    ax.set_ylim(-0.7, len(lanes) - 0.3)
    years = [r[0] for r in data.rows]
    ax.set_xlim(min(years) - 1, max(years) + 1)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel(data.unit)
    ax.grid(axis="x", color="#eeeeee")
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))


def plot(data: ChartData, *, width: float = 8.0, height: float | None = None):
    """The chart of ``data`` as a matplotlib :class:`~matplotlib.figure.Figure` (no window is opened)."""
    if height is None:
        lanes = len({(r[3], r[4]) for r in data.rows}) if data.kind == "deals" else len(data.rows)
        height = 4.5 if data.kind in ("suppliers", "clients") else min(12.0, 2.2 + 0.35 * max(lanes, 3))
    fig = _figure(width, height)
    ax = fig.add_subplot()
    if not data.rows:
        _empty(fig, ax, data)
    elif data.kind in ("exporters", "importers"):
        _plot_shares(fig, ax, data)
    elif data.kind in ("suppliers", "clients"):
        _plot_stacked(fig, ax, data)
    elif data.kind == "categories":
        _plot_categories(fig, ax, data)
    else:
        _plot_deals(fig, ax, data)
    _finish(fig, ax, data)
    fig.chart_data = data  # the numbers travel with the picture
    return fig


def chart(store, kind: str, **options: Any):
    """:func:`chart_data` then :func:`plot`: a matplotlib Figure (its numbers in ``fig.chart_data``)."""
    return plot(chart_data(store, kind, **options))


def _svg(fig, data: ChartData) -> str:
    out = io.StringIO()
    fig.savefig(out, format="svg", metadata={"Date": None})
    text = out.getvalue()
    if data.kind == "deals":  # evidence as the native SVG tooltip of each point
        for i, row in enumerate(data.rows):
            tip = f"{row[0]} {row[1]} {row[3]} → {row[4]} {row[5]} ({row[2] or 'no status'})"
            if row[6]:
                tip += f": {row[6]}"
            text = text.replace(f'<g id="kg-event-{i}">', f'<g id="kg-event-{i}"><title>{html.escape(tip)}</title>', 1)
    return text


def html_page(fig, data: ChartData) -> str:
    """One offline HTML page: the chart as inline SVG (tooltips included), its sources and its numbers."""
    svg = _svg(fig, data)
    svg = re.sub(r"^<\?xml[^>]*>\s*(<!DOCTYPE[^>]*>\s*)?", "", svg)
    head = "".join(f"<th>{html.escape(c)}</th>" for c in data.columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(_cell(v))}</td>" for v in row) + "</tr>" for row in data.rows)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(data.title)}</title>
<style>body{{font-family:system-ui,sans-serif;margin:1em 2em}} svg{{max-width:100%;height:auto}}
table{{border-collapse:collapse;font-size:13px}} td,th{{border:1px solid #ddd;padding:2px 6px;text-align:left}}</style>
</head><body>
<figure>{svg}<figcaption>{html.escape(data.source)}. Unit: {html.escape(data.unit)}.</figcaption></figure>
<details><summary>The numbers behind the chart ({len(data.rows)} rows)</summary>
<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></details>
</body></html>
"""


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    return "" if value is None else str(value)


def save(fig, path: Path | str, fmt: str | None = None) -> Path:
    """Write the figure as PNG, SVG or HTML (``fmt``, else the file's suffix)."""
    target = Path(path)
    fmt = (fmt or target.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise ChartError(f"{target}: choose a format among {', '.join(FORMATS)} (or name the file .png, .svg, .html)")
    target.parent.mkdir(parents=True, exist_ok=True)
    data = getattr(fig, "chart_data", None)
    if fmt == "png":
        fig.savefig(target, format="png", dpi=100, metadata={"Software": None})
    elif fmt == "svg":
        target.write_text(_svg(fig, data) if data else _plain_svg(fig), encoding="utf-8")
    else:
        if data is None:
            raise ChartError("an HTML chart needs a figure made by kg.charts.plot")
        target.write_text(html_page(fig, data), encoding="utf-8")
    return target


def _plain_svg(fig) -> str:
    out = io.StringIO()
    fig.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()
