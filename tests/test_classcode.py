"""lsplan.classcode: the command reuses the dataclass methods compiled by an earlier run.

Each case runs in a fresh interpreter (the cache is installed once per process, at start-up,
before the classes are defined) with its own cache folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Installs the cache as the command does, defines the library's classes and one of its own, and
# prints what was compiled and reused, whether the stored code is what compiling gives, and
# how the classes behave.
_PROBE = r"""
import json, sys
from lsplan import classcode
installed = classcode.install()
import dataclasses
from lsplan import model, checks  # noqa: F401  (the classes a check defines)

@dataclasses.dataclass(frozen=True, slots=True)
class Point:
    x: int
    y: int = 2
    tags: tuple = dataclasses.field(default_factory=tuple)

p = Point(1)
try:
    p.x = 5
    frozen = False
except dataclasses.FrozenInstanceError:
    frozen = True
same = all(
    code == compile(text, "<string>", "exec", dont_inherit=True)
    for text, code in classcode._compiled.items()
)
print(json.dumps({
    "installed": installed,
    "patched": vars(dataclasses).get("exec") is classcode._exec,
    "stats": classcode.stats,
    "same_code": same,
    "behaviour": [repr(p), p == Point(1, 2), hash(p) == hash(Point(1)), frozen, p.tags],
}))
"""


def _probe(cache: Path, **env: str) -> dict:
    environment = {k: v for k, v in os.environ.items() if k not in ("LSPLAN_NO_CACHE",)}
    environment.update({"LSPLAN_CACHE_DIR": str(cache), **env})
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, env=environment, check=True
    )
    return json.loads(done.stdout)


def _stored(cache: Path) -> list[Path]:
    return sorted(cache.glob("classcode-*.bin"))


def test_the_second_run_compiles_nothing_and_behaves_the_same(tmp_path: Path) -> None:
    first = _probe(tmp_path)
    assert first["installed"] and first["patched"]
    assert first["stats"]["compiled"] > 100 and first["stats"]["reused"] == 0
    assert len(_stored(tmp_path)) == 1
    second = _probe(tmp_path)
    assert second["stats"] == {"compiled": 0, "reused": first["stats"]["compiled"]}
    assert second["same_code"]  # the stored code objects equal what compiling the text gives
    assert second["behaviour"] == first["behaviour"] == ["Point(x=1, y=2, tags=())", True, True, True, []]


def test_a_damaged_file_is_compiled_again_without_an_error(tmp_path: Path) -> None:
    _probe(tmp_path)
    (stored,) = _stored(tmp_path)
    raw = bytearray(stored.read_bytes())
    raw[-40:] = b"\x00" * 40
    stored.write_bytes(bytes(raw))
    again = _probe(tmp_path)
    assert again["stats"]["compiled"] > 100 and again["stats"]["reused"] == 0
    assert again["same_code"]


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX mode bits")
def test_code_another_user_could_have_written_is_not_run(tmp_path: Path) -> None:
    _probe(tmp_path)
    (stored,) = _stored(tmp_path)
    stored.chmod(0o666)  # anyone may write it: it could hold anything
    assert _probe(tmp_path)["stats"]["reused"] == 0
    stored.chmod(0o600)
    tmp_path.chmod(0o777)  # its folder lets anyone swap the file
    try:
        assert _probe(tmp_path)["stats"]["reused"] == 0
    finally:
        tmp_path.chmod(0o700)
    assert _probe(tmp_path)["stats"]["compiled"] == 0


def test_no_cache_switch_leaves_dataclasses_alone(tmp_path: Path) -> None:
    probe = _probe(tmp_path, LSPLAN_NO_CACHE="1")
    assert not probe["installed"] and not probe["patched"]
    assert probe["stats"] == {"compiled": 0, "reused": 0}
    assert not _stored(tmp_path)


def test_the_library_alone_does_not_install_it() -> None:
    code = "import dataclasses, lsplan.checks, lsplan.catalog; print('exec' in vars(dataclasses))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_the_command_installs_it(tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if k != "LSPLAN_NO_CACHE"}
    environment["LSPLAN_CACHE_DIR"] = str(tmp_path)
    subprocess.run(
        [sys.executable, "-m", "lsplan", "data", "--help"], capture_output=True, env=environment, check=True
    )
    assert len(_stored(tmp_path)) == 1


def test_the_stored_texts_stay_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past LIMIT texts, only the ones this run used are kept: the file (and its load) is bounded."""
    from lsplan import classcode, datacache

    monkeypatch.setenv("LSPLAN_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("LSPLAN_NO_CACHE", raising=False)
    texts = [f"def f{i}():\n return {i}\n" for i in range(classcode.LIMIT + 5)]
    compiled = {text: compile(text, "<string>", "exec", dont_inherit=True) for text in texts}
    monkeypatch.setattr(classcode, "_compiled", compiled)
    monkeypatch.setattr(classcode, "_used", set(texts[:3]))
    monkeypatch.setattr(classcode, "_new", {texts[0]})
    classcode.save()
    stored = datacache.get(classcode.cache_key(), classcode.KIND, private=True)
    assert set(stored) == set(texts[:3])
    monkeypatch.setattr(classcode, "_compiled", {t: compiled[t] for t in texts[:10]})
    monkeypatch.setattr(classcode, "_new", {texts[9]})
    classcode.save()  # under the limit: everything met is kept
    assert len(datacache.get(classcode.cache_key(), classcode.KIND, private=True)) == 10
