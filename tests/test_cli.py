"""The ``govmodel`` command, run as a user runs it: in a subprocess, reading stdout/stderr."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import govmodel as gm
from govmodel import serialize
from govmodel.cli import build_parser, parse_cli_date
from govmodel.datasets import read_dataset


def cli(*args: str, module: bool = False) -> subprocess.CompletedProcess[str]:
    """Run ``govmodel ARGS`` (or ``python -m govmodel ARGS``) with the test's interpreter,
    with no ``COLUMNS`` (tables unwrapped; tests/test_cli_formats.py tests the wrapping)."""
    head = [sys.executable, "-m", "govmodel"] if module else [
        sys.executable, "-c", "import sys; from govmodel.cli import main; sys.exit(main())"]
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    return subprocess.run([*head, *args], capture_output=True, text=True, encoding="utf-8",
                          timeout=120, check=False, env=env)


def ok(*args: str) -> str:
    proc = cli(*args)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return proc.stdout


def fails(code: int, *args: str) -> str:
    proc = cli(*args)
    assert proc.returncode == code, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("govmodel"), proc.stderr
    return proc.stderr


def test_no_arguments_shows_todays_tree_of_the_default_dataset() -> None:
    """`govmodel` alone draws today's tree of lang-son-2021, as `python -m govmodel` does."""
    proc = cli(module=True)
    assert proc.returncode == 0, proc.stderr
    assert "dataset lang-son-2021" in proc.stdout
    assert "Ủy ban nhân dân tỉnh Lạng Sơn  (peoples committee)" in proc.stdout
    assert "├── Sở Thông tin và Truyền thông tỉnh Lạng Sơn  (department)" in proc.stdout
    assert "Trung tâm Công nghệ số" in proc.stdout


