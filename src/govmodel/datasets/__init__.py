"""The datasets bundled with govmodel, and their loader.

Each bundled dataset is a JSON file in this package (the format is described in
``docs/dataset-format.md``); every decision and observation in it cites the text it rests on.
A bundled dataset may extend others by name (``"extends"``): ``lang-son-history`` adds the
2006–2025 history to the seed facts of ``lang-son-2021`` without copying them.

>>> "lang-son-2021" in datasets()
True
>>> tl = load_dataset("bac-kan-2008")
>>> tl.as_of("2008-06-01")["bac-kan/so-tttt"].name
'Sở Thông tin và Truyền thông tỉnh Bắc Kạn'
"""

from __future__ import annotations

import functools
import os
import typing
from importlib import resources

from govmodel.errors import GovModelError
from govmodel.serialize import Dataset, _loading, load, loads

if typing.TYPE_CHECKING:
    from govmodel.timeline import Timeline

__all__ = ["UnknownDatasetError", "datasets", "load_dataset", "read_dataset"]

_SUFFIX = ".json"


class UnknownDatasetError(GovModelError, KeyError):
    """No bundled dataset has the name asked for (and it is not a path to a file)."""

    def __init__(self, name: str, available: typing.Sequence[str]) -> None:
        listed = ", ".join(repr(n) for n in available) or "none"
        super().__init__(f"no bundled dataset {name!r}; available: {listed}")
        self.name = name
        self.available = tuple(available)


def datasets() -> list[str]:
    """The names of the bundled datasets, sorted.

    Returns:
        Names such as ``"lang-son-2021"``, each accepted by :func:`load_dataset`.

    Added in 0.1.
    """
    root = resources.files(__name__)
    return sorted(
        p.name[: -len(_SUFFIX)]
        for p in root.iterdir()
        if p.is_file() and p.name.endswith(_SUFFIX)
    )


def _bundled_bytes(name: str) -> bytes:
    return resources.files(__name__).joinpath(name + _SUFFIX).read_bytes()


@functools.cache
def _bundled(name: str) -> Dataset:
    # Datasets are immutable values, so one parsed copy can be shared. While it loads, the
    # name is marked as loading, so that datasets extending each other are a reported cycle.
    with _loading(name):
        return loads(_bundled_bytes(name), file=f"govmodel/datasets/{name}{_SUFFIX}")


def _bundled_checked(name: str) -> Dataset:
    """The bundled dataset *name* (the resolver of ``"extends"``); never a file path."""
    names = datasets()
    if name not in names:
        raise UnknownDatasetError(name, names)
    return _bundled(name)


def read_dataset(name_or_path: str | os.PathLike[str]) -> Dataset:
    """Read a dataset, bundled or from a file, without building its timeline.

    Args:
        name_or_path: the name of a bundled dataset (see :func:`datasets`), or the path of a
            JSON dataset file.

    Returns:
        The checked :class:`~govmodel.serialize.Dataset`.

    Raises:
        UnknownDatasetError: when the name is neither a bundled dataset nor an existing file
            (it is also a :class:`KeyError`).
        DatasetError: when the file has problems (all of them are listed).

    Added in 0.1.
    """
    if isinstance(name_or_path, str) and name_or_path in datasets():
        return _bundled(name_or_path)
    path = os.fspath(name_or_path)
    if os.path.isfile(path):
        return load(path)
    raise UnknownDatasetError(str(path), datasets())


def load_dataset(name_or_path: str | os.PathLike[str]) -> Timeline:
    """Load a dataset, bundled or from a file, as a :class:`~govmodel.timeline.Timeline`.

    Args:
        name_or_path: the name of a bundled dataset (``"lang-son-2021"``), or the path of a
            JSON dataset file.

    Returns:
        The timeline of the dataset's decisions, first states and observations.

    Raises:
        UnknownDatasetError: when the name is neither a bundled dataset nor an existing file
            (it is also a :class:`KeyError`, and the message lists the bundled names).
        DatasetError: when the file has problems (all of them are listed).

    >>> load_dataset("atlantis")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    govmodel.datasets.UnknownDatasetError: no bundled dataset 'atlantis'; available: ...

    Added in 0.1.
    """
    return read_dataset(name_or_path).timeline()
