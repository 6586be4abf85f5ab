"""The datasets bundled with govmodel, read by name (private; public through
:mod:`govmodel.datasets`).

A bundled dataset is a file ``<name>.json`` — or ``<name>.json.gz``, the compact form of the
large national datasets — in the package folder ``govmodel/datasets``. Only these names are
ever read: ``"extends"`` in a dataset names bundled datasets, never paths. This module
registers itself as the reader of ``"extends"`` (:mod:`govmodel._serial.dataset`).
"""

from __future__ import annotations

import functools
import os
import typing

from govmodel._serial import dataset as _dataset
from govmodel._serial.extends import _loading
from govmodel._serial.load import loads, read_bytes
from govmodel.errors import UnknownDatasetError

__all__ = ["SUFFIXES", "UnknownDatasetError", "bundled", "bundled_checked", "names"]

#: The file endings of bundled datasets: plain JSON, or gzip-compressed JSON.
SUFFIXES = (".json", ".json.gz")


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
    with _loading(name):
        return loads(read_bytes(raw, file), file=f"govmodel/datasets/{file}")


def bundled_checked(name: str) -> _dataset.Dataset:
    """The bundled dataset *name* (the resolver of ``"extends"``); never a file path."""
    if name not in _files():
        raise UnknownDatasetError(name, names())
    return bundled(name)


_dataset._RESOLVERS.append(bundled_checked)
