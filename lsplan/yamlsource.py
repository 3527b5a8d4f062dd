"""YAML data files read with their line numbers, validated against JSON Schema into Findings.

Parsing uses libyaml (CSafeLoader) when available. Line numbers are only needed to report a
problem, so they are computed lazily: `YamlSource.line(path)` composes the node tree once (still
with libyaml) and maps every `("targets", 4, "low")` path to its 1-based line.

Before any value is built, the node tree is checked (`_check_nodes`): anchors used as aliases
(`*name`) are refused, since the plan data needs none and 424 bytes of nested aliases expand to
gigabytes in whatever walks the data (data-alias); so is nesting deeper than `MAX_DEPTH`. A key
given twice in one mapping (data-duplicate-key) and `.nan` / `.inf` (data-not-finite) become
findings with their file:line: YAML itself keeps the last duplicate silently.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from lsplan.i18n import _
from lsplan.model import Finding, Severity

PathKey = tuple[str | int, ...]
MAX_DEPTH = 40  # the plan data nests 6 levels deep
_FLOAT_TAG = "tag:yaml.org,2002:float"
_INT_TAG = "tag:yaml.org,2002:int"


def _yaml() -> Any:
    """PyYAML, imported on first use: a run answered from the plan-data memo (lsplan.datacache)
    parses no YAML, and the import is a tenth of a `check`'s start-up (README, "Speed")."""
    import yaml

    return yaml


@lru_cache(maxsize=1)
def _loader() -> type:
    """libyaml's loader (much faster); the pure-Python one where PyYAML was built without it."""
    yaml = _yaml()
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def format_path(path: Iterable[str | int]) -> str:
    """("targets", 4, "low") -> "targets[4].low"."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top)"


@dataclass
class YamlSource:
    """One YAML file: its parsed data and, on demand, the line of any path in it."""

    path: Path
    label: str  # how the file is named in messages, e.g. "data/targets.yaml"
    text: str
    data: Any
    _lines: dict[PathKey, int] | None = field(default=None, repr=False)
    # Duplicate keys and non-finite numbers found while parsing (errors with file:line).
    problems: list[Finding] = field(default_factory=list)

    def line(self, path: Sequence[str | int]) -> int | None:
        """The line of the deepest existing node on `path` (1-based), None if unknown."""
        if self._lines is None:
            self._lines = _line_map(self.text)
        key = tuple(path)
        while key:
            if key in self._lines:
                return self._lines[key]
            key = key[:-1]
        return self._lines.get((), 1)

    def finding(
        self, code: str, path: Sequence[str | int], message: str, severity: Severity = Severity.ERROR
    ) -> Finding:
        """A Finding whose message reads `data/targets.yaml:123: targets[4].low: ...`."""
        line = self.line(path)
        where = f"{self.label}:{line}" if line is not None else self.label
        return Finding(
            code=code,
            severity=severity,
            message=f"{where}: {format_path(path)}: {message}",
            file=self.label,
            line=line,
        )


class YamlFileError(Exception):
    """The file cannot be read or is not YAML; carries one Finding."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


def read_yaml(path: Path, label: str | None = None) -> YamlSource:
    """Read and parse one YAML file; raise YamlFileError with a data-yaml-syntax/data-unreadable finding."""
    label = label or path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlFileError(
            Finding(
                code="data-unreadable",
                severity=Severity.ERROR,
                message=_("{file}: cannot read: {error}").format(file=label, error=exc),
                file=label,
            )
        ) from exc
    return parse_yaml(raw, path, label)


