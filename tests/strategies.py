"""Shared hypothesis strategies for govmodel's tests (grows with every feature).

``scenarios()`` builds *valid* timelines by simulation: every effect refers only to
organisations alive on its date, no two decisions claim one attribute on one day, and the
set includes the hard cases of DESIGN.md §2: future-dated and retroactive provisions,
expiring decisions, "ghost" decisions superseded before they take effect, and repeals of
the superseding decision (which must not revive the ghost).
"""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import strategies as st

import govmodel as gm

ROOT = "p/ubnd"
BASE = dt.date(2020, 1, 1)
GHOST = "GHOST"


@attrs.define
class Scenario:
    """Generated decisions plus what the generator knows about them."""

    initial: list
    decisions: list[gm.Decision]
    ghosts: list[gm.Decision]
    dates: list[dt.date]

    def timeline(self) -> gm.Timeline:
        return gm.Timeline.from_decisions(self.decisions, initial=self.initial)


def _initial() -> list:
    return [
        gm.Agency(
            id=ROOT, name="Ủy ban nhân dân tỉnh Thử", kind="peoples_committee", level="province"
        ),
        gm.Agency(id="p/so-a", name="Sở A", parent=ROOT, kind="department", level="province"),
        gm.Agency(id="p/so-b", name="Sở B", parent=ROOT, kind="department", level="province"),
        gm.Committee(id="p/bcd", name="Ban Chỉ đạo Thử", parent=ROOT),
    ]


_FUNCS = ["bưu chính", "viễn thông", "báo chí", "xuất bản", "chuyển đổi số", "an toàn thông tin"]


@st.composite
def mandates(draw: st.DrawFn) -> gm.Mandate:
    funcs = draw(st.lists(st.sampled_from(_FUNCS), max_size=3, unique=True))
    groups = draw(
        st.lists(st.sampled_from(["hạ tầng số", "đô thị thông minh"]), max_size=2, unique=True)
    )
    return gm.Mandate(
        functions=funcs, task_groups=[gm.TaskGroup(g, [f"nhiệm vụ {g}"]) for g in groups]
    )


