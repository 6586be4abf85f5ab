"""Appointments and their ends as written: who is put in a post, or leaves one, and when.

Into a post: "bổ nhiệm ông X giữ chức vụ Phó Giám đốc Sở Y" (appointment; also "bổ nhiệm
chức vụ … đối với ông X"), "giao quyền" (acting: the post's qualifier is "quyền"), "phân
công bà X … kiêm giữ chức Giám đốc Sở Y" (assignment), "điều động ông X, Chánh Văn phòng …
giữ chức …" (a transfer into a post). Out of one: "miễn nhiệm" (dismissal), "cho thôi giữ
chức vụ" (release), "nghỉ hưu" (retirement), "điều động ông X, <post>, …" (a transfer out).

A person is named after "ông", "bà" or "đồng chí" ("đồng chí Nguyễn Khắc Lịch"); a post is a
title ("Giám đốc", "Phó Chủ tịch", "Trưởng phòng", "Chánh Văn phòng" …) and an organisation's
name ("Sở TT&TT tỉnh Lạng Sơn", "UBND tỉnh"). The day comes from "(kể) từ ngày D" in the same
sentence; the term from "Thời hạn bổ nhiệm là 5 năm" in the same sentence or a later one.
The finders return what is written; :mod:`govmodel.extract.personnel` makes the effects.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from govmodel.extract.dates import find_clauses, first_date
from govmodel.extract.names import display_name, name_at
from govmodel.extract.text import Prepared, Sentence

__all__ = ["Personnel", "PostPhrase", "find_personnel", "find_term"]

# (title as written, lower case; the head noun inside it that starts the organisation's name)
_TITLES: tuple[tuple[str, str], ...] = tuple(sorted((
    ("phó chủ tịch", ""), ("chủ tịch", ""), ("phó giám đốc", ""), ("giám đốc", ""),
    ("tổng giám đốc", ""), ("phó tổng giám đốc", ""),
    ("phó trưởng ban", "ban"), ("trưởng ban", "ban"), ("phó trưởng phòng", "phòng"),
    ("trưởng phòng", "phòng"), ("phó chánh văn phòng", "văn phòng"),
    ("chánh văn phòng", "văn phòng"), ("phó chánh thanh tra", "thanh tra"),
    ("chánh thanh tra", "thanh tra"), ("phó bí thư", ""), ("bí thư", ""),
    ("phó cục trưởng", ""), ("cục trưởng", ""), ("phó chi cục trưởng", ""),
    ("chi cục trưởng", ""), ("viện trưởng", ""), ("phó hiệu trưởng", ""), ("hiệu trưởng", ""),
    ("thủ trưởng", ""), ("bộ trưởng", ""), ("thứ trưởng", ""), ("phó thủ tướng", ""),
    ("thủ tướng", ""), ("phó trưởng", ""), ("trưởng", ""),
), key=lambda t: -len(t[0])))
#: Capitalised words that start a title, never a name ("ông Giám đốc Sở" names nobody).
_TITLE_WORDS = frozenset({"Phó", "Giám", "Chủ", "Trưởng", "Bí", "Chánh", "Thủ", "Tổng", "Cục",
                          "Viện", "Hiệu", "Bộ", "Thứ", "Quyền", "Ủy", "Uỷ", "Tỉnh", "Sở"})
_HONORIFIC = re.compile(r"(?<![\wđ])(ông|bà|đồng chí)\s+")
_WORD = re.compile(r"[^\W\d_]+")
_VERBS = re.compile(
    r"(?<![a-z])(?P<v>dieu dong(?:\s*(?:,|va)\s*bo nhiem)?|bo nhiem lai|bo nhiem|giao quyen"
    r"|phan cong|mien nhiem|cho thoi giu chuc(?: vu)?|thoi giu chuc(?: vu)?|nghi huu)(?![a-z])"
)
_NOUN_USE = re.compile(r"(?:thoi han|thoi gian|thoi diem|nhiem ky|tuoi)\s+$")
_INTO = re.compile(r"\s*(?:,|;)?\s*(?:và\s+)?(?:kiêm\s+)?(?:giữ|làm|đảm nhiệm|đảm nhận|nhận)"
                   r"(?:\s+(?P<acting>quyền))?(?:\s+(?:chức vụ|chức danh|chức))?\s+")
_TO_WHOM = re.compile(r"\s*,?\s*(?:đối với|cho)\s+")
_POST_LEAD = re.compile(r"\s*(?:chức vụ|chức danh|chức)?\s*(?:(?P<acting>quyền)\s+)?")
_QUALIFIER = re.compile(r"\s+(thường trực|phụ trách)(?=\s)")
_SEPARATOR = re.compile(r"\s*(?:\([^()]{0,60}\))?\s*(?:,|–|-)\s*")
_FROM_DAY = re.compile(r"(?:kể\s+)?từ\s+(?=ngày\s)")
_TERM = re.compile(r"thoi (?:han|gian) (?:bo nhiem|giu chuc vu)(?: lai)?(?: la)?\s*:?\s*"
                   r"(\d{1,2})\s*(nam|thang)\b")
_REASONS = {"mien": "miễn nhiệm", "cho": "cho thôi giữ chức vụ", "thoi": "cho thôi giữ chức vụ",
            "nghi": "nghỉ hưu", "dieu": "điều động"}


@attrs.frozen(slots=True)
class PostPhrase:
    """A post as written: title, organisation name ("" when not written), qualifier, span."""

    title: str
    org: str
    qualifier: str | None
    start: int
    end: int


@attrs.frozen(slots=True, kw_only=True)
class Personnel:
    """One appointment ("appoint") or end of one ("end") as written.

    Attributes:
        kind: "appoint" or "end".
        verb: the verb as officials write it ("bổ nhiệm", "miễn nhiệm", "nghỉ hưu" …).
        start / end: the span, from the verb (or the person before it) to the post.
        name: the person's name, None when it cannot be read (then ``problem`` says why).
        post: the post taken or left.
        previous: the post the person is named with ("ông X, Chánh Văn phòng UBND tỉnh").
        on: the day "(kể) từ ngày D" gives, if any.
        term: "5 năm" when the same sentence gives it.
        problem: why no effect can be made, if so.
    """

    kind: str
    verb: str
    start: int
    end: int
    name: str | None = None
    post: PostPhrase | None = None
    previous: PostPhrase | None = None
    on: dt.date | None = None
    term: str | None = None
    problem: str | None = None


def _title_at(low: str, pos: int) -> tuple[str, int | None] | None:
    """The title at *pos* and where its organisation's name starts inside it (if it does)."""
    for title, head in _TITLES:
        if low.startswith(title, pos) and not low[pos + len(title):pos + len(title) + 1].isalpha():
            return title, (len(title) - len(head)) if head else None
    return None


