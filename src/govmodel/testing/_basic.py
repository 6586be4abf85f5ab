"""Strategies for the primitive values: texts, ids, dates, document numbers, decision refs."""

from __future__ import annotations

import datetime as dt
import functools

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from govmodel.decisions import DecisionRef
from govmodel.errors import DocumentNumberError
from govmodel.testing._args import check_date_range, check_int
from govmodel.vn.docnum import DocumentNumber
from govmodel.vn.text import nfc

__all__ = [
    "FIRST_DAY", "LAST_DAY", "dates", "decision_refs", "document_numbers", "org_ids", "texts",
]

_VI_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯáàảãạấầẩẫậếềểễệốồổỗộớờởỡợứừửữựíìỉĩịýỳỷỹỵ"

#: The default range of generated dates: every year has four digits, as ISO 8601 text has.
FIRST_DAY = dt.date(1945, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)


def texts(max_size: int = 24) -> SearchStrategy[str]:
    """Non-empty NFC text: Vietnamese letters, spaces and punctuation, or any printable text.

    Args:
        max_size: the longest text, in characters (at least 1).

    Raises:
        StrategyArgumentError: *max_size* is not an integer of at least 1.
    """
    return _texts(check_int("texts", "max_size", max_size, minimum=1))


# Strategies are cached: building and validating a strategy object costs more than a draw.
@functools.cache
def _texts(size: int) -> SearchStrategy[str]:
    vietnamese = st.text(alphabet=_VI_LETTERS + "  -,.&/()0123456789", min_size=1, max_size=size)
    anything = st.text(min_size=1, max_size=size)
    return st.one_of(vietnamese, anything).map(nfc).filter(bool)


@functools.cache
def org_ids() -> SearchStrategy[str]:
    """Organisation ids such as ``lang-son/so-tttt`` (lower-case ASCII, digits, ``._-/``)."""
    return st.from_regex(r"[a-z0-9][a-z0-9._\-/]{0,24}", fullmatch=True)


def dates(min_value: dt.date = FIRST_DAY, max_value: dt.date = LAST_DAY) -> SearchStrategy[dt.date]:
    """Dates from *min_value* to *max_value* (default: 1945 to 2100).

    Raises:
        StrategyArgumentError: a bound is not a ``datetime.date``, or they are out of order.
    """
    return _dates(*check_date_range("dates", min_value, max_value))


@functools.cache
def _dates(low: dt.date, high: dt.date) -> SearchStrategy[dt.date]:
    return st.dates(min_value=low, max_value=high)


def _parse_or_none(text: str) -> DocumentNumber | None:
    try:
        return DocumentNumber.parse(text)
    except DocumentNumberError:
        return None


@st.composite
def _document_number_texts(draw: st.DrawFn) -> str:
    num = str(draw(st.integers(1, 99999)))
    if draw(st.booleans()):
        num = num.zfill(draw(st.integers(len(num), 6)))
    if draw(st.integers(0, 4)) == 0:
        party_type = draw(st.sampled_from(["NQ", "CT", "KH", "TB", "QĐ"]))
        return f"{num}-{party_type}/{draw(st.sampled_from(['TU', 'HU']))}"
    doc_type = draw(st.sampled_from(["QĐ", "NQ", "KH", "CT", "TB", "NĐ", "TT"]))
    year = f"{draw(st.integers(1990, 2099))}/" if draw(st.booleans()) else ""
    issuer = draw(st.sampled_from(["UBND", "CP", "BTTTT", "VP-KGVX", "HĐND"]))
    typed = f"{doc_type}-" if draw(st.integers(0, 5)) else ""
    return f"{num}/{year}{typed}{issuer}"


def _is_number(n: DocumentNumber | None) -> bool:
    return n is not None


@functools.cache
def document_numbers() -> SearchStrategy[DocumentNumber]:
    """Document numbers in every written form: ``2041/QĐ-UBND``, ``33/2021/QĐ-UBND``, ``49-NQ/TU``.

    Forms the parser refuses (its rules grow) are skipped.
    """
    return _document_number_texts().map(_parse_or_none).filter(_is_number)  # type: ignore[return-value]


@functools.cache
def decision_refs() -> SearchStrategy[DecisionRef]:
    """Decision identities ``(issuer, number, year)``."""
    return st.builds(DecisionRef, org_ids(), document_numbers(), st.integers(1945, 2100))
