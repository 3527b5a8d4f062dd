"""The one catalogue of finding codes: code -> severity, title and message template.

Every `Finding` lsplan produces uses a code from `CODES` (a test checks this). Codes are stable,
kebab-case, and listed in the README. To add a code, add one line to the table below (and its
Vietnamese title and message to lsplan/locale/vi/LC_MESSAGES/lsplan.po: a test checks this); build
findings with `make_finding(code, **placeholders, sheet=..., cell=..., indicator=...)` so the
severity and wording come from here.

Titles and messages are English msgids, translated through the gettext catalogs into the
language of the process (`lsplan --lang`, $LSPLAN_LANG; Vietnamese by default): the officers who
sent a file read its findings in Vietnamese. Numbers in messages are written the way of that
language ("9.937,8" in Vietnamese, "9,937.8" in English). Codes and severities never change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from lsplan.model import Finding, Severity

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741 (short names keep the table readable)


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    severity: Severity
    title: str
    message: str  # str.format template; placeholders are filled by make_finding


def _table(*rows: tuple[str, Severity, str, str]) -> dict[str, Code]:
    return {code: Code(code, severity, title, message) for code, severity, title, message in rows}


CODES: dict[str, Code] = _table(
    # --- files that cannot be read at all (lsplan.readers) ---
    ("file-not-found", E, "File not found", "File not found: {path}"),
    (
        "not-a-spreadsheet",
        E,
        "Not a spreadsheet",
        "Not a spreadsheet (.xlsx, .xls or .csv expected): {detail}",
    ),
    ("format-unsupported", E, "Format not supported", "This format is not supported: {detail}"),
    ("file-empty", E, "Empty file", "The file is empty."),
    (
        "file-encrypted",
        E,
        "Encrypted file",
        "The workbook is password-protected; save it without a password.",
    ),
    (
        "file-macro-enabled",
        E,
        "Macro-enabled workbook",
        "Macro-enabled workbooks are refused; save as .xlsx.",
    ),
    ("file-too-large", E, "File too large", "The file is too large: {detail}"),
    ("zip-bomb", E, "Compressed size suspicious", "Refused: the archive expands suspiciously ({detail})."),
    ("xml-unsafe", E, "Unsafe XML", "Refused: the workbook contains unsafe XML ({detail})."),
    ("file-corrupt", E, "Corrupt file", "The file is damaged and cannot be read: {detail}"),
    ("rows-capped", E, "Too many rows", "Only the first {limit} rows were read; the rest was not checked."),
    ("sheets-capped", E, "Too many sheets", "The workbook holds too many sheets; the rest was not checked."),
    ("cells-capped", E, "Too many cells", "The sheet holds too many cells; the rest was not checked."),
    (
        "cols-capped",
        E,
        "Too many columns",
        "Only the first {limit} columns were read; the rest was not checked.",
    ),
    ("file-unreadable", E, "File unreadable", "The file cannot be read: {detail}"),
    ("not-a-file", E, "Not a file", "Not a file: {path}"),
    ("csv-encoding-guessed", W, "CSV encoding guessed", "The CSV is not UTF-8; read as {encoding}."),
    # --- layout ---
    (
        "no-table-found",
        E,
        "No table found",
        "No report table found (a header row with 'Chỉ tiêu' and 'Thực hiện' columns, or an lsplan form).",
    ),
    ("missing-column", E, "Missing column", "The table has no '{column}' column."),
    ("form-damaged", E, "Form damaged", "The lsplan form's hidden metadata is damaged: {detail}"),
    # --- metadata: agency and period ---
    (
        "agency-missing",
        E,
        "Agency missing",
        "The reporting agency is not named in the title block; give it with --agency.",
    ),
    (
        "agency-ambiguous",
        E,
        "Agency ambiguous",
        "Several agencies are named: {names}; give one with --agency.",
    ),
    ("agency-unknown", E, "Agency unknown", "Unknown agency '{name}'{hint}."),
    ("agency-former-name", I, "Former agency name", "{note}"),
    (
        "period-missing",
        E,
        "Period missing",
        "The reporting {what} is not stated in the title or headers; give it with {option}.",
    ),
    ("period-ambiguous", E, "Period ambiguous", "Conflicting periods: {detail}."),
    # --- indicators ---
    (
        "indicator-unmatched",
        W,
        "Row not matched",
        "Row '{name}' matches no indicator in the catalogue{hint}; it was not read.",
    ),
    (
        "indicator-ambiguous",
        W,
        "Row fits several indicators",
        "Row '{name}' fits several indicators ({names}) and no heading above it says which; "
        "it was not read.",
    ),
    (
        "indicator-fuzzy",
        W,
        "Row read by its closest name",
        "Row '{name}' was read as '{indicator}', the closest catalogue name ({score}%); "
        "check that it is that indicator.",
    ),
    ("indicator-unknown", E, "Unknown indicator id", "Indicator id '{indicator}' is not in the catalogue."),
    (
        "indicator-duplicate",
        E,
        "Indicator given twice",
        "'{indicator}' is given again (first in {first}); only the first value was kept.",
    ),
    (
        "agency-not-responsible",
        W,
        "Agency not responsible",
        "{agency} is neither lead nor support for '{indicator}'.",
    ),
    ("value-empty", I, "No value", "'{indicator}' has no value in {column}."),
    # --- values ---
    ("not-a-number", E, "Not a number", "'{raw}' is not a number."),
    (
        "formula-uncalculated",
        E,
        "Formula not calculated",
        "The formula {formula} has no calculated value; open the file in Excel, recalculate and save.",
    ),
    ("number-ambiguous", W, "Ambiguous number", "'{raw}' read as {value:g}: {note}"),
    ("unit-converted", I, "Unit converted", "{raw_value:g} {unit} converted to {value:g} {catalog_unit}."),
    (
        "unit-mismatch",
        E,
        "Unit mismatch",
        "Unit '{unit}' cannot be converted to the catalogue's unit '{catalog_unit}'.",
    ),
    (
        "value-impossible",
        E,
        "Impossible value",
        "{value:g} {unit} is impossible for '{indicator}': {reason}.",
    ),
    (
        "legacy-encoding",
        W,
        "Legacy Vietnamese encoding",
        "{count} cell(s) typed in {encoding} (first: '{sample}'); converted; please use Unicode fonts.",
    ),
    (
        "sender-ratio-mismatch",
        W,
        "Sender's ratio disagrees",
        "The sheet says {theirs:g}% of plan; {value:g} ÷ {plan:g} is {ours:.1f}%.",
    ),
    (
        "plan-differs",
        W,
        "Plan differs from catalogue",
        "The sheet's plan {plan:g} {unit} differs from the target {target} in {source}.",
    ),
    # --- cross-row rules ---
    (
        "rule-violated",
        W,
        "Consistency rule violated",
        "{description}: {left:g} {operator} {right:g} fails{tol}.",
    ),
    ("rule-incomplete", W, "Consistency rule incomplete", "{description}: no value for {missing}."),
    ("rule-invalid", E, "Rule cannot be evaluated", "Rule '{rule}' is invalid: {detail}"),
    # --- plan data (lsplan.catalog; their messages carry file:line and the YAML path) ---
    ("data-unreadable", E, "Data file unreadable", "{detail}"),
    ("data-yaml-syntax", E, "YAML syntax error", "{detail}"),
    ("data-schema", E, "Data does not match its schema", "{detail}"),
    ("data-schema-missing", W, "Schema missing", "{detail}"),
    ("data-duplicate-id", E, "Duplicate id", "{detail}"),
    ("data-unknown-reference", E, "Unknown reference", "{detail}"),
    ("data-unknown-document", E, "Unknown source document", "{detail}"),
    ("data-range-order", E, "Range out of order", "{detail}"),
    ("data-missing-quote", E, "Stated without a quote", "{detail}"),
    ("data-quote-not-found", E, "Quote not in the source", "{detail}"),
    ("data-missing-reason", E, "Inferred without a reason", "{detail}"),
    ("data-no-lead", W, "Target without a lead agency", "{detail}"),
    ("data-sources-missing", W, "Source texts not found", "{detail}"),
    # --- store and ingest (lsplan.store, lsplan.ingest) ---
    ("store-unreadable", E, "Store unreadable", "{detail}"),
    ("store-unwritable", E, "Store not writable", "{detail}"),
    ("store-too-new", E, "Store made by a newer lsplan", "{detail}"),
    ("ingest-missing-metadata", E, "Submission lacks agency or period", "{detail}"),
    ("ingest-failed", E, "lsplan failed on this file", "{detail}"),
    # --- output files and the system (lsplan.outputs, lsplan.cli.failures): exit code 2 ---
    ("output-is-store", E, "Output would overwrite the store", "{detail}"),
    ("output-is-input", E, "Output would overwrite an input", "{detail}"),
    ("output-not-a-file", E, "Output is not a regular file", "{detail}"),
    ("output-folder-missing", E, "Output folder missing", "{detail}"),
    ("output-unwritable", E, "Output cannot be written", "{detail}"),
    ("os-error", E, "System error", "{detail}"),
    ("history-cumulative-decrease", W, "Cumulative figure went down", "{detail}"),
    ("history-outlier", W, "Figure breaks with history", "{detail}"),
    # --- learned aliases (lsplan.aliases: `lsplan alias`, aliases.yaml beside the store) ---
    ("alias-file-invalid", E, "Alias file invalid", "{detail}"),
    ("alias-file-unwritable", E, "Alias file not writable", "{detail}"),
    (
        "alias-indicator-unknown",
        E,
        "Alias for an unknown indicator",
        "'{name}': there is no indicator '{indicator}' in the catalogue{hint}.",
    ),
    (
        "alias-collision",
        E,
        "Alias names another indicator",
        "'{name}' already names {others}; it cannot also name '{indicator}'.",
    ),
    (
        "alias-shared-name",
        E,
        "Alias decided by the heading",
        "'{name}' names several indicators, told apart by the heading row above it ({others}); "
        "it cannot be an alias of one.",
    ),
    ("alias-not-found", E, "Alias not found", "No learned alias '{name}' in {path}."),
    # --- caps ---
    ("findings-capped", W, "Findings capped", "More than {limit} findings; the rest are not shown."),
    # --- reading (lsplan.reading): figures as departments write them ---
    (
        "value-qualified",
        W,
        "Figure with a qualifier",
        "'{raw}' read as {value:g} {unit}, {kind}; it is compared as if it were exact.",
    ),
    (
        "unit-stated-above",
        I,
        "Unit stated above the table",
        "Rows without a unit of their own are read in '{unit}', as stated above the table.",
    ),
    (
        "value-derived",
        I,
        "Growth derived from the same period",
        "The row gives {level:g} {unit} at {yoy:g}% of the same period last year: "
        "read as a growth of {value:g}%.",
    ),
    (
        "value-other-kind",
        W,
        "Row holds another kind of figure",
        "'{raw}' {unit} is not a figure of '{indicator}' (measured in {catalog_unit}); the row was not read.",
    ),
    (
        "indicator-repeated",
        W,
        "Figure repeated",
        "'{indicator}' is given again with the same figure (first in {first}); it was read once.",
    ),
    (
        "indicator-elsewhere",
        W,
        "Figure also in another sheet",
        "'{indicator}' is given again (first in {first}, {kept:g}); the first figure was kept.",
    ),
    (
        "unit-slip-likely",
        W,
        "Unit probably slipped",
        "{value:g} is about {factor} times the row's plan {plan:g}: is it in the row's unit "
        "(đồng or tỷ đồng, tấn or nghìn tấn)?",
    ),
    (
        "rows-not-data",
        I,
        "Rows that are not data",
        "{count} row(s) that are not figures were skipped: {what}.",
    ),
    (
        "value-unnamed",
        W,
        "Figure without a name",
        "'{raw}' stands in a row that names no indicator; it was not read.",
    ),
    ("hidden-not-read", I, "Hidden part not read", "Not read, as it is hidden in Excel: {what}."),
    ("value-column-read", I, "Column read", "Figures were read from the column '{column}'{others}."),
    # --- hostile files, absurd figures and unsafe plan data (appended: codes never move) ---
    ("file-too-complex", E, "File too complex", "Refused: the workbook would take too much work: {detail}"),
    ("value-not-finite", E, "Not a finite number", "'{raw}' is not a finite number (infinity or NaN)."),
    ("value-too-long", E, "Number too long", "'{raw}' is too long to be a figure."),
    ("data-duplicate-key", E, "Duplicate key", "{detail}"),
    ("data-not-finite", E, "Number not finite", "{detail}"),
    ("data-alias", E, "YAML alias refused", "{detail}"),
    ("data-number-not-in-quote", E, "Number not in its quote", "{detail}"),
    # --- lsplan extract: a plan text that cannot be read, and what a reviewer must look at ---
    (
        "plan-no-text",
        E,
        "No text layer",
        "The PDF has no text layer ({pages} page(s) of images): run OCR on it first, or give the .docx.",
    ),
    (
        "plan-text-garbled",
        E,
        "Text layer garbled",
        "The PDF's text has its letters parted from their marks ({share} of its words are a lone "
        "marked letter): its font does not give the text back. Give the .docx, or text copied from "
        "the original.",
    ),
    (
        "extract-period-unknown",
        W,
        "No year for a target",
        "'{quote}' names no year, and the plan gives none: set its period before loading it.",
    ),
    (
        "extract-value-unread",
        W,
        "Table figure not read",
        "The planned figure of '{name}' ({value}) is not written in a way lsplan reads: enter it by hand.",
    ),
    (
        "extract-count-mismatch",
        W,
        "Stated count differs",
        "The text announces {stated} {what} but lists {listed}.",
    ),
    (
        "extract-target-twice",
        W,
        "Target given twice",
        "'{indicator}' is proposed twice (in {first} and {second}).",
    ),
    (
        "extract-target-conflict",
        W,
        "Target figures disagree",
        "'{indicator}' has different figures in two places: '{first}' and '{second}'.",
    ),
    ("extract-unit-suspect", W, "Unit does not fit", "A share above 100 %: '{quote}'."),
    (
        "extract-section-twice",
        W,
        "Section number used twice",
        "Section {section} is numbered twice ('{text}').",
    ),
    (
        "extract-deadline-before-plan",
        W,
        "Deadline before the plan starts",
        "Task {number}: its time frame '{timeframe}' ends before the plan starts ({start}).",
    ),
)


_PLACEHOLDER = re.compile(r"\{(\w+)(?::([^}]*))?\}")


def title(code: str, lang: str | None = None) -> str:
    """The title of a catalogued code in `lang` (None: the language of the process)."""
    from lsplan.i18n import gettext_for

    return gettext_for(lang)(CODES[code].title)


def _fill(template: str, params: dict[str, Any], lang: str) -> str:
    """str.format for a catalogue template, lenient and language-aware.

    A placeholder with a number format ({value:g}, {ours:.1f}) gets the number written the way of
    `lang` (numfmt); a placeholder with no value stays as "{name}"; a number format given text
    shows the text as is.
    """
    from lsplan.numfmt import format_number

    def one(match: re.Match[str]) -> str:
        name, spec = match.group(1), match.group(2)
        if name not in params:
            return "" if name == "hint" else match.group(0)
        value = params[name]
        if spec and isinstance(value, (int, float)) and not isinstance(value, bool):
            fixed = re.fullmatch(r"\.(\d+)f", spec)
            if fixed:
                return format_number(value, lang, int(fixed.group(1)), trim=False)
            return format_number(value, lang, 4)
        return str(value)

    return _PLACEHOLDER.sub(one, template)


def make_finding(
    code: str,
    *,
    sheet: str | None = None,
    cell: str | None = None,
    indicator: str | None = None,
    file: str | None = None,
    line: int | None = None,
    severity: Severity | None = None,
    indicator_name: str | None = None,
    **params: Any,
) -> Finding:
    """A Finding for a catalogued code; `severity` overrides the catalogue's (rules set their own).

    The message is written in the language of the process (`lsplan.i18n.resolve_lang`); it names
    the indicator by `indicator_name` when given (the officer reads names, JSON keeps the id).
    """
    from lsplan.i18n import resolve_lang, translator

    entry = CODES[code]
    lang = resolve_lang()
    values = dict(params)
    values.setdefault("indicator", indicator_name or indicator or "")
    message = _fill(translator(lang).gettext(entry.message), values, lang)
    return Finding(
        code=code,
        severity=severity or entry.severity,
        message=message,
        sheet=sheet,
        cell=cell,
        indicator=indicator,
        file=file,
        line=line,
    )


def localise(finding: Finding) -> Finding:
    """A finding whose message was written as English text (the readers write their own) in the
    language of the process: translated where the catalogs know the sentence, else led by the
    code's translated title so that the reader still sees what kind of problem it is."""
    from lsplan.i18n import resolve_lang, translator

    lang = resolve_lang()
    if lang == "en":
        return finding
    text = translator(lang).gettext(finding.message)
    if text == finding.message and finding.code in CODES:
        text = f"{title(finding.code, lang)}: {finding.message}"
    return replace(finding, message=text)


def catalogue_markdown() -> str:
    """The catalogue as a Markdown table (for the README: generated, never typed), with each
    code's meaning in English and in Vietnamese."""
    lines = ["| code | severity | meaning | ý nghĩa |", "|---|---|---|---|"]
    lines += [f"| `{c.code}` | {c.severity} | {c.title} | {title(c.code, 'vi')} |" for c in CODES.values()]
    return "\n".join(lines) + "\n"
