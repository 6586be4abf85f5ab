"""Place-name resolution (private): ranked units for a place name or a whole address.

An index of every name every administrative unit ever had (its key: accents, case, tone
placement and i/y spelling ignored, the type word apart) is built once. A query is split
into its parts (:func:`govmodel.vn.places.split_address`); the most specific part is looked
up (exact key, else the keys it begins), each candidate is scored by its type word and by
whether the other parts name its enclosing units at the time (and, a tie-break, whether
a text written with diacritics has this name's very ones), and a name no longer alive
on the date leads, through the lineage, to what it became that day — every part of a
divided unit, the default first.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left

from govmodel._engine.index import Index
from govmodel._engine.lineage import Became, became, current
from govmodel.model import AdminUnit
from govmodel.results import PlaceMatch
from govmodel.vn.places import (
    Part,
    address_readings,
    place_key,
    place_marks,
    split_address_marked,
)

__all__ = ["PlaceIndex", "resolve"]

#: (org id, version position, the version's types, the name) for one name a unit had
Entry = tuple[str, int, str, str]
#: What a name written with its very diacritics gains over one equal only once folded
#: ("Tân Thành" asked: xã Tân Thành before xã Tân Thạnh). A tie-break, smaller than every
#: other signal (a type word, an enclosing unit, being alive, a redirect step).
ACCENT_BONUS = 0.01


class PlaceIndex:
    """Every key every unit's names had → who had it (built once per timeline).

    Runtime complexity: O(n) to build for n names of versions (each distinct name is keyed
    once); a lookup is O(1) for an exact key, O(log k + m) for the m keys a prefix begins.
    """

    __slots__ = ("by_key", "keys", "marks", "name_keys")

    def __init__(self, ix: Index) -> None:
        by_key: dict[str, dict[Entry, None]] = {}
        name_keys: dict[str, str] = {}  # most names recur across versions and units
        for org_id, track in ix.tracks.items():
            for pos, org in enumerate(track.values):
                if not isinstance(org, AdminUnit):
                    continue
                unit_type = org.unit_type.value
                for name in (org.name, *org.short_names):
                    key = name_keys.get(name)
                    if key is None:
                        key = name_keys[name] = place_key(name)[1]
                    if key:
                        # a dict keeps the first-seen order and drops repeats in O(1)
                        by_key.setdefault(key, {})[(org_id, pos, unit_type, name)] = None
        self.by_key: dict[str, list[Entry]] = {k: list(v) for k, v in by_key.items()}
        self.keys = sorted(by_key)
        self.name_keys = name_keys
        #: name → its diacritics (vn.places.place_marks), filled as queries need them
        self.marks: dict[str, tuple[str, ...] | None] = {}

    def key(self, name: str) -> str:
        """The key of a unit's *name* (O(1) for a name the index holds)."""
        key = self.name_keys.get(name)
        return place_key(name)[1] if key is None else key

    def marks_of(self, name: str) -> tuple[str, ...] | None:
        """The diacritics of *name*'s proper name, computed once per name."""
        try:
            return self.marks[name]
        except KeyError:
            found = self.marks[name] = place_marks(name)
            return found

    def lookup(self, key: str) -> list[tuple[Entry, float]]:
        """Entries whose key is *key* (1.0), else whose key begins with it (less)."""
        exact = self.by_key.get(key)
        if exact:
            return [(e, 1.0) for e in exact]
        out: list[tuple[Entry, float]] = []
        i = bisect_left(self.keys, key)
        while i < len(self.keys) and self.keys[i].startswith(key) and len(out) < 200:
            k = self.keys[i]
            if k[len(key) : len(key) + 1] in ("", " "):  # a whole-word prefix
                out += [(e, 0.6 * len(key) / len(k)) for e in self.by_key[k]]
            i += 1
        return out


def _places(ix: Index) -> PlaceIndex:
    found = ix.places
    if not isinstance(found, PlaceIndex):
        found = ix.places = PlaceIndex(ix)
    return found


