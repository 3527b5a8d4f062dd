"""Plan data: loads data/*.yaml, validates them, resolves references and agency names.

STUB — being implemented (see docs/data-format.md for the file format). The public API:

    catalog = load_catalog()                 # or load_catalog(Path("data"))
    catalog.plans / indicators / targets / agencies / groups / tasks : dict[id, record]
    catalog.responsibilities : tuple[Responsibility, ...]
    catalog.rules : tuple[Rule, ...]
    catalog.assessment : AssessmentSettings
    catalog.resolve_agency(name) -> AgencyResolution
    catalog.match_indicator(text) -> Indicator | None
    catalog.expand(agency_or_group_id) -> tuple[str, ...]      # group -> member agency ids
    catalog.lead_agencies(target_id) -> tuple[str, ...]        # current (successor) agency ids
    catalog.support_agencies(target_id) -> tuple[str, ...]
    catalog.indicators_for_agency(agency_id) -> dict[str, str]  # indicator id -> "lead"/"support"
    catalog.targets_for(plan=None, agency=None, year=None) -> list[Target]
"""
