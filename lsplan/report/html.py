"""The report as ONE self-contained HTML page: inline CSS and SVG, no scripts, fonts or network.

Readable on a phone (table rows become cards on narrow screens), printable (A4 landscape, header
rows repeated). Every figure links to the plan's verbatim quote (#q-...) or to the submission it
came from (#s-...). Every piece of text is escaped; numeric cells carry the raw value in
`data-value` so that tests can compare the page with `lsplan gaps --all` JSON.
"""

from __future__ import annotations

from lsplan import __version__
from lsplan.render import html_escape as escape
from lsplan.report.labels import STATUS_COLOURS, Labels
from lsplan.report.model import STATUS_ORDER, Report, ReportLine
from lsplan.report.svg import attainment_bars, has_path, path_chart

_CSS = """
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0 auto;max-width:1280px;
padding:12px;color:#1a1a1a;line-height:1.4;font-size:15px}
header{text-align:center;margin-bottom:12px}
header .issuer{font-weight:700;text-transform:uppercase}
header h1{font-size:1.35em;margin:.4em 0}
.meta{color:#444;margin:.2em 0}
.alert{border:3px solid #9c0006;background:#ffc7ce;color:#5a0004;padding:10px 14px;margin:12px 0;
border-radius:6px}
.alert h2{margin:.1em 0 .4em;font-size:1.2em}
.ok{border:1px solid #006100;background:#c6efce;padding:8px 12px;border-radius:6px}
.note{background:#fff8e1;border-left:4px solid #bf9000;padding:6px 10px;margin:10px 0}
h2{font-size:1.15em;margin-top:1.4em;border-bottom:1px solid #ccc}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.92em}
th,td{border:1px solid #999;padding:4px 6px;vertical-align:top}
thead th{background:#1f4e79;color:#fff;position:sticky;top:0}
td.num{text-align:right;white-space:nowrap}
tr.plan td{background:#d9e1f2;font-weight:700}
tr.sector td{background:#f2f2f2;font-weight:700;font-style:italic}
.est{font-style:italic}
.est-mark{font-size:.8em;color:#7f6000}
a{color:#0b57d0}
.status{font-weight:600}
td.src{word-break:break-all;font-size:.9em}
table.report th:nth-child(12){min-width:5em}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:12px}
.summary{display:grid;grid-template-columns:minmax(240px,1fr) minmax(300px,2fr);gap:16px;align-items:start}
table.report th:nth-child(2){min-width:13em}
blockquote{margin:.3em 0 .8em;padding:.3em .8em;border-left:3px solid #999;background:#fafafa}
footer{margin-top:2em;color:#666;font-size:.85em}
@media (max-width:700px){
 body{font-size:14px;padding:6px}
 .summary{display:block}
 table.report thead{display:none}
 table.report,table.report tbody,table.report tr,table.report td{display:block;width:100%}
 table.report tr{border:1px solid #999;margin-bottom:8px;border-radius:4px}
 table.report td{border:none;border-bottom:1px solid #eee;text-align:left}
 table.report td::before{content:attr(data-label) ": ";font-weight:600;color:#444}
 table.report tr.plan td::before,table.report tr.sector td::before{content:none}
}
@media print{
 @page{size:A4 landscape;margin:12mm}
 body{max-width:none;font-size:10pt}
 .scroll{overflow:visible}
 thead{display:table-header-group}
 thead th{position:static;background:#ddd!important;color:#000}
 tr{page-break-inside:avoid}
 a{color:inherit;text-decoration:none}
 .charts{display:block}
}
"""


def _status_css() -> str:
    rules = [
        f".s-{status}{{background:#{fill};color:#{ink}}}" for status, (fill, ink) in STATUS_COLOURS.items()
    ]
    return "\n".join(rules)


def _num(
    labels: Labels,
    key: str,
    value: float | None,
    href: str,
    header: str,
    *,
    percent: bool = False,
    extra: str = "",
) -> str:
    text = labels.percent(value) if percent else labels.number(value)
    raw = "" if value is None else f' data-value="{value!r}"'
    inner = escape(text) if value is None else f'<a href="{escape(href)}">{escape(text)}</a>{extra}'
    return f'<td class="num" data-key="{key}" data-label="{escape(header)}"{raw}>{inner}</td>'


