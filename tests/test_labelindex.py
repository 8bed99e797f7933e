"""The label index follows the graphs: one copy of each label, gone when no graph holds it."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph, Literal

from kg.mapping import LABELS_GRAPH, article_iri, to_graph
from kg.store import open_store
from tests import graphdata as gd

INDEXED = f"SELECT ?s ?l WHERE {{ GRAPH <{LABELS_GRAPH}> {{ ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }} }}"


PREF = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
NAMES = f"SELECT ?s ?n WHERE {{ GRAPH <{LABELS_GRAPH}> {{ ?s {PREF} ?n }} }}"


def indexed(store) -> set[tuple[str, str]]:
    return {(str(r["s"]), str(r["l"])) for r in store.query(INDEXED)}


def names(store) -> dict[str, list]:
    found: dict[str, list] = {}
    for r in store.query(NAMES):
        found.setdefault(str(r["s"]), []).append(r["n"])
    return found


def labelled(store, subject: str, *labels) -> None:
    """Replace the graph of ``subject`` with one holding these labels."""
    body = "\n".join(f"<{subject}> <http://www.w3.org/2000/01/rdf-schema#label> {lab} ." for lab in labels)
    graph = Graph().parse(data=body, format="nt")
    store.replace_graph(f"{subject}/graph/{len(labels)}", graph)


def test_one_copy_per_label_and_removal_with_the_last_graph():
    store = gd.fill(open_store(":memory:", write=True))
    labels = indexed(store)
    assert (gd.iri(gd.TUR), "Turkey") in labels and (gd.iri(gd.TUR), "Turquie") in labels
    assert len(store.query(INDEXED)) == len(labels)  # no duplicates, though both articles describe Turkey
    a1, a2 = (str(article_iri(x.article)) for x in (gd.A1, gd.A2))
    store.drop_graph(a1)  # a2 still describes Russia, Turkey and the S-400; India only a1
    labels = indexed(store)
    assert (gd.iri(gd.TUR), "Turkey") in labels and (gd.iri(gd.S400), "S-400") in labels
    assert not any(s == gd.iri(gd.IND) for s, _ in labels)
    store.replace_graph(a2, to_graph(gd.A1))  # a graph's labels are swapped with it
    assert (gd.iri(gd.IND), "India") in indexed(store)
    store.drop_graph(a2)
    assert indexed(store) == set()


def test_index_is_no_content_graph(tmp_path):
    store = gd.fill(open_store(tmp_path / "s", write=True))
    assert str(LABELS_GRAPH) not in store.graph_names()
    out = tmp_path / "x.nq"
    with out.open("wb") as f:
        store.export(f, "nquads")
    assert str(LABELS_GRAPH) not in out.read_text(encoding="utf-8")
    assert store.count() == sum(1 for _ in ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS))
    turtle = tmp_path / "x.ttl"
    with turtle.open("wb") as f:
        store.export(f, "turtle")
    assert "prefLabel" not in turtle.read_text(encoding="utf-8")  # the index's names stay in the store
    store.close()


def test_a_store_written_before_the_index_gets_it_when_opened_for_writing(tmp_path):
    store = gd.fill(open_store(tmp_path / "s", write=True))
    store.update(f"DROP GRAPH <{LABELS_GRAPH}>")
    store.close()
    with open_store(tmp_path / "s") as reader:
        assert indexed(reader) == set()
    open_store(tmp_path / "s", write=True).close()
    with open_store(tmp_path / "s") as reader:
        assert (gd.iri(gd.RUS), "Russia") in indexed(reader)
        deals = reader.query("PREFIX akg: <https://w3id.org/armskg/ontology#> SELECT ?d WHERE { ?d akg:supplier ?s }")
        assert len(deals) == 5


def test_raw_sparql_updates_are_followed_by_the_index(tmp_path):
    from click.testing import CliRunner

    from kg.cli import cli

    where = tmp_path / "s"
    gd.fill(open_store(where, write=True)).close()
    update = ('INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/x> '
              '<http://www.w3.org/2000/01/rdf-schema#label> "Xanadu" } } ; '
              f'DROP GRAPH <{article_iri(gd.A1.article)}>')
    result = CliRunner().invoke(cli, ["--store", str(where), "query", "--update", update])
    assert result.exit_code == 0, result.output
    with open_store(where) as reader:
        labels = indexed(reader)
    assert ("https://example.org/x", "Xanadu") in labels and (gd.iri(gd.TUR), "Turkey") in labels
    assert not any(s == gd.iri(gd.IND) for s, _ in labels)  # India was named in the dropped article only


def test_imported_rdf_is_indexed_from_named_and_default_graphs():
    from kg.importrdf import import_quads

    store = open_store(":memory:", write=True)
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    import_quads(store, [ox.Quad(ox.NamedNode("https://example.org/a"), label, ox.Literal("A")),
                         ox.Quad(ox.NamedNode("https://example.org/b"), label, ox.Literal("B"),
                                 ox.NamedNode("https://example.org/g"))])
    assert indexed(store) == {("https://example.org/a", "A"), ("https://example.org/b", "B")}


def test_one_name_per_entity_english_first_then_untagged_then_code_point_order():
    store = gd.fill(open_store(":memory:", write=True))
    found = names(store)
    assert found[gd.iri(gd.TUR)] == [Literal("Turkey", lang="en")]  # English over "Turquie"@fr
    assert all(len(v) == 1 for v in found.values())
    assert set(found) == {s for s, _ in indexed(store)}
    x = "https://example.org/x"
    labelled(store, x, '"Cobra"', '"COBRA"', '"Kobra"@de')
    assert names(store)[x] == [Literal("COBRA")]  # untagged over German; "C" < "c"
    labelled(store, x, '"Xe"@fr', '"Xd"@de')  # a second graph: only German and French there
    assert names(store)[x] == [Literal("COBRA")]
    store.drop_graph(f"{x}/graph/3")  # the untagged labels go with their graph
    assert names(store)[x] == [Literal("Xd", lang="de")]
    store.drop_graph(f"{x}/graph/2")
    assert x not in names(store)


def test_an_index_without_names_is_rebuilt_when_opened_for_writing(tmp_path):
    store = gd.fill(open_store(tmp_path / "s", write=True))
    store.update(f"DELETE WHERE {{ GRAPH <{LABELS_GRAPH}> {{ ?s {PREF} ?n }} }}")  # an index of older versions
    store.close()
    open_store(tmp_path / "s", write=True).close()
    with open_store(tmp_path / "s") as reader:
        assert names(reader)[gd.iri(gd.RUS)] == [Literal("Russia", lang="en")]
