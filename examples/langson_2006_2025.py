"""Lạng Sơn's information and communications department, 2006–2025, with its deciding documents.

Run:  python examples/langson_2006_2025.py

From the bundled dataset ``lang-son-history`` (which extends ``lang-son-2021`` and
``vietnam-central-2025``): the department's whole lineage — Sở Bưu chính, Viễn thông (2006),
Sở Thông tin và Truyền thông (2008), consolidated into the Sở Khoa học và Công nghệ (2025) —
each step with the document that made it; where press and publishing went; the same change at
the national level; and the 2021 steering committee's ex-officio members as they stand on
1 June 2025, each post followed to what it became.
"""

from __future__ import annotations

import datetime as dt

import govmodel as gm
from govmodel.datasets import read_dataset

DEPARTMENT = "lang-son/so-tttt"
COMMITTEE = "lang-son/bcd-cds"
PRESS = ("báo chí", "xuất bản")


def day(d: dt.date | None) -> str:
    return "unknown" if d is None else d.strftime("%d/%m/%Y")


def issuer_name(tl: gm.Timeline, d: gm.Decision) -> str:
    org = tl.as_of(d.effective_on).get(d.issuer)
    return org.name if org is not None else tl.history(d.issuer)[-1].value.name


def document(tl: gm.Timeline, d: gm.Decision) -> str:
    """'473/QĐ-UBND of Ủy ban nhân dân tỉnh Lạng Sơn, signed 17/03/2008' and its dates."""
    text = f"{d.number} of {issuer_name(tl, d)}, signed {day(d.signed_on)}"
    if d.effective_on != d.signed_on:
        text += f", in force {day(d.effective_on)}"
    if d.retroactive:
        text += " (retroactive)"
    return text


def where_from(d: gm.Decision) -> str:
    urls = [s.url for s in d.sources if s.url]
    return f"source: {urls[0]}" if urls else f"source: {d.sources[0].document}"


def _some(items: list[str], limit: int = 4) -> str:
    shown = "; ".join(items[:limit])
    return shown + (f"; … ({len(items)} in all)" if len(items) > limit else "")


def mandate_change(old: gm.Mandate, new: gm.Mandate) -> list[str]:
    """What a new mandate adds and drops: fields in full, functions and task groups in short."""
    lines = []
    for label, before, after in (
        ("fields", old.fields, new.fields),
        ("functions", old.functions, new.functions),
        ("task groups", tuple(g.name for g in old.task_groups),
         tuple(g.name for g in new.task_groups)),
    ):
        gained = [x for x in after if x not in before]
        lost = [x for x in before if x not in after]
        if gained:
            lines.append(f"  + {label}: {_some(gained)}")
        if lost:
            lines.append(f"  - {label}: {_some(lost)}")
    return lines


def lineage(tl: gm.Timeline, org_id: str) -> None:
    """Every change of the organisation and of what it became, in date order, with documents."""
    events: list[tuple[dt.date, int, list[str]]] = []
    chain = tl.successor_chain(org_id)
    for order, org in enumerate(chain):
        versions = tl.history(org.id)
        for v in versions:
            if v.decision is None:
                events.append((dt.date.min, order, [
                    f"{v.value.name}  [{org.id}]",
                    "  alive from the first record: the decision that established it was not found",
                ]))
                continue
            what = "established" if v is versions[0] else "renamed"
            assert v.valid_from is not None  # only a first state has no date
            events.append((v.valid_from, order, [
                f"{what}: {v.value.name}  [{org.id}]",
                f"  by {document(tl, v.decision)}",
                f"  {where_from(v.decision)}",
            ]))
        before = gm.Mandate()
        for start, mandate, cause in tl.mandate_history(org.id):
            change = mandate_change(before, mandate)
            before = mandate
            if cause is not None and change:
                events.append((start, order, [
                    f"mandate changed by {cause.number}", *change, f"  {where_from(cause)}"
                ]))
        if order + 1 < len(chain):
            nxt = chain[order + 1]
            first = tl.history(nxt.id)[0]
            assert first.decision is not None
            assert first.valid_from is not None
            events.append((first.valid_from, order, [
                f"ends: consolidated into {nxt.name}  [{nxt.id}]",
                f"  by {document(tl, first.decision)}",
            ]))
    for when, _order, lines in sorted(events, key=lambda e: (e[0], e[1])):
        label = "first record" if when == dt.date.min else day(when)
        print(f"  {label:<13} {lines[0]}")
        for line in lines[1:]:
            print(f"  {'':<13} {line}")