def post_at(prepared: Prepared, pos: int, limit: int) -> PostPhrase | None:
    """The post written at *pos* ("Phó Giám đốc Sở GDĐT", "Chánh Văn phòng UBND tỉnh").

    >>> from govmodel.extract.text import prepare
    >>> p = prepare("Trưởng phòng Giáo dục Trung học, giữ chức")
    >>> post = post_at(p, 0, len(p.nfc))
    >>> post.title, post.org, post.qualifier
    ('Trưởng phòng', 'Phòng Giáo dục Trung học', None)
    """
    low = prepared.low
    found = _title_at(low, pos)
    if found is None:
        return None
    title_low, org_from = found
    title = _canonical(title_low)
    end = pos + len(title_low)
    qualifier = None
    q = _QUALIFIER.match(low, end)
    if q and org_from is None:
        qualifier, end = q.group(1), q.end()
    org_pos = pos + org_from if org_from is not None else end
    to_whom = re.compile(r"\s(?:đối với|cho|để|từ|kể từ)\s").search(low, org_pos, limit)
    name = name_at(prepared, org_pos, limit=to_whom.start() if to_whom else limit)
    if name is None:
        return PostPhrase(title, "", qualifier, pos, end)
    org = display_name(name.text)
    return PostPhrase(title, org, qualifier, pos, name.end)


def _canonical(title_low: str) -> str:
    """The title as officials spell it ("Phó Chủ tịch", "Trưởng phòng", "Chánh Văn phòng").

    >>> _canonical("phó chánh văn phòng"), _canonical("cục trưởng")
    ('Phó Chánh Văn phòng', 'Cục trưởng')
    """
    special = {"phó trưởng ban": "Phó Trưởng ban", "phó trưởng phòng": "Phó Trưởng phòng",
               "phó trưởng": "Phó Trưởng", "phó chi cục trưởng": "Phó Chi cục trưởng"}
    if title_low in special:
        return special[title_low]
    capital = {"chủ", "giám", "chánh", "văn", "thanh", "bí", "tổng", "cục", "hiệu", "viện",
               "thủ", "bộ", "thứ", "chi"}
    words = title_low.split()
    return " ".join(w.capitalize() if i == 0 or (w in capital and words[i - 1] == "phó")
                    or (w in ("văn", "thanh") and words[i - 1] == "chánh") or w == "giám"
                    or (w == "chủ" and words[i - 1] == "phó") else w
                    for i, w in enumerate(words))


