"""Extraction as a pure map over batches of articles, written as N-Quads or TriG shards; shards into a store.

``kg extract`` plans the inputs into batches (:func:`plan_batches`: groups of
files, and line ranges of JSON Lines files, plain or gzip'd, counted in
bounded memory), extracts each batch with :func:`extract_batch` (no store is
opened) and writes one shard per batch (:func:`write_shard`):

- ``shard-000001.nq`` (N-Quads, the default) or ``shard-000001.trig`` (TriG,
  with the project's prefixes: smaller): each article its own named graph,
  exactly the graph ``kg ingest`` stores for it (its content hash included);
- ``shard-000001.json``: the manifest: the shard's file and syntax, the batch
  it came from, and per article its id, IRI, source, content hash, fact and
  triple counts; per failed article or line, its source and the error.
  Written last, so a shard with a manifest is complete; a rerun skips it.

``kg ingest`` maps the same extractor on the same engines (:func:`kg.engines.run_map`),
article by article, and stores each result as it comes back.
``kg load`` (:func:`load_shards`) loads shards into a store, skipping the
articles whose content hash the store already has.

>>> from kg.facts import Article
>>> line = nquads_of("<http://ex/s> <http://ex/p> \\"o\\" .\\n", "http://ex/g")
>>> line
'<http://ex/s> <http://ex/p> "o" <http://ex/g> .\\n'
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import socket
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

from kg.engines import Failure
from kg.extract import EXTRACTOR_VERSION, extract
from kg.facts import Article
from kg.loaders import (
    LoadError,
    LoadWarning,
    count_lines,
    expand_all_inputs,
    is_jsonl,
    iter_jsonl_range,
    load_items,
)
from kg.mapping import article_iri, to_graph
from kg.vocab import AKG

log = logging.getLogger(__name__)

__all__ = [
    "ArticleError",
    "ArticleResult",
    "Batch",
    "BatchResult",
    "ExtractReport",
    "LoadReport",
    "Part",
    "extract_batch",
    "extract_shard",
    "extract_to_shards",
    "load_shards",
    "plan_batches",
    "read_batch",
    "write_shard",
]

SHARD_FORMAT = "armskg-shard/1"
DEFAULT_BATCH = 500
#: The syntaxes a shard can be written in, with their file suffixes.
SYNTAXES = {"nquads": ".nq", "trig": ".trig"}
_HASH_PREDICATE = f"<{AKG.contentHash}>"


# ------------------------------------------------------------------- batches

@dataclass(frozen=True)
class Part:
    """A file, or lines ``start`` to ``stop - 1`` of a JSON Lines file (``stop=None``: to its end)."""

    path: str
    start: int = 1
    stop: int | None = None
    last: bool = True  # the last part of its file (for progress)


@dataclass(frozen=True)
class Batch:
    """The input of one shard: parts of files, numbered in input order."""

    index: int
    parts: tuple[Part, ...]

    @property
    def name(self) -> str:
        """``shard-000001`` for the first batch."""
        return f"shard-{self.index:06d}"

    @property
    def key(self) -> str:
        """A digest of the parts: a shard on disk is reused only for the same batch."""
        text = json.dumps([asdict(p) for p in self.parts], sort_keys=True)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def plan_batches(inputs: Iterable[str | Path], batch_size: int = DEFAULT_BATCH) -> Iterator[Batch]:
    """Cut the inputs (files, folders, globs) into batches of about ``batch_size`` articles.

    Lazy: a JSON Lines file is counted (streaming) only when the plan reaches it.

    >>> import tempfile; folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.jsonl").write_text("{}\\n" * 5, encoding="utf-8")
    >>> [[(p.start, p.stop) for p in b.parts] for b in plan_batches([folder], 2)]
    [[(1, 3)], [(3, 5)], [(5, None)]]
    """
    if batch_size < 1:
        raise ValueError(f"the batch size must be at least 1, not {batch_size}")
    index = 0
    parts: list[Part] = []
    size = 0
    for path in expand_all_inputs(inputs):
        if is_jsonl(path) and path.is_file():
            try:
                total = count_lines(path)
            except LoadError:
                total = 0
            start = 1
            while True:
                room = batch_size - size
                if total - start + 1 <= room:
                    parts.append(Part(str(path), start, None, True))
                    size += max(1, total - start + 1)
                    break
                parts.append(Part(str(path), start, start + room, False))
                start += room
                index += 1
                yield Batch(index, tuple(parts))
                parts, size = [], 0
        else:
            parts.append(Part(str(path)))
            size += 1
        if size >= batch_size:
            index += 1
            yield Batch(index, tuple(parts))
            parts, size = [], 0
    if parts:
        yield Batch(index + 1, tuple(parts))


def read_batch(batch: Batch, limit: int | None = None) -> Iterator[Article | LoadError | LoadWarning]:
    """The articles of a batch, in order, with each unreadable file or line as a :class:`LoadError`
    and each warning as a :class:`LoadWarning` (before the article it is about)."""
    for part in batch.parts:
        path = Path(part.path)
        whole = part.start <= 1 and part.stop is None
        if is_jsonl(path) and not (whole and not path.name.lower().endswith(".gz")):
            yield from iter_jsonl_range(path, part.start, part.stop, limit)
        else:
            yield from load_items(path, limit)


# ----------------------------------------------------------------- the map

@dataclass(frozen=True)
class ArticleResult:
    """One extracted article: its graph as N-Triples (``None`` when skipped as unchanged)."""

    id: str
    iri: str
    source: str
    digest: str
    facts: int
    ntriples: str | None

    @property
    def triples(self) -> int:
        return self.ntriples.count("\n") if self.ntriples else 0


@dataclass(frozen=True)
class ArticleError:
    """A file, line or article that gave no graph, and why (one line)."""

    source: str
    message: str


@dataclass
class BatchResult:
    """What :func:`extract_batch` gives for a batch: results and errors in input order."""

    batch: Batch
    items: list[ArticleResult | ArticleError] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def files_done(self) -> list[str]:
        """The files whose last part is in this batch."""
        return [p.path for p in self.batch.parts if p.last]


def extraction_error(source: str, error: BaseException | Failure) -> str:
    """The one-line report of an article whose extraction raised (here, or in a worker: a :class:`Failure`).

    >>> extraction_error("a.txt", IndexError("list index out of range"))
    'a.txt: extraction failed (IndexError: list index out of range); please report this article'
    """
    if not isinstance(error, Failure):
        text = str(error).strip()
        error = Failure(type(error).__name__, text.splitlines()[0] if text else "")
    return f"{source}: extraction failed ({error}); please report this article"


def extract_batch(batch: Batch, lang: str | None = None, limit: int | None = None,
                  known: Mapping[str, str] | None = None, force: bool = False) -> BatchResult:
    """Extract every article of ``batch`` into its graph; a bad article is an error, never the batch's.

    Articles whose IRI maps to their content hash in ``known`` are not
    extracted (``ntriples`` is ``None``), unless ``force``.
    """
    from kg.ingest import checked_article, content_hash

    started = time.perf_counter()
    result = BatchResult(batch)
    for item in read_batch(batch, limit):
        if isinstance(item, LoadError):
            result.items.append(ArticleError(_source_of(item), str(item)))
            continue
        if isinstance(item, LoadWarning):  # stored otherwise than given (an encoding guessed, a date left out)
            log.warning("%s", item.message)
            continue
        item = checked_article(item, log.warning)  # the date check kg ingest makes, so both store the same graph
        effective = lang or item.lang
        digest = content_hash(item, effective)
        iri = str(article_iri(item))
        if known is not None and not force and known.get(iri) == digest:
            result.items.append(ArticleResult(item.id, iri, item.source, digest, 0, None))
            continue
        try:
            extraction = extract(item, lang=effective)
            body = to_graph(extraction, digest).serialize(format="nt", encoding="utf-8").decode("utf-8")
        except Exception as e:  # noqa: BLE001 - one bad article must not stop its batch
            log.debug("extraction failed for %s", item.source, exc_info=e)
            result.items.append(ArticleError(item.source, extraction_error(item.source, e)))
            continue
        result.items.append(ArticleResult(item.id, iri, item.source, digest, len(extraction.facts), body))
    result.seconds = time.perf_counter() - started
    return result


def _source_of(error: LoadError) -> str:
    text = str(error)
    return text.split(": ", 1)[0] if ": " in text else text


def nquads_of(ntriples: str, graph_iri: str) -> str:
    """N-Triples (one triple a line, as rdflib writes them) as N-Quads in the named graph ``graph_iri``."""
    out = []
    suffix = f"<{graph_iri}> .\n"
    for line in ntriples.splitlines():
        line = line.rstrip()
        if line.endswith("."):
            out.append(line[:-1].rstrip() + " " + suffix)
    return "".join(out)


# ------------------------------------------------------------------ shards

def shard_files(out: Path, batch: Batch, syntax: str = "nquads") -> tuple[Path, Path]:
    """The RDF file (in ``syntax``) and the manifest of ``batch``'s shard in ``out``."""
    return out / f"{batch.name}{SYNTAXES[syntax]}", out / f"{batch.name}.json"


