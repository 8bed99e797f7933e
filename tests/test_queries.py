"""The ready-made queries on the hand-made graph of tests/graphdata.py, and bound parameters."""

from __future__ import annotations

import json

import pytest
from rdflib import Literal, URIRef

from kg.cli import cli
from kg.queries import bind_params, get_query, list_queries, parse_params, run_query
from kg.resolve import AmbiguousName, UnknownName
from kg.store import QueryError, open_store
from tests import graphdata as gd

NAMES = {"deals", "deals-by-supplier", "deals-by-recipient", "deals-by-weapon", "deals-by-year", "deals-by-status",
         "sanctions", "alliance-outside-buyers", "leaders", "timeline", "evidence"}


@pytest.fixture(scope="module")
def store():
    return gd.fill(open_store(":memory:", write=True))


def rows(results, *columns):
    return [tuple(None if r.get(c) is None else str(r[c]) for c in columns) for r in results]


def test_every_query_says_what_it_answers_and_its_params():
    queries = {q.name: q for q in list_queries()}
    assert set(queries) >= NAMES
    for q in queries.values():
        assert q.text.startswith("# ") and len(q.description) > 20, q.name
        assert "# params:" in q.text, q.name
    assert queries["deals-by-year"].kinds == {"since": "year", "until": "year"}
    assert queries["alliance-outside-buyers"].kinds["alliance"] == "entity"
    assert queries["evidence"].kinds == {"fact": "fact"}


def test_every_query_runs_without_parameters(store):
    for q in list_queries():
        # the tiv-* volume queries need SIPRI's yearly deliveries: tests/test_charts.py runs them
        if q.name != "evidence" and not q.name.startswith("tiv-"):
            assert len(store.query(q.text)) > 0, q.name


def test_deals_by_supplier_resolves_a_label_in_another_language(store):
    got = rows(run_query(store, "deals-by-supplier", {"supplier": "russie"}),
               "supplierName", "recipientName", "weaponName", "statusName", "year")
    assert got == [("Russia", "Turkey", "S-400", "agreed", "2017"), ("Russia", "Turkey", "S-400", "delivered", "2019"),
                   ("Russia", "India", "S-400", "delivered", "2021")]


def test_deals_by_recipient_weapon_and_status(store):
    assert rows(run_query(store, "deals-by-recipient", {"recipient": "Inde"}), "supplierName") == [
        ("France",), ("Russia",)]
    assert rows(run_query(store, "deals-by-weapon", {"weapon": "s400"}), "recipientName", "year") == [
        ("Turkey", "2017"), ("Turkey", "2019"), ("India", "2021")]
    assert rows(run_query(store, "deals-by-status", {"status": "Cancelled"}), "supplierName", "weaponName") == [
        ("United States", "F-35")]
    # without a parameter: most advanced status first
    statuses = [r[0] for r in rows(run_query(store, "deals-by-status"), "statusName")]
    assert statuses == ["delivered"] * 3 + ["cancelled", "agreed"]


def test_deals_by_year_since_and_until(store):
    assert rows(run_query(store, "deals-by-year", {"since": "2019", "until": "2020"}), "year", "weaponName") == [
        ("2019", "S-400"), ("2019", "F-35"), ("2020", "Rafale")]
    assert [r[0] for r in rows(run_query(store, "deals-by-year", {"since": "2021"}), "year")] == ["2021"]
    assert len(run_query(store, "deals-by-year")) == 5


def test_sanctions_with_the_deals_they_respond_to(store):
    got = rows(run_query(store, "sanctions", {"target": "Türkiye"}), "byName", "targetName", "weaponName",
               "measure", "respondsTo")
    assert [row[:4] for row in got] == [("United States", "Turkey", "F-35", "exclusion from the F-35 programme")]
    # the target's deals in the sanction's weapon, and what it bought from suppliers other than the sanctioner
    assert sorted(got[0][4].split("; ")) == [
        "RUS -> TUR s-400 (agreed, 2017)", "RUS -> TUR s-400 (delivered, 2019)", "USA -> TUR f-35 (cancelled, 2019)"]


def test_sanctions_leave_out_the_targets_unrelated_purchases():
    """A purchase of a weapon the sanction's article does not name in a deal is not what the sanction answers."""
    from kg.facts import Article, Deal, Entity, Evidence, Extraction, Ref
    from kg.mapping import article_iri, to_graph

    leopard = Ref.weapon("Leopard 2")
    other = Extraction(Article("a3", "https://example.org/a3", "text", date="2005-01-01", lang="en"),
                       (Entity(leopard, labels=(("Leopard 2", ""),)),),
                       (Deal(Ref.country("DEU"), gd.TUR, leopard, "delivered", 2005, Evidence("Tanks arrived.")),))
    store = gd.fill(open_store(":memory:", write=True))
    store.replace_graph(str(article_iri(other.article)), to_graph(other))
    (row,) = rows(run_query(store, "sanctions", {"target": "TUR"}), "respondsTo")
    assert "DEU" not in row[0] and "RUS -> TUR s-400 (agreed, 2017)" in row[0]
    assert len(rows(run_query(store, "deals-by-recipient", {"recipient": "TUR"}), "supplierName")) == 4


def test_alliance_members_buying_outside_the_alliance(store):
    got = rows(run_query(store, "alliance-outside-buyers", {"alliance": "OTAN"}),
               "memberName", "supplierName", "weaponName", "year")
    # TUR buys from RUS (outside NATO); USA -> TUR F-35 is inside NATO and left out
    assert got == [("Turkey", "Russia", "S-400", "2017"), ("Turkey", "Russia", "S-400", "2019")]


