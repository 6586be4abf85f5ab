"""The documents of one text while it is read: mentions grouped, roles, issuers, dates.

A document named several times ("Quyết định 33 … Quyết định 33 quy định …") is one
:class:`DocState`. Each mention has a role in its sentence: reported as made ("đã ký ban
hành Quyết định số 2041/QĐ-UBND"), replaced ("thay thế Quyết định số 1782/QĐ-UBND"),
repealed ("bãi bỏ"), a legal basis ("Căn cứ Nghị định số …"), or merely cited.
"""

from __future__ import annotations

import datetime as dt
import re

from govmodel import vn
from govmodel.extract.documents import Mention
from govmodel.extract.names import name_at
from govmodel.extract.text import Prepared, Sentence

__all__ = ["DocState", "Role", "group_mentions", "issuer_phrase", "role_of"]


class Role:
    """Roles of a mention in its sentence (plain strings, compared by value)."""

    MADE = "made"
    SUPERSEDED = "superseded"
    REPEALED = "repealed"
    BASIS = "basis"
    CITED = "cited"


class DocState:
    """A document while the text is read (mutable, private to one extraction)."""

    def __init__(self, first: Mention) -> None:
        self.mentions: list[Mention] = [first]
        self.roles: list[str] = []
        self.signed_on: dt.date | None = None
        self.signed_conf = 0.0
        self.signed_at: tuple[int, int] | None = None
        self.effective_on: dt.date | None = None
        self.effective_rule: str | None = None
        self.effective_at: tuple[int, int] | None = None
        self.after_days: int | None = None
        self.operates_on: dt.date | None = None
        self.deadline: dt.date | None = None
        self.issuer_name: str | None = None
        self.signer_title: str | None = None
        self.title = ""
        self.recent = False  # "vừa ký": signed shortly before the text's date

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    @property
    def number(self) -> vn.DocumentNumber | None:
        for m in self.mentions:
            if m.number is not None:
                return m.number
        return None

    @property
    def year(self) -> int | None:
        for m in self.mentions:
            if m.year is not None:
                return m.year
        return None

    @property
    def doc_type(self) -> str | None:
        for m in self.mentions:
            if m.doc_type is not None:
                return m.doc_type
        return None

    @property
    def primary(self) -> bool:
        return Role.MADE in self.roles or any(m.heading for m in self.mentions)

    def matches(self, m: Mention) -> bool:
        if m.serial != self.first.serial or (m.doc_type and self.doc_type
                                             and m.doc_type != self.doc_type):
            return False
        mine, theirs = self.number, m.number
        if mine is not None and theirs is not None and (
                mine.issuer_code != theirs.issuer_code or mine.year != theirs.year):
            return False
        year = self.year
        return not (year and m.year and year != m.year)


def group_mentions(mentions: tuple[Mention, ...]) -> list[tuple[DocState, list[int]]]:
    """Mentions grouped into documents: each document with the indexes of its mentions."""
    docs: list[tuple[DocState, list[int]]] = []
    for i, m in enumerate(mentions):
        for doc, idx in docs:
            if doc.matches(m):
                doc.mentions.append(m)
                idx.append(i)
                break
        else:
            docs.append((DocState(m), [i]))
    return docs


_ROLE_WORDS = re.compile(r"\b(thay the|bai bo|can cu|hết hieu luc|het hieu luc|ky(?: ban hanh)?|"
                         r"ban hanh|thong qua|tai|theo|va)\b")
_MADE_BEFORE = re.compile(
    r"(?:vua|da|moi)?\s*(?:ky(?:\s+ban\s+hanh)?|ban\s+hanh|thong\s+qua|phe\s+duyet)\s*$"
)


def role_of(prepared: Prepared, sentence: Sentence, m: Mention, previous: str | None) -> str:
    """The role of mention *m* in *sentence*; *previous* is the role of the mention before it
    in the same sentence, which a list ("thay thế A và B") carries on."""
    before = prepared.flat[sentence.start:m.start]
    if _MADE_BEFORE.search(before[-40:]):
        return Role.MADE
    words = [w.group(1) for w in _ROLE_WORDS.finditer(before)]
    last = words[-1] if words else None
    if last in ("thay the",):
        return Role.SUPERSEDED
    if last == "bai bo":
        return Role.REPEALED
    if last == "can cu" or before.lstrip().startswith("can cu"):
        return Role.BASIS
    if last == "va" and previous in (Role.SUPERSEDED, Role.REPEALED, Role.BASIS):
        return previous
    if m.heading:
        return Role.MADE
    return Role.CITED


_POST_BEFORE = re.compile(r"(?:(?P<title>Phó Chủ tịch|Chủ tịch|Thủ tướng|Phó Thủ tướng|"
                          r"Bộ trưởng|Giám đốc|Thường trực|Ban Thường vụ)\s+)$")
_OF = re.compile(r"\s*,?\s*(?:của|do)\s+(?:(?P<title>Phó Chủ tịch|Chủ tịch|Thủ tướng|Bộ trưởng|"
                 r"Giám đốc)\s+)?")


def issuer_phrase(prepared: Prepared, sentence: Sentence, m: Mention, role: str
                  ) -> tuple[str | None, str | None]:
    """(issuer name, signing title) the sentence gives for the mention, if any.

    After the mention: "… ngày 11/9/2020 của Chủ tịch UBND tỉnh Lạng Sơn". Before it, for a
    decision reported as made: "Chủ tịch UBND tỉnh Lạng Sơn đã ký ban hành Quyết định …".
    """
    text = prepared.nfc
    after = _OF.match(text, m.end)
    if after:
        n = name_at(prepared, after.end(), limit=sentence.end)
        if n is not None:
            return n.text, after["title"]
        if after["title"] == "Thủ tướng":
            return "Chính phủ", "Thủ tướng"
    if role != Role.MADE:
        return None, None
    verb = re.compile(r"(?:\s+(?:vua|da|moi|cung))?\s+(?:ky|ban hanh|thong qua|phe duyet)")
    found = list(verb.finditer(prepared.flat, sentence.start, m.start))
    if not found:
        return None, None
    best = None
    for v in reversed(found):
        end = v.start()
        pos = sentence.start
        while pos < end:
            n = name_at(prepared, pos, limit=end)
            if n is not None and n.end >= end - 1:
                best = n
                break
            nxt = text.find(" ", pos + 1, end)
            pos = nxt + 1 if nxt >= 0 else end
        if best is not None:
            break
    if best is None:
        if re.search(r"Thủ tướng(?: Chính phủ)?\s*(?:đã|vừa)?\s*$", text[sentence.start:
                                                                      found[0].start()]):
            return "Chính phủ", "Thủ tướng"
        return None, None
    title_m = _POST_BEFORE.search(text[sentence.start:best.start])
    return best.text, title_m["title"] if title_m else None
