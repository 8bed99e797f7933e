"""Inter-process locks for the embedded store.

One writer at a time: a second writer fails at once (or after ``wait``
seconds) with :class:`StoreBusy`. A reader takes the shared lock only while
it opens the store: the read-only handle it gets is a snapshot (RocksDB keeps
every file it opened readable, even after a writer compacts them away), so a
query sees the store as it was before or after a write, never in between, and
a long query never keeps a writer waiting.

Writers come first in the queue: a writer that is waiting holds the
*intent* lock (``armskg.lock.writer``), and a reader takes that lock, shared,
before the store lock, so new readers queue behind a waiting writer instead
of keeping it out one after another. POSIX ``flock`` is released by the
kernel when a process dies, so a killed process never leaves a stale lock.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

LOCK_NAME = "armskg.lock"
INTENT_NAME = "armskg.lock.writer"


class StoreBusy(RuntimeError):
    """Another process holds the store."""


def _flock(fd: int, mode: int, deadline: float) -> bool:
    """Take a flock, polling until ``deadline`` (a ``time.monotonic()`` value); whether it was taken."""
    while True:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.02)


def _open(path: Path, exclusive: bool) -> int | None:
    """A descriptor to lock ``path`` with; ``None`` when a reader finds no lock file (nothing to share)."""
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT if exclusive else os.O_RDONLY, 0o644)
    except FileNotFoundError:
        return None  # a store made without locks (or not yet written)
    except PermissionError:
        if exclusive:
            raise
        return None


class StoreLock:
    """A shared (read) or exclusive (write) lock on a store folder."""

    def __init__(self, folder: Path, *, exclusive: bool, wait: float = 0.0) -> None:
        self.path = Path(folder) / LOCK_NAME
        self.intent = Path(folder) / INTENT_NAME
        self.exclusive = exclusive
        self.wait = wait
        self._fd: int | None = None

    def _busy(self) -> StoreBusy:
        what = "written" if not self.exclusive else "used"
        return StoreBusy(f"the store {self.path.parent} is being {what} by another process; "
                         "try again when it has finished")

    def acquire(self) -> StoreLock:
        deadline = time.monotonic() + self.wait
        intent = _open(self.intent, self.exclusive)
        try:
            # writers queue on the intent lock (exclusive), readers pass it (shared) only when no writer waits
            if intent is not None and not _flock(intent, fcntl.LOCK_EX if self.exclusive else fcntl.LOCK_SH,
                                                 deadline):
                raise self._busy()
            if not self.exclusive and intent is not None:
                fcntl.flock(intent, fcntl.LOCK_UN)
            fd = _open(self.path, self.exclusive)
            if fd is None:
                return self
            if not _flock(fd, fcntl.LOCK_EX if self.exclusive else fcntl.LOCK_SH, deadline):
                os.close(fd)
                raise self._busy()
            self._fd = fd
            return self
        finally:
            if intent is not None:
                os.close(intent)  # closing releases the intent lock: the writer now holds the store lock

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> StoreLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
