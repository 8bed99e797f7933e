"""SPARQL results as plain rows, and the writers for table, CSV, TSV and JSON.

Every listing command (``kg query``, ``kg graph ...``) prints through
:func:`write_rows`, so the formats behave the same everywhere. JSON is the
W3C SPARQL 1.1 Query Results JSON format.

>>> r = Results(["x"], [{"x": Literal("a")}])
>>> format_rows(r, "csv").split()
['x', 'a']
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

FORMATS = ("table", "csv", "tsv", "json")


@dataclass
class Results:
    """The answer to a query: variables and rows (rows map variable -> RDF term or None).

    ``boolean`` is set for ASK queries, ``graph`` for CONSTRUCT and DESCRIBE.
    """

    variables: list[str]
    rows: list[dict[str, Node | None]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self):
        return iter(self.rows)

    def values(self, var: str) -> list[Any]:
        """The Python values of one column (IRIs as strings, literals converted)."""
        return [to_python(row.get(var)) for row in self.rows]

    def _repr_html_(self, limit: int = 200) -> str:
        """An HTML table, so that results display as a table in Jupyter (text escaped, first ``limit`` rows).

        >>> "<td>a &lt;b&gt;</td>" in Results(["x"], [{"x": Literal("a <b>")}])._repr_html_()
        True
        """
        from html import escape

        if self.boolean is not None:
            return f"<p>{str(self.boolean).lower()}</p>"
        if self.graph is not None:
            return f"<pre>{escape(self.graph.serialize(format='turtle'))}</pre>"
        head = "".join(f"<th>{escape(v)}</th>" for v in self.variables)
        body = "".join(
            "<tr>" + "".join(f"<td>{escape(_text(row.get(v)))}</td>" for v in self.variables) + "</tr>"
            for row in self.rows[:limit]
        )
        more = f"<p>{len(self.rows) - limit} more rows</p>" if len(self.rows) > limit else ""
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"

    @classmethod
    def from_table(cls, variables: Sequence[str], table: Iterable[Sequence[Any]]) -> Results:
        """Rows of plain Python values (str, int, float, None) as results."""
        rows = [
            {v: (None if x is None else x if isinstance(x, Node) else Literal(x)) for v, x in zip(variables, row)}
            for row in table
        ]
        return cls(list(variables), rows)


def to_python(term: Node | None) -> Any:
    """An RDF term as a plain value: IRI -> str, literal -> its Python value."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    return str(term)


def _text(term: Node | None) -> str:
    if term is None:
        return ""
    return str(term)


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal):
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype:
            out["datatype"] = str(term.datatype)
    return out


def to_json(results: Results) -> dict[str, Any]:
    """The W3C SPARQL JSON results document."""
    if results.boolean is not None:
        return {"head": {}, "boolean": results.boolean}
    bindings = [
        {var: _json_term(term) for var, term in row.items() if term is not None} for row in results.rows
    ]
    return {"head": {"vars": list(results.variables)}, "results": {"bindings": bindings}}


def _clean_cell(text: str) -> str:
    return " ".join(text.split())


def _table(results: Results, width: int = 60) -> str:
    header = list(results.variables)
    cells = [[_clean_cell(_text(row.get(v))) for v in header] for row in results.rows]
    cells = [[c if len(c) <= width else c[: width - 1] + "…" for c in row] for row in cells]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines) + "\n"


def format_rows(results: Results, fmt: str = "table") -> str:
    """Render results as ``table``, ``csv``, ``tsv`` or ``json`` text."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if results.graph is not None:
        return results.graph.serialize(format="turtle")
    if fmt == "json":
        return json.dumps(to_json(results), ensure_ascii=False, indent=2) + "\n"
    if results.boolean is not None:
        return ("true" if results.boolean else "false") + "\n"
    if fmt == "table":
        return _table(results)
    buffer = io.StringIO()
    if fmt == "csv":
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(results.variables)
        for row in results.rows:
            writer.writerow([_text(row.get(v)) for v in results.variables])
    else:  # tsv: SPARQL TSV results use N-Triples-like terms
        buffer.write("\t".join("?" + v for v in results.variables) + "\n")
        for row in results.rows:
            buffer.write("\t".join(_tsv_term(row.get(v)) for v in results.variables) + "\n")
    return buffer.getvalue()


def _tsv_term(term: Node | None) -> str:
    if term is None:
        return ""
    return term.n3().replace("\t", "\\t").replace("\n", "\\n")


def write_rows(results: Results, fmt: str, out: TextIO) -> None:
    """Write results to a text stream in the chosen format."""
    out.write(format_rows(results, fmt))


def _plain(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def write_table(results: Results, fmt: str, out: TextIO) -> None:
    r"""Write a table that is not a SPARQL answer (graph listings, corroboration): as :func:`write_rows`,
    except that ``tsv`` holds plain values under plain column names, not SPARQL TSV terms.

    >>> out = io.StringIO()
    >>> write_table(Results.from_table(["supplier", "deals"], [["Russia", 3]]), "tsv", out)
    >>> out.getvalue()
    'supplier\tdeals\nRussia\t3\n'
    """
    if fmt != "tsv":
        write_rows(results, fmt, out)
        return
    out.write("\t".join(_plain(v) for v in results.variables) + "\n")
    for row in results.rows:
        out.write("\t".join(_plain(_text(row.get(v))) for v in results.variables) + "\n")