def test_leaders_and_timeline(store):
    assert rows(run_query(store, "leaders", {"of": "TUR"}), "personName", "relation") == [
        ("Recep Tayyip Erdoğan", "leader")]
    timeline = rows(run_query(store, "timeline"), "when", "kind")
    assert timeline == [("2017", "deal"), ("2019", "deal"), ("2019", "deal"), ("2020", "deal"),
                        ("2021", "agreement"), ("2021", "deal"), ("2021-09-14", "sanction")]
    assert rows(run_query(store, "timeline", {"actor": "India", "until": "2020"}), "what") == [
        ("FRA -> IND rafale (delivered)",)]


def test_evidence_behind_a_fact(store):
    deal = next(str(r["deal"]) for r in run_query(store, "deals-by-year", {"since": "2017", "until": "2017"}))
    assert rows(run_query(store, "evidence", {"fact": deal}), "evidence", "date", "source") == [
        (gd.SENTENCE_2017, "2021-09-14", "https://example.org/a1")]


# ------------------------------------------------------------------ parameters and injection

def test_parameter_errors(store):
    info = get_query("deals")
    with pytest.raises(ValueError, match="KEY among: supplier, recipient, weapon, status"):
        parse_params(info, ["buyer=TUR"])
    with pytest.raises(ValueError, match="status must be one of proposed, agreed"):
        bind_params(store, info, {"status": "sold"})
    with pytest.raises(ValueError, match="expected a year such as 2017"):
        bind_params(store, get_query("deals-by-year"), {"since": "2017) || true"})
    with pytest.raises(UnknownName):
        bind_params(store, info, {"supplier": "Atlantis"})
    with pytest.raises(ValueError, match="expected a fact IRI"):
        bind_params(store, get_query("evidence"), {"fact": "deal 1"})


HOSTILE = ['"} ; DROP ALL ; {', "'} } ; DELETE WHERE { ?s ?p ?o } #", '"""\\" } UNION { ?s ?p ?o } #']


@pytest.mark.parametrize("payload", HOSTILE)
def test_a_hostile_value_cannot_change_the_query_or_the_store(store, payload):
    before = store.count()
    # bound as a literal: the query runs as written and simply matches nothing
    assert len(store.query(get_query("leaders").text, {"relation": Literal(payload)})) == 0
    assert len(store.query("SELECT ?s WHERE { ?s ?p ?o }", {"o": Literal(payload)})) == 0
    # as an entity name it names nothing; as an IRI it is refused
    with pytest.raises(UnknownName):
        run_query(store, "deals", {"supplier": payload})
    with pytest.raises(QueryError, match="not a valid IRI"):
        store.query("SELECT ?s WHERE { ?s ?p ?o }", {"s": URIRef("http://x/" + payload)})
    assert store.count() == before
    assert len(run_query(store, "deals")) == 5


def test_a_hostile_value_is_sent_as_one_escaped_literal(store):
    from kg.store import bind_values

    text = bind_values(get_query("leaders").text, {"relation": Literal(HOSTILE[0])})
    assert "DROP ALL ;" in text  # the value is there, but only inside an escaped string literal
    assert '("\\"} ; DROP ALL ; {")' in text


# ------------------------------------------------------------------ CLI

@pytest.fixture
def filled(store_dir):
    with open_store(store_dir, write=True) as s:
        gd.fill(s)
    return store_dir


def test_kg_query_list(runner):
    result = runner.invoke(cli, ["query", "--list"])
    assert result.exit_code == 0
    names = {line.split()[0] for line in result.output.splitlines()}
    assert names >= NAMES
    assert "[params: alliance (entity), supplier (entity)]" in result.output
    assert "[params: since (year), until (year)]" in result.output


def test_kg_query_with_params(runner, filled):
    result = runner.invoke(cli, ["--store", str(filled), "query", "alliance-outside-buyers", "-p", "alliance=nato",
                                 "--param", "supplier=Russie", "--format", "json"])
    assert result.exit_code == 0, result.output
    bindings = json.loads(result.output)["results"]["bindings"]
    assert [b["year"]["value"] for b in bindings] == ["2017", "2019"]


def test_kg_query_param_errors(runner, filled):
    base = ["--store", str(filled), "query"]
    result = runner.invoke(cli, [*base, "deals", "--param", "supplier=Atlantis"])
    assert (result.exit_code, result.output) == (
        1, "Error: no entity called 'Atlantis' in the store (try a key such as TUR, a label or an alias)\n")
    result = runner.invoke(cli, [*base, "deals", "--param", "buyer=TUR"])
    assert result.exit_code == 2 and "expected KEY=VALUE with KEY among: supplier, recipient" in result.output
    result = runner.invoke(cli, [*base, "deals-by-year", "--param", "since=last year"])
    assert (result.exit_code, result.output) == (
        1, "Error: --param since='last year': expected a year such as 2017\n")
    result = runner.invoke(cli, [*base, "no-such-query"])
    assert result.exit_code == 1 and result.output.startswith("Error: no ready-made query named 'no-such-query'")


def test_kg_query_ambiguous_param(runner, filled):
    from kg.facts import Article, Entity, Extraction, Ref
    from kg.mapping import article_iri, to_graph

    other = Extraction(Article("b", "b.txt", "x"), (Entity(Ref.country("TKM"), names=("Turquie",)),))
    with open_store(filled, write=True) as s:
        s.replace_graph(str(article_iri(other.article)), to_graph(other))
    result = runner.invoke(cli, ["--store", str(filled), "query", "deals", "-p", "recipient=turquie"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: 'turquie' is ambiguous: ") and "country/TKM" in result.output
    with pytest.raises(AmbiguousName), open_store(filled) as s:
        run_query(s, "deals", {"recipient": "turquie"})
