"""The domain values: organisations, posts, memberships, mandates, sources and observations.

Every class here is a frozen, slotted ``attrs`` class. An organisation object is a *value*:
the state of one organisation during one interval; changing it means building a new value
(:meth:`Organisation.evolve`), never mutating the old one. Text is NFC-normalised when built.

Vietnamese terms used below, glossed once:

* **UBND** (Ủy ban nhân dân) — People's Committee, the executive of a province, district or
  commune; **Sở** — a provincial department; **Bộ** — a ministry.
* **phòng** — a division inside a department; **Văn phòng** — the Office; **Thanh tra** —
  the Inspectorate; **đơn vị sự nghiệp công lập** — a public service unit (e.g. a Trung tâm).
* **Ban Chỉ đạo** — a steering committee whose members sit ex officio.
* **chức năng / nhiệm vụ / quyền hạn / lĩnh vực** — functions / tasks / powers / fields of
  state management: together, the :class:`Mandate`.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, ClassVar, Literal, TypeAlias

import attrs

from govmodel import _display
from govmodel._fields import (
    check_type,
    name_fields,
    to_date,
    to_enum,
    to_id,
    to_opt_date,
    to_opt_id,
    to_opt_text,
    to_text,
    to_texts,
    to_tuple_of,
)
from govmodel.errors import InvalidValueError
from govmodel.identifiers import Identifier, to_identifiers
from govmodel.unit_types import UnitType, UnitTypeName

__all__ = [
    "ORGANISATION_CLASSES",
    "AdminUnit",
    "Agency",
    "AgencyKind",
    "AnyOrganisation",
    "Committee",
    "CommitteeKind",
    "Identifier",
    "Level",
    "Mandate",
    "Membership",
    "Observation",
    "Organisation",
    "PostRef",
    "Role",
    "Source",
    "TaskGroup",
    "Unit",
    "UnitKind",
    "UnitType",
]


class Level(str, enum.Enum):
    """The tier of government an agency belongs to."""

    CENTRAL = "central"
    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"


class AgencyKind(str, enum.Enum):
    """What sort of state body an :class:`Agency` is."""

    GOVERNMENT = "government"  #: Chính phủ
    NATIONAL_ASSEMBLY = "national_assembly"  #: Quốc hội
    MINISTRY = "ministry"  #: Bộ, or a ministry-level agency
    PEOPLES_COUNCIL = "peoples_council"  #: Hội đồng nhân dân (HĐND)
    PEOPLES_COMMITTEE = "peoples_committee"  #: Ủy ban nhân dân (UBND)
    DEPARTMENT = "department"  #: Sở or another specialised agency of a UBND
    PARTY_COMMITTEE = "party_committee"  #: Tỉnh ủy and its Standing Board (Ban Thường vụ)
    PARTY_BOARD = "party_board"  #: a board of the Party committee (Ban Tuyên giáo…)
    POLICE = "police"  #: Công an tỉnh
    STATE_BANK_BRANCH = "state_bank_branch"  #: Ngân hàng Nhà nước chi nhánh tỉnh
    ENTERPRISE = "enterprise"  #: a state-owned enterprise's provincial branch (Viễn thông…)
    OTHER = "other"


class UnitKind(str, enum.Enum):
    """What sort of body inside an agency a :class:`Unit` is."""

    OFFICE = "office"  #: Văn phòng
    INSPECTORATE = "inspectorate"  #: Thanh tra
    DIVISION = "division"  #: phòng chuyên môn, nghiệp vụ
    PUBLIC_SERVICE_UNIT = "public_service_unit"  #: đơn vị sự nghiệp công lập (Trung tâm…)
    OTHER = "other"


class CommitteeKind(str, enum.Enum):
    """What sort of inter-agency body a :class:`Committee` is."""

    STEERING_COMMITTEE = "steering_committee"  #: Ban Chỉ đạo
    COUNCIL = "council"  #: Hội đồng (advisory/coordination council)
    WORKING_GROUP = "working_group"  #: Tổ công tác
    OTHER = "other"


# The values each kind's constructor also accepts as text (kept equal to the enums' values
# by tests/test_typing.py), so that a misspelt kind fails type checking, not only at runtime.
AgencyKindName = Literal[
    "government", "national_assembly", "ministry", "peoples_council", "peoples_committee",
    "department", "party_committee", "party_board", "police", "state_bank_branch",
    "enterprise", "other",
]
LevelName = Literal["central", "province", "district", "commune"]
UnitKindName = Literal["office", "inspectorate", "division", "public_service_unit", "other"]
CommitteeKindName = Literal["steering_committee", "council", "working_group", "other"]
RoleName = Literal["head", "standing_deputy", "deputy", "member"]


def _agency_kind(v: AgencyKind | AgencyKindName) -> AgencyKind:
    return to_enum(AgencyKind)(v)


def _level(v: Level | LevelName) -> Level:
    return to_enum(Level)(v)


def _unit_kind(v: UnitKind | UnitKindName) -> UnitKind:
    return to_enum(UnitKind)(v)


def _committee_kind(v: CommitteeKind | CommitteeKindName) -> CommitteeKind:
    return to_enum(CommitteeKind)(v)


def _unit_type(v: UnitType | UnitTypeName) -> UnitType:
    return to_enum(UnitType)(v)


@attrs.frozen(slots=True, kw_only=True)
class Organisation:
    """Fields every organisation shares. Use :class:`Agency`, :class:`Unit` or :class:`Committee`.

    Attributes:
        id: stable id chosen by the data author (``lang-son/so-tttt``); never changes.
        name: the full official name during this value's interval.
        short_names: abbreviations and aliases ("Sở TT&TT").
        parent: the id of the organisation this one belongs to, or None.
        identifiers: official codes (:class:`Identifier`), each with its own validity.
    """

    id: str = attrs.field(converter=to_id)
    name: str = attrs.field(converter=to_text)
    short_names: tuple[str, ...] = attrs.field(default=(), converter=to_texts)
    parent: str | None = attrs.field(default=None, converter=to_opt_id)
    identifiers: tuple[Identifier, ...] = attrs.field(default=(), converter=to_identifiers)

    def __attrs_post_init__(self) -> None:
        if type(self) is Organisation:
            raise InvalidValueError(
                "Organisation is abstract: build an Agency, Unit, Committee or AdminUnit"
            )
        ids = self.identifiers
        if len(ids) > 1 and len({(i.scheme, i.valid_from) for i in ids}) != len(ids):
            raise InvalidValueError(
                f"organisation {self.id!r} gives two codes of one scheme from the same day"
            )
        if self.parent == self.id:
            raise InvalidValueError(f"organisation {self.id!r} cannot be its own parent")

    def evolve(self, **changes: Any) -> Organisation:
        """Return a copy with *changes* applied; the original is unchanged."""
        return attrs.evolve(self, **changes)

    @property
    def names(self) -> tuple[str, ...]:
        """The name followed by the short names."""
        return (self.name, *self.short_names)

    def _repr_html_(self) -> str:
        """A small HTML table of the organisation's fields, for Jupyter."""
        return _display.html(self)


