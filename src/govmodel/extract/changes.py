"""Changes a sentence announces: renames, establishments, mergers, dissolutions, transfers.

Each finder reads one sentence and returns :class:`Change` records holding the names as
written; the assembler resolves the names to ids and builds the library's effects.

Phrasings read (Vietnamese, then the effect):

* "đổi tên X thành Y", "X được đổi tên thành Y", "kiện toàn và đổi tên X" → rename
  (parallel lists "2 phòng A, B và Trung tâm C … thành D, E và F" are paired by position);
* "thành lập X" → establish; "thành lập X trên cơ sở hợp nhất A và B", "hợp nhất A và B
  thành C", "nhập tỉnh A và tỉnh B thành tỉnh mới có tên gọi là C" → merge into a new body;
  "sáp nhập A vào B" → merge into an existing one;
* "giải thể X" → dissolve;
* "chuyển chức năng … từ A sang B" → transfer of functions; "chuyển X sang trực thuộc Y"
  → move.
"""

from __future__ import annotations

import enum
import re

import attrs

from govmodel.extract.lists import ListItem, name_before, names_in, read_list
from govmodel.extract.names import name_at
from govmodel.extract.text import Prepared, Sentence

__all__ = ["Change", "ChangeKind", "find_changes"]


class ChangeKind(str, enum.Enum):
    """The kinds of change the finders read."""

    RENAME = "rename"
    ESTABLISH = "establish"
    MERGE = "merge"
    DISSOLVE = "dissolve"
    TRANSFER = "transfer"
    MOVE = "move"


@attrs.frozen(slots=True)
class Change:
    """One announced change, names as written.

    Attributes:
        kind: what it is.
        start: where the statement starts in the NFC text.
        end: where it ends.
        sources: renamed, merged, dissolved or moved bodies; the body functions leave.
        targets: new names; the body merged into; the new parent; the body functions go to.
        what: the functions transferred.
        new_target: True when the target is a new body (consolidation, establishment).
        paired: True when two lists were paired by position.
    """

    kind: ChangeKind
    start: int
    end: int
    sources: tuple[ListItem, ...] = ()
    targets: tuple[ListItem, ...] = ()
    what: tuple[str, ...] = ()
    new_target: bool = False
    paired: bool = False


_NOT_INTO = r"(?!pho\b|vien\b|lap\b|uy\b|phan\b|cong\b)"
_THANH = re.compile(rf"\s+thanh\s+{_NOT_INTO}")
_THANH_ANY = re.compile(rf"(?<=\s)thanh\s+{_NOT_INTO}")
_END = re.compile(  # on the lower-case text with diacritics: "tại" (at) is not "Tài"
    r"\s+(?:tại|theo|kể từ|từ ngày|nhằm|để|do|trong|trên cơ sở|thuộc|trực thuộc)\s|[.;:(]"
)


def _thanh(p: Prepared, start: int, end: int) -> re.Match[str] | None:
    """The first " thành " (into) between *start* and *end* that is not part of a name."""
    for m in _THANH_ANY.finditer(p.flat, start, end):
        if p.nfc[m.start()].islower():
            return m
    return None


_GUARD = re.compile(r"(?:viec|de an|tham quyen(?: quyet dinh)?|du kien|de xuat|phuong an cua|"
                    r"sang kien|khi moi|moi|ngay dau moi)\s*$")


def _guarded(p: Prepared, s: Sentence, pos: int) -> bool:
    """True when a change word is a mention, not an announcement: "việc giải thể", "(được
    thành lập …", "thẩm quyền quyết định thành lập", a legal basis ("Căn cứ …")."""
    before = p.flat[max(s.start, pos - 30):pos]
    if _GUARD.search(before):
        return True
    if p.flat[s.start:pos].count("(") > p.flat[s.start:pos].count(")"):
        return True
    return p.flat[s.start:s.start + 30].lstrip(" -|").startswith(("can cu", "xet de nghi",
                                                                   "theo de nghi"))


def _list_after(prepared: Prepared, pos: int, end: int) -> list[ListItem] | None:
    """The list of names starting at *pos*, cut before a clause word or punctuation."""
    m = _END.search(prepared.low, pos, end)
    stop = m.start() if m else end
    items = read_list(prepared, pos, stop)
    while items is None and stop > pos:
        cut = prepared.flat.rfind(" ", pos, stop)
        comma = prepared.flat.rfind(",", pos, stop)
        stop = max(cut, comma)
        if stop <= pos:
            break
        items = read_list(prepared, pos, stop)
    return items


