"""The state of the administration on one date, and its queries.

A :class:`Snapshot` is what :meth:`govmodel.Timeline.as_of` returns. It holds no copy of
the state: every query is a binary search in the timeline's index, so taking a snapshot is
O(1) and looking one organisation up is O(log k) for k changes of that organisation.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterator
from typing import Any

from govmodel import _display
from govmodel._engine import Index
from govmodel._engine.track import Track
from govmodel.decisions import Decision
from govmodel.errors import OrganisationNotFoundError
from govmodel.model import AnyOrganisation, Mandate, Membership, PostRef
from govmodel.persons import HolderObservation
from govmodel.results import Holding, Seat, Seats, TreeNode, Version
from govmodel.vn.text import fold

__all__ = ["Snapshot"]

Org = AnyOrganisation

_MAX_CHAIN = 64


class Snapshot:
    """The administration as it stood on :attr:`on` (as known on :attr:`known_on`).

    ``snap[org_id]`` is the organisation's value on that date; an id that is not alive on
    that date raises :class:`~govmodel.errors.OrganisationNotFoundError`, which is both a
    ``GovModelError`` and a ``KeyError``; ``snap.get(org_id)`` returns None instead.
    Snapshots are immutable.

    Attributes:
        on: the date the snapshot describes.
        known_on: only decisions known on or before this date count (None: every decision).
    """

    __slots__ = ("_index", "_observed", "_tracks", "known_on", "on")

    def __init__(
        self,
        index: Index,
        on: dt.date,
        known_on: dt.date | None = None,
        observed: tuple[HolderObservation, ...] = (),
    ) -> None:
        # the slots' own setters (this class refuses setattr)
        _SET_INDEX(self, index)
        _SET_TRACKS(self, index.tracks)  # the index's own dict (never rebound), one hop less
        _SET_ON(self, on)
        _SET_KNOWN_ON(self, known_on)
        _SET_OBSERVED(self, observed)

    _index: Index
    _tracks: dict[str, Track]
    _observed: tuple[HolderObservation, ...]
    on: dt.date
    known_on: dt.date | None

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Snapshot is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Snapshot is immutable; cannot delete {name!r}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Snapshot):
            return NotImplemented
        return (self.on, self.known_on) == (other.on, other.known_on) and (
            self._index is other._index or self._state() == other._state()
        )

    def __hash__(self) -> int:
        return hash((self.on, self.known_on, len(self)))

    def _state(self) -> tuple[object, ...]:
        ids = [o.id for o in self._organisations()]
        return tuple(
            (self[i], self.mandate(i), self._index.composition(i, self.on)[0]) for i in ids
        )

    def __repr__(self) -> str:
        known = f", known_on={self.known_on.isoformat()}" if self.known_on else ""
        return f"<Snapshot on={self.on.isoformat()}{known}: {len(self)} organisations>"

    def __str__(self) -> str:
        """The whole organisation tree on this date (see :func:`govmodel.render.text_tree`)."""
        return f"{self!r}\n{_display.text(self)}"

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        p.text(repr(self) if cycle else str(self))

    def _repr_html_(self) -> str:
        """The organisation tree as nested HTML lists, for Jupyter."""
        return _display.html(self)

    # ------------------------------------------------------------------ lookups
    def version(self, org_id: str) -> Version:
        """The :class:`~govmodel.results.Version` of *org_id* holding on this date.

        Raises:
            OrganisationNotFoundError: *org_id* is not alive on this date.
        """
        v = self._index.version(org_id, self.on)
        if v is None:
            track = self._index.tracks.get(org_id)
            if track is None:
                reason = "no such organisation in this timeline"
            elif self.on < track.born:
                reason = f"established only on {track.born.isoformat()}"
            else:
                reason = f"ended on {track.end.isoformat() if track.end else '?'}"
            raise OrganisationNotFoundError(org_id, self.on, reason)
        return v

    def __getitem__(self, org_id: str) -> Org:
        # the hot path: Index.version, inlined
        try:
            track = self._tracks[org_id]
        except (KeyError, TypeError):
            return self.version(org_id).value  # raises OrganisationNotFoundError
        day = self.on
        i = bisect_right(track.starts, day) - 1
        if i >= 0 and (track.end is None or day < track.end):
            return track.values[i]
        return self.version(org_id).value  # raises OrganisationNotFoundError

    def get(self, org_id: str, default: Org | None = None) -> Org | None:
        """The organisation's value on this date, or *default* when it is not alive."""
        v = self._index.value(org_id, self.on)
        return default if v is None else v

    def __contains__(self, org_id: object) -> bool:
        return isinstance(org_id, str) and self._index.value(org_id, self.on) is not None

    def _organisations(self) -> tuple[Org, ...]:
        """The organisations alive on this date, sorted by id (found once, then kept by the
        timeline's index for the last dates asked)."""
        return self._index.alive_on(self.on)

    def __iter__(self) -> Iterator[str]:
        """The ids of the organisations alive on this date, sorted."""
        return iter(self._index.ids_on(self.on))

    def organisation_ids(self) -> tuple[str, ...]:
        """The ids of the organisations alive on this date, sorted (found once, then kept)."""
        return self._index.ids_on(self.on)

    def __len__(self) -> int:
        """How many organisations are alive on this date: O(N log k) the first time, then
        O(1) while the index keeps the list (for the last 64 dates asked)."""
        return len(self._organisations())

    def organisations(self) -> tuple[Org, ...]:
        """Every organisation alive on this date, sorted by id (found once, then kept)."""
        return self._organisations()

    # ------------------------------------------------------------------ hierarchy
    def parent(self, org_id: str) -> Org | None:
        """The parent of *org_id* on this date, or None for a root."""
        p = self[org_id].parent
        return None if p is None else self[p]

    def children(self, org_id: str) -> tuple[Org, ...]:
        """The organisations directly under *org_id* on this date, sorted by name."""
        self.version(org_id)
        kids = []
        value = self._index.value
        for c in self._index.children_ever.get(org_id, ()):
            v = value(c, self.on)
            if v is not None and v.parent == org_id:
                kids.append(v)
        return tuple(sorted(kids, key=lambda o: (fold(o.name), o.id)))

    def roots(self) -> tuple[Org, ...]:
        """The organisations with no parent on this date."""
        return tuple(o for o in self.organisations() if o.parent is None)

    def tree(self, root_id: str) -> TreeNode:
        """*root_id* and everything under it on this date."""
        return TreeNode(self[root_id], tuple(self.tree(c.id) for c in self.children(root_id)))

    # ------------------------------------------------------------------ mandate & committees
    def mandate(self, org_id: str) -> Mandate:
        """The organisation's mandate on this date: functions, task groups, powers, fields."""
        self.version(org_id)
        return self._index.mandate(org_id, self.on)[0]

    def memberships(self, committee_id: str) -> tuple[Membership, ...]:
        """A committee's memberships as its deciding text lists them (posts not resolved)."""
        self.version(committee_id)
        return self._index.composition(committee_id, self.on)[0]

    def composition_decision(self, committee_id: str) -> Decision | None:
        """The decision whose composition of the committee holds on this date, or None."""
        self.version(committee_id)
        return self._index.composition_decision(committee_id, self.on)

    def holders(self, post: PostRef) -> tuple[Holding, ...]:
        """Who holds *post* on this date: each with the appointing decision, or — when no
        appointment says so — the observation that names them that day
        (``known_from="observation"``). A post whose organisation was merged away keeps
        its holders (the successor post holds them) unless a decision ends them."""
        out = [h for p in _posts_leading_to(self._index, post, self.on)
               for h in self._index.holdings.get(p, ()) if h.holds_on(self.on)]
        known = {h.person_id for h in out}
        for o in self._observed:
            if o.on == self.on and o.post == post and o.person.id not in known:
                out.append(Holding(o.person.id, o.person.name, post, o.on, o.on + _DAY, None,
                                   known_from="observation", source=o.source))
        return tuple(out)

    def office(self, post: PostRef) -> PostRef | None:
        """The post that carries *post*'s office on this date: *post* itself while its
        organisation lives, else the post that succeeds it through mergers (as
        :meth:`holders` and :meth:`members` follow it); None when no body carries it.

        Runtime complexity: O(m log k) for a chain of m mergers."""
        post = _follow_post(self._index, post, self.on)[-1]
        return post if self._index.value(post.org_id, self.on) is not None else None

    def members(self, committee_id: str) -> Seats:
        """A committee's memberships with each post rendered by its organisation's name today.

        A post whose organisation was merged away is followed to its successor post (the
        path is in :attr:`Seat.chain`); one with no successor is marked vacant.
        """
        return Seats(self._seat(m) for m in self.memberships(committee_id))

    def _seat(self, m: Membership) -> Seat:
        ix = self._index
        chain = _follow_post(ix, m.post, self.on)
        post = chain[-1]
        v = ix.value(post.org_id, self.on)
        if v is not None:
            names = (
                tuple(h.person_name for h in self.holders(m.post))
                if ix.holdings or self._observed else ()
            )
            chain_ = tuple(chain) if len(chain) > 1 else ()
            return Seat(m, post, post.render(v.name), chain_, holders=names)
        track = ix.tracks.get(post.org_id)
        last = track.values[-1].name if track and track.values else post.org_id
        return Seat(m, post, post.render(last), tuple(chain) if len(chain) > 1 else (), vacant=True)

    # ------------------------------------------------------------------ decisions
    @property
    def decisions_in_force(self) -> tuple[Decision, ...]:
        """The decisions in force on this date, in signing order."""
        return self._index.decisions_in_force(self.on)