def parse_yaml(raw: bytes, path: Path, label: str) -> YamlSource:
    """Parse bytes already read from `path`; raise YamlFileError on bad UTF-8 or bad YAML."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise YamlFileError(
            Finding(
                code="data-unreadable",
                severity=Severity.ERROR,
                message=_("{file}: not UTF-8 text: {error}").format(file=label, error=exc),
                file=label,
            )
        ) from exc
    yaml = _yaml()
    loader = _loader()(text)
    try:
        root = loader.get_single_node()  # the node tree: aliases are shared nodes, not copies
        problems = _check_nodes(root, label) if root is not None else []
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise YamlFileError(_syntax(label, line, problem)) from exc
    except (ValueError, OverflowError, RecursionError) as exc:  # an int of 5,000 digits, ...
        raise YamlFileError(_syntax(label, None, f"{type(exc).__name__}: {str(exc)[:200]}")) from exc
    finally:
        loader.dispose()
    return YamlSource(path=path, label=label, text=text, data=data, problems=problems)


def _syntax(label: str, line: int | None, problem: str) -> Finding:
    where = f"{label}:{line}" if line else label
    return Finding(
        code="data-yaml-syntax", severity=Severity.ERROR, message=f"{where}: {problem}", file=label, line=line
    )


def _check_nodes(root: Any, label: str) -> list[Finding]:
    """Refuse aliases and deep nesting (YamlFileError); duplicate keys and NaN/infinity as findings.

    Iterative and visiting each node once, so that an alias bomb costs its size, not its expansion.
    """
    yaml = _yaml()
    problems: list[Finding] = []

    def finding(code: str, node: Any, path: PathKey, message: str) -> Finding:
        line = node.start_mark.line + 1
        return Finding(
            code=code,
            severity=Severity.ERROR,
            message=f"{label}:{line}: {format_path(path)}: {message}",
            file=label,
            line=line,
        )

    seen: set[int] = set()
    stack: list[tuple[Any, PathKey]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        if id(node) in seen:
            raise YamlFileError(
                finding(
                    "data-alias",
                    node,
                    path,
                    _("YAML aliases (*name) are refused; write the value out (the anchor is on this line)"),
                )
            )
        seen.add(id(node))
        if len(path) > MAX_DEPTH:
            raise YamlFileError(
                finding("data-yaml-syntax", node, path, _("nested more than {depth} levels deep").format(
                    depth=MAX_DEPTH
                ))
            )
        if isinstance(node, yaml.MappingNode):
            first_line: dict[tuple[str, str], int] = {}
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node)
                if isinstance(key_node, yaml.ScalarNode):
                    if id(key_node) in seen:
                        raise YamlFileError(
                            finding("data-alias", key_node, path, _("YAML aliases (*name) are refused"))
                        )
                    seen.add(id(key_node))
                    marker = (key_node.tag, key)
                    if marker in first_line:
                        problems.append(
                            finding(
                                "data-duplicate-key",
                                key_node,
                                (*path, key),
                                _("key {key} is given twice (first on line {line}); YAML would keep "
                                  "only the last").format(key=repr(key), line=first_line[marker]),
                            )
                        )
                    else:
                        first_line[marker] = key_node.start_mark.line + 1
                else:
                    stack.append((key_node, path))
                stack.append((value_node, (*path, key)))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, (*path, index)) for index, item in enumerate(node.value))
        elif node.tag in (_FLOAT_TAG, _INT_TAG) and not _finite(node.tag, node.value):
            problems.append(
                finding("data-not-finite", node, path, _("{value} is not a finite number").format(
                    value=repr(node.value[:40])
                ))
            )
    problems.sort(key=lambda f: f.line or 0)
    return problems


def _finite(tag: str, value: str) -> bool:
    """False for .nan, .inf and numbers beyond a float's range (1.0e+400, 400-digit integers)."""
    text = value.lower().replace("_", "").lstrip("+-")
    if tag == _INT_TAG:
        return len(text) <= 300
    if text in (".nan", ".inf"):
        return False
    try:
        return math.isfinite(float(text))
    except ValueError:
        return True  # sexagesimal floats (1:30.5): finite, and the schema judges them


def _line_map(text: str) -> dict[PathKey, int]:
    yaml = _yaml()
    try:
        root = yaml.compose(text, Loader=_loader())
    except yaml.YAMLError:
        return {}
    lines: dict[PathKey, int] = {}
    stack: list[tuple[Any, PathKey]] = [(root, ())] if root is not None else []
    while stack:
        node, path = stack.pop()
        lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = key_node.value
                lines[(*path, key)] = key_node.start_mark.line + 1
                if isinstance(value_node, (yaml.MappingNode, yaml.SequenceNode)):
                    # a nested block starts on the key's line in the reader's eyes
                    stack.append((value_node, (*path, key)))
                    lines.setdefault((*path, key), key_node.start_mark.line + 1)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                stack.append((item, (*path, index)))
    return lines


