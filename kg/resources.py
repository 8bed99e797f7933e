"""Where the files that ship with armskg live (ontology, shapes, tables, queries).

In a wheel the ontology is copied to ``kg/ontology``; in a source checkout it is
the top-level ``ontology/`` folder.

>>> ontology_path().name
'armskg.ttl'
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
QUERIES_DIR = PACKAGE_DIR / "queries"


def ontology_dir() -> Path:
    """The folder holding ``armskg.ttl`` and ``shapes.ttl``."""
    for candidate in (PACKAGE_DIR / "ontology", PACKAGE_DIR.parent / "ontology"):
        if (candidate / "armskg.ttl").is_file():
            return candidate
    raise FileNotFoundError("armskg ontology not found next to the kg package")


def ontology_path() -> Path:
    """The OWL ontology in Turtle."""
    return ontology_dir() / "armskg.ttl"


def shapes_path() -> Path:
    """The SHACL shapes in Turtle."""
    return ontology_dir() / "shapes.ttl"
