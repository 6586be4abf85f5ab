"""Every command in every format, as scripts use them: JSON that parses and holds the fields
docs/cli.md documents, CSV with a header, text that fits 80 columns, UTF-8 whatever the locale."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")

#: One run of each command (against the 2006–2025 Lạng Sơn history unless told).
COMMANDS: dict[str, list[str]] = {
    "show": ["show", "lang-son/so-tttt", "--at", "2021-12-10", "--mandate"],
    "history": ["history", "lang-son/so-tttt/trung-tam-cntt-tt"],
    "diff": ["diff", "2025-02-28", "2025-03-02"],
    "decisions": ["decisions"],
    "find": ["find", "so thong tin"],
    "validate": ["validate", str(ROOT / "src" / "govmodel" / "datasets" / "lang-son-2021.json")],
    "check": ["check"],
    "lineage": ["lineage", "lang-son/so-tttt"],
    "decision": ["decision", "04/NQ-HĐND"],
    "datasets": ["datasets"],
}


def run(*args: str, columns: int | None = 80, **env: str) -> subprocess.CompletedProcess[bytes]:
    environ = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    if columns is not None:
        environ["COLUMNS"] = str(columns)
    environ.update(env)
    return subprocess.run([sys.executable, "-m", "govmodel", *args], capture_output=True,
                          timeout=180, check=False, env=environ)


def help_width(columns: str) -> int:
    """The widest line of ``govmodel show --help`` with ``COLUMNS`` set to *columns*."""
    proc = run("show", "--help", columns=None, COLUMNS=columns)
    assert proc.returncode == 0, proc.stderr.decode()
    return max(map(len, proc.stdout.decode("utf-8").splitlines()))


@pytest.mark.parametrize("columns", [60, 80, 100])
def test_help_is_laid_out_to_the_width_asked(columns: int) -> None:
    """Help wraps to ``COLUMNS`` less 2, as argparse's own formatter wraps it: the widest
    line of ``show --help`` (long option descriptions) fills the width without passing it."""
    assert columns - 2 - 12 <= help_width(str(columns)) <= columns - 2


@pytest.mark.parametrize(("columns", "width"), [("+100", 98), ("²", 78), ("wide", 78), ("-5", 78)])
def test_help_reads_columns_as_python_reads_it(columns: str, width: int) -> None:
    """``COLUMNS`` is what ``int()`` makes of it when positive, else unset (80 columns off a
    terminal): a digit ``int()`` refuses ("²") is no crash."""
    assert width - 12 <= help_width(columns) <= width


def ok(*args: str, columns: int | None = 80) -> str:
    proc = run("-d", "lang-son-history", *args, columns=columns)
    assert proc.returncode == 0, proc.stderr.decode()
    assert b"Traceback" not in proc.stderr
    return proc.stdout.decode("utf-8")


def documented_fields(command: str) -> tuple[list[str], list[str]]:
    """The fields docs/cli.md lists for *command*: its row of the JSON fields table."""
    for line in DOC.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] == f"`{command}`":
            return re.findall(r"`([a-z_]+)`", cells[1]), re.findall(r"`([a-z_]+)`", cells[2])
    raise AssertionError(f"docs/cli.md documents no JSON fields for {command}")


def items_of(doc: dict[str, object]) -> list[dict[str, object]]:
    for key in ("organisations", "versions", "changes", "decisions", "matches", "problems",
                "findings", "edges", "effects", "datasets"):
        value = doc.get(key)
        if isinstance(value, list):
            return value
    return []


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_json_parses_and_holds_the_documented_fields(command: str) -> None:
    """One JSON document with `command`, `dataset` and the fields docs/cli.md names; ISO dates."""
    doc = json.loads(ok(*COMMANDS[command], "--format", "json"))
    top, item = documented_fields(command)
    assert doc["command"] == command
    assert set(top) <= doc.keys(), set(top) - doc.keys()
    items = items_of(doc)
    assert items or command == "validate", "the example run returns some items"
    for it in items:
        assert set(item) <= it.keys(), set(item) - it.keys()
    dates = re.findall(r'"(?:on|valid_from|valid_to|effective_on|signed_on|from|to)": "([^"]*)"',
                       json.dumps(doc, ensure_ascii=False))
    assert dates or command == "validate"
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in dates)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_csv_has_a_header_and_rows(command: str) -> None:
    """CSV parses, with a header row and one row per item of the JSON."""
    text = ok(*COMMANDS[command], "--format", "csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows and rows[0]
    doc = json.loads(ok(*COMMANDS[command], "--format", "json"))
    assert len(rows) - 1 == len(items_of(doc))


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_text_fits_80_columns(command: str) -> None:
    """With COLUMNS=80 no line of any command is over 80 characters."""
    text = ok(*COMMANDS[command], columns=80)
    long = [ln for ln in text.splitlines() if len(ln) > 80]
    assert not long, long


def test_validate_lists_problems_in_json(tmp_path: Path) -> None:
    """A malformed file: exit 1, `ok` false and each problem with its JSON path."""
    path = tmp_path / "broken.json"
    path.write_text(json.dumps({"schema_version": 1, "name": "b", "title": "B",
                                "decisions": [{"number": "x", "issuer": "a/b"}]}),
                    encoding="utf-8")
    proc = run("validate", str(path), "--format", "json")
    assert proc.returncode == 1
    doc = json.loads(proc.stdout)
    assert doc["ok"] is False and doc["problems"][0]["path"].startswith("$")


def test_wrapping_never_breaks_a_word() -> None:
    """Narrow tables wrap at spaces: every word of every title is still whole."""
    text = ok("decisions", columns=70)
    words = set(text.split())
    doc = json.loads(ok("decisions", "--format", "json"))
    for d in doc["decisions"]:
        assert {w for w in d["title"].split() if "/" not in w} <= words, d["title"]
    assert max(map(len, text.splitlines())) <= 70


def test_cp1252_redirected_output_is_utf8_and_no_traceback(tmp_path: Path) -> None:
    """PYTHONIOENCODING=cp1252 govmodel show … > out.txt: exit 0 (or 2), UTF-8, no traceback."""
    target = tmp_path / "out.txt"
    with target.open("wb") as f:
        proc = subprocess.run(
            [sys.executable, "-m", "govmodel", "show", "lang-son/so-tttt", "--at", "2021-12-10"],
            stdout=f, stderr=subprocess.PIPE, check=False, timeout=120,
            env={**os.environ, "PYTHONIOENCODING": "cp1252"})
    assert proc.returncode in (0, 2)
    assert b"Traceback" not in proc.stderr
    if proc.returncode == 0:
        assert "Phòng Hạ tầng số" in target.read_text(encoding="utf-8")
    for fmt in ("json", "csv"):
        proc = run("show", "--format", fmt, PYTHONIOENCODING="cp1258")
        assert proc.returncode == 0 and b"Traceback" not in proc.stderr
        proc.stdout.decode("utf-8")


def test_find_and_names_search_every_body_that_ever_existed() -> None:
    """Without --at, find and name lookup see former bodies; --at restricts to that day."""
    found = json.loads(ok("find", "so buu chinh vien thong", "--format", "json"))
    assert "lang-son/so-tttt" in [m["id"] for m in found["matches"]]
    assert "Sở Thông tin và Truyền thông tỉnh Lạng Sơn" in ok("find", "so thong tin",
                                                             columns=None)
    later = json.loads(ok("find", "so thong tin", "--at", "2025-06-01", "--format", "json"))
    assert "lang-son/so-tttt" not in [m["id"] for m in later["matches"]]
    hist = json.loads(ok("history", "so buu chinh vien thong", "--format", "json"))
    assert hist["org_id"] == "lang-son/so-tttt"


def test_a_date_outside_the_coverage_is_noted_on_stderr() -> None:
    """--at before the first decision: the output, and one note line on stderr."""
    proc = run("show", "--at", "1990-01-01")
    assert proc.returncode == 0
    lines = proc.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("govmodel: note:")
    assert "1990-01-01" in lines[0] and "2020-09-11" in lines[0]
    inside = run("show", "--at", "2021-12-10")
    assert inside.stderr == b""


def test_no_arguments_says_the_date_and_the_coverage() -> None:
    """`govmodel` alone: which date, and which dates the dataset's decisions cover."""
    proc = run()
    out = proc.stdout.decode()
    assert proc.returncode == 0
    assert out.startswith("As of ")
    assert "decisions run from 2020-09-11 to 2022-01-25" in out