@attrs.frozen(slots=True, kw_only=True)
class Agency(Organisation):
    """A state body: a UBND, a Sở, a Bộ…, at a :class:`Level` of government."""

    kind: AgencyKind = attrs.field(converter=_agency_kind)
    level: Level = attrs.field(converter=_level)
    territory: str | None = attrs.field(default=None, converter=to_opt_id)
    """The administrative unit the agency governs (its UBND or HĐND), if any."""


@attrs.frozen(slots=True, kw_only=True)
class Unit(Organisation):
    """A body inside an agency: Văn phòng, Thanh tra, a phòng, a public service unit."""

    kind: UnitKind = attrs.field(converter=_unit_kind)


@attrs.frozen(slots=True, kw_only=True)
class Committee(Organisation):
    """An inter-agency body such as a Ban Chỉ đạo, whose members sit ex officio."""

    kind: CommitteeKind = attrs.field(
        default=CommitteeKind.STEERING_COMMITTEE, converter=_committee_kind
    )


@attrs.frozen(slots=True, kw_only=True)
class AdminUnit(Organisation):
    """An administrative unit ("đơn vị hành chính"): a territory with a name over time.

    Its ``parent`` is the enclosing unit (a commune's province, and until 1/7/2025 its
    district); its ``unit_type`` is dated like its name (a xã that becomes a phường changes
    type, not identity). The bodies that govern it, its UBND and HĐND, are
    :class:`Agency` values whose ``territory`` names it.

    >>> AdminUnit(id="ha-giang", name="tỉnh Hà Giang", unit_type="tinh").unit_type.vi
    'tỉnh'
    """

    unit_type: UnitType = attrs.field(converter=_unit_type)

    @property
    def kind(self) -> UnitType:
        """The unit type (every organisation has a ``kind``)."""
        return self.unit_type


