"""Row by row judging moved to `lsplan.reading.judge` (stage "findings") and
`lsplan.reading.ambiguity`; these names stay importable from here."""

from lsplan.reading.ambiguity import PLAUSIBLE_SHARE_OF_PLAN, RATIO_TOLERANCE, settle_ambiguous
from lsplan.reading.judge import PLAN_TOLERANCE, RowChecker, indicator_name
from lsplan.reading.rows import clean_name, looks_like_heading

__all__ = [
    "PLAN_TOLERANCE",
    "PLAUSIBLE_SHARE_OF_PLAN",
    "RATIO_TOLERANCE",
    "RowChecker",
    "clean_name",
    "indicator_name",
    "looks_like_heading",
    "settle_ambiguous",
]