def test_a_missing_path_says_no_such_file() -> None:
    """A dataset path that does not exist is not called an unknown bundled dataset."""
    proc = run("-d", "/no/such/dir/data.json", "show")
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "no such file" in err and "bundled" not in err
    assert len(err.strip().splitlines()) == 1


def test_decision_says_what_it_did_and_what_ended_it() -> None:
    """1782/QĐ-UBND: in force 11/9/2020 until 13/10/2021, superseded by 2041/QĐ-UBND."""
    proc = run("decision", "1782", "--format", "json")
    doc = json.loads(proc.stdout)
    assert doc["in_force"] == {"from": "2020-09-11", "to": "2021-10-13"}
    assert doc["ended"]["how"] == "superseded"
    assert doc["ended"]["by"]["number"] == "2041/QĐ-UBND"
    assert all({"index", "type", "summary", "data"} <= e.keys() for e in doc["effects"])
    text = run("decision", "2041/QĐ-UBND").stdout.decode()
    assert "still in force" in text and "renames lang-son/bcd-cds" in text
    assert run("decision", "9999").returncode == 2


def test_lineage_edges_carry_the_edge_fields() -> None:
    """The 2025 merger of the Sở TT&TT into the new Sở KH&CN, with its decision."""
    doc = json.loads(ok("lineage", "lang-son/so-tttt", "--format", "json"))
    merged = [e for e in doc["successors"] if e["kind"] == "merged"]
    assert merged and merged[0]["target"] == "lang-son/so-khcn-2025"
    assert merged[0]["on"] == "2025-03-01" and merged[0]["decision"]["number"]


