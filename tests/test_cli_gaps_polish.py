"""CLI polish for the quarterly review: Vietnamese periods, roles, plan labels and dates in tables
(ids stay in JSON), --as-of, odd inputs answered with a message and an exit code, never a traceback."""

from __future__ import annotations

import json
import re

import pytest
from test_cli_store import env, invoke  # noqa: F401  (the fixture, reused)

from lsplan.cli.store_common import (
    as_of_option,
    datetime_vi,
    period_vi,
    role_vi,
)


@pytest.mark.parametrize(
    ("quarter", "label"),
    [
        ("Q1", "Quý I năm 2025"),
        ("Q2", "6 tháng đầu năm 2025"),
        ("Q3", "9 tháng năm 2025"),
        ("Q4", "Năm 2025"),
    ],
)
def test_period_vi(quarter, label):
    assert period_vi(quarter, 2025) == label


def test_role_and_datetime_vi():
    assert (role_vi("lead"), role_vi("support"), role_vi(None)) == ("Chủ trì", "Phối hợp", "—")
    # stored in UTC, shown in Vietnam time (UTC+7)
    assert datetime_vi("2026-11-22T15:24:09.954706+00:00") == "22/11/2026 22:24"
    assert datetime_vi("2026-11-22T20:00:00+00:00") == "23/11/2026 03:00"
    assert datetime_vi(None) == "—" and datetime_vi("hôm qua") == "hôm qua"


def test_gaps_table_speaks_vietnamese_json_keeps_ids(env):  # noqa: F811
    table = invoke("gaps", "-q", "Q1", "--year", "2025", "--as-of", "2025-04-01")
    assert table.exit_code == 0, table.output
    assert "Quý I năm 2025" in table.stdout and "Q1 2025" not in table.stdout
    assert "KH tăng trưởng 2025" in table.stdout  # the plan's short label
    assert "kb-2025" not in table.stdout
    assert "ctr-98" in table.stdout  # no short label: the id stays, rather than nothing
    assert "01/04/2025" in table.stdout  # the day overdue is judged against
    payload = json.loads(invoke("gaps", "-q", "Q1", "--year", "2025", "-f", "json").stdout)
    assert {r["plan"] for r in payload["rows"]} == {"kb-2025", "ctr-98"}
    assert "plan_label" not in payload["rows"][0]


def test_as_of_decides_overdue_and_is_in_json(env):  # noqa: F811
    def missing(as_of):
        result = invoke("gaps", "-q", "Q1", "--year", "2025", "-f", "json", "--as-of", as_of)
        assert result.exit_code == 0, result.output
        payload = json.loads(result.stdout)
        assert payload["as_of"] == as_of
        return [(m["deadline"], m["overdue"]) for m in payload["missing"]]

    assert missing("2025-04-05") == [("2025-04-05", False)]  # due that day: not yet overdue
    assert missing("2025-04-06") == [("2025-04-05", True)]
    agency = invoke("agency", "SCT", "--year", "2025", "-q", "Q1", "-f", "json", "--as-of", "2025-01-02")
    assert agency.exit_code == 0, agency.output


def test_agency_table_roles_in_vietnamese(env):  # noqa: F811
    table = invoke("agency", "SCT", "--year", "2025", "-q", "Q1")
    assert table.exit_code == 0, table.output
    assert "Chủ trì" in table.stdout and "Sở Công Thương — Quý I năm 2025" in table.stdout
    assert "lead" not in table.stdout and "support" not in table.stdout
    payload = json.loads(invoke("agency", "SCT", "--year", "2025", "-q", "Q1", "-f", "json").stdout)
    assert {row["role"] for row in payload["indicators"]} <= {"lead", "support"}


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("gaps", "-q", "Q5"), 2, "not a quarter"),
        (("gaps", "-q", "Q1", "--year", "1800"), 2, "no plan covers the year 1800"),
        (("gaps", "-q", "Q1", "--as-of", "2025-13-01"), 2, "not a date"),
        (("agency", "SCT", "--as-of", "hôm qua"), 2, "not a date"),
        (("agency", "SCT", "--year", "1800"), 2, "no plan covers"),
        (("agency", "Sở Vũ trụ"), 1, "is ambiguous"),
        (("agency", "xyzzy"), 1, "matches no agency"),
    ],
)
def test_odd_inputs_exit_with_a_message(env, args, code, message):  # noqa: F811
    result = invoke("--lang", "en", *args)
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("gaps", "-q", "Q5"), 2, "lỗi: không phải quý: 'Q5' (dùng Q1, Q2, Q3 hoặc Q4)"),
        (("gaps", "-q", "Q1", "--year", "1800"), 2, "không có kế hoạch nào cho năm 1800"),
        (("agency", "SCT", "--as-of", "hôm qua"), 2, "không phải ngày tháng: 'hôm qua'"),
        (("agency", "Sở Vũ trụ"), 1, "chưa rõ là cơ quan nào [agency-ambiguous]. Có phải: "),
    ],
)
def test_odd_inputs_are_explained_in_vietnamese_by_default(env, args, code, message):  # noqa: F811
    result = invoke(*args)
    assert result.exit_code == code, result.output
    assert message in result.stderr


def test_directory_or_empty_file_as_store(env, tmp_path):  # noqa: F811
    folder = invoke("gaps", "-q", "Q1", "--store", str(tmp_path))
    assert folder.exit_code == 2 and "not a usable lsplan store" in folder.stderr
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    result = invoke("gaps", "-q", "Q1", "--year", "2025", "--store", str(empty), "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["rows"] == []


def test_as_of_option_parses_iso_dates():
    assert as_of_option(None) is None
    assert as_of_option(" 2025-04-20 ").isoformat() == "2025-04-20"


def test_refused_ingest_stores_nothing_and_shows_findings(env, tmp_path):  # noqa: F811
    from test_store_fakes import write_submission

    from lsplan.store import Store

    _catalog, path = env
    with Store(path) as store:
        before = len(store.submissions())
    bad = write_submission(
        tmp_path, "bad.json", "so-vhttdl", 2025, "Q2", [{"indicator": "tourists", "value": 1}],
        errors=("not-a-number",),
    )
    result = invoke("ingest", str(bad))
    assert result.exit_code == 1, result.output
    assert "Bị từ chối" in result.stdout and "not-a-number" in result.stdout and "Lỗi" in result.stdout
    with Store(path) as store:
        assert len(store.submissions()) == before


def test_history_table_in_vietnamese(env):  # noqa: F811
    result = invoke("history", "tourists")
    assert result.exit_code == 0, result.output
    assert "Quý I năm 2025" in result.stdout and "Ước" in result.stdout
    assert "Sở Văn hóa" in result.stdout  # the agency's name, not its id
    assert re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d", result.stdout)  # received, dd/mm/yyyy hh:mm
    payload = json.loads(invoke("history", "tourists", "-f", "json").stdout)
    assert payload["values"][0]["maturity"] == "estimate" and payload["values"][0]["period"] == "Q1"


def test_nothing_lagging_is_said_not_drawn_as_an_empty_frame() -> None:
    from typer.testing import CliRunner

    from lsplan.cli import app

    result = CliRunner().invoke(app, ["gaps", "--quarter", "Q1", "--year", "2025", "--demo"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    title = lines.index("Chỉ tiêu chậm tiến độ — Quý I năm 2025")
    assert lines[title + 1] == "Không có chỉ tiêu nào chậm tiến độ trong kỳ này."
    assert "┏" not in "\n".join(lines[: title + 2])  # no frame around nothing
    assert any("Chưa có số liệu (" in line for line in lines[title:])  # the missing figures follow
