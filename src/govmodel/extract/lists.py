"""Lists of names: "2 phòng A, B và Trung tâm C", "tỉnh Hà Giang và tỉnh Tuyên Quang".

A count before a head noun ("2 phòng") says how many of the following items share that head:
"2 phòng Bưu chính viễn thông, CNTT" is "phòng Bưu chính viễn thông" and "phòng CNTT". A list
of counts alone ("2 phòng và 1 Trung tâm") names no one: its items are kept as heads only.
"""

from __future__ import annotations

import re

import attrs

from govmodel.extract.names import head_at, name_at, split_list
from govmodel.extract.text import Prepared

__all__ = ["ListItem", "name_before", "names_in", "read_list"]

_COUNT = re.compile(r"(?P<n>\d{1,2}|một|hai|ba|bốn|năm)\s+(?=\w)")
_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5}
_FILLER = re.compile(r"(?:\s|được|đã|sẽ|cũng|đều|còn|vẫn|chính thức|thì|mới|\()*$")


@attrs.frozen(slots=True)
class ListItem:
    """One item of a list: the name as it should be read ("phòng CNTT"), and its span.

    ``named`` is False for an item that is a head only ("1 Trung tâm"): it names no one.
    """

    name: str
    start: int
    end: int
    head: str
    named: bool = True


def read_list(prepared: Prepared, start: int, end: int) -> list[ListItem] | None:
    """Read ``nfc[start:end]`` as a list of names; None when it is not wholly one.

    >>> from govmodel.extract.text import prepare
    >>> s = "2 phòng Bưu chính viễn thông, CNTT và Trung tâm CNTT-TT"
    >>> [i.name for i in read_list(prepare(s), 0, len(s))]
    ['phòng Bưu chính viễn thông', 'phòng CNTT', 'Trung tâm CNTT-TT']
    """
    text, low = prepared.nfc, prepared.low
    items: list[ListItem] = []
    shared: str | None = None
    left = 0
    for a0, b0 in split_list(prepared, start, end):
        a, b = a0, b0
        while b > a and text[b - 1] in " .,;:":
            b -= 1
        while a < b and text[a] in " ,;:":
            a += 1
        count = 1
        m = _COUNT.match(low, a)
        if m and head_at(prepared, m.end()):
            count = int(m["n"]) if m["n"].isdigit() else _WORDS[m["n"]]
            a = m.end()
        head = head_at(prepared, a)
        if head is not None:
            n = name_at(prepared, a, limit=b)
            if n is None:
                return None
            if n.end < b - 1 and text[n.end:b].strip(" ,") and not text[n.end:b].lstrip(
                    ).startswith("("):
                return None
            named = len(n.text) > len(head) + 1
            if not named:
                items.extend(ListItem(text[a:b], a, b, head, named=False) for _ in range(count))
                shared, left = None, 0
                continue
            body = text[a + len(head) + 1:b]
            parts = re.split(r"\s+và\s+|,\s*", body) if count > 1 else [body]
            if count > 1 and len(parts) == count:  # "hai ban A và B"
                pos = a + len(head) + 1
                for part in parts:
                    at = text.find(part, pos)
                    items.append(ListItem(f"{text[a:a + len(head)]} {part}", at,
                                          at + len(part), head))
                    pos = at + len(part)
                shared, left = None, 0
                continue
            items.append(ListItem(text[a:b], a, b, head))
            shared, left = (head, count - 1) if count > 1 else (None, 0)
        elif shared is not None and left > 0:
            n = name_at(prepared, a, limit=b, need_head=False)
            if n is None:
                return None
            head_text = shared
            items.append(ListItem(f"{head_text} {text[a:b]}", a, b, shared))
            left -= 1
        else:
            return None
    return items or None


def names_in(prepared: Prepared, start: int, end: int) -> list[ListItem] | None:
    """The longest list of names that starts at or after *start* and runs up to *end*.

    Fillers before *end* ("được", "đã", "sẽ") are skipped. The earliest start that reads as a
    whole list wins, so "Theo đó, Ban Chỉ đạo X đổi tên" gives "Ban Chỉ đạo X".
    """
    stop = start + len(_FILLER.split(prepared.low[start:end], maxsplit=1)[0]) if end > start \
        else end
    m = _FILLER.search(prepared.low, start, end)
    stop = m.start() if m else end
    for pos in _starts(prepared, start, stop):
        items = read_list(prepared, pos, stop)
        if items:
            return items
    return None


def _starts(prepared: Prepared, start: int, stop: int) -> list[int]:
    out = []
    low = prepared.low
    for m in re.finditer(r"(?<![\wđ])\w", low[start:stop]):
        pos = start + m.start()
        c = _COUNT.match(low, pos)
        if head_at(prepared, pos) or (c and head_at(prepared, c.end())):
            out.append(pos)
    return out


def name_before(prepared: Prepared, start: int, end: int) -> ListItem | None:
    """The single name that ends right before *end* (fillers skipped), if any."""
    items = names_in(prepared, start, end)
    if items and len(items) == 1:
        return items[0]
    if items:
        return items[-1]
    return None
