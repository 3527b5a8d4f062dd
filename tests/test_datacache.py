"""lsplan.datacache: one memo file per data key (bounded), each checked against the key it was
built for and its own digest, so an edited, corrupted or misplaced memo is rebuilt, never trusted."""

from __future__ import annotations

import marshal
import shutil
from pathlib import Path

import pytest

from lsplan import catalog as catalog_mod
from lsplan import datacache
from lsplan.catalog import load_catalog

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(autouse=True)
def _own_memo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "memo"
    monkeypatch.setenv("LSPLAN_CACHE_DIR", str(folder))
    monkeypatch.delenv("LSPLAN_NO_CACHE", raising=False)
    catalog_mod.clear_cache()
    yield folder
    catalog_mod.clear_cache()


def _data_copy(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name in ("targets.yaml", "assignments.yaml"):
        shutil.copyfile(DATA / name, folder / name)
    return folder


def _memos(folder: Path) -> list[Path]:
    return sorted(folder.glob("catalog-*.bin"))


def test_round_trip_and_refusals() -> None:
    value = {"targets": [{"id": "a", "high": 7.5}], "n": None}
    entry = datacache.encode(value, "ab" * 32)
    assert datacache.decode(entry, "ab" * 32) == value
    assert datacache.decode(entry, "cd" * 32) is None  # built for another key
    assert datacache.decode(entry[:-3], "ab" * 32) is None  # truncated
    edited = entry[: -len(marshal.dumps(value))] + marshal.dumps({**value, "n": 1})
    assert marshal.loads(edited.split(b"\n", 3)[3]) != value  # still valid marshal, other data
    assert datacache.decode(edited, "ab" * 32) is None
    assert datacache.decode(b"not a memo", "ab" * 32) is None


def test_two_data_folders_keep_their_own_memo(tmp_path: Path, _own_memo: Path) -> None:
    first, second = _data_copy(tmp_path / "one"), _data_copy(tmp_path / "two")
    (second / "targets.yaml").write_bytes((first / "targets.yaml").read_bytes() + b"\n# another checkout\n")
    load_catalog(first)
    load_catalog(second)
    assert len(_memos(_own_memo)) == 2  # the second did not evict the first
    catalog_mod.clear_cache()
    before = {p: p.stat().st_mtime_ns for p in _memos(_own_memo)}
    load_catalog(first)  # read back, not rebuilt: no memo is rewritten
    assert {p: p.stat().st_mtime_ns for p in _memos(_own_memo)} == before


def test_the_memo_folder_stays_bounded(_own_memo: Path) -> None:
    for number in range(datacache.KEEP + 4):
        datacache.put(datacache.digest(str(number).encode()), {"n": number})
    assert len(_memos(_own_memo)) == datacache.KEEP
    newest = datacache.digest(str(datacache.KEEP + 3).encode())
    assert datacache.get(newest) == {"n": datacache.KEEP + 3}


def test_an_edited_memo_is_rebuilt_not_trusted(tmp_path: Path, _own_memo: Path) -> None:
    folder = _data_copy(tmp_path / "d")
    truth = load_catalog(folder)
    target = next(iter(truth.targets.values()))
    (memo,) = _memos(_own_memo)
    # Someone edits the stored plan data (a target's figure) and writes it back in place.
    raw = memo.read_bytes()
    _magic, _check, header, payload = raw.split(b"\n", 3)
    data = marshal.loads(payload)
    edited = [r for r in data["targets"]["targets"] if r["id"] == target.id]
    edited[0]["statement"] = "edited in the cache"
    forged = raw[: len(raw) - len(payload)] + marshal.dumps(data)
    assert forged != raw
    memo.write_bytes(forged)
    catalog_mod.clear_cache()
    again = load_catalog(folder)
    assert again.targets[target.id] == target  # the YAML's figures, not the edited memo's
    assert datacache.decode(memo.read_bytes(), header.decode()) is not None  # rewritten intact


def test_a_memo_copied_under_another_key_is_refused(tmp_path: Path, _own_memo: Path) -> None:
    first, second = _data_copy(tmp_path / "one"), _data_copy(tmp_path / "two")
    text = (first / "targets.yaml").read_text(encoding="utf-8")
    (second / "targets.yaml").write_text(text + "\n# changed\n", encoding="utf-8")
    load_catalog(first)
    (memo_one,) = _memos(_own_memo)
    catalog_mod.clear_cache()
    load_catalog(second)
    (memo_two,) = [p for p in _memos(_own_memo) if p != memo_one]
    key_two = memo_two.read_bytes().split(b"\n", 3)[2].decode()
    shutil.copyfile(memo_one, memo_two)  # the first data's memo under the second data's name
    assert datacache.get(key_two) is None


def test_no_cache_switch(monkeypatch: pytest.MonkeyPatch, _own_memo: Path) -> None:
    monkeypatch.setenv("LSPLAN_NO_CACHE", "1")
    datacache.put("ab" * 32, {"n": 1})
    assert datacache.get("ab" * 32) is None and not _own_memo.exists()


def _index_state(index) -> tuple:
    return (index._exact, index._loose, index._tokens, index._context, index._headings, index._choices)


def test_the_name_forms_memo_builds_the_same_index_and_refills_what_it_lacks(_own_memo: Path) -> None:
    from lsplan.indicator_match import IndicatorIndex, memoised_index

    indicators = load_catalog().indicators
    computed = IndicatorIndex(indicators)
    first = memoised_index(indicators)  # a miss: computes every form and writes the memo
    (memo,) = sorted(_own_memo.glob("names-*.bin"))
    second = memoised_index(indicators)  # a hit
    assert _index_state(first) == _index_state(second) == _index_state(computed)
    # A memo that lacks names (an older catalogue) is completed and rewritten; one whose bytes
    # were changed is ignored.
    key = memo.read_bytes().split(b"\n")[2].decode()
    some = dict(list(computed.forms.items())[:10])
    datacache.put(key, some, kind="names")
    assert _index_state(memoised_index(indicators)) == _index_state(computed)
    assert datacache.get(key, kind="names") == {n: computed.forms[n] for n in computed.forms}
    memo.write_bytes(memo.read_bytes().replace(b"tang", b"tank"))
    assert datacache.get(key, kind="names") is None
    assert _index_state(memoised_index(indicators)) == _index_state(computed)


def test_the_index_memo_reads_back_the_index_init_builds(_own_memo: Path) -> None:
    from lsplan.indicator_match import IndicatorIndex, memoised_index

    indicators = load_catalog().indicators
    computed = IndicatorIndex(indicators)
    memoised_index(indicators)  # a miss: writes the forms memo, then the index memo
    (memo,) = sorted(_own_memo.glob("index-*.bin"))
    hit = memoised_index(indicators)
    assert all(getattr(hit, name) == getattr(computed, name) for name in IndicatorIndex._TABLES)
    assert hit.learned == {} and hit.indicators is indicators
    name = next(iter(indicators.values())).name
    assert hit.resolve(name) == computed.resolve(name)
    # An edited index memo is not trusted: the index is built again, the same.
    memo.write_bytes(memo.read_bytes().replace(b"tang", b"tank"))
    rebuilt = memoised_index(indicators)
    assert all(getattr(rebuilt, n) == getattr(computed, n) for n in IndicatorIndex._TABLES)
    # Learned aliases are never read from (or written to) it.
    learned = memoised_index(indicators, {"TMBL thử": next(iter(indicators))})
    assert learned.learned and len(sorted(_own_memo.glob("index-*.bin"))) == 1


def test_the_agency_index_memo_reads_back_the_tables_init_builds(_own_memo: Path) -> None:
    from lsplan.names import AgencyIndex

    agencies = load_catalog().agencies
    built = AgencyIndex(agencies)
    AgencyIndex.memoised(agencies)  # a miss: writes the memo
    (memo,) = sorted(_own_memo.glob("agencies-*.bin"))
    hit = AgencyIndex.memoised(agencies)
    assert all(getattr(hit, name) == getattr(built, name) for name in AgencyIndex._TABLES)
    assert hit.agencies is agencies
    name = next(iter(agencies.values())).name
    for query in (name, "so tai chinh", "Sở KH&ĐT"):
        assert hit.resolve(query) == built.resolve(query)
    memo.write_bytes(memo.read_bytes().replace(b"tai", b"tau"))
    rebuilt = AgencyIndex.memoised(agencies)  # an edited memo is rebuilt, not trusted
    assert all(getattr(rebuilt, name) == getattr(built, name) for name in AgencyIndex._TABLES)