class Snapshots(dict[object, Snapshot]):
    """The snapshots of one timeline on plain dates, made on first ask and kept.

    Private to :meth:`govmodel.Timeline.as_of`: once a date's snapshot is made,
    ``snaps[day]`` is one lookup in C. A key that is not a ``date`` raises ``KeyError`` (the
    caller parses it); at most :data:`KEPT` are kept (all are dropped when full).
    """

    __slots__ = ("_held", "_index")

    #: Snapshots (one per date asked, five references each) kept for repeated calls.
    KEPT = 8192

    def __init__(self, index: Index, held: tuple[HolderObservation, ...]) -> None:
        super().__init__()
        self._index = index
        self._held = held

    def __missing__(self, on: object) -> Snapshot:
        if type(on) is not _DATE:
            raise KeyError(on)
        assert isinstance(on, dt.date)
        if len(self) >= self.KEPT:
            self.clear()
        snap = self[on] = Snapshot(self._index, on, None, self._held)
        return snap


_DATE = dt.date
_DAY = dt.timedelta(days=1)

# the slots' descriptors set a value without going through Snapshot.__setattr__
_SET_INDEX, _SET_TRACKS, _SET_ON, _SET_KNOWN_ON, _SET_OBSERVED = (
    vars(Snapshot)[name].__set__
    for name in ("_index", "_tracks", "on", "known_on", "_observed")
)


def _follow_post(ix: Index, post: PostRef, day: dt.date) -> list[PostRef]:
    """*post*, then the posts that succeed it while its organisation is merged away by
    *day* (the post the merger names, else the same title in the body it went into)."""
    chain = [post]
    while ix.value(post.org_id, day) is None and len(chain) < _MAX_CHAIN:
        succ = ix.successions.get(post.org_id)
        if succ is None or succ.on > day or len(succ.into) != 1:
            break
        named = [ps.new for ps in succ.posts if ps.old == post]
        post = named[0] if named else PostRef(succ.into[0], post.title, qualifier=post.qualifier)
        chain.append(post)
    return chain


def _posts_leading_to(ix: Index, post: PostRef, day: dt.date) -> list[PostRef]:
    """*post*, and every post with appointments whose organisation was merged into
    *post*'s by *day* (their holders carry on in the successor post)."""
    return [post, *(q for q in ix.holdings if q != post and _follow_post(ix, q, day)[-1] == post)]
