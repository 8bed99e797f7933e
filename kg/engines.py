"""Where a map runs (kg extract: batches; kg ingest: chunks of articles): this process, a local pool, or Dask.

:func:`run_map` applies a picklable function to each item and yields the
results, in input order (``ordered=True``) or as they finish. The engines:

- ``local`` with ``jobs=1``: this process, one item after the other;
- ``local`` with ``jobs>1``: spawned worker processes (they inherit no store
  handle or lock, and exit when this process dies);
- ``dask``: a Dask cluster reached at ``scheduler`` (``tcp://HOST:PORT``), or,
  without one, a ``LocalCluster`` of ``jobs`` worker processes on 127.0.0.1.
  Dask reruns the tasks of a worker lost mid-task (and ``retries`` times a
  task that raised).

Every worker runs :func:`warm_up` once when it starts, so the gazetteers are
built once per worker, not once per task.

An exception raised by the function is raised by :func:`run_map`. A map
whose items may fail one by one has its function return :func:`attempt`'s
result instead: the value, or a :class:`Failure` (picklable, one line) that
the caller reports while the map goes on.

>>> list(run_map(abs, [-1, 2, -3]))
[1, 2, 3]
>>> [attempt(lambda x: 1 // x, x) for x in (1, 0)]
[1, Failure(kind='ZeroDivisionError', message='integer division or modulo by zero')]
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

__all__ = ["ENGINES", "EngineError", "Failure", "attempt", "run_map", "warm_up"]

ENGINES = ("local", "dask")


class EngineError(RuntimeError):
    """The engine cannot run the map (Dask missing, scheduler unreachable, worker died)."""


@dataclass(frozen=True)
class Failure:
    """What an item's function raised, as its type's name and the first line of its message."""

    kind: str
    message: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}"


def attempt(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``fn(*args, **kwargs)``, or the :class:`Failure` of the exception it raised (for a worker to return)."""
    try:
        return fn(*args, **kwargs)
    except Exception as e:  # noqa: BLE001 - one item's failure is that item's result, not the map's
        log.debug("a mapped item failed", exc_info=e)
        text = str(e).strip()
        return Failure(type(e).__name__, text.splitlines()[0] if text else "")


def warm_up() -> None:
    """Build the gazetteers and the lexicons of both languages (cached for the life of the process)."""
    from kg.extract.gazetteer import load
    from kg.extract.lexicon import load_lexicon

    load()
    for lang in ("fr", "en"):
        load_lexicon(lang)


def watch_parent(parent: int) -> None:
    """In a worker: exit as soon as the parent process is gone (killed), instead of lingering."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="kg-parent-watch").start()


def _worker_init(parent: int, initializer: Callable[..., None] | None, initargs: tuple) -> None:
    watch_parent(parent)
    warm_up()
    if initializer is not None:
        initializer(*initargs)


def _pool(jobs: int, initializer: Callable[..., None] | None, initargs: tuple) -> ProcessPoolExecutor:
    """Spawned worker processes: they inherit neither store handles nor the store's lock file."""
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_worker_init,
                               initargs=(os.getpid(), initializer, initargs))


def run_map(fn: Callable[[Any], Any], items: Iterable[Any], *, engine: str = "local", jobs: int = 1,
            scheduler: str | None = None, ordered: bool = True, retries: int = 2,
            initializer: Callable[..., None] | None = None, initargs: tuple = (),
            on_client: Callable[[Any], None] | None = None) -> Iterator[Any]:
    """``fn(item)`` for each item, on ``engine``; at most a few items per worker are in flight.

    An exception raised by ``fn`` is raised here (after Dask's ``retries``;
    a ``fn`` that returns :func:`attempt`'s results is not retried, but a
    worker lost mid-task still is). A worker process that dies is an
    :class:`EngineError`.
    ``initializer(*initargs)`` runs once in each local worker process.
    ``on_client`` is called with the Dask client before it closes (to ask the
    workers for their memory, say).
    """
    if engine not in ENGINES:
        raise EngineError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    if engine == "dask":
        yield from _run_dask(fn, items, jobs=jobs, scheduler=scheduler, ordered=ordered, retries=retries,
                             on_client=on_client)
        return
    if jobs <= 1 and initializer is None:
        for item in items:
            yield fn(item)
        return
    if jobs <= 1:
        initializer(*initargs)
        for item in items:
            yield fn(item)
        return
    yield from _run_pool(fn, items, jobs, ordered, initializer, initargs)


def _run_pool(fn, items, jobs, ordered, initializer, initargs) -> Iterator[Any]:
    from concurrent.futures import FIRST_COMPLETED, wait
    from concurrent.futures.process import BrokenProcessPool

    pool: ProcessPoolExecutor | None = None
    window: deque[Future] = deque()

    def take(future: Future) -> Any:
        try:
            return future.result()
        except BrokenProcessPool:
            raise EngineError("a worker process died; run again with --jobs 1") from None

    try:
        for item in items:
            if pool is None:
                pool = _pool(jobs, initializer, initargs)
            window.append(pool.submit(fn, item))
            while len(window) >= 2 * jobs:
                if ordered:
                    yield take(window.popleft())
                else:
                    done, _ = wait(window, return_when=FIRST_COMPLETED)
                    for future in done:
                        window.remove(future)
                        yield take(future)
        while window:
            yield take(window.popleft())
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _dask_client(jobs: int, scheduler: str | None):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise EngineError("the Dask engine needs dask[distributed]: pip install 'armskg[scale]'") from None
    if scheduler:
        try:
            return Client(scheduler, timeout="10s"), None
        except (OSError, TimeoutError) as e:
            raise EngineError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from None
    cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=None)
    return Client(cluster), cluster


_NOTHING = object()


def _run_dask(fn, items, *, jobs, scheduler, ordered, retries, on_client) -> Iterator[Any]:
    from dask.distributed import as_completed
    from distributed import KilledWorker

    from kg.daskworker import WarmUp

    def take(future) -> Any:
        try:
            return future.result()
        except KilledWorker:
            raise EngineError("a task killed every Dask worker that ran it (retried on others); "
                              "run again with --engine local to see why") from None

    items = iter(items)
    first = next(items, _NOTHING)
    if first is _NOTHING:  # nothing to map: no cluster to start
        return
    items = itertools.chain([first], items)
    client, cluster = _dask_client(jobs, scheduler)
    try:
        client.register_plugin(WarmUp(), name=WarmUp.name)
        workers = max(1, len(client.scheduler_info().get("workers", {})) or jobs)
        limit = 2 * workers
        if ordered:
            window: deque = deque()
            for item in items:
                window.append(client.submit(fn, item, pure=False, retries=retries))
                if len(window) >= limit:
                    yield take(window.popleft())
            while window:
                yield take(window.popleft())
        else:
            running = as_completed()
            pending = 0
            for item in items:
                running.add(client.submit(fn, item, pure=False, retries=retries))
                pending += 1
                if pending >= limit:
                    yield take(next(running))
                    pending -= 1
            for future in running:
                yield take(future)
        if on_client is not None:
            on_client(client)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
