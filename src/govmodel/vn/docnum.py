"""Document numbers ("số, ký hiệu") such as ``2041/QĐ-UBND``, ``33/2021/QĐ-UBND``, ``49-NQ/TU``.

Four forms are in use (Decree 30/2020/NĐ-CP, Appendix I; Law on Promulgation of Legal
Documents; Party Guidance 36-HD/VPTW):

========================  ======================  ==========================================
form                      example                 numbered
========================  ======================  ==========================================
individual document       ``2041/QĐ-UBND``        per issuer per calendar year
legal normative document  ``33/2021/QĐ-UBND``     year written inside the number
Party document            ``49-NQ/TU``            per term of the Party committee
official letter           ``2881/VP-KGVX``        per issuer per year; no type abbreviation
========================  ======================  ==========================================
"""

from __future__ import annotations

import enum
import re
import unicodedata

import attrs

from govmodel.errors import DocumentNumberError
from govmodel.vn.doctypes import (
    DocType,
    Issuer,
    canonical_issuer_code,
    canonical_type_code,
    get_doc_type,
    get_issuer,
)
from govmodel.vn.text import skeleton

__all__ = ["DocumentNumber", "NumberForm"]

MAX_INPUT = 200
"""Longest text :meth:`DocumentNumber.parse` looks at; longer input is refused at once."""

MAX_NUMBER = 999_999
_MIN_YEAR, _MAX_YEAR = 1900, 2999

_PART = r"[^\W_](?:[^\W_]|&){0,23}"
_PARTS = rf"{_PART}(?:-{_PART}){{0,7}}"
_PARTY_RE = re.compile(rf"(?P<num>\d{{1,6}})-(?P<type>{_PART})/(?P<issuer>{_PARTS})")
_SLASH_RE = re.compile(rf"(?P<num>\d{{1,6}})(?:/(?P<year>\d{{4}}))?/(?P<symbol>{_PARTS})")
# An unknown issuer part is upper case (Đ allowed) with digits or "&", at most one small letter.
_CODE_RE = re.compile(r"[A-ZĐ0-9&]*[A-ZĐ][A-ZĐ0-9&]*(?:[a-zđ][A-ZĐ0-9&]*)?")
_SPACED = re.compile(r"\s*([/-])\s*")
_ANY_SPACE = re.compile(r"\s")
_SO_PREFIX = re.compile(r"(?i:so)\s*:?\s*(?=\d)")
_SO_START = re.compile(r"(?i:so)")  # what the first two letters of a "Số" prefix match
_LOOKALIKES = str.maketrans({
    "Ð": "Đ", "ð": "đ", "Ɖ": "Đ", "ɖ": "đ",
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-",
    "⁄": "/", "∕": "/", "／": "/",
})


class NumberForm(enum.Enum):
    """The four ways a document number is written."""

    INDIVIDUAL = "individual"
    """``2041/QĐ-UBND``: type, no year (the year is the signing year)."""
    NORMATIVE = "normative"
    """``33/2021/QĐ-UBND``: a legal normative document, year inside."""
    PARTY = "party"
    """``49-NQ/TU``: a Party document, numbered per term."""
    LETTER = "letter"
    """``2881/VP-KGVX``: an official letter ("công văn"), no type abbreviation."""


def _canon_type(value: str | None) -> str | None:
    if value is None:
        return None
    return canonical_type_code(value) or value


def _canon_issuer(value: str) -> str:
    if not isinstance(value, str):
        raise DocumentNumberError(f"issuer code must be text, not {type(value).__name__}")
    value = value.translate(_LOOKALIKES).strip()
    return "-".join(canonical_issuer_code(p) or p for p in value.split("-"))


def _check_part(part: str, whole: str) -> None:
    if canonical_issuer_code(part) or canonical_type_code(part) or _CODE_RE.fullmatch(part):
        return
    raise DocumentNumberError(f"{part!r} is not an issuer code in {whole!r}")