def _line_row(labels: Labels, number: int, line: ReportLine, headers: list[str]) -> str:
    q, s = f"#q-{line.anchor}", f"#s-{line.anchor}"
    numeric = "num" if line.annual_low is not None or line.annual_high is not None else "text"
    mark = f' <span class="est-mark">({escape(labels._("est."))})</span>' if line.estimate else ""
    cells = [
        f'<td data-label="{escape(headers[0])}">{number}</td>',
        f'<td data-label="{escape(headers[1])}"><a href="{q}">{escape(labels.indicator(line))}</a></td>',
        f'<td data-label="{escape(headers[2])}">{escape(line.unit)}</td>',
        f'<td class="{numeric}" data-key="annual" data-label="{escape(headers[3])}"><a href="{q}">'
        f"{escape(labels.annual(line))}</a></td>",
        _num(labels, "expected", line.expected, q, headers[4]),
        _num(labels, "actual", line.actual, s, headers[5], extra=mark),
        _num(labels, "attainment", line.attainment, s, headers[6], percent=True),
        _num(labels, "vs_same_period", line.vs_same_period, s, headers[7], percent=True),
        f'<td class="status s-{escape(line.status)}" data-status="{escape(line.status)}" '
        f'data-label="{escape(headers[8])}">{escape(labels.status(line))}</td>',
        f'<td data-label="{escape(headers[9])}">{escape(labels.lead(line.lead))}</td>',
        f'<td class="src" data-label="{escape(headers[10])}">'
        f'<a href="{s}">{escape(labels.source(line))}</a></td>',
        f'<td data-label="{escape(headers[11])}">{escape(labels.notes(line))}</td>',
    ]
    klass = ' class="est"' if line.estimate else ""
    return f'<tr data-target="{escape(line.target)}"{klass}>' + "".join(cells) + "</tr>"


def _table(labels: Labels, report: Report) -> str:
    headers = labels.headers()
    out = ['<div class="scroll"><table class="report" id="report-table"><thead><tr>']
    out += [f'<th scope="col">{escape(h)}</th>' for h in headers]
    out.append("</tr></thead><tbody>")
    span = len(headers) - 1
    for p_index, group in enumerate(report.groups, start=1):
        numeral, title = labels.plan_row(p_index, group)
        out.append(
            f'<tr class="plan" data-plan="{escape(group.plan)}"><td>{numeral}</td>'
            f'<td colspan="{span}">{escape(title)}</td></tr>'
        )
        number = 0
        for s_index, sector in enumerate(group.sectors, start=1):
            out.append(
                f'<tr class="sector"><td>{p_index}.{s_index}</td>'
                f'<td colspan="{span}">{escape(labels.sector_name(sector.sector))}</td></tr>'
            )
            for line in sector.lines:
                number += 1
                out.append(_line_row(labels, number, line, headers))
    out.append("</tbody></table></div>")
    return "".join(out)


def _missing(labels: Labels, report: Report) -> str:
    _ = labels._
    if not report.missing:
        return f'<p class="ok" id="missing-none">{escape(labels.missing_banner())}</p>'
    rows = "".join(
        f'<tr data-target="{escape(m.target)}" data-overdue="{str(m.overdue).lower()}">'
        f"<td>{escape(labels.indicator(m))}</td><td>{escape(labels.lead(m.lead))}</td>"
        f"<td>{escape(labels.missing_status(m))}</td></tr>"
        for m in report.missing
    )
    return (
        '<section class="alert" id="missing" role="alert">'
        f"<h2>{escape(_('Missing or late submissions'))}</h2>"
        f'<p><strong>{escape(labels.missing_banner())}</strong></p><div class="scroll"><table>'
        f"<thead><tr><th>{escape(_('Indicator'))}</th><th>{escape(_('Agency to chase'))}</th>"
        f"<th>{escape(_('Submission'))}</th></tr></thead><tbody>{rows}</tbody></table></div></section>"
    )


