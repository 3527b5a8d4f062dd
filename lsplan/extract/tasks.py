"""Stage 8: task blocks -> task proposals (number, title, lead, support, timeframe, quote).

The shapes plans use, each tried in this order:
- label blocks under a numbered item: "- Cơ quan chủ trì: …", "Đơn vị thực hiện:", "Cơ quan
  phối hợp:", "Thời gian thực hiện:" (spelt many ways, one per paragraph or all in one);
- annex tables: STT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian | Sản phẩm, with
  rows "I", "II" (or "A", "B") opening parts whose numbering restarts, year columns as milestones;
- agency paragraphs under the parts that assign work ("Tổ chức thực hiện", "Nhiệm vụ, giải
  pháp", "Phân công"): "1. Sở Công Thương: chủ trì …", "5. Cục Thống kê tỉnh có trách nhiệm …",
  "Giao Sở X chủ trì, phối hợp với …", "Đề nghị Ủy ban MTTQ tỉnh …".
Annex tables are read in lsplan.extract.task_tables; indicator duties ("Sở X là cơ quan đầu mối …
chỉ tiêu …") become responsibilities in lsplan.extract.responsibilities.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lsplan.extract.agencies import AgencyFinder
from lsplan.extract.model import (
    AgencyRef,
    Document,
    Paragraph,
    PlanInfo,
    TaskProposal,
)
from lsplan.extract.task_tables import _table_tasks
from lsplan.text import fold

# Folded label words: "cơ quan chủ trì", "đơn vị chủ trì thực hiện", "đơn vị thực hiện", ...
_LABEL = re.compile(
    r"(?:^|[;.]\s*|\s[-–]\s)(?P<label>(?:co quan|don vi|bo phan)\s+(?:chu tri|thuc hien|phoi hop|tham muu)"
    r"(?:\s+thuc hien)?|chu tri(?:\s+thuc hien)?|phoi hop(?:\s+thuc hien)?|"
    r"thoi gian(?:\s+(?:thuc hien|hoan thanh|trien khai))?|thoi han(?:\s+hoan thanh)?|"
    r"tien do(?:\s+thuc hien)?|"
    r"san pham(?:\s+dau ra)?|ket qua dau ra)\s*:",
)
_DUTY = re.compile(
    r"(?<!các)\s(?:chủ trì|là cơ quan|làm cơ quan|là đầu mối|có trách nhiệm|chịu trách nhiệm|chủ động|"
    r"căn cứ|bám sát|"
    r"định kỳ|tổ chức|triển khai|thực hiện|tham mưu|xây dựng|hướng dẫn|chỉ đạo|theo dõi|tăng cường|"
    r"phối hợp|rà soát|cung cấp|thành lập|trực tiếp|tập trung|quán triệt|bố trí|cân đối|vận động|"
    r"giám sát|kiểm tra|thẩm định|bảo đảm|đảm bảo|đẩy mạnh|nghiên cứu|ban hành|đôn đốc|(?<!chí )lãnh đạo)\b"
)
_ASSIGN_PARTS = re.compile(r"to chuc thuc hien|nhiem vu|giai phap|phan cong|trach nhiem")
_PREFIX = re.compile(r"^\s*(?:Giao(?:\s+cho)?|Đề nghị|Yêu cầu)\s+", re.I)
_GIVEN = re.compile(r"^\s*Giao(?:\s+cho)?\s+[^.;:]{3,160}?\s+chủ trì\b")
_YEAR = re.compile(r"(?:19|20)\d\d")


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    from lsplan.text import strip_diacritics

    folded = strip_diacritics(ch).casefold()
    return folded[:1] if folded else " "


def _fold_keep_length(text: str) -> str:
    """`fold` letter by letter, so that positions in the result are positions in `text`."""
    return "".join(map(_fold_char, text))


def _labels(text: str) -> list[tuple[str, str, int, int]]:
    """(kind, value, start, end) of each label in a paragraph: kind lead/support/time/product."""
    folded = _fold_keep_length(text)
    found = list(_LABEL.finditer(folded))
    out = []
    for index, m in enumerate(found):
        label = m.group("label")
        kind = (
            "support"
            if "phoi hop" in label
            else "time"
            if label.startswith(("thoi", "tien do"))
            else "product"
            if label.startswith(("san pham", "ket qua"))
            else "lead"
        )
        end = found[index + 1].start() if index + 1 < len(found) else len(text)
        out.append((kind, text[m.end() : end].strip(" .;-–"), m.start("label"), end))
    return out


def _is_label_paragraph(paragraph: Paragraph) -> bool:
    text = re.sub(r"^[-–•+*]\s*", "", paragraph.text)
    found = _labels(text[:60])  # a label block starts with its label
    return bool(found) and found[0][2] == 0


def _title(paragraph: Paragraph) -> str:
    text = paragraph.text[len(paragraph.label) :].strip()
    first = re.split(r"(?<=[.;:])\s", text, maxsplit=1)[0]
    return first.rstrip(".;:")[:300]


def find_tasks(document: Document, finder: AgencyFinder, info: PlanInfo) -> list[TaskProposal]:
    paragraphs = document.paragraphs
    tasks: list[TaskProposal] = []
    taken: set[str] = set()
    heads: dict[str, Paragraph] = {}  # section path -> its numbered paragraph
    part_titles: dict[str, str] = {}
    i = 0
    while i < len(paragraphs):
        paragraph = paragraphs[i]
        if paragraph.label:
            heads[paragraph.section] = paragraph
            if "." not in paragraph.section and "(" not in paragraph.section:
                part_titles[paragraph.section] = fold(paragraph.text)
        if paragraph.kind == "row":
            rows = []
            while i < len(paragraphs) and paragraphs[i].kind == "row":
                rows.append(paragraphs[i])
                i += 1
            tasks.extend(_table_tasks(rows, document, finder))
            continue
        if paragraph.kind == "text" and _is_label_paragraph(paragraph):
            block = [paragraph]
            while i + 1 < len(paragraphs) and _is_label_paragraph(paragraphs[i + 1]):
                i += 1
                block.append(paragraphs[i])
            head = heads.get(paragraph.section)
            task = _label_task(block, head, document, finder)
            if task is not None:  # a number used twice is flagged (extract-section-twice), not dropped
                tasks.append(task)
                taken.add(task.number)
            i += 1
            continue
        inline = _inline_labels(paragraph) if paragraph.kind == "text" and paragraph.label else None
        if inline is not None:
            # "2. Cải cách thể chế …. Cơ quan chủ trì: Sở Tài chính; cơ quan phối hợp: Sở Tư pháp;
            # thời gian thực hiện: năm 2026.": the item carries its label block in its own text.
            task = _label_task([paragraph], paragraph, document, finder)
            if task is not None:
                tasks.append(task)
                taken.add(task.number)
                i += 1
                continue
        trailing = _TRAILING_LEAD.search(paragraph.text) if paragraph.kind == "text" else None
        if trailing:
            task = _trailing_task(paragraph, trailing, document, finder, tasks)
            if task is not None:
                tasks.append(task)
                taken.add(paragraph.section)
                i += 1
                continue
        top = paragraph.section.split(".")[0].split("(")[0]
        if (
            paragraph.kind == "text"
            and _BULLET.match(paragraph.text)
            and _ASSIGN_PARTS.search(part_titles.get(top, ""))
        ):
            # "- Sở Công Thương: chủ trì …", "- Giao Sở Tài chính chủ trì …": one task a bullet,
            # numbered after its section in order ("Điều 1.2-1", "Điều 1.2-2").
            task = _bullet_task(paragraph, document, finder, tasks)
            if task is not None:
                tasks.append(task)
                taken.add(paragraph.section)
                i += 1
                continue
        if paragraph.kind == "text" and paragraph.section not in taken:
            first_after_head = (
                i > 0 and paragraphs[i - 1].label and paragraphs[i - 1].section == paragraph.section
            )
            body = paragraph.text[len(paragraph.label) :]
            # "Điều 2. Giao Sở Tài chính chủ trì, phối hợp với …": an assignment wherever it stands.
            assigns = bool(_ASSIGN_PARTS.search(part_titles.get(top, ""))) or bool(_GIVEN.match(body))
            if assigns and (paragraph.label or first_after_head):
                task = _agency_paragraph_task(paragraph, document, finder)
                if task is not None and _labelled_later(paragraphs, i):
                    task = None  # the numbered item has its own label block further down
                if task is not None:
                    task = _with_co_leads(task, _block(paragraphs, i), document, finder)
                if task is not None:
                    tasks.append(task)
                    taken.add(task.number)
        i += 1
    return tasks


# "- Rà soát quy hoạch … (Sở Xây dựng chủ trì, phối hợp với các sở, ngành liên quan)."
_TRAILING_LEAD = re.compile(
    r"\((?:giao\s+)?(?P<lead>[^()]{3,200}?)\s+chủ trì(?P<rest>[^()]*)\)\s*[.;]?\s*$", re.I
)


def _trailing_task(
    paragraph: Paragraph,
    m: re.Match[str],
    document: Document,
    finder: AgencyFinder,
    tasks: list[TaskProposal],
) -> TaskProposal | None:
    lead = finder.find(m.group("lead") + " ")
    if not lead:
        return None
    partner = re.search(r"phối hợp(?:\s+với)?\s+(.+)$", m.group("rest"))
    support = (
        [r for r in finder.find(partner.group(1)) if r.id not in {x.id for x in lead}] if partner else []
    )
    number = paragraph.section
    same = sum(1 for t in tasks if t.section == paragraph.section and t.shape == "trailing")
    if same or not paragraph.label:
        number = f"{paragraph.section}-{same + 1}" if paragraph.section else str(same + 1)
    body = paragraph.text[len(paragraph.label) : m.start()].strip()
    title = re.sub(r"^[-–•+*]\s*", "", re.split(r"(?<=[.;:])\s", body, maxsplit=1)[0]).rstrip(".;:")
    return TaskProposal(
        number=number,
        title=title[:300],
        lead=tuple(lead),
        support=tuple(support),
        timeframe=_timeframe(paragraph.text),
        section=paragraph.section,
        quote=paragraph.text,
        offset=paragraph.start,
        shape="trailing",
        confidence=0.8,
    )


def _inline_labels(paragraph: Paragraph) -> list[tuple[str, str, int, int]] | None:
    """The labels of a numbered item that names its lead after its title, or None."""
    found = _labels(paragraph.text)
    if not found or not any(kind == "lead" for kind, *_ in found) or found[0][2] < len(paragraph.label) + 5:
        return None
    return found


_BULLET = re.compile(r"^[-–•+*]\s+")


def _bullet_task(
    paragraph: Paragraph, document: Document, finder: AgencyFinder, tasks: list[TaskProposal]
) -> TaskProposal | None:
    task = _agency_paragraph_task(paragraph, document, finder)
    if task is None:
        return None
    opening = _PREFIX.sub("", _BULLET.sub("", paragraph.text))
    if opening.find(task.lead[0].name) > 20:
        return None  # the bullet does not open with who does it
    from dataclasses import replace

    same = sum(
        1 for t in tasks if t.section == paragraph.section and t.number.startswith(f"{paragraph.section}-")
    )
    number = f"{paragraph.section}-{same + 1}" if paragraph.section else str(same + 1)
    return replace(task, number=number, title=_title(paragraph).lstrip("-–•+* "))


def _labelled_later(paragraphs: tuple[Paragraph, ...], index: int) -> bool:
    section = paragraphs[index].section
    for paragraph in paragraphs[index + 1 :]:
        if paragraph.section != section:
            return False
        if _is_label_paragraph(paragraph):
            return True
    return False


def _refs(text: str, finder: AgencyFinder) -> tuple[AgencyRef, ...]:
    return tuple(finder.find(text))


def _label_task(
    block: list[Paragraph], head: Paragraph | None, document: Document, finder: AgencyFinder
) -> TaskProposal | None:
    lead: list[AgencyRef] = []
    support: list[AgencyRef] = []
    timeframe = product = ""
    for paragraph in block:
        text = re.sub(r"^[-–•+*]\s*", "", paragraph.text)
        for kind, value, _, _ in _labels(text):
            if kind == "lead":
                lead += _refs(value, finder)
            elif kind == "support":
                support += _refs(value, finder)
            elif kind == "time":
                timeframe = value
            else:
                product = value
    if not lead and not support:
        return None
    start, end = block[0].start, block[-1].end
    quote_paragraphs = [p for p in block if not fold(p.text).lstrip("- ").startswith(("thoi", "tien do"))]
    if quote_paragraphs:
        start, end = quote_paragraphs[0].start, quote_paragraphs[-1].end
    section = block[0].section
    return TaskProposal(
        number=section or (head.section if head else ""),
        title=_title(head) if head else "",
        lead=tuple(lead),
        support=tuple(support),
        timeframe=timeframe,
        section=section,
        quote=document.text[start:end],
        offset=start,
        shape="labels",
        product=product,
        confidence=0.9 if lead else 0.6,
    )


def _agency_paragraph_task(
    paragraph: Paragraph, document: Document, finder: AgencyFinder
) -> TaskProposal | None:
    text = paragraph.text[len(paragraph.label) :].lstrip()
    body_offset = paragraph.text.find(text)
    candidates = [(0, text)]
    # A sentence further on may carry the assignment: "… vướng mắc, các sở, ban, ngành … chủ động".
    for m in re.finditer(r"(?<=[.:;,])\s+(?=(?:Giao|Đề nghị|Các|các|Sở|UBND|Ủy ban|Cục|Ban)\s)", text):
        candidates.append((m.end(), text[m.end() :]))
    for start, sentence in candidates:
        stripped = _PREFIX.sub("", sentence)
        colon = stripped.find(":")
        duty = _DUTY.search(stripped)
        cut = (
            colon
            if 0 < colon < 160 and (duty is None or colon < duty.start())
            else duty.start()
            if duty
            else -1
        )
        if cut <= 0 or cut > 200:
            continue
        subject = stripped[:cut]
        if re.search(r"[.;]\s", subject):
            continue  # the agency is in a later sentence: that sentence is the candidate
        lead = list(finder.find(subject + " "))
        if not lead:
            continue
        rest = stripped[cut:]
        support: list[AgencyRef] = []
        partner = re.search(
            r"phối hợp (?:chặt chẽ )?với\s+(.+?)(?=\s(?:triển khai|thực hiện|tổ chức|xây dựng|tham mưu|"
            r"nghiên cứu|hướng dẫn|theo dõi|đôn đốc|tổng hợp|báo cáo|đề xuất|trình|trong|để|nhằm)\b|[;.]|$)",
            rest,
        )
        if partner:
            support = [r for r in finder.find(partner.group(1)) if r.id not in {x.id for x in lead}]
        sentence_end = re.search(r"[.;](?:\s|$)", text[start:])
        end = start + (sentence_end.start() if sentence_end else len(text) - start)
        quote_start = paragraph.start + body_offset + start
        if start == 0 or paragraph.label:
            quote_start = paragraph.start  # the item from its number: what is to be done, and by whom
        quote = document.text[quote_start : paragraph.start + body_offset + end]
        timeframe = _timeframe(text)
        title = _title(paragraph)
        if cut == colon and start == 0:
            # "1. Sở Văn hóa, Thể thao và Du lịch: chủ trì, hướng dẫn, đôn đốc …": the agency is
            # the subject; what it is to do is the task's title.
            duty_text = stripped[cut + 1 :].strip()
            title = re.split(r"(?<=[.;])\s", duty_text, maxsplit=1)[0].rstrip(".;:")[:300] or title
        return TaskProposal(
            number=paragraph.section,
            title=title,
            lead=tuple(lead),
            support=tuple(support),
            timeframe=timeframe,
            section=paragraph.section,
            quote=quote.rstrip(),
            offset=quote_start,
            shape="assignment" if _PREFIX.match(sentence) else "agency-paragraph",
            confidence=0.75,
        )
    return None


def _block(paragraphs: tuple[Paragraph, ...], index: int) -> list[Paragraph]:
    """A numbered item and the unnumbered paragraphs after it that are still its own."""
    block = [paragraphs[index]]
    for paragraph in paragraphs[index + 1 :]:
        if paragraph.kind != "text" or paragraph.label or paragraph.section != block[0].section:
            break
        if _BULLET.match(paragraph.text):
            break  # a bullet is an item of its own
        block.append(paragraph)
    return block


# Who is only asked to help: "Sở B phối hợp …", "các xã, phường tham gia …".
_SUPPORT_DUTY = re.compile(
    r"^\s*(?:có trách nhiệm |chịu trách nhiệm )?(?:phối hợp|tham gia|hỗ trợ|cùng)\b", re.I
)
_SENTENCE = re.compile(r"[^.;]+(?:[.;]|$)")
# Words a subject may carry besides the agencies' names ("Thủ trưởng các sở", "Chủ tịch UBND").
_SUBJECT_FILLER = frozenset(
    "cac cac co quan don vi thu truong chu tich giam doc lanh dao lien quan va theo chuc nang nhiem vu "
    "cua minh dia phuong cap tinh huyen xa giao de nghi yeu cau".split()
)


def _duty_subject(sentence: str, finder: AgencyFinder) -> tuple[list[AgencyRef], str] | None:
    """The agencies a sentence opens with as the ones who do its duty, and the words after them;
    None when the sentence does not open with agencies followed by a duty."""
    stripped = _PREFIX.sub("", sentence.strip())
    duty = _DUTY.search(stripped)
    if duty is None or duty.start() > 200:
        return None
    subject = stripped[: duty.start()]
    refs = list(finder.find(subject + " "))
    if not refs or stripped.find(refs[0].name) < 0:
        return None
    before = re.findall(r"\w+", fold(stripped[: stripped.find(refs[0].name)]))
    if any(w not in _SUBJECT_FILLER for w in before):
        return None  # "tham mưu UBND tỉnh ban hành …": the agency is the object of a verb
    rest = fold(subject)
    for ref in refs:
        rest = rest.replace(fold(ref.name), " ")
    if len([w for w in re.findall(r"\w+", rest) if w not in _SUBJECT_FILLER]) > 3:
        return None  # the agencies are an object ("Trên cơ sở đề xuất của các sở, …"), not the subject
    return refs, stripped[duty.start() :]


def _with_co_leads(
    task: TaskProposal, block: list[Paragraph], document: Document, finder: AgencyFinder
) -> TaskProposal:
    """A task block whose later sentences open with other agencies doing their own part of it
    ("(1) UBND cấp huyện chủ động …. Các sở, ban, ngành, UBND các huyện, thành phố … xây dựng kế
    hoạch …"): they are leads of the same task, side by side with the first (a group that holds an
    agency already named stands for both); those only asked to help ("Sở B phối hợp …", "… tham
    gia") are its support. "Các cấp, các ngành" names everybody, so no one in particular: it adds
    no lead beside named ones. The quote runs to the last sentence read."""
    lead, support = list(task.lead), list(task.support)
    quote_end = task.offset + len(task.quote)
    changed = False
    for paragraph in block:
        for m in _SENTENCE.finditer(paragraph.text):
            start = paragraph.start + m.start()
            if start < quote_end:
                continue
            found = _duty_subject(m.group(0), finder)
            if found is None:
                continue
            refs, duty = found
            into = support if _SUPPORT_DUTY.match(duty) else lead
            known = {r.id or r.new_id for r in (*lead, *support)}
            new = [r for r in refs if (r.id or r.new_id) not in known and not finder.everyone(r)]
            if not new:
                continue
            into += new
            changed = True
            quote_end = paragraph.start + m.end()
    if not changed:
        return task
    from dataclasses import replace

    quote = document.text[task.offset : quote_end].rstrip()
    return replace(task, lead=finder.union(lead), support=tuple(support), quote=quote)


def _timeframe(text: str) -> str:
    m = re.search(
        r"(?:trước|trong|từ|đến|hoàn thành trong|hoàn thành trước)\s+(?:ngày\s+\d{1,2}/\d{1,2}/\d{4}|"
        r"(?:quý\s+[IV]+|tháng\s+\d{1,2})(?:/|\s+năm\s+)\d{4}|năm\s+\d{4})|"
        r"hằng (?:tháng|quý|năm)|định kỳ hằng \w+",
        text,
        re.I,
    )
    return m.group(0) if m else ""
