"""The public API as a downstream project's type checker sees it (``mypy --strict``).

A file using the public API passes; one with a misspelt kind, an integer id, a wrong level
and a wrong attribute fails, each on its own line. Result tables iterate as their items.
"""

from __future__ import annotations

import subprocess
import sys
import typing
from pathlib import Path

import pytest

from govmodel import model, unit_types

GOOD = '''
import datetime as dt
import govmodel as gm
from govmodel.results import Change, Finding, Seat, Version

tl = gm.load_dataset("lang-son-2021")
versions: list[Version] = [v for v in tl.history("lang-son/so-tttt")]
changes: list[Change] = list(tl.diff("2021-01-01", "2022-01-01"))
seats: list[Seat] = list(tl.as_of("2022-04-20").members("lang-son/bcd-cds"))
findings: list[Finding] = [f for f in tl.check()]
names: list[str] = [v.value.name for v in tl.history("lang-son/so-tttt")]
first: dt.date | None = tl.history("lang-son/so-tttt")[0].valid_from
agency = gm.Agency(id="demo/so", name="Sở Demo", kind="department", level="province")
same = gm.Agency(id="demo/so", name="Sở Demo", kind=gm.AgencyKind.DEPARTMENT,
                 level=gm.Level.PROVINCE)
unit = gm.AdminUnit(id="demo/xa", name="xã Demo", unit_type="xa")
'''

BAD = '''
import govmodel as gm

tl = gm.load_dataset("lang-son-2021")
gm.Agency(id=123, name="Sở Demo", kind="department", level="province")
gm.Agency(id="demo/so", name="Sở Demo", kind="departement", level="province")
gm.Agency(id="demo/so", name="Sở Demo", kind="department", level=5)
print(tl.history("lang-son/so-tttt")[0].nmae)
for change in tl.diff("2021-01-01", "2022-01-01"):
    print(change.atribute)
'''


def _mypy(tmp_path: Path, name: str, text: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary",
         "--cache-dir", str(tmp_path / ".mypy_cache"), str(path)],
        capture_output=True, text=True, check=False,
    )


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    tmp = tmp_path_factory.mktemp("downstream")
    good = _mypy(tmp, "good.py", GOOD)
    bad = _mypy(tmp, "bad.py", BAD)
    return good.stdout + good.stderr, bad.stdout + bad.stderr


def test_downstream_code_passes_strict_mypy(results: tuple[str, str]) -> None:
    good, _ = results
    assert good.strip() == "", good


def test_wrong_code_fails_strict_mypy_on_each_line(results: tuple[str, str]) -> None:
    _, bad = results
    lines = {int(x.split(":")[1]) for x in bad.splitlines() if x.startswith(str(Path("/")))
             or ".py:" in x}
    assert {5, 6, 7, 8, 10} <= lines, bad
    assert '"id"' in bad and "int" in bad  # id=123
    assert "departement" in bad
    assert "nmae" in bad and "atribute" in bad


@pytest.mark.parametrize(
    ("alias", "enum_cls"),
    [
        (model.AgencyKindName, model.AgencyKind),
        (model.LevelName, model.Level),
        (model.UnitKindName, model.UnitKind),
        (model.CommitteeKindName, model.CommitteeKind),
        (model.RoleName, model.Role),
        (unit_types.UnitTypeName, unit_types.UnitType),
    ],
)
def test_text_forms_are_exactly_the_enum_values(alias: object, enum_cls: type) -> None:
    """Each Literal of accepted texts lists exactly its enum's values, in order."""
    assert list(typing.get_args(alias)) == [m.value for m in enum_cls]
