"""The Dask worker plugin of the ``dask`` engine (:mod:`kg.engines`); imports Dask, so it is loaded only there."""

from __future__ import annotations

from distributed import WorkerPlugin


class WarmUp(WorkerPlugin):
    """Build the gazetteers once when each worker starts (and on workers that join later), not per task."""

    name = "armskg-warm-up"

    def setup(self, worker) -> None:
        from kg.engines import warm_up

        warm_up()
