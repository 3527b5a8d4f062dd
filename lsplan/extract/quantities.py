"""Stage 4: the figures of a clause — numbers and ranges, their unit, footnote markers.

Vietnamese numbers group thousands with "." and write decimals with "," ("9.937,8"). A figure
counts only with a unit (%, a currency, a known measure or a counted noun): years, document
numbers ("25/NQ-CP"), dates, kilometre posts ("Km18") and phone numbers have none, or are glued
to letters, and are never read as figures. A digit glued to a number whose thousands groups it
breaks ("6.8772 hộ") is a footnote marker when the text has that footnote; without one the
number is not read (it is not guessed).
"""

from __future__ import annotations

import re

from lsplan.extract.model import Quantity

_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
# Units as plans write them, longest first so that "nghìn tỷ đồng" wins over "tỷ đồng".
UNITS = sorted(
    [
        "nghìn tỷ đồng",
        "ngàn tỷ đồng",
        "tỷ đồng",
        "triệu đồng/lao động/năm",
        "triệu đồng/người/năm",
        "triệu đồng/người/tháng",
        "triệu đồng/tháng",
        "triệu đồng/ha",
        "triệu đồng/người",
        "triệu đồng",
        "nghìn đồng",
        "đồng",
        "triệu USD",
        "tỷ USD",
        "USD",
        "triệu lượt người",
        "triệu lượt",
        "nghìn lượt",
        "lượt người",
        "lượt",
        "nghìn ha",
        "ha",
        "km2",
        "km",
        "m2",
        "m3",
        "nghìn tấn",
        "triệu tấn",
        "tấn",
        "triệu kWh",
        "tỷ kWh",
        "kWh",
        "MW",
        "giường bệnh/vạn dân",
        "giường bệnh/1 vạn dân",
        "giường/vạn dân",
        "bác sĩ/1 vạn dân",
        "bác sĩ/vạn dân",
        "hộ gia đình",
        "hộ",
        "người",
        "lao động",
        "học sinh",
        "xã",
        "thôn",
        "doanh nghiệp",
        "hợp tác xã",
        "dự án",
        "sản phẩm",
        "khu công nghiệp",
        "cụm công nghiệp",
        "khu kinh tế",
        "tập đoàn",
        "trường",
        "công trình",
        "cơ sở",
        "điểm",
        "tuyến",
        "chợ",
        "con",
        "cây",
        "bệnh viện",
        "trạm y tế",
        "nhà",
        "căn",
        "sản phẩm OCOP",
        "tỉnh",
        "tỉnh, thành phố",
        "năm",
        "lần",
        "ngày làm việc",
        "ngày",
        "giờ",
        "tuổi",
        "‰",
    ],
    key=len,
    reverse=True,
)
_UNIT = "|".join(re.escape(u) for u in UNITS)
FIGURE = re.compile(
    rf"(?<![\w/.,\-])(?P<a>{_NUM})(?P<afn>\d)?(?:\[\^?(?P<amark>\d{{1,2}})\])?\s*(?P<apct>%)?"
    rf"(?:\s*(?:-|–|—|đến|tới)\s*(?P<b>{_NUM})\s*(?P<bpct>%)?)?"
    rf"(?:\[\^?(?P<bmark>\d{{1,2}})\])?"
    rf"(?:(?<=%)(?P<pfn>\d{{1,2}})(?![\d.,]))?"
    rf"(?P<ratio>/(?P<of>\d+))?"
    rf"(?:\s*(?P<unit>{_UNIT})(?P<ufn>\d{{1,2}})?(?![\w]))?",
    re.IGNORECASE,
)
# "Tuổi thọ trung bình đạt 72 tuổi.", "Số bác sĩ trên 10.000 dân đạt 12 bác sĩ.": a count of a noun
# the list of units does not hold. Read only where nothing can be mistaken for it: the figure
# follows a word of reaching or of a bound, and the clause ends with its noun (one to three
# words in lower case), so a date ("ngày 15 tháng 12"), an article ("khoản 2 Điều 5") or a
# figure in mid-sentence is never taken for one.
_COUNTED_BEFORE = re.compile(
    r"(?:\bđạt|\blà|\bcó|\bở mức|\bcòn|\btrên|\bdưới|\btối thiểu|\bít nhất|\bkhoảng|\bkhông dưới|"
    r"\bkhông quá|\btừ|:)\s*$",  # "Số giường bệnh/vạn dân: 32 giường."
    re.IGNORECASE,
)
_COUNTED_NOUN = re.compile(r"^\s*([^\W\d_]+(?:\s+[^\W\d_]+){0,2})\s*[.;,]?\s*$")
_GLUED_AFTER = re.compile(r"^[\w/\-]")  # "123-KL/TW", "25/NQ", "4B": a code, not a figure
_BOUND_BEFORE = re.compile(
    r"(?:không quá|tối đa|dưới|còn|xuống|rút ngắn|giảm|trên|tối thiểu|ít nhất|không vượt quá)\s*$", re.I
)
_MORE_OF = re.compile(r"(?:có thêm|tăng thêm|thêm|có ít nhất|có tối thiểu|ít nhất|tối thiểu)\s*$", re.I)
_COUNTED = re.compile(r"\s*((?!năm\b|tháng\b|quý\b|ngày\b|lần\b)[a-zà-ỹđ]+(?: [a-zà-ỹđ]+)?)(?=[\s,;.]|$)")
_AGE_GROUP = re.compile(r"(?:trẻ em|trẻ|người|lao động|dân số|học sinh)\s+(?:dưới|trên|từ|đủ|đến)?\s*$", re.I)
_PHONE_BEFORE = re.compile(r"(?:điện thoại|đt|tel|fax|hotline|số máy)[\s.:]*$", re.I)


