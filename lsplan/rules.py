"""A small, safe evaluator for cross-row consistency rules declared in the data.

A rule compares two arithmetic expressions over indicator ids (kebab-case) and numbers:
`grdp-share-agri + grdp-share-industry-construction + grdp-share-services + grdp-share-taxes == 100`
with a tolerance. Expressions are tokenised and parsed by a recursive-descent parser into a tiny
tree and evaluated against a dict of values: nothing is ever passed to `eval`, and only + - * /,
unary minus, parentheses, numbers and ids exist. Identifiers must start with a letter, so
"a-b" is one id; write "a - b" (with spaces) for a subtraction.

Grammar:  expr := term (("+" | "-") term)* ;  term := factor (("*" | "/") factor)* ;
          factor := NUMBER | ID | "(" expr ")" | "-" factor
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from lsplan.model import Rule

OPERATORS = ("==", "!=", "<=", ">=", "<", ">")
MAX_LENGTH = 2_000  # longer expressions are refused: rules are short by nature
MAX_DEPTH = 50

_TOKEN = re.compile(
    r"\s*(?:(?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(?P<id>[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*)|(?P<op>[-+*/()]))"
)


class RuleSyntaxError(ValueError):
    """The expression is not valid rule arithmetic."""


@dataclass(frozen=True, slots=True)
class Num:
    value: float


@dataclass(frozen=True, slots=True)
class Ref:
    name: str


@dataclass(frozen=True, slots=True)
class Neg:
    operand: Expr


@dataclass(frozen=True, slots=True)
class BinOp:
    op: str
    left: Expr
    right: Expr


Expr = Num | Ref | Neg | BinOp


def tokenize(text: str) -> list[tuple[str, str]]:
    """(kind, text) pairs; kind is "number", "id" or "op". Raises RuleSyntaxError."""
    if len(text) > MAX_LENGTH:
        raise RuleSyntaxError(f"expression longer than {MAX_LENGTH} characters")
    tokens: list[tuple[str, str]] = []
    position = 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise RuleSyntaxError(f"unexpected {text[position:].strip()[:20]!r} at position {position}")
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.index = 0
        self.depth = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise RuleSyntaxError("expression ends too early")
        self.index += 1
        return token

    def expr(self) -> Expr:
        node = self.term()
        while (token := self.peek()) is not None and token[1] in ("+", "-") and token[0] == "op":
            self.take()
            node = BinOp(token[1], node, self.term())
        return node

    def term(self) -> Expr:
        node = self.factor()
        while (token := self.peek()) is not None and token[1] in ("*", "/"):
            self.take()
            node = BinOp(token[1], node, self.factor())
        return node

    def factor(self) -> Expr:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise RuleSyntaxError("expression nested too deeply")
        try:
            kind, text = self.take()
            if kind == "number":
                return Num(float(text))
            if kind == "id":
                return Ref(text)
            if text == "-":
                return Neg(self.factor())
            if text == "(":
                node = self.expr()
                if self.take()[1] != ")":
                    raise RuleSyntaxError("')' expected")
                return node
            raise RuleSyntaxError(f"unexpected {text!r}")
        finally:
            self.depth -= 1


def parse_expression(text: str) -> Expr:
    """Parse rule arithmetic into a tree. Raises RuleSyntaxError."""
    parser = _Parser(tokenize(text))
    if not parser.tokens:
        raise RuleSyntaxError("empty expression")
    node = parser.expr()
    if parser.peek() is not None:
        raise RuleSyntaxError(f"unexpected {parser.peek()[1]!r} after the expression")  # type: ignore[index]
    return node


def references(node: Expr) -> set[str]:
    """Indicator ids the expression uses."""
    if isinstance(node, Ref):
        return {node.name}
    if isinstance(node, Neg):
        return references(node.operand)
    if isinstance(node, BinOp):
        return references(node.left) | references(node.right)
    return set()


def evaluate(node: Expr, values: Mapping[str, float]) -> float | None:
    """The expression's value, or None when an id has no value or a division is by zero."""
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Ref):
        value = values.get(node.name)
        return None if value is None or not math.isfinite(value) else float(value)
    if isinstance(node, Neg):
        inner = evaluate(node.operand, values)
        return None if inner is None else -inner
    left, right = evaluate(node.left, values), evaluate(node.right, values)
    if left is None or right is None:
        return None
    if node.op == "+":
        return left + right
    if node.op == "-":
        return left - right
    if node.op == "*":
        return left * right
    return None if right == 0 else left / right


def compare(left: float, operator: str, right: float, tolerance: float = 0.0) -> bool:
    """`left operator right`, with equality meaning |left - right| <= tolerance."""
    difference = left - right
    if operator == "==":
        return abs(difference) <= tolerance
    if operator == "!=":
        return abs(difference) > tolerance
    if operator == "<":
        return difference < tolerance
    if operator == "<=":
        return difference <= tolerance
    if operator == ">":
        return difference > -tolerance
    if operator == ">=":
        return difference >= -tolerance
    raise RuleSyntaxError(f"unknown operator {operator!r} (expected one of {', '.join(OPERATORS)})")


@dataclass(frozen=True, slots=True)
class RuleOutcome:
    rule: Rule
    status: str  # "pass", "fail", "missing" (a side has no value), "skipped" (nothing to check)
    left: float | None = None
    right: float | None = None
    missing: tuple[str, ...] = ()


def check_rule(rule: Rule, values: Mapping[str, float]) -> RuleOutcome:
    """Evaluate one rule. "skipped" when none of its ids has a value (the submission is not about it)."""
    left_tree, right_tree = parse_expression(rule.left), parse_expression(rule.right)
    if rule.operator not in OPERATORS:
        raise RuleSyntaxError(f"unknown operator {rule.operator!r}")
    ids = references(left_tree) | references(right_tree)
    missing = tuple(sorted(name for name in ids if values.get(name) is None))
    if ids and len(missing) == len(ids):
        return RuleOutcome(rule, "skipped", missing=missing)
    left, right = evaluate(left_tree, values), evaluate(right_tree, values)
    if left is None or right is None:
        return RuleOutcome(rule, "missing", left, right, missing)
    status = "pass" if compare(left, rule.operator, right, rule.tolerance) else "fail"
    return RuleOutcome(rule, status, left, right)
