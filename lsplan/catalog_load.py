"""Loading the plan data: read both YAML files, validate them (JSON Schema 2020-12, referential
integrity, verbatim quotes) and build the Catalog. Re-exported by lsplan.catalog."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from lsplan.catalog_build import build_assignments, build_targets
from lsplan.i18n import _
from lsplan.integrity import integrity, unserved_targets
from lsplan.model import Finding, Severity
from lsplan.yamlsource import (
    YamlFileError,
    YamlSource,
    load_sources,
    parse_yaml,
    quote_findings,
    schema_findings,
)

if TYPE_CHECKING:
    from lsplan.catalog import Catalog

_PACKAGE = Path(__file__).resolve().parent
_REPO = _PACKAGE.parent
FILES = ("targets", "assignments")


class CatalogError(Exception):
    """The plan data cannot be used; `findings` says every problem found."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        errors = [f for f in findings if f.severity is Severity.ERROR]
        first = errors[0].message if errors else _("invalid plan data")
        more = _(" (and {count} more)").format(count=len(errors) - 1) if len(errors) > 1 else ""
        super().__init__(first + more)


def default_data_dir() -> Path:
    """The shipped data: inside the installed package, else the source checkout's data/."""
    packaged = _PACKAGE / "_data"
    return packaged if (packaged / "targets.yaml").exists() else _REPO / "data"


def default_schema_dir() -> Path:
    packaged = _PACKAGE / "_data" / "schemas"
    return packaged if packaged.is_dir() else _REPO / "schemas"


def default_sources_dir(data_dir: Path | None = None) -> Path | None:
    """$LSPLAN_SOURCES, else the `sources/` folder beside the data (`data_dir`), else the texts
    shipped with lsplan (data/sources/); None when there are none. A data folder written by `lsplan extract -o
    FOLDER` holds its plan's text in FOLDER/sources, so `data validate --data FOLDER` finds it."""
    env = os.environ.get("LSPLAN_SOURCES")
    if env:
        return Path(env)
    for folder in (data_dir, default_data_dir()):  # beside the data, else the shipped texts
        if folder is not None and (Path(folder) / "sources").is_dir():
            return Path(folder) / "sources"
    return None


_CACHE: dict[tuple, Catalog] = {}
# The memo's mark that integrity() and unserved_targets() found nothing in its data.
_CLEAN = "integrity-clean"


def clear_cache() -> None:
    """Forget catalogues loaded in this process (tests)."""
    _CACHE.clear()