AnyOrganisation: TypeAlias = Agency | Unit | Committee | AdminUnit

#: The organisation classes, for isinstance checks.
ORGANISATION_CLASSES: tuple[type[Agency], type[Unit], type[Committee], type[AdminUnit]] = (
    Agency,
    Unit,
    Committee,
    AdminUnit,
)


@attrs.frozen(slots=True)
class PostRef:
    """An office in an organisation: ``PostRef("lang-son/ubnd", "Chủ tịch")``.

    Attributes:
        org_id: the organisation the post belongs to.
        title: the post's title ("Chủ tịch", "Giám đốc", "Thủ trưởng").
        qualifier: what narrows the post, e.g. "phụ trách lĩnh vực Thông tin và Truyền thông".

    >>> str(PostRef("lang-son/so-tttt", "Giám đốc"))
    'Giám đốc of lang-son/so-tttt'
    """

    org_id: str = attrs.field(converter=to_id)
    title: str = attrs.field(converter=to_text)
    qualifier: str | None = attrs.field(default=None, converter=to_opt_text, kw_only=True)

    def __str__(self) -> str:
        tail = f" ({self.qualifier})" if self.qualifier else ""
        return f"{self.title} of {self.org_id}{tail}"

    def render(self, org_name: str) -> str:
        """The post's label given its organisation's name on some date.

        >>> PostRef("x", "Giám đốc").render("Sở Y tế")
        'Giám đốc Sở Y tế'
        """
        tail = f" {self.qualifier}" if self.qualifier else ""
        return f"{self.title} {org_name}{tail}"


class Role(str, enum.Enum):
    """A role in a committee; ``.vi`` is the Vietnamese title."""

    HEAD = "head"
    STANDING_DEPUTY = "standing_deputy"
    DEPUTY = "deputy"
    MEMBER = "member"

    @property
    def vi(self) -> str:
        """The Vietnamese title of the role (Trưởng ban, Phó Trưởng ban…)."""
        return _ROLE_VI[self]


_ROLE_VI = {
    Role.HEAD: "Trưởng ban",
    Role.STANDING_DEPUTY: "Phó Trưởng ban Thường trực",
    Role.DEPUTY: "Phó Trưởng ban",
    Role.MEMBER: "Thành viên",
}


def _role(v: Role | RoleName) -> Role:
    return to_enum(Role)(v)


@attrs.frozen(slots=True)
class Membership:
    """A role in a committee held ex officio by a post."""

    role: Role = attrs.field(converter=_role)
    post: PostRef = attrs.field(validator=check_type(PostRef))


@attrs.frozen(slots=True)
class TaskGroup:
    """A named group of tasks ("nhóm nhiệm vụ"), e.g. the digital-infrastructure group."""

    name: str = attrs.field(converter=to_text)
    tasks: tuple[str, ...] = attrs.field(default=(), converter=to_texts)


def _merge_groups(groups: tuple[TaskGroup, ...]) -> tuple[TaskGroup, ...]:
    """Groups with the same name become one, tasks in first-seen order."""
    if len({g.name for g in groups}) == len(groups) and all(
        type(g) is TaskGroup for g in groups
    ):
        return groups  # each name once: each group is already its own merge
    merged: dict[str, list[str]] = {}
    for g in groups:
        merged.setdefault(g.name, []).extend(g.tasks)
    return tuple(TaskGroup(name, tuple(tasks)) for name, tasks in merged.items())


def _to_groups(value: object) -> tuple[TaskGroup, ...]:
    return _merge_groups(to_tuple_of(TaskGroup)(value))


