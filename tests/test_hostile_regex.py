"""The linear replacements of quadratic regular expressions give the regexes' own results."""

from __future__ import annotations

import re
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from lsplan.readers.ooxml_values import is_date_format, strip_literals
from lsplan.readers.xls import strip_brackets

# What ooxml_values used before (quadratic on unmatched "["), and what xlrd uses.
OLD_STRIP = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
XLRD_BRACKETS = re.compile(r"\[[^]]*\]")
FORMAT_TEXT = st.text(alphabet='"[]hmsdyHMSDY;\\_ 0#.,$-aR\n', max_size=60)


@settings(max_examples=500)
@given(FORMAT_TEXT)
def test_strip_literals_equals_the_old_regex(code: str) -> None:
    assert strip_literals(code) == OLD_STRIP.sub("", code)


@settings(max_examples=500)
@given(FORMAT_TEXT, st.sampled_from(["", "X"]))
def test_strip_brackets_equals_xlrds_regex(code: str, replacement: str) -> None:
    assert strip_brackets(replacement, code) == XLRD_BRACKETS.sub(replacement, code)


def test_both_are_linear_on_the_inputs_that_were_quadratic() -> None:
    # 400,000 characters: the regexes need hours here (quadratic); a linear pass, milliseconds.
    started = time.process_time()
    for text in ("[" * 400_000, '"' * 400_000, "[h]" * 130_000, '"\n' * 200_000, "[a" * 200_000 + "]"):
        assert isinstance(is_date_format(text), bool)
        strip_brackets("", text)
    assert time.process_time() - started < 2.0


def test_date_formats_are_still_recognised() -> None:
    assert is_date_format("dd/mm/yyyy") and is_date_format("[$-42A]dd/mm/yyyy") and is_date_format("[h]:mm")
    assert not is_date_format('0.0"ngày"') and not is_date_format("[Red]0.0") and not is_date_format("#,##0")
