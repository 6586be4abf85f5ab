"""Vietnamese specifics: document numbers, day-first dates, NFC text, search folding, references.

Everything public is importable from here::

    >>> from govmodel import vn
    >>> str(vn.DocumentNumber.parse("33/2021/QĐ-UBND"))
    '33/2021/QĐ-UBND'
    >>> vn.parse_date("ngày 13 tháng 10 năm 2021")
    datetime.date(2021, 10, 13)
    >>> vn.fold("Sở Thông tin")
    'so thong tin'
"""

from typing import TYPE_CHECKING

from govmodel.vn.dates import DateMention, find_dates, format_date, parse_date, resolve_partial
from govmodel.vn.docnum import DocumentNumber, NumberForm
from govmodel.vn.doctypes import (
    DOC_TYPES,
    ISSUERS,
    DocCategory,
    DocType,
    Issuer,
    doc_type_from_name,
    get_doc_type,
    get_issuer,
)
from govmodel.vn.text import (
    ALIASES,
    TokenSets,
    ToneStyle,
    expand_aliases,
    fold,
    nfc,
    normalize_tones,
    same_text,
    skeleton,
    tokens,
)

if TYPE_CHECKING:  # the reference finder (used by the extractor) loads on first use
    from govmodel.vn.refs import DocumentReference, find_references

__all__ = [
    "ALIASES",
    "DOC_TYPES",
    "ISSUERS",
    "DateMention",
    "DocCategory",
    "DocType",
    "DocumentNumber",
    "DocumentReference",
    "Issuer",
    "NumberForm",
    "TokenSets",
    "ToneStyle",
    "doc_type_from_name",
    "expand_aliases",
    "find_dates",
    "find_references",
    "fold",
    "format_date",
    "get_doc_type",
    "get_issuer",
    "nfc",
    "normalize_tones",
    "parse_date",
    "resolve_partial",
    "same_text",
    "skeleton",
    "tokens",
]


def __getattr__(name: str) -> object:
    """Import the reference finder on first use (PEP 562): its patterns are costly to build."""
    if name not in ("DocumentReference", "find_references"):
        raise AttributeError(f"module 'govmodel.vn' has no attribute {name!r}")
    from govmodel.vn import refs  # noqa: PLC0415

    value: object = getattr(refs, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), "DocumentReference", "find_references"})
