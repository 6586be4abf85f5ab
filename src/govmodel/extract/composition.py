"""A committee's composition by post: "Chủ tịch UBND tỉnh là Trưởng ban", "Phó Trưởng ban
Thường trực: …", "Các thành viên gồm: Thủ trưởng các sở, ngành: A; B; Giám đốc các đơn vị: C".

Members sit ex officio: each membership names a post (a title in an organisation), never a
person. The finders return posts as written; the assembler resolves their organisations.
"""

from __future__ import annotations

import re

import attrs

from govmodel.extract import _api as gm
from govmodel.extract.text import Prepared, Sentence

__all__ = ["Seat", "find_seats", "split_post"]

_ROLES = (
    ("pho truong ban thuong truc", gm.Role.STANDING_DEPUTY),
    ("pho truong ban", gm.Role.DEPUTY),
    ("truong ban", gm.Role.HEAD),
    ("thanh vien", gm.Role.MEMBER),
    ("uy vien", gm.Role.MEMBER),
)
_ROLE_RE = "|".join(r for r, _ in _ROLES)
_TITLES = (
    "Phó Chủ tịch Thường trực|Phó Chủ tịch thường trực|Phó Chủ tịch|Chủ tịch|Phó Giám đốc|"
    "Giám đốc|Thủ trưởng|Chánh Văn phòng|Chánh Thanh tra|Phó Trưởng|Trưởng|Bí thư|Phó Bí thư|"
    "Thủ tướng|Phó Thủ tướng|Bộ trưởng|Thứ trưởng|Tổng Giám đốc|Lãnh đạo|Đại diện lãnh đạo|"
    "Cục trưởng|Chỉ huy trưởng|Viện trưởng|Hiệu trưởng"
)
_POST = re.compile(rf"(?P<title>{_TITLES})\s+(?P<org>.+)", re.S)
_QUALIFIER = re.compile(r"\s+(phụ trách\s.+|thường trực\b.*|kiêm\s.+)$", re.S)
_IS_ROLE = re.compile(rf"\s+(?:la|lam)\s+(?P<role>{_ROLE_RE})\b")
_ROLE_IS = re.compile(rf"(?:^|[\s;,.])(?P<role>{_ROLE_RE})(?: ban)?(?: chi dao)?\s+la\s+")
_COLON_ROLE = re.compile(rf"(?:^|[\s;.])(?P<role>{_ROLE_RE})\s*:\s*")
_MEMBERS = re.compile(r"\bcac thanh vien(?: ban chi dao| ban)?\s+(?:gom|bao gom)\s*:?\s*")
_GROUP = re.compile(rf"(?P<title>{_TITLES})\s+(?:các\s+)?(?P<group>[^:;]{{0,40}}?)\s*:\s*")


@attrs.frozen(slots=True)
class Seat:
    """A membership as written: role, post title, organisation name, qualifier and span."""

    role: gm.Role
    title: str
    org: str
    qualifier: str | None
    start: int
    end: int
    group: str = ""


def _role(flat: str) -> gm.Role:
    for text, role in _ROLES:
        if flat.startswith(text):
            return role
    return gm.Role.MEMBER


def split_post(text: str) -> tuple[str, str, str | None] | None:
    """(title, organisation name, qualifier) of a post as written, or None.

    >>> split_post("Phó Chủ tịch UBND tỉnh phụ trách lĩnh vực Thông tin và Truyền thông")
    ('Phó Chủ tịch', 'UBND tỉnh', 'phụ trách lĩnh vực Thông tin và Truyền thông')
    """
    m = _POST.match(text.strip(" .;,"))
    if m is None:
        return None
    org = m["org"].strip(" .;,")
    qualifier = None
    q = _QUALIFIER.search(org)
    if q:
        qualifier, org = q.group(1).strip(), org[:q.start()].strip()
    if not org:
        return None
    return m["title"], org, qualifier


def find_seats(prepared: Prepared, sentence: Sentence) -> list[Seat]:
    """The memberships *sentence* sets, in order.

    >>> from govmodel.extract.text import prepare
    >>> p = prepare("Giám đốc Sở Thông tin và Truyền thông là Phó Trưởng ban.")
    >>> [(s.role.value, s.title, s.org) for s in find_seats(p, p.sentences[0])]
    [('deputy', 'Giám đốc', 'Sở Thông tin và Truyền thông')]
    """
    text, flat = prepared.nfc, prepared.flat
    a, b = sentence.start, sentence.end
    out: list[Seat] = []
    m = _IS_ROLE.search(flat, a, b)
    if m:
        head = text[a:m.start()]
        head = re.sub(r"^.*?(?:Trong đó|Theo đó)\s*[:,]?\s*", "", head)
        head = re.sub(r"^(?:đồng chí|ông|bà)\s+", "", head, flags=re.IGNORECASE)
        post = split_post(head)
        if post:
            out.append(Seat(_role(m["role"]), *post, start=a, end=m.end()))
        return out
    m = _MEMBERS.search(flat, a, b)
    if m:
        return _members(prepared, m.end(), b)
    for c in _ROLE_IS.finditer(flat, a, b):  # "Trưởng ban là Phó Chủ tịch UBND tỉnh …; …"
        stop = re.compile(r"[;.]").search(flat, c.end(), b)
        post = split_post(text[c.end():stop.start() if stop else b])
        if post:
            out.append(Seat(_role(c["role"]), *post, start=c.start(), end=stop.start()
                            if stop else b))
    if out:
        return out
    for c in _COLON_ROLE.finditer(flat, a, b):
        end = b
        nxt = _COLON_ROLE.search(flat, c.end(), b)
        if nxt:
            end = nxt.start()
        role = _role(c["role"])
        if role is gm.Role.MEMBER:
            out.extend(_members(prepared, c.end(), end))
            continue
        post = split_post(text[c.end():end])
        if post:
            out.append(Seat(role, *post, start=c.start(), end=end))
    return out


def _members(prepared: Prepared, start: int, end: int) -> list[Seat]:
    text = prepared.nfc
    groups = list(_GROUP.finditer(text, start, end))
    out: list[Seat] = []
    if not groups:
        for part in re.split(r";", text[start:end]):
            post = split_post(part)
            if post:
                pos = text.find(part.strip(), start)
                out.append(Seat(gm.Role.MEMBER, *post, start=pos, end=pos + len(part.strip())))
        return out
    for i, g in enumerate(groups):
        stop = groups[i + 1].start() if i + 1 < len(groups) else end
        body = text[g.end():stop]
        sep = ";" if ";" in body else ","
        group = g["group"].strip()
        pos = g.end()
        for part in body.split(sep):
            item = part.strip(" .;,")
            if item:
                at = text.find(item, pos)
                pos = at + len(item)
                out.append(Seat(gm.Role.MEMBER, g["title"], item, None, start=at, end=pos,
                                group=group))
    return out