def test_export_sqlite_from_the_command_line(tmp_path: Path) -> None:
    """`export --format sqlite -o gov.db` writes the tables; without -o it is a usage error."""
    target = tmp_path / "gov.db"
    proc = run("-d", "lang-son-history", "export", "--format", "sqlite", "-o", str(target))
    assert proc.returncode == 0, proc.stderr
    db = sqlite3.connect(target)
    assert db.execute("SELECT value FROM metadata WHERE key = 'dataset'").fetchone() == (
        "lang-son-history",)
    assert run("export", "--format", "sqlite").returncode == 2


@pytest.mark.parametrize(
    "args",
    [("--format", "csv", "decisions"), ("decisions", "--format", "csv"),
     ("export", "--format", "csv", "--at", "10/12/2021")],
)
def test_bom_starts_csv_for_excel(args: tuple[str, ...]) -> None:
    """--bom puts a UTF-8 byte-order mark before the CSV, and only then; the rest is equal."""
    plain = run(*args)
    marked = run("--bom", *args) if args[0] != "export" else run(*args, "--bom")
    assert plain.returncode == marked.returncode == 0, marked.stderr
    assert not plain.stdout.startswith(b"\xef\xbb\xbf")
    assert marked.stdout == b"\xef\xbb\xbf" + plain.stdout
    assert marked.stdout.decode("utf-8-sig").splitlines()[0].split(",")[0] in ("number", "id")


def test_bom_leaves_json_alone() -> None:
    assert not run("--bom", "--format", "json", "decisions").stdout.startswith(b"\xef\xbb\xbf")