def parse_number(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


def _grouping_ok(text: str) -> bool:
    whole = text.split(",")[0]
    return "." not in whole or all(len(g) == 3 for g in whole.split(".")[1:])


def find_quantities(clause: str, footnotes: tuple[str, ...] = ()) -> list[Quantity]:
    """Every figure of `clause` that has a unit, in order."""
    out: list[Quantity] = []
    for m in FIGURE.finditer(clause):
        a, b = m.group("a"), m.group("b")
        pct = bool(m.group("apct") or m.group("bpct"))
        unit = "%" if pct else (m.group("unit") or "")
        footnote = (
            m.group("afn") or m.group("amark") or m.group("bmark") or m.group("pfn") or m.group("ufn") or ""
        )
        if (m.group("pfn") or m.group("ufn")) and footnote not in footnotes:
            continue  # "48.500 tỷ đồng2" with no footnote 2: not a figure to guess at
        if m.group("afn"):
            # "6.8772": a glued footnote marker only if the text has footnote 2 and the
            # number without it is well formed; otherwise the figure is not read at all.
            if m.group("afn") not in footnotes or "." not in a or b:
                continue
        if m.group("ratio"):
            # "13/13 sản phẩm": n of m. A date ("24/01/2025") or a code ("25/NQ-CP") is not one.
            rest = clause[m.end("ratio") :]
            if not unit or rest.startswith("/") or m.group("a") != m.group("of") and not unit:
                continue
        end_of = 0
        if not unit and not b and not m.group("ratio"):
            counted = _COUNTED.match(clause[m.end() :]) if _MORE_OF.search(clause[: m.start()]) else None
            if counted:
                # "Có thêm 2 khu du lịch được công nhận": after "có thêm", "ít nhất" the noun
                # that follows a number is what is counted, known unit or not.
                unit = counted.group(1)
                end_of = m.end() + counted.end()
            elif not re.fullmatch(r"(19|20)\d\d", a):
                tail = clause[m.end() :]
                spaced = clause[m.end() - 1 : m.end()].isspace() or tail[:1].isspace()
                noun = _COUNTED_NOUN.match(tail) if spaced else None
                lower = noun is not None and all(w[0].islower() for w in noun.group(1).split())
                if lower and _COUNTED_BEFORE.search(clause[: m.start()]) and noun.group(1).lower() != "năm":
                    unit = noun.group(1)  # "đạt 72 tuổi.": the clause ends with what is counted
                    end_of = clause.index(unit, m.end()) + len(unit)
        if not unit or unit.lower() == "năm" and not m.group("ratio"):
            continue
        tail = clause[m.end() :]
        if not pct and not m.group("unit") and not end_of and _GLUED_AFTER.match(tail):
            continue
        if _PHONE_BEFORE.search(clause[: m.start()]):
            continue
        if unit.lower() == "tuổi" and _AGE_GROUP.search(clause[: m.start()]):
            continue  # "trẻ em dưới 1 tuổi": who is counted, not a figure to reach
        if unit.lower() in ("ngày", "ngày làm việc", "giờ") and not _BOUND_BEFORE.search(clause[: m.start()]):
            continue  # "báo cáo trong 15 ngày" is a deadline; "không quá 10 ngày" a target
        if len(a.replace(".", "").replace(",", "")) >= 9 and not _grouping_ok(a):
            continue
        if (
            re.fullmatch(r"(19|20)\d\d", a)
            and unit != "%"
            and (not m.group("unit") or re.search(r"(?:năm|kỳ|đoạn|vụ \w+)\s*$", clause[: m.start()], re.I))
        ):
            continue  # a year ("năm 2025 tỉnh Lạng Sơn"), not a count of provinces
        low = parse_number(a)
        high = parse_number(b) if b else None
        end = end_of or m.end()
        if pct and m.group("unit"):
            # "100% khu công nghiệp có hệ thống xử lý nước thải": the noun after a share is
            # what the share is of, it names the indicator; it is no unit of the figure.
            end = m.start("unit")
            while clause[end - 1] == " ":
                end -= 1
        out.append(
            Quantity(
                start=m.start(),
                end=end,
                low=low,
                high=high,
                unit=unit if unit == "%" else _canonical_unit(unit),
                text=clause[m.start() : end].strip(),
                footnote=footnote,
            )
        )
    return out


def _canonical_unit(unit: str) -> str:
    for known in UNITS:
        if known.lower() == unit.lower():
            return known if known != "kWh" or unit == known else unit
    return unit