def person_at(prepared: Prepared, pos: int, limit: int) -> tuple[int, int, str | None, str]:
    """(start, end, name or None, what was written) of the person named at *pos*, after an
    honorific; (-1, -1, None, "") when no honorific starts there.

    >>> from govmodel.extract.text import prepare
    >>> p = prepare("đồng chí Nguyễn Khắc Lịch, Giám đốc Sở")
    >>> person_at(p, 0, len(p.nfc))[2]
    'Nguyễn Khắc Lịch'
    """
    text, low = prepared.nfc, prepared.low
    h = _HONORIFIC.match(low, pos)
    if h is None:
        return -1, -1, None, ""
    i = h.end()
    words: list[tuple[int, int]] = []
    while i < limit and len(words) < 6:
        m = _WORD.match(text, i)
        if m is None or not m.group()[0].isupper():
            break
        words.append((m.start(), m.end()))
        i = m.end()
        if i < limit and text[i] == " " and i + 1 < limit and text[i + 1].isalpha():
            i += 1
            continue
        break
    while words and text[words[-1][0]:words[-1][1]] in _TITLE_WORDS:
        words.pop()
    stop = re.compile(r"[\s,.;:()–\-]|$")
    written = text[h.end():h.end() + 30].split(",")[0].strip()
    if len(words) < 2 or not stop.match(text, words[-1][1]):
        return h.start(), h.end(), None, written
    names = [text[a:b] for a, b in words]
    if names[0] in _TITLE_WORDS or any(len(w) > 1 and w.isupper() for w in names):
        return h.start(), h.end(), None, written
    return h.start(), words[-1][1], " ".join(names), written


def _apposition(prepared: Prepared, pos: int, limit: int) -> PostPhrase | None:
    """The post after a name: "ông X, Chánh Văn phòng UBND tỉnh" / "bà X – Phó Chủ tịch …"."""
    m = _SEPARATOR.match(prepared.nfc, pos)
    if m is None:
        return None
    return post_at(prepared, m.end(), limit)


def _after_verb(prepared: Prepared, v: re.Match[str], limit: int, before: int) -> Personnel:
    """Read the person and the post of the verb *v* (the sentence starts at *before*)."""
    text, low = prepared.nfc, prepared.low
    verb = v["v"]
    kind = "end" if verb.startswith(("mien", "cho", "thoi", "nghi")) or (
        verb == "dieu dong") else "appoint"
    acting = verb == "giao quyen"
    lead = _POST_LEAD.match(low, v.end())
    post = post_at(prepared, lead.end(), limit) if lead and lead.end() > v.end() else None
    start, end, name, written = -1, -1, None, ""
    previous = None
    if post is not None and (lead and lead["acting"]):
        acting = True
    if post is not None:  # "bổ nhiệm chức vụ <post> đối với ông X"
        w = _TO_WHOM.match(low, post.end)
        if w:
            start, end, name, written = person_at(prepared, w.end(), limit)
        if start < 0:  # "cho ông X thôi giữ chức <post>"
            start, end, name, written = _person_before(prepared, before, v.start())
        elif end > post.end:
            previous = _apposition(prepared, end, limit)
    else:
        w = _TO_WHOM.match(low, v.end())
        at = w.end() if w else v.end()
        while at < limit and text[at] == " ":
            at += 1
        start, end, name, written = person_at(prepared, at, limit)
        if start < 0:  # "tiếp nhận ông X … và bổ nhiệm giữ chức vụ …", "ông X … nghỉ hưu"
            start, end, name, written = _person_before(prepared, before, v.start())
        if end >= 0:
            previous = _apposition(prepared, end, limit)
        into = _INTO.match(low, v.end()) if start < v.start() else None
        if into is None:
            seek = previous.end if previous else max(end, v.end())
            into = _INTO.search(low, seek, min(limit, seek + 160))
            if into and _HONORIFIC.search(low, seek, into.start()):
                into = None
        if into is not None:
            acting = acting or bool(into["acting"])
            post = post_at(prepared, into.end(), limit)
            if post is not None and kind == "end" and verb == "dieu dong":
                kind = "appoint"
    if post is not None and kind == "end" and verb == "dieu dong" and start >= 0:
        kind = "appoint"  # "điều động, bổ nhiệm chức vụ …"
    if kind == "end" and post is None:
        post, previous = previous, None
    if verb.startswith("dieu dong") and kind == "appoint":
        verb_vi = "điều động, bổ nhiệm" if "bo nhiem" in verb else "điều động"
    elif kind == "end":
        verb_vi = _REASONS[verb.split()[0]]
    else:
        verb_vi = {"bo nhiem": "bổ nhiệm", "bo nhiem lai": "bổ nhiệm lại",
                   "giao quyen": "giao quyền", "phan cong": "phân công"}[verb]
    if post is not None and acting:
        post = attrs.evolve(post, qualifier="quyền")
    problem = None
    if start < 0:
        problem = "nobody is named"
    elif name is None:
        problem = f"the person's name cannot be read: {written!r}"
    elif post is None:
        problem = "no post is named"
    span = [x for x in (v.start(), v.end(), start, end) if x >= 0]
    if post is not None:
        span.append(post.end)
    return Personnel(kind=kind, verb=verb_vi, start=min(span), end=max(span), name=name,
                     post=post, previous=previous, problem=problem)


