"""The shipped plan data (data/targets.yaml): schema, integrity, verbatim quotes, key values.

Quotes are compared the way the quote check (check_quotes.py) compares them: NFC, no white space,
no soft hyphens. Each quote must be in its own plan's source file, and the target's numbers must
be among the quote's numbers read the Vietnamese way ("9.937,8" is 9937.8), without rescaling.
"""

from __future__ import annotations

import copy
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from lsplan.catalog import default_sources_dir
from lsplan.text import fold

REPO = Path(__file__).resolve().parent.parent
DATA = yaml.safe_load((REPO / "data" / "targets.yaml").read_text(encoding="utf-8"))
SCHEMA = json.loads((REPO / "schemas" / "targets.schema.json").read_text(encoding="utf-8"))
TARGETS: list[dict[str, Any]] = DATA["targets"]
BY_ID = {t["id"]: t for t in TARGETS}
INDICATORS = {i["id"]: i for i in DATA["indicators"]}
PLANS = {p["id"]: p for p in DATA["plans"]}
VN_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")


def squash(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "")
    return re.sub(r"\s+", "", text)


def vn_numbers(text: str) -> set[float]:
    return {float(tok.replace(".", "").replace(",", ".")) for tok in VN_NUMBER.findall(text)}


def has_number(number: float, text: str) -> bool:
    return any(abs(number - n) < 1e-9 * max(1.0, abs(n)) for n in vn_numbers(text))


@pytest.fixture(scope="module")
def sources() -> dict[str, str]:
    folder = default_sources_dir()
    # The texts ship in data/sources/: missing them is a broken checkout, not a reason to skip.
    assert folder is not None and any(folder.glob("*.txt")), f"plan source texts not found in {folder}"
    return {p.name: squash(p.read_text(encoding="utf-8")) for p in folder.glob("*.txt")}


def schema_errors(data: Any) -> list[str]:
    return [e.message for e in Draft202012Validator(SCHEMA).iter_errors(data)]


# --------------------------------------------------------------------------- schema


def test_schema_is_a_valid_2020_12_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_shipped_file_validates() -> None:
    assert schema_errors(DATA) == []


def _mutate(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(DATA)
    node: Any = data
    for key in path[:-1]:
        node = node[key]
    if value is KeyError:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("targets", 0, "low"), "8"),  # a number written as text
        (("targets", 0, "comparison"), "about"),  # not in the enum
        (("targets", 0, "period"), {"year": 2025, "start": 2021}),  # neither form of period
        (("targets", 0, "period"), {"start": 2021, "end": 2030}),  # a span needs its basis
        (("targets", 0, "id"), "KB-2025.GRDP"),  # ids are lower-case
        (("targets", 0, "id"), "grdp-growth"),  # a target id is "<plan>.<name>"
        (("targets", 0, "source", "quote"), KeyError),  # every target has its quote
        (("targets", 0, "colour"), "red"),  # unknown keys are refused
        (("targets", 0, "low"), KeyError),  # a range needs both sides
        (("indicators", 0, "measure"), "speed"),
        (("indicators", 0, "direction"), "up"),
        (("plans", 0, "date"), "27/10/2022"),  # ISO dates only
        (("rules", 0, "operator"), "=<"),
    ],
)
def test_schema_refuses_broken_data(path: tuple[Any, ...], value: Any) -> None:
    assert schema_errors(_mutate(path, value)), f"{path} = {value!r} was accepted"


def test_schema_refuses_numbers_on_a_qualitative_target() -> None:
    index = next(i for i, t in enumerate(TARGETS) if t["comparison"] == "qualitative")
    assert schema_errors(_mutate(("targets", index, "low"), 1))


def test_schema_requires_the_side_an_open_comparison_needs() -> None:
    at_least = next(i for i, t in enumerate(TARGETS) if t["comparison"] == "at_least")
    rank = next(i for i, t in enumerate(TARGETS) if t["comparison"] == "rank")
    assert schema_errors(_mutate(("targets", at_least, "low"), KeyError))
    assert schema_errors(_mutate(("targets", rank, "high"), KeyError))


