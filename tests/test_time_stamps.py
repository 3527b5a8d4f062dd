"""Time stamps: stored in UTC, shown in Vietnam time; SOURCE_DATE_EPOCH pins them for examples."""

from __future__ import annotations

from lsplan.i18n import local_stamp
from lsplan.model import Observation
from lsplan.store import Store


def test_local_stamp_is_vietnam_time():
    assert local_stamp("2025-04-15T09:30:12.000001+00:00") == "2025-04-15 16:30"
    assert local_stamp("2025-12-31T20:00:00+00:00") == "2026-01-01 03:00"  # across midnight and a year
    assert local_stamp("2025-04-15T09:30:00") == "2025-04-15 09:30"  # no zone: as written
    assert local_stamp("not a time") == "not a time"


def test_source_date_epoch_pins_received_at(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1744704000")  # 2025-04-15 08:00 UTC
    observation = Observation(indicator="tourists", value=1.92, unit="triệu lượt", year=2025, period="Q1")
    with Store(tmp_path / "s.sqlite3") as store:
        submission, added = store.add_submission(
            file_name="a.xlsx", sha256="0" * 64, agency="so-vhttdl", year=2025, period="Q1",
            observations=[observation],
        )
    assert added
    assert submission.received_at.startswith("2025-04-15T08:00:00")
