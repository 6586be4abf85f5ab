"""Document numbers ("số, ký hiệu") such as ``2041/QĐ-UBND`` or ``33/2021/QĐ-UBND``."""

from __future__ import annotations

import re

import attrs

from govmodel.errors import DocumentNumberError
from govmodel.vn.text import nfc

__all__ = ["DocumentNumber"]

_MAX_INPUT = 200

# number [/year] / [TYPE-]ISSUER    or    number-TYPE/ISSUER (Party documents)
_SLASH = re.compile(
    r"^(?P<num>\d{1,6})\s*/\s*(?:(?P<year>\d{4})\s*/\s*)?"
    r"(?P<rest>[A-Za-zĐđ][\w&.]*(?:\s*-\s*[\w&.]+)*)$"
)
_PARTY = re.compile(r"^(?P<num>\d{1,6})\s*-\s*(?P<type>[A-Za-zĐđ]+)\s*/\s*(?P<issuer>[\w&.\-]+)$")


@attrs.frozen(slots=True)
class DocumentNumber:
    """The number and symbol of a Vietnamese document.

    Attributes:
        number: the serial number (2041).
        doc_type: the document-type abbreviation ("QĐ", "NQ", "KH"…), or None for an official
            letter whose symbol has none (``2881/VP-KGVX``).
        issuer_code: the issuer's abbreviation ("UBND", "CP", "TU", "VP-KGVX").
        year: the year written inside the number (legal normative documents, ``33/2021/QĐ-UBND``),
            else None: the year then comes from the signing date.
        party: True for Party documents written ``49-NQ/TU``.
        width: digits written, so that "05" stays "05".

    >>> n = DocumentNumber.parse("33/2021/QĐ-UBND")
    >>> (n.number, n.year, n.doc_type, n.issuer_code, str(n))
    (33, 2021, 'QĐ', 'UBND', '33/2021/QĐ-UBND')
    """

    number: int = attrs.field(validator=attrs.validators.ge(0))
    issuer_code: str = attrs.field(converter=nfc)
    doc_type: str | None = attrs.field(default=None)
    year: int | None = attrs.field(default=None)
    party: bool = attrs.field(default=False)
    width: int = attrs.field(default=0)

    @issuer_code.validator
    def _check_issuer(self, _attr: attrs.Attribute[str], value: str) -> None:
        if not value:
            raise DocumentNumberError("document number needs an issuer code")

    @classmethod
    def parse(cls, text: str) -> DocumentNumber:
        """Parse a document number; raise :class:`DocumentNumberError` on anything else."""
        if not isinstance(text, str):
            raise DocumentNumberError(f"document number must be text, not {type(text).__name__}")
        if len(text) > _MAX_INPUT:
            raise DocumentNumberError(f"document number too long ({len(text)} characters)")
        s = nfc(text).replace("Ð", "Đ")
        m = _PARTY.match(s)
        if m:
            return cls(
                number=int(m["num"]), doc_type=_norm_type(m["type"]), issuer_code=m["issuer"],
                party=True, width=len(m["num"]),
            )
        m = _SLASH.match(s)
        if m:
            rest = re.sub(r"\s*-\s*", "-", m["rest"])
            head, sep, tail = rest.partition("-")
            if sep and _is_type(head):
                doc_type: str | None = _norm_type(head)
                issuer = tail
            else:
                doc_type, issuer = None, rest
            return cls(
                number=int(m["num"]), doc_type=doc_type, issuer_code=issuer,
                year=int(m["year"]) if m["year"] else None, width=len(m["num"]),
            )
        raise DocumentNumberError(f"not a document number: {text!r}")

    def __str__(self) -> str:
        num = str(self.number).zfill(self.width)
        if self.party:
            return f"{num}-{self.doc_type}/{self.issuer_code}"
        year = f"{self.year}/" if self.year is not None else ""
        typ = f"{self.doc_type}-" if self.doc_type else ""
        return f"{num}/{year}{typ}{self.issuer_code}"


_TYPES = {
    "NQ", "QĐ", "CT", "QC", "QYĐ", "TC", "TB", "HD", "CTR", "KH", "PA", "ĐA", "DA", "BC", "BB",
    "TTR", "HĐ", "CĐ", "BGN", "BTT", "GUQ", "GM", "GGT", "GNP", "PG", "PC", "PB", "SY", "TRS",
    "SL", "NĐ", "TT", "TTLT", "L", "PL",
}
_CANON = {t.upper(): t for t in (
    "NQ", "QĐ", "CT", "QC", "QyĐ", "TC", "TB", "HD", "CTr", "KH", "PA", "ĐA", "DA", "BC", "BB",
    "TTr", "HĐ", "CĐ", "BGN", "BTT", "GUQ", "GM", "GGT", "GNP", "PG", "PC", "PB", "SY", "TrS",
    "SL", "NĐ", "TT", "TTLT", "L", "PL",
)}


def _is_type(token: str) -> bool:
    return token.upper() in _TYPES


def _norm_type(token: str) -> str:
    return _CANON.get(token.upper(), token)