def _label(path: Path) -> str:
    """How a data file is named in messages: data/targets.yaml, relative where that reads well."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return f"{path.parent.name}/{path.name}"


def _stamp(paths: list[Path]) -> tuple:
    return tuple((str(p), p.stat().st_mtime_ns if p.exists() else None) for p in paths)


def _read_all(data_dir: Path) -> tuple[dict[str, tuple[Path, bytes | None]], list[Finding]]:
    files: dict[str, tuple[Path, bytes | None]] = {}
    findings: list[Finding] = []
    for name in FILES:
        path = data_dir / f"{name}.yaml"
        try:
            files[name] = (path, path.read_bytes())
        except OSError as exc:
            findings.append(
                Finding(
                    code="data-unreadable",
                    severity=Severity.ERROR,
                    file=_label(path),
                    message=_("{file}: cannot read: {error}").format(
                        file=_label(path), error=exc.strerror or exc
                    ),
                )
            )
            files[name] = (path, None)
    return files, findings


def _memo_key(
    files: dict[str, tuple[Path, bytes | None]], schema_dir: Path, source_dir: Path | None, check_quotes: bool
) -> str:
    from lsplan import datacache

    blobs = [raw or b"" for _, raw in files.values()]
    extra = [str(check_quotes)]
    for name in FILES:
        schema = schema_dir / f"{name}.schema.json"
        blobs.append(schema.read_bytes() if schema.exists() else b"")
    if check_quotes and source_dir is not None and Path(source_dir).is_dir():
        for text in sorted(Path(source_dir).glob("*.txt")):  # the quotes were checked against these bytes
            extra.append(text.name)
            blobs.append(text.read_bytes())
    return datacache.key(blobs, extra)


def validate(
    data_dir: Path | None = None,
    sources_dir: Path | None = None,
    *,
    check_quotes: bool = True,
    use_memo: bool = False,
) -> tuple[Catalog | None, list[Finding]]:
    """Load and check everything; return (the catalogue or None, every finding). Never raises
    for bad data: unreadable files and YAML syntax errors are findings too.

    With `use_memo`, data whose exact bytes already passed every check is read back from the
    on-disk memo (see lsplan.datacache); referential integrity and the lead check are re-run
    unless the memo records that they found nothing in those bytes (`_CLEAN`).
    """
    from lsplan import datacache

    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    schema_dir = default_schema_dir()
    source_dir = sources_dir if sources_dir is not None else default_sources_dir(data_dir)
    files, findings = _read_all(data_dir)
    if findings:
        return None, findings
    memo_key = _memo_key(files, schema_dir, source_dir, check_quotes) if use_memo else ""
    memo = datacache.get(memo_key) if use_memo else None
    loaded: dict[str, YamlSource] = {}
    clean = False
    if isinstance(memo, dict) and set(memo) - {_CLEAN} == set(FILES):
        clean = memo.get(_CLEAN) is True
        for name, (path, raw) in files.items():
            loaded[name] = YamlSource(
                path=path, label=_label(path), text=(raw or b"").decode("utf-8-sig"), data=memo[name]
            )
    else:
        memo = None
        for name, (path, raw) in files.items():
            try:
                source = parse_yaml(raw or b"", path, _label(path))
            except YamlFileError as exc:
                findings.append(exc.finding)
                continue
            findings += source.problems  # duplicate keys, .nan / .inf: errors with file:line
            if not isinstance(source.data, dict):
                findings.append(source.finding("data-schema", (), _("the file must hold a mapping")))
                continue
            schema = schema_dir / f"{name}.schema.json"
            if schema.exists():
                findings += schema_findings(source, schema)
            else:
                findings.append(
                    Finding(
                        code="data-schema-missing",
                        severity=Severity.WARNING,
                        message=_("{schema}: schema not found; {file} not schema-checked").format(
                            schema=schema, file=source.label
                        ),
                    )
                )
            loaded[name] = source
        if any(f.severity is Severity.ERROR for f in findings) or len(loaded) < len(FILES):
            return None, findings
    from lsplan.catalog import Catalog

    catalog = Catalog(data_dir=data_dir)
    build_targets(loaded["targets"], catalog, findings)
    build_assignments(loaded["assignments"], catalog, findings)
    # Both checks are pure functions of the parsed data (whose bytes key the memo) and of code in
    # datacache._CODE (also in the key): when they found nothing in these bytes before, they
    # find nothing again, so a memo hit that says so skips them (~3 ms a start).
    checked = [] if clean else integrity(catalog, loaded["targets"], loaded["assignments"])
    findings += checked
    if memo is None and check_quotes and source_dir is not None and Path(source_dir).is_dir():
        texts = load_sources(Path(source_dir))
        for source in loaded.values():
            findings += quote_findings(source, texts)
    elif check_quotes and not use_memo:
        # An explicit validation must not read as "quotes verified" when they were not.
        from lsplan.findings import make_finding

        where = str(source_dir) if source_dir is not None else "data/sources"
        findings.append(make_finding("data-sources-missing", detail=_(
            "the plan source texts were not found ({where}), so the quotes were not checked: "
            "set LSPLAN_SOURCES or use --sources"
        ).format(where=where)))
    if not any(f.severity is Severity.ERROR for f in findings):
        if not clean:
            unserved = unserved_targets(
                catalog, ((t, catalog.lead_agencies(t)) for t in catalog.targets), loaded["targets"]
            )
            checked += unserved
            findings += unserved
        if use_memo and memo is None:
            payload: dict = {name: source.data for name, source in loaded.items()}
            payload[_CLEAN] = not checked
            datacache.put(memo_key, payload)
    catalog.warnings = tuple(f for f in findings if f.severity is not Severity.ERROR)
    return catalog, findings


def load_catalog(data_dir: Path | None = None, sources_dir: Path | None = None) -> Catalog:
    """The validated catalogue (cached while the files are unchanged); CatalogError when invalid."""
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    source_dir = sources_dir if sources_dir is not None else default_sources_dir(data_dir)
    schema_dir = default_schema_dir()
    watched = [data_dir / f"{n}.yaml" for n in FILES] + [schema_dir / f"{n}.schema.json" for n in FILES]
    key = (str(data_dir.resolve()), str(source_dir), _stamp(watched))
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    catalog, findings = validate(data_dir, source_dir, use_memo=True)
    if catalog is None or any(f.severity is Severity.ERROR for f in findings):
        raise CatalogError(findings)
    _CACHE.clear()
    _CACHE[key] = catalog
    return catalog