@attrs.frozen(slots=True, kw_only=True)
class Mandate:
    """What an organisation is charged with.

    Attributes:
        functions: its functions ("chức năng").
        task_groups: its task groups ("nhóm nhiệm vụ") with their tasks.
        powers: its powers ("quyền hạn").
        fields: its fields of state management ("lĩnh vực quản lý nhà nước").

    A mandate's truth value is ambiguous (empty? unchanged?), so ``bool(m)`` raises; use
    :attr:`is_empty`.

    >>> m = Mandate(functions=["báo chí", "xuất bản"])
    >>> m.minus(Mandate(functions=["xuất bản"])).functions
    ('báo chí',)
    """

    functions: tuple[str, ...] = attrs.field(default=(), converter=to_texts)
    task_groups: tuple[TaskGroup, ...] = attrs.field(default=(), converter=_to_groups)
    powers: tuple[str, ...] = attrs.field(default=(), converter=to_texts)
    fields: tuple[str, ...] = attrs.field(default=(), converter=to_texts)

    EMPTY: ClassVar[Mandate]

    def __bool__(self) -> bool:
        raise TypeError("the truth value of a Mandate is ambiguous; use .is_empty")

    @property
    def is_empty(self) -> bool:
        """True when the mandate lists nothing at all."""
        return not (self.functions or self.task_groups or self.powers or self.fields)

    def items(self) -> frozenset[tuple[str, ...]]:
        """Every entry as a tuple: ``("function", f)``, ``("task", group, t)``, ``("power", p)``…"""
        out: set[tuple[str, ...]] = set()
        out.update(("function", f) for f in self.functions)
        out.update(("power", p) for p in self.powers)
        out.update(("field", f) for f in self.fields)
        for g in self.task_groups:
            out.add(("group", g.name))
            out.update(("task", g.name, t) for t in g.tasks)
        return frozenset(out)

    def plus(self, other: Mandate) -> Mandate:
        """This mandate with everything of *other* added (no duplicates)."""
        return Mandate(
            functions=self.functions + other.functions,
            task_groups=self.task_groups + other.task_groups,
            powers=self.powers + other.powers,
            fields=self.fields + other.fields,
        )

    def minus(self, other: Mandate) -> Mandate:
        """This mandate without what *other* lists.

        A task group in *other* with no tasks removes the whole group; with tasks, only those.
        """
        drop_groups = {g.name for g in other.task_groups if not g.tasks}
        drop_tasks = {(g.name, t) for g in other.task_groups for t in g.tasks}
        groups = tuple(
            TaskGroup(g.name, tuple(t for t in g.tasks if (g.name, t) not in drop_tasks))
            for g in self.task_groups
            if g.name not in drop_groups
        )
        return Mandate(
            functions=tuple(f for f in self.functions if f not in other.functions),
            task_groups=groups,
            powers=tuple(p for p in self.powers if p not in other.powers),
            fields=tuple(f for f in self.fields if f not in other.fields),
        )


Mandate.EMPTY = Mandate()


@attrs.frozen(slots=True)
class Source:
    """Where a fact is known from.

    Attributes:
        document: the source's name: a seed file, a document number, a page title.
        quote: the sentence the fact rests on, quoted.
        locator: where in the document (paragraph, article, line).
        url: the public address, when there is one.
    """

    document: str = attrs.field(converter=to_text)
    quote: str | None = attrs.field(default=None, converter=to_opt_text, kw_only=True)
    locator: str | None = attrs.field(default=None, converter=to_opt_text, kw_only=True)
    url: str | None = attrs.field(default=None, converter=to_opt_text, kw_only=True)


@attrs.frozen(slots=True, kw_only=True)
class Observation:
    """A dated mention of an organisation's name in a text.

    "On 2022-04-20 a byline names Trung tâm Công nghệ số" is
    ``Observation(org_id=..., name="Trung tâm Công nghệ số", on=date(2022, 4, 20), source=...)``.

    Attributes:
        org_id: the organisation the text refers to.
        name: the name (or abbreviation) the text uses.
        on: the date the mention speaks of.
        source: the text.
        published_on: when the text was published, if different from ``on``.
    """

    org_id: str = attrs.field(converter=to_id)
    name: str = attrs.field(converter=to_text)
    on: dt.date = attrs.field(converter=to_date)
    source: Source = attrs.field(validator=check_type(Source))
    published_on: dt.date | None = attrs.field(default=None, converter=to_opt_date)

# Construction errors name the value and the field at fault ("Unit 'a/b': kind: …").
name_fields(Agency, Unit, Committee, PostRef, Membership, Source, Observation)
