"""The library of ready-made SPARQL queries shipped in ``kg/queries/*.rq``.

Each file starts with comment lines: the first says what the query answers,
a ``# params:`` line lists the variables a caller may bind, each with its kind
in brackets: ``entity`` (a key, label or alias, resolved to the entity's IRI
through :mod:`kg.resolve`), ``status`` (``agreed`` -> ``akg:Agreed``), ``year``
(an integer), ``number`` (a whole number above 0), ``fact`` (a fact IRI) or anything else (a plain string).
Parameters are bound as RDF terms (:meth:`kg.store.Store.query` adds a VALUES
block), never pasted into the query text.

>>> "deals" in [q.name for q in list_queries()]
True
>>> get_query("deals-by-year").kinds
{'since': 'year', 'until': 'year'}
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.resources import QUERIES_DIR

_XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")
PARAM_KINDS = ("entity", "status", "year", "fact", "number", "text")


@dataclass(frozen=True)
class QueryInfo:
    name: str
    description: str
    params: tuple[str, ...]
    text: str
    path: Path
    kinds: dict[str, str] = field(default_factory=dict)


def _parse(path: Path) -> QueryInfo:
    text = path.read_text(encoding="utf-8")
    comments = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
    params: tuple[str, ...] = ()
    kinds: dict[str, str] = {}
    description = []
    for line in comments:
        if line.lower().startswith("params:"):
            found = re.findall(r"(\w+)\s*\(([^)]*)\)", line[7:])
            params = tuple(name for name, _ in found)
            kinds = {name: next((k for k in PARAM_KINDS if k in kind.lower()), "text") for name, kind in found}
        else:
            description.append(line)
    return QueryInfo(path.stem, " ".join(description), params, text, path, kinds)


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


def parse_params(info: QueryInfo, items: list[str] | tuple[str, ...]) -> dict[str, str]:
    """``KEY=VALUE`` strings as a dict, checking each key is a parameter of the query.

    >>> parse_params(get_query("deals"), ["supplier=RUS"])
    {'supplier': 'RUS'}
    >>> parse_params(get_query("deals"), ["nope=1"])
    Traceback (most recent call last):
    ...
    ValueError: --param 'nope=1': expected KEY=VALUE with KEY among: supplier, recipient, weapon, status
    """
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or key not in info.params:
            known = ", ".join(info.params) or "none"
            raise ValueError(f"--param {item!r}: expected KEY=VALUE with KEY among: {known}")
        out[key] = value
    return out


def bind_params(store, info: QueryInfo, values: dict[str, str]) -> dict[str, Node]:
    """Turn parameter strings into RDF terms by kind; entity names are resolved in ``store``.

    Raises :class:`ValueError` for a bad status or year, and
    :class:`kg.resolve.UnknownName` / :class:`kg.resolve.AmbiguousName` for entities.
    """
    from kg.mapping import STATUS_IRI
    from kg.resolve import resolve_entity

    bindings: dict[str, Node] = {}
    for key, value in values.items():
        kind = info.kinds.get(key, "text")
        if kind == "entity":
            bindings[key] = URIRef(resolve_entity(store, value.strip()).iri)
        elif kind == "status":
            status = value.strip().lower()
            if status not in STATUS_IRI:
                raise ValueError(f"--param {key}={value!r}: status must be one of {', '.join(STATUS_IRI)}")
            bindings[key] = STATUS_IRI[status]
        elif kind == "year":
            if not re.fullmatch(r"-?\d{1,4}", value.strip()):
                raise ValueError(f"--param {key}={value!r}: expected a year such as 2017")
            bindings[key] = Literal(int(value.strip()), datatype=_XSD_INTEGER)
        elif kind == "number":
            if not re.fullmatch(r"\d{1,6}", value.strip()) or int(value) == 0:
                raise ValueError(f"--param {key}={value!r}: expected a whole number above 0, such as 5")
            bindings[key] = Literal(int(value.strip()), datatype=_XSD_INTEGER)
        elif kind == "fact":
            term = param_value(value.strip())
            if not isinstance(term, URIRef):
                raise ValueError(f"--param {key}={value!r}: expected a fact IRI such as https://w3id.org/armskg/id/deal/...")
            bindings[key] = term
        else:
            bindings[key] = Literal(value)
    return bindings


def run_query(store, name: str, params: dict[str, str] | None = None):
    """Run a ready-made query with parameters (entity names resolved); returns :class:`kg.results.Results`."""
    info = get_query(name)
    return store.query(info.text, bind_params(store, info, params or {}))
