"""Property tests: figures read back as written; normalising never invents or reorders text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lsplan.extract.normalise import _PAGE_NUMBER, normalise
from lsplan.extract.quantities import find_quantities
from lsplan.yamlsource import squash


def vietnamese(value: int, decimals: int) -> str:
    whole = f"{value:,}".replace(",", ".")
    return whole + (f",{decimals}" if decimals else "")


@given(
    st.integers(min_value=0, max_value=10**9),
    st.integers(min_value=0, max_value=99),
    st.sampled_from(["tỷ đồng", "%", "ha", "hộ", "triệu lượt"]),
)
def test_a_figure_written_the_vietnamese_way_reads_back(value: int, decimals: int, unit: str) -> None:
    text = f"Chỉ tiêu đạt {vietnamese(value, decimals)} {unit} trong năm"
    (quantity,) = find_quantities(text)
    expected = float(f"{value}.{decimals}") if decimals else float(value)
    assert quantity.low == expected and quantity.unit == unit


words = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹ ,.;:-()%0123456789", max_size=40)


@settings(max_examples=200)
@given(st.lists(words, max_size=30))
def test_normalising_keeps_every_character_in_order(lines: list[str]) -> None:
    document = normalise(lines, "txt")
    kept = [line for line in lines if not _PAGE_NUMBER.match(" ".join(line.split()))]  # page numbers go
    squashed = squash("\n".join(kept))
    position = 0
    for paragraph in document.paragraphs:
        piece = squash(paragraph.text)
        found = squashed.find(piece, position)
        assert found >= 0, (paragraph.text, lines)
        position = found + len(piece)
        assert document.text[paragraph.start : paragraph.end] == paragraph.text
