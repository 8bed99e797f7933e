"""Validation of the store: SHACL shapes (``ontology/shapes.ttl``, pyshacl), and well-formed literals.

SHACL's ``sh:datatype`` checks a literal's datatype IRI, not its text, so
``"2019-13-45"^^xsd:date`` passes it; :func:`ill_formed_literals` checks the
lexical form of every literal whose datatype the project uses, and each one
that is not a valid value counts as a violation.

>>> from kg.store import open_store
>>> validate(open_store(":memory:", write=True)).conforms
True
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import io
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from rdflib import Graph, Literal
from rdflib.namespace import XSD

from kg.resources import ontology_path, shapes_path
from kg.store import Store


@dataclass(frozen=True)
class Report:
    conforms: bool
    text: str
    violations: int


def _calendar(pattern: str) -> Callable[[str], bool]:
    rx = re.compile(pattern)

    def check(text: str) -> bool:
        m = rx.fullmatch(text)
        if not m:
            return False
        year, month, day = (int(g) if g else None for g in (m.groupdict().get(k) for k in ("y", "m", "d")))
        if year == 0:
            return False
        try:
            _dt.date(2000 if year is None or year > 9999 else year, month or 1, day or 1)
        except ValueError:
            return False
        return True

    return check


_TZ = r"(?:Z|[+-](?:0\d|1[0-4]):[0-5]\d)?"
#: Checks of lexical forms (XML Schema 1.1) for the datatypes the project writes, and common ones.
LEXICAL: dict[str, Callable[[str], bool]] = {
    str(XSD.date): _calendar(rf"-?(?P<y>\d{{4,}})-(?P<m>\d\d)-(?P<d>\d\d){_TZ}"),
    str(XSD.gYearMonth): _calendar(rf"-?(?P<y>\d{{4,}})-(?P<m>\d\d){_TZ}"),
    str(XSD.gYear): _calendar(rf"-?(?P<y>\d{{4,}}){_TZ}"),
    str(XSD.dateTime): _calendar(rf"-?(?P<y>\d{{4,}})-(?P<m>\d\d)-(?P<d>\d\d)"
                                 rf"T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?{_TZ}"),
    str(XSD.integer): re.compile(r"[+-]?\d+").fullmatch,
    str(XSD.nonNegativeInteger): re.compile(r"\+?\d+|-0+").fullmatch,
    str(XSD.positiveInteger): lambda t: bool(re.fullmatch(r"\+?\d+", t)) and int(t) > 0,
    str(XSD.int): lambda t: bool(re.fullmatch(r"[+-]?\d+", t)) and -2**31 <= int(t) < 2**31,
    str(XSD.decimal): re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)").fullmatch,
    str(XSD.double): re.compile(r"(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?INF|NaN)").fullmatch,
    str(XSD.float): re.compile(r"(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?INF|NaN)").fullmatch,
    str(XSD.boolean): re.compile(r"true|false|1|0").fullmatch,
}


def ill_formed_literals(graph: Graph) -> Iterator[str]:
    """One line for each literal whose text is not a value of its datatype.

    >>> g = Graph()
    >>> from rdflib import URIRef
    >>> _ = g.add((URIRef("http://ex/a"), URIRef("http://ex/d"), Literal("2019-13-45", datatype=XSD.date)))
    >>> _ = g.add((URIRef("http://ex/a"), URIRef("http://ex/y"), Literal("2019", datatype=XSD.gYear)))
    >>> list(ill_formed_literals(g))
    ['<http://ex/a> <http://ex/d> "2019-13-45"^^xsd:date: not a valid xsd:date']
    """
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype is not None:
            check = LEXICAL.get(str(o.datatype))
            if check is not None and not check(str(o)):
                name = "xsd:" + str(o.datatype).rsplit("#", 1)[-1]
                yield f"{s.n3()} {p.n3()} {Literal(str(o)).n3()}^^{name}: not a valid {name}"


@contextlib.contextmanager
def _quiet_rdflib() -> Iterator[None]:
    """rdflib logs a traceback for each literal it cannot convert; those are reported here instead."""
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def store_graph(store: Store) -> Graph:
    """The union of the store's graphs as one rdflib graph."""
    buffer = io.BytesIO()
    store.export(buffer, "ntriples")
    with _quiet_rdflib():
        return Graph().parse(data=buffer.getvalue(), format="nt")


def validate_graph(data: Graph) -> Report:
    """Validate an rdflib graph against the shapes (with the ontology for subclass reasoning) and
    check its literals' lexical forms."""
    import pyshacl
    from rdflib.namespace import SH

    shapes = Graph().parse(shapes_path(), format="turtle")
    ontology = Graph().parse(ontology_path(), format="turtle")
    with _quiet_rdflib():
        conforms, results, text = pyshacl.validate(
            data, shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=True
        )
    violations = len(set(results.subjects(predicate=SH.resultSeverity)))
    ill = sorted(ill_formed_literals(data))
    if ill:
        text = (text.rstrip("\n") + "\n" if not conforms else "") + f"Ill-formed literals ({len(ill)}):\n" + \
            "".join(f"  {line}\n" for line in ill)
    return Report(bool(conforms) and not ill, text, violations + len(ill))


def validate(store: Store) -> Report:
    """Validate the whole store."""
    return validate_graph(store_graph(store))
