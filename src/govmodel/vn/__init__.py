"""Vietnamese specifics: document numbers, day-first dates, NFC text and search folding."""

from govmodel.vn.dates import format_date, parse_date
from govmodel.vn.docnum import DocumentNumber
from govmodel.vn.text import expand_aliases, fold, nfc, tokens

__all__ = ["DocumentNumber", "expand_aliases", "fold", "format_date", "nfc", "parse_date", "tokens"]
