"""The library names the extractor uses, imported from their own modules (private).

The extractor's modules write ``gm.Decision``, ``gm.Rename``…; this module gives them those
names without importing the package facade ``govmodel`` (which sits above every layer).
"""

from __future__ import annotations

from govmodel.datasets import datasets, load_dataset
from govmodel.decisions import Decision, DecisionRef
from govmodel.effects import (
    AmendMandate,
    Dissolve,
    Effect,
    Establish,
    Merge,
    Move,
    Rename,
    SetComposition,
    SetMandate,
    TransferFunctions,
)
from govmodel.errors import GovModelError
from govmodel.model import (
    Agency,
    AgencyKind,
    Committee,
    Level,
    Mandate,
    Membership,
    PostRef,
    Role,
    Source,
    TaskGroup,
    Unit,
    UnitKind,
)
from govmodel.persons import Appoint, EndAppointment, Person
from govmodel.timeline import Timeline
from govmodel.vn import DocumentNumber

__all__ = [
    "Agency",
    "AgencyKind",
    "AmendMandate",
    "Appoint",
    "Committee",
    "Decision",
    "DecisionRef",
    "Dissolve",
    "DocumentNumber",
    "Effect",
    "EndAppointment",
    "Establish",
    "GovModelError",
    "Level",
    "Mandate",
    "Membership",
    "Merge",
    "Move",
    "Person",
    "PostRef",
    "Rename",
    "Role",
    "SetComposition",
    "SetMandate",
    "Source",
    "TaskGroup",
    "Timeline",
    "TransferFunctions",
    "Unit",
    "UnitKind",
    "datasets",
    "load_dataset",
]
