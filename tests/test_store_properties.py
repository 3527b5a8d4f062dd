"""Property tests: which figure counts, and derived cumulative flows, whatever the order received."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from lsplan.model import Observation
from lsplan.store import MATURITY_RANK, Store

maturities = st.sampled_from(sorted(MATURITY_RANK))
values = st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False)
counter = itertools.count()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(values, maturities), min_size=1, max_size=6))
def test_most_mature_then_latest_counts(submissions):
    with Store(":memory:") as store:
        for value, maturity in submissions:
            store.add_submission(
                file_name="f.xlsx",
                sha256=f"s{next(counter)}",
                agency="a",
                year=2025,
                period="Q2",
                observations=[Observation("x", value, "", 2025, "Q2", maturity=maturity)],
            )
        best = max(enumerate(submissions), key=lambda item: (MATURITY_RANK[item[1][1]], item[0]))[1]
        assert store.current(2025, "Q2")["x"].observation.value == best[0]
        current = [s for s in store.submissions() if s.superseded_by is None]
        assert len(current) == 1 and len(store.history("x")) == len(submissions)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.floats(min_value=0, max_value=1e6, allow_nan=False), min_size=4, max_size=4),
    st.permutations(range(4)),
)
def test_quarter_alone_flows_add_up_in_any_order(quarters, order):
    with Store(":memory:") as store:
        for index in order:
            period = f"Q{index + 1}"
            store.add_submission(
                file_name=f"{period}.xlsx",
                sha256=f"q{next(counter)}",
                agency="a",
                year=2025,
                period=period,
                observations=[Observation("x", quarters[index], "", 2025, period, cumulative=False)],
            )
        for n in range(4):
            derived = store.current(2025, f"Q{n + 1}", flows={"x"})["x"].observation
            assert derived.cumulative and abs(derived.value - sum(quarters[: n + 1])) <= 1e-6 * (
                1 + derived.value
            )
