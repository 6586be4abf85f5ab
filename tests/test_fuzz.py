"""The fuzz run (govmodel.testing.fuzz): no input may raise anything but a GovModelError."""

from __future__ import annotations

import subprocess
import sys

import pytest

import govmodel as gm
from govmodel.testing import StrategyArgumentError
from govmodel.testing.fuzz import FuzzReport, main, run


def _check(report: FuzzReport, examples: int) -> None:
    assert report.inputs >= examples
    assert report.tried["dataset texts"] > 0 and report.tried["decision sets"] > 0
    assert report.accepted > 0 and report.refused > 0 and report.queries > 0
    assert report.accepted + report.refused <= report.inputs
    assert report.crashes == [], report.summary()
    assert report.disagreements == [], report.summary()


@pytest.fixture(scope="module")
def small_run() -> FuzzReport:
    return run(300, seed=0)


def test_small_fuzz_run_raises_only_govmodel_errors(small_run: FuzzReport) -> None:
    """300 generated malformed dataset texts and decision sets: every failure is a
    GovModelError (crashes awaiting a patch elsewhere aside), and the loader, validate() and
    from_decisions agree on what is valid."""
    _check(small_run, 300)
    assert {"DatasetError", "UnknownOrganisationError"} <= set(small_run.errors)


def test_report_summary_gives_the_figures(small_run: FuzzReport) -> None:
    """The summary states inputs tried, outcomes, errors by type, crashes and disagreements."""
    text = small_run.summary()
    assert f"{small_run.inputs} inputs" in text
    assert f"accepted: {small_run.accepted}" in text
    assert "DatasetError" in text
    assert f"crashes (an exception that is not a GovModelError): {len(small_run.crashes)}" in text
    assert "disagreements: 0" in text


def test_same_seed_same_inputs() -> None:
    """A seed fixes the inputs: two runs with one seed give the same figures."""
    a, b = run(40, seed=11), run(40, seed=11)
    assert (a.tried, a.accepted, a.errors) == (b.tried, b.accepted, b.errors)


def test_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    """main() prints the figures and returns 0 without crashes, 1 with any."""
    status = main(["--examples", "25", "--seed", "4", "--show", "0"])
    out = capsys.readouterr().out
    assert out.startswith("govmodel fuzz: seed 4, ")
    assert "crashes (an exception that is not a GovModelError): " in out
    crashed = "crashes (an exception that is not a GovModelError): 0" not in out
    assert status == (1 if crashed or "disagreements: 0" not in out else 0)


def test_command_line_refuses_bad_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    """--examples below 1 is a usage error (exit status 2)."""
    with pytest.raises(SystemExit) as info:
        main(["--examples", "0"])
    assert info.value.code == 2
    assert "--examples must be at least 1" in capsys.readouterr().err


def test_run_checks_its_arguments() -> None:
    """run() refuses a count below 1 at once, with a typed error."""
    with pytest.raises(StrategyArgumentError, match=r"run\(\): examples must be at least 1"):
        run(0)
    assert issubclass(StrategyArgumentError, gm.GovModelError)


def test_runs_as_a_module() -> None:
    """``python -m govmodel.testing.fuzz`` is the documented command."""
    proc = subprocess.run(
        [sys.executable, "-m", "govmodel.testing.fuzz", "--examples", "5", "--seed", "2"],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr
    assert "govmodel fuzz: seed 2" in proc.stdout


@pytest.mark.slow
def test_ten_thousand_inputs() -> None:
    """The acceptance run: at least 10,000 inputs, no crash but those awaiting a patch."""
    report = run(10_000, seed=0)
    print(report.summary(show=0))
    _check(report, 10_000)
