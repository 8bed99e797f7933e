"""Generate :mod:`kg.vocab` from ``ontology/armskg.ttl``.

Run ``python -m kg.vocabgen`` after editing the ontology; a test checks that the
generated module is up to date, so the Python vocabulary never drifts from the
ontology and a misspelt term raises instead of minting a new IRI.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib import OWL, RDF, Graph, URIRef

from kg.resources import PACKAGE_DIR, ontology_path

NAMESPACE = "https://w3id.org/armskg/ontology#"
TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)


def terms(ontology: Path | None = None) -> list[str]:
    """Local names of every class, property and individual the ontology declares."""
    graph = Graph().parse(ontology or ontology_path(), format="turtle")
    names = {
        str(s)[len(NAMESPACE):]
        for t in TYPES
        for s in graph.subjects(RDF.type, t)
        if isinstance(s, URIRef) and str(s).startswith(NAMESPACE)
    }
    return sorted(names, key=lambda n: (n[0].islower(), n))


def render(names: list[str]) -> str:
    """The source text of ``kg/vocab.py`` for these term names."""
    lines = [
        '"""The armskg vocabulary, generated from ontology/armskg.ttl by kg.vocabgen.',
        "",
        "Do not edit: run ``python -m kg.vocabgen``. Unknown terms raise:",
        "",
        ">>> AKG.ArmsDeal",
        "rdflib.term.URIRef('https://w3id.org/armskg/ontology#ArmsDeal')",
        '"""',
        "",
        "from rdflib.namespace import DefinedNamespace, Namespace",
        "from rdflib.term import URIRef",
        "",
        "",
        "class AKG(DefinedNamespace):",
        '    """Terms of the armskg ontology."""',
        "",
        "    _fail = True",
        f'    _NS = Namespace("{NAMESPACE}")',
        "",
    ]
    lines += [f"    {name}: URIRef" for name in names]
    return "\n".join(lines) + "\n"


def main() -> int:
    target = PACKAGE_DIR / "vocab.py"
    target.write_text(render(terms()), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