def test_installed_script_is_the_same_command() -> None:
    """The `govmodel` console script is installed next to the interpreter and works."""
    script = Path(sys.executable).with_name("govmodel")
    if not script.exists():
        pytest.skip("the console script is installed only by pip install")
    proc = subprocess.run([str(script), "--version"], capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"govmodel {gm.__version__}"


@pytest.mark.parametrize(
    "command",
    ["", "show", "history", "diff", "decisions", "find", "validate", "check", "export"],
)
def test_every_command_has_help(command: str) -> None:
    """`--help` works for the program and each command and describes it."""
    out = ok(*([command] if command else []), "--help")
    assert out.startswith("usage: govmodel")
    if command:
        assert command in out.splitlines()[0]


@pytest.mark.parametrize("day", ["2021-12-10", "10/12/2021", "10-12-2021", "ngày 10 tháng 12 năm 2021"])
def test_show_accepts_iso_and_day_first_dates(day: str) -> None:
    """ISO and Vietnamese day-first forms name the same day: the renamed units show."""
    out = ok("show", "lang-son/so-tttt", "--at", day)
    assert out.startswith("As of 10/12/2021 (2021-12-10)")
    assert "├── Phòng Hạ tầng số  (division)  ← 33/2021/QĐ-UBND" in out
    assert "└── Văn phòng  (office)" in out


def test_show_the_day_before_has_the_old_names() -> None:
    """On 9/12/2021 the units still bear their old names and no deciding decision."""
    out = ok("show", "lang-son/so-tttt", "--at", "9/12/2021", "--ids")
    assert "Phòng Bưu chính, Viễn thông  (division) [lang-son/so-tttt/phong-bcvt]" in out
    assert "←" not in out


def test_show_a_committee_lists_its_seats_by_post() -> None:
    """A committee named by text (accents ignored) shows its composition on the date."""
    out = ok("show", "ban chi dao chuyen doi so", "--at", "2022-01-01")
    assert "Ban Chỉ đạo về chuyển đổi số tỉnh Lạng Sơn" in out
    assert "Phó Trưởng ban              Giám đốc Sở Thông tin và Truyền thông tỉnh Lạng Sơn" in out


def test_show_mandate() -> None:
    """`--mandate` prints the functions of the department on the date."""
    out = ok("show", "lang-son/so-tttt", "--at", "2022-01-01", "--mandate")
    assert "Functions (chức năng):" in out
    assert "  - cửa khẩu số" in out


def test_show_as_known_on() -> None:
    """`--known-on` hides decisions not yet published: 2041 unknown on 1/10/2021."""
    out = ok("show", "lang-son/bcd-cds", "--at", "2021-10-20", "--known-on", "2021-10-01")
    assert "Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Lạng Sơn" in out
    assert "as known on 2021-10-01" in out


def test_history() -> None:
    """Two versions of the centre, the second made by Quyết định 33."""
    out = ok("history", "lang-son/so-tttt/trung-tam-cntt-tt")
    rows = [ln for ln in out.splitlines() if ln.startswith(("…", "20"))]
    assert len(rows) == 2
    assert rows[1].startswith("2021-12-10  …           Trung tâm Công nghệ số")
    assert rows[1].rstrip().endswith("33/2021/QĐ-UBND")


def test_diff_with_deciding_decisions() -> None:
    """The diff across 13/10/2021 is the committee's rename by 2041/QĐ-UBND."""
    out = ok("diff", "12/10/2021", "13/10/2021")
    assert out.startswith("4 changes between 2021-10-12 and 2021-10-13")
    assert all(ln.rstrip().endswith("2041/QĐ-UBND") for ln in out.splitlines()[4:])


def test_diff_restricted_to_a_subtree() -> None:
    """`--org` keeps the organisation and its units only."""
    out = ok("diff", "2021-01-01", "2022-01-01", "--org", "lang-son/so-tttt")
    assert "lang-son/bcd-cds" not in out
    assert "lang-son/so-tttt/phong-cntt         name" in out


def test_decisions_in_force() -> None:
    """On 12/10/2021 QĐ 1782 is in force; on 13/10 it is replaced by 2041."""
    before = ok("decisions", "--in-force", "12/10/2021")
    after = ok("decisions", "--in-force", "13/10/2021")
    assert "1782/QĐ-UBND" in before and "2041/QĐ-UBND" not in before
    assert "2041/QĐ-UBND" in after and "1782/QĐ-UBND" not in after
    everything = ok("decisions")
    rows = {ln.split()[0]: re.split(r"\s{2,}", ln.strip()) for ln in everything.splitlines()[3:]}
    assert rows["1782/QĐ-UBND"][:5] == [
        "1782/QĐ-UBND", "lang-son/ubnd", "2020-09-11", "2020-09-11", "2021-10-13"]
    assert "33/2021/QĐ-UBND" in everything and "unknown" in everything


def test_find_is_accent_and_case_insensitive() -> None:
    """Folded text finds the centre by its former and current names."""
    out = ok("find", "TRUNG TAM CONG NGHE")
    assert "lang-son/so-tttt/trung-tam-cntt-tt  Trung tâm Công nghệ số" in out
    assert "nothing matches" in ok("find", "Sở Ngoại vụ Hà Nội")


def test_check_lists_the_conflict_and_strict_fails() -> None:
    """`check` shows the seed-000 naming conflict; `--strict` turns it into exit 1."""
    out = ok("check")
    assert "19 agree, 1 conflict" in out  # 13 names and 6 post holders
    assert "conflict: lang-son/so-tttt/phong-cntt on 2021-12-10" in out
    assert cli("check", "--strict").returncode == 1


def test_validate_a_good_file(tmp_path: Path) -> None:
    """A dataset written by `export --format json` validates cleanly."""
    path = tmp_path / "ls.json"
    assert cli("export", "--format", "json", "-o", str(path)).returncode == 0
    out = ok("validate", str(path))
    data = read_dataset("lang-son-2021")
    counts = (len(data.organisations), len(data.decisions), len(data.observations))
    assert f"ok — {counts[0]} organisations, {counts[1]} decisions, {counts[2]} observations" in out


BROKEN = {
    "schema_version": 1,
    "name": "broken",
    "title": "A dataset with four problems",
    "organisations": [
        {"type": "Agency", "id": "x/ubnd", "name": "UBND tỉnh X", "kind": "peoples_committee",
         "level": "province", "colour": "blue"},
    ],
    "decisions": [
        {"number": "not a number", "issuer": "x/ubnd", "signed_on": "2021-10-14"},
        {"number": "12/QĐ-UBND", "issuer": "x/ubnd", "signed_on": "13/10/2021"},
        {"number": "13/QĐ-UBND", "issuer": "x/ubnd", "signed_on": "2021-10-13",
         "effects": [{"type": "Explode", "org_id": "x/ubnd"}]},
    ],
}


def test_validate_a_malformed_file_lists_every_problem(tmp_path: Path) -> None:
    """All four problems, each with its JSON path, and exit code 1."""
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(BROKEN, ensure_ascii=False), encoding="utf-8")
    proc = cli("validate", str(path))
    assert proc.returncode == 1
    assert "4 problems" in proc.stdout
    for where in ["$.organisations[0].colour", "$.decisions[0].number",
                  "$.decisions[1].signed_on", "$.decisions[2].effects[0].type"]:
        assert where in proc.stdout


