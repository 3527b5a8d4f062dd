"""Units of measure as Vietnamese reports write them, with conversion within a dimension.

"tr.đ", "trđ", "triệu đ" and "Triệu đồng" are one unit; "tỷ đồng" is 1,000 of them. Units are
matched by `lsplan.text.compact` (case, diacritics, spaces and punctuation do not matter).
A unit we do not know, or a conversion between dimensions (ha to tấn, lượt to hộ), gives
None: the checks report that as a unit mismatch rather than guessing.
"""

from __future__ import annotations

from dataclasses import dataclass

from lsplan.text import compact, nfc


@dataclass(frozen=True, slots=True)
class Unit:
    name: str  # canonical spelling, e.g. "triệu đồng"
    dimension: str  # "money", "visits", "area", "mass", "energy", "percent", "count:hộ", ...
    factor: float  # size in the dimension's base unit (đồng, lượt, ha, tấn, kWh, ...)


# Multipliers written before a base unit; the first spelling of each is canonical.
_SCALES: tuple[tuple[float, tuple[str, ...]], ...] = (
    (1.0, ("",)),
    (1e3, ("nghìn", "ngàn", "ngh", "1000", "1.000")),
    (1e6, ("triệu", "tr")),
    (1e9, ("tỷ", "tỉ")),
    (1e12, ("nghìn tỷ", "ngàn tỷ", "nghìn tỉ")),
)

# (dimension, canonical base, aliases of the base, scales allowed, base factor)
_BASES: tuple[tuple[str, str, tuple[str, ...], tuple[float, ...], float], ...] = (
    ("money", "đồng", ("đồng", "đ", "vnđ", "vnd", "đồng việt nam"), (1, 1e3, 1e6, 1e9, 1e12), 1.0),
    ("usd", "USD", ("usd", "đô la mỹ", "đô la", "us$", "$"), (1, 1e3, 1e6, 1e9), 1.0),
    ("visits", "lượt", ("lượt", "lượt người", "lượt khách", "khách", "lượt khách du lịch"), (1, 1e3, 1e6), 1),
    ("people", "người", ("người", "nhân khẩu"), (1, 1e3, 1e6), 1.0),
    ("area", "ha", ("ha", "hécta", "héc ta", "hecta"), (1, 1e3), 1.0),
    ("area", "km²", ("km2", "km²"), (1,), 100.0),
    ("area", "m²", ("m2", "m²"), (1, 1e3, 1e6), 1e-4),
    ("mass", "tấn", ("tấn",), (1, 1e3, 1e6), 1.0),
    ("mass", "kg", ("kg", "ki lô gam"), (1,), 1e-3),
    ("mass", "tạ", ("tạ",), (1,), 0.1),
    ("energy", "kWh", ("kwh", "kw h", "kw/h"), (1, 1e3, 1e6, 1e9), 1.0),
    ("energy", "MWh", ("mwh",), (1,), 1e3),
    ("energy", "GWh", ("gwh",), (1,), 1e6),
    ("length", "km", ("km", "ki lô mét"), (1,), 1.0),
    ("volume", "m³", ("m3", "m³"), (1, 1e3, 1e6), 1.0),
)

# Dimensionless units and counts of things: one dimension each, so that "xã" never becomes "hộ".
_PLAIN: tuple[tuple[str, str, tuple[str, ...], float], ...] = (
    ("percent", "%", ("%", "phần trăm", "tỷ lệ %", "tỷ lệ (%)"), 1.0),
    ("points", "điểm %", ("điểm %", "điểm phần trăm", "đpt"), 1.0),
    ("per-10k", "/vạn dân", ("/vạn dân", "vạn dân"), 1.0),
    ("beds-per-10k", "giường bệnh/vạn dân", ("giường/vạn dân", "giường bệnh/vạn dân"), 1.0),
    ("doctors-per-10k", "bác sĩ/vạn dân", ("bác sĩ/vạn dân", "bs/vạn dân"), 1.0),
    ("rank", "bậc", ("bậc", "hạng", "thứ hạng"), 1.0),
)
_COUNTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("sản phẩm", ("sản phẩm", "sp")),
    ("khu", ("khu", "khu công nghiệp", "kcn")),
    ("cụm", ("cụm", "cụm công nghiệp", "ccn")),
    ("xã", ("xã", "xã, phường", "xã/phường")),
    ("hộ", ("hộ", "hộ gia đình", "hộ dân")),
    ("doanh nghiệp", ("doanh nghiệp", "dn")),
    ("dự án", ("dự án",)),
    ("hợp tác xã", ("hợp tác xã", "htx")),
    ("giường", ("giường", "giường bệnh")),
    ("bác sĩ", ("bác sĩ",)),
    ("trường", ("trường", "trường học")),
    ("lao động", ("lao động",)),
    ("thôn", ("thôn", "thôn, bản", "thôn bản")),
    ("công trình", ("công trình",)),
    ("cơ sở", ("cơ sở",)),
    ("cái", ("cái", "chiếc")),
)


