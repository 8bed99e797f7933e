"""Turning library exceptions into one-line CLI errors."""

from __future__ import annotations

import os
import sys

import click

from kg.loaders import LoadError
from kg.resolve import AmbiguousName, UnknownName
from kg.store import QueryError, StoreError
from kg.store.locking import StoreBusy

#: Exceptions whose message is already a sentence a user can act on.
USER_ERRORS: tuple[type[BaseException], ...] = (LoadError, StoreError, QueryError, StoreBusy, UnknownName,
                                                AmbiguousName)


def one_line(error: BaseException) -> str:
    """The first line of an exception's message."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


class KGGroup(click.Group):
    """A click group that reports errors in one line, with a non-zero exit."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.Abort, click.ClickException):
            raise
        except USER_ERRORS as e:
            raise click.ClickException(one_line(e)) from None
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(130)
        except (OSError, ValueError) as e:
            if os.environ.get("KG_DEBUG"):
                raise
            raise click.ClickException(one_line(e)) from None
        except Exception as e:  # noqa: BLE001 - the last line of defence against tracebacks
            if os.environ.get("KG_DEBUG"):
                raise
            raise click.ClickException(
                f"internal error: {type(e).__name__}: {one_line(e)} (set KG_DEBUG=1 for details)"
            ) from None
