"""Names to ids: through a timeline when given (as known on the text's date), else new ids.

With a timeline, a name is looked up with :meth:`govmodel.Timeline.find` (accents, case and
abbreviations ignored) and the candidate whose names hold the fewest words the text did not
write wins; candidates alive on the text's date, as known then, come first. Without one (or
when nothing matches) a new id is proposed: the province's slug, "/", the name's slug
("lang-son/phong-ha-tang-so").
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from govmodel import vn
from govmodel.errors import GovModelError
from govmodel.extract import _api as gm
from govmodel.extract.names import (
    clean_name,
    display_name,
    kind_of,
    province_of,
    slug,
    strip_person,
)

__all__ = ["Resolution", "Resolver", "first_state"]


@attrs.frozen(slots=True)
class Resolution:
    """An id for a name: ``known`` when the timeline holds it; the other candidates seen."""

    id: str
    name: str
    known: bool
    others: tuple[str, ...] = ()


class Resolver:
    """Resolves names for one extraction (caching each name once)."""

    def __init__(self, timeline: gm.Timeline | None, on: dt.date | None,
                 province: str | None) -> None:
        self.timeline = timeline
        self.on = on
        self.province = province
        self._cache: dict[str, Resolution] = {}
        self._alive: set[str] | None = None
        if timeline is not None and on is not None:
            try:
                snap = timeline.as_of(on, known_on=on)
                self._alive = {o.id for o in snap.organisations()}
            except GovModelError:
                self._alive = None

    def _names(self, org_id: str) -> list[str]:
        assert self.timeline is not None
        try:
            return [n for v in self.timeline.history(org_id) for n in v.value.names]
        except GovModelError:
            return []

    def _score(self, org_id: str, query: frozenset[str]) -> tuple[int, int, str]:
        extra = min((len(set(vn.tokens(n)) - query) for n in self._names(org_id)), default=99)
        alive = 0 if self._alive is None or org_id in self._alive else 1
        return (alive, extra, org_id)

    def _lookup(self, name: str) -> tuple[str, ...]:
        assert self.timeline is not None
        queries = [name]
        if self.province and vn.fold(self.province) not in vn.fold(name):
            queries.append(f"{name} {self.province}")
        for q in reversed(queries):
            try:
                found = self.timeline.find(q)
            except GovModelError:
                found = []
            if found:
                toks = frozenset(vn.tokens(q))
                return tuple(sorted(found, key=lambda i: self._score(i, toks)))
        return ()

    def resolve(self, name: str) -> Resolution:
        """The id for *name* as written."""
        key = vn.fold(name)
        if key in self._cache:
            return self._cache[key]
        bare, _ = clean_name(strip_person(re.sub(r"\s*\([^()]{1,15}\)(?=\s)", "", name)))
        shown = display_name(bare)
        if self.province and re.search(r"(?:\s|^)(?:tỉnh|thành phố)$", shown):
            shown = f"{shown} {self.province}"
        found = self._lookup(bare) if self.timeline is not None else ()
        if found:
            res = Resolution(found[0], shown, True, found[1:4])
        else:
            res = Resolution(self.new_id(shown), shown, False)
        self._cache[key] = res
        return res

    def new_id(self, name: str, taken: frozenset[str] = frozenset()) -> str:
        """A proposed id for a body the timeline does not know."""
        place = province_of(name) or self.province
        base = re.sub(r"\s+(?:tỉnh|thành phố)\s+[A-ZĐÀ-Ỹ].*$", "", name) or name
        if place and vn.fold(base).endswith(" " + vn.fold(place)):
            base = base[: -len(place)].strip()
        base = re.sub(r"\s+(?:tỉnh|thành phố|huyện|xã)$", "", base) or base
        kind = kind_of(name)
        if kind == "province":
            out = slug(name)
        elif place:
            out = f"{slug(place)}/{slug(base)}"
        else:
            out = slug(base)
        n = 2
        candidate = out
        while candidate in taken:
            candidate = f"{out}-{n}"
            n += 1
        return candidate


_AGENCY_KINDS = {
    "peoples_committee": gm.AgencyKind.PEOPLES_COMMITTEE,
    "peoples_council": gm.AgencyKind.PEOPLES_COUNCIL,
    "department": gm.AgencyKind.DEPARTMENT,
    "ministry": gm.AgencyKind.MINISTRY,
    "party_committee": gm.AgencyKind.PARTY_COMMITTEE,
    "police": gm.AgencyKind.POLICE,
    "state_bank_branch": gm.AgencyKind.STATE_BANK_BRANCH,
}
_UNIT_KINDS = {
    "office": gm.UnitKind.OFFICE,
    "inspectorate": gm.UnitKind.INSPECTORATE,
    "division": gm.UnitKind.DIVISION,
    "public_service_unit": gm.UnitKind.PUBLIC_SERVICE_UNIT,
}
_LEVELS = {"commune": gm.Level.COMMUNE, "district": gm.Level.DISTRICT,
           "ministry": gm.Level.CENTRAL}


def first_state(org_id: str, name: str, parent: str | None = None
                ) -> gm.Agency | gm.Unit | gm.Committee:
    """A first state for a body known only by its name, its kind guessed from the head noun.

    >>> first_state("lang-son/phong-x", "Phòng Hạ tầng số").kind.value
    'division'
    """
    kind = kind_of(name)
    if kind == "committee":
        return gm.Committee(id=org_id, name=name, parent=parent)
    if kind in _UNIT_KINDS:
        return gm.Unit(id=org_id, name=name, kind=_UNIT_KINDS[kind], parent=parent)
    fold = vn.fold(name)
    level = _LEVELS.get(kind, gm.Level.CENTRAL if fold in ("chinh phu", "quoc hoi")
                        or fold.startswith(("bo ", "uy ban thuong vu quoc hoi"))
                        else gm.Level.PROVINCE)
    agency_kind = _AGENCY_KINDS.get(kind, gm.AgencyKind.OTHER)
    if fold == "chinh phu":
        agency_kind = gm.AgencyKind.GOVERNMENT
    elif fold == "quoc hoi":
        agency_kind = gm.AgencyKind.NATIONAL_ASSEMBLY
    return gm.Agency(id=org_id, name=name, kind=agency_kind, level=level, parent=parent)
