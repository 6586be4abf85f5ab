"""The datasets bundled with govmodel, read by name (private; public through
:mod:`govmodel.datasets`).

A bundled dataset is a file ``<name>.json`` — or ``<name>.json.gz``, the compact form of the
large national datasets — in the package folder ``govmodel/datasets``. Only these names are
ever read: ``"extends"`` in a dataset names bundled datasets, never paths. This module
registers itself as the reader of ``"extends"`` (:mod:`govmodel._serial.dataset`).
"""

from __future__ import annotations

import functools
import typing
from importlib import resources

from govmodel._serial import dataset as _dataset
from govmodel._serial.extends import _loading
from govmodel._serial.load import loads, read_bytes
from govmodel.errors import UnknownDatasetError

__all__ = ["SUFFIXES", "UnknownDatasetError", "bundled", "bundled_checked", "names"]

#: The file endings of bundled datasets: plain JSON, or gzip-compressed JSON.
SUFFIXES = (".json", ".json.gz")


def _folder() -> typing.Any:
    return resources.files("govmodel").joinpath("datasets")


@functools.cache
def _files() -> dict[str, str]:
    """Bundled dataset names and their file names."""
    out: dict[str, str] = {}
    for p in _folder().iterdir():
        for suffix in SUFFIXES:
            if p.is_file() and p.name.endswith(suffix):
                out[p.name[: -len(suffix)]] = p.name
    return out


def _raw(file: str) -> bytes:
    return typing.cast(bytes, _folder().joinpath(file).read_bytes())


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
