"""SIPRI Arms Transfers Database exports -> deals in one named graph per release.

Two export layouts are read (see ``../shared/data/sipri/README.md``):

* the *trade register* (``Recipient,Supplier,Year of order, ,Number ordered, ,...``):
  one row per deal, ISO-8859-1, the unnamed columns hold ``?`` flags for the
  value before them, delivery years joined by ``; ``;
* the newer *by delivery* export (``SIPRI AT Database ID,Supplier,Recipient,...``):
  one row per deal and delivery year, UTF-8; rows are grouped by the SIPRI id.

Both start with notes lines (the header line is found, not assumed at line 12)
whose ``Data generated:`` date names the release. The encoding is detected
(UTF-8, else ISO-8859-1).

Names are mapped to the same keys as text extraction uses: SIPRI country names
through the ``sipri`` column (then the names and aliases) of
``kg/data/countries.tsv``; organisations marked ``**`` (NATO, United Nations,
...) to alliance keys; designations through the aliases of
``kg/data/weapons.tsv`` (compared without case, spaces or hyphens), else the
designation itself becomes the weapon key (so its IRI is the one text
extraction would mint for it).

Status mapping. SIPRI's ``status`` column says whether the weapons are
``New``, ``Second hand`` or ``Second hand but modernized``: it is the condition
of the weapons, not the progress of the deal, and is kept in the evidence text.
The deal status comes from deliveries: ``delivered`` when any unit or any
delivery year is recorded, else ``agreed`` (SIPRI records orders and
licences; cancelled orders are removed from the database), except the rows
whose comment says the weapon was "selected but not (yet) ordered": SIPRI
lists those ahead of the order, and they are ``proposed``.

Volumes. SIPRI's trend-indicator values (TIV, millions) are kept as numbers: per unit, for the
whole order (trade register) and delivered. The delivery-year export also gives each deal its
yearly deliveries (:class:`kg.facts.Delivery`: year, units, TIV), which the ``tiv-*`` ready-made
queries and ``kg chart`` sum.

Rows that cannot be mapped (non-state recipients marked ``*``, "unknown"
parties, a country name not in the table, a malformed row) are returned with
their line numbers, never dropped silently. A file of another layout, or one
that ends in the middle of a row, raises :class:`SipriError` naming the file
and line.

>>> _clean_designation("EMB-314 -")
'EMB-314'
>>> _norm("S-400  triumf")
's400triumf'
"""

from __future__ import annotations

import csv
import io
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS

from kg import mapping
from kg.dates import DateError, parse_date
from kg.facts import Article, Deal, Delivery, Entity, Evidence, Ref, slug
from kg.loaders import LoadError
from kg.resources import DATA_DIR

__all__ = [
    "ImportReport",
    "Names",
    "SipriError",
    "SipriRow",
    "import_sipri",
    "read_sipri",
    "release_of",
    "sipri_graph",
]

REGISTER = "trade-register"
DELIVERIES = "by-delivery"

REGISTER_COLUMNS = (
    "Recipient", "Supplier", "Year of order", "", "Number ordered", "", "Weapon designation",
    "Weapon description", "Number delivered", "", "Year(s) of delivery", "status", "Comments",
    "SIPRI TIV per unit", "SIPRI TIV for total order", "SIPRI TIV of delivered weapons",
)
DELIVERY_COLUMNS = (
    "SIPRI AT Database ID", "Supplier", "Recipient", "Designation", "Description", "Armament category",
    "Order date", "Order date is estimate", "Numbers delivered", "Numbers delivered is estimate",
    "Delivery year", "Delivery year is estimate", "Status", "SIPRI estimate", "TIV deal unit",
    "TIV delivery values", "Local production",
)
_LAYOUTS = {REGISTER: REGISTER_COLUMNS, DELIVERIES: DELIVERY_COLUMNS}
_HEADER_SCAN = 40  # lines searched for the header

class SipriError(LoadError):
    """The file is not a SIPRI export this module reads, or it is damaged."""


# ------------------------------------------------------------------ tables

def _read_table(path: Path) -> list[dict[str, str]]:
    """Rows of a gazetteer table: ``#`` comment lines, a header line, tab-separated cells.

    (Private stand-in until :mod:`kg.gazetteer` exists.)
    """
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or (header is None and line.startswith("#")):
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            continue
        rows.append({h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)})
    return rows


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _norm(name: str) -> str:
    """A designation compared without case, accents, spaces or hyphens."""
    return slug(name).replace("-", "")


