"""Charts as inline SVG text for the HTML report: no scripts, no fonts, no network.

`attainment_bars` draws one bar per assessed target (percent of what was expected by the
quarter, with the 100 % line); `path_chart` draws, for one target with figures in several
quarters, the actuals against the expected path and the annual target. All text is escaped.
"""

from __future__ import annotations

from lsplan.render import html_escape as escape
from lsplan.report.labels import STATUS_COLOURS, Labels
from lsplan.report.model import QUARTERS, ReportLine

_ROW = 22  # height of one bar row, in SVG units
_LABEL_W = 200  # room for the indicator name
_BAR_W = 260
_VALUE_W = 60


def _clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def attainment_bars(lines: list[ReportLine], labels: Labels) -> str:
    """Horizontal bars of attainment (%), coloured by status; empty string when none is assessed."""
    assessed = [line for line in lines if line.attainment is not None]
    if not assessed:
        return ""
    top = max(150.0, *(min(line.attainment or 0, 300.0) for line in assessed))
    width = _LABEL_W + _BAR_W + _VALUE_W
    height = _ROW * len(assessed) + 30
    scale = _BAR_W / top
    refs = labels.references()  # "I.3": the row in the table, since names repeat across plans
    title = labels._("Attainment against the plan to date (%)")
    parts = [
        f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for i, line in enumerate(assessed):
        y = i * _ROW + 4
        value = max(0.0, min(line.attainment or 0.0, top))
        fill, _ink = STATUS_COLOURS.get(line.status, ("CCCCCC", "000000"))
        name = f"{refs.get(line.target, '')} {_clip(labels.indicator(line), 26)}".strip()
        parts.append(
            f'<g class="bar" data-target="{escape(line.target)}" data-value="{line.attainment!r}">'
            f'<text x="{_LABEL_W - 6}" y="{y + 14}" text-anchor="end" font-size="11">{escape(name)}</text>'
            f'<rect x="{_LABEL_W}" y="{y}" width="{value * scale:.1f}" height="{_ROW - 6}" '
            f'fill="#{fill}" stroke="#{_ink}" stroke-width="0.5"/>'
            f'<text x="{_LABEL_W + value * scale + 4:.1f}" y="{y + 14}" font-size="11">'
            f"{escape(labels.percent(line.attainment))}</text></g>"
        )
    x100 = _LABEL_W + 100 * scale
    bottom = _ROW * len(assessed) + 6
    parts.append(
        f'<line x1="{x100:.1f}" y1="0" x2="{x100:.1f}" y2="{bottom}" stroke="#333" stroke-dasharray="4 3"/>'
    )
    parts.append(f'<text x="{x100:.1f}" y="{bottom + 14}" text-anchor="middle" font-size="11">100%</text>')
    parts.append("</svg>")
    return "".join(parts)


def has_path(line: ReportLine) -> bool:
    """A path chart is worth drawing when the target has actuals in at least two quarters."""
    return sum(point.actual is not None for point in line.path) >= 2


def path_chart(line: ReportLine, labels: Labels) -> str:
    """Actuals by quarter (solid) against the expected path (dashed) and the annual target (band)."""
    if not has_path(line):
        return ""
    width, height, left, right, top, bottom = 420, 220, 56, 16, 24, 30
    values = [v for p in line.path for v in (p.actual, p.expected) if v is not None]
    values += [v for v in (line.annual_low, line.annual_high) if v is not None]
    low, high = min(0.0, *values), max(values) or 1.0
    span = (high - low) or 1.0
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(quarter: str) -> float:
        return left + plot_w * (QUARTERS.index(quarter) + 0.5) / len(QUARTERS)

    def y(value: float) -> float:
        return top + plot_h * (1 - (value - low) / span)

    title = labels._("Actual against expected path: {name}").format(name=labels.indicator(line))
    parts = [
        f'<svg class="path-chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
        f'width="100%" xmlns="http://www.w3.org/2000/svg" data-target="{escape(line.target)}">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="#999"/>',
    ]
    if line.annual_low is not None or line.annual_high is not None:
        lo = line.annual_low if line.annual_low is not None else line.annual_high
        hi = line.annual_high if line.annual_high is not None else line.annual_low
        assert lo is not None and hi is not None
        parts.append(
            f'<rect class="target-band" x="{left}" y="{y(hi):.1f}" width="{plot_w}" '
            f'height="{max(1.5, y(lo) - y(hi)):.1f}" fill="#2e7d32" fill-opacity="0.25"/>'
        )
        parts.append(
            f'<text x="{width - right}" y="{y(hi) - 3:.1f}" text-anchor="end" font-size="10">'
            f"{escape(labels._('Target'))} {escape(labels.annual(line))}</text>"
        )
    for key, style in (("expected", 'stroke="#555" stroke-dasharray="5 4"'), ("actual", 'stroke="#1565c0"')):
        points = [(p.quarter, getattr(p, key)) for p in line.path if getattr(p, key) is not None]
        if len(points) >= 2:
            coords = " ".join(f"{x(q):.1f},{y(v):.1f}" for q, v in points)
            parts.append(f'<polyline class="{key}" points="{coords}" fill="none" stroke-width="2" {style}/>')
        for q, v in points:
            colour = "#1565c0" if key == "actual" else "#555"
            parts.append(
                f'<circle class="{key}-point" cx="{x(q):.1f}" cy="{y(v):.1f}" r="3" fill="{colour}">'
                f"<title>{q}: {escape(labels.number(v))}</title></circle>"
            )
    for q in QUARTERS:
        parts.append(f'<text x="{x(q):.1f}" y="{height - 10}" text-anchor="middle" font-size="11">{q}</text>')
    for value in (low, high):
        parts.append(
            f'<text x="{left - 4}" y="{y(value) + 4:.1f}" text-anchor="end" font-size="10">'
            f"{escape(labels.number(value))}</text>"
        )
    legend = f"{labels._('Actual')} — / {labels._('Expected')} - -"
    parts.append(f'<text x="{left}" y="14" font-size="11">{escape(legend)}</text>')
    parts.append("</svg>")
    return "".join(parts)