def manifest_file(manifest: dict) -> tuple[str, str]:
    """The file name and syntax of a manifest's shard (a manifest of an earlier version names only its N-Quads)."""
    return str(manifest.get("file", manifest.get("quads", ""))), str(manifest.get("syntax", "nquads"))


def read_manifest(path: Path) -> dict | None:
    """A shard manifest, or ``None`` if it is missing or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == SHARD_FORMAT else None


def shard_complete(out: Path, batch: Batch, lang: str | None = None, syntax: str = "nquads") -> dict | None:
    """The manifest of ``batch``'s shard if it is complete and was made from the same batch in ``syntax``,
    else ``None``."""
    quads, manifest_path = shard_files(out, batch, syntax)
    manifest = read_manifest(manifest_path)
    if (manifest is None or not manifest.get("complete") or manifest.get("batch") != batch.key
            or manifest.get("extractor") != EXTRACTOR_VERSION or manifest.get("lang") != lang
            or manifest_file(manifest) != (quads.name, syntax) or not quads.is_file()):
        return None
    return manifest


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def trig_of(nquads: bytes) -> bytes:
    """N-Quads as TriG with the project's prefixes (one block per graph, in the order of the quads).

    >>> trig_of(b'<http://ex/s> <http://ex/p> "o" <http://ex/g> .\\n').decode().split()
    ['<http://ex/g>', '{', '<http://ex/s>', '<http://ex/p>', '"o"', '.', '}']
    """
    import pyoxigraph as ox

    from kg.store.base import EXPORT_PREFIXES

    used = {prefix: ns for prefix, ns in EXPORT_PREFIXES.items() if ns.encode("utf-8") in nquads}
    return ox.serialize(ox.parse(nquads, format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.TRIG, prefixes=used)


def nquads_of_shard(data: bytes, syntax: str) -> bytes:
    """A shard file's content as N-Quads (a TriG shard is parsed by pyoxigraph); ``SyntaxError`` if malformed."""
    if syntax == "nquads":
        return data
    import pyoxigraph as ox

    return ox.serialize(ox.parse(data, format=ox.RdfFormat.TRIG), format=ox.RdfFormat.N_QUADS)