def _clean_designation(text: str) -> str:
    """SIPRI's designation without the trailing `` -`` placeholders of the newer export."""
    return re.sub(r"(\s+-+)+$", "", text.strip()).strip()


@dataclass
class Names:
    """Name lookups: SIPRI country names -> country entities, designations -> weapon keys."""

    countries: dict[str, Entity] = field(default_factory=dict)
    weapons: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # norm -> (key, category)
    organisations: dict[str, Entity] = field(default_factory=dict)

    @classmethod
    def load(cls, countries: Path | None = None, weapons: Path | None = None,
             alliances: Path | None = None) -> Names:
        """Read the countries, weapons and alliances tables (default: the ones in ``kg/data``)."""
        countries = countries or DATA_DIR / "countries.tsv"
        weapons = weapons or DATA_DIR / "weapons.tsv"
        alliances = alliances or DATA_DIR / "alliances.tsv"
        names = cls()
        if not countries.is_file():
            raise SipriError(f"the countries table {countries} is missing; reinstall armskg")
        for row in _read_table(countries):
            iso3 = row.get("iso3", "").upper()
            if not iso3:
                continue
            labels = tuple((row[c], lang) for c, lang in (("name_en", "en"), ("name_fr", "fr")) if row.get(c))
            entity = Entity(Ref.country(iso3), labels=labels, wikidata=row.get("wikidata") or None)
            # SIPRI's own names win over names and aliases of other states.
            ordered = [row.get("name_en", ""), row.get("name_fr", ""), *_split(row.get("aliases_en", "")),
                       *_split(row.get("aliases_fr", "")), iso3]
            for name in ordered:
                if name:
                    names.countries.setdefault(slug(name), entity)
        for row in _read_table(countries):
            iso3 = row.get("iso3", "").upper()
            for name in _split(row.get("sipri", "")):
                names.countries[slug(name)] = names.countries[slug(iso3)]
        if alliances.is_file():
            for row in _read_table(alliances):
                labels = tuple((row[c], lang) for c, lang in (("name_en", "en"), ("name_fr", "fr")) if row.get(c))
                entity = Entity(Ref.alliance(row["key"]), labels=labels, wikidata=row.get("wikidata") or None)
                for name in [row["key"], *_split(row.get("sipri", ""))]:
                    names.organisations[slug(name)] = entity
        if weapons.is_file():
            for row in _read_table(weapons):
                key = row.get("key", "")
                if not key:
                    continue
                for name in [key, *_split(row.get("aliases", ""))]:
                    names.weapons.setdefault(_norm(name), (key, row.get("category") or None))
        return names

    def party(self, sipri_name: str) -> tuple[Entity | None, str | None]:
        """The entity a SIPRI party name denotes, or ``(None, reason)`` when it cannot be mapped."""
        name = sipri_name.strip()
        if not name:
            return None, "empty party name"
        if name.lower().startswith("unknown"):
            return None, f"unknown party {name!r}"
        if name.endswith("**"):
            bare = name.rstrip("*").strip()
            found = self.organisations.get(slug(bare))
            if found is None:
                return None, f"organisation {name!r} is not in the alliances table"
            return Entity(found.ref, found.labels, (bare,), found.wikidata), None
        if name.endswith("*"):
            return None, f"non-state party {name!r}"
        entity = self.countries.get(slug(name))
        if entity is None:
            return None, f"country name {name!r} is not in the countries table"
        if name not in {text for text, _ in entity.labels}:
            entity = Entity(entity.ref, entity.labels, (name,), entity.wikidata)
        return entity, None

    def weapon(self, designation: str, description: str, category: str | None) -> Entity:
        """The weapon entity for a SIPRI designation: catalogue key if known, else the designation."""
        found = self.weapons.get(_norm(designation))
        if found is None:
            # A variant with a trailing calibre or name ("2S19 MSTA-S 152mm"): try its first word too.
            first = designation.split(" ")[0]
            found = self.weapons.get(_norm(first)) if first != designation and len(_norm(first)) > 3 else None
        key, cat = found if found else (designation, None)
        names = (designation,) if designation != key else ()
        return Entity(Ref.weapon(key), labels=((key, ""),), names=names, category=cat or category or None,
                      description=description or None)


