"""Names an officer taught lsplan: a local alias file beside the store, checked like the data.

    lsplan alias add "TMBL" retail-sales      # add_alias(path, catalog, "TMBL", "retail-sales")
    lsplan alias list                         # load_aliases(path, catalog)
    lsplan alias remove "TMBL"                # remove_alias(path, "TMBL")

The file is `aliases.yaml` in the store's folder (`lsplan.store.resolve_store_path`: --store,
else $LSPLAN_STORE, else the user data folder), or $LSPLAN_ALIASES when set:

    version: 1
    aliases:
      - name: TMBL
        indicator: retail-sales
        added: "2025-07-02"

Every load and every change is checked as the shipped data is: JSON Schema
(schemas/aliases.schema.json), the indicator must exist, and the name must not already name
another indicator (its name, an alias, or a bare name that only the heading above it decides,
such as "Dịch vụ": a learned alias would override the heading and read every services growth
row as a share). Problems are Findings with stable codes (alias-*); changes are written
atomically. Learned aliases match with method "learned-alias" (lsplan.indicator_match).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from lsplan.findings import make_finding
from lsplan.model import Finding
from lsplan.name_forms import loose_form
from lsplan.text import fold, nfc

if TYPE_CHECKING:
    from lsplan.catalog import Catalog
    from lsplan.names import IndicatorIndex

FILE_NAME = "aliases.yaml"
_HEADER = (
    "# Names taught to lsplan with `lsplan alias add NAME INDICATOR`; checked like data/targets.yaml.\n"
    "# Edit with `lsplan alias add/remove`, or by hand and then `lsplan alias list` to check.\n"
)


@dataclass(frozen=True, slots=True)
class LearnedAlias:
    name: str
    indicator: str
    added: str = ""


class AliasError(Exception):
    """An alias file that cannot be used or a change that is refused; `findings` say why.
    `unreadable` is True when the file cannot be read or written at all (exit 2, not 1)."""

    def __init__(self, findings: list[Finding], unreadable: bool = False) -> None:
        super().__init__("; ".join(f.message for f in findings))
        self.findings = findings
        self.unreadable = unreadable


def alias_path(store: Path | str | None = None) -> Path:
    """$LSPLAN_ALIASES, else aliases.yaml in the folder of the store `store` resolves to."""
    from lsplan.store_paths import resolve_store_path

    explicit = os.environ.get("LSPLAN_ALIASES")
    if explicit:
        return Path(explicit)
    return resolve_store_path(store).parent / FILE_NAME


def _schema() -> Path:
    from lsplan.catalog_load import default_schema_dir

    return default_schema_dir() / "aliases.schema.json"


def read_aliases(path: Path) -> list[LearnedAlias]:
    """The entries of the file as written (none when it does not exist), schema-checked.
    Raises AliasError for a file that is not valid YAML or breaks the schema."""
    from lsplan.yamlsource import YamlFileError, read_yaml, schema_findings

    if not path.exists():
        return []
    try:
        source = read_yaml(path, str(path))
    except YamlFileError as exc:
        raise AliasError([_file_finding(path, exc.finding.message)], unreadable=True) from None
    if source.data is None:
        return []
    problems = schema_findings(source, _schema()) if _schema().exists() else []
    if problems:
        raise AliasError([_file_finding(path, f.message, f.line) for f in problems])
    return [
        LearnedAlias(nfc(str(e["name"])), str(e["indicator"]), str(e.get("added") or ""))
        for e in source.data.get("aliases") or []
    ]


def _file_finding(path: Path, detail: str, line: int | None = None) -> Finding:
    return make_finding("alias-file-invalid", file=str(path), line=line, detail=detail)


def problems(entries: list[LearnedAlias], catalog: Catalog) -> list[Finding]:
    """What is wrong with a list of learned aliases against the catalogue (empty when usable)."""
    out: list[Finding] = []
    owners = _catalogue_names(catalog)
    seen: dict[str, str] = {}
    for entry in entries:
        key = fold(entry.name)
        loose = loose_form(entry.name).key
        if entry.indicator not in catalog.indicators:
            out.append(
                make_finding(
                    "alias-indicator-unknown",
                    name=entry.name,
                    indicator=entry.indicator,
                    hint=_suggest_id(catalog, entry.indicator),
                )
            )
            continue
        # the name as typed, and its loose form: "Tổng thu NSNN (tỷ đồng)" is budget revenue's
        owner = owners.get(key) or owners.get(loose) if loose else owners.get(key)
        if owner is not None and owner != {entry.indicator}:
            out.append(_collision(catalog, entry.name, owner, entry.indicator))
        elif key in seen and seen[key] != entry.indicator:
            out.append(_collision(catalog, entry.name, {seen[key]}, entry.indicator))
        seen.setdefault(key, entry.indicator)
    return out


def _collision(catalog: Catalog, name: str, owner: set[str], wanted: str) -> Finding:
    others = sorted(owner - {wanted}) or sorted(owner)
    names = ", ".join(f"{catalog.indicators[i].name} ({i})" for i in others if i in catalog.indicators)
    code = "alias-shared-name" if len(owner) > 1 else "alias-collision"
    return make_finding(code, name=name, others=names, indicator=wanted)


def _catalogue_names(catalog: Catalog) -> dict[str, set[str]]:
    """Folded and loose forms of names, ids, English names, aliases and context names -> the
    indicators they name."""
    owners: dict[str, set[str]] = {}
    for indicator in catalog.indicators.values():
        for name in (
            indicator.id,
            indicator.name,
            indicator.name_en,
            *indicator.aliases,
            *indicator.context_names,
        ):
            for key in {fold(name), loose_form(name).key} - {""}:
                owners.setdefault(key, set()).add(indicator.id)
    return owners


def _suggest_id(catalog: Catalog, text: str) -> str:
    import difflib

    close = difflib.get_close_matches(text, list(catalog.indicators), n=3, cutoff=0.5)
    if not close:
        return ""
    from lsplan.i18n import _

    return _(" (did you mean: {names}?)").format(names=", ".join(close))


def load_aliases(path: Path, catalog: Catalog) -> dict[str, str]:
    """Learned alias -> indicator id, for `IndicatorIndex(..., learned=...)`. Raises AliasError
    when the file is invalid or an entry does not fit the catalogue."""
    entries = read_aliases(path)
    if not entries:  # no file, or an empty one: nothing to check against the catalogue's names
        return {}
    found = problems(entries, catalog)
    if found:
        raise AliasError(found)
    return {entry.name: entry.indicator for entry in entries}


def learned_index(catalog: Catalog, store: Path | str | None = None) -> tuple[IndicatorIndex, list[Finding]]:
    """The catalogue's indicator index with the learned aliases beside `store`. A broken alias
    file is not fatal to a check: the index is then the shipped one, and the findings say why."""
    path = alias_path(store)
    try:
        stat = path.stat()
        key: tuple | None = (str(path), stat.st_mtime_ns, stat.st_size, id(catalog))
    except OSError:
        key = None  # no file (or none readable): load_aliases says which, and costs nothing
    if key is not None and key in _LEARNED:
        learned, findings = _LEARNED[key]
    else:
        try:
            learned, findings = load_aliases(path, catalog), []
        except AliasError as exc:
            learned, findings = {}, exc.findings
        if key is not None:
            # `check` of 200 files reads and schema-checks the same file once, not 200 times; an
            # edit changes its mtime or size and is read again.
            _LEARNED.clear()
            _LEARNED[key] = (learned, findings)
    return catalog.indicator_index(learned), list(findings)


_LEARNED: dict[tuple, tuple[dict[str, str], list[Finding]]] = {}


def add_alias(
    path: Path, catalog: Catalog, name: str, indicator: str, today: str | None = None
) -> LearnedAlias:
    """Teach `name` -> `indicator`. Idempotent for the same pair; raises AliasError when refused,
    ValueError for a name with no letters or digits."""
    text = nfc(name)
    if not fold(text):
        raise ValueError(f"an alias needs letters or digits: {name!r}")
    entries = read_aliases(path)
    if any(fold(e.name) == fold(text) and e.indicator == indicator for e in entries):
        return next(e for e in entries if fold(e.name) == fold(text))
    entry = LearnedAlias(text, indicator, today or date.today().isoformat())
    found = problems([*entries, entry], catalog)
    if found:
        raise AliasError(found)
    _write(path, [*entries, entry])
    return entry


def remove_alias(path: Path, name: str) -> LearnedAlias:
    """Forget a learned alias (matched on its folded form); raises AliasError when absent."""
    entries = read_aliases(path)
    gone = [e for e in entries if fold(e.name) == fold(name)]
    if not gone:
        raise AliasError([make_finding("alias-not-found", name=name, path=str(path))])
    _write(path, [e for e in entries if fold(e.name) != fold(name)])
    return gone[0]


def _write(path: Path, entries: list[LearnedAlias]) -> None:
    """The whole file, atomically: a temporary file in the same folder, then os.replace."""
    import tempfile  # with random and its seeding: ~2 ms that a check, which never writes, skips

    import yaml

    data = {
        "version": 1,
        "aliases": [{"name": e.name, "indicator": e.indicator, "added": e.added} for e in entries],
    }
    text = _HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".aliases-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise AliasError(
            [make_finding("alias-file-unwritable", file=str(path), detail=f"{path}: {exc.strerror or exc}")],
            unreadable=True,
        ) from None
