"""pandas export (govmodel.export.frame): frames of snapshots, histories and diffs."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govmodel as gm
from govmodel.export import MissingExtraError, UnsupportedObjectError
from govmodel.export.rows import DIFF_COLUMNS, HISTORY_COLUMNS, SNAPSHOT_COLUMNS
from strategies import scenarios

pd = pytest.importorskip("pandas")
from govmodel.export.frame import to_dataframe  # noqa: E402 - after the importorskip

TT = "lang-son/so-tttt/trung-tam-cntt-tt"

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def tl() -> gm.Timeline:
    return gm.load_dataset("lang-son-2021")


def test_snapshot_frame_has_the_renamed_centre(tl):
    """The frame of 10/12/2021 has one row per organisation, the centre as Trung tâm Công nghệ số."""
    snap = tl.as_of("2021-12-10")
    df = to_dataframe(snap)
    assert list(df.columns) == list(SNAPSHOT_COLUMNS)
    assert df["id"].tolist() == list(snap)
    row = df.loc[df["id"] == TT].iloc[0]
    assert row["name"] == "Trung tâm Công nghệ số"
    assert row["decision_number"] == "33/2021/QĐ-UBND"
    assert row["valid_from"] == pd.Timestamp("2021-12-10")
    assert pd.isna(row["valid_to"])
    assert pd.api.types.is_datetime64_any_dtype(df["valid_from"])


def test_history_frame(tl):
    """The centre's history: two rows, the first ending and the second starting on 10/12/2021."""
    df = to_dataframe(tl.history(TT))
    assert list(df.columns) == list(HISTORY_COLUMNS)
    assert df["name"].tolist() == [
        "Trung tâm Công nghệ thông tin và Truyền thông",
        "Trung tâm Công nghệ số",
    ]
    assert df["valid_to"].iloc[0] == df["valid_from"].iloc[1] == pd.Timestamp("2021-12-10")


def test_diff_frame(tl):
    """The diff across 10/12/2021 has the three name changes of Quyết định 33."""
    df = to_dataframe(tl.diff("2021-12-09", "2021-12-10"))
    assert list(df.columns) == list(DIFF_COLUMNS)
    names = df[df["attribute"] == "name"]
    assert sorted(names["after"]) == [
        "Phòng Chuyển đổi số",
        "Phòng Hạ tầng số",
        "Trung tâm Công nghệ số",
    ]
    assert set(df["decision_number"]) == {"33/2021/QĐ-UBND"}


def test_an_empty_sequence_gives_an_empty_frame(tl):
    """No versions or changes: an empty frame (an empty diff is a tuple)."""
    assert to_dataframe([]).empty
    assert to_dataframe(tl.diff("2022-06-01", "2022-06-01")).empty


@pytest.mark.parametrize("obj", [{"id": "x"}, "lang-son/ubnd", 42, [1, 2]])
def test_unsupported_objects_are_refused(obj):
    """Anything but a snapshot, versions or changes is an UnsupportedObjectError (a TypeError)."""
    with pytest.raises(UnsupportedObjectError) as info:
        to_dataframe(obj)
    assert isinstance(info.value, TypeError) and isinstance(info.value, gm.GovModelError)


def test_a_mixed_sequence_is_refused(tl):
    """Versions and changes together make no single table."""
    mixed = [*tl.history(TT), *tl.diff("2021-12-09", "2021-12-10")]
    with pytest.raises(UnsupportedObjectError, match="Change, Version"):
        to_dataframe(mixed)


def test_without_pandas_the_error_names_the_extra(monkeypatch, tl):
    """With pandas missing, to_dataframe raises MissingExtraError naming [pandas]."""
    path = Path(gm.__file__).parent / "export" / "frame.py"
    monkeypatch.setitem(sys.modules, "pandas", None)
    spec = importlib.util.spec_from_file_location("govmodel_export_frame_without_pandas", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with pytest.raises(MissingExtraError, match=r"pip install 'govmodel\[pandas\]'"):
        module.to_dataframe(tl.as_of("2021-12-10"))


@SETTINGS
@given(scenarios(), st.data())
def test_snapshot_frame_has_one_row_per_live_organisation(s, data):
    """Law: a snapshot's frame has exactly its live organisations, once each, by id."""
    tl = s.timeline()
    snap = tl.as_of(data.draw(st.sampled_from(s.dates)))
    df = to_dataframe(snap)
    assert df["id"].tolist() == list(snap)
    assert df["name"].tolist() == [snap[i].name for i in snap]
    changes = tl.diff(s.dates[0], s.dates[-1])
    assert len(to_dataframe(changes)) == len(changes)
