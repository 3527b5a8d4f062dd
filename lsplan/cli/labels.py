"""Words and numbers of the command tables in the language of the process.

Column headers are English msgids, translated when a table is shown (`columns`): the language
is known only once the root callback has run. Codes that JSON keeps as they are (comparison
kinds, measures, bases, roles, severities, check statuses) get a label for display only
(`label`); numbers go through `lsplan.numfmt` ("9.937,8" in Vietnamese, "9,937.8" in English).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from lsplan.i18n import _, resolve_lang
from lsplan.render import Column

# Display labels of stable codes (English msgids; the catalogs hold the Vietnamese).
_LABELS: dict[str, str] = {
    # comparison kinds (lsplan.model.Comparison)
    "at_least": "At least",
    "at_most": "At most",
    "range": "Range",
    "approx": "About",
    "exact": "Exactly",
    "band": "Band",
    "reduction": "Reduction",
    "relative": "Relative to a benchmark",
    "rank": "Rank",
    "qualitative": "Qualitative",
    # measures (lsplan.model.Measure)
    "growth_rate": "Growth rate",
    "share": "Share",
    "level": "Level",
    "flow": "Cumulative flow",
    "count": "Count",
    "ratio": "Ratio",
    # bases of a responsibility (lsplan.model.Basis)
    "stated": "stated in the text",
    "inferred": "inferred",
    # roles
    "lead": "Lead",
    "support": "Support",
    # severities
    "error": "Error",
    "warning": "Warning",
    "info": "Info",
    # check statuses of a file
    "ok": "Valid",
    "invalid": "Invalid",
    "unreadable": "Unreadable",
    # maturity of a figure
    "estimate": "Estimate",
    "preliminary": "Preliminary",
    "official": "Official",
    # how an agency name was recognised (lsplan.model.AgencyResolution.how)
    "alias": "alias",
    "folded": "written without diacritics",
    "former": "former name",
    "fuzzy": "close match",
    # directions (lsplan.model.Direction)
    "higher": "Higher is better",
    "lower": "Lower is better",
    "target": "Within a band",
}


def label(code: Any) -> str:
    """A stable code (at_least, flow, stated, lead, error, ok...) as a reader of the table says it."""
    if code is None or code == "":
        return "—"
    text = str(code)
    return _(_LABELS[text]) if text in _LABELS else text


def columns(specs: Iterable[Column]) -> list[Column]:
    """The columns with their headers in the language of the process."""
    return [replace(column, header=_(column.header)) for column in specs]


def num(value: Any, decimals: int | None = None) -> str:
    """A figure the way of the process language; text stays as it is, None shows "—"."""
    from lsplan.numfmt import format_number

    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "—" if value is None else str(value)
    return format_number(value, resolve_lang(), decimals)


def yes_no(value: Any) -> str:
    return _("yes") if value else _("no")


# Colours of a status in the terminal table (none under NO_COLOR or in a pipe: lsplan.render).
_STATUS_TONES = {
    "off_track": "red",
    "at_risk": "yellow",
    "on_track": "green",
    "achieved": "green",
    "ok": "green",
    "invalid": "red",
    "unreadable": "red",
    "error": "red",
    "warning": "yellow",
}


def status_tone(row: dict) -> str | None:
    """The colour of a row's `status`, for Column.tone."""
    return _STATUS_TONES.get(str(row.get("status")))


def severity_tone(row: dict) -> str | None:
    return _STATUS_TONES.get(str(row.get("severity")))
