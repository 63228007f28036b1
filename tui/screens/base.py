"""Shared behaviour of the screens: running database work in thread workers, showing errors."""

from __future__ import annotations

from typing import Any, Callable

from textual.screen import Screen
from textual.worker import get_current_worker

from registry.errors import RegistryError
from registry.i18n import _


def error_text(exc: BaseException) -> str:
    """A sentence for people: registry errors are already sentences; anything else is wrapped."""
    if isinstance(exc, RegistryError):
        return str(exc)
    return _("Something went wrong and nothing was changed ({kind}: {detail}).", kind=type(exc).__name__,
             detail=str(exc)[:200])


def deliver(widget, fn: Callable[..., Any], *args: Any) -> None:
    """From a thread worker: run ``fn(*args)`` on the event loop unless the worker was cancelled."""
    worker = get_current_worker()
    if worker.is_cancelled:
        return
    widget.app.call_from_thread(fn, *args)


def fail(widget, exc: BaseException) -> None:
    """From a thread worker: show the error as a notification (never a traceback)."""
    worker = get_current_worker()
    if worker.is_cancelled:
        return
    widget.app.call_from_thread(widget.app.notify, error_text(exc), severity="error", markup=False, timeout=8)


class UdpegScreen(Screen):
    """A screen with access to the registry context and the app's date."""

    #: True for screens with a form being filled in: single-letter navigation is off there.
    HOLDS_FORM = False

    @property
    def ctx(self):
        return self.app.ctx

    @property
    def today(self):
        return self.app.today

    def say(self, message: str, severity: str = "information") -> None:
        self.app.notify(message, severity=severity, markup=False)