# --------------------------------------------------------------------------- integrity


@pytest.mark.parametrize("section", ["plans", "indicators", "targets", "rules"])
def test_ids_are_unique(section: str) -> None:
    ids = [item["id"] for item in DATA[section]]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_targets_refer_to_existing_plans_and_indicators_and_their_own_source() -> None:
    for target in TARGETS:
        assert target["plan"] in PLANS, target["id"]
        assert target["indicator"] in INDICATORS, target["id"]
        assert target["id"].startswith(target["plan"] + "."), target["id"]
        assert target["source"]["document"] == PLANS[target["plan"]]["source_file"], target["id"]


def test_ranges_are_ordered_and_periods_inside_the_plan_horizon() -> None:
    for target in TARGETS:
        for pair in (target, target.get("stretch") or {}):
            if pair.get("low") is not None and pair.get("high") is not None:
                assert pair["low"] <= pair["high"], target["id"]
        period, horizon = target["period"], PLANS[target["plan"]]["horizon"]
        start = period.get("year", period.get("start"))
        end = period.get("year", period.get("end"))
        assert horizon["start"] <= start <= end <= horizon["end"], target["id"]


def test_every_indicator_is_used_and_every_plan_has_targets() -> None:
    used = {t["indicator"] for t in TARGETS}
    assert set(INDICATORS) - used == set()
    assert {t["plan"] for t in TARGETS} == set(PLANS) == {"kb-2025", "ctr-98", "ctr-52"}


def test_names_and_aliases_match_one_indicator_only() -> None:
    owner: dict[str, str] = {}
    for indicator in DATA["indicators"]:
        for name in {fold(n) for n in [indicator["name"], *indicator.get("aliases", [])]}:
            assert name not in owner, f"{name!r} names both {owner.get(name)} and {indicator['id']}"
            owner[name] = indicator["id"]


def test_rules_refer_to_existing_indicators() -> None:
    for rule in DATA["rules"]:
        for side in (rule["left"], rule["right"]):
            for token in re.findall(r"[a-z][a-z0-9-]*", side):
                assert token in INDICATORS, f"{rule['id']}: {token}"


# --------------------------------------------------------------------------- quotes


@pytest.mark.parametrize("target", TARGETS, ids=[t["id"] for t in TARGETS])
def test_quote_is_verbatim_and_holds_the_numbers(target: dict[str, Any], sources: dict[str, str]) -> None:
    quote, document = target["source"]["quote"], target["source"]["document"]
    found = squash(quote) in sources[document]
    assert found, f"quote not verbatim in {document}: {quote!r}"
    for key in ("low", "high"):
        if target.get(key) is not None:
            assert has_number(target[key], quote), f"{key}={target[key]} not in {quote!r}"
    stretch = target.get("stretch") or {}
    for key in ("low", "high"):
        if stretch.get(key) is not None and not stretch.get("note"):
            assert has_number(stretch[key], stretch["text"] + " " + quote), f"stretch {key}"


def test_fixed_benchmarks_are_quoted_from_the_plan(sources: dict[str, str]) -> None:
    with_value = [t for t in TARGETS if t.get("benchmark_value") is not None]
    assert [t["id"] for t in with_value] == ["kb-2025.budget-revenue-vs-central-estimate"]
    for target in with_value:
        assert squash(target["benchmark"]) in sources[target["source"]["document"]]
        assert has_number(target["benchmark_value"], target["benchmark"])


# --------------------------------------------------------------------------- spot checks


