"""Property tests: every catalogue name, typed with other case, without diacritics, decomposed
(NFD), with stray spacing, punctuation or a bullet in front, resolves to the same indicator."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lsplan.catalog import load_catalog
from lsplan.name_forms import loose_form
from lsplan.text import fold, strip_diacritics

CATALOG = load_catalog()
INDEX = CATALOG.indicator_index()
NAMED = sorted(
    {(name, i.id) for i in CATALOG.indicators.values() for name in (i.name, *i.aliases) if fold(name)}
)
IN_CONTEXT = sorted(
    {(name, i.id, i.context_headings[0]) for i in CATALOG.indicators.values() for name in i.context_names}
)


@st.composite
def typed(draw: st.DrawFn, name: str) -> str:
    """`name` as someone might type it: the letters and words of the name, nothing else added."""
    text = name
    if draw(st.booleans()):
        text = strip_diacritics(text)
    case = draw(st.sampled_from(["same", "upper", "lower", "title", "random"]))
    if case == "upper":
        text = text.upper()
    elif case == "lower":
        text = text.lower()
    elif case == "title":
        text = text.title()
    elif case == "random":
        flips = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
        text = "".join(c.upper() if f else c.lower() for c, f in zip(text, flips, strict=True))
    words = text.split(" ")
    gaps = draw(
        st.lists(
            st.sampled_from([" ", "  ", " \u00a0", ", ", " - "]), min_size=len(words), max_size=len(words)
        )
    )
    text = "".join(w + g for w, g in zip(words, gaps, strict=True)).strip(" ,-")
    text = (
        draw(st.sampled_from(["", "- ", "+ ", "1. ", "a) ", "  ", "\t"]))
        + text
        + draw(st.sampled_from(["", " ", ":"]))
    )
    form = draw(st.sampled_from(["NFC", "NFD"]))
    return unicodedata.normalize(form, text)


def test_every_name_and_alias_resolves_to_its_indicator_in_each_plain_variant() -> None:
    for name, indicator in NAMED:
        for variant in (
            name,
            name.upper(),
            strip_diacritics(name).lower(),
            unicodedata.normalize("NFD", name),
        ):
            found = INDEX.resolve(f"- {variant}")
            assert found.indicator is not None and found.indicator.id == indicator, (variant, found)
            assert found.method in ("exact-name", "alias"), (variant, found)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_name_and_alias_resolves_to_its_indicator_however_typed(data) -> None:
    name, indicator = data.draw(st.sampled_from(NAMED))
    variant = data.draw(typed(name))
    found = INDEX.resolve(variant)
    assert found.indicator is not None and found.indicator.id == indicator, (variant, found)
    assert found.method in ("exact-name", "alias"), (variant, found)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_context_name_resolves_under_its_heading_however_typed(data) -> None:
    name, indicator, heading = data.draw(st.sampled_from(IN_CONTEXT))
    variant = data.draw(typed(name))
    heading_typed = data.draw(typed(heading))
    found = INDEX.resolve(variant, ("I. CHỈ TIÊU KINH TẾ", heading_typed + " (%)", "Trong đó:"))
    assert found.indicator is not None and found.indicator.id == indicator, (variant, heading_typed, found)
    assert found.method == "context"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_resolve_never_fails_and_never_guesses_silently(text: str) -> None:
    found = INDEX.resolve(text)
    assert found.method in ("exact-name", "alias", "learned-alias", "context", "fuzzy", "none")
    if found.method in ("none", "context") and found.ambiguous:
        assert found.indicator is None
    if found.indicator is not None and found.method not in ("fuzzy", "context"):
        # a match that is not flagged as fuzzy is one of the catalogue's names, in loose form
        keys = {
            loose_form(n).key
            for n in (found.indicator.name, found.indicator.name_en, *found.indicator.aliases)
        }
        keys |= {fold(found.indicator.id)}
        assert loose_form(text).key in keys or fold(text) in keys, (text, found)


def test_the_names_of_different_indicators_never_share_a_loose_form_unless_the_unit_differs() -> None:
    owners: dict[str, set[str]] = {}
    for name, indicator in NAMED:
        owners.setdefault(loose_form(name).key, set()).add(indicator)
    shared = {key: ids for key, ids in owners.items() if len(ids) > 1}
    # GRDP per capita in triệu đồng and in USD: told apart by the bracketed unit
    assert set(shared) <= {"grdp binh quan dau nguoi", "grdp nguoi"}, shared
