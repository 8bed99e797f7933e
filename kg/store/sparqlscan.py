"""Which remote endpoints a SPARQL query would call (``SERVICE``), read from its tokens.

``kg serve`` refuses federated queries unless the operator allowed the endpoint
(``--allow-service URL``): the engine would otherwise send requests to any host
a client names (server-side request forgery). The scan works on tokens, so
``SERVICE`` inside a string, an IRI or a comment is not a call, and codepoint
escapes (``\\u0053ERVICE``) are undone first, as the SPARQL grammar says.
When unsure, it errs on the side of refusing.

>>> service_endpoints('SELECT * { SERVICE <http://ex/sparql> { ?s ?p ?o } }')
['http://ex/sparql']
>>> service_endpoints('PREFIX e: <http://ex/> SELECT * { SERVICE SILENT e:q { ?s ?p ?o } }')
['http://ex/q']
>>> service_endpoints('SELECT * { ?s ?p "customer SERVICE" } # SERVICE <http://ex/>')
[]
>>> service_endpoints('SELECT * { SERVICE ?where { ?s ?p ?o } }')
[None]
>>> refused_service('SELECT * { SERVICE <http://ex/q> {} }', ["http://ex/q"]) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["refused_service", "service_endpoints"]

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_TOKEN = re.compile(
    r"""(?P<comment>\#[^\n\r]*)
      | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                  |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
      | (?P<name>[^\W\d][\w.\-]*:(?:[\w:%.\-\\]*[\w:%\-])?|:(?:[\w:%.\-\\]*[\w:%\-])?|[^\W\d][\w\-]*)
      | (?P<other>\S)""",
    re.VERBOSE | re.DOTALL,
)


def _unescape(sparql: str) -> str:
    def char(m: re.Match) -> str:
        try:
            return chr(int(m.group(1) or m.group(2), 16))
        except (ValueError, OverflowError):
            return m.group(0)

    return _ESCAPE.sub(char, sparql)


def _tokens(sparql: str) -> list[tuple[str, str]]:
    return [(m.lastgroup or "other", m.group(0)) for m in _TOKEN.finditer(_unescape(sparql))
            if m.lastgroup != "comment"]


def service_endpoints(sparql: str) -> list[str | None]:
    """The endpoint of each ``SERVICE`` clause, as an absolute IRI; ``None`` where it cannot be told
    (a variable, an undeclared prefix or a relative IRI)."""
    tokens = _tokens(sparql)
    prefixes: dict[str, str] = {}
    found: list[str | None] = []
    for i, (kind, text) in enumerate(tokens):
        if kind != "name":
            continue
        word = text.upper()
        if word == "PREFIX" and i + 2 < len(tokens) and tokens[i + 2][0] == "iri":
            prefixes[tokens[i + 1][1]] = tokens[i + 2][1][1:-1]
        elif word == "SERVICE":
            j = i + 1
            if j < len(tokens) and tokens[j][1].upper() == "SILENT":
                j += 1
            kind2, target = tokens[j] if j < len(tokens) else ("other", "")
            iri = None
            if kind2 == "iri":
                iri = target[1:-1]
            elif kind2 == "name" and ":" in target:
                prefix, _, local = target.partition(":")
                if prefix + ":" in prefixes:
                    iri = prefixes[prefix + ":"] + local.replace("\\", "")
            found.append(iri if iri and re.match(r"[A-Za-z][A-Za-z0-9+.\-]*:", iri) else None)
    return found


def refused_service(sparql: str, allowed: Iterable[str] = ()) -> str | None:
    """Why the query may not run on the endpoint (a ``SERVICE`` it is not allowed to call), or None.

    >>> refused_service('SELECT * { SERVICE <http://169.254.169.254/> { ?s ?p ?o } }')
    'SERVICE <http://169.254.169.254/> is not allowed on this endpoint (kg serve --allow-service URL allows one)'
    """
    allowed = set(allowed)
    for endpoint in service_endpoints(sparql):
        if endpoint is None:
            return ("SERVICE is only allowed with an endpoint named in full (an IRI allowed by "
                    "kg serve --allow-service URL)")
        if endpoint not in allowed:
            return f"SERVICE <{endpoint}> is not allowed on this endpoint (kg serve --allow-service URL allows one)"
    return None
