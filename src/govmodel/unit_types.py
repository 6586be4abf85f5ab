"""The types of administrative units ("loại đơn vị hành chính"), by tier (layer 1)."""

from __future__ import annotations

import enum
from typing import Literal

__all__ = [
    "UnitType",
    "UnitTypeName",
]


#: The values :class:`UnitType` also accepts as text (kept equal by tests/test_typing.py).
UnitTypeName = Literal[
    "tinh", "thanh_pho_tw", "huyen", "quan", "thi_xa", "thanh_pho_tinh", "xa", "phuong",
    "thi_tran", "dac_khu",
]


class UnitType(str, enum.Enum):
    """The type of an administrative unit ("loại đơn vị hành chính"), by tier.

    ``.vi`` is the Vietnamese name; ``.tier`` is 1 for the provincial level, 2 for the
    district level (ended on 1/7/2025), 3 for the commune level.
    """

    TINH = "tinh"  #: tỉnh (province)
    THANH_PHO_TW = "thanh_pho_tw"  #: thành phố trực thuộc trung ương (centrally-run city)
    HUYEN = "huyen"  #: huyện (rural district)
    QUAN = "quan"  #: quận (urban district)
    THI_XA = "thi_xa"  #: thị xã (town)
    THANH_PHO_TINH = "thanh_pho_tinh"  #: thành phố thuộc tỉnh (provincial city)
    XA = "xa"  #: xã (commune)
    PHUONG = "phuong"  #: phường (ward)
    THI_TRAN = "thi_tran"  #: thị trấn (township)
    DAC_KHU = "dac_khu"  #: đặc khu (special zone)

    @property
    def vi(self) -> str:
        """The Vietnamese name of the type ("tỉnh", "phường"…)."""
        return _UNIT_TYPE_VI[self]

    @property
    def tier(self) -> int:
        """1 provincial, 2 district, 3 commune level."""
        return _UNIT_TIER[self]


_UNIT_TYPE_VI = {
    UnitType.TINH: "tỉnh",
    UnitType.THANH_PHO_TW: "thành phố trực thuộc trung ương",
    UnitType.HUYEN: "huyện",
    UnitType.QUAN: "quận",
    UnitType.THI_XA: "thị xã",
    UnitType.THANH_PHO_TINH: "thành phố thuộc tỉnh",
    UnitType.XA: "xã",
    UnitType.PHUONG: "phường",
    UnitType.THI_TRAN: "thị trấn",
    UnitType.DAC_KHU: "đặc khu",
}
_UNIT_TIER = {
    UnitType.TINH: 1,
    UnitType.THANH_PHO_TW: 1,
    UnitType.HUYEN: 2,
    UnitType.QUAN: 2,
    UnitType.THI_XA: 2,
    UnitType.THANH_PHO_TINH: 2,
    UnitType.XA: 3,
    UnitType.PHUONG: 3,
    UnitType.THI_TRAN: 3,
    UnitType.DAC_KHU: 3,
}