def resolve(ix: Index, text: str, on: dt.date | None, limit: int) -> tuple[PlaceMatch, ...]:
    """Ranked units for *text* on *on* (None: after every recorded change).

    A text whose parts are separated by dashes alone ("phường Văn Miếu - Quốc Tử Giám - Hà
    Nội") is also read with the first pieces joined into one name, since a dash may belong
    to a name: each unit keeps its best score over the readings.
    """
    if not isinstance(text, str) or limit <= 0:
        return ()
    best: dict[str, PlaceMatch] = {}
    for reading in address_readings(text):
        for m in _matches(ix, *split_address_marked(reading), on):
            prev = best.get(m.org_id)
            if prev is None or m.score > prev.score:
                best[m.org_id] = m
    ranked = sorted(best.values(), key=lambda m: (-m.score, not m.default, m.org_id))
    return tuple(ranked[:limit])


def _matches(
    ix: Index, parts: list[Part], marks: tuple[str, ...] | None, on: dt.date | None
) -> list[PlaceMatch]:
    """The units one reading of an address leads to, each with its best score."""
    if not parts:
        return []
    places = _places(ix)
    (kinds, key), context = parts[0], parts[1:]
    day = dt.date.max if on is None else on
    best: dict[str, PlaceMatch] = {}
    # a unit's name and short name are one key: the same parent and lineage, looked up once
    around: dict[tuple[str | None, dt.date], float] = {}
    lines: dict[str, list[Became]] = {}
    for (org_id, pos, unit_type, name), base in places.lookup(key):
        track = ix.tracks[org_id]
        v = track.versions[pos]
        when = _inside(v.valid_from, v.valid_to, day)
        score = base
        if kinds:
            score += 0.15 if unit_type in kinds else -0.3
        parent = v.value.parent
        near = around.get((parent, when))
        if near is None:
            near = around[(parent, when)] = _context_score(ix, places, parent, when, context)
        score += near
        if marks is not None and base == 1.0 and places.marks_of(name) == marks:
            score += ACCENT_BONUS  # written with the very diacritics of this name
        if v.holds_on(day) or (on is None and v.valid_to is None):
            score += 0.05
        line = lines.get(org_id)
        if line is None:
            line = lines[org_id] = became(ix, org_id, day)
        for target, path, default, _edge in line:
            cur = current(ix, target, day)
            if cur is None:
                continue
            s = round(score - (0.0 if default else 0.1) - 0.02 * len(path), 3)
            prev = best.get(target)
            if prev is None or s > prev.score:
                best[target] = PlaceMatch(target, cur.value.name, s, org_id, name, path, default)
    return list(best.values())


def _inside(start: dt.date | None, end: dt.date | None, day: dt.date) -> dt.date:
    """*day* if the interval holds it, else the interval's last day (its first if open)."""
    if (start is None or start <= day) and (end is None or day < end):
        return day
    if end is not None and day >= end:
        return end - dt.timedelta(days=1)
    return start or day


def _context_score(
    ix: Index,
    places: PlaceIndex,
    parent: str | None,
    when: dt.date,
    context: list[tuple[tuple[str, ...], str]],
) -> float:
    """0.2 for each other part of the address that names an enclosing unit at *when*."""
    if not context:
        return 0.0
    keys: list[tuple[str, str]] = []
    p, hops = parent, 0
    while p is not None and hops < 6:
        v = ix.value(p, when)
        if v is None or not isinstance(v, AdminUnit):
            break
        unit_type = v.unit_type.value
        keys += [(unit_type, places.key(name)) for name in v.names]
        p, hops = v.parent, hops + 1
    score = 0.0
    for kinds, key in context:
        if any(k == key and (not kinds or t in kinds) for t, k in keys):
            score += 0.2
        elif any(k.startswith(key + " ") or key.startswith(k + " ") for _, k in keys):
            score += 0.1
        else:
            score -= 0.05
    return score
