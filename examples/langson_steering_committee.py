"""Lạng Sơn's steering committee on either side of QĐ 2041/QĐ-UBND (13/10/2021).

Run:  python examples/langson_steering_committee.py

Shows the committee's name and composition on 12/10/2021 and 13/10/2021, which decision is
in force on each day, and what was pending as known on 1/10/2021.
"""

from __future__ import annotations

import govmodel as gm

COMMITTEE = "lang-son/bcd-cds"


def show(tl: gm.Timeline, day: str) -> None:
    snap = tl.as_of(day)
    print(f"== {gm.vn.format_date(snap.on)} ({snap.on.isoformat()})")
    print(f"   {snap[COMMITTEE].name}")
    print("   in force: " + ", ".join(str(d.number) for d in snap.decisions_in_force))
    seats = snap.members(COMMITTEE)
    if not seats:
        print("   composition: not recorded in the sources")
    for seat in seats:
        print(f"   - {seat.role}: {seat.label}")
    print()


def main() -> None:
    tl = gm.load_dataset("lang-son-2021")
    show(tl, "2021-10-12")
    show(tl, "2021-10-13")
    pending = tl.pending("2021-10-01")
    print("Pending as known on 01/10/2021:", ", ".join(str(d.number) for d in pending) or "none")
    q1782 = next(d for d in tl.decisions if str(d.number) == "1782/QĐ-UBND")
    print(f"QĐ {q1782.number} ceases to be in force on {tl.ends(q1782)} "
          f"(superseded by 2041/QĐ-UBND)")


if __name__ == "__main__":
    main()
