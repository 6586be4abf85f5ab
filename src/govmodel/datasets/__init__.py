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

import os
import typing

from govmodel.errors import UnknownDatasetError

if typing.TYPE_CHECKING:
    from govmodel.serialize import Dataset
    from govmodel.timeline import Timeline

# The reader (JSON, cattrs) is imported on first use, so that `import govmodel` stays fast.

__all__ = ["UnknownDatasetError", "datasets", "load_dataset", "read_dataset"]


def datasets() -> list[str]:
    """The names of the bundled datasets, sorted.

    Returns:
        Names such as ``"lang-son-2021"``, each accepted by :func:`load_dataset`.

    Added in 0.1.
    """
    from govmodel._serial.bundled import names  # noqa: PLC0415 - imported on first use

    return names()


def read_dataset(name_or_path: str | os.PathLike[str], *, max_bytes: int | None = None) -> Dataset:
    """Read a dataset, bundled or from a file, without building its timeline.

    Args:
        name_or_path: the name of a bundled dataset (see :func:`datasets`), or the path of a
            JSON dataset file.
        max_bytes: the largest file read (default ``govmodel.serialize.MAX_BYTES``, 20 MiB;
            see :func:`govmodel.serialize.loads`).

    Returns:
        The checked :class:`~govmodel.serialize.Dataset`.

    Raises:
        UnknownDatasetError: when the name is neither a bundled dataset nor an existing file
            (it is also a :class:`KeyError`).
        DatasetError: when the file has problems (all of them are listed).

    Added in 0.1.
    """
    from govmodel._serial.bundled import bundled  # noqa: PLC0415 - imported on first use
    from govmodel._serial.load import load  # noqa: PLC0415 - cattrs only if a file has problems

    if isinstance(name_or_path, str) and name_or_path in datasets():
        return bundled(name_or_path)
    path = os.fspath(name_or_path)
    if os.path.isfile(path):
        return load(path) if max_bytes is None else load(path, max_bytes=max_bytes)
    raise UnknownDatasetError(str(path), datasets())


def load_dataset(name_or_path: str | os.PathLike[str], *, max_bytes: int | None = None) -> Timeline:
    """Load a dataset, bundled or from a file, as a :class:`~govmodel.timeline.Timeline`.

    Args:
        name_or_path: the name of a bundled dataset (``"lang-son-2021"``), or the path of a
            JSON dataset file.
        max_bytes: the largest file read (default ``govmodel.serialize.MAX_BYTES``, 20 MiB);
            raise it for a larger trusted file.

    Returns:
        The timeline of the dataset's decisions, first states and observations.

    Raises:
        UnknownDatasetError: when the name is neither a bundled dataset nor an existing file
            (it is also a :class:`KeyError`, and the message lists the bundled names).
        DatasetError: when the file has problems (all of them are listed).

    >>> load_dataset("atlantis")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    govmodel.errors.UnknownDatasetError: no bundled dataset 'atlantis'; available: ...

    Added in 0.1.
    """
    return read_dataset(name_or_path, max_bytes=max_bytes).timeline()