def _summary(labels: Labels, report: Report) -> str:
    _ = labels._
    from lsplan.i18n import status_label

    def name(status: str) -> str:
        return status_label(status, labels.lang, quarter=report.quarter)

    rows = "".join(
        f'<tr data-status="{s}"><td class="s-{s}">{escape(name(s))}</td>'
        f'<td class="num" data-value="{report.by_status.get(s, 0)}">{report.by_status.get(s, 0)}</td></tr>'
        for s in STATUS_ORDER
    )
    agency_head = "".join(f"<th>{escape(name(s))}</th>" for s in STATUS_ORDER)
    agency_rows = "".join(
        f"<tr><td>{escape(agency)}</td>"
        + "".join(f'<td class="num">{counts.get(s, 0)}</td>' for s in STATUS_ORDER)
        + "</tr>"
        for agency, counts in report.by_agency.items()
    )
    return (
        f'<section id="summary"><h2>{escape(_("Summary"))}</h2><div class="summary"><div>'
        f'<table id="summary-status"><thead><tr><th>{escape(_("Assessment"))}</th><th>{escape(_("Targets"))}'
        f"</th></tr></thead><tbody>{rows}</tbody></table></div>"
        f"<div>{attainment_bars(list(report.lines), labels)}</div></div>"
        f'<h3>{escape(_("By lead agency"))}</h3><div class="scroll"><table id="summary-agency"><thead><tr>'
        f"<th>{escape(_('Lead agency'))}</th>{agency_head}</tr></thead>"
        f"<tbody>{agency_rows}</tbody></table></div>"
        "</section>"
    )


def _paths(labels: Labels, report: Report) -> str:
    charts = [path_chart(line, labels) for line in report.lines if has_path(line)]
    if not charts:
        return ""
    return (
        f'<section id="paths"><h2>{escape(labels._("Progress by quarter"))}</h2><div class="charts">'
        + "".join(f"<div>{chart}</div>" for chart in charts)
        + "</div></section>"
    )


def _quotes(labels: Labels, report: Report) -> str:
    _ = labels._
    items = []
    for line in report.lines:
        where = ", ".join(part for part in (line.quote_document, line.quote_section) if part)
        items.append(
            f'<li id="q-{escape(line.anchor)}"><strong>{escape(labels.indicator(line))}</strong> — '
            f"{escape(line.statement)} <small>({escape(line.period)})</small>"
            f'<blockquote lang="vi">{escape(line.quote or _("no quote recorded"))}</blockquote>'
            f"<small>{escape(where)}</small></li>"
        )
    heading = escape(_("Targets as the plans state them"))
    return f'<section id="quotes"><h2>{heading}</h2><ol>{"".join(items)}</ol></section>'


def _sources(labels: Labels, report: Report) -> str:
    _ = labels._
    items = []
    for line in report.lines:
        if line.source_file:
            detail = _("file {file}, sheet {sheet}, cell {cell}").format(
                file=line.source_file, sheet=line.source_sheet or "—", cell=line.source_cell or "—"
            )
            if line.maturity:
                detail += f" — {labels.notes(line) or _(line.maturity)}"
        else:
            detail = _("no submission received")
        items.append(
            f'<li id="s-{escape(line.anchor)}"><strong>{escape(labels.indicator(line))}</strong>: '
            f"{escape(detail)}</li>"
        )
    heading = escape(_("Where each figure came from"))
    return f'<section id="sources"><h2>{heading}</h2><ol>{"".join(items)}</ol></section>'


def render_html(report: Report, lang: str = "vi") -> str:
    """The whole page as text."""
    labels = Labels(lang, report)
    _ = labels._
    estimates = ""
    if report.estimates:
        refs = labels.references()  # "I.3": plan numeral and row number in the table
        links = ", ".join(
            f'<a href="#s-{escape(line.anchor)}" title="{escape(labels.indicator(line))}">'
            f"{refs[line.target]}</a>"
            for line in report.estimates
        )
        estimates = f'<p class="note" id="estimates">{escape(labels.estimates_note())} {links}</p>'
    else:
        estimates = f'<p class="note" id="estimates">{escape(labels.estimates_note())}</p>'
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(labels.title())} — {escape(labels.period())}</title>"
        f"<style>{_CSS}{_status_css()}</style></head><body>"
        f'<header><div class="issuer">{escape(labels.issuer())}</div><h1>{escape(labels.title())}</h1>'
        f'<p class="meta" id="period">{escape(labels.period())}</p>'
        f'<p class="meta" id="cutoff">{escape(labels.cutoff())}</p></header>'
        f"{_missing(labels, report)}{estimates}{_summary(labels, report)}"
        f'<section id="details"><h2>{escape(_("Targets and results"))}</h2>{_table(labels, report)}</section>'
        f"{_paths(labels, report)}{_quotes(labels, report)}{_sources(labels, report)}"
        f"<footer>lsplan {escape(__version__)}</footer></body></html>\n"
    )
