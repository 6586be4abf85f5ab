"""Bắc Kạn's Department of Information and Communications, 2006–2008, as a history table.

Run:  python examples/bac_kan_2008.py

QĐ 925/2006/QĐ-UBND (11/5/2006) established the Sở Bưu chính - Viễn thông (Department of
Posts and Telecommunications); QĐ 570/QĐ-UBND (28/3/2008) renamed it Sở Thông tin và Truyền
thông (Department of Information and Communications) and added press and publishing to its
fields of state management. The script prints the department's versions, the decisions that
made them, and its fields of state management after the rename.
"""

from __future__ import annotations

import govmodel as gm
from govmodel import render

DEPARTMENT = "bac-kan/so-tttt"


def main() -> None:
    tl = gm.load_dataset("bac-kan-2008")
    print(f"History of {DEPARTMENT}")
    print()
    print(render.history_table(tl.history(DEPARTMENT)))
    print()

    print("Decisions")
    print()
    print(render.table(
        ["number", "signed", "in force from", "title"],
        ([str(d.number), f"{d.signed_on:%d/%m/%Y}" if d.signed_on else "unknown",
          f"{d.effective_on:%d/%m/%Y}", d.title or "(title not in the sources)"]
         for d in tl.decisions),
    ))
    print()

    for on, mandate, decision in tl.mandate_history(DEPARTMENT):
        print(f"Mandate from {on:%d/%m/%Y} ({render.decision_label(decision)}):")
        print(render.mandate_text(mandate))
        print()


if __name__ == "__main__":
    main()