def _renames(p: Prepared, s: Sentence) -> list[Change]:
    out: list[Change] = []
    flat = p.flat
    for m in re.compile(r"\bdoi ten(?: goi)?\b").finditer(flat, s.start, s.end):
        after = m.end()
        if _guarded(p, s, m.start()) and not flat[max(s.start, m.start() - 12):m.start()
                                                  ].endswith(("kien toan va ", "ve viec ")):
            continue
        t = _THANH.match(flat, after)
        if t:  # "X (được) đổi tên thành Y"
            olds = names_in(p, s.start, m.start())
            news = _list_after(p, t.end(), s.end)
        else:  # "đổi tên X thành Y"
            t = _thanh(p, after, s.end)
            olds = _list_after(p, after, t.start() if t else s.end)
            news = _list_after(p, t.end(), s.end) if t else None
        if not olds:
            continue
        out.append(Change(
            ChangeKind.RENAME, m.start(), news[-1].end if news else olds[-1].end,
            sources=tuple(olds), targets=tuple(news or ()),
            paired=bool(news) and len(olds) > 1,
        ))
    return out


_MERGE_BASIS = re.compile(r"\s*(?:moi\s+)?(?:duoc\s+)?(?:thanh lap\s+)?tren co so\s+"
                          r"(?:hop nhat|sap nhap|hop nhat, sap nhap)\s+(?:nguyen trang\s+)?")


def _establish_and_merge(p: Prepared, s: Sentence) -> list[Change]:
    out: list[Change] = []
    flat = p.flat
    for m in re.compile(r"\bthanh lap\b").finditer(flat, s.start, s.end):
        if m.start() < s.start or _guarded(p, s, m.start()):
            continue
        target: ListItem | None = None
        after = name_at(p, m.end())
        if after is not None and after.start - m.end() <= 2:
            items = read_list(p, after.start, after.end)
            target = items[0] if items else None
            rest = after.end
        else:
            target = name_before(p, s.start, m.start())
            rest = m.end()
            if target is None or not target.named:
                continue
        if target is None:
            continue
        basis = _MERGE_BASIS.match(flat, rest)
        if basis:
            sources = _list_after(p, basis.end(), s.end)
            if sources:
                out.append(Change(ChangeKind.MERGE, m.start(), sources[-1].end,
                                  sources=tuple(sources), targets=(target,), new_target=True))
                continue
        out.append(Change(ChangeKind.ESTABLISH, min(m.start(), target.start),
                          max(target.end, m.end()), targets=(target,), new_target=True))
    for m in re.compile(r"\b(?:hop nhat|nhap)\s+(?!.{0,3}tren)").finditer(flat, s.start, s.end):
        if m.start() < s.start or flat[max(0, m.start() - 8):m.start()].endswith(
                ("sap ", "co so ", "co so hop ")) or _guarded(p, s, m.start()):
            continue
        t = _thanh(p, m.end(), s.end) or re.compile(
            r"[,;]?\s+lay ten (?:goi )?la\s+").search(flat, m.end(), s.end)
        if t is None:
            continue
        sources = read_list(p, m.end(), t.start())
        if not sources or len(sources) < 2:
            continue
        pos = t.end()
        named = re.compile(r"(?:tinh|thanh pho|xa|phuong|so|dac khu)\s+moi,?\s+(?:co\s+)?"
                           r"(?:ten goi la|lay ten la|ten la|ten goi)\s+").match(flat, pos)
        if named:
            pos = named.end()
        targets = _list_after(p, pos, s.end)
        if not targets:
            continue
        out.append(Change(ChangeKind.MERGE, m.start(), targets[0].end, sources=tuple(sources),
                          targets=(targets[0],), new_target=True))
    for m in re.compile(r"\bsap nhap\s+").finditer(flat, s.start, s.end):
        if m.start() < s.start or flat[max(0, m.start() - 12):m.start()].endswith("co so ") \
                or _guarded(p, s, m.start()):
            continue
        v = re.compile(r"\s+vao\s+").search(flat, m.end(), s.end)
        if v is None:
            continue
        sources = read_list(p, m.end(), v.start())
        into = _list_after(p, v.end(), s.end)
        if sources and into:
            out.append(Change(ChangeKind.MERGE, m.start(), into[0].end, sources=tuple(sources),
                              targets=(into[0],)))
    return out


