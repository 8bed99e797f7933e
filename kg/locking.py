"""Inter-process locks for the embedded store.

One writer at a time: a second writer fails at once (or after ``wait``
seconds) with :class:`StoreBusy`. Readers share the lock and queue behind a
writer, so a query sees the store as it was before or after a write, never
in between. POSIX ``flock`` is released by the kernel when a process dies,
so a killed ingest never leaves a stale lock.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

LOCK_NAME = "armskg.lock"


class StoreBusy(RuntimeError):
    """Another process holds the store."""


class StoreLock:
    """A shared (read) or exclusive (write) lock on a store folder."""

    def __init__(self, folder: Path, *, exclusive: bool, wait: float = 0.0) -> None:
        self.path = Path(folder) / LOCK_NAME
        self.exclusive = exclusive
        self.wait = wait
        self._fd: int | None = None

    def acquire(self) -> StoreLock:
        flags = os.O_RDWR | os.O_CREAT if self.exclusive else os.O_RDONLY
        try:
            fd = os.open(self.path, flags, 0o644)
        except FileNotFoundError:
            return self  # a store made without locks (or not yet written): nothing to share
        except PermissionError:
            if self.exclusive:
                raise
            return self
        mode = fcntl.LOCK_EX if self.exclusive else fcntl.LOCK_SH
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    what = "written" if not self.exclusive else "used"
                    raise StoreBusy(
                        f"the store {self.path.parent} is being {what} by another process; "
                        "try again when it has finished"
                    ) from None
                time.sleep(0.05)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> StoreLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
