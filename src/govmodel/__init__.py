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

from govmodel import _display, vn
from govmodel._version import __version__
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


from govmodel.datasets import datasets, load_dataset  # light: the reader loads on first use

if TYPE_CHECKING:  # imported on first use (see __getattr__), so `import govmodel` is fast
    from govmodel import extract, render

def __getattr__(name: str) -> object:
    """Import the renderer and the extractor on first use (PEP 562)."""
    value: object
    if name == "render":
        import govmodel.render  # noqa: PLC0415 - lazy: layer 3

        value = govmodel.render
    elif name == "extract":
        import govmodel.extract  # noqa: PLC0415 - lazy: layer 4

        value = govmodel.extract
    else:
        raise AttributeError(f"module 'govmodel' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), "extract", "render"})


def _provide_rendering() -> None:
    import govmodel.render  # noqa: F401, PLC0415 - registers the display implementations


# Values display themselves through govmodel._display; the renderer registers how.
_display.provide(_provide_rendering)
