"""Query answers written row by row, stopping at a result cap, a deadline or a cancel.

``kg serve`` never builds a whole answer in memory: :func:`write_answer` pulls
one solution (or triple) at a time from pyoxigraph's lazy iterator and writes
it at once, in the format the client asked for (:func:`negotiate`): SPARQL
JSON, XML, CSV or TSV results for ``SELECT`` and ``ASK``; N-Triples, Turtle,
RDF/XML or JSON-LD for ``CONSTRUCT`` and ``DESCRIBE``. It stops after
``limit`` results (the iterator is dropped, so the engine stops too: nothing
is drained), or as soon as ``stop()`` names a reason (the deadline passed,
the client left). A cut answer is still a well-formed document.

>>> import io, pyoxigraph as ox
>>> store = ox.Store()
>>> for i in range(3):
...     store.add(ox.Quad(ox.NamedNode(f"http://ex/s{i}"), ox.NamedNode("http://ex/p"), ox.Literal(i)))
>>> out = io.BytesIO()
>>> write_answer(store.query("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s"), CSV, 2, out)
(2, 'cap')
>>> out.getvalue()
b's\\r\\nhttp://ex/s0\\r\\nhttp://ex/s1\\r\\n'
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Protocol
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

__all__ = ["CSV", "JSON", "TSV", "XML", "negotiate", "write_answer"]

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
#: RDF formats for CONSTRUCT and DESCRIBE answers: media type -> pyoxigraph format.
RDF: dict[str, ox.RdfFormat] = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
RESULTS = (JSON, XML, CSV, TSV)
#: Short names accepted in a ``format`` parameter (as SPARQLWrapper and browsers send).
SHORT = {"json": JSON, "xml": XML, "csv": CSV, "tsv": TSV, "turtle": "text/turtle", "ttl": "text/turtle",
         "ntriples": "application/n-triples", "nt": "application/n-triples", "rdfxml": "application/rdf+xml",
         "jsonld": "application/ld+json"}
_ALIASES = {"application/json": JSON, "application/xml": XML, "text/xml": XML, "text/plain": "application/n-triples",
            "application/x-turtle": "text/turtle", "text/tsv": TSV}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_SRX = "http://www.w3.org/2005/sparql-results#"

#: Why an answer stopped early: the result cap, the deadline, or a cancel (the client left).
CAP, TIMEOUT, CANCELLED = "cap", "timeout", "cancelled"


class Sink(Protocol):
    def write(self, data: bytes, /) -> object: ...


def negotiate(accept: str | None, kind: str) -> str | None:
    """The media type to answer with, from an ``Accept`` header, for a ``kind`` of answer
    (``"solutions"``, ``"boolean"`` or ``"triples"``); None if nothing acceptable is offered.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+json", "solutions")
    'application/sparql-results+json'
    >>> negotiate("*/*", "triples"), negotiate(None, "boolean"), negotiate("image/png", "solutions")
    ('application/n-triples', 'application/sparql-results+json', None)
    """
    offered = list(RDF) if kind == "triples" else list(RESULTS)
    if not accept or not accept.strip():
        return offered[0]
    best_key: tuple[float, int, int] | None = None
    best = None
    for position, item in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in item.split(";"))
        media = _ALIASES.get(media.lower(), media.lower())
        q = 1.0
        for p in params:
            if p.lower().startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        if q <= 0:
            continue
        if media in ("*/*", "application/*", "text/*"):
            candidates = [m for m in offered if media == "*/*" or m.startswith(media[:-1])]
        else:
            candidates = [media] if media in offered else []
        key = (q, 0 if "*" in media else 1, -position)  # a specific type beats a wildcard at the same q
        if candidates and (best_key is None or key > best_key):
            best_key, best = key, candidates[0]
    return best


def _json_term(term: object) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (_XSD_STRING, _LANG_STRING):
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                            "predicate": _json_term(term.predicate),
                                            "object": _json_term(term.object)}}
    return {"type": "literal", "value": str(term)}


def _xml_term(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != _XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    if isinstance(term, ox.Triple):
        return (f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}"
                f"</predicate><object>{_xml_term(term.object)}</object></triple>")
    return f"<literal>{escape(str(term))}</literal>"


def _csv_field(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode | ox.Literal):
        text = term.value
    elif isinstance(term, ox.BlankNode):
        text = f"_:{term.value}"
    else:
        text = str(term)
    if any(c in text for c in '",\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _rows(iterator: Iterator, limit: int | None, stop: Callable[[], str | None], reason: list) -> Iterator:
    """Up to ``limit`` items of ``iterator``; ``reason`` gets why it stopped early (if it did)."""
    for count, item in enumerate(iterator):
        why = stop()
        if why:
            reason.append(why)
            return
        if limit is not None and count >= limit:
            reason.append(CAP)
            return
        yield item


class _Writer:
    def __init__(self, out: Sink) -> None:
        self.out = out

    def write(self, data: bytes) -> int:
        self.out.write(data)
        return len(data)

    def flush(self) -> None:
        pass


def write_answer(answer: object, media: str, limit: int | None, out: Sink,
                 stop: Callable[[], str | None] = lambda: None) -> tuple[int, str | None]:
    """Write a pyoxigraph query answer to ``out`` as ``media``; returns (results written, why it stopped
    early: :data:`CAP`, :data:`TIMEOUT`, :data:`CANCELLED` or a reason ``stop()`` gave, else None)."""
    reason: list[str] = []
    if isinstance(answer, ox.QueryBoolean):
        value = "true" if bool(answer) else "false"
        out.write({JSON: f'{{"head":{{}},"boolean":{value}}}',
                   XML: f'<?xml version="1.0"?>\n<sparql xmlns="{_SRX}"><head/><boolean>{value}</boolean></sparql>\n',
                   CSV: f"{value}\r\n", TSV: f"{value}\n"}[media].encode("utf-8"))
        return 1, None
    if isinstance(answer, ox.QueryTriples):
        count = 0

        def counted() -> Iterator:
            nonlocal count
            for triple in _rows(answer, limit, stop, reason):
                count += 1
                yield triple

        if RDF[media] == ox.RdfFormat.N_TRIPLES:  # one line per triple, no buffering in the serializer
            for triple in counted():
                out.write(f"{triple} .\n".encode())
        else:
            ox.serialize(counted(), _Writer(out), RDF[media])
        return count, (reason[0] if reason else None)
    names = [v.value for v in answer.variables]
    count = 0
    if media == JSON:
        out.write(('{"head":{"vars":' + json.dumps(names) + '},"results":{"bindings":[').encode("utf-8"))
        for row in _rows(answer, limit, stop, reason):
            binding = {n: _json_term(t) for n, t in zip(names, row) if t is not None}
            out.write(((",\n" if count else "\n") + json.dumps(binding, ensure_ascii=False)).encode("utf-8"))
            count += 1
        out.write(b"\n]}}\n")
    elif media == XML:
        head = "".join(f"<variable name={quoteattr(n)}/>" for n in names)
        out.write(f'<?xml version="1.0"?>\n<sparql xmlns="{_SRX}"><head>{head}</head><results>\n'.encode())
        for row in _rows(answer, limit, stop, reason):
            cells = "".join(f"<binding name={quoteattr(n)}>{_xml_term(t)}</binding>"
                            for n, t in zip(names, row) if t is not None)
            out.write(f"<result>{cells}</result>\n".encode())
            count += 1
        out.write(b"</results></sparql>\n")
    elif media == CSV:
        out.write((",".join(_csv_field(ox.Literal(n)) for n in names) + "\r\n").encode("utf-8"))
        for row in _rows(answer, limit, stop, reason):
            out.write((",".join(_csv_field(t) for t in row) + "\r\n").encode("utf-8"))
            count += 1
    elif media == TSV:
        out.write(("\t".join("?" + n for n in names) + "\n").encode("utf-8"))
        for row in _rows(answer, limit, stop, reason):
            out.write(("\t".join("" if t is None else str(t) for t in row) + "\n").encode("utf-8"))
            count += 1
    else:
        raise ValueError(f"cannot write query results as {media}")
    return count, (reason[0] if reason else None)
