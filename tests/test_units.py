"""Units as reports write them: spellings, conversion within a dimension, refusal across."""

from __future__ import annotations

import pytest

from lsplan.units import convert, lookup, normalise_unit, same_dimension


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("tr.đ", "triệu đồng"),
        ("trđ", "triệu đồng"),
        ("Triệu đ", "triệu đồng"),
        ("TRIỆU ĐỒNG", "triệu đồng"),
        ("tỷ đ", "tỷ đồng"),
        ("tỷ VNĐ", "tỷ đồng"),
        ("Tỷ", "tỷ đồng"),
        ("tỉ đồng", "tỷ đồng"),
        ("nghìn tỷ đồng", "nghìn tỷ đồng"),
        ("ngàn đồng", "nghìn đồng"),
        ("lượt người", "lượt"),
        ("Lượt khách", "lượt"),
        ("nghìn lượt", "nghìn lượt"),
        ("triệu lượt khách", "triệu lượt"),
        ("Nghìn ha", "nghìn ha"),
        ("nghìn tấn", "nghìn tấn"),
        ("tr.kWh", "triệu kWh"),
        ("Triệu KWh", "triệu kWh"),
        ("triệu USD", "triệu USD"),
        ("%", "%"),
        ("(%)", "%"),
        ("Sản phẩm", "sản phẩm"),
        ("KCN", "khu"),
        ("hộ", "hộ"),
        ("doanh nghiệp", "doanh nghiệp"),
        (" ha ", "ha"),
        ("Tri\u0323\u00eau \u0111\u00f4\u0300ng", "triệu đồng"),  # NFD-ish input
    ],
)
def test_spellings_normalise(text: str, canonical: str) -> None:
    assert normalise_unit(text) == canonical


@pytest.mark.parametrize(
    ("value", "source", "target", "expected"),
    [
        (1.5, "nghìn ha", "ha", 1500.0),
        (2.3, "triệu lượt", "lượt", 2_300_000.0),
        (1500, "lượt", "nghìn lượt", 1.5),
        (9937.8, "tỷ đồng", "triệu đồng", 9_937_800.0),
        (1500, "tr.đ", "tỷ đồng", 1.5),
        (2, "nghìn tỷ đồng", "tỷ đồng", 2000.0),
        (450, "triệu kWh", "kWh", 450_000_000.0),
        (3, "nghìn tấn", "tấn", 3000.0),
        (8.5, "%", "%", 8.5),
        (5, "km2", "ha", 500.0),
    ],
)
def test_conversion_within_a_dimension(value: float, source: str, target: str, expected: float) -> None:
    assert convert(value, source, target) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("source", "target"),
    [("ha", "tấn"), ("xã", "hộ"), ("lượt", "tỷ đồng"), ("USD", "đồng")]
    + [("%", "ha"), ("mẫu ta", "ha"), ("", "ha")],
)
def test_different_dimensions_or_unknown_units_give_none(source: str, target: str) -> None:
    assert convert(1.0, source, target) is None


def test_unknown_unit_comes_back_trimmed() -> None:
    assert normalise_unit("  mẫu  ta ") == "mẫu ta"
    assert lookup("mẫu ta") is None


def test_same_dimension() -> None:
    assert same_dimension("tỷ đồng", "tr.đ")
    assert not same_dimension("sản phẩm", "xã")
    assert not same_dimension("bogus", "bogus")


def test_counts_keep_their_own_dimension() -> None:
    unit = lookup("nghìn hộ")
    assert unit is not None and unit.dimension == "count:hộ" and unit.factor == 1000
    assert convert(2, "nghìn hộ", "hộ") == 2000


def test_the_units_memo_reads_back_the_table_build_makes(tmp_path, monkeypatch) -> None:
    from lsplan import units

    monkeypatch.setenv("LSPLAN_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("LSPLAN_NO_CACHE", raising=False)
    built = units._build()

    def shape(table: dict) -> tuple:
        first: dict[int, str] = {}  # which keys share one Unit object
        return (
            list(table.items()),
            [type(u.factor) for u in table.values()],
            [first.setdefault(id(u), k) for k, u in table.items()],
        )

    missed = units._memoised()  # writes the memo
    (memo,) = tmp_path.glob("units-*.bin")
    hit = units._memoised()
    assert shape(missed) == shape(hit) == shape(built) == shape(units._UNITS)
    memo.write_bytes(memo.read_bytes().replace("triệu".encode(), "triều".encode()))
    assert shape(units._memoised()) == shape(built)  # an edited memo is rebuilt, not trusted
