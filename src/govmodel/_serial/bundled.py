"""The datasets bundled with govmodel, read by name (private; public through
:mod:`govmodel.datasets`).

A bundled dataset is a file ``<name>.json`` — or ``<name>.json.gz``, the compact form of the
large national datasets — in the package folder ``govmodel/datasets``. Only these names are
ever read: ``"extends"`` in a dataset names bundled datasets, never paths. This module
registers itself as the reader of ``"extends"`` (:mod:`govmodel._serial.dataset`).

**Verified files.** ``govmodel/datasets/verified.sha256`` lists, in the format of
``sha256sum``, the SHA-256 digest of each bundled file that loaded with every check.
``tools/verify_bundled.py`` writes it, listing a file only once it has loaded that way, and
``tests/test_verified.py`` loads every listed file with every check again and compares the
digests on every test run. A listed digest thus means "these exact bytes pass every check
of this version of govmodel", and a file whose bytes have it is read by
:func:`~govmodel._serial.load.loads_verified`: to the same dataset and timeline, without
the checks that only read what they check. A file whose bytes differ (edited, damaged, or
not listed) gets every check.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import hashlib
import os
import typing
from collections.abc import Iterator

from govmodel._serial import dataset as _dataset
from govmodel._serial.extends import _loading
from govmodel._serial.load import loads, loads_verified, read_bytes
from govmodel.errors import UnknownDatasetError

__all__ = [
    "MANIFEST", "SUFFIXES", "UnknownDatasetError", "bundled", "bundled_checked", "digest",
    "every_check", "manifest_text", "names", "verified",
]

#: The file endings of bundled datasets: plain JSON, or gzip-compressed JSON.
SUFFIXES = (".json", ".json.gz")

#: The file of the verified files' digests, in the bundled datasets' folder.
MANIFEST = "verified.sha256"


#: The package folder of the bundled datasets, when the package is installed as files (as
#: pip installs a wheel); else (a zip archive) importlib.resources finds them.
_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "datasets")


def _folder() -> typing.Any:
    from importlib import resources  # noqa: PLC0415 - only for a zipped package (slow import)

    return resources.files("govmodel").joinpath("datasets")


@functools.cache
def _files() -> dict[str, str]:
    """Bundled dataset names and their file names."""
    if os.path.isdir(_DIR):
        found = [e.name for e in os.scandir(_DIR) if e.is_file()]
    else:  # pragma: no cover - a zipped install
        found = [p.name for p in _folder().iterdir() if p.is_file()]
    out: dict[str, str] = {}
    for name in found:
        for suffix in SUFFIXES:
            if name.endswith(suffix):
                out[name[: -len(suffix)]] = name
    return out


def _raw(file: str) -> bytes:
    if os.path.isdir(_DIR):
        with open(os.path.join(_DIR, file), "rb") as f:
            return f.read()
    return typing.cast(bytes, _folder().joinpath(file).read_bytes())  # pragma: no cover


def names() -> list[str]:
    """The names of the bundled datasets, sorted."""
    return sorted(_files())


@functools.cache
def bundled(name: str) -> _dataset.Dataset:
    """The bundled dataset *name*, checked (one parsed copy is shared: datasets are values).

    While it loads, the name is marked as loading, so that datasets extending each other are
    a reported cycle.
    """
    file = _files()[name]
    raw = _raw(file)
    where = f"govmodel/datasets/{file}"
    text = read_bytes(raw, file)
    with _loading(name):
        if not _EVERY_CHECK.get() and verified().get(file) == digest(raw):
            return loads_verified(text, where)
        return loads(text, file=where)


#: True inside :func:`every_check`.
_EVERY_CHECK: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "govmodel_every_check", default=False
)


@contextlib.contextmanager
def every_check() -> Iterator[None]:
    """Inside, bundled files are read with every check, verified or not (a file read
    before stays as read: ``bundled.cache_clear()`` first to read it again)."""
    token = _EVERY_CHECK.set(True)
    try:
        yield
    finally:
        _EVERY_CHECK.reset(token)


def digest(raw: bytes) -> str:
    """The SHA-256 digest of a file's bytes, as ``sha256sum`` writes it."""
    return hashlib.sha256(raw).hexdigest()


@functools.cache
def verified() -> dict[str, str]:
    """The verified files (file name → digest) that :data:`MANIFEST` lists; none without it.

    A line is ``<64 hex digits>  <file name>``; a line of another shape lists nothing (so a
    damaged manifest only makes loading slower, never wrong).
    """
    try:
        text = _raw(MANIFEST).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    out: dict[str, str] = {}
    for line in text.splitlines():
        hexes, sep, file = line.partition("  ")
        if sep and len(hexes) == 64 and all(c in "0123456789abcdef" for c in hexes):
            out[file] = hexes
    return out


def manifest_text(digests: dict[str, str]) -> str:
    """The text of :data:`MANIFEST` listing *digests* (file name → digest), sorted by name."""
    return "".join(f"{h}  {f}\n" for f, h in sorted(digests.items()))


def bundled_checked(name: str) -> _dataset.Dataset:
    """The bundled dataset *name* (the resolver of ``"extends"``); never a file path."""
    if name not in _files():
        raise UnknownDatasetError(name, names())
    return bundled(name)


_dataset._RESOLVERS.append(bundled_checked)