def test_required_indicator_ids_exist() -> None:
    required = """grdp-growth grdp-growth-agri grdp-growth-industry-construction grdp-growth-industry
        grdp-growth-services grdp-growth-taxes grdp-share-agri grdp-share-industry-construction
        grdp-share-industry grdp-share-services grdp-share-taxes grdp-per-capita tourists
        tourists-international tourists-domestic tourism-revenue budget-revenue budget-spending
        investment-total retail-sales export-growth cpi coal-output electricity-output
        industrial-products-on-plan public-investment-disbursement annual-crop-area food-output
        forest-cover forest-planting""".split()
    assert [i for i in required if i not in INDICATORS] == []
    flows = ["tourists", "tourism-revenue", "retail-sales", "coal-output", "annual-crop-area",
             "forest-planting", "investment-total", "budget-revenue", "public-investment-disbursement"]
    assert {INDICATORS[i]["measure"] for i in flows} == {"flow"}
    for lower in ("cpi", "multidimensional-poverty-rate", "tax-arrears-ratio"):
        assert INDICATORS[lower]["direction"] == "lower", lower
    assert {INDICATORS[i]["direction"] for i in INDICATORS if i.startswith("grdp-share-")} == {"target"}


def test_kb_2025_key_values() -> None:
    revenue = BY_ID["kb-2025.budget-revenue"]
    assert (revenue["comparison"], revenue["low"], revenue["stretch"]["low"]) == ("at_least", 9937.8, 10287.8)
    growth = BY_ID["kb-2025.grdp-growth"]
    assert (growth["low"], growth["high"], growth["stretch"]["low"]) == (8, 9, 10)
    investment = BY_ID["kb-2025.investment-total"]
    assert (investment["low"], investment["high"], investment["unit"]) == (47, 48, "nghìn tỷ đồng")
    assert BY_ID["kb-2025.retail-sales"]["low"] == 43167
    assert BY_ID["kb-2025.budget-spending"]["low"] == 18691.4
    assert BY_ID["kb-2025.coal-output"]["low"] == 500000
    assert BY_ID["kb-2025.public-investment-disbursement"]["stretch"]["low"] == 100
    cpi = BY_ID["kb-2025.cpi"]
    assert cpi["comparison"] == "relative" and "low" not in cpi and "cả nước" in cpi["benchmark"]
    relative = BY_ID["kb-2025.budget-revenue-vs-central-estimate"]
    assert (relative["low"], relative["unit"], relative["benchmark_value"]) == (13, "%", 9100)
    parts = BY_ID["kb-2025.housing-support-households-nq-188"]["low"] + BY_ID[
        "kb-2025.housing-support-households-kh-27"]["low"]
    assert parts == BY_ID["kb-2025.housing-support-households"]["low"] == 6877


def test_multi_year_targets() -> None:
    growth = BY_ID["ctr-98.grdp-growth-avg"]
    assert growth["period"] == {"start": 2021, "end": 2030, "basis": "annual_average"}
    assert (growth["low"], growth["high"]) == (8, 9)
    poverty = BY_ID["ctr-52.poverty-reduction"]
    assert (poverty["comparison"], poverty["low"], poverty["high"]) == ("reduction", 2, 3)
    assert poverty["period"]["basis"] == "per_year"
    assert BY_ID["ctr-98.certified-labour-rate"]["low"] == 35
    assert BY_ID["ctr-98.certified-labour-rate"]["stretch"]["low"] == 40
    assert BY_ID["ctr-98.digital-transformation-rank"]["high"] == 10
    assert BY_ID["ctr-98.regional-standing-2045"]["period"] == {"year": 2045}


def test_shared_indicators_have_one_target_per_plan() -> None:
    for indicator in ("grdp-growth", "grdp-per-capita", "trained-labour-rate", "urbanisation-rate"):
        plans = sorted(t["plan"] for t in TARGETS if t["indicator"] == indicator)
        assert len(plans) == len(set(plans)) >= 2, indicator


@pytest.mark.parametrize("plan", ["kb-2025", "ctr-98", "ctr-52"])
def test_structure_bands_can_add_up_to_100(plan: str) -> None:
    shares = [BY_ID[f"{plan}.grdp-share-{s}"] for s in ("agri", "industry-construction", "services", "taxes")]
    assert sum(t["low"] for t in shares) <= 100 <= sum(t["high"] for t in shares)


def test_tourist_parts_add_up_to_the_total() -> None:
    total = BY_ID["ctr-98.tourists"]["low"]
    parts = BY_ID["ctr-98.tourists-international"]["low"] + BY_ID["ctr-98.tourists-domestic"]["low"]
    assert parts == pytest.approx(total)
