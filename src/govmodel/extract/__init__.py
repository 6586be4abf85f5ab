"""From Vietnamese text to draft decisions, for a person to review.

:func:`extract` reads a news article or a decision's own text and returns a :class:`Draft`:
the decisions the text names ("Quyết định", decision; "Nghị quyết", resolution; "Kế hoạch",
plan), their numbers ("số, ký hiệu"), issuers and dates (signed, "ký"; in force, "có hiệu
lực"), what they replace ("thay thế") or repeal ("bãi bỏ"), and the changes they announce:
renames ("đổi tên"), establishments ("thành lập"), consolidations ("hợp nhất") and mergers
("sáp nhập"), dissolutions ("giải thể"), transfers of functions ("chuyển chức năng"), a
committee's members by post ("Trưởng ban", head; "Phó Trưởng ban Thường trực", standing
deputy head) and added functions ("bổ sung chức năng"). Each item cites the exact span of
text it comes from. Rule-based, deterministic and offline.

>>> import govmodel as gm
>>> from govmodel.extract import extract
>>> draft = extract("Ngày 28/3/2008, UBND tỉnh Bắc Kạn quyết định đổi tên Sở Bưu chính - "
...                 "Viễn thông thành Sở Thông tin và Truyền thông tại Quyết định số "
...                 "570/QĐ-UBND.")
>>> d = draft.decisions[0]
>>> d.label, d.signed_on.isoformat(), d.effects[0].name
('570/QĐ-UBND', '2008-03-28', 'Sở Thông tin và Truyền thông')
>>> extract("The decision takes effect on signing.").is_empty
True

The package itself can be called: ``gm.extract(text, …)`` is ``gm.extract.extract(text, …)``.

>>> gm.extract("Quyết định số 2041/QĐ-UBND ngày 13/10/2021.").decisions[0].label
'2041/QĐ-UBND'
"""

import sys
import types
from typing import Any

from govmodel.extract.assemble import extract
from govmodel.extract.evaluate import Score, draft_facts, score
from govmodel.extract.model import Citation, Draft, DraftDecision, DraftItem, ItemKind

__all__ = [
    "Citation",
    "Draft",
    "DraftDecision",
    "DraftItem",
    "ItemKind",
    "Score",
    "draft_facts",
    "extract",
    "score",
]


class _CallableModule(types.ModuleType):
    """This package, callable as :func:`extract` (so ``gm.extract(text)`` reads a text)."""

    def __call__(self, text: str, **kwargs: Any) -> Draft:
        return extract(text, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
