"""A snapshot's provinces and their wards in the shape of the ``vietnam-provinces`` package
(tools layer).

The PyPI package ``vietnam-provinces`` (read at version 2025.10.1, data of 18/10/2025) ships
``nested-divisions.json``: a list of the provincial-level units, each with its communes under
``wards``. Code written against that file can read the same list from govmodel for any date
— the 34 provinces and 3,321 communes from 1/7/2025, or the 63 provinces and their 10,035
communes (through their districts) on 30/6/2025 — from :func:`provinces`, or as JSON text
from :func:`provinces_json`.

How each field is filled (only fields the data has; a key no record gives is left out of
that item, never filled with a made-up value):

==================  ===========================================================================
field               govmodel
==================  ===========================================================================
``name``            the unit's name on the date with its type word capitalised ("Phường Hoàn
                    Kiếm", "Thành phố Hà Nội"); a *tỉnh* by its proper name alone ("Cao
                    Bằng"), as the package names them
``code``            its ``gso`` code on the date, as an integer (``"01"`` → ``1``); left out
                    when the unit has no code then
``codename``        the name folded (no diacritics, "đ" → "d"), apostrophes dropped, other
                    runs of non-letters as ``_``: ``ha_noi``, ``phuong_hoan_kiem``; a
                    province's without its type word
``division_type``   the type in the package's words: ``tỉnh``, ``thành phố trung ương``,
                    ``xã``, ``phường``, ``đặc khu``, ``thị trấn``
``short_codename``  (wards) the codename without the type word: ``hoan_kiem``
``phone_code``      left out: no record govmodel holds gives telephone area codes
``wards``           (provinces) every commune-level unit within the province on the date, by
                    code — before 1/7/2025 those of its districts, whose level the package's
                    2025 shape does not have
==================  ===========================================================================

>>> import govmodel as gm
>>> first = provinces(gm.load_dataset("vietnam-provinces-2025").as_of("2025-07-01"))[0]
>>> [first[k] for k in ("name", "code", "codename", "division_type")]
['Thành phố Hà Nội', 1, 'ha_noi', 'thành phố trung ương']
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from govmodel.model import AdminUnit
from govmodel.snapshot import Snapshot
from govmodel.unit_types import UnitType
from govmodel.vn.text import fold

__all__ = ["DIVISION_TYPES", "PROVINCE_KEYS", "WARD_KEYS", "provinces", "provinces_json"]

#: The package's ``division_type`` of each unit type (none for the district level).
DIVISION_TYPES: dict[UnitType, str] = {
    UnitType.TINH: "tỉnh",
    UnitType.THANH_PHO_TW: "thành phố trung ương",
    UnitType.XA: "xã",
    UnitType.PHUONG: "phường",
    UnitType.DAC_KHU: "đặc khu",
    UnitType.THI_TRAN: "thị trấn",
}
#: The keys a province of the package has (``phone_code`` is never filled here).
PROVINCE_KEYS = ("name", "code", "codename", "division_type", "phone_code", "wards")
#: The keys a ward of the package has.
WARD_KEYS = ("name", "code", "codename", "division_type", "short_codename")

Item = dict[str, Any]


def _code(unit: AdminUnit, day: dt.date) -> int | None:
    for i in unit.identifiers:
        if i.scheme == "gso" and i.holds_on(day) and i.value.isdigit():
            return int(i.value)
    return None


def _codename(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", fold(text).replace("'", "").replace("’", "")).strip("_")


def _proper(unit: AdminUnit) -> str:
    """The name without its leading type word ("tỉnh Cao Bằng" → "Cao Bằng")."""
    words = {UnitType.THANH_PHO_TW: "thành phố"}.get(unit.unit_type, unit.unit_type.vi)
    name = unit.name
    if fold(name).startswith(fold(words) + " "):
        return name[len(words) + 1 :].strip()
    return name


def _capitalised(name: str) -> str:
    return name[:1].upper() + name[1:]


def _item(unit: AdminUnit, day: dt.date, *, province: bool) -> Item:
    proper = _proper(unit)
    tinh = province and unit.unit_type == UnitType.TINH
    name = proper if tinh else _capitalised(unit.name)
    item: Item = {"name": name}
    code = _code(unit, day)
    if code is not None:
        item["code"] = code
    item["codename"] = _codename(proper if province else name)
    kind = DIVISION_TYPES.get(unit.unit_type)
    if kind is not None:
        item["division_type"] = kind
    if not province:
        item["short_codename"] = _codename(proper)
    return item


def _order(item: Item) -> tuple[int, str]:
    return (item.get("code", 1 << 30), item["codename"])


def provinces(snapshot: Snapshot) -> list[Item]:
    """The provincial-level units alive in *snapshot*, by code, each with its wards.

    Args:
        snapshot: the state on a date (``tl.as_of(day)``).

    Returns:
        A list shaped like ``vietnam-provinces``' ``nested-divisions.json``: dictionaries
        with the keys of :data:`PROVINCE_KEYS` the data fills, each ``wards`` a list of
        dictionaries with the keys of :data:`WARD_KEYS` (see the module's table).

    Runtime complexity: O(n · d) for n units alive and d levels (at most 3).
    """
    day = snapshot.on
    units = {o.id: o for o in snapshot.organisations() if isinstance(o, AdminUnit)}
    wards: dict[str, list[Item]] = {}
    for unit in units.values():
        if unit.unit_type.tier != 3:
            continue
        top: AdminUnit | None = unit
        while top is not None and top.unit_type.tier != 1:
            top = None if top.parent is None else units.get(top.parent)
        if top is not None:
            wards.setdefault(top.id, []).append(_item(unit, day, province=False))
    out = []
    for unit in units.values():
        if unit.unit_type.tier == 1:
            item = _item(unit, day, province=True)
            item["wards"] = sorted(wards.get(unit.id, []), key=_order)
            out.append(item)
    return sorted(out, key=_order)


def provinces_json(snapshot: Snapshot, *, indent: int | None = 2) -> str:
    """:func:`provinces` as JSON text (UTF-8 letters kept, as in the package's file)."""
    return json.dumps(provinces(snapshot), ensure_ascii=False, indent=indent) + "\n"