def _person_before(prepared: Prepared, a: int, b: int) -> tuple[int, int, str | None, str]:
    found = list(_HONORIFIC.finditer(prepared.low, a, b))
    if not found:
        return -1, -1, None, ""
    return person_at(prepared, found[-1].start(), b)


def find_term(prepared: Prepared, a: int, b: int) -> str | None:
    """The term "Thời hạn bổ nhiệm là 5 năm" gives within ``[a, b)``, as "5 năm", if any."""
    m = _TERM.search(prepared.flat, a, b)
    if m is None or int(m[1]) == 0:
        return None
    return f"{int(m[1])} {'năm' if m[2] == 'nam' else 'tháng'}"


def _days(prepared: Prepared, s: Sentence, reference: dt.date | None) -> list[tuple[int, dt.date]]:
    """The days "(kể) từ ngày D" of *s* outside its effective-date clauses."""
    clauses = [(c.start, c.end) for c in find_clauses(prepared, s, reference)]
    out = []
    for m in _FROM_DAY.finditer(prepared.low, s.start, s.end):
        if any(a <= m.start() < b for a, b in clauses):
            continue
        day, _, _ = first_date(prepared, m.end(), reference)
        if day is not None:
            out.append((m.start(), day))
    return out


def find_personnel(prepared: Prepared, s: Sentence, reference: dt.date | None
                   ) -> list[Personnel]:
    """The appointments and ends of appointments *s* states, in order.

    Args:
        prepared: the text.
        s: the sentence.
        reference: a date that gives the year of a day written without one.

    >>> from govmodel.extract.text import prepare
    >>> p = prepare("Chủ tịch UBND tỉnh bổ nhiệm bà Hoàng Thị Lan giữ chức vụ Giám đốc Sở Y tế "
    ...             "từ ngày 1/8/2022, thời hạn bổ nhiệm 5 năm.")
    >>> [(x.kind, x.name, x.post.title, x.post.org, x.on.isoformat(), x.term)
    ...  for x in find_personnel(p, p.sentences[0], None)]
    [('appoint', 'Hoàng Thị Lan', 'Giám đốc', 'Sở Y tế', '2022-08-01', '5 năm')]
    """
    flat = prepared.flat
    out: list[Personnel] = []
    covered = -1
    for v in _VERBS.finditer(flat, s.start, s.end):
        if v.start() < covered or _NOUN_USE.search(flat[max(s.start, v.start() - 14):v.start()]):
            continue
        found = _after_verb(prepared, v, s.end, s.start)
        if found.problem == "nobody is named" or (
                v["v"] in ("phan cong", "giao quyen") and found.post is None):
            continue  # a heading or a noun ("Quyết định bổ nhiệm Giám đốc …", "phân công")
        out.append(found)
        covered = found.end
    if not out:
        return out
    days = _days(prepared, s, reference)
    term = find_term(prepared, s.start, s.end)
    dated = []
    for p in out:
        after = [d for pos, d in days if pos >= p.start]
        on = after[0] if after else (days[-1][1] if days else None)
        dated.append(attrs.evolve(p, on=on, term=term if p.kind == "appoint" else None))
    return dated
