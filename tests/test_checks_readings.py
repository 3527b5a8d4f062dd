"""How a check reads what the officer reads: "1.234" settled by the row's own plan and ratio, the
sender's "So với cùng kỳ (%)" kept with the figure, indicators named by name in messages."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from workbooks import FakeCatalog, save_report

from lsplan.check_rows import indicator_name, settle_ambiguous
from lsplan.checks import check_file
from lsplan.i18n import set_lang
from lsplan.model import Indicator, Measure, Severity

SCHEMA = Path(__file__).parent.parent / "schemas" / "check-result.schema.json"


def run(tmp_path: Path, *rows):
    return check_file(save_report(tmp_path / "r.xlsx", rows), FakeCatalog())


def line(name: str, unit: str, value, plan=None, ratio=None, same_period=None):
    return (1, name, unit, plan, value, ratio, same_period, None)


def ambiguous(result):
    found = [f for f in result.findings if f.code == "number-ambiguous"]
    assert len(found) == 1, result.findings
    return found[0]


def test_plan_and_ratio_confirm_the_rule_reading(tmp_path: Path) -> None:
    result = run(tmp_path, line("Tổng mức bán lẻ", "tỷ đồng", "2.350", plan="4.400", ratio="53,4"))
    finding = ambiguous(result)
    assert finding.severity is Severity.INFO  # sure: no warning
    assert "khớp với kế hoạch 4.400 và tỷ lệ 53,4%" in finding.message
    assert result.observations[0].value == 2350 and result.status == "ok"
    assert not result.warnings or all(w.code != "number-ambiguous" for w in result.warnings)


def test_plan_alone_confirms_a_plausible_reading(tmp_path: Path) -> None:
    result = run(tmp_path, line("Tổng mức bán lẻ", "tỷ đồng", "2.350", plan=4400))
    assert ambiguous(result).severity is Severity.INFO
    assert result.observations[0].value == 2350


def test_the_other_reading_fitting_better_is_a_warning_with_both(tmp_path: Path) -> None:
    result = run(tmp_path, line("Tổng mức bán lẻ", "tỷ đồng", "2,350", plan="4.400", ratio="53,4"))
    finding = ambiguous(result)
    assert finding.severity is Severity.WARNING and finding.cell == "E6"
    assert "nhưng chỉ 2.350 mới khớp với kế hoạch 4.400 và tỷ lệ 53,4%" in finding.message
    assert "không thể đọc thành 2,35" in finding.message  # both readings, in Vietnamese figures
    assert result.observations[0].value == 2.35  # the documented rule still decides the figure
    assert "sender-ratio-mismatch" not in [f.code for f in result.findings]  # one warning, not two


def test_without_evidence_the_warning_gives_both_readings(tmp_path: Path) -> None:
    finding = ambiguous(run(tmp_path, line("Sản lượng than", "tấn", "1.234")))
    assert finding.severity is Severity.WARNING
    assert "được đọc là 1.234" in finding.message and "cũng có thể hiểu là 1,234" in finding.message


def test_english_messages_give_both_readings_in_english_figures(tmp_path: Path) -> None:
    set_lang("en")
    finding = ambiguous(run(tmp_path, line("Tổng mức bán lẻ", "tỷ đồng", "2,350", plan=4400, ratio=53.4)))
    assert "only 2,350 agrees with the row's plan 4,400 and ratio 53.4%" in finding.message
    assert "cannot be read as 2.35" in finding.message


@pytest.mark.parametrize(
    ("value", "other", "plan", "ratio", "verdict"),
    [
        (2350, 2.35, 4400, 53.4, "confirmed"),
        (2350, 2.35, 4400, 0.534, "confirmed"),  # a fraction typed in a General cell
        (2.35, 2350, 4400, 53.4, "other"),
        (2350, 2.35, 4400, 10.0, "unsure"),  # the ratio fits neither: their arithmetic, not ours
        (2350, 2.35, 4400, None, "confirmed"),  # 53 % of the plan is plausible, 0.05 % is not
        (1234, 1.234, 100, None, "other"),  # 1234 % of the plan is implausible, 1.2 % is not
        (1234, 1.234, 10**7, None, "unsure"),  # 0.01 % and less: neither is plausible
        (1234, 1.234, None, None, "unsure"),
        (1234, 1.234, 0, 50.0, "unsure"),
    ],
)
def test_settle_ambiguous(value, other, plan, ratio, verdict) -> None:
    assert settle_ambiguous(value, other, plan, ratio) == verdict


def test_same_period_column_is_kept_with_the_figure(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        line("Sản lượng than", "tấn", 240000, same_period="108,5"),
        line("Sản lượng điện", "triệu kWh", 350),
    )
    by_id = {o.indicator: o for o in result.observations}
    assert by_id["coal-output"].same_period_pct == 108.5
    assert by_id["electricity-output"].same_period_pct is None  # not invented
    document = {"files": [result.to_dict()]}
    jsonschema.validate(document, json.loads(SCHEMA.read_text(encoding="utf-8")))
    observations = {o["indicator"]: o for o in document["files"][0]["observations"]}
    assert observations["coal-output"]["same_period_pct"] == 108.5


def test_messages_name_the_indicator_and_findings_keep_its_id(tmp_path: Path) -> None:
    result = run(tmp_path, line("Sản lượng than", "tấn", -5), line("Sản lượng điện", "triệu kWh", "-"))
    impossible = next(f for f in result.findings if f.code == "value-impossible")
    assert "đối với 'Sản lượng than'" in impossible.message and impossible.indicator == "coal-output"
    empty = next(f for f in result.findings if f.code == "value-empty")
    assert empty.message.startswith("'Sản lượng điện'") and empty.indicator == "electricity-output"


def test_indicator_name_follows_the_language() -> None:
    coal = Indicator("coal-output", "Sản lượng than", "Coal output", "tấn", Measure.FLOW)
    nameless = Indicator("x", "Chỉ tiêu X", "", "tấn", Measure.FLOW)
    assert indicator_name(coal) == "Sản lượng than"
    assert (indicator_name(coal, "en"), indicator_name(nameless, "en")) == ("Coal output", "Chỉ tiêu X")
    set_lang("en")
    assert indicator_name(coal) == "Coal output"


def test_period_label_in_both_languages_with_and_without_a_year() -> None:
    from lsplan.cli.store_common import period_vi
    from lsplan.i18n import period_label

    vi = [period_label(q, 2025) for q in ("Q1", "Q2", "Q3", "Q4")]
    assert vi == ["Quý I năm 2025", "6 tháng đầu năm 2025", "9 tháng năm 2025", "Năm 2025"]
    assert [period_label(q) for q in ("Q1", "Q2", "Q3", "Q4")] == [
        "Quý I",
        "6 tháng đầu năm",
        "9 tháng",
        "Cả năm",
    ]
    assert (
        period_label("Q2", 2025, "en") == "First half of 2025"
        and period_label("Q4", None, "en") == "Whole year"
    )
    assert period_vi("Q3", 2025) == "9 tháng năm 2025"  # the CLI helper is the library's, not a copy
