"""A `Letter` in words: every line of the công văn, in Vietnamese, before any layout.

The docx and markdown writers only lay these lines out, so the two can never say different
things. Letters are official documents: Vietnamese only, whatever `--lang` says. Wording
follows the habits of provincial công văn đôn đốc: the plans are cited in full the first time
(type, number, date, issuer, trích yếu) and briefly after; the issuer asks ("đề nghị") its peers
and anyone it does not direct, and only UBND tỉnh, to its own bodies, instructs ("yêu cầu").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from lsplan.numfmt import format_number
from lsplan.remind.letters import INSTRUCTABLE_KINDS, LaggingItem, LateItem, Letter
from lsplan.remind.settings import LetterSettings

# The reporting rule behind the 14th-of-the-month cut-off of administrative figures.
REPORTING_DECREE = (
    "Nghị định số 09/2019/NĐ-CP ngày 24/01/2019 của Chính phủ quy định về chế độ báo cáo "
    "của cơ quan hành chính nhà nước"
)
NUMBER_BLANK = "      "  # the clerk writes the number after signing (NĐ 30, Điều 15)
DAY_BLANK = "      "


@dataclass(frozen=True, slots=True)
class LetterText:
    """Every line of one letter, grouped by where it goes on the page."""

    file_stem: str  # "cong-van-so-cong-thuong-2025-Q1"
    parent: str  # "UBND TỈNH LẠNG SƠN" ("" for UBND tỉnh itself)
    issuer: str  # "SỞ TÀI CHÍNH"
    number: str  # "Số:      /STC-TH"
    subject: str  # "V/v đôn đốc ..."
    place_date: str  # "Lạng Sơn, ngày      tháng      năm 2025"
    recipients: tuple[str, ...]
    paragraphs: tuple[tuple[str, str], ...]  # (kind, text): kind "body" or "item"
    authority: tuple[str, ...]  # "KT. GIÁM ĐỐC"
    signer_title: str
    signer_name: str
    copies: tuple[str, ...]  # the Nơi nhận lines, "- Như trên;" first, "- Lưu: ..." last
    draft: bool


def vn_date(day: date) -> str:
    """dd/mm/yyyy, zero-padded, as letters write dates."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _number(value: float | None, unit: str = "") -> str:
    text = format_number(value, "vi")
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if len(text) > 1 and text[1:2].islower() else text


def _title_rest(plan: Any) -> str:
    """The trích yếu without the type word it repeats ("Kế hoạch thực hiện ..." -> "thực hiện ...")."""
    title = " ".join(plan.title.split())
    kind = plan.kind or ""
    if kind and title.lower().startswith(kind.lower()):
        title = title[len(kind) :].strip()
    return _lower_first(title)


def _has_number(plan: Any) -> bool:
    return bool(re.search(r"\d", plan.number or ""))


def cite_full(plan: Any) -> str:
    """Type, number, date, issuer and trích yếu; parts the source leaves blank are left out."""
    parts = [plan.kind or "Văn bản"]
    if _has_number(plan):
        parts.append(f"số {plan.number}")
    if plan.date:
        parts.append(f"ngày {vn_date(date.fromisoformat(plan.date))}")
    elif plan.date_text:
        parts.append(f"({' '.join(plan.date_text.split())})")
    parts.append(f"của {plan.issuer}")
    parts.append(_title_rest(plan))
    return " ".join(parts)


def cite_brief(plan: Any) -> str:
    """Type and number; a plan without a number by its trích yếu up to its own date or issuer."""
    kind = plan.kind or "Văn bản"
    if _has_number(plan):
        return f"{kind} số {plan.number}"
    rest = re.split(r" (?:ngày|của) ", _title_rest(plan), maxsplit=1)[0]
    return f"{kind} {rest}"


def _verb(letter: Letter, settings: LetterSettings) -> str:
    return "yêu cầu" if settings.instructs and letter.agency_kind in INSTRUCTABLE_KINDS else "đề nghị"


def _late_line(item: LateItem, letter: Letter, plans: dict[str, Any]) -> str:
    days = (letter.as_of - item.deadline).days
    plan = cite_brief(plans[item.plan]) if item.plan in plans else item.plan
    goal = f"; mục tiêu: {item.statement}" if item.statement else ""
    return (
        f"{item.indicator_name} (theo {plan}{goal}): hạn gửi ngày {vn_date(item.deadline)}, "
        f"đã quá hạn {days} ngày"
    )


def _lagging_line(item: LaggingItem, letter: Letter, plans: dict[str, Any]) -> str:
    plan = cite_brief(plans[item.plan]) if item.plan in plans else item.plan
    goal = f"; mục tiêu: {item.statement}" if item.statement else ""
    expected = _number(item.expected, item.unit)
    if item.expected_high is not None and item.expected_high != item.expected:
        expected = f"{format_number(item.expected, 'vi')} - {_number(item.expected_high, item.unit)}"
    words = {"off_track": "chậm tiến độ", "at_risk": "có nguy cơ không đạt kế hoạch"}
    line = f"{item.indicator_name} (theo {plan}{goal}): thực hiện {_number(item.actual, item.unit)}"
    if item.attainment is not None:
        line += f", bằng {format_number(item.attainment, 'vi', 1)}% mức cần đạt đến hết {letter.period_words}"
    line += f" ({expected}), {words.get(item.status, 'chưa đạt tiến độ')}"
    if item.needed is not None and item.needed_basis == "per_quarter":
        # A share of a yearly percentage (disbursement) grows by points, not by per cent.
        pace = (
            f"{format_number(item.needed, 'vi')} điểm phần trăm"
            if item.unit == "%"
            else _number(item.needed, item.unit)
        )
        line += f"; để hoàn thành kế hoạch năm, các quý còn lại cần tăng bình quân {pace}/quý"
    elif item.needed is not None and item.needed_basis == "yearly_rate":
        rate = _number(item.needed, "%")
        line += f"; để đạt mục tiêu của cả giai đoạn, các năm còn lại cần đạt bình quân {rate}/năm"
    return line