def write_shard(out: Path, result: BatchResult, lang: str | None = None, syntax: str = "nquads") -> dict:
    """Write the shard of a batch (its RDF file in ``syntax``, then its manifest) and return the manifest.

    Two articles of the batch with the same IRI: the second is an error, as in ``kg ingest``.
    """
    if syntax not in SYNTAXES:
        raise ValueError(f"unknown shard syntax {syntax!r}; use one of {', '.join(SYNTAXES)}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    quads_path, manifest_path = shard_files(out, result.batch, syntax)
    chunks: list[str] = []
    articles: list[dict] = []
    errors: list[dict] = []
    seen: dict[str, str] = {}
    for item in result.items:
        if isinstance(item, ArticleError):
            errors.append({"source": item.source, "error": item.message})
            continue
        if item.iri in seen:
            errors.append({"source": item.source,
                           "error": f"{item.source}: article id {item.id!r} is already used by {seen[item.iri]} "
                                    "in this batch; give it another id or file name"})
            continue
        seen[item.iri] = item.source
        chunks.append(nquads_of(item.ntriples or "", item.iri))
        articles.append({"id": item.id, "iri": item.iri, "source": item.source, "hash": item.digest,
                         "facts": item.facts, "triples": item.triples})
    data = "".join(chunks).encode("utf-8")
    _write_atomic(quads_path, trig_of(data) if syntax == "trig" else data)
    for other in SYNTAXES:  # the file of an earlier run in the other syntax is no longer this shard's
        stale = shard_files(out, result.batch, other)[0]
        if other != syntax and stale.exists():
            stale.unlink()
    manifest = {
        "format": SHARD_FORMAT, "shard": result.batch.name, "batch": result.batch.key,
        "parts": [asdict(p) for p in result.batch.parts], "extractor": EXTRACTOR_VERSION, "lang": lang,
        "file": quads_path.name, "syntax": syntax, "articles": articles, "errors": errors,
        "facts": sum(a["facts"] for a in articles), "triples": sum(a["triples"] for a in articles),
        "seconds": round(result.seconds, 3), "worker": f"{socket.gethostname()}:{os.getpid()}",
        "complete": True,
    }
    _write_atomic(manifest_path, json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"))
    return manifest


def _summary(manifest: dict, skipped: bool, files_done: list[str]) -> dict:
    return {"shard": manifest["shard"], "skipped": skipped, "articles": len(manifest["articles"]),
            "facts": manifest["facts"], "triples": manifest["triples"],
            "errors": [e["error"] for e in manifest["errors"]], "files_done": files_done,
            "seconds": manifest.get("seconds", 0.0)}


def extract_shard(batch: Batch, out: str | Path, lang: str | None = None, limit: int | None = None,
                  force: bool = False, syntax: str = "nquads") -> dict:
    """The task of ``kg extract``: write ``batch``'s shard into ``out`` in ``syntax`` unless a complete one
    is there.

    Returns a small summary (shard name, counts, error lines); the graphs stay on disk.
    """
    out = Path(out)
    done = None if force else shard_complete(out, batch, lang, syntax)
    if done is not None:
        return _summary(done, True, [p.path for p in batch.parts if p.last])
    result = extract_batch(batch, lang, limit)
    return _summary(write_shard(out, result, lang, syntax), False, result.files_done)


@dataclass
class ExtractReport:
    """The summary of ``kg extract``."""

    shards: int = 0
    skipped: int = 0
    articles: int = 0
    facts: int = 0
    triples: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        rate = f", {self.articles / self.seconds:,.1f} articles/s" if self.seconds and self.articles else ""
        return (f"{self.shards} shard{'' if self.shards == 1 else 's'} ({self.skipped} already complete), "
                f"{self.articles:,} articles, {self.facts:,} facts, {self.triples:,} triples, "
                f"{len(self.errors)} error{'' if len(self.errors) == 1 else 's'}{rate}")


class _ShardTask:
    """``extract_shard`` with its settings bound (picklable, for worker processes and Dask)."""

    def __init__(self, out: Path, lang: str | None, limit: int | None, force: bool, syntax: str) -> None:
        self.out, self.lang, self.limit, self.force, self.syntax = str(out), lang, limit, force, syntax

    def __call__(self, batch: Batch) -> dict:
        return extract_shard(batch, self.out, self.lang, self.limit, self.force, self.syntax)


def extract_to_shards(inputs: Iterable[str | Path], out: str | Path, *, engine: str = "local", jobs: int = 1,
                      scheduler: str | None = None, batch_size: int = DEFAULT_BATCH, lang: str | None = None,
                      limit: int | None = None, force: bool = False, syntax: str = "nquads",
                      on_shard: Callable[[dict], None] | None = None,
                      on_client: Callable[[object], None] | None = None) -> ExtractReport:
    """Extract ``inputs`` into shards in ``out`` on ``engine`` (:func:`kg.engines.run_map`), written in
    ``syntax`` (``nquads`` or ``trig``).

    No store is opened. Shards already complete for the same batch and syntax are kept.
    """
    from kg.engines import run_map
    from kg.loaders import max_bytes

    if syntax not in SYNTAXES:
        raise ValueError(f"unknown shard syntax {syntax!r}; use one of {', '.join(SYNTAXES)}")

    out = Path(out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    limit = max_bytes(limit)
    started = time.perf_counter()
    report = ExtractReport()
    task = _ShardTask(out, lang, limit, force, syntax)
    for summary in run_map(task, plan_batches(inputs, batch_size), engine=engine, jobs=jobs,
                           scheduler=scheduler, ordered=False, on_client=on_client):
        report.shards += 1
        if summary["skipped"]:
            report.skipped += 1
        else:
            report.articles += summary["articles"]
            report.facts += summary["facts"]
            report.triples += summary["triples"]
        report.errors += summary["errors"]
        if on_shard:
            on_shard(summary)
    report.seconds = time.perf_counter() - started
    return report


# ------------------------------------------------------------------ loading

@dataclass
class LoadReport:
    """The summary of ``kg load``."""

    shards: int = 0
    articles: int = 0
    unchanged: int = 0
    triples: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        rate = f", {self.triples / self.seconds:,.0f} triples/s" if self.seconds and self.triples else ""
        return (f"{self.shards} shard{'' if self.shards == 1 else 's'}: {self.articles:,} articles loaded, "
                f"{self.unchanged:,} unchanged, {self.triples:,} triples, "
                f"{len(self.errors)} error{'' if len(self.errors) == 1 else 's'}{rate}")


def shard_manifests(folder: Path) -> list[Path]:
    """The manifests of the shards in ``folder``, in shard order."""
    return sorted(p for p in Path(folder).glob("shard-*.json") if not p.name.startswith("."))


def _select(data: bytes, graphs: set[str]) -> bytes:
    """The lines of a shard whose graph is one of ``graphs``."""
    suffixes = tuple(f" <{g}> .".encode() for g in graphs)
    return b"".join(line for line in data.splitlines(keepends=True) if line.rstrip().endswith(suffixes))


def load_shards(store, folder: str | Path, *, force: bool = False,
                on_shard: Callable[[str, int, int, float], None] | None = None) -> LoadReport:
    """Load the shards of ``folder`` into ``store``; articles whose content hash it has are skipped.

    Each shard is one :meth:`kg.store.Store.load_shard`: its graphs' data
    goes in through the bulk path, then one update records their content
    hashes and indexes their labels, so an article counts as loaded only once
    it is complete (a load killed half-way redoes the shard). ``on_shard``
    gets the shard name, articles loaded, triples and seconds. The embedded
    store is compacted at the end.
    """
    from kg.ingest import stored_hashes

    folder = Path(folder)
    if not folder.is_dir():
        raise LoadError(f"{folder}: no such folder of shards (write one with kg extract --out {folder})")
    manifests = shard_manifests(folder)
    if not manifests:
        raise LoadError(f"{folder}: holds no shards (shard-*.json); write them with kg extract --out {folder}")
    started = time.perf_counter()
    report = LoadReport()
    known = stored_hashes(store)
    loaded_from: dict[str, tuple[str, str]] = {}
    for path in manifests:
        manifest = read_manifest(path)
        if manifest is None or not manifest.get("complete"):
            report.errors.append(f"{path}: not a complete shard manifest; run kg extract again to finish it")
            continue
        name, syntax = manifest_file(manifest)
        quads_path = folder / name
        if syntax not in SYNTAXES or not name:
            report.errors.append(f"{path}: names no shard file in a known syntax ({syntax!r}); "
                                 "run kg extract --force again")
            continue
        if not quads_path.is_file():
            report.errors.append(f"{path}: its shard file {quads_path.name} is missing; run kg extract again")
            continue
        report.shards += 1
        todo = []
        for article in manifest["articles"]:
            iri, digest = article["iri"], article["hash"]
            if iri in loaded_from and loaded_from[iri][1] != digest:
                report.errors.append(f"{article['source']}: article id {article['id']!r} is already used by "
                                     f"{loaded_from[iri][0]} in {folder}; give it another id or file name")
                continue
            if iri in loaded_from or (known.get(iri) == digest and not force):
                report.unchanged += 1
                continue
            loaded_from[iri] = (article["source"], digest)
            todo.append(article)
        if not todo:
            continue
        t = time.perf_counter()
        try:
            data = nquads_of_shard(quads_path.read_bytes(), syntax)
        except SyntaxError as e:
            report.errors.append(f"{quads_path}: not valid {syntax} ({str(e).splitlines()[0]}); "
                                 "run kg extract --force again")
            for a in todo:
                del loaded_from[a["iri"]]
            continue
        if len(todo) < len(manifest["articles"]):
            data = _select(data, {a["iri"] for a in todo})
        triples = store.load_shard(data, {a["iri"]: a["hash"] for a in todo})
        for a in todo:
            known[a["iri"]] = a["hash"]
        report.articles += len(todo)
        report.triples += triples
        if on_shard:
            on_shard(manifest["shard"], len(todo), triples, time.perf_counter() - t)
    if report.articles:
        store.optimize()
    report.seconds = time.perf_counter() - started
    return report
