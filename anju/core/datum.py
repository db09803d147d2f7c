"""Coordinates kept in one datum. Anju stores longitude and latitude in CGCS2000, the national
datum, which agrees with WGS-84 to well under a metre. The map pickers most people copy from
(高德, 腾讯) give GCJ-02, the published obfuscation of WGS-84 that shifts a point in China by a
few hundred metres; such a coordinate is converted on the way in, never stored as given.

The forward transform is the published one (the Krasovsky ellipsoid's constants, applied inside
China's bounding box only); it has no closed inverse, so a GCJ-02 point is brought back by
fixed-point iteration until the forward transform of the answer lands within a millionth of a
metre's worth of degrees of the point given.
"""

from __future__ import annotations

import enum
import math
from decimal import Decimal


class Datum(enum.StrEnum):
    CGCS2000 = "cgcs2000"  # also WGS-84, GPS: kept as given
    GCJ02 = "gcj02"  # 高德、腾讯 and most pickers: converted


# how a ledger's 坐标系 column may name them, compared without case, spaces or hyphens
DATUM_WORDS: dict[str, Datum] = {
    "cgcs2000": Datum.CGCS2000,
    "2000": Datum.CGCS2000,
    "2000国家大地坐标系": Datum.CGCS2000,
    "国家2000": Datum.CGCS2000,
    "wgs84": Datum.CGCS2000,
    "gps": Datum.CGCS2000,
    "天地图": Datum.CGCS2000,
    "gcj02": Datum.GCJ02,
    "国测局": Datum.GCJ02,
    "火星坐标": Datum.GCJ02,
    "高德": Datum.GCJ02,
    "腾讯": Datum.GCJ02,
}


_A = 6378245.0
_EE = 0.00669342162296594323


def in_china(longitude: float, latitude: float) -> bool:
    """Inside the box where GCJ-02 shifts a point; outside it the two agree."""
    return 72.004 <= longitude <= 137.8347 and 0.8293 <= latitude <= 55.8271


def _shift(longitude: float, latitude: float) -> tuple[float, float]:
    x, y = longitude - 105.0, latitude - 35.0
    lat = (
        -100.0
        + 2.0 * x
        + 3.0 * y
        + 0.2 * y * y
        + 0.1 * x * y
        + 0.2 * math.sqrt(abs(x))
        + (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
        + (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
        + (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    )
    lng = (
        300.0
        + x
        + 2.0 * y
        + 0.1 * x * x
        + 0.1 * x * y
        + 0.1 * math.sqrt(abs(x))
        + (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
        + (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
        + (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    )
    radians = latitude / 180.0 * math.pi
    magic = 1 - _EE * math.sin(radians) ** 2
    root = math.sqrt(magic)
    d_lat = (lat * 180.0) / ((_A * (1 - _EE)) / (magic * root) * math.pi)
    d_lng = (lng * 180.0) / (_A / root * math.cos(radians) * math.pi)
    return d_lng, d_lat


def to_gcj02(longitude: float, latitude: float) -> tuple[float, float]:
    """A WGS-84 point as the GCJ-02 pickers show it."""
    if not in_china(longitude, latitude):
        return longitude, latitude
    d_lng, d_lat = _shift(longitude, latitude)
    return longitude + d_lng, latitude + d_lat


def from_gcj02(longitude: float, latitude: float) -> tuple[float, float]:
    """The WGS-84 (and CGCS2000) point a GCJ-02 one stands for."""
    if not in_china(longitude, latitude):
        return longitude, latitude
    lng, lat = longitude, latitude
    for _step in range(30):  # it settles in a handful; the bound only keeps it finite
        shown_lng, shown_lat = to_gcj02(lng, lat)
        off_lng, off_lat = shown_lng - longitude, shown_lat - latitude
        if abs(off_lng) < 1e-11 and abs(off_lat) < 1e-11:
            break
        lng, lat = lng - off_lng, lat - off_lat
    return lng, lat


def kept(longitude: Decimal, latitude: Decimal, datum: Datum) -> tuple[Decimal, Decimal]:
    """A coordinate as Anju keeps it: in CGCS2000, to six decimals (about 0.1 m)."""
    if datum is Datum.CGCS2000:
        return longitude, latitude
    east, north = from_gcj02(float(longitude), float(latitude))
    return Decimal(f"{east:.6f}"), Decimal(f"{north:.6f}")