# -------------------------------------------------------------------- rows

@dataclass(frozen=True)
class SipriRow:
    """One deal of the export (a grouped deal starts at ``line``), or why it was skipped."""

    line: int
    deal: Deal | None
    entities: tuple[Entity, ...] = ()
    problem: str | None = None


@dataclass(frozen=True)
class Release:
    """What the notes say about the export: its layout and the date SIPRI generated it."""

    layout: str
    date: str | None
    header_line: int
    #: A warning about the release's date (one taken from the file name that is not a calendar date).
    note: str | None = None

    def id(self) -> str:
        """``sipri-trade-register-2025-03-13``."""
        return f"sipri-{self.layout}-{self.date or 'undated'}"


def _decode(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise SipriError(f"cannot read {path}: {e.strerror or e}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("iso-8859-1")


def _generated(lines: list[str]) -> str | None:
    for line in lines:
        m = re.match(r"\s*Data generated:\s*(\d{1,2} \w{3} \d{4})", line)
        if m:
            try:
                return datetime.strptime(m.group(1), "%d %b %Y").date().isoformat()
            except ValueError:
                return None
    return None


def _find_header(path: Path, lines: list[str]) -> Release:
    for i, line in enumerate(lines[:_HEADER_SCAN]):
        cells = next(csv.reader([line]), [])
        for layout, columns in _LAYOUTS.items():
            if cells[:3] == list(columns[:3]) or [c.strip() for c in cells[:3]] == [c.strip() for c in columns[:3]]:
                if tuple(c.strip() for c in cells) != tuple(c.strip() for c in columns):
                    raise SipriError(
                        f"{path}, line {i + 1}: unexpected columns for a SIPRI {layout} export "
                        f"({len(cells)} instead of {len(columns)}); export the file again from SIPRI"
                    )
                date, note = _generated(lines[:i]), None
                if date is None:
                    m = re.search(r"(\d{4}-\d{2}-\d{2})", path.name)
                    date = m.group(1) if m else None
                    if date is not None:
                        try:
                            date = parse_date(date)
                        except DateError:
                            note = (f"{path}: the date {date!r} in the file name is not a calendar date; "
                                    "the release is imported as undated")
                            date = None
                return Release(layout, date, i + 1, note)
    raise SipriError(
        f"{path}: not a SIPRI export (no header line 'Recipient,Supplier,Year of order,...' or "
        f"'SIPRI AT Database ID,Supplier,...' in the first {_HEADER_SCAN} lines)"
    )


def _csv_rows(path: Path, text: str, release: Release) -> Iterator[tuple[int, list[str]]]:
    """(first line number, cells) of each data row; rows broken by a stray line break are rejoined."""
    width = len(_LAYOUTS[release.layout])
    body = text.split("\n", release.header_line)[-1] if release.header_line else text
    reader = csv.reader(io.StringIO(body, newline=""))
    offset = release.header_line
    pending: tuple[int, list[str]] | None = None
    last = 0
    try:
        for cells in reader:
            start = offset + last + 1
            last = reader.line_num
            if not cells or cells == [""] * len(cells):
                continue
            if pending is not None:
                first_line, head = pending
                pending = None
                joined = head[:-1] + [f"{head[-1]} {cells[0]}".strip()] + cells[1:]
                if len(joined) == width:
                    yield first_line, joined
                    continue
                yield first_line, head  # reported as malformed by the caller
            if len(cells) < width:
                pending = (start, cells)
                continue
            yield start, cells
    except csv.Error as e:
        raise SipriError(f"{path}, line {offset + reader.line_num}: not readable as CSV ({e})") from None
    if pending is not None:
        first_line, _ = pending
        if not text.endswith("\n"):
            raise SipriError(
                f"{path}, line {first_line}: the file ends in the middle of a row (cut download?); "
                "export it again from SIPRI"
            )
        yield pending


def _int(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() else None


def _float(text: str) -> float | None:
    text = text.strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return None


def _years(text: str) -> tuple[int, ...]:
    return tuple(sorted({int(y) for y in re.findall(r"\b(\d{4})\b", text)}))


def _evidence(release: Release, line: int, supplier: str, recipient: str, designation: str, description: str,
              ordered: int | None, year: int | None, delivered_years: tuple[int, ...], condition: str) -> Evidence:
    what = f"{ordered} " if ordered is not None else ""
    text = f"SIPRI {release.layout.replace('-', ' ')} {release.date or ''}, line {line}: ".replace(" ,", ",")
    text += f"{recipient} <- {supplier}, {what}{designation}"
    if description:
        text += f" ({description})"
    if year is not None:
        text += f", ordered {year}"
    if delivered_years:
        first, last = delivered_years[0], delivered_years[-1]
        text += f", delivered {first}" if first == last else f", delivered {first}-{last}"
    if condition and condition != "New":
        text += f", {condition.lower()}"
    return Evidence(text)


_SELECTED = re.compile(r"\bselected\b[^;]*\bnot (?:yet )?ordered\b", re.IGNORECASE)


def _selected_only(comments: str | None) -> bool:
    """Whether SIPRI's comment says the weapon was chosen but not ordered yet.

    >>> _selected_only("FGM-148F version; possibly selected 2023 but not yet ordered by end-2023")
    True
    >>> _selected_only("Selected 2019; ordered 2021")
    False
    """
    return bool(comments and _SELECTED.search(comments))


def _row_deal(names: Names, release: Release, line: int, supplier_name: str, recipient_name: str,
              designation: str, description: str, category: str | None, **details) -> SipriRow:
    supplier, why = names.party(supplier_name)
    if supplier is None:
        return SipriRow(line, None, problem=f"supplier: {why}")
    recipient, why = names.party(recipient_name)
    if recipient is None:
        return SipriRow(line, None, problem=f"recipient: {why}")
    designation = _clean_designation(designation)
    if not designation:
        return SipriRow(line, None, problem="no weapon designation")
    weapon = names.weapon(designation, description, category)
    if details["year"] is None:
        return SipriRow(line, None, problem="no year of order")
    if not 1 <= details["year"] <= 9999:
        return SipriRow(line, None, problem=f"year of order {details['year']} is not a year")
    details["delivery_years"] = tuple(y for y in details["delivery_years"] if y >= 1)
    condition = details.pop("condition")
    delivered = bool(details["number_delivered"]) or bool(details["delivery_years"])
    evidence = _evidence(release, line, supplier_name, recipient_name, designation, description,
                         details["number_ordered"], details["year"], details["delivery_years"], condition)
    status = "delivered" if delivered else "proposed" if _selected_only(details["comments"]) else "agreed"
    deal = Deal(supplier.ref, recipient.ref, weapon.ref, status,
                evidence=evidence, description=description or None, **details)
    return SipriRow(line, deal, (supplier, recipient, weapon))


def _register_rows(names: Names, release: Release, rows: Iterator[tuple[int, list[str]]]) -> Iterator[SipriRow]:
    width = len(REGISTER_COLUMNS)
    for line, c in rows:
        if len(c) != width:
            yield SipriRow(line, None, problem=f"malformed row: {len(c)} fields instead of {width}")
            continue
        flags = {"year": c[3], "number_ordered": c[5], "number_delivered": c[9]}
        yield _row_deal(
            names, release, line, c[1], c[0], c[6], c[7].strip(), None,
            year=_int(c[2]), number_ordered=_int(c[4]), number_delivered=_int(c[8]),
            delivery_years=_years(c[10]), comments=c[12].strip() or None,
            tiv_per_unit=_float(c[13]), tiv_total=_float(c[14]), tiv_delivered=_float(c[15]),
            uncertain=tuple(k for k, v in flags.items() if v.strip() == "?"), condition=c[11].strip(),
        )


def _delivery_rows(names: Names, release: Release, rows: Iterator[tuple[int, list[str]]]) -> Iterator[SipriRow]:
    width = len(DELIVERY_COLUMNS)
    groups: dict[str, list[tuple[int, list[str]]]] = {}
    for line, c in rows:
        if len(c) != width or not c[0].strip():
            yield SipriRow(line, None, problem=f"malformed row: {len(c)} fields instead of {width}")
            continue
        groups.setdefault(c[0].strip(), []).append((line, c))
    for record_id, group in groups.items():
        line, c = group[0]
        delivered = [_int(r[8]) for _, r in group]
        tivs = [_float(r[15]) for _, r in group]
        flags = {"year": c[7], "number_delivered": "Yes" if any(r[9] == "Yes" for _, r in group) else "",
                 "delivery_years": "Yes" if any(r[11] == "Yes" for _, r in group) else ""}
        total_tiv = sum(t for t in tivs if t is not None) if any(t is not None for t in tivs) else None
        yield _row_deal(
            names, release, line, c[1], c[2], c[3], c[4].strip(), c[5].strip() or None,
            year=_int(c[6]), number_ordered=None,
            number_delivered=sum(d for d in delivered if d) if any(d is not None for d in delivered) else None,
            delivery_years=_years(" ".join(r[10] for _, r in group)), comments=None,
            tiv_per_unit=_float(c[14]), tiv_total=None,
            tiv_delivered=round(total_tiv, 3) if total_tiv is not None else None,
            record_id=record_id, uncertain=tuple(k for k, v in flags.items() if v.strip() == "Yes"),
            condition=c[12].strip(), deliveries=_deliveries(group),
        )


def _deliveries(group: list[tuple[int, list[str]]]) -> tuple[Delivery, ...]:
    """The yearly deliveries of one record of the delivery-year export: units and TIV per year.

    Rows of the same year are added up (SIPRI gives one row per year; a repeat is not lost).
    """
    by_year: dict[int, list] = {}
    for _, r in group:
        year = _int(r[10])
        if year is None:
            continue
        units, tiv = _int(r[8]), _float(r[15])
        total = by_year.setdefault(year, [None, None])
        if units is not None:
            total[0] = (total[0] or 0) + units
        if tiv is not None:
            total[1] = round((total[1] or 0.0) + tiv, 6)
    return tuple(Delivery(year, units, tiv) for year, (units, tiv) in sorted(by_year.items()))


def release_of(path: Path) -> Release:
    """The layout and generation date of a SIPRI export (reads only its first lines)."""
    path = Path(path)
    return _find_header(path, _decode(path).splitlines()[:_HEADER_SCAN])


def _note_repeats(rows: Iterator[tuple[int, list[str]]],
                  repeats: list[tuple[int, int]]) -> Iterator[tuple[int, list[str]]]:
    """Pass rows on, noting each that repeats an earlier one verbatim as (its line, the first one's line)."""
    first: dict[tuple[str, ...], int] = {}
    for line, cells in rows:
        key = tuple(cells)
        if key in first:
            repeats.append((line, first[key]))
        else:
            first[key] = line
        yield line, cells


def read_sipri(path: Path | str, names: Names | None = None,
               repeats: list[tuple[int, int]] | None = None) -> Iterator[SipriRow]:
    """Every deal of a SIPRI export, or the reason a row was skipped, with its line number.

    ``names`` defaults to the tables shipped in ``kg/data``. Rows that repeat
    an earlier row verbatim are read as rows of their own (SIPRI's register
    has distinct records that are identical, such as two second-hand DC-6 to
    El Salvador in 1977), and noted in ``repeats`` as (line, earlier line).
    """
    path = Path(path)
    text = _decode(path)
    release = _find_header(path, text.splitlines()[:_HEADER_SCAN])
    names = names or Names.load()
    rows = _csv_rows(path, text, release)
    if repeats is not None:
        rows = _note_repeats(rows, repeats)
    if release.layout == REGISTER:
        yield from _register_rows(names, release, rows)
    else:
        yield from _delivery_rows(names, release, rows)


# ------------------------------------------------------------------ import

@dataclass
class ImportReport:
    """What an import did: the release graph, counts, and the rows it skipped with their lines."""

    graph: str
    release: str
    deals: int = 0
    triples: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)
    seconds: float = 0.0
    #: Rows that repeat an earlier row verbatim, as (line, earlier line): each is a deal of its own.
    repeated: list[tuple[int, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self, show: int = 5) -> str:
        """One line: deals, triples, skipped rows and repeated rows (the first few line numbers and the count)."""
        text = f"{self.deals} deals imported from {self.release}, {self.triples} triples"
        if self.skipped:
            lines = ", ".join(str(line) for line, _ in self.skipped[:show])
            more = f", ... ({len(self.skipped) - show} more)" if len(self.skipped) > show else ""
            text += f"; {len(self.skipped)} rows skipped (lines {lines}{more})"
        else:
            text += "; no rows skipped"
        if self.repeated:
            lines = ", ".join(f"{line} = {first}" for line, first in self.repeated[:show])
            more = f", ... ({len(self.repeated) - show} more)" if len(self.repeated) > show else ""
            text += (f"; {len(self.repeated)} rows repeat an earlier row verbatim, kept as separate deals "
                     f"(lines {lines}{more})")
        return text + f" in {self.seconds:.1f} s"


def _nt(term) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        value = (str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r"))
        if term.language:
            return f'"{value}"@{term.language}'
        if term.datatype:
            return f'"{value}"^^<{term.datatype}>'
        return f'"{value}"'
    raise TypeError(f"unexpected term in a SIPRI graph: {term!r}")


class _NTriples:
    """A write-only stand-in for an rdflib Graph: ``add`` appends N-Triples lines (fast for bulk loads)."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, triple) -> None:
        s, p, o = triple
        self.lines.append(f"{_nt(s)} {_nt(p)} {_nt(o)} .\n")


def sipri_graph(release_id: str) -> str:
    """The IRI of the named graph (and source node) of a SIPRI release."""
    return str(mapping.article_iri(release_id))


def _record_iri(deal: Deal, release: URIRef, line: int) -> URIRef:
    # mapping.fact_iri keys a deal by (supplier, recipient, weapon): SIPRI has many orders with the same
    # three, so each record is keyed by its SIPRI id (or line). Uses mapping's own minting function.
    return mapping.record_iri("deal", release, deal.record_id or f"line-{line}")


def _merge(entities: dict[Ref, Entity], entity: Entity) -> None:
    old = entities.get(entity.ref)
    if old is None:
        entities[entity.ref] = entity
        return
    extra = tuple(n for n in entity.names if n not in old.names)
    if extra or (entity.description and not old.description) or (entity.category and not old.category):
        entities[entity.ref] = Entity(old.ref, old.labels, old.names + extra, old.wikidata,
                                      old.category or entity.category, old.description or entity.description)


def build_ntriples(path: Path | str, names: Names | None = None,
                   on_progress: Callable[[int], None] | None = None) -> tuple[str, bytes, ImportReport]:
    """The release graph IRI, its N-Triples, and the report (without touching a store)."""
    started = time.perf_counter()
    path = Path(path)
    release = release_of(path)
    release_id = release.id()
    graph = mapping.article_iri(release_id)
    report = ImportReport(str(graph), release_id)
    sink = _NTriples()
    title = f"SIPRI Arms Transfers Database, {release.layout.replace('-', ' ')} export generated {release.date}"
    mapping.add_article(sink, Article(release_id, path.name, "", date=release.date, lang="en", title=title))
    sink.add((graph, DCTERMS.publisher, Literal("SIPRI")))
    entities: dict[Ref, Entity] = {}
    if release.note:
        report.warnings.append(release.note)
    for n, row in enumerate(read_sipri(path, names, report.repeated), 1):
        if row.deal is None:
            report.skipped.append((row.line, row.problem or "not mapped"))
        else:
            mapping.add_fact(sink, row.deal, graph, node=_record_iri(row.deal, graph, row.line))
            for entity in row.entities:
                _merge(entities, entity)
            report.deals += 1
        if on_progress and n % 1000 == 0:
            on_progress(n)
    described = mapping.entities_graph(entities.values(), graph)
    sink.lines.append(described.serialize(format="nt", encoding="utf-8").decode("utf-8"))
    data = "".join(sink.lines).encode("utf-8")
    report.triples = len(sink.lines) - 1 + len(described)
    report.seconds = time.perf_counter() - started
    return str(graph), data, report


def import_sipri(store, path: Path | str, on_progress: Callable[[int], None] | None = None,
                 names: Names | None = None) -> ImportReport:
    """Import a SIPRI export into ``store`` as one named graph, replacing that release's graph."""
    started = time.perf_counter()
    graph, data, report = build_ntriples(path, names, on_progress)
    loader = getattr(store, "load_graph", None)
    if loader is not None:
        loader(graph, data)
    else:  # a Store without bulk loading: go through rdflib
        from rdflib import Graph

        store.replace_graph(graph, Graph().parse(data=data, format="nt"))
    store.optimize()
    report.seconds = time.perf_counter() - started
    return report