@attrs.frozen(slots=True)
class DocumentNumber:
    """The number and symbol of a Vietnamese document.

    Values normalise themselves: type and known issuer codes take their canonical spelling
    ("qd" → "QĐ", "HDND" → "HĐND"). Equality and hash ignore :attr:`width`: "05/2019/NQ-HĐND"
    and "5/2019/NQ-HĐND" are the same document, though each prints as written.

    Attributes:
        number: the serial number (2041), 1 to 999,999.
        issuer_code: the issuer's abbreviation, parts joined by "-" ("UBND", "CP", "TU",
            "VP-KGVX", "BKHCN-CĐSQG").
        doc_type: the document-type abbreviation ("QĐ", "NQ", "KH"…), or None for an official
            letter whose symbol has none (``2881/VP-KGVX``).
        year: the year written inside the number (legal normative documents, ``33/2021/QĐ-UBND``),
            else None: the year then comes from the signing date.
        party: True for Party documents written ``49-NQ/TU``.
        width: digits written, so that "05" stays "05" (0: as many as the number needs).

    Raises:
        DocumentNumberError: when the fields cannot form a number that reads back the same.

    >>> n = DocumentNumber.parse("33/2021/QĐ-UBND")
    >>> (n.number, n.year, n.doc_type, n.issuer_code, str(n))
    (33, 2021, 'QĐ', 'UBND', '33/2021/QĐ-UBND')
    >>> DocumentNumber(2041, "UBND", "QĐ") == DocumentNumber.parse("2041/QD-UBND")
    True
    """

    number: int
    issuer_code: str = attrs.field(converter=_canon_issuer)
    doc_type: str | None = attrs.field(default=None, converter=_canon_type)
    year: int | None = None
    party: bool = False
    width: int = attrs.field(default=0, eq=False)

    def __attrs_post_init__(self) -> None:
        """Check the fields together; every message names the offending value."""
        if not isinstance(self.number, int) or isinstance(self.number, bool):
            raise DocumentNumberError(f"number must be an int, not {self.number!r}")
        if not 1 <= self.number <= MAX_NUMBER:
            raise DocumentNumberError(f"number must be 1 to {MAX_NUMBER}, not {self.number}")
        if not isinstance(self.width, int) or not 0 <= self.width <= 6:
            raise DocumentNumberError(f"width must be 0 to 6 digits, not {self.width!r}")
        if self.year is not None and (
            not isinstance(self.year, int) or not _MIN_YEAR <= self.year <= _MAX_YEAR
        ):
            raise DocumentNumberError(f"year must be {_MIN_YEAR} to {_MAX_YEAR}, not {self.year!r}")
        parts = self.issuer_code.split("-")
        if not self.issuer_code or len(parts) > 8 or not all(parts):
            raise DocumentNumberError(f"bad issuer code {self.issuer_code!r}")
        for part in parts:
            if len(part) > 24:
                raise DocumentNumberError(f"issuer code part too long: {part!r}")
            _check_part(part, self.issuer_code)
        if self.doc_type is not None and canonical_type_code(self.doc_type) is None:
            raise DocumentNumberError(f"unknown document type {self.doc_type!r}")
        if self.party:
            info = self.doc_type_info
            if info is None or not info.party:
                raise DocumentNumberError(
                    f"a Party document needs a Party type code, not {self.doc_type!r}"
                )
            if self.year is not None:
                raise DocumentNumberError("Party document numbers carry no year")
        elif self.doc_type is None and len(parts) > 1 and canonical_type_code(parts[0]):
            raise DocumentNumberError(
                f"issuer code {self.issuer_code!r} starts with the type code {parts[0]!r}; "
                "pass it as doc_type"
            )

    @classmethod
    def parse(cls, text: str) -> DocumentNumber:
        """Parse a document number in any of the four forms.

        Spaces around "/" and "-", a leading "Số:", any letter case, "D" for "Đ" (where
        unambiguous), look-alike dashes and slashes are tolerated.

        Args:
            text: the number as written, at most 200 characters.

        Returns:
            The parsed :class:`DocumentNumber`.

        Raises:
            DocumentNumberError: for anything that is not a document number.

        >>> str(DocumentNumber.parse("Số: 05 / 2019 / NQ - HDND"))
        '05/2019/NQ-HĐND'
        >>> DocumentNumber.parse("49-NQ/TU").party
        True
        >>> DocumentNumber.parse("abc/2021")
        Traceback (most recent call last):
        ...
        govmodel.errors.DocumentNumberError: not a document number: 'abc/2021'
        """
        if not isinstance(text, str):
            raise DocumentNumberError(f"document number must be text, not {type(text).__name__}")
        if len(text) > MAX_INPUT:
            raise DocumentNumberError(f"document number too long ({len(text)} characters)")
        s = unicodedata.normalize("NFC", text).translate(_LOOKALIKES).strip()
        # the skeleton (a Python loop over the text) only when the text can start with "Số"
        prefix = _SO_START.match(skeleton(s[:2])) and _SO_PREFIX.match(skeleton(s))
        if prefix:
            s = s[prefix.end():]
        if _ANY_SPACE.search(s):  # no white space: nothing for _SPACED to take out
            s = _SPACED.sub(r"\1", s)
        try:
            return cls._from_match(s, text)
        except DocumentNumberError as err:
            if str(err).startswith("not a document number"):
                raise
            raise DocumentNumberError(f"not a document number: {text!r} ({err})") from None

    @classmethod
    def _from_match(cls, s: str, text: str) -> DocumentNumber:
        if m := _PARTY_RE.fullmatch(s):
            type_code = canonical_type_code(m["type"])
            if type_code is None:
                raise DocumentNumberError(f"unknown document type {m['type']!r} in {text!r}")
            return cls(
                number=int(m["num"]), issuer_code=m["issuer"], doc_type=type_code,
                party=True, width=len(m["num"]),
            )
        if m := _SLASH_RE.fullmatch(s):
            head, sep, tail = m["symbol"].partition("-")
            doc_type = canonical_type_code(head) if sep else None
            return cls(
                number=int(m["num"]), issuer_code=tail if doc_type else m["symbol"],
                doc_type=doc_type, year=int(m["year"]) if m["year"] else None,
                width=len(m["num"]),
            )
        raise DocumentNumberError(f"not a document number: {text!r}")

    def __str__(self) -> str:
        """The number as an official would write it.

        >>> str(DocumentNumber(5, "TU", "KH", party=True, width=2))
        '05-KH/TU'
        """
        num = str(self.number).zfill(self.width)
        if self.party:
            return f"{num}-{self.doc_type}/{self.issuer_code}"
        year = f"{self.year}/" if self.year is not None else ""
        typ = f"{self.doc_type}-" if self.doc_type else ""
        return f"{num}/{year}{typ}{self.issuer_code}"

    @property
    def form(self) -> NumberForm:
        """Which of the four forms this number has.

        >>> DocumentNumber.parse("2881/VP-KGVX").form
        <NumberForm.LETTER: 'letter'>
        """
        if self.party:
            return NumberForm.PARTY
        if self.year is not None:
            return NumberForm.NORMATIVE
        return NumberForm.INDIVIDUAL if self.doc_type else NumberForm.LETTER

    @property
    def doc_type_info(self) -> DocType | None:
        """The :class:`~govmodel.vn.doctypes.DocType` record of :attr:`doc_type`, if any.

        >>> DocumentNumber.parse("226/KH-UBND").doc_type_info.en
        'Plan'
        """
        return None if self.doc_type is None else get_doc_type(self.doc_type)

    @property
    def issuer_parts(self) -> tuple[str, ...]:
        """The issuer code split at each "-", the issuing body first, then the drafting unit.

        >>> DocumentNumber.parse("5511/BKHCN-CĐSQG").issuer_parts
        ('BKHCN', 'CĐSQG')
        """
        return tuple(self.issuer_code.split("-"))

    @property
    def issuer_info(self) -> Issuer | None:
        """The :class:`~govmodel.vn.doctypes.Issuer` record of the issuing body, if known.

        >>> DocumentNumber.parse("91/2006/NĐ-CP").issuer_info.en
        'Government'
        """
        return get_issuer(self.issuer_parts[0])

    def sort_key(self) -> tuple[str, str, int, int, bool]:
        """A total, deterministic order: issuer, type, year (0 if none), number, party.

        Returns:
            A tuple to sort by.

        >>> sorted(["10/QĐ-UBND", "9/QĐ-UBND"], key=lambda s: DocumentNumber.parse(s).sort_key())
        ['9/QĐ-UBND', '10/QĐ-UBND']
        """
        return (self.issuer_code, self.doc_type or "", self.year or 0, self.number, self.party)