def _items(lines: list[str]) -> list[tuple[str, str]]:
    """ "- a;" ... "- z." as the decree lists recipients and items."""
    return [("item", f"- {line}{'.' if i == len(lines) - 1 else ';'}") for i, line in enumerate(lines)]


def compose(
    letter: Letter,
    settings: LetterSettings,
    catalog: Any,
    *,
    deadline: date | None = None,
    focal: str = "Sở Tài chính",
) -> LetterText:
    """The whole letter in words. `deadline` is the new date asked for; `focal` receives the figures."""
    plans = {p: catalog.plans[p] for p in letter.plans if p in catalog.plans}
    who = letter.agency_name
    issuer = settings.issuer
    verb = _verb(letter, settings)
    paragraphs: list[tuple[str, str]] = []

    opening = ""
    if letter.prior is not None:
        opening = (
            f"Tiếp theo Công văn số {letter.prior.number} ngày {vn_date(letter.prior.date)} "
            f"của {issuer}{' về việc ' + letter.prior.subject if letter.prior.subject else ''}; "
        )
    citations = "; ".join(cite_full(p) for p in plans.values())
    opening += f"thực hiện {citations}" if opening else f"Thực hiện {citations}"
    if letter.late:
        opening += f"; căn cứ {REPORTING_DECREE}"
    paragraphs.append(("body", opening + "."))

    by_when = f"trước ngày {vn_date(deadline)}" if deadline else "trong thời gian sớm nhất"
    if letter.late:
        statistics = any(i.reporting == "statistics" for i in letter.late)
        rule = (
            f"Số liệu {letter.period_words} của các cơ quan hành chính được chốt đến ngày 14 của tháng cuối "
            f"quý"
            + ("; số liệu thống kê được công bố theo lịch phổ biến thông tin thống kê" if statistics else "")
        )
        paragraphs.append(
            (
                "body",
                f"{rule}. Đến ngày {vn_date(letter.as_of)}, {focal} chưa nhận được số liệu "
                f"{letter.period_words} của {who} đối với các chỉ tiêu sau:",
            )
        )
        paragraphs += _items([_late_line(i, letter, plans) for i in letter.late])
    if letter.lagging:
        # Growth rates come from the statistics office, not from the agency that leads them.
        own = all(i.source_agency == letter.agency_id for i in letter.lagging)
        basis = f"Theo số liệu {who} đã gửi" if own else "Theo số liệu tổng hợp"
        paragraphs.append(
            ("body", f"{basis}, đến hết {letter.period_words} các chỉ tiêu sau chưa đạt tiến độ kế hoạch:")
        )
        paragraphs += _items([_lagging_line(i, letter, plans) for i in letter.lagging])

    asks = []
    if letter.late:
        asks.append(f"khẩn trương gửi số liệu các chỉ tiêu nêu trên về {focal} {by_when}")
    if letter.lagging:
        asks.append(
            "rà soát nguyên nhân, có giải pháp cụ thể đẩy nhanh tiến độ thực hiện các chỉ tiêu chưa đạt, "
            f"báo cáo kết quả về {focal} {by_when}"
        )
    purpose = (
        "Để kịp thời tổng hợp, báo cáo Ủy ban nhân dân tỉnh"
        if not settings.draft_for_ubnd
        else ("Để bảo đảm hoàn thành các mục tiêu, chỉ tiêu kế hoạch")
    )
    paragraphs.append(("body", f"{purpose}, {issuer} {verb} {who} " + "; đồng thời ".join(asks) + "."))
    if settings.contact:
        paragraphs.append(("body", f"Thông tin chi tiết, liên hệ: {settings.contact}."))
    closing = (
        f"{issuer} đề nghị {who} quan tâm, phối hợp thực hiện./."
        if verb == "đề nghị"
        else f"Yêu cầu {who} nghiêm túc triển khai thực hiện./."
    )
    paragraphs.append(("body", closing))

    copies = ("- Như trên;", *(f"- {c};" for c in settings.copies), f"- Lưu: {settings.archive}.")
    year = letter.as_of.year
    return LetterText(
        file_stem=f"cong-van-{letter.agency_id}-{letter.year}-{letter.quarter}",
        parent=settings.parent.upper(),
        issuer=settings.issuer.upper(),
        number=f"Số:{NUMBER_BLANK}/{settings.symbol}",
        subject=f"V/v {letter.subject}",
        place_date=f"{settings.place}, ngày{DAY_BLANK}tháng{DAY_BLANK}năm {year}",
        recipients=(who,),
        paragraphs=tuple(paragraphs),
        authority=tuple(settings.signer_authority.split("\n")),
        signer_title=settings.signer_title,
        signer_name=settings.signer_name,
        copies=copies,
        draft=settings.draft_for_ubnd,
    )