@st.composite
def scenarios(draw: st.DrawFn, max_steps: int = 10) -> Scenario:
    """A valid scenario of up to *max_steps* generated steps (some steps add 2-3 decisions)."""
    initial = _initial()
    alive: dict[str, str | None] = {o.id: o.parent for o in initial}
    kinds: dict[str, str] = {o.id: type(o).__name__ for o in initial}
    decisions: list[gm.Decision] = []
    ghosts: list[gm.Decision] = []
    standing: list[gm.Decision] = []
    no_mandate = {o.id for o in initial}  # orgs never given a mandate: safe transfer sources
    day = BASE
    serial = 0
    claimed: set[tuple[dt.date, str, str]] = set()

    def new_decision(signed: dt.date, effects: list, **kw: object) -> gm.Decision:
        nonlocal serial
        serial += 1
        known = signed + dt.timedelta(days=draw(st.integers(0, 15)))
        d = gm.Decision(
            number=f"{serial}/QĐ-UBND",
            issuer=ROOT,
            signed_on=signed,
            known_on=max(known, signed),
            effects=effects,
            **kw,
        )
        decisions.append(d)
        return d

    def descendants(org: str) -> set[str]:
        out = {org}
        changed = True
        while changed:
            changed = False
            for k, p in alive.items():
                if p in out and k not in out:
                    out.add(k)
                    changed = True
        return out

    def claim(org: str, attr: str, on: dt.date | None = None) -> bool:
        key = (on or day, org, attr)
        if key in claimed:
            return False
        claimed.add(key)
        return True

    steps = draw(st.integers(1, max_steps))
    for _ in range(steps):
        day = day + dt.timedelta(days=draw(st.integers(0, 30)))
        units = [k for k in alive if kinds[k] == "Unit"]
        movable = [k for k in alive if k != ROOT]
        step = draw(
            st.sampled_from(
                [
                    "establish",
                    "establish",
                    "rename",
                    "move",
                    "dissolve",
                    "merge",
                    "set_mandate",
                    "amend",
                    "composition",
                    "transfer",
                    "ghost",
                    "future",
                    "retro",
                    "repeal",
                ]
            )
        )
        if step == "establish":
            parent = draw(st.sampled_from(sorted(alive)))
            uid = f"p/u{serial + 1}"
            if not claim(uid, "existence"):
                continue
            org = gm.Unit(id=uid, name=f"Phòng {serial + 1}", parent=parent, kind="division")
            new_decision(day, [gm.Establish(org=org)])
            alive[uid], kinds[uid] = parent, "Unit"
            no_mandate.add(uid)
        elif step == "rename" and movable:
            org = draw(st.sampled_from(sorted(movable)))
            if claim(org, "name"):
                new_decision(day, [gm.Rename(org_id=org, name=f"Tên mới {serial + 1}")])
        elif step == "move" and units:
            org = draw(st.sampled_from(sorted(units)))
            targets = sorted(set(alive) - descendants(org) - {alive[org] or ""})
            if targets and claim(org, "parent"):
                parent = draw(st.sampled_from(targets))
                new_decision(day, [gm.Move(org_id=org, parent=parent)])
                alive[org] = parent
        elif step == "dissolve":
            leaves = [u for u in units if u not in set(alive.values())]
            if leaves:
                org = draw(st.sampled_from(sorted(leaves)))
                if claim(org, "existence"):
                    new_decision(day, [gm.Dissolve(org_id=org)])
                    del alive[org]
        elif step == "merge":
            leaves = [u for u in units if u not in set(alive.values())]
            if leaves:
                src = draw(st.sampled_from(sorted(leaves)))
                into = draw(st.sampled_from(sorted(set(alive) - {src})))
                if claim(src, "existence"):
                    new_decision(day, [gm.Merge(sources=(src,), into=into)])
                    del alive[src]
                    no_mandate.discard(into)
        elif step in ("set_mandate", "future", "retro"):
            org = draw(st.sampled_from(sorted(alive))) if step == "set_mandate" else ROOT
            m = draw(mandates())
            if step == "future":
                eff = day + dt.timedelta(days=draw(st.integers(1, 60)))
                kw: dict = {"effective_on": eff}
                if draw(st.booleans()):
                    kw["expires_on"] = eff + dt.timedelta(days=draw(st.integers(1, 60)))
                signed = day
            elif step == "retro":
                signed = day + dt.timedelta(days=draw(st.integers(1, 20)))
                kw = {"effective_on": day, "retroactive": True}
            else:
                signed, kw = day, {}
            eff_day = kw.get("effective_on", signed)
            if not claim(org, "mandate", eff_day):
                continue
            sup = ()
            older = [d for d in standing if d.signed_on <= signed]
            if older and draw(st.booleans()):
                sup = (draw(st.sampled_from(older)).ref,)
            d = new_decision(signed, [gm.SetMandate(org_id=org, mandate=m)], supersedes=sup, **kw)
            standing.append(d)
            no_mandate.discard(org)
        elif step == "amend":
            org = draw(st.sampled_from(sorted(alive)))
            add = draw(mandates())
            d = new_decision(day, [gm.AmendMandate(org_id=org, add=add)])
            standing.append(d)
            no_mandate.discard(org)
        elif step == "composition":
            posts = draw(
                st.lists(st.sampled_from(sorted(alive)), min_size=1, max_size=3, unique=True)
            )
            roles = ["head", "standing_deputy", "deputy", "member"]
            members = [
                gm.Membership(roles[min(i, 3)], gm.PostRef(p, "Giám đốc"))
                for i, p in enumerate(posts)
            ]
            if "p/bcd" in alive and claim("p/bcd", "composition"):
                d = new_decision(day, [gm.SetComposition(org_id="p/bcd", members=members)])
                standing.append(d)
        elif step == "transfer":
            sources = sorted((no_mandate & set(alive)) - {ROOT})
            if sources:
                src = draw(st.sampled_from(sources))
                dst = draw(st.sampled_from(sorted(set(alive) - {src})))
                m = gm.Mandate(functions=[f"chức năng {serial + 1}"])
                new_decision(day, [gm.TransferFunctions(from_org=src, to_org=dst, mandate=m)])
                no_mandate.discard(dst)
        elif step == "ghost":
            # signed today, effective later, superseded today by a decision in force today
            eff = day + dt.timedelta(days=draw(st.integers(1, 30)))
            ghost = new_decision(
                day, [gm.Rename(org_id=ROOT, name=f"{GHOST} {serial + 1}")], effective_on=eff
            )
            killer = new_decision(day, [], supersedes=(ghost.ref,))
            ghosts.append(ghost)
            if draw(st.booleans()):  # repealing the killer later must not revive the ghost
                later = day + dt.timedelta(days=draw(st.integers(1, 10)))
                new_decision(later, [], repeals=(killer.ref,))
        elif step == "repeal" and standing:
            target = draw(st.sampled_from(standing))
            signed = max(day, target.signed_on)
            new_decision(signed, [], repeals=(target.ref,))
    dates = sorted(
        {BASE - dt.timedelta(days=1), day + dt.timedelta(days=400)}
        | {d.effective_on for d in decisions}
        | {d.effective_on - dt.timedelta(days=1) for d in decisions}
        | {e for d in decisions if (e := d.expires_on) is not None}
    )
    return Scenario(initial, decisions, ghosts, dates)
