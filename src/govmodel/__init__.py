"""govmodel — Vietnamese public-administration structures over time.

Turn official decisions ("Quyết định", "Nghị quyết") into data and ask what an
organisation looked like on any day: its name, parent, units, mandate and committee
members, and which decisions put it so.

>>> import govmodel as gm
>>> tl = gm.Timeline.from_decisions([])
>>> tl.as_of("2021-10-13").get("lang-son/ubnd") is None
True
"""


from typing import TYPE_CHECKING

from govmodel import _display
from govmodel._version import __version__
from govmodel.datasets import datasets, load_dataset  # light: the reader loads on first use
from govmodel.errors import (
    AmbiguousSuccessorError,
    ConflictError,
    DatasetError,
    DateParseError,
    DecisionError,
    DocumentNumberError,
    DuplicateDecisionError,
    DuplicateIdentifierError,
    DuplicateOrganisationError,
    GovModelError,
    HierarchyCycleError,
    InvalidDatesError,
    InvalidEffectError,
    InvalidValueError,
    NotAliveError,
    OrganisationNotFoundError,
    Problem,
    SupersessionError,
    UnknownDecisionError,
    UnknownOrganisationError,
)

if TYPE_CHECKING:  # imported on first use (see __getattr__), so that `import govmodel` is fast
    from govmodel import extract, render, vn
    from govmodel.decisions import (
        AmendMandate,
        Decision,
        DecisionRef,
        Dissolve,
        Effect,
        Establish,
        Event,
        Merge,
        Move,
        PostSuccession,
        Rename,
        SetComposition,
        SetMandate,
        Split,
        SplitPart,
        StandingProvision,
        TransferFunctions,
    )
    from govmodel.effects import EndLevel, Reclassify, TransferArea
    from govmodel.identifiers import Identifier
    from govmodel.model import (
        AdminUnit,
        Agency,
        AgencyKind,
        Committee,
        CommitteeKind,
        Level,
        Mandate,
        Membership,
        Observation,
        Organisation,
        PostRef,
        Role,
        Source,
        TaskGroup,
        Unit,
        UnitKind,
    )
    from govmodel.persons import Appoint, EndAppointment, HolderObservation, Person
    from govmodel.results import (
        Change,
        Diff,
        Finding,
        Findings,
        FindingStatus,
        History,
        Holding,
        Seat,
        Seats,
        TreeNode,
        Version,
    )
    from govmodel.snapshot import Snapshot
    from govmodel.timeline import Timeline, validate
    from govmodel.unit_types import UnitType
    from govmodel.vn import DocumentNumber

__all__ = [
    "AdminUnit",
    "Agency",
    "AgencyKind",
    "AmbiguousSuccessorError",
    "AmendMandate",
    "Appoint",
    "Change",
    "Committee",
    "CommitteeKind",
    "ConflictError",
    "DatasetError",
    "DateParseError",
    "Decision",
    "DecisionError",
    "DecisionRef",
    "Diff",
    "Dissolve",
    "DocumentNumber",
    "DocumentNumberError",
    "DuplicateDecisionError",
    "DuplicateIdentifierError",
    "DuplicateOrganisationError",
    "Effect",
    "EndAppointment",
    "EndLevel",
    "Establish",
    "Event",
    "Finding",
    "FindingStatus",
    "Findings",
    "GovModelError",
    "HierarchyCycleError",
    "History",
    "HolderObservation",
    "Holding",
    "Identifier",
    "InvalidDatesError",
    "InvalidEffectError",
    "InvalidValueError",
    "Level",
    "Mandate",
    "Membership",
    "Merge",
    "Move",
    "NotAliveError",
    "Observation",
    "Organisation",
    "OrganisationNotFoundError",
    "Person",
    "PostRef",
    "PostSuccession",
    "Problem",
    "Reclassify",
    "Rename",
    "Role",
    "Seat",
    "Seats",
    "SetComposition",
    "SetMandate",
    "Snapshot",
    "Source",
    "Split",
    "SplitPart",
    "StandingProvision",
    "SupersessionError",
    "TaskGroup",
    "Timeline",
    "TransferArea",
    "TransferFunctions",
    "TreeNode",
    "Unit",
    "UnitKind",
    "UnitType",
    "UnknownDecisionError",
    "UnknownOrganisationError",
    "Version",
    "__version__",
    "datasets",
    "extract",
    "load_dataset",
    "render",
    "validate",
    "vn",
]