def _dissolve(p: Prepared, s: Sentence) -> list[Change]:
    out = []
    for m in re.compile(r"\bgiai the\s+").finditer(p.flat, s.start, s.end):
        if m.start() < s.start or _guarded(p, s, m.start()):
            continue
        items = _list_after(p, m.end(), s.end)
        if items:
            out.append(Change(ChangeKind.DISSOLVE, m.start(), items[-1].end,
                              sources=tuple(items)))
    return out


_TRANSFER = re.compile(
    r"\bchuyen(?: giao| nguyen trang)?\s+(?:cac\s+)?(?:chuc nang|nhiem vu)(?P<what>[^.;]{0,200}?)"
    r"\s+(?:tu|cua)\s+(?=[A-Za-z])"
)
_PASSIVE_TRANSFER = re.compile(
    r"\b(?:chuc nang|nhiem vu)(?P<what>[^.;]{0,160}?\s+cua\s+)[^.;]{2,80}?(?P<to>\s+chuyen"
    r"(?: giao)?\s+(?:sang|ve|cho)\s+)"
)
_MOVE = re.compile(r"\bchuyen\s+(?!chuc nang|nhiem vu|giao|doi)")


def _transfers(p: Prepared, s: Sentence) -> list[Change]:
    out: list[Change] = []
    flat = p.flat
    for m in _TRANSFER.finditer(flat, s.start, s.end):
        sang = re.compile(r"\s+(?:sang|cho|ve)\s+").search(flat, m.end(), s.end)
        if sang is None:
            continue
        src = read_list(p, m.end(), sang.start())
        dst = _list_after(p, sang.end(), s.end)
        if not src or not dst:
            continue
        what = p.nfc[m.start("what"):m.end("what")].strip(" ,")
        what = re.sub(r"^(?:,?\s*nhiệm vụ,?\s*)?(?:quyền hạn\s*)?(?:(?:tham mưu,? )?"
                      r"(?:giúp [^,]{0,40} )?)?(?:quản lý nhà nước\s+)?(?:về\s+|đối với\s+)?",
                      "", what)
        fields = tuple(x.strip() for x in re.split(r",\s*|\s+và\s+", what) if x.strip())
        out.append(Change(ChangeKind.TRANSFER, m.start(), dst[0].end, sources=(src[0],),
                          targets=(dst[0],), what=fields))
    for m in _PASSIVE_TRANSFER.finditer(flat, s.start, s.end):
        src = names_in(p, m.end("what"), m.start("to"))
        dst = _list_after(p, m.end(), s.end)
        if src and dst:
            out.append(Change(ChangeKind.TRANSFER, m.start(), dst[0].end, sources=(src[-1],),
                              targets=(dst[0],), what=()))
    for m in _MOVE.finditer(flat, s.start, s.end):
        tt = re.compile(r"\s+(?:tu\s+[^.;]{0,80}?\s+)?(?:sang|ve)\s+(?:truc thuoc|thuoc)\s+")
        found = tt.search(flat, m.end(), s.end)
        if found is None:
            continue
        org = read_list(p, m.end(), found.start())
        if org is None:
            head = name_at(p, m.end())
            org = read_list(p, head.start, head.end) if head else None
        parent = _list_after(p, found.end(), s.end)
        if org and parent:
            out.append(Change(ChangeKind.MOVE, m.start(), parent[0].end, sources=(org[0],),
                              targets=(parent[0],)))
    return out


def find_changes(prepared: Prepared, sentence: Sentence) -> list[Change]:
    """Every change *sentence* announces, in order.

    >>> from govmodel.extract.text import prepare
    >>> p = prepare("UBND tỉnh quyết định đổi tên Sở Bưu chính - Viễn thông thành Sở Thông tin "
    ...             "và Truyền thông tại Quyết định số 570/QĐ-UBND.")
    >>> c = find_changes(p, p.sentences[0])[0]
    >>> (c.kind.value, c.sources[0].name, c.targets[0].name)
    ('rename', 'Sở Bưu chính - Viễn thông', 'Sở Thông tin và Truyền thông')
    """
    found = (_renames(prepared, sentence) + _establish_and_merge(prepared, sentence)
             + _dissolve(prepared, sentence) + _transfers(prepared, sentence))
    found.sort(key=lambda c: c.start)
    return found
