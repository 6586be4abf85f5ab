"""What every command needs: the dataset (built once), the output format, width and stream."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from govmodel.datasets import datasets, read_dataset
from govmodel.errors import GovModelError

if TYPE_CHECKING:
    from govmodel._cli.values import Json
    from govmodel.serialize import Dataset
    from govmodel.snapshot import Snapshot
    from govmodel.timeline import Timeline

__all__ = ["BOM", "OUTPUT_FORMATS", "Context", "UsageError", "csv_text", "output_width"]

#: The values of ``--format`` for every command but ``export``.
OUTPUT_FORMATS = ("text", "json", "csv")
#: The UTF-8 byte-order mark that ``--bom`` puts before CSV, so that Excel reads it as UTF-8.
BOM = "\ufeff"


class UsageError(GovModelError):
    """The command line asks for something that does not exist (exit code 2)."""


def output_width(out: TextIO) -> int | None:
    """The width tables and trees must fit: ``COLUMNS`` when set, else the terminal's when
    writing to one; None (no limit) when writing to a file or pipe."""
    try:  # read as shutil.get_terminal_size reads it: any int() takes, if positive
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns > 0:
        return max(columns, 20)
    try:
        if out.isatty():
            import shutil  # noqa: PLC0415 - only for a terminal

            return max(shutil.get_terminal_size().columns, 20)
    except (AttributeError, ValueError, OSError):
        pass
    return None


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        if {"number", "issuer"} <= value.keys():
            return str(value["number"])
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def csv_text(columns: Sequence[str], rows: Sequence[Mapping[str, object]]) -> str:
    """RFC 4180 CSV, header first (even with no rows); lists joined with ``"; "``, a
    decision by its number, booleans ``true``/``false``, None empty."""
    import csv  # noqa: PLC0415 - only CSV output needs it
    import io  # noqa: PLC0415

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(columns)
    for r in rows:
        w.writerow([_cell(r.get(c)) for c in columns])
    return buf.getvalue()


def _looks_like_path(text: str) -> bool:
    return os.sep in text or "/" in text or text.endswith((".json", ".gz"))


class Context:
    """The parsed arguments, the dataset and timeline (read on first use) and the output."""

    def __init__(self, args: argparse.Namespace, out: TextIO) -> None:
        self.args = args
        self.out = out
        self.format: str = getattr(args, "output_format", None) or "text"
        self.width = output_width(out)
        self.notes: list[str] = []
        self._dataset: Dataset | None = None
        self._timeline: Timeline | None = None

    @property
    def dataset(self) -> Dataset:
        if self._dataset is None:
            name = str(self.args.dataset)
            if name not in datasets() and _looks_like_path(name) and not os.path.exists(name):
                raise UsageError(f"no such file: {name}")
            self._dataset = read_dataset(name)
        return self._dataset

    @property
    def timeline(self) -> Timeline:
        if self._timeline is None:
            self._timeline = self.dataset.timeline()
        return self._timeline

    @property
    def coverage(self) -> tuple[dt.date, dt.date] | None:
        """The dataset's first and last decision dates."""
        from govmodel._cli.values import coverage  # noqa: PLC0415 - with the engine

        return coverage(self.timeline.decisions)

    def coverage_json(self) -> Json:
        span = self.coverage
        return {"from": span[0].isoformat() if span else None,
                "to": span[1].isoformat() if span else None}

    def note_outside(self, day: dt.date | None, what: str = "--at") -> None:
        """Note (on stderr, once the command succeeds) a date outside the coverage."""
        span = self.coverage
        if day is None or span is None or span[0] <= day <= span[1]:
            return
        side = "before the first" if day < span[0] else "after the last"
        self.notes.append(
            f"{what} {day.isoformat()} lies {side} decision of {self.args.dataset} "
            f"(it covers {span[0].isoformat()} to {span[1].isoformat()})"
        )

    def print(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def emit(
        self,
        doc: Json,
        text: Callable[[], str],
        columns: Sequence[str] = (),
        rows: Sequence[Mapping[str, object]] = (),
    ) -> None:
        """Write the result in the chosen format: *doc* as one JSON document (with
        ``command`` and ``dataset`` first), *rows* as CSV, or the *text*."""
        if self.format == "json":
            head: dict[str, Any] = {"command": self.args.command,
                                    "dataset": str(getattr(self.args, "dataset", ""))}
            self.out.write(json.dumps({**head, **doc}, ensure_ascii=False, indent=2) + "\n")
        elif self.format == "csv":
            bom = BOM if getattr(self.args, "bom", False) else ""
            self.out.write(bom + csv_text(columns, rows))
        else:
            self.print(text())

    def org_id(self, text: str, on: dt.date | None = None) -> str:
        """An organisation id from an id or (part of) a name — of any body that ever existed,
        or only of those alive on *on* — unique or a usage error."""
        tl = self.timeline
        if text in tl.organisation_ids():
            return text
        found = tl.find(text, on)
        if len(found) == 1:
            return found[0]
        if not found:
            when = f" on {on.isoformat()}" if on is not None else ""
            first = text.split(maxsplit=1)[0] if text.split() else text
            raise UsageError(
                f"no organisation {text!r} in {self.args.dataset}{when} "
                f"(try: govmodel find {first})"
            )
        raise UsageError(
            f"{text!r} matches {len(found)} organisations: {', '.join(found[:5])}"
            + (" …" if len(found) > 5 else "")
            + "; give an id"
        )

    def snapshot(self) -> Snapshot:
        known = getattr(self.args, "known_on", None)
        return self.timeline.as_of(self.args.at, known_on=known)
