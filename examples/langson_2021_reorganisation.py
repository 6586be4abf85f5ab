"""The 2021 reorganisation of Lạng Sơn's Department of Information and Communications.

Run:  python examples/langson_2021_reorganisation.py

Quyết định 33/2021/QĐ-UBND of the provincial People's Committee (UBND) took effect on
10/12/2021: the Sở Thông tin và Truyền thông (Department of Information and Communications)
received new functions and four task groups, and two of its divisions (phòng) and its centre
(Trung tâm) were renamed. This script shows the department's structure on 9/12/2021 and on
10/12/2021 side by side, every change between the two days with the decision that made it,
and the functions the mandate gained.
"""

from __future__ import annotations

import govmodel as gm
from govmodel import render

DEPARTMENT = "lang-son/so-tttt"


def main() -> None:
    tl = gm.load_dataset("lang-son-2021")
    before, after = tl.as_of("9/12/2021"), tl.as_of("10/12/2021")

    print("The Sở's structure, before and after Quyết định 33/2021/QĐ-UBND")
    print()
    left = f"On {before.on:%d/%m/%Y}\n\n" + render.text_tree(before, DEPARTMENT, decisions=False)
    right = f"On {after.on:%d/%m/%Y}\n\n" + render.text_tree(after, DEPARTMENT, decisions=False)
    print(render.side_by_side(left, right))
    print()

    print("What changed, and which decision changed it")
    print()
    ours = [c for c in tl.diff(before.on, after.on) if c.org_id.startswith(DEPARTMENT)]
    print(render.diff_table(ours))
    print()

    gained = after.mandate(DEPARTMENT).minus(before.mandate(DEPARTMENT))
    version = after.version(DEPARTMENT)
    deciding = tl.mandate_history(DEPARTMENT)[-1][2]
    print(f"The mandate of {version.value.name} gained on {after.on:%d/%m/%Y}"
          f" (by {render.decision_label(deciding)}):")
    print()
    print(render.mandate_text(gained))
    if deciding is not None and deciding.signed_on is None:
        print()
        print(f"Note: the sources do not give the signing date of {deciding.number}; "
              f"they say it takes effect on {deciding.effective_on:%d/%m/%Y}.")


if __name__ == "__main__":
    main()