def press_line(tl: gm.Timeline) -> None:
    """Who holds press and publishing on a few days."""
    for on in ("2007-01-01", "2008-06-01", "2025-02-28", "2025-06-01"):
        snap = tl.as_of(on)
        holders = sorted(
            snap[o].name for o in snap
            if set(PRESS) <= set(snap.mandate(o).fields) and o.startswith("lang-son/")
        )
        print(f"  {day(snap.on)}: {', '.join(holders) or '(no Lạng Sơn body records them)'}")
    print("  (Quyết định 33 of 2021 replaced the recorded mandate with only what seed 000 lists,")
    print("  so press and publishing are not recorded for 2021–2025: see the dataset's notes.)")


def national(tl: gm.Timeline) -> None:
    succ = tl.successor("vn/bo-tttt", on="2025-03-01")
    first = tl.history(succ.id)[0]
    assert first.decision is not None
    print(f"  Bộ Thông tin và Truyền thông → {succ.name} ({succ.id}) from {day(first.valid_from)}")
    print(f"    by {document(tl, first.decision)}")
    for known in ("2025-03-01", "2025-03-02"):
        alive = "vn/bo-tttt" in tl.as_of("2025-03-01", known_on=known)
        state = "still stands" if alive else "is consolidated"
        print(f"    on 01/03/2025, as known on {day(dt.date.fromisoformat(known))}: "
              f"Bộ Thông tin và Truyền thông {state}")
    fields = tl.as_of("2025-03-01").mandate("vn/bo-vhttdl").fields
    print(f"  Bộ Văn hóa, Thể thao và Du lịch from 01/03/2025: {', '.join(fields)}")


def committee(tl: gm.Timeline, on: str) -> None:
    snap = tl.as_of(on)
    print(f"  {snap[COMMITTEE].name}, on {day(snap.on)}")
    print("  (composition of QĐ 2041/QĐ-UBND of 13/10/2021, still in force; posts followed)")
    for seat in snap.members(COMMITTEE):
        print(f"  - {seat.role}: {seat.label}")
        if seat.chain:
            was = tl.history(seat.chain[0].org_id)[-1].value.name
            path = " → ".join(p.org_id for p in seat.chain)
            print(f"      as decided: {seat.chain[0].title} {was}  ({path})")
        if seat.vacant:
            print("      (vacant: its organisation ended with no successor)")


def main() -> None:
    tl = gm.load_dataset("lang-son-history")
    print("Lạng Sơn: the information and communications department, 2006–2025")
    print("=" * 72)
    print()
    print("The department's lineage, with the deciding documents")
    lineage(tl, DEPARTMENT)
    print()
    print("What it is called on four days")
    for on in ("2007-01-01", "2008-06-01", "2022-01-01", "2025-06-01"):
        org = tl.successor(DEPARTMENT, on=on)
        print(f"  {day(dt.date.fromisoformat(on))}: {org.name}  [{org.id}]")
    print()
    print("Press and publishing (báo chí, xuất bản): which Lạng Sơn body records them")
    press_line(tl)
    print()
    print("The same change at the national level")
    national(tl)
    print()
    print("The steering committee's ex-officio members, resolved")
    committee(tl, "2025-06-01")
    print()
    notes = read_dataset("lang-son-history").notes
    print(f"{len(notes)} notes in the dataset say what the sources leave unknown; see also")
    print("docs/research/public-records-2006-2025.md.")


if __name__ == "__main__":
    main()
