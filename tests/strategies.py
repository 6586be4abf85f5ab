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


# --------------------------------------------------------------------------- serialisation
# Strategies for every public value class, for the round-trip law of govmodel.serialize.
# Values are arbitrary but valid; ``datasets()`` builds checked datasets from ``scenarios()``.

from govmodel.serialize import Dataset  # noqa: E402  (appended section)

_VI_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯáàảãạấầẩẫậếềểễệốồổỗộớờởỡợứừửữựíìỉĩịýỳỷỹỵ"


def texts(max_size: int = 24) -> st.SearchStrategy[str]:
    """Non-empty NFC text: Vietnamese letters, spaces, punctuation, or any printable text."""
    vietnamese = st.text(alphabet=_VI_LETTERS + "  -,.&/()0123456789", min_size=1, max_size=max_size)
    anything = st.text(min_size=1, max_size=max_size)
    return st.one_of(vietnamese, anything).map(gm.vn.nfc).filter(bool)


def org_ids() -> st.SearchStrategy[str]:
    """Organisation ids such as ``lang-son/so-tttt``."""
    return st.from_regex(r"[a-z0-9][a-z0-9._\-/]{0,24}", fullmatch=True)


def dates() -> st.SearchStrategy[dt.date]:
    """Dates with a four-digit year (ISO 8601 text has one)."""
    return st.dates(min_value=dt.date(1945, 1, 1), max_value=dt.date(2100, 12, 31))


def _parse_or_none(text: str) -> gm.DocumentNumber | None:
    try:
        return gm.DocumentNumber.parse(text)
    except gm.DocumentNumberError:
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


def document_numbers() -> st.SearchStrategy[gm.DocumentNumber]:
    """Document numbers in every written form: ``2041/QĐ-UBND``, ``33/2021/QĐ-UBND``, ``49-NQ/TU``.

    Forms the parser refuses (its rules grow) are skipped.
    """
    return _document_number_texts().map(_parse_or_none).filter(lambda n: n is not None)  # type: ignore[return-value]


def decision_refs() -> st.SearchStrategy[gm.DecisionRef]:
    return st.builds(gm.DecisionRef, org_ids(), document_numbers(), st.integers(1945, 2100))


@st.composite
def organisations(
    draw: st.DrawFn, org_id: str | None = None, cls: type | None = None
) -> gm.Agency | gm.Unit | gm.Committee:
    """An Agency, Unit or Committee value (any kind, level, aliases and parent)."""
    oid = org_id if org_id is not None else draw(org_ids())
    common = {
        "id": oid,
        "name": draw(texts()),
        "short_names": draw(st.lists(texts(), max_size=3)),
        "parent": draw(st.none() | org_ids().filter(lambda p: p != oid)),
    }
    if cls is None:
        cls = draw(st.sampled_from([gm.Agency, gm.Unit, gm.Committee]))
    if cls is gm.Agency:
        return gm.Agency(**common, kind=draw(st.sampled_from(gm.AgencyKind)),
                         level=draw(st.sampled_from(gm.Level)))
    if cls is gm.Unit:
        return gm.Unit(**common, kind=draw(st.sampled_from(gm.UnitKind)))
    return gm.Committee(**common, kind=draw(st.sampled_from(gm.CommitteeKind)))


def post_refs() -> st.SearchStrategy[gm.PostRef]:
    return st.builds(gm.PostRef, org_ids(), texts(), qualifier=st.none() | texts())


def memberships() -> st.SearchStrategy[gm.Membership]:
    return st.builds(gm.Membership, st.sampled_from(gm.Role), post_refs())


def task_groups() -> st.SearchStrategy[gm.TaskGroup]:
    return st.builds(gm.TaskGroup, texts(), st.lists(texts(), max_size=3))


def any_mandates() -> st.SearchStrategy[gm.Mandate]:
    """Any mandate (``mandates()`` above draws from a small fixed vocabulary)."""
    return st.builds(
        gm.Mandate,
        functions=st.lists(texts(), max_size=3),
        task_groups=st.lists(task_groups(), max_size=3),
        powers=st.lists(texts(), max_size=2),
        fields=st.lists(texts(), max_size=3),
    )


def sources() -> st.SearchStrategy[gm.Source]:
    return st.builds(
        gm.Source, texts(),
        quote=st.none() | texts(60), locator=st.none() | texts(), url=st.none() | texts(),
    )