#: Where each name imported on first use lives (the TYPE_CHECKING imports above, as data).
_HOMES: dict[str, str] = {
    "AmendMandate": "decisions", "Decision": "decisions", "DecisionRef": "decisions",
    "Dissolve": "decisions", "Effect": "decisions", "Establish": "decisions",
    "Event": "decisions", "Merge": "decisions", "Move": "decisions",
    "PostSuccession": "decisions", "Rename": "decisions", "SetComposition": "decisions",
    "SetMandate": "decisions", "Split": "decisions", "SplitPart": "decisions",
    "StandingProvision": "decisions", "TransferFunctions": "decisions",
    "EndLevel": "effects", "Reclassify": "effects", "TransferArea": "effects",
    "extract": "extract",
    "Identifier": "identifiers",
    "AdminUnit": "model", "Agency": "model", "AgencyKind": "model", "Committee": "model",
    "CommitteeKind": "model", "Level": "model", "Mandate": "model", "Membership": "model",
    "Observation": "model", "Organisation": "model", "PostRef": "model", "Role": "model",
    "Source": "model", "TaskGroup": "model", "Unit": "model", "UnitKind": "model",
    "Appoint": "persons", "EndAppointment": "persons", "HolderObservation": "persons",
    "Person": "persons",
    "render": "render",
    "Change": "results", "Diff": "results", "Finding": "results", "FindingStatus": "results",
    "Findings": "results", "History": "results", "Holding": "results", "Seat": "results",
    "Seats": "results", "TreeNode": "results", "Version": "results",
    "Snapshot": "snapshot",
    "Timeline": "timeline", "validate": "timeline",
    "UnitType": "unit_types",
    "DocumentNumber": "vn", "vn": "vn",
}


def __getattr__(name: str) -> object:
    """Import a public name's module on first use (PEP 562): `import govmodel` loads only the
    errors and the dataset names; the values, the engine, the renderer and the extractor load
    when first asked for."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'govmodel' has no attribute {name!r}")
    module: object
    if home == "decisions":
        import govmodel.decisions  # noqa: PLC0415

        module = govmodel.decisions
    elif home == "effects":
        import govmodel.effects  # noqa: PLC0415

        module = govmodel.effects
    elif home == "extract":
        import govmodel.extract  # noqa: PLC0415

        module = govmodel.extract
    elif home == "identifiers":
        import govmodel.identifiers  # noqa: PLC0415

        module = govmodel.identifiers
    elif home == "model":
        import govmodel.model  # noqa: PLC0415

        module = govmodel.model
    elif home == "persons":
        import govmodel.persons  # noqa: PLC0415

        module = govmodel.persons
    elif home == "render":
        import govmodel.render  # noqa: PLC0415

        module = govmodel.render
    elif home == "results":
        import govmodel.results  # noqa: PLC0415

        module = govmodel.results
    elif home == "snapshot":
        import govmodel.snapshot  # noqa: PLC0415

        module = govmodel.snapshot
    elif home == "timeline":
        import govmodel.timeline  # noqa: PLC0415

        module = govmodel.timeline
    elif home == "unit_types":
        import govmodel.unit_types  # noqa: PLC0415

        module = govmodel.unit_types
    elif home == "vn":
        import govmodel.vn  # noqa: PLC0415

        module = govmodel.vn
    else:  # pragma: no cover - _HOMES names only the modules above
        raise AssertionError(home)
    value = module if name == home else getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})


def _provide_rendering() -> None:
    import govmodel.render  # noqa: F401, PLC0415 - registers the display implementations


# Values display themselves through govmodel._display; the renderer registers how.
_display.provide(_provide_rendering)
