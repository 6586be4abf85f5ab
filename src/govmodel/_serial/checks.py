"""Checking many texts or ids at once (private): what the fast reader left unconverted.

:func:`govmodel._fields.to_text` and :func:`~govmodel._fields.to_id` return a valid value
unchanged; these say whether that holds for every value of a list, in a few passes in C over
the values joined together instead of a call per value.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from govmodel._fields import _ID, to_id
from govmodel.errors import GovModelError

__all__ = ["all_ids", "all_of", "all_tidy"]


def all_of(vs: Sequence[object], t: type) -> bool:
    """Whether every value of *vs* is exactly of type *t* (one pass in C)."""
    return not vs or set(map(type, vs)) == {t}


#: White space other than " " (which :func:`govmodel.vn.text.nfc` would replace).
_OTHER_SPACE = re.compile(r"[^\S ]")


def all_tidy(texts: Iterable[str]) -> bool:
    """Whether :func:`govmodel._fields.to_text` returns every one of *texts* unchanged.

    Checked on the texts joined by ``\\x00``: it is a character that never combines with
    its neighbours and is not white space, so the joined text is NFC, tidy and encodable
    exactly when every text is (a text holding ``\\x00`` itself can only make the answer a
    cautious no). Empty texts and non-strings are a no.
    """
    items = list(texts)
    if not all_of(items, str) or "" in items:
        return False
    joined = "\x00".join(items)
    # what nfc() would change: white space at either end of a text, doubled, or not " "
    if (
        "  " in joined or " \x00" in joined or "\x00 " in joined
        or joined[:1] == " " or joined[-1:] == " " or _OTHER_SPACE.search(joined)
    ):
        return False
    if not unicodedata.is_normalized("NFC", joined):
        return False
    try:
        joined.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _joined_id_pattern() -> re.Pattern[str] | None:
    """:data:`govmodel._fields._ID` for ids joined by new lines (None if it cannot be)."""
    body = _ID.pattern
    if not (body.startswith("^") and body.endswith("$")) or "\n" in body:
        return None
    one = body[1:-1]
    return re.compile(f"(?:{one}\n)*{one}")


_IDS_JOINED = _joined_id_pattern()


def all_ids(ids: list[str]) -> bool:
    """Whether :func:`govmodel._fields.to_id` accepts every one of *ids* (returning it)."""
    if not ids:
        return True
    if _IDS_JOINED is None or not all_of(ids, str):
        try:
            return all(to_id(i) is i for i in ids)
        except GovModelError:
            return False
    joined = "\n".join(ids)
    # a new line inside an id would pass for two ids
    return joined.count("\n") == len(ids) - 1 and _IDS_JOINED.fullmatch(joined) is not None
