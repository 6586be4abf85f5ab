"""The errors govmodel raises: one base class, one subclass per kind of fault.

Every error is a :class:`GovModelError`. Errors about a decision carry the decision's
identity (number, issuer, year), the index of the effect at fault, the organisation and the
date, so that a message such as::

    QĐ 2041/QĐ-UBND (lang-son/ubnd, 2021) effect #0 (Rename): organisation
    'lang-son/bcd' is not alive on 2021-10-13 (dissolved on 2021-01-01)

tells a data author exactly where to look. Lookup errors are also :class:`KeyError`, and
value errors also :class:`ValueError`, so generic ``except`` clauses keep working.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

__all__ = [
    "AmbiguousSuccessorError",
    "ConflictError",
    "DatasetError",
    "DateParseError",
    "DecisionError",
    "DocumentNumberError",
    "DuplicateDecisionError",
    "DuplicateIdentifierError",
    "DuplicateOrganisationError",
    "GovModelError",
    "HierarchyCycleError",
    "InvalidDatesError",
    "InvalidEffectError",
    "InvalidValueError",
    "MissingProgramError",
    "NotAliveError",
    "OrganisationNotFoundError",
    "Problem",
    "SupersessionError",
    "UnknownDatasetError",
    "UnknownDecisionError",
    "UnknownOrganisationError",
]


class GovModelError(Exception):
    """Base class of every error govmodel raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        # KeyError's own __str__ would quote the message; every govmodel error reads the same.
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"


class InvalidValueError(GovModelError, ValueError):
    """A domain value was built with a field that breaks its rules (empty id, bad type…)."""


class DocumentNumberError(InvalidValueError):
    """A document number ("số, ký hiệu") could not be parsed."""


class DateParseError(InvalidValueError):
    """A Vietnamese or ISO date could not be parsed, or names a day that does not exist."""


class InvalidDatesError(InvalidValueError):
    """A decision's dates contradict each other (effect before signing, expiry before effect)."""


class OrganisationNotFoundError(GovModelError, KeyError):
    """An organisation id is not alive (or not known) on the date asked."""

    def __init__(self, org_id: str, on: _dt.date | None = None, reason: str = "") -> None:
        where = f" on {on.isoformat()}" if on is not None else ""
        tail = f": {reason}" if reason else ""
        super().__init__(f"no organisation {org_id!r}{where}{tail}")
        self.org_id = org_id
        self.on = on


class DecisionError(GovModelError):
    """A decision cannot be applied; names the decision, the effect and the reason."""

    def __init__(
        self,
        reason: str,
        *,
        decision: str | None = None,
        effect_index: int | None = None,
        effect_type: str | None = None,
        org_id: str | None = None,
        on: _dt.date | None = None,
    ) -> None:
        parts: list[str] = []
        if decision is not None:
            parts.append(decision)
        if effect_index is not None:
            parts.append(f"effect #{effect_index}" + (f" ({effect_type})" if effect_type else ""))
        prefix = " ".join(parts)
        super().__init__(f"{prefix}: {reason}" if prefix else reason)
        self.reason = reason
        self.decision = decision
        self.effect_index = effect_index
        self.effect_type = effect_type
        self.org_id = org_id
        self.on = on
        #: The problems that follow only from this one (law 11, one mistake reported once).
        self.follow_ons: list[DecisionError] = []


class UnknownOrganisationError(DecisionError, KeyError):
    """An effect names an organisation id that no decision ever establishes."""


class NotAliveError(DecisionError):
    """An effect names an organisation that exists, but not on the effect's date."""


class DuplicateOrganisationError(DecisionError):
    """An organisation is established with an id that is already in use."""


class HierarchyCycleError(DecisionError):
    """A move or establishment would make an organisation its own ancestor."""


class InvalidEffectError(DecisionError, ValueError):
    """An effect is self-contradictory (merge into itself, split with no parts…)."""


class ConflictError(DecisionError):
    """Two decisions set the same attribute of the same organisation differently on one day."""


class UnknownDecisionError(DecisionError, KeyError):
    """A decision supersedes, repeals or amends a decision the timeline does not hold."""


class SupersessionError(DecisionError):
    """A decision supersedes or repeals one signed after it, or decisions end each other in loop."""


class AmbiguousSuccessorError(GovModelError, LookupError):
    """An organisation was split and the question does not say which part's line to follow."""


class DuplicateIdentifierError(DecisionError):
    """Two organisations hold one code of one scheme on the same day."""


class DuplicateDecisionError(DecisionError):
    """Two different decisions share one identity (issuer, number, year)."""


class MissingProgramError(GovModelError, ImportError):
    """A feature needs an external program that is not installed (Graphviz's ``dot``).

    Like a missing optional library, it is an :class:`ImportError`: the feature cannot be
    loaded here. The message names what to install.

    Attributes:
        program: the program that was not found (``"dot"``).
    """

    def __init__(self, program: str, what: str, install: str) -> None:
        super().__init__(f"{what} needs the {program!r} program, which is not installed: {install}")
        self.program = program


class UnknownDatasetError(GovModelError, KeyError):
    """No bundled dataset has the name asked for (and it is not a path to a file)."""

    def __init__(self, name: str, available: Sequence[str]) -> None:
        listed = ", ".join(repr(n) for n in available) or "none"
        super().__init__(f"no bundled dataset {name!r}; available: {listed}")
        self.name = name
        self.available = tuple(available)


class Problem:
    """One fault found in a dataset: where (a JSON path such as ``$.decisions[3]``) and why.

    ``follow_ons`` are the problems that follow only from this one (law 11): each has its
    own path, but they are counted under this root rather than listed as new roots.
    """

    __slots__ = ("follow_ons", "path", "reason")

    def __init__(self, path: str, reason: str, follow_ons: Sequence[Problem] = ()) -> None:
        self.path = path
        self.reason = reason
        self.follow_ons = tuple(follow_ons)

    def total(self) -> int:
        """How many follow-on problems this root has, at every depth."""
        return sum(1 + f.total() for f in self.follow_ons)

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"

    def __repr__(self) -> str:
        return f"Problem({self.path!r}, {self.reason!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Problem) and (self.path, self.reason) == (other.path, other.reason)

    def __hash__(self) -> int:
        return hash((self.path, self.reason))


class DatasetError(GovModelError):
    """A dataset file has one or more problems; all of them are listed in :attr:`problems`.

    Attributes:
        problems: every :class:`Problem` found, in the order reported.
        file: the file's name, or None when the text did not come from a file.
    """

    def __init__(self, problems: Sequence[Problem], *, file: str | None = None) -> None:
        self.problems = tuple(problems)
        self.file = file
        head = f"{file}: " if file else ""
        n = len(self.problems)
        lines = [f"{head}{n} problem{'s' if n != 1 else ''} in dataset"]
        for p in self.problems:
            k = p.total()
            more = f" (and {k:,} follow-on problem{'s' if k != 1 else ''})" if k else ""
            lines.append(f"  {p}{more}")
        super().__init__("\n".join(lines))
