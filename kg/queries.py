"""The library of ready-made SPARQL queries shipped in ``kg/queries/*.rq``.

Each file starts with comment lines: the first says what the query answers,
a ``# params:`` line lists the variables a caller may bind. Parameters are
bound as values (pyoxigraph substitutions, or VALUES for remote stores),
never pasted into the query text.

>>> "deals" in [q.name for q in list_queries()]
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.resources import QUERIES_DIR


@dataclass(frozen=True)
class QueryInfo:
    name: str
    description: str
    params: tuple[str, ...]
    text: str
    path: Path


def _parse(path: Path) -> QueryInfo:
    text = path.read_text(encoding="utf-8")
    comments = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
    params: tuple[str, ...] = ()
    description = []
    for line in comments:
        if line.lower().startswith("params:"):
            params = tuple(m.group(1) for m in re.finditer(r"(\w+)\s*\(", line[7:]))
        else:
            description.append(line)
    return QueryInfo(path.stem, " ".join(description), params, text, path)


def list_queries() -> list[QueryInfo]:
    """Every ready-made query, by name."""
    return [_parse(p) for p in sorted(QUERIES_DIR.glob("*.rq"))]


def get_query(name: str) -> QueryInfo:
    """A ready-made query by name; ``KeyError`` lists the names there are."""
    path = QUERIES_DIR / f"{name}.rq"
    if not path.is_file() or "/" in name:
        names = ", ".join(q.name for q in list_queries())
        raise KeyError(f"no ready-made query named {name!r}; known: {names}")
    return _parse(path)


def param_value(value: str) -> Node:
    """A parameter value as an RDF term: ``<iri>`` or http(s) IRIs as IRIs, else a literal."""
    if value.startswith("<") and value.endswith(">"):
        return URIRef(value[1:-1])
    if re.match(r"^https?://\S+$", value):
        return URIRef(value)
    return Literal(value)
