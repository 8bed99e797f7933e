"""Ready-made queries: the embedded Oxigraph store against an rdflib in-memory Graph, same data, same run.

Two datasets: the SIPRI trade register as ``kg import sipri`` stores it, and a
synthetic store of about 5 million triples made of article graphs with the
same shape (article node, entity descriptions, deals with evidence). Each part
runs in its own subprocess so its peak memory (``ru_maxrss``) is its own.

    .venv/bin/python bench/bench_store.py                    # both datasets
    .venv/bin/python bench/bench_store.py --triples 1000000  # a smaller synthetic store
    .venv/bin/python bench/bench_store.py --part sipri-oxigraph   # one part, JSON out

Oxigraph times are ``EmbeddedStore.query`` (what ``kg query`` does: results
converted to rdflib terms) and the bare engine (pyoxigraph, results iterated);
rdflib times are ``Graph.query`` with the rows listed, each query stopped after
``--cap`` seconds (reported as "> cap").
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
REGISTER = ROOT.parent / "shared" / "data" / "sipri" / "trade-register-2025-03-13.csv"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ------------------------------------------------------------------ data

def sipri_data() -> tuple[bytes, str]:
    """N-Quads of the SIPRI release graph."""
    from kg.sipri import build_ntriples

    graph, data, _ = build_ntriples(REGISTER)
    return data, graph


def label_index(nquads: bytes) -> bytes:
    """The label index graph (:mod:`kg.store.labelindex`) of N-Quads, built by the store's own update.

    Only the label lines go through a scratch in-memory store, so rdflib and Oxigraph then load the
    same bytes.
    """
    import pyoxigraph as ox

    from kg.mapping import LABELS_GRAPH
    from kg.store import labelindex

    label = b" <http://www.w3.org/2000/01/rdf-schema#label> "
    scratch = ox.Store()
    scratch.load(b"\n".join(line for line in nquads.splitlines() if label in line), format=ox.RdfFormat.N_QUADS)
    scratch.update(labelindex.REBUILD)
    quads = scratch.quads_for_pattern(None, None, None, ox.NamedNode(str(LABELS_GRAPH)))
    return ox.serialize(sorted(quads, key=str), format=ox.RdfFormat.N_QUADS)


def synthetic_data(target: int, seed: int = 5) -> tuple[bytes, int]:
    """N-Quads of article graphs shaped like extraction output, about ``target`` triples."""
    from kg import mapping
    from kg.facts import Article, Deal, Entity, Evidence, Ref
    from kg.sipri import Names, _nt

    rng = random.Random(seed)
    countries = sorted({e.ref.key for e in Names.load().countries.values()})
    weapons = [f"W-{i}" for i in range(3000)]
    statuses = ["proposed", "agreed", "delivered", "refused", "cancelled"]
    lines: list[str] = []

    class Sink:
        graph = ""

        def add(self, triple) -> None:
            s, p, o = triple
            lines.append(f"{_nt(s)} {_nt(p)} {_nt(o)} {self.graph} .\n")

    sink = Sink()
    n = 0
    while len(lines) < target:
        article = Article(f"synthetic-{n}", f"synthetic-{n}.txt", "", date=f"{rng.randint(1990, 2025)}-06", lang="fr")
        iri = mapping.article_iri(article)
        sink.graph = f"<{iri}>"
        mapping.add_article(sink, article, content_hash=f"{n:064x}")
        refs = set()
        for _ in range(100):
            s, r = rng.sample(countries, 2)
            deal = Deal(Ref.country(s), Ref.country(r), Ref.weapon(rng.choice(weapons)), rng.choice(statuses),
                        rng.randint(1990, 2025), Evidence(f"{s} sells to {r} in article {n}."),
                        number_ordered=rng.randint(1, 100))
            mapping.add_fact(sink, deal, iri)
            refs |= {deal.supplier, deal.recipient, deal.weapon}
        for ref in refs:
            mapping._add_entity(sink, Entity(ref, ((ref.key, "en"), (ref.key.lower(), "fr"))), iri)
        n += 1
    return "".join(lines).encode("utf-8"), len(lines)


# --------------------------------------------------------------- queries

def queries(dataset: str = "sipri") -> list[tuple[str, str, dict]]:
    """(name, text, bindings): every ready-made query unbound, then each bound as an analyst would ask it.

    ``fact`` is bound to the smallest deal IRI, looked up in the store at run time (:func:`resolve`).
    """
    from rdflib import Literal, URIRef

    from kg.facts import Ref
    from kg.mapping import STATUS_IRI, entity_iri
    from kg.queries import list_queries

    texts = {q.name: q.text for q in list_queries()}
    weapon = Ref.weapon("S-400") if dataset == "sipri" else Ref.weapon("W-7")
    year = Literal(2020, datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer"))
    bound = [
        ("deals", "supplier=RUS", {"supplier": entity_iri(Ref.country("RUS"))}),
        ("deals-by-recipient", "recipient=TUR", {"recipient": entity_iri(Ref.country("TUR"))}),
        ("deals-by-supplier", "supplier=FRA", {"supplier": entity_iri(Ref.country("FRA"))}),
        ("deals-by-weapon", f"weapon={weapon.key}", {"weapon": entity_iri(weapon)}),
        ("deals-by-status", "status=agreed", {"status": STATUS_IRI["agreed"]}),
        ("deals-by-year", "since=2020", {"since": year}),
        ("timeline", "actor=TUR since=2020", {"actor": entity_iri(Ref.country("TUR")), "since": year}),
        ("evidence", "fact=(a deal)", {"fact": FIRST_DEAL}),
        ("sanctions", "target=TUR", {"target": entity_iri(Ref.country("TUR"))}),
        ("alliance-outside-buyers", "alliance=NATO", {"alliance": entity_iri(Ref.alliance("NATO"))}),
        ("leaders", "of=RUS", {"of": entity_iri(Ref.country("RUS"))}),
    ]
    found = [(name, text, {}) for name, text in sorted(texts.items())]
    found += [(f"{name} {label}", texts[name], b) for name, label, b in bound if name in texts]
    return found


FIRST_DEAL = "first-deal"
_FIRST_DEAL_QUERY = """SELECT (MIN(STR(?d)) AS ?first)
WHERE { ?d <https://w3id.org/armskg/ontology#supplier> ?s }"""


def resolve(bindings: dict, ask) -> dict:
    """Bindings with the :data:`FIRST_DEAL` placeholder replaced through ``ask(sparql) -> first value``."""
    from rdflib import URIRef

    return {k: URIRef(ask(_FIRST_DEAL_QUERY)) if v == FIRST_DEAL else v for k, v in bindings.items()}


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout


def run_query(folder: str, index: int, runs: int, dataset: str) -> dict:
    """Median time of one ready-made query on an existing store folder (kg API and bare engine)."""
    from kg.store import bind_values, open_store

    name, text, bindings = queries(dataset)[index]
    store = open_store(Path(folder) / "store")
    bindings = resolve(bindings, lambda q: str(store.query(q).rows[0]["first"]))
    api, bare, rows = [], [], 0
    for _ in range(runs):
        t = time.perf_counter()
        rows = len(store.query(text, bindings))
        api.append(time.perf_counter() - t)
        t = time.perf_counter()
        for _row in store.oxigraph.query(bind_values(text, bindings), use_default_graph_as_union=True):
            pass
        bare.append(time.perf_counter() - t)
    return {"api_s": statistics.median(api), "engine_s": statistics.median(bare), "rows": rows,
            "peak_mb": peak_mb()}


def run_part(part: str, runs: int, cap: float, triples: int) -> dict:
    from kg.store import bind_values

    dataset = "sipri" if part.startswith("sipri") else "synthetic"
    started = time.perf_counter()
    data, info = sipri_data() if dataset == "sipri" else synthetic_data(triples)
    if dataset == "sipri":
        data = re.sub(rb" \.\n", f" <{info}> .\n".encode(), data)
    data += label_index(data)
    built = time.perf_counter() - started
    out: dict = {"part": part, "build_s": built, "queries": {}}
    if part.endswith("oxigraph"):
        import pyoxigraph as ox

        from kg.store import open_store

        folder = tempfile.mkdtemp(prefix="kg-bench-")
        store = open_store(Path(folder) / "store", write=True)
        t = time.perf_counter()
        store.oxigraph.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        out["load_s"] = time.perf_counter() - t
        del data
        t = time.perf_counter()
        store.optimize()  # as kg import does after its bulk writes
        out["optimize_s"] = time.perf_counter() - t
        out["triples"] = store.count()
        store.close()
        for index, (name, _, _) in enumerate(queries(dataset)):
            # each query in its own process, so a runaway query can be stopped: one run capped, then the others
            command = [sys.executable, __file__, "--part", "oxigraph-query", "--store", folder, "--query", str(index),
                       "--dataset", dataset]
            try:
                done = subprocess.run(command + ["--runs", "1"], capture_output=True, text=True, check=True,
                                      timeout=cap)
                first = json.loads(done.stdout)
                budget = 30 + 6 * runs * (first["api_s"] + first["engine_s"])
                done = subprocess.run(command + ["--runs", str(runs)], capture_output=True, text=True, check=True,
                                      timeout=budget)
                out["queries"][name] = json.loads(done.stdout)
            except subprocess.TimeoutExpired:
                out["queries"][name] = {"api_s": None, "engine_s": None, "rows": None, "cap": cap}
    else:
        from rdflib import Dataset

        g = Dataset(default_union=True)  # the store's model: named graphs, queried through their union
        t = time.perf_counter()
        g.parse(data=data, format="nquads")
        out["load_s"] = time.perf_counter() - t
        del data
        from kg.mapping import LABELS_GRAPH

        out["triples"] = sum(len(x) for x in g.graphs() if x.identifier != LABELS_GRAPH)
        signal.signal(signal.SIGALRM, _alarm)
        for name, text, bindings in queries(dataset):
            bindings = resolve(bindings, lambda q: str(next(iter(g.query(q)))[0]))
            times, rows = [], None
            for _ in range(runs):
                signal.setitimer(signal.ITIMER_REAL, cap)
                t = time.perf_counter()
                try:
                    rows = len(list(g.query(bind_values(text, bindings))))
                    times.append(time.perf_counter() - t)
                except Timeout:
                    times = None
                    break
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                if times and sum(times) > cap:  # slow: one run is enough
                    break
            out["queries"][name] = {"s": statistics.median(times) if times else None, "rows": rows, "cap": cap}
    out["peak_mb"] = peak_mb()
    return out


# ------------------------------------------------------------------ report

def _fmt(seconds: float | None, cap: float | None = None) -> str:
    if seconds is None:
        return f"> {cap:g} s"
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def median_line(api: list[float | None], base: list[float | None]) -> str:
    """The medians over the query set, and their ratio.

    A stopped query ran past the cap, so it ranks after every finished one (taken as infinite).

    >>> median_line([0.05, 0.2, None], [1.0, 3.0, None])
    'Median over the 3 queries: kg API 200.0 ms, rdflib 3.00 s (15x); kg API under 100 ms: 1 of 3.'
    """
    def median(times: list[float | None]) -> float:
        return statistics.median([x if x is not None else float("inf") for x in times])

    ours, theirs = median(api), median(base)
    fast = sum(1 for x in api if x is not None and x < 0.1)
    if theirs == float("inf"):  # more than half of the baseline was stopped
        theirs_text, ratio = "over the cap", "n/a"
    else:
        theirs_text, ratio = _fmt(theirs), f"{theirs / ours:,.0f}x"
    return (f"Median over the {len(api)} queries: kg API {_fmt(ours)}, rdflib {theirs_text} ({ratio}); "
            f"kg API under 100 ms: {fast} of {len(api)}.")


def report(ox_part: dict, rdf_part: dict, title: str) -> str:
    lines = [f"### {title}", "",
             f"Oxigraph: {ox_part['triples']:,} triples, bulk load {ox_part['load_s']:.1f} s, "
             f"optimize {ox_part.get('optimize_s', 0):.1f} s, "
             f"peak RSS {ox_part['peak_mb']:,.0f} MB. rdflib: {rdf_part['triples']:,} triples (union), "
             f"parse {rdf_part['load_s']:.1f} s, peak RSS {rdf_part['peak_mb']:,.0f} MB.", "",
             "| query | rows | kg API (Oxigraph) | engine only | rdflib Dataset | rdflib / kg API |",
             "|---|---|---|---|---|---|"]
    for name, q in ox_part["queries"].items():
        r = rdf_part["queries"].get(name, {})
        if q["api_s"] is None:
            ratio = "n/a"
        elif r.get("s") is None:
            ratio = f"> {r.get('cap', 0) / q['api_s']:,.0f}x"
        else:
            x = r["s"] / q["api_s"]
            ratio = f"{x:,.0f}x" if x >= 1 else f"{x:.2g}x"
        rows = f"{q['rows']:,}" if q["rows"] is not None else (f"{r['rows']:,}" if r.get("rows") is not None else "?")
        peak = max([ox_part["peak_mb"]] + [x.get("peak_mb", 0) for x in ox_part["queries"].values()])
        lines.append(f"| {name} | {rows} | {_fmt(q['api_s'], q.get('cap'))} | {_fmt(q['engine_s'], q.get('cap'))} | "
                     f"{_fmt(r.get('s'), r.get('cap'))} | {ratio} |")
    lines.append("")
    api = [q["api_s"] for q in ox_part["queries"].values()]
    if any(x is not None for x in api):
        base = [rdf_part["queries"].get(name, {}).get("s") for name in ox_part["queries"]]
        lines.append(median_line(api, base))
    lines.append(f"Peak RSS of the Oxigraph query processes: {peak:,.0f} MB.")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=["sipri-oxigraph", "sipri-rdflib", "synthetic-oxigraph", "synthetic-rdflib",
                                           "oxigraph-query"])
    parser.add_argument("--store", help="(oxigraph-query) the store folder")
    parser.add_argument("--query", type=int, help="(oxigraph-query) the index of the query")
    parser.add_argument("--dataset", default="sipri", help="(oxigraph-query) sipri or synthetic")
    parser.add_argument("--runs", type=int, default=7, help="runs per query (median)")
    parser.add_argument("--cap", type=float, default=30.0, help="seconds before an rdflib query is stopped")
    parser.add_argument("--triples", type=int, default=5_000_000, help="size of the synthetic store")
    parser.add_argument("--only", choices=["sipri", "synthetic"], help="run one dataset")
    args = parser.parse_args()
    if args.part == "oxigraph-query":
        print(json.dumps(run_query(args.store, args.query, args.runs, args.dataset)))
        return
    if args.part:
        print(json.dumps(run_part(args.part, args.runs, args.cap, args.triples)))
        return
    results = {}
    for dataset in (["sipri", "synthetic"] if not args.only else [args.only]):
        if dataset == "sipri" and not REGISTER.is_file():
            print(f"skipping SIPRI: {REGISTER} not found", file=sys.stderr)
            continue
        for engine in ("oxigraph", "rdflib"):
            part = f"{dataset}-{engine}"
            print(f"running {part} ...", file=sys.stderr, flush=True)
            t = time.perf_counter()
            done = subprocess.run([sys.executable, __file__, "--part", part, "--runs", str(args.runs),
                                   "--cap", str(args.cap), "--triples", str(args.triples)],
                                  capture_output=True, text=True, check=True)
            results[part] = json.loads(done.stdout)
            print(f"  {time.perf_counter() - t:.0f} s", file=sys.stderr, flush=True)
        print(report(results[f"{dataset}-oxigraph"], results[f"{dataset}-rdflib"],
                     "SIPRI trade register" if dataset == "sipri" else f"Synthetic, {args.triples:,} triples target"))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
