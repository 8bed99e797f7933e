"""Run a call that cannot be interrupted (a query inside the storage engine) with a deadline.

pyoxigraph evaluates a query in Rust with the GIL released and offers no way
to cancel it, and a signal handler only runs once the engine returns. So the
call runs in a daemon thread, and the caller's thread waits for it in short
steps: Ctrl-C (``KeyboardInterrupt``) and the deadline are seen within a
tenth of a second. The abandoned call runs on until the process exits; a
command-line process exits at once after :class:`TimedOut` or Ctrl-C
(``kg query`` does), a long-running program should not abandon calls in a loop.

>>> run_with_deadline(lambda: 6 * 7, timeout=1.0)
42
>>> import time
>>> run_with_deadline(lambda: time.sleep(5), timeout=0.2)
Traceback (most recent call last):
...
kg.deadline.TimedOut: timed out after 0.2 s
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

#: How often the waiting thread wakes up to notice Ctrl-C.
STEP = 0.05


class TimedOut(TimeoutError):
    """The call did not finish within its time limit."""


def run_with_deadline(call: Callable[[], T], timeout: float | None) -> T:
    """``call()``, or :class:`TimedOut` after ``timeout`` seconds (``None``: no limit).

    Exceptions raised by ``call`` are raised here; ``KeyboardInterrupt``
    reaches the caller while the call is still running.
    """
    outcome: dict[str, object] = {}
    done = threading.Event()

    def work() -> None:
        try:
            outcome["value"] = call()
        except BaseException as e:  # noqa: BLE001 - handed to the waiting thread
            outcome["error"] = e
        finally:
            done.set()

    threading.Thread(target=work, daemon=True, name="kg-deadline").start()
    deadline = None if timeout is None else time.monotonic() + timeout
    while not done.wait(STEP):
        if deadline is not None and time.monotonic() >= deadline:
            raise TimedOut(f"timed out after {timeout:g} s")
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
