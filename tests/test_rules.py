"""The cross-row rule evaluator: parsing, evaluation, comparison with tolerance, and safety."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lsplan.model import Rule, Severity
from lsplan.rules import (
    BinOp,
    Num,
    Ref,
    RuleSyntaxError,
    check_rule,
    compare,
    evaluate,
    parse_expression,
    references,
    tokenize,
)

VALUES = {"grdp-share-agri": 21.5, "grdp-share-services": 50.0, "a": 2.0, "b": 3.0, "zero": 0.0}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 + 2 * 3", 7.0),
        ("(1 + 2) * 3", 9.0),
        ("10 / 4", 2.5),
        ("10 - 4 - 3", 3.0),  # left-associative
        ("-a + b", 1.0),
        ("--a", 2.0),
        ("grdp-share-agri + grdp-share-services", 71.5),
        ("100 - grdp-share-agri", 78.5),
        ("a * (b - 1) / 4", 1.0),
        ("1.5e2", 150.0),
    ],
)
def test_evaluates_arithmetic(text: str, expected: float) -> None:
    assert evaluate(parse_expression(text), VALUES) == pytest.approx(expected)


def test_kebab_ids_are_single_tokens_and_spaced_minus_subtracts() -> None:
    assert parse_expression("grdp-share-agri") == Ref("grdp-share-agri")
    assert parse_expression("a - b") == BinOp("-", Ref("a"), Ref("b"))
    assert references(parse_expression("a + (b * grdp-share-agri)")) == {"a", "b", "grdp-share-agri"}


def test_missing_value_and_division_by_zero_give_none() -> None:
    assert evaluate(parse_expression("a + unknown-id"), VALUES) is None
    assert evaluate(parse_expression("a / zero"), VALUES) is None
    assert evaluate(parse_expression("a"), {"a": float("nan")}) is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "1 +",
        "(1 + 2",
        "1 + 2)",
        "a b",
        "__import__('os')",
        "a ** 2",
        "1; 2",
        "A + b",
        "a[0]",
        "lambda: 1",
        "3 +* 4",
        "()",
        "1 = 1",
    ],
)
def test_rejects_anything_else(text: str) -> None:
    with pytest.raises(RuleSyntaxError):
        parse_expression(text)


def test_refuses_huge_or_deep_expressions() -> None:
    with pytest.raises(RuleSyntaxError):
        parse_expression("1 + " * 1000 + "1")
    with pytest.raises(RuleSyntaxError):
        parse_expression("(" * 200 + "1" + ")" * 200)


@pytest.mark.parametrize(
    ("left", "op", "right", "tol", "expected"),
    [
        (100.4, "==", 100, 0.5, True),
        (100.6, "==", 100, 0.5, False),
        (99.5, "==", 100, 0.5, True),
        (1, "!=", 1.2, 0.1, True),
        (1, "!=", 1.05, 0.1, False),
        (5, "<", 5, 0, False),
        (5, "<=", 5, 0, True),
        (5.1, "<=", 5, 0.2, True),
        (4.9, ">=", 5, 0.2, True),
        (4.9, ">", 5, 0, False),
    ],
)
def test_compare_with_tolerance(left: float, op: str, right: float, tol: float, expected: bool) -> None:
    assert compare(left, op, right, tol) is expected


def _rule(left: str, op: str, right: str, tol: float = 0.0, missing: str = "skip") -> Rule:
    return Rule("r", "test rule", left, op, right, tol, Severity.WARNING, missing)


def test_check_rule_outcomes() -> None:
    shares = {"s1": 21.0, "s2": 25.0, "s3": 50.0, "s4": 4.2}
    total = "s1 + s2 + s3 + s4"
    assert check_rule(_rule(total, "==", "100", 0.5), shares).status == "pass"
    failed = check_rule(_rule(total, "==", "100", 0.1), shares)
    assert (failed.status, failed.left, failed.right) == ("fail", pytest.approx(100.2), 100.0)
    partial = check_rule(_rule(total, "==", "100"), {"s1": 21.0})
    assert partial.status == "missing" and partial.missing == ("s2", "s3", "s4")
    assert check_rule(_rule(total, "==", "100"), {"other": 1.0}).status == "skipped"
    with pytest.raises(RuleSyntaxError):
        check_rule(_rule("a", "=>", "b"), {"a": 1.0, "b": 2.0})


@given(st.lists(st.integers(-10_000, 10_000), min_size=1, max_size=20))
def test_sum_matches_python(numbers: list[int]) -> None:
    text = " + ".join(f"({n})" if n >= 0 else f"(0 - {-n})" for n in numbers)
    assert evaluate(parse_expression(text), {}) == pytest.approx(sum(numbers))


@given(st.text(max_size=60))
def test_never_raises_anything_but_syntax_errors(text: str) -> None:
    try:
        tree = parse_expression(text)
    except RuleSyntaxError:
        return
    result = evaluate(tree, VALUES)
    assert result is None or isinstance(result, float)


def test_tokenize_kinds() -> None:
    assert tokenize("a-b + 2") == [("id", "a-b"), ("op", "+"), ("number", "2")]
    assert isinstance(parse_expression("2"), Num)