def observations(org_ids_: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[gm.Observation]:
    return st.builds(
        gm.Observation,
        org_id=org_ids_ if org_ids_ is not None else org_ids(),
        name=texts(), on=dates(), source=sources(), published_on=st.none() | dates(),
    )


@st.composite
def split_parts(draw: st.DrawFn, org_id: str | None = None) -> gm.SplitPart:
    """One part of a split: an id, the mandate it takes, maybe the new body's first state."""
    oid = org_id if org_id is not None else draw(org_ids())
    return gm.SplitPart(org_id=oid, mandate=draw(any_mandates()),
                        establish=draw(st.none() | organisations(org_id=oid)))


@st.composite
def effects(draw: st.DrawFn) -> gm.Effect:
    """One effect of any of the ten classes, valid on its own."""
    when = {"effective_on": draw(st.none() | dates())}
    kind = draw(st.sampled_from(sorted(gm.decisions.EFFECT_TYPES)))
    a, b = draw(st.lists(org_ids(), min_size=2, max_size=2, unique=True))
    if kind == "Establish":
        return gm.Establish(org=draw(organisations()), **when)
    if kind == "Rename":
        return gm.Rename(org_id=a, name=draw(texts()),
                         short_names=draw(st.none() | st.lists(texts(), max_size=2)), **when)
    if kind == "Move":
        return gm.Move(org_id=a, parent=draw(st.sampled_from([b, None])), **when)
    if kind == "Dissolve":
        return gm.Dissolve(org_id=a, **when)
    if kind == "Merge":
        srcs = draw(st.lists(org_ids().filter(lambda x: x != a), min_size=1, max_size=3, unique=True))
        est = draw(st.none() | organisations(org_id=a))
        posts = draw(st.lists(st.builds(gm.PostSuccession, post_refs(), post_refs()), max_size=2))
        return gm.Merge(sources=srcs, into=a, establish=est, posts=posts, **when)
    if kind == "Split":
        ids = draw(st.lists(org_ids().filter(lambda x: x != a), min_size=1, max_size=3, unique=True))
        parts = [draw(split_parts(i)) for i in ids]
        return gm.Split(source=a, parts=parts, dissolve_source=draw(st.booleans()), **when)
    if kind == "TransferFunctions":
        return gm.TransferFunctions(from_org=a, to_org=b, mandate=draw(any_mandates()), **when)
    if kind == "SetMandate":
        return gm.SetMandate(org_id=a, mandate=draw(any_mandates()), **when)
    if kind == "AmendMandate":
        return gm.AmendMandate(org_id=a, add=draw(any_mandates()), remove=draw(any_mandates()), **when)
    members = draw(st.lists(memberships(), max_size=4, unique=True))
    return gm.SetComposition(org_id=a, members=members, **when)


@st.composite
def decisions(draw: st.DrawFn) -> gm.Decision:
    """A decision with any fields, dates consistent (unknown signing date included)."""
    number = draw(document_numbers())
    signed = draw(st.none() | dates())
    retroactive = draw(st.booleans())
    kw: dict = {}
    if signed is None or draw(st.booleans()):
        low = dt.date(1945, 1, 1) if signed is None or retroactive else signed
        kw["effective_on"] = draw(st.dates(min_value=low, max_value=dt.date(2100, 1, 1)))
    effective = kw.get("effective_on", signed)
    if draw(st.booleans()):
        kw["expires_on"] = effective + dt.timedelta(days=draw(st.integers(1, 3000)))
    if draw(st.booleans()):
        kw["known_on"] = draw(dates())
    if draw(st.booleans()):
        kw["year"] = draw(st.integers(1945, 2100))
    if number.doc_type is None or draw(st.booleans()):
        kw["doc_type"] = draw(st.sampled_from(["QĐ", "NQ", "CV", "KH"]))
    effs = [
        attrs.evolve(e, effective_on=None) if e.effective_on is not None and e.effective_on < effective else e
        for e in draw(st.lists(effects(), max_size=3))
    ]
    plain = gm.Decision(
        number=number, issuer=draw(org_ids()), title=draw(st.just("") | texts()),
        signed_on=signed, retroactive=retroactive, signer=draw(st.none() | post_refs()),
        effects=effs, sources=draw(st.lists(sources(), max_size=2)), **kw,
    )
    refs = st.lists(decision_refs().filter(lambda r: r != plain.ref), max_size=2)
    return plain.evolve(supersedes=draw(refs), repeals=draw(refs), amends=draw(refs))


#: Every public value class the converter handles, with a strategy for it.
VALUE_STRATEGIES: dict[type, st.SearchStrategy] = {
    gm.DocumentNumber: document_numbers(),
    gm.DecisionRef: decision_refs(),
    gm.Agency: organisations(cls=gm.Agency),
    gm.Unit: organisations(cls=gm.Unit),
    gm.Committee: organisations(cls=gm.Committee),
    gm.PostRef: post_refs(),
    gm.Membership: memberships(),
    gm.TaskGroup: task_groups(),
    gm.Mandate: any_mandates(),
    gm.Source: sources(),
    gm.Observation: observations(),
    gm.PostSuccession: st.builds(gm.PostSuccession, post_refs(), post_refs()),
    gm.SplitPart: split_parts(),
    gm.Effect: effects(),
    gm.Decision: decisions(),
}


@st.composite
def loose_datasets(draw: st.DrawFn) -> Dataset:
    """A dataset of arbitrary values: fine for the converter, not checked by the engine."""
    return Dataset(
        name=draw(texts()), title=draw(texts()), description=draw(st.just("") | texts()),
        sources=draw(st.lists(sources(), max_size=2)), notes=draw(st.lists(texts(), max_size=2)),
        organisations=draw(st.lists(organisations(), max_size=3)),
        decisions=draw(st.lists(decisions(), max_size=3)),
        observations=draw(st.lists(observations(), max_size=2)),
    )


@st.composite
def datasets(draw: st.DrawFn, max_steps: int = 8) -> Dataset:
    """A valid, checked dataset: a simulated scenario plus observations and provenance."""
    scenario = draw(scenarios(max_steps=max_steps))
    known = sorted({o.id for o in scenario.initial})
    return Dataset(
        name=draw(texts()), title=draw(texts()), description=draw(st.just("") | texts()),
        sources=draw(st.lists(sources(), max_size=2)), notes=draw(st.lists(texts(), max_size=2)),
        organisations=scenario.initial,
        decisions=[attrs.evolve(d, sources=draw(st.lists(sources(), max_size=1)))
                   for d in scenario.decisions],
        observations=draw(st.lists(observations(st.sampled_from(known)), max_size=3)),
    )