def test_a_malformed_dataset_option_is_one_line_and_exit_1(tmp_path: Path) -> None:
    """Any command given a malformed file says so in one line and points to `validate`."""
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(BROKEN), encoding="utf-8")
    err = fails(1, "show", "--dataset", str(path))
    assert len(err.strip().splitlines()) == 1
    assert "4 problem(s)" in err and "govmodel validate" in err
    path.write_text("{not json", encoding="utf-8")
    assert "problem" in fails(1, "show", "--dataset", str(path))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "--at", "31/02/2021"], "not a date"),
        (["show", "--at", "yesterday-ish"], "not a date"),
        (["diff", "2021-10-12"], "required"),
        (["show", "lang-son/nowhere"], "no organisation 'lang-son/nowhere'"),
        (["history", "Sở"], "matches"),
        (["-d", "bac-kan-2008", "show", "bac-kan/so-tttt", "--at", "2000-01-01"],
         "established only on 2006-05-11"),
        (["--dataset", "atlantis-1999", "show"], "no bundled dataset 'atlantis-1999'"),
        (["validate", "/no/such/file.json"], "no such file"),
        (["export", "--format", "pdf"], "invalid choice"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_usage_errors_exit_2_in_one_line(args: list[str], message: str) -> None:
    """Bad dates, unknown ids or datasets, bad choices: one line on stderr, exit 2."""
    err = fails(2, *args)
    assert message in err, err
    assert len(err.strip().splitlines()) == 1, err


def test_export_json_round_trips() -> None:
    """`export --format json` is the dataset: loading it gives an equal timeline."""
    text = ok("export", "--format", "json")
    assert serialize.loads(text).timeline() == gm.load_dataset("lang-son-2021")


def test_export_mermaid_dot_html_csv() -> None:
    """Diagram, page and table exports of the state on a date carry the new names."""
    mer = ok("export", "--format", "mermaid", "--at", "10/12/2021", "lang-son/so-tttt")
    assert mer.startswith("flowchart TD") and "Trung tâm Công nghệ số" in mer
    assert mer.count("-->") == 6
    dot = ok("export", "--format", "dot", "--at", "10/12/2021", "lang-son/so-tttt")
    assert dot.startswith("digraph") and dot.rstrip().endswith("}") and dot.count("->") == 6
    page = ok("export", "--format", "html", "--at", "10/12/2021")
    assert page.startswith("<!DOCTYPE html>") and "Phòng Hạ tầng số" in page
    rows = list(csv.DictReader(io.StringIO(ok("export", "--format", "csv", "--at", "10/12/2021",
                                              "lang-son/so-tttt"))))
    assert len(rows) == 7
    assert {r["name"] for r in rows} >= {"Phòng Hạ tầng số", "Trung tâm Công nghệ số"}


def test_export_popolo_and_org_turtle() -> None:
    """The optional exports run from the command line (their content is tested elsewhere)."""
    popolo = json.loads(ok("export", "--format", "popolo"))
    assert any(o["id"] == "lang-son/so-tttt" for o in popolo["organizations"])
    turtle = ok("export", "--format", "org-turtle")
    assert "org:" in turtle or "http://www.w3.org/ns/org#" in turtle


def test_export_to_a_file(tmp_path: Path) -> None:
    """`-o FILE` writes UTF-8 text and reports the file on stderr."""
    target = tmp_path / "tree.dot"
    proc = cli("export", "-f", "dot", "-o", str(target), "--at", "2022-01-01")
    assert proc.returncode == 0
    assert "wrote" in proc.stderr
    assert "Trung tâm Công nghệ số" in target.read_text(encoding="utf-8")


def test_parser_and_date_helper_in_process() -> None:
    """The parser builds, and the date helper refuses month-first readings."""
    assert build_parser().prog == "govmodel"
    assert str(parse_cli_date("1/2/2021")) == "2021-02-01"


def _choices(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert len(subs) == 1
    return dict(subs[0].choices)


@pytest.mark.parametrize("argv", [
    ["show", "--at", "2021-10-13", "--ids"],
    ["-d", "show", "show"],  # a dataset named like a command
    ["--dataset", "lang-son-2021", "-f", "json", "history", "lang-son/so-tttt"],
    ["diff", "2021-01-01", "10/12/2021", "--org", "x"],
    ["export", "--format", "dot", "-o", "x.dot", "org"],
    ["draft", "a.txt", "--published", "2021-10-13"],
    ["resolve", "Sài Gòn", "--limit", "3"],
    ["mapping", "2025-06-30", "2025-07-01", "--tier", "1"],
])
def test_the_parser_of_the_command_asked_reads_argv_as_the_full_parser(argv) -> None:
    """``main`` builds only the parser of the command it sees asked; that parser reads the
    arguments to the same namespace as the full one, and the commands it knows are all."""
    from govmodel.cli import COMMANDS, _asked  # noqa: PLC0415

    assert tuple(_choices(build_parser())) == COMMANDS
    asked = _asked(argv)
    assert asked == argv[2 if argv[0] in ("-d",) else 4 if argv[0] == "--dataset" else 0]
    assert tuple(_choices(build_parser(asked))) == (asked,)
    full = vars(build_parser().parse_args(argv))
    only = vars(build_parser(asked).parse_args(argv))
    assert {k: v for k, v in only.items() if k != "func"} == {
        k: v for k, v in full.items() if k != "func"}
    assert getattr(only["func"], "__name__", None) == getattr(full["func"], "__name__", None)


@pytest.mark.parametrize("argv", [[], ["--help"], ["-d", "x"], ["nosuch"], ["--", "show"]])
def test_when_the_command_cannot_be_told_the_full_parser_is_built(argv) -> None:
    from govmodel.cli import _asked  # noqa: PLC0415

    assert _asked(argv) is None


def test_a_mistyped_command_lists_every_command(capsys) -> None:
    from govmodel.cli import COMMANDS, main  # noqa: PLC0415

    with pytest.raises(SystemExit) as e:
        main(["shw"])
    assert e.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'shw'" in err and all(c in err for c in COMMANDS)
