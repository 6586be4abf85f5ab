"""Checking many texts or ids at once (private): what the fast reader left unconverted.

:func:`govmodel._fields.to_text` and :func:`~govmodel._fields.to_id` return a valid value
unchanged; these say whether that holds for every value of a list, in a few passes in C over
the values joined together instead of a call per value.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence

from govmodel._fields import _ID, to_id
from govmodel.errors import GovModelError

__all__ = ["all_ids", "all_of", "all_tidy"]


def all_of(vs: Sequence[object], t: type) -> bool:
    """Whether every value of *vs* is exactly of type *t* (one pass in C)."""
    return list(map(type, vs)).count(t) == len(vs)


@functools.cache
def _other_space() -> re.Pattern[str]:
    """White space other than " " (which :func:`govmodel.vn.text.nfc` would replace)."""
    return re.compile(r"[^\S ]")


def all_tidy(texts: Iterable[str]) -> bool:
    """Whether :func:`govmodel._fields.to_text` returns every one of *texts* unchanged.

    Checked on the texts joined by ``\\x00``: it is a character that never combines with
    its neighbours and is not white space, so the joined text is NFC, tidy and encodable
    exactly when every text is (a text holding ``\\x00`` itself can only make the answer a
    cautious no). Empty texts and non-strings are a no (a subclass of ``str`` counts as a
    text: JSON gives none).
    """
    items = texts if type(texts) is list else list(texts)
    try:
        joined = "\x00".join(items)
    except TypeError:  # not a text (join takes only texts)
        return False
    if not joined:
        return not items  # no text at all, or one empty text
    # an empty text: two separators in a row, or one at either end
    if "\x00\x00" in joined or joined[0] == "\x00" or joined[-1] == "\x00":
        return False
    # what nfc() would change: white space at either end of a text, doubled, or not " "
    if (
        "  " in joined or " \x00" in joined or "\x00 " in joined
        or joined[0] == " " or joined[-1] == " "
    ):
        return False
    # printable text has no white space but " " and no lone surrogate (both are "Other"
    # or "Separator" characters): only other text needs a closer look. The separators are
    # left out of that look (\x00 is neither white space nor a surrogate).
    if not joined.replace("\x00", "").isprintable():
        if _other_space().search(joined):
            return False
        try:
            joined.encode("utf-8")
        except UnicodeEncodeError:
            return False
    return unicodedata.is_normalized("NFC", joined)


@functools.cache
def _joined_id_pattern() -> re.Pattern[str] | None:
    """:data:`govmodel._fields._ID` for ids joined by new lines (None if it cannot be)."""
    body = _ID.pattern
    if not (body.startswith("^") and body.endswith("$")) or "\n" in body:
        return None
    one = body[1:-1]
    return re.compile(f"(?:{one}\n)*{one}")


#: The id pattern :func:`all_ids` checks without a regular expression, when it is still
#: :data:`govmodel._fields._ID`'s: a first character of ``_ID_FIRST``, then up to
#: ``_ID_MORE`` of ``_ID_CHARS``.
_KNOWN_ID = r"^[a-z0-9][a-z0-9._\-/]{0,199}$"
_ID_FIRST = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789._-/"
_ID_MORE = 199
#: A new line followed by a character that may not start an id.
_AFTER_LINE = tuple(f"\n{c}" for c in _ID_CHARS if c not in _ID_FIRST)


def all_ids(ids: list[str]) -> bool:
    """Whether :func:`govmodel._fields.to_id` accepts every one of *ids* (returning it)."""
    if not ids:
        return True
    try:
        unique = set(ids)  # each id checked once (their hashes are kept for later look-ups)
        joined = "\n".join(unique)
    except TypeError:  # to_id accepts only texts (and join takes only texts)
        return False
    # a new line inside an id would pass for two ids
    if joined.count("\n") != len(unique) - 1:
        return False
    if _ID.pattern == _KNOWN_ID:
        # with no new line inside an id, an empty id is a new line at either end or two in
        # a row, and the first character of an id follows a new line (or starts the text)
        return (
            joined.isascii()
            and not joined.encode("ascii").translate(None, f"{_ID_CHARS}\n".encode("ascii"))
            and "" not in unique
            and max(map(len, unique)) <= _ID_MORE + 1
            and joined[0] in _ID_FIRST
            and not any(map(joined.__contains__, _AFTER_LINE))
        )
    pattern = _joined_id_pattern()
    if pattern is None:
        try:
            return all(to_id(i) is i for i in unique)
        except GovModelError:
            return False
    return pattern.fullmatch(joined) is not None