# --------------------------------------------------------------------------- JSON Schema


@lru_cache(maxsize=8)
def _validator(schema_path: str, mtime: float):
    from jsonschema import Draft202012Validator

    schema = json.loads(Path(schema_path).read_text(encoding="utf-8"))
    # Local "$ref"s are inlined once: validation is then several times faster (no reference
    # lookups), which keeps a full catalogue load fast. The schemas are not recursive.
    return Draft202012Validator(_inline_refs(schema, schema.get("$defs", {})))


def check_schema_file(schema_path: Path) -> None:
    """Raise jsonschema.SchemaError when a schema file is not valid JSON Schema 2020-12 (tests)."""
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(json.loads(schema_path.read_text(encoding="utf-8")))


def _inline_refs(node: Any, defs: dict, depth: int = 0) -> Any:
    if depth > 50:
        raise ValueError("schema $ref nesting too deep (recursive schema?)")
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/") and ref[8:] in defs:
            rest = {k: v for k, v in node.items() if k != "$ref"}
            target = _inline_refs(defs[ref[8:]], defs, depth + 1)
            return {"allOf": [target, _inline_refs(rest, defs, depth + 1)]} if rest else target
        return {k: _inline_refs(v, defs, depth + 1) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [_inline_refs(v, defs, depth + 1) for v in node]
    return node


def schema_findings(source: YamlSource, schema_path: Path) -> list[Finding]:
    """Validate the parsed data against a JSON Schema 2020-12 file; one Finding per error."""
    validator = _validator(str(schema_path), schema_path.stat().st_mtime)
    findings = []
    for error in sorted(validator.iter_errors(source.data), key=lambda e: list(map(str, e.absolute_path))):
        # A failing oneOf/anyOf explains itself best through its most specific sub-error.
        best = error
        if error.context:
            from jsonschema.exceptions import best_match

            best = best_match(error.context) or error
        path = list(best.absolute_path)
        message = best.message
        if len(message) > 300:
            message = message[:297] + "..."
        findings.append(source.finding("data-schema", path, message))
    return findings


# --------------------------------------------------------------------------- quotes


def squash(text: str) -> str:
    """NFC, no white space, no soft hyphens: the form in which quotes are compared."""
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "")
    return re.sub(r"\s+", "", text)


@lru_cache(maxsize=4)
def _sources(sources_dir: str, stamp: tuple[float, ...]) -> dict[str, str]:
    return {p.name: squash(p.read_text(encoding="utf-8")) for p in sorted(Path(sources_dir).glob("*.txt"))}


def load_sources(sources_dir: Path) -> dict[str, str]:
    """Source file name -> squashed text (cached while the files are unchanged)."""
    files = sorted(sources_dir.glob("*.txt"))
    return _sources(str(sources_dir), tuple(p.stat().st_mtime for p in files))


def quote_findings(source: YamlSource, sources: dict[str, str]) -> list[Finding]:
    """Every mapping with a `quote` must quote its `document` (or any source) verbatim."""
    findings = []
    for path, mapping in _walk(source.data, ()):
        quote = mapping.get("quote")
        if not isinstance(quote, str) or not quote.strip():
            continue
        squashed = squash(quote)
        document = mapping.get("document")
        if isinstance(document, str) and document in sources:
            if squashed not in sources[document]:
                other = [name for name, text in sources.items() if squashed in text]
                hint = _(" (it is in {document})").format(document=other[0]) if other else ""
                findings.append(
                    source.finding(
                        "data-quote-not-found",
                        (*path, "quote"),
                        _("quote not found in {document}{hint}: {quote}").format(
                            document=document, hint=hint, quote=repr(quote[:80])
                        ),
                    )
                )
        elif isinstance(document, str) and document:
            findings.append(
                source.finding(
                    "data-unknown-document",
                    (*path, "document"),
                    _("no source text named {document}").format(document=repr(document)),
                )
            )
        elif not any(squashed in text for text in sources.values()):
            findings.append(
                source.finding(
                    "data-quote-not-found",
                    (*path, "quote"),
                    _("quote not found in any source: {quote}").format(quote=repr(quote[:80])),
                )
            )
    return findings


def _walk(node: Any, path: PathKey):
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _walk(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, (*path, index))
