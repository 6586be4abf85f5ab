"""The generic display functions that values call, with no implementations (layer 0).

Values (organisations, snapshots, result tables) display themselves in a terminal, in
IPython and in Jupyter by calling :func:`text` and :func:`html` on themselves. These are
:func:`functools.singledispatch` generics: :mod:`govmodel.render`, which sits above the
values, registers an implementation for each type when it is imported. So that
``import govmodel`` stays fast, the package facade names a *provider* (:func:`provide`) that
imports the renderer the first time something is displayed. So the values never import the
rendering layer, and the rendering layer is free to import the values.

Dispatch is on the value's own class, so an empty :class:`~govmodel.results.Diff` renders as
a diff, never as some other table that happens to accept an empty sequence.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable

__all__ = ["html", "provide", "text"]

#: Called (once, then forgotten) before a value with no rendering registered gives up: it
#: imports the module that registers the renderings.
_providers: list[Callable[[], object]] = []


def provide(provider: Callable[[], object]) -> None:
    """Call *provider* the first time a value is displayed that has no rendering yet."""
    _providers.append(provider)


_lock = threading.Lock()


def _provide() -> None:
    """Run the pending providers, once; a thread displaying meanwhile waits for them."""
    with _lock:
        while _providers:
            _providers.pop(0)()


@functools.singledispatch
def text(obj: object) -> str:
    """A plain-text rendering of *obj* (a table, a tree), as ``print`` shows it.

    Raises:
        TypeError: no rendering is registered for the type of *obj*.
    """
    _provide()
    impl = text.dispatch(type(obj))
    if impl is not _TEXT_DEFAULT:
        return impl(obj)
    raise TypeError(f"no text rendering is registered for {type(obj).__name__}")


@functools.singledispatch
def html(obj: object) -> str:
    """An HTML fragment for *obj*, with the library's stylesheet, as Jupyter shows it.

    Raises:
        TypeError: no rendering is registered for the type of *obj*.
    """
    _provide()
    impl = html.dispatch(type(obj))
    if impl is not _HTML_DEFAULT:
        return impl(obj)
    raise TypeError(f"no HTML rendering is registered for {type(obj).__name__}")


_TEXT_DEFAULT = text.dispatch(object)
_HTML_DEFAULT = html.dispatch(object)
