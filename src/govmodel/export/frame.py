"""pandas data frames of snapshots, histories and diffs.

Needs pandas (``pip install 'govmodel[pandas]'``); without it :func:`to_dataframe` raises
:class:`~govmodel.export.MissingExtraError`. The frames are built from the rows of
:mod:`govmodel.export.rows`, with the same columns, and date columns (``valid_from``,
``valid_to``) parsed to ``datetime64`` (``NaT`` for an unknown start or an open end).

>>> import govmodel as gm
>>> tl = gm.load_dataset("lang-son-2021")
>>> df = to_dataframe(tl.as_of("2021-12-10"))
>>> df.loc[df["id"] == "lang-son/so-tttt/trung-tam-cntt-tt", "name"].item()
'Trung tâm Công nghệ số'
>>> to_dataframe(tl.history("lang-son/so-tttt/phong-cntt"))["name"].tolist()
['Phòng Công nghệ thông tin', 'Phòng Chuyển đổi số']
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping, Sequence

from govmodel.export import MissingExtraError, UnsupportedObjectError
from govmodel.export.rows import (
    DIFF_COLUMNS,
    HISTORY_COLUMNS,
    SNAPSHOT_COLUMNS,
    Row,
    diff_rows,
    history_rows,
    snapshot_rows,
)
from govmodel.results import Change, Version
from govmodel.snapshot import Snapshot

try:  # pandas is optional: to_dataframe says so when it is missing
    import pandas as pd
except ImportError:  # pragma: no cover - exercised by hiding pandas in the tests
    _HAVE_PANDAS = False
else:
    _HAVE_PANDAS = True

__all__ = ["to_dataframe"]

_DATE_COLUMNS = ("valid_from", "valid_to")


def _require_pandas() -> None:
    if not _HAVE_PANDAS:
        raise MissingExtraError("dataframe", "pandas", "pandas")


def _rows_of(obj: object) -> tuple[list[Row], tuple[str, ...]]:
    """The rows and columns for *obj*, or UnsupportedObjectError."""
    if isinstance(obj, Snapshot):
        return snapshot_rows(obj), SNAPSHOT_COLUMNS
    if isinstance(obj, str | bytes | Mapping) or not isinstance(obj, Iterable):
        raise UnsupportedObjectError(
            "to_dataframe takes a Snapshot, a sequence of Version (a history) or a sequence "
            f"of Change (a diff), not {type(obj).__name__}"
        )
    items = list(obj)
    if not items:
        return [], ()
    if all(isinstance(x, Version) for x in items):
        return history_rows(items), HISTORY_COLUMNS
    if all(isinstance(x, Change) for x in items):
        return diff_rows(items), DIFF_COLUMNS
    kinds = sorted({type(x).__name__ for x in items})
    raise UnsupportedObjectError(
        "to_dataframe takes a sequence of only Version or only Change items, "
        f"not one of {', '.join(kinds)}"
    )


def to_dataframe(obj: Snapshot | Sequence[Version] | Sequence[Change]) -> pd.DataFrame:
    """A data frame with one row per organisation, version or change.

    Args:
        obj: a :class:`~govmodel.snapshot.Snapshot` (one row per organisation alive on its
            date, columns :data:`~govmodel.export.rows.SNAPSHOT_COLUMNS`), a sequence of
            :class:`~govmodel.results.Version` such as :meth:`govmodel.Timeline.history`
            (:data:`~govmodel.export.rows.HISTORY_COLUMNS`), or a sequence of
            :class:`~govmodel.results.Change` such as :meth:`govmodel.Timeline.diff`
            (:data:`~govmodel.export.rows.DIFF_COLUMNS`). An empty sequence gives an empty
            frame without columns.

    Returns:
        A new :class:`pandas.DataFrame` with a default integer index. Date columns are
        ``datetime64``; should a date lie outside the range pandas can hold, the column
        keeps its ISO text.

    Raises:
        MissingExtraError: pandas is not installed.
        UnsupportedObjectError: *obj* is none of the above (also a ``TypeError``).
    """
    _require_pandas()
    rows, columns = _rows_of(obj)
    frame: pd.DataFrame = pd.DataFrame(rows, columns=list(columns))  # the stubs say Any
    for col in _DATE_COLUMNS:
        if col in frame.columns:
            with contextlib.suppress(ValueError, OverflowError):  # out of pandas' range
                frame[col] = pd.to_datetime(frame[col], format="%Y-%m-%d")
    return frame
