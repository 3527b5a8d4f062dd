"""`lsplan ingest`: check submissions and store the accepted ones, with history warnings.

Each file is checked exactly as `lsplan check` does (`lsplan.checks.check_file`). A file with
any error is refused whole: nothing of it is stored. A file already stored (same SHA-256)
changes nothing. An accepted file is stored in one transaction (see `lsplan.store`).

Reading: the file type is checked first (a regular file only: a FIFO, a device such as /dev/zero
or a folder is refused at once, never read), then its bytes are read once; the SHA-256 and the
check are both of those same bytes (the checker reads a private copy), so a file that changes
while it is ingested is stored as one version or the other, never one version's hash with the
other's figures. A file name that is not UTF-8 is stored with its exact bytes (lsplan.filenames).
One bad file never stops a batch: it is reported (even an unexpected failure of lsplan, as
`ingest-failed`) and the next file is read.

History warnings (severity warning; the file is still accepted), for cumulative figures only:
- `history-cumulative-decrease`: a flow's cumulative figure is lower than the previous
  quarter's cumulative figure of the same year (a cumulative total cannot go down).
- `history-outlier`: against the value that counted so far for the same indicator and period
  (this year's earlier submission; failing that, the same quarter of the previous year):
  for percentages (growth rates, shares) a change of more than 10 percentage points; for other
  measures a value more than 3 times or less than a third of it (both values positive).
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lsplan.filenames import is_utf8, raw_name, readable
from lsplan.findings import make_finding
from lsplan.i18n import _, resolve_lang
from lsplan.model import Finding, Observation, Severity
from lsplan.store import MATURITY_RANK, PERIODS, Store, StoreError, quarter_index

OUTLIER_RATIO = 3.0
OUTLIER_POINTS = 10.0
_PERCENT_MEASURES = {"growth_rate", "share"}


@dataclass(slots=True)
class FileOutcome:
    """What happened (or would happen, with --dry-run) to one file."""

    path: str
    # "added" | "unchanged" | "refused" | "unreadable" | "failed" (lsplan itself failed on it);
    # dry run: "would-add"
    status: str
    sha256: str | None = None
    agency: str | None = None
    year: int | None = None
    period: str | None = None
    submission: int | None = None
    observations: int = 0
    supersedes: list[int] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "status": self.status,
            "sha256": self.sha256,
            "agency": self.agency,
            "year": self.year,
            "period": self.period,
            "submission": self.submission,
            "observations": self.observations,
            "supersedes": self.supersedes,
            "findings": [f.as_dict() for f in self.findings],
        }


@dataclass(slots=True)
class IngestReport:
    files: list[FileOutcome]
    dry_run: bool = False

    @property
    def refused(self) -> bool:
        return any(f.status in ("refused", "unreadable", "failed") for f in self.files)

    @property
    def exit_code(self) -> int:
        """0 all stored or unchanged; 1 a file was refused (errors); 2 a file could not be read
        (or lsplan failed on it)."""
        if any(f.status in ("unreadable", "failed") for f in self.files):
            return 2
        return 1 if self.refused else 0

    def to_dict(self) -> dict[str, Any]:
        return {"dry_run": self.dry_run, "files": [f.to_dict() for f in self.files]}


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class _Unreadable(Exception):
    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


def _refusal(code: str, where: Path, **params: Any) -> _Unreadable:
    return _Unreadable(replace(make_finding(code, **params), file=readable(where)))


def read_once(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file, read once, or _Unreadable: the type is checked before any
    read (a FIFO would block, /dev/zero never ends) and again on the open descriptor (the name
    may have been swapped in between); at most `max_bytes` are read."""
    shown = readable(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise _refusal("file-not-found", path, path=shown) from None
    except OSError as exc:
        raise _refusal("file-unreadable", path, detail=f"{shown}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise _refusal("not-a-file", path, path=_not_regular(shown, info.st_mode))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _refusal("file-unreadable", path, detail=f"{shown}: {exc.strerror or exc}") from None
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            raise _refusal("not-a-file", path, path=_not_regular(shown, opened.st_mode))
        chunks, total = [], 0
        while total <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise _refusal("file-unreadable", path, detail=f"{shown}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if total > max_bytes:
        detail = _("more than {limit} bytes").format(limit=f"{max_bytes:,}")
        raise _refusal("file-too-large", path, detail=detail)
    return b"".join(chunks)


def _not_regular(shown: str, mode: int) -> str:
    kind = _("a folder") if stat.S_ISDIR(mode) else _("a device, FIFO or socket, not a regular file")
    return f"{shown} ({kind})"


def _default_checker() -> Callable[..., Any]:
    from lsplan.checks import check_file

    return check_file


def ingest(
    store: Store,
    paths: Iterable[Path | str],
    catalog: Any,
    *,
    dry_run: bool = False,
    agency: str | None = None,
    year: int | None = None,
    quarter: str | None = None,
    checker: Callable[..., Any] | None = None,
    on_file: Callable[[FileOutcome], None] | None = None,
) -> IngestReport:
    """Check and store each file; see the module docstring for the rules.

    `agency`, `year`, `quarter` override what the files say (as for `lsplan check`); `on_file` is
    called after each file (progress bars).
    """
    if checker is None:
        from functools import partial

        from lsplan.checks import check_file

        checker = _default_checker()
        if checker is check_file:  # the officer's learned names beside *this* store (`lsplan alias`)
            checker = partial(check_file, aliases=store.path)
    check = checker
    outcomes = []
    for raw_path in paths:
        try:
            outcome = _ingest_one(store, Path(raw_path), catalog, check, dry_run, agency, year, quarter)
        except StoreError:
            raise  # the store itself is unusable: nothing more can be stored
        except Exception as exc:  # noqa: BLE001 (a bug on one file must not stop a batch of forty)
            outcome = _failed(raw_path, exc)
        outcomes.append(outcome)
        if on_file is not None:
            on_file(outcome)
    return IngestReport(files=outcomes, dry_run=dry_run)


def _failed(raw_path: Path | str, exc: Exception) -> FileOutcome:
    """lsplan itself failed on a file (a bug, not bad data): said so, with the error, status "failed"."""
    shown = readable(raw_path)
    detail = _("lsplan failed on {path} ({error}); the other files were still read. Please report it.")
    error = f"{type(exc).__name__}: {exc}"
    finding = make_finding("ingest-failed", detail=detail.format(path=shown, error=error))
    finding = replace(finding, file=shown)
    return FileOutcome(path=shown, status="failed", findings=[finding])


def _ingest_one(
    store: Store,
    path: Path,
    catalog: Any,
    check: Callable[..., Any],
    dry_run: bool,
    agency: str | None,
    year: int | None,
    quarter: str | None,
) -> FileOutcome:
    outcome = FileOutcome(path=readable(path), status="refused")
    from lsplan.readers import DEFAULT_LIMITS

    try:
        content = read_once(path, DEFAULT_LIMITS.max_file_bytes)
    except _Unreadable as exc:
        outcome.status = "unreadable"
        outcome.findings.append(exc.finding)
        return outcome
    outcome.sha256 = hashlib.sha256(content).hexdigest()
    known = store.find_sha(outcome.sha256)
    if known is not None:
        outcome.status = "unchanged"
        outcome.submission, outcome.agency = known.id, known.agency
        outcome.year, outcome.period = known.year, known.period
        return outcome
    result = _check_bytes(content, path, catalog, check, agency=agency, year=year, quarter=quarter)
    outcome.agency, outcome.year, outcome.period = result.agency, result.year, result.period
    outcome.findings.extend(
        replace(f, file=outcome.path) if f.file is not None else f for f in result.findings
    )
    if result.status == "unreadable":
        outcome.status = "unreadable"
        return outcome
    if result.status != "ok" or any(f.severity == Severity.ERROR for f in result.findings):
        return outcome
    if not result.agency or result.year is None or result.period not in PERIODS:
        outcome.findings.append(
            replace(
                make_finding(
                    "ingest-missing-metadata",
                    detail=_("agency, year or period unknown: give --agency/--year/--quarter"),
                ),
                file=outcome.path,
            )
        )
        return outcome
    observations = list(result.observations)
    outcome.observations = len(observations)
    outcome.findings.extend(history_warnings(store, catalog, result.year, result.period, observations))
    key = {"agency": result.agency, "year": result.year, "period": result.period}
    if dry_run:
        outcome.status = "would-add"
        rank = min((MATURITY_RANK.get(o.maturity, 0) for o in observations), default=0)
        outcome.supersedes = [
            s.id
            for s in store.submissions(**key)
            if s.superseded_by is None and MATURITY_RANK.get(s.maturity, 0) <= rank
        ]
        return outcome
    before = {s.id for s in store.submissions(**key) if s.superseded_by is None}
    submission, added = store.add_submission(
        file_name=readable(path.name),
        file_name_bytes=None if is_utf8(path.name) else raw_name(path),
        sha256=outcome.sha256,
        agency=result.agency,
        year=int(result.year),
        period=result.period,
        observations=observations,
    )
    outcome.submission = submission.id
    outcome.status = "added" if added else "unchanged"
    if added:  # what actually lost its place (a more mature earlier submission keeps it)
        outcome.supersedes = sorted(
            s.id for s in store.submissions(**key) if s.id in before and s.superseded_by is not None
        )
    return outcome


def _check_bytes(content: bytes, path: Path, catalog: Any, check: Callable[..., Any], **options: Any) -> Any:
    """Check `content` (the bytes hashed), not the file again: the checker reads a private copy,
    in a folder only this user can read, named like the file (the suffix tells CSV from XLSX, and
    a name such as "so-cong-thuong-quy-2.xlsx" may be what tells the agency and period)."""
    suffix = "".join(ch for ch in readable(path.suffix) if ch.isalnum() or ch == ".")[:16]
    stem = "".join(ch for ch in readable(path.stem) if ch.isalnum() or ch in " -_.()")[:120].strip(" .")
    with tempfile.TemporaryDirectory(prefix="lsplan-ingest-") as folder:
        copy = Path(folder) / f"{stem or 'submission'}{suffix}"
        with open(copy, "wb") as handle:
            handle.write(content)
        return check(copy, catalog, **options)


def _number(value: float) -> str:
    """A figure in a history message, written the way of the process language."""
    from lsplan.numfmt import format_number

    return format_number(value, resolve_lang(), 4)


def flow_indicators(catalog: Any) -> set[str]:
    indicators = getattr(catalog, "indicators", {}) or {}
    return {i for i, ind in indicators.items() if str(getattr(ind, "measure", "")) == "flow"}


def history_warnings(
    store: Store, catalog: Any, year: int, period: str, observations: Sequence[Observation]
) -> list[Finding]:
    """Warnings for figures that break with what the store already holds."""
    indicators = getattr(catalog, "indicators", {}) or {}
    flows = flow_indicators(catalog)
    wanted = {o.indicator for o in observations}
    index = quarter_index(period)
    previous_quarter = (
        store.current(year, PERIODS[index - 2], flows=flows, indicators=wanted) if index > 1 else {}
    )
    same_period = store.current(year, period, flows=flows, indicators=wanted)
    last_year = store.current(year - 1, period, flows=flows, indicators=wanted)
    findings = []
    for obs in observations:
        if not obs.cumulative:
            continue
        before = previous_quarter.get(obs.indicator)
        if obs.indicator in flows and before is not None and obs.value < before.observation.value:
            findings.append(
                make_finding(
                    "history-cumulative-decrease",
                    detail=_(
                        "cumulative {value} for {period} is lower than {before} for {before_period} "
                        "({file}): a cumulative figure cannot go down"
                    ).format(
                        value=_number(obs.value),
                        period=period,
                        before=_number(before.observation.value),
                        before_period=before.observation.period,
                        file=before.file_name,
                    ),
                    sheet=obs.sheet,
                    cell=obs.cell,
                    indicator=obs.indicator,
                )
            )
        reference = same_period.get(obs.indicator) or last_year.get(obs.indicator)
        if reference is None:
            continue
        measure = str(getattr(indicators.get(obs.indicator), "measure", ""))
        if _is_outlier(obs.value, reference.observation.value, percent=measure in _PERCENT_MEASURES):
            ref = reference.observation
            findings.append(
                make_finding(
                    "history-outlier",
                    detail=_(
                        "{value} breaks with {reference} received for {period} {year} ({file}): "
                        "check the figure and its unit"
                    ).format(
                        value=_number(obs.value),
                        reference=_number(ref.value),
                        year=ref.year,
                        period=ref.period,
                        file=reference.file_name,
                    ),
                    sheet=obs.sheet,
                    cell=obs.cell,
                    indicator=obs.indicator,
                )
            )
    return findings


def _is_outlier(value: float, reference: float, *, percent: bool) -> bool:
    if percent:
        return abs(value - reference) > OUTLIER_POINTS
    if value <= 0 or reference <= 0:
        return False
    return value > OUTLIER_RATIO * reference or value < reference / OUTLIER_RATIO
