"""Country-scale synthetic decisions: seeded, deterministic and valid.

:func:`generate` simulates twenty years (2006 to mid-2026) of a Vietnamese provincial
administration and returns the first states and the decisions, ready for
:meth:`govmodel.Timeline.from_decisions`:

* up to 63 provinces (fewer at small sizes), each with its UBND and HĐND, about twenty
  departments (Sở) with their divisions and centres, steering committees whose members sit
  ex officio, and district UBNDs with their divisions and communes;
* the routine history: units established, renamed, moved, merged, split and dissolved;
  departments' mandates set ("quy định chức năng, nhiệm vụ"), each new one superseding the
  last, amended and partly transferred; committees reconstituted ("kiện toàn") with
  supersession and sometimes renamed; repeals; retroactive decisions (signed after they take
  effect) and future-dated ones (signed before), some with an expiry date;
* the structural reforms on fixed dates: the 2008 department reorganisation (Sở Bưu chính,
  Viễn thông → Sở Thông tin và Truyền thông, Sở Thương mại merged into Sở Công Thương, press
  and publishing transferred…), the department mergers of 1/3/2025 (Sở TT&TT into Sở KH&CN,
  Sở TN&MT + Sở NN&PTNT → Sở Nông nghiệp và Môi trường…), and on 1/7/2025 the province
  mergers of NQ 202/2025/QH15 (63 → 34) with the district level abolished and communes merged.

Validity is by construction: every effect names only organisations alive on its date, and two
decisions taking effect on the same day never touch the same organisation, so the order of
same-day decisions never matters. Only decisions made solely of standing provisions are
superseded or repealed, and only after they took effect, so every event happens. The same
``(n_decisions, seed, provinces)`` always gives equal decisions.

Scale: about ``n_decisions / 10`` organisations over the twenty years, half of them alive at
the start; 200,000 decisions give 63 provinces and about 20,000 organisations.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import govmodel as gm
from govmodel.vn import fold

__all__ = ["END", "START", "Synthetic", "generate"]

T = TypeVar("T")
Org = gm.Agency | gm.Unit | gm.Committee

START = dt.date(2006, 1, 1)
END = dt.date(2026, 6, 30)
REORG_2008 = dt.date(2008, 4, 1)
DEPT_MERGERS_2025 = dt.date(2025, 3, 1)
PROVINCE_MERGERS_2025 = dt.date(2025, 7, 1)
QUOC_HOI = "vn/quoc-hoi"

# Receiving province first, then the provinces it absorbs on 1/7/2025 (NQ 202/2025/QH15).
# Ordered so that a prefix (the first P provinces at small sizes) keeps whole groups early.
_GROUPS: tuple[tuple[str, ...], ...] = (
    ("Thái Nguyên", "Bắc Kạn"),
    ("Lạng Sơn",),
    ("Phú Thọ", "Vĩnh Phúc", "Hòa Bình"),
    ("Hà Nội",),
    ("Tuyên Quang", "Hà Giang"),
    ("Lào Cai", "Yên Bái"),
    ("Bắc Ninh", "Bắc Giang"),
    ("Hưng Yên", "Thái Bình"),
    ("Hải Phòng", "Hải Dương"),
    ("Ninh Bình", "Hà Nam", "Nam Định"),
    ("Quảng Ninh",),
    ("Thanh Hóa",),
    ("Nghệ An",),
    ("Hà Tĩnh",),
    ("Quảng Trị", "Quảng Bình"),
    ("Thừa Thiên Huế",),
    ("Đà Nẵng", "Quảng Nam"),
    ("Quảng Ngãi", "Kon Tum"),
    ("Gia Lai", "Bình Định"),
    ("Khánh Hòa", "Ninh Thuận"),
    ("Lâm Đồng", "Đắk Nông", "Bình Thuận"),
    ("Đắk Lắk", "Phú Yên"),
    ("Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"),
    ("Đồng Nai", "Bình Phước"),
    ("Tây Ninh", "Long An"),
    ("Cần Thơ", "Sóc Trăng", "Hậu Giang"),
    ("Vĩnh Long", "Bến Tre", "Trà Vinh"),
    ("Đồng Tháp", "Tiền Giang"),
    ("Cà Mau", "Bạc Liêu"),
    ("An Giang", "Kiên Giang"),
    ("Cao Bằng",),
    ("Lai Châu",),
    ("Điện Biên",),
    ("Sơn La",),
)
_CITIES = frozenset({"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ"})

# (code, name before 2008, short name). The merger pairs of 2008 and 2025 come first, so
# that small sizes still exercise them.
_DEPTS: tuple[tuple[str, str, str | None], ...] = (
    ("bcvt", "Sở Bưu chính, Viễn thông", "Sở BC-VT"),
    ("khcn", "Sở Khoa học và Công nghệ", "Sở KH&CN"),
    ("tnmt", "Sở Tài nguyên và Môi trường", "Sở TN&MT"),
    ("nnptnt", "Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT"),
    ("vhtt", "Sở Văn hóa - Thông tin", None),
    ("tdtt", "Sở Thể dục Thể thao", None),
    ("khdt", "Sở Kế hoạch và Đầu tư", "Sở KH&ĐT"),
    ("tc", "Sở Tài chính", None),
    ("cn", "Sở Công nghiệp", None),
    ("tm", "Sở Thương mại", None),
    ("gtvt", "Sở Giao thông vận tải", "Sở GTVT"),
    ("xd", "Sở Xây dựng", None),
    ("ldtbxh", "Sở Lao động - Thương binh và Xã hội", "Sở LĐ-TB&XH"),
    ("nv", "Sở Nội vụ", None),
    ("tp", "Sở Tư pháp", None),
    ("gddt", "Sở Giáo dục và Đào tạo", "Sở GD&ĐT"),
    ("yt", "Sở Y tế", None),
    ("vp", "Văn phòng Ủy ban nhân dân", "VP UBND"),
    ("tt", "Thanh tra", None),
    ("bdt", "Ban Dân tộc", None),
)
# 1/3/2025: (source, target) mergers into an existing department; tnmt + nnptnt → nnmt.
_MERGERS_2025 = (("bcvt", "khcn"), ("khdt", "tc"), ("gtvt", "xd"), ("ldtbxh", "nv"))

_UNIT_NAMES = (
    "Phòng Kế hoạch - Tài chính",
    "Phòng Tổ chức cán bộ",
    "Phòng Quản lý chuyên ngành",
    "Phòng Pháp chế",
    "Phòng Nghiệp vụ",
    "Phòng Hợp tác quốc tế",
    "Phòng Thẩm định",
    "Phòng Quản lý chất lượng",
    "Trung tâm Dịch vụ công",
    "Trung tâm Thông tin",
    "Trung tâm Công nghệ thông tin",
    "Trung tâm Đào tạo và Bồi dưỡng",
)
_NEW_NAMES = (
    "Phòng Chuyển đổi số",
    "Phòng Hạ tầng số",
    "Phòng Công nghệ số",
    "Phòng Kinh tế số",
    "Phòng Quản lý nhà nước",
    "Phòng Tổng hợp",
    "Phòng Thanh tra - Pháp chế",
    "Trung tâm Công nghệ số",
    "Trung tâm Phục vụ hành chính công",
    "Trung tâm Giám sát, điều hành thông minh",
)
_DISTRICT_UNITS = (
    "Phòng Nội vụ",
    "Phòng Tư pháp",
    "Phòng Tài chính - Kế hoạch",
    "Phòng Tài nguyên và Môi trường",
    "Phòng Văn hóa và Thông tin",
    "Phòng Giáo dục và Đào tạo",
    "Phòng Y tế",
    "Phòng Kinh tế",
    "Phòng Kinh tế và Hạ tầng",
    "Thanh tra huyện",
)
_PLACES = (
    "Văn Lãng", "Cao Lộc", "Lộc Bình", "Chi Lăng", "Hữu Lũng", "Bắc Sơn", "Bình Gia",
    "Tràng Định", "Đình Lập", "Văn Quan", "Ba Bể", "Chợ Đồn", "Na Rì", "Ngân Sơn", "Pác Nặm",
    "Chợ Mới", "Bạch Thông", "Hòa An", "Quảng Hòa", "Trùng Khánh", "Hạ Lang", "Bảo Lạc",
    "Yên Thế", "Tân Yên", "Lục Nam", "Sơn Động", "Thạch Thất", "Quốc Oai", "Đông Anh",
)
_COMMITTEES: tuple[tuple[str, str], ...] = (
    ("cqdt", "Ban Chỉ đạo xây dựng Chính quyền điện tử"),
    ("cchc", "Ban Chỉ đạo cải cách hành chính"),
    ("gnbv", "Ban Chỉ đạo giảm nghèo bền vững"),
    ("ntm", "Ban Chỉ đạo xây dựng nông thôn mới"),
    ("dl", "Ban Chỉ đạo phát triển du lịch"),
    ("atvstp", "Ban Chỉ đạo liên ngành về an toàn thực phẩm"),
    ("pctt", "Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn"),
    ("dtdc", "Ban Chỉ đạo tổng điều tra dân số và nhà ở"),
)
_PRESS = gm.Mandate(functions=["quản lý nhà nước về báo chí", "quản lý nhà nước về xuất bản"])


class _Bag(Generic[T]):
    """An insertion-ordered set with O(1) add, remove and random choice (deterministic)."""

    __slots__ = ("items", "pos")

    def __init__(self) -> None:
        self.items: list[T] = []
        self.pos: dict[T, int] = {}

    def add(self, x: T) -> None:
        if x not in self.pos:
            self.pos[x] = len(self.items)
            self.items.append(x)

    def remove(self, x: T) -> None:
        i = self.pos.pop(x)
        last = self.items.pop()
        if i < len(self.items):
            self.items[i] = last
            self.pos[last] = i

    def choice(self, rng: random.Random) -> T:
        return self.items[rng.randrange(len(self.items))]

    def __len__(self) -> int:
        return len(self.items)

    def __contains__(self, x: object) -> bool:
        return x in self.pos

    def __iter__(self) -> Iterator[T]:
        return iter(list(self.items))


@dataclass
class _Province:
    slug: str
    name: str
    label: str  # "tỉnh Lạng Sơn" / "thành phố Hà Nội"
    ubnd: str
    hdnd: str
    depts: dict[str, str]  # code -> id, alive departments
    units: _Bag[str]  # units of departments
    committees: dict[str, str]  # code -> id
    districts: list[str]
    dunits: _Bag[str]  # units of district UBNDs
    communes: _Bag[str]
    mandate_decision: dict[str, gm.Decision]  # department -> its current SetMandate decision
    composition_decision: dict[str, gm.Decision]  # committee -> its current composition
    standing: list[gm.Decision]  # recent decisions of standing provisions only


@dataclass(frozen=True)
class Synthetic:
    """A generated data set: first states, decisions, and how it was made."""

    initial: tuple[Org, ...]
    decisions: tuple[gm.Decision, ...]
    n_decisions: int
    seed: int
    provinces: int

    def timeline(self) -> gm.Timeline:
        """The timeline of these decisions (validated: raises if the data were invalid)."""
        return gm.Timeline.from_decisions(self.decisions, initial=self.initial)

    def dates(self, rng: random.Random, k: int) -> list[dt.date]:
        """*k* random days between :data:`START` and :data:`END`."""
        span = (END - START).days
        return [START + dt.timedelta(days=rng.randrange(span + 1)) for _ in range(k)]


def _slug(name: str) -> str:
    return fold(name).replace(" - ", "-").replace(" ", "-")


class _Generator:
    def __init__(self, n: int, seed: int, provinces: int | None, splits: bool) -> None:
        self.n = n
        self.rng = random.Random(seed)
        p_count = provinces if provinces is not None else min(63, max(2, n // 3000))
        if not 1 <= p_count <= 63:
            raise ValueError(f"provinces must be 1 to 63, not {p_count}")
        self.splits = splits
        self.budget = max(12, n // 20 // p_count)  # first states per province
        self.initial: list[Org] = []
        self.decisions: list[gm.Decision] = []
        self.parent: dict[str, str | None] = {}
        self.name: dict[str, str] = {}
        self.free: set[str] = set()  # units whose mandate is empty for ever (membership only)
        self.counters: dict[tuple[str, str, bool, int], int] = {}
        self.serial = 0
        self.day = START
        self.locked: set[str] = set()  # ids touched by a decision effective on self.day
        self.source = gm.Source("benchmarks/synthetic.py", locator=f"seed {seed}, n {n}")
        self.posts: dict[tuple[str, str], gm.PostRef] = {}
        names = [p for g in _GROUPS for p in g][:p_count]
        self.groups = [tuple(p for p in g if p in names) for g in _GROUPS]
        self.groups = [g for g in self.groups if g]
        self.provinces: dict[str, _Province] = {}
        self.alive_provinces: list[_Province] = []
        self.pools = {code: self._mandate_pool(code) for code, _, _ in _DEPTS}
        self.pools["nnmt"] = self._mandate_pool("nnmt")
        self.additions = [gm.Mandate(functions=[f"bổ sung nhiệm vụ số {k}"]) for k in range(40)]
        self.transfers = [gm.Mandate(functions=[f"nhiệm vụ chuyển giao số {k}"]) for k in range(40)]
        self.events: list[tuple[dt.date, Callable[[], None]]] = [
            (REORG_2008, self.reorg_2008),
            (DEPT_MERGERS_2025, self.dept_mergers_2025),
            (PROVINCE_MERGERS_2025, self.province_mergers_2025),
        ]
        self.special = {d for d, _ in self.events}
        self._seed_state(names)

    # ------------------------------------------------------------------ helpers
    def new_id(self, prefix: str) -> str:
        self.serial += 1
        return f"{prefix}{self.serial}"

    def post(self, org_id: str, title: str) -> gm.PostRef:
        key = (org_id, title)
        p = self.posts.get(key)
        if p is None:
            p = self.posts[key] = gm.PostRef(org_id, title)
        return p

    def _mandate_pool(self, code: str) -> list[gm.Mandate]:
        out = []
        for v in range(6):
            funcs = [f"quản lý nhà nước về lĩnh vực {code} {k}" for k in range(v, v + 4)]
            if code == "vhtt":
                funcs += list(_PRESS.functions)
            groups = [gm.TaskGroup(f"nhóm nhiệm vụ {code} {v}", [f"nhiệm vụ {code} {v}.{k}"
                                                                for k in range(3)])]
            out.append(gm.Mandate(functions=funcs, task_groups=groups, fields=[f"lĩnh vực {code}"]))
        return out

    def unit(self, uid: str, name: str, parent: str) -> gm.Unit:
        if name.startswith("Trung tâm"):
            kind = "public_service_unit"
        elif name.startswith("Thanh tra"):
            kind = "inspectorate"
        elif name.startswith("Văn phòng"):
            kind = "office"
        else:
            kind = "division"
        return gm.Unit(id=uid, name=name, parent=parent, kind=kind)

    def register(self, org: Org, *, initial: bool = False, free: bool = False) -> Org:
        self.parent[org.id] = org.parent
        self.name[org.id] = org.name
        if free:
            self.free.add(org.id)
        if initial:
            self.initial.append(org)
        return org

    def drop(self, org_id: str) -> None:
        del self.parent[org_id]
        self.free.discard(org_id)

    def decide(
        self,
        issuer: str,
        effects: Sequence[gm.Effect],
        title: str,
        *,
        signed: dt.date | None = None,
        effective: dt.date | None = None,
        expires: dt.date | None = None,
        normative: bool = False,
        doc: str = "QĐ",
        code: str = "UBND",
        supersedes: Sequence[gm.Decision] = (),
        repeals: Sequence[gm.Decision] = (),
        amends: Sequence[gm.Decision] = (),
    ) -> gm.Decision:
        eff = self.day if effective is None else effective
        signed_on = eff if signed is None else signed
        key = (issuer, doc, normative, signed_on.year)
        k = self.counters[key] = self.counters.get(key, 0) + 1
        number = gm.DocumentNumber(k, code, doc, year=signed_on.year if normative else None)
        ok = [x.ref for x in supersedes if x.signed_on is not None and x.signed_on <= signed_on]
        d = gm.Decision(
            number=number,
            issuer=issuer,
            title=title,
            signed_on=signed_on,
            effective_on=eff,
            expires_on=expires,
            retroactive=eff < signed_on,
            signer=self.post(issuer, "Chủ tịch") if code == "UBND" else None,
            effects=effects,
            supersedes=ok,
            repeals=[x.ref for x in repeals],
            amends=[x.ref for x in amends if x.signed_on and x.signed_on <= signed_on],
            sources=(self.source,),
        )
        self.decisions.append(d)
        return d

    def lock(self, *ids: str) -> bool:
        """Claim *ids* for today's decision; False (nothing claimed) if one is taken."""
        if any(i in self.locked for i in ids):
            return False
        self.locked.update(ids)
        return True

    def signing(self) -> dt.date:
        """A signing date for a decision effective today (sometimes before or after)."""
        r = self.rng.random()
        if r < 0.04:  # retroactive: signed after it takes effect
            return self.day + dt.timedelta(days=self.rng.randint(1, 30))
        if r < 0.20:  # future-dated: takes effect some days after signing
            return self.day - dt.timedelta(days=self.rng.randint(3, 20))
        return self.day

    # ------------------------------------------------------------------ first states
    def _seed_state(self, names: list[str]) -> None:
        rng, b = self.rng, self.budget
        n_depts = 20 if b >= 120 else max(4, min(20, b // 6))
        per_dept = max(2, round(b * 0.38 / n_depts))
        n_committees = max(1, round(b * 0.03))
        n_districts = max(1, round(b * 0.47 / 15))
        self.register(
            gm.Agency(id=QUOC_HOI, name="Quốc hội", kind="national_assembly", level="central"),
            initial=True,
        )
        for pname in names:
            slug = _slug(pname)
            label = f"{'thành phố' if pname in _CITIES else 'tỉnh'} {pname}"
            p = _Province(
                slug, pname, label, f"{slug}/ubnd", f"{slug}/hdnd", {}, _Bag(), {}, [], _Bag(),
                _Bag(), {}, {}, [],
            )
            self.provinces[slug] = p
            self.alive_provinces.append(p)
            self.register(
                gm.Agency(
                    id=p.ubnd, name=f"Ủy ban nhân dân {label}", short_names=[f"UBND {label}"],
                    kind="peoples_committee", level="province",
                ),
                initial=True,
            )
            self.register(
                gm.Agency(
                    id=p.hdnd, name=f"Hội đồng nhân dân {label}", kind="peoples_council",
                    level="province",
                ),
                initial=True,
            )
            for code, dname, short in _DEPTS[:n_depts]:
                did = f"{slug}/so-{code}"
                self.register(
                    gm.Agency(
                        id=did, name=f"{dname} {label}",
                        short_names=[f"{short} {pname}"] if short else [],
                        parent=p.ubnd, kind="department", level="province",
                    ),
                    initial=True,
                )
                p.depts[code] = did
                for k in range(per_dept):
                    uname = ("Văn phòng", "Thanh tra")[k] if k < 2 else rng.choice(_UNIT_NAMES)
                    uid = self.new_id(f"{did}/u")
                    self.register(self.unit(uid, uname, did), initial=True, free=True)
                    p.units.add(uid)
            for code, cname in _COMMITTEES[:n_committees]:
                cid = f"{slug}/bcd-{code}"
                self.register(gm.Committee(id=cid, name=f"{cname} {label}", parent=p.ubnd),
                              initial=True)
                p.committees[code] = cid
            for h in range(n_districts):
                place = _PLACES[h % len(_PLACES)] + ("" if h < len(_PLACES) else f" {h}")
                hid = f"{slug}/h{h + 1}"
                self.register(
                    gm.Agency(
                        id=hid, name=f"Ủy ban nhân dân huyện {place}", parent=p.ubnd,
                        kind="peoples_committee", level="district",
                    ),
                    initial=True,
                )
                p.districts.append(hid)
                for uname in _DISTRICT_UNITS[:5]:
                    uid = self.new_id(f"{hid}/p")
                    self.register(self.unit(uid, uname, hid), initial=True, free=True)
                    p.dunits.add(uid)
                for _ in range(9):
                    xid = self.new_id(f"{hid}/x")
                    self.register(
                        gm.Agency(
                            id=xid, name=f"Ủy ban nhân dân xã {rng.choice(_PLACES)}",
                            parent=hid, kind="peoples_committee", level="commune",
                        ),
                        initial=True,
                    )
                    p.communes.add(xid)

    # ------------------------------------------------------------------ the run
    def advance(self, target: dt.date) -> None:
        """Move the clock to *target* (or the next ordinary day), running the reforms due."""
        while self.events and self.events[0][0] <= target:
            when, event = self.events.pop(0)
            self.day, self.locked = when, set()
            event()
        while target in self.special:
            target += dt.timedelta(days=1)
        if target > self.day:
            self.day, self.locked = target, set()

    def run(self) -> tuple[tuple[Org, ...], tuple[gm.Decision, ...]]:
        span = (END - START).days
        ops = self.operations()
        weights = [w for _, w in ops]
        funcs = [f for f, _ in ops]
        while len(self.decisions) < self.n:
            self.advance(START + dt.timedelta(days=span * len(self.decisions) // self.n))
            for _ in range(40):
                op = self.rng.choices(funcs, weights)[0]
                if op(self.rng.choice(self.alive_provinces)):
                    break
            else:  # today is crowded: move on
                self.advance(self.day + dt.timedelta(days=1))
        return tuple(self.initial), tuple(self.decisions)

    def operations(self) -> list[tuple[Callable[[_Province], bool], float]]:
        ops: list[tuple[Callable[[_Province], bool], float]] = [
            (self.rename_unit, 16),
            (self.establish_unit, 3),
            (self.dissolve_unit, 1),
            (self.move_unit, 4),
            (self.merge_units, 1.2),
            (self.set_mandate, 16),
            (self.amend_mandate, 10),
            (self.transfer, 3),
            (self.reconstitute, 16),
            (self.establish_committee, 0.5),
            (self.dissolve_committee, 0.3),
            (self.rename_district_unit, 5),
            (self.establish_district_unit, 1),
            (self.dissolve_district_unit, 0.5),
            (self.rename_commune, 4),
            (self.merge_communes, 1),
            (self.repeal, 2.5),
        ]
        if self.splits:
            ops.append((self.split_unit, 0.7))
        return ops

    # ------------------------------------------------------------------ routine decisions
    def rename_unit(self, p: _Province) -> bool:
        if not p.units:
            return False
        u = p.units.choice(self.rng)
        if not self.lock(u):
            return False
        new = self.rng.choice(_NEW_NAMES + _UNIT_NAMES)
        signed = self.signing()
        self.decide(
            p.ubnd, [gm.Rename(org_id=u, name=new)],
            f"Về việc đổi tên {self.name[u]} thành {new}", signed=signed,
        )
        self.name[u] = new
        return True

    def establish_unit(self, p: _Province) -> bool:
        if not p.depts:
            return False
        dept = self.rng.choice(list(p.depts.values()))
        uid = self.new_id(f"{dept}/u")
        self.lock(uid)
        org = self.register(self.unit(uid, self.rng.choice(_NEW_NAMES + _UNIT_NAMES), dept),
                            free=True)
        self.decide(p.ubnd, [gm.Establish(org=org)], f"Về việc thành lập {org.name}")
        p.units.add(uid)
        return True

    def dissolve_unit(self, p: _Province) -> bool:
        if len(p.units) < 2:
            return False
        u = p.units.choice(self.rng)
        if not self.lock(u):
            return False
        self.decide(p.ubnd, [gm.Dissolve(org_id=u)], f"Về việc giải thể {self.name[u]}")
        p.units.remove(u)
        self.drop(u)
        return True

    def move_unit(self, p: _Province) -> bool:
        if not p.units or len(p.depts) < 2:
            return False
        u = p.units.choice(self.rng)
        target = self.rng.choice(list(p.depts.values()))
        if target == self.parent[u] or not self.lock(u):
            return False
        self.decide(p.ubnd, [gm.Move(org_id=u, parent=target)],
                    f"Về việc chuyển {self.name[u]} về {self.name[target]}")
        self.parent[u] = target
        return True

    def merge_units(self, p: _Province) -> bool:
        if len(p.units) < 3:
            return False
        a, b = p.units.choice(self.rng), p.units.choice(self.rng)
        if a == b or not self.lock(a, b):
            return False
        if self.rng.random() < 0.5:
            effect = gm.Merge(sources=(a,), into=b)
            self.decide(p.ubnd, [effect], f"Về việc sáp nhập {self.name[a]} vào {self.name[b]}")
            p.units.remove(a)
            if a not in self.free:
                self.free.discard(b)
            self.drop(a)
        else:
            new = self.new_id(f"{self.parent[b]}/u")
            self.lock(new)
            parent = self.parent[b]
            assert parent is not None
            org = self.unit(new, self.rng.choice(_NEW_NAMES), parent)
            effect = gm.Merge(sources=(a, b), into=new, establish=org)
            self.decide(p.ubnd, [effect], f"Về việc hợp nhất {self.name[a]} và {self.name[b]}")
            both_free = a in self.free and b in self.free
            for s in (a, b):
                p.units.remove(s)
                self.drop(s)
            self.register(org, free=both_free)
            p.units.add(new)
        return True

    def split_unit(self, p: _Province) -> bool:
        if not p.units:
            return False
        u = p.units.choice(self.rng)
        if u not in self.free or not self.lock(u):
            return False
        parent = self.parent[u]
        assert parent is not None
        parts = []
        for j in range(2):
            nid = self.new_id(f"{parent}/u")
            self.lock(nid)
            org = self.unit(nid, f"{self.rng.choice(_NEW_NAMES)} {j + 1}", parent)
            m = gm.Mandate(functions=[f"chức năng tách từ {u} phần {j + 1}"])
            parts.append(gm.SplitPart(org_id=nid, mandate=m, establish=org))
            self.register(org)
            p.units.add(nid)
        self.decide(p.ubnd, [gm.Split(source=u, parts=parts)], f"Về việc chia tách {self.name[u]}")
        p.units.remove(u)
        self.drop(u)
        return True

    def set_mandate(self, p: _Province) -> bool:
        if not p.depts:
            return False
        code = self.rng.choice(list(p.depts))
        dept = p.depts[code]
        if not self.lock(dept):
            return False
        m = self.rng.choice(self.pools[code])
        if code == "vhtt" and self.day >= REORG_2008:  # press went to Sở TT&TT in 2008
            m = m.minus(_PRESS)
        elif code == "bcvt" and self.day >= REORG_2008:
            m = m.plus(_PRESS)
        signed = self.signing()
        expires = None
        if self.rng.random() < 0.1:
            expires = self.day + dt.timedelta(days=self.rng.randint(200, 1500))
        prev = p.mandate_decision.get(dept)
        sup = [prev] if prev is not None and prev.effective_on < self.day else []
        d = self.decide(
            p.ubnd, [gm.SetMandate(org_id=dept, mandate=m)],
            f"Quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của {self.name[dept]}",
            signed=signed, expires=expires, normative=True, supersedes=sup,
        )
        p.mandate_decision[dept] = d
        p.standing.append(d)
        return True

    def amend_mandate(self, p: _Province) -> bool:
        if not p.depts:
            return False
        dept = self.rng.choice(list(p.depts.values()))
        if not self.lock(dept):
            return False
        add = self.rng.choice(self.additions)
        prev = p.mandate_decision.get(dept)
        d = self.decide(
            p.ubnd, [gm.AmendMandate(org_id=dept, add=add)],
            f"Sửa đổi, bổ sung chức năng, nhiệm vụ của {self.name[dept]}",
            normative=True, amends=[prev] if prev is not None else [],
        )
        p.standing.append(d)
        return True

    def transfer(self, p: _Province) -> bool:
        if len(p.units) < 2:
            return False
        src, dst = p.units.choice(self.rng), p.units.choice(self.rng)
        if src == dst or src not in self.free or not self.lock(src, dst):
            return False
        m = self.rng.choice(self.transfers)
        self.decide(
            p.ubnd, [gm.TransferFunctions(from_org=src, to_org=dst, mandate=m)],
            f"Về việc chuyển giao nhiệm vụ từ {self.name[src]} sang {self.name[dst]}",
        )
        self.free.discard(dst)
        return True

    def members(self, p: _Province) -> list[gm.Membership]:
        depts = list(p.depts.values())
        self.rng.shuffle(depts)
        out = [
            gm.Membership("head", self.post(p.ubnd, "Chủ tịch")),
            gm.Membership("standing_deputy", self.post(p.ubnd, "Phó Chủ tịch")),
        ]
        if depts:
            out.append(gm.Membership("deputy", self.post(depts[0], "Giám đốc")))
        out += [gm.Membership("member", self.post(x, "Giám đốc"))
                for x in depts[1 : self.rng.randint(2, 8)]]
        if p.districts and self.rng.random() < 0.3:
            out.append(gm.Membership("member", self.post(p.districts[0], "Chủ tịch")))
        return out

    def reconstitute(self, p: _Province) -> bool:
        if not p.committees:
            return False
        cid = self.rng.choice(list(p.committees.values()))
        if not self.lock(cid):
            return False
        effects: list[gm.Effect] = []
        if self.rng.random() < 0.08:
            new = f"{self.name[cid].split(' giai đoạn')[0]} giai đoạn {self.day.year}"
            effects.append(gm.Rename(org_id=cid, name=new))
            self.name[cid] = new
        effects.append(gm.SetComposition(org_id=cid, members=self.members(p)))
        prev = p.composition_decision.get(cid)
        sup = [prev] if prev is not None and prev.effective_on < self.day else []
        signed = self.signing()
        d = self.decide(p.ubnd, effects, f"Về việc kiện toàn {self.name[cid]}", signed=signed,
                        supersedes=sup)
        p.composition_decision[cid] = d
        if len(effects) == 1:
            p.standing.append(d)
        return True

    def establish_committee(self, p: _Province) -> bool:
        code = f"k{self.serial + 1}"
        cid = self.new_id(f"{p.slug}/bcd-k")
        self.lock(cid)
        org = self.register(gm.Committee(
            id=cid, name=f"Ban Chỉ đạo chuyên đề số {self.serial} {p.label}", parent=p.ubnd
        ))
        d = self.decide(
            p.ubnd,
            [gm.Establish(org=org), gm.SetComposition(org_id=cid, members=self.members(p))],
            f"Về việc thành lập {org.name}",
        )
        p.committees[code] = cid
        p.composition_decision[cid] = d
        return True

    def dissolve_committee(self, p: _Province) -> bool:
        if len(p.committees) < 2:
            return False
        code = self.rng.choice(list(p.committees))
        cid = p.committees[code]
        if not self.lock(cid):
            return False
        self.decide(p.ubnd, [gm.Dissolve(org_id=cid)], f"Về việc giải thể {self.name[cid]}")
        del p.committees[code]
        p.composition_decision.pop(cid, None)
        self.drop(cid)
        return True

    def rename_district_unit(self, p: _Province) -> bool:
        if not p.dunits:
            return False
        u = p.dunits.choice(self.rng)
        if not self.lock(u):
            return False
        new = self.rng.choice(_DISTRICT_UNITS)
        self.decide(p.ubnd, [gm.Rename(org_id=u, name=new)], f"Về việc đổi tên {self.name[u]}")
        self.name[u] = new
        return True

    def establish_district_unit(self, p: _Province) -> bool:
        if not p.districts:
            return False
        h = self.rng.choice(p.districts)
        uid = self.new_id(f"{h}/p")
        self.lock(uid)
        org = self.register(self.unit(uid, self.rng.choice(_DISTRICT_UNITS), h), free=True)
        self.decide(p.ubnd, [gm.Establish(org=org)], f"Về việc thành lập {org.name}")
        p.dunits.add(uid)
        return True

    def dissolve_district_unit(self, p: _Province) -> bool:
        if len(p.dunits) < 2:
            return False
        u = p.dunits.choice(self.rng)
        if not self.lock(u):
            return False
        self.decide(p.ubnd, [gm.Dissolve(org_id=u)], f"Về việc giải thể {self.name[u]}")
        p.dunits.remove(u)
        self.drop(u)
        return True

    def rename_commune(self, p: _Province) -> bool:
        if not p.communes:
            return False
        x = p.communes.choice(self.rng)
        if not self.lock(x):
            return False
        new = f"Ủy ban nhân dân xã {self.rng.choice(_PLACES)}"
        self.decide(p.ubnd, [gm.Rename(org_id=x, name=new)], f"Về việc đổi tên {self.name[x]}")
        self.name[x] = new
        return True

    def merge_communes(self, p: _Province) -> bool:
        if len(p.communes) < 3:
            return False
        a, b = p.communes.choice(self.rng), p.communes.choice(self.rng)
        if a == b or self.parent[a] != self.parent[b] or not self.lock(a, b):
            return False
        self.decide(p.ubnd, [gm.Merge(sources=(a,), into=b)],
                    f"Về việc sáp nhập {self.name[a]} vào {self.name[b]}")
        p.communes.remove(a)
        self.drop(a)
        return True

    def repeal(self, p: _Province) -> bool:
        if not p.standing:
            return False
        i = self.rng.randrange(max(0, len(p.standing) - 30), len(p.standing))
        target = p.standing[i]
        if target.signed_on is None or target.signed_on > self.day:
            return False
        p.standing.pop(i)
        self.decide(p.ubnd, [], f"Bãi bỏ {target.number}", repeals=[target])
        return True

    # ------------------------------------------------------------------ reforms
    def _fold_units(self, p: _Province, src: str, dst: str) -> list[gm.Effect]:
        """Moves of every unit of department *src* to *dst*."""
        moves: list[gm.Effect] = []
        for u in p.units:
            if self.parent[u] == src:
                moves.append(gm.Move(org_id=u, parent=dst))
                self.parent[u] = dst
        return moves

    def reorg_2008(self) -> None:
        """NĐ 13/2008/NĐ-CP: the departments every province reorganised from 1/4/2008."""
        for p in self.alive_provinces:
            effects: list[gm.Effect] = []
            d = p.depts
            if "bcvt" in d:
                new = f"Sở Thông tin và Truyền thông {p.label}"
                effects.append(gm.Rename(org_id=d["bcvt"], name=new,
                                         short_names=[f"Sở TT&TT {p.name}"]))
                self.name[d["bcvt"]] = new
                if "vhtt" in d:
                    # the press functions move to Sở TT&TT: first restate what Sở VH-TT holds
                    effects.append(gm.SetMandate(org_id=d["vhtt"], mandate=self.pools["vhtt"][0]))
                    effects.append(gm.TransferFunctions(from_org=d["vhtt"], to_org=d["bcvt"],
                                                        mandate=_PRESS))
            for keep, gone, name in (
                ("cn", "tm", "Sở Công Thương"),
                ("vhtt", "tdtt", "Sở Văn hóa, Thể thao và Du lịch"),
            ):
                if keep not in d:
                    continue
                effects.append(gm.Rename(org_id=d[keep], name=f"{name} {p.label}"))
                self.name[d[keep]] = f"{name} {p.label}"
                if gone in d:
                    effects += self._fold_units(p, d[gone], d[keep])
                    effects.append(gm.Merge(sources=(d[gone],), into=d[keep]))
                    self.drop(d.pop(gone))
            if effects:
                self.decide(
                    p.ubnd, effects,
                    "Về việc tổ chức lại các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh",
                    signed=self.day - dt.timedelta(days=12),
                )

    def dept_mergers_2025(self) -> None:
        """1/3/2025: the HĐND resolutions merging departments, then their new mandates."""
        signed = dt.date(2025, 2, 18)
        for p in self.alive_provinces:
            effects: list[gm.Effect] = []
            changed: list[str] = []
            d = p.depts
            for src, dst in _MERGERS_2025:
                if src in d and dst in d:
                    effects += self._fold_units(p, d[src], d[dst])
                    effects.append(gm.Merge(sources=(d[src],), into=d[dst]))
                    p.mandate_decision.pop(d[src], None)
                    self.drop(d.pop(src))
                    changed.append(dst)
            if "tnmt" in d and "nnptnt" in d:
                nid = f"{p.slug}/so-nnmt"
                org = gm.Agency(
                    id=nid, name=f"Sở Nông nghiệp và Môi trường {p.label}",
                    short_names=[f"Sở NN&MT {p.name}"], parent=p.ubnd, kind="department",
                    level="province",
                )
                effects.append(gm.Merge(sources=(d["tnmt"], d["nnptnt"]), into=nid,
                                        establish=org))
                for code in ("tnmt", "nnptnt"):
                    effects += self._fold_units(p, d[code], nid)
                    p.mandate_decision.pop(d[code], None)
                    self.drop(d.pop(code))
                self.register(org)
                d["nnmt"] = nid
                changed.append("nnmt")
            if not effects:
                continue
            self.decide(p.hdnd, effects,
                        "Về việc thành lập, tổ chức lại các cơ quan chuyên môn thuộc UBND tỉnh",
                        signed=signed, doc="NQ", code="HĐND")
            for code in changed:
                dept = d[code]
                prev = p.mandate_decision.get(dept)
                new = self.decide(
                    p.ubnd, [gm.SetMandate(org_id=dept, mandate=self.pools[code][0])],
                    f"Quy định chức năng, nhiệm vụ, quyền hạn của {self.name[dept]}",
                    signed=dt.date(2025, 2, 20), normative=True,
                    supersedes=[prev] if prev is not None else [],
                )
                p.mandate_decision[dept] = new

    def province_mergers_2025(self) -> None:
        """1/7/2025: NQ 202/2025/QH15 (63 → 34 provinces), districts abolished."""
        nq: list[gm.Effect] = []
        for group in self.groups:
            keep = self.provinces[_slug(group[0])]
            effects: list[gm.Effect] = []
            for gone_name in group[1:]:
                gone = self.provinces[_slug(gone_name)]
                nq.append(gm.Merge(sources=(gone.ubnd,), into=keep.ubnd))
                nq.append(gm.Merge(sources=(gone.hdnd,), into=keep.hdnd))
                effects += self._absorb(keep, gone)
            effects += self._abolish_districts(keep)
            if effects:
                self.decide(keep.ubnd, effects,
                            "Về việc sắp xếp tổ chức bộ máy sau hợp nhất đơn vị hành chính",
                            signed=dt.date(2025, 6, 28))
        if nq:
            self.decide(QUOC_HOI, nq, "Về việc sắp xếp đơn vị hành chính cấp tỉnh năm 2025",
                        signed=dt.date(2025, 6, 12), doc="NQ", code="QH15", normative=True)

    def _absorb(self, keep: _Province, gone: _Province) -> list[gm.Effect]:
        effects: list[gm.Effect] = []
        for u in gone.units:
            keep.units.add(u)
        for code, did in gone.depts.items():
            if code in keep.depts:
                effects += self._fold_units(keep, did, keep.depts[code])
                effects.append(gm.Merge(sources=(did,), into=keep.depts[code]))
                self.drop(did)
            else:
                effects.append(gm.Move(org_id=did, parent=keep.ubnd))
                self.parent[did] = keep.ubnd
                keep.depts[code] = did
                if did in gone.mandate_decision:
                    keep.mandate_decision[did] = gone.mandate_decision[did]
        for code, cid in gone.committees.items():
            if code in keep.committees:
                effects.append(gm.Merge(sources=(cid,), into=keep.committees[code]))
                self.drop(cid)
            else:
                effects.append(gm.Move(org_id=cid, parent=keep.ubnd))
                self.parent[cid] = keep.ubnd
                keep.committees[code] = cid
                if cid in gone.composition_decision:
                    keep.composition_decision[cid] = gone.composition_decision[cid]
        keep.districts += gone.districts
        for x in gone.dunits:
            keep.dunits.add(x)
        for x in gone.communes:
            keep.communes.add(x)
        keep.standing += gone.standing
        self.drop(gone.ubnd)
        self.drop(gone.hdnd)
        self.alive_provinces.remove(gone)
        return effects

    def _abolish_districts(self, p: _Province) -> list[gm.Effect]:
        effects: list[gm.Effect] = []
        for h in p.districts:
            for u in p.dunits:
                if self.parent[u] == h:
                    effects.append(gm.Dissolve(org_id=u))
                    p.dunits.remove(u)
                    self.drop(u)
            mine = [x for x in p.communes if self.parent[x] == h]
            for i in range(0, len(mine), 3):
                group = mine[i : i + 3]
                if len(group) == 1:
                    effects.append(gm.Move(org_id=group[0], parent=p.ubnd))
                    self.parent[group[0]] = p.ubnd
                    continue
                xid = self.new_id(f"{p.slug}/x")
                org = gm.Agency(
                    id=xid, name=f"Ủy ban nhân dân xã {self.rng.choice(_PLACES)}", parent=p.ubnd,
                    kind="peoples_committee", level="commune",
                )
                effects.append(gm.Merge(sources=tuple(group), into=xid, establish=org))
                for x in group:
                    p.communes.remove(x)
                    self.drop(x)
                self.register(org)
                p.communes.add(xid)
            effects.append(gm.Dissolve(org_id=h))
            self.drop(h)
        p.districts = []
        return effects


def generate(
    n_decisions: int, *, seed: int = 0, provinces: int | None = None, splits: bool = True
) -> Synthetic:
    """Generate a valid synthetic history of about *n_decisions* decisions.

    Args:
        n_decisions: how many decisions (the structural reforms may add a few more at small
            sizes).
        seed: the random seed; equal arguments give equal decisions.
        provinces: how many provinces (1 to 63); default: ``n_decisions / 3000``, at least 2.
        splits: include :class:`~govmodel.Split` effects.

    Returns:
        The :class:`Synthetic` data set.
    """
    if n_decisions < 1:
        raise ValueError(f"n_decisions must be positive, not {n_decisions}")
    gen = _Generator(n_decisions, seed, provinces, splits)
    initial, decisions = gen.run()
    return Synthetic(initial, decisions, n_decisions, seed, len(gen.provinces))
