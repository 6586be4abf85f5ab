"""The converters the fast reader knows by kind (private; see :mod:`govmodel._serial.fast`).

A field's converter decides how the fast reader reads its column: checked later, all
values at once (texts, ids), kept as read (what the reader made is what it returns), or
called once per distinct value or once per value.
"""

from __future__ import annotations

import typing
from typing import Any

from govmodel import decisions as _decisions
from govmodel import effects as _effects
from govmodel._fields import to_id, to_opt_id, to_text, to_texts
from govmodel.identifiers import Identifier, to_identifiers

# converters checked later, all values at once (see FastReader.verified)
_TEXT, _TEXTS, _ID_KIND, _OPT_ID = 1, 2, 3, 4
_KEEP = 8  # one returning what it is given when the reader made it (Identifier tuples)
_MEMO, _CALL = 5, 6  # a converter called per distinct value / per value
_IDS = 9  # the ids of a Merge's sources (govmodel.effects._to_ids: to_id on each)
_TITLE = 10  # a decision's title (govmodel.decisions._to_title: "" kept, to_text otherwise)
_KINDS: dict[Any, int] = {
    to_text: _TEXT, to_texts: _TEXTS, to_id: _ID_KIND, to_opt_id: _OPT_ID, to_identifiers: _KEEP,
}
if (_to_ids := getattr(_effects, "_to_ids", None)) is not None:
    _KINDS[_to_ids] = _IDS
if (_to_title := getattr(_decisions, "_to_title", None)) is not None:
    _KINDS[_to_title] = _TITLE


def _kind_fits(kind: int, t: Any) -> bool:
    """Whether a field of type *t* is read as the values its deferred converter expects."""
    if kind in (_TEXT, _ID_KIND, _TITLE):
        return t is str
    if kind == _OPT_ID:
        return bool(t == (str | None) or t == typing.Optional[str])  # noqa: UP045
    if kind == _KEEP:
        return bool(t == tuple[Identifier, ...])
    return bool(t == tuple[str, ...])  # _TEXTS, _IDS
