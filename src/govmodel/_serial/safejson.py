"""Safe JSON in and out (private): no code is executed, duplicate keys, constants
and deep nesting are refused, text is UTF-8."""

from __future__ import annotations

import json
import os
from typing import Any

from govmodel._serial.constants import MAX_BYTES, MAX_DEPTH, _json_type
from govmodel._serial.dataset import Dataset
from govmodel.errors import DatasetError, InvalidValueError, Problem

# --------------------------------------------------------------------------- dump


def dumps(dataset: Dataset, *, compact: bool = False) -> str:
    """The JSON text of *dataset* (UTF-8, Vietnamese kept as is, two-space indent).

    Args:
        dataset: the dataset to write.
        compact: write the compact form (``docs/dataset-format.md``, "Compact form"): the
            organisations and every decision's effects as tables of columns, one line per
            column, no indent.

    Returns:
        The text, ending with a newline; :func:`loads` reads it back to an equal dataset.

    Raises:
        InvalidValueError: when *dataset* is not a :class:`Dataset`.

    Added in 0.1; *compact* in 0.2.
    """
    from govmodel._serial.codec import _converter  # noqa: PLC0415 - cattrs on first use

    if not isinstance(dataset, Dataset):
        raise InvalidValueError(f"expected a Dataset, not {type(dataset).__name__}")
    if compact:
        from govmodel._serial.table import dumps_tables  # noqa: PLC0415 - with cattrs

        return dumps_tables(dataset)
    data = _converter().unstructure(dataset, unstructure_as=Dataset)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def dump(dataset: Dataset, path: str | os.PathLike[str], *, compact: bool = False) -> None:
    """Write *dataset* to the file *path* as JSON (see :func:`dumps`).

    Args:
        dataset: the dataset to write.
        path: the file to write; it is replaced if it exists. A name ending in ``.gz`` is
            written gzip-compressed (with no name or time in its header, so that the same
            dataset gives the same bytes); :func:`load` reads it back.
        compact: write the compact form (tables of columns; see :func:`dumps`).

    Raises:
        InvalidValueError: when *dataset* is not a :class:`Dataset`.
        OSError: when the file cannot be written.

    Added in 0.1; *compact* and ``.gz`` in 0.2.
    """
    text = dumps(dataset, compact=compact)
    if os.fspath(path).endswith(".gz"):
        import gzip  # noqa: PLC0415 - only for a compressed file

        with open(path, "wb") as raw, gzip.GzipFile(
            filename="", mode="wb", fileobj=raw, mtime=0
        ) as z:
            z.write(text.encode("utf-8"))
        return
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def _pairs_no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):  # some key is given twice: name the first one repeated
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"duplicate key {key!r} in an object")
            seen.add(key)
    return out


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def json_text(text: str | bytes, file: str | None, max_bytes: int = MAX_BYTES) -> str:
    """*text* as a ``str`` (bytes decoded from UTF-8, a byte-order mark dropped), or a
    :class:`DatasetError` at ``$`` when it is larger than *max_bytes* or not UTF-8."""
    if isinstance(text, bytes):
        if len(text) > max_bytes:
            raise DatasetError([Problem("$", f"file larger than {max_bytes} bytes")], file=file)
        try:
            return text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            problem = Problem("$", f"not UTF-8 text ({exc.reason})")
            raise DatasetError([problem], file=file) from None
    if not isinstance(text, str):
        raise InvalidValueError(f"expected JSON text, not {type(text).__name__}")
    # text decoded from UTF-8 (above) is no larger than its bytes, and encodable
    if len(text) > max_bytes:
        raise DatasetError([Problem("$", f"file larger than {max_bytes} bytes")], file=file)
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as exc:  # a lone surrogate: no UTF-8 file can hold this text
        problem = Problem("$", f"not UTF-8 text (a lone surrogate at character {exc.start})")
        raise DatasetError([problem], file=file) from None
    if size > max_bytes:
        raise DatasetError([Problem("$", f"file larger than {max_bytes} bytes")], file=file)
    return text


def json_hooks(checked: bool) -> dict[str, Any]:
    """The ``json.loads`` arguments of a dataset's parse: repeated keys and constants
    refused, unless the text is a bundled file's verified bytes (*checked*)."""
    if checked:
        return {}
    return {"object_pairs_hook": _pairs_no_duplicates, "parse_constant": _refuse_constant}


def parse_text(text: str, file: str | None, *, checked: bool = False) -> dict[str, Any]:
    """The JSON object of the dataset *text* (a :func:`json_text`); anything else is a
    :class:`DatasetError` at ``$``.

    The nesting is not checked here: the caller calls :func:`refuse_deep` before anything
    walks the data recursively or reports a problem. With ``checked=True`` (a bundled
    file's verified bytes, :mod:`govmodel._serial.bundled`) the text is parsed without the
    hooks that refuse repeated keys and constants: it was found to have none.
    """
    try:
        data = json.loads(text, **json_hooks(checked))
    except json.JSONDecodeError as exc:
        msg = f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        raise DatasetError([Problem("$", msg)], file=file) from None
    except ValueError as exc:
        raise DatasetError([Problem("$", f"not valid JSON: {exc}")], file=file) from None
    except RecursionError:
        raise DatasetError([Problem("$", "JSON nested too deeply")], file=file) from None
    if not isinstance(data, dict):
        raise DatasetError(
            [Problem("$", f"a dataset must be a JSON object, not {_json_type(data)}")], file=file
        )
    return data


def refuse_deep(data: object, file: str | None) -> None:
    """Raise the one problem of data nested deeper than :data:`MAX_DEPTH` levels."""
    if _too_deep(data):
        problem = Problem("$", f"JSON nested deeper than {MAX_DEPTH} levels")
        raise DatasetError([problem], file=file)


def _too_deep(data: object) -> bool:
    """Whether *data* nests objects and arrays more than :data:`MAX_DEPTH` deep.

    Walks one level at a time, keeping only the containers of the next level.
    """
    level: list[object] = [data]
    depth = 0
    while level:
        depth += 1
        if depth > MAX_DEPTH:
            return True
        below: list[object] = []
        for node in level:
            for item in node.values() if type(node) is dict else node:  # type: ignore[attr-defined]
                t = type(item)
                if t is dict or t is list:
                    below.append(item)
        level = below
    return False


