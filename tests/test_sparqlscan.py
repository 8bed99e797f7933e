"""SERVICE detection for kg serve: what a query would call, read from its tokens."""

from __future__ import annotations

import pytest

from kg.store.sparqlscan import refused_service, service_endpoints

E = "http://127.0.0.1:9/sparql"


@pytest.mark.parametrize("query, expected", [
    (f"SELECT * {{ SERVICE <{E}> {{ ?s ?p ?o }} }}", [E]),
    (f"select * {{ service silent <{E}> {{ ?s ?p ?o }} }}", [E]),
    (f"SELECT * {{ ?x ?y ?z.SERVICE<{E}>{{?s ?p ?o}} }}", [E]),
    (f"SELECT * {{ \\u0053ERVICE <{E}> {{}} }}", [E]),
    (f"SELECT * {{ SERVIC\\u0045 <{E}> {{}} }}", [E]),
    ("PREFIX : <http://127.0.0.1:9/> SELECT * { SERVICE :sparql {} }", [E]),
    ("PREFIX r: <http://127.0.0.1:9/> SELECT * { SERVICE r:sparql {} }", [E]),
    ("SELECT * { SERVICE undeclared:x {} }", [None]),
    ("SELECT * { SERVICE ?e {} }", [None]),
    ("BASE <http://127.0.0.1:9/> SELECT * { SERVICE <sparql> {} }", [None]),  # relative: resolved by BASE
    (f"SELECT * {{ SERVICE <{E}> {{}} SERVICE <http://ex/b> {{}} }}", [E, "http://ex/b"]),
    ('SELECT * { ?s ?p "SERVICE <http://ex/> {}" }', []),
    ("SELECT * { ?s ?p '''\nSERVICE <http://ex/> {}\n''' }", []),
    ("SELECT * { ?s ?p ?o } # SERVICE <http://ex/> {}", []),
    ("SELECT * { <http://ex/SERVICE> ?p ?o }", []),
    ("PREFIX service: <http://ex/> SELECT * { service:x ?p ?o }", []),
    ("SELECT ?service WHERE { ?service ?p ?o }", []),
])
def test_service_endpoints(query: str, expected: list) -> None:
    assert service_endpoints(query) == expected


def test_refused_unless_allowed() -> None:
    query = f"SELECT * {{ SERVICE <{E}> {{ ?s ?p ?o }} }}"
    assert refused_service(query) == (f"SERVICE <{E}> is not allowed on this endpoint "
                                      "(kg serve --allow-service URL allows one)")
    assert refused_service(query, [E]) is None
    assert refused_service(query, [E + "/other"]) is not None
    assert refused_service("SELECT * { SERVICE ?e {} }", [E]).startswith("SERVICE is only allowed with an endpoint")
    assert refused_service("SELECT * { ?s ?p ?o }") is None