def _build() -> dict[str, Unit]:
    table: dict[str, Unit] = {}
    scale_words = dict(_SCALES)
    scale_names = {factor: words[0] for factor, words in _SCALES}
    for dimension, base, aliases, scales, base_factor in _BASES:
        for scale in scales:
            name = f"{scale_names[scale]} {base}".strip()
            unit = Unit(name=name, dimension=dimension, factor=scale * base_factor)
            for word in scale_words[scale]:
                for alias in (base, *aliases):
                    table.setdefault(compact(f"{word} {alias}"), unit)
    for dimension, name, aliases, factor in _PLAIN:
        unit = Unit(name=name, dimension=dimension, factor=factor)
        for alias in (name, *aliases):
            table.setdefault(_key(alias), unit)
    for name, aliases in _COUNTS:
        for scale in (1.0, 1e3):
            scaled = f"{scale_names[scale]} {name}".strip()
            unit = Unit(name=scaled, dimension=f"count:{name}", factor=scale)
            for word in scale_words[scale]:
                for alias in (name, *aliases):
                    table.setdefault(compact(f"{word} {alias}"), unit)
    # "tỷ" alone, in a money column, is how most tables write "tỷ đồng".
    table.setdefault(compact("tỷ"), table[compact("tỷ đồng")])
    return table


def _key(text: str) -> str:
    # compact() turns "/" into a space and drops it; keep "%" (fold keeps it) as it is.
    return compact(text.replace("(", " ").replace(")", " "))


def _memoised() -> dict[str, Unit]:
    """`_build()`, read back from the on-disk memo (lsplan.datacache, kind "units") when this
    module and lsplan.text, the code the table depends on, are unchanged. Folding the ~700
    spellings cost ~2.5 ms of every start; the memo holds each key's (name, dimension, factor),
    and keys that shared one Unit share one again."""
    from pathlib import Path

    from lsplan import datacache

    here = Path(__file__).resolve().parent
    try:
        key = datacache.digest(*((here / name).read_bytes() for name in ("units.py", "text.py")))
    except OSError:
        return _build()
    stored = datacache.get(key, kind="units")
    if isinstance(stored, dict):
        made: dict[tuple, Unit] = {}
        return {alias: made.get(spec) or made.setdefault(spec, Unit(*spec)) for alias, spec in stored.items()}
    table = _build()
    datacache.put(key, {alias: (u.name, u.dimension, u.factor) for alias, u in table.items()}, kind="units")
    return table


_UNITS = _memoised()


def lookup(text: str | None) -> Unit | None:
    """The unit a person meant by `text`, or None when we do not know it."""
    if not text:
        return None
    return _UNITS.get(_key(text))


def normalise_unit(text: str) -> str:
    """The canonical spelling of a unit ("tr.đ" -> "triệu đồng"); unknown units come back NFC-trimmed."""
    unit = lookup(text)
    return unit.name if unit else nfc(text)


def same_dimension(a: str, b: str) -> bool:
    ua, ub = lookup(a), lookup(b)
    return ua is not None and ub is not None and ua.dimension == ub.dimension


def convert(value: float, from_unit: str, to_unit: str) -> float | None:
    """`value` in `from_unit` expressed in `to_unit`; None if either is unknown or they differ in kind."""
    source, target = lookup(from_unit), lookup(to_unit)
    if source is None or target is None or source.dimension != target.dimension:
        return None
    if source.factor == target.factor:
        return float(value)
    # Divide by the ratio so that 1500 triệu đồng -> 1.5 tỷ đồng without float noise.
    ratio = target.factor / source.factor
    return value / ratio if ratio >= 1 else value * (source.factor / target.factor)
