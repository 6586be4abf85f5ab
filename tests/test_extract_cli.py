"""The ``govmodel draft`` command and ``gm.extract`` at the top level."""

from __future__ import annotations

import io
import json
from pathlib import Path

import govmodel as gm
from govmodel.cli import main

SEED_001 = next(Path("/work/shared/seeds").glob("001_*.txt")) if Path(
    "/work/shared/seeds").is_dir() else next(
    (Path(__file__).resolve().parents[2] / "shared" / "seeds").glob("001_*.txt"))


def test_top_level_extract_is_callable():
    """``gm.extract(text)`` reads a text; ``gm.extract.Draft`` is the draft class."""
    draft = gm.extract("Quyết định số 2041/QĐ-UBND ngày 13/10/2021 của UBND tỉnh Lạng Sơn.")
    assert isinstance(draft, gm.extract.Draft)
    assert draft.decisions[0].label == "2041/QĐ-UBND"


def test_draft_command_writes_a_valid_dataset(tmp_path, capsys):
    """``govmodel draft FILE -o out.json`` writes a dataset ``govmodel validate`` accepts and
    prints the review table."""
    text = tmp_path / "seed.txt"
    text.write_text(SEED_001.read_text(encoding="utf-8"), encoding="utf-8")
    out_path = tmp_path / "draft.json"
    out = io.StringIO()
    assert main(["draft", str(text), "-o", str(out_path)], out=out) == 0
    table = out.getvalue()
    assert table.startswith("item | text span | confidence")
    assert "2041/QĐ-UBND" in table
    data = json.loads(out_path.read_text(encoding="utf-8"))
    assert {d["number"] for d in data["decisions"]} == {"2041/QĐ-UBND", "1782/QĐ-UBND"}
    check = io.StringIO()
    assert main(["validate", str(out_path)], out=check) == 0, check.getvalue()


def test_draft_command_with_dataset_extends_it(tmp_path):
    """With ``--dataset``, names resolve to its ids and the draft extends it."""
    text = tmp_path / "seed.txt"
    text.write_text(SEED_001.read_text(encoding="utf-8"), encoding="utf-8")
    out = io.StringIO()
    assert main(["draft", str(text), "--dataset", "lang-son-2021", "--published",
                 "2021-10-14"], out=out) == 0
    data = json.loads(out.getvalue())
    assert data["extends"] == ["lang-son-2021"]
    assert any("already in lang-son-2021" in n for n in data["notes"])


def test_draft_command_missing_file_is_a_usage_error(tmp_path):
    """A missing file exits with code 2, not a traceback."""
    assert main(["draft", str(tmp_path / "nothing.txt")], out=io.StringIO()) == 2
