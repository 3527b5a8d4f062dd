"""Stage 7: agency names in a phrase -> registry ids (former names too) or new proposals.

"Sở Văn hóa, Thể thao và Du lịch, Ban Quản lý Khu kinh tế cửa khẩu; Ngân hàng nhà nước khu vực 5
(… sau hợp nhất) chủ trì từng nội dung": commas and "và" sit inside names as well as between
them, so the registry's names, aliases and groups are matched first, longest first, word by word
(folded: no case, no diacritics); what is left is cut at the separators and proposed as a new
agency when it begins like one ("Sở …", "Ban …", "UBND …"). Parentheses are explanations
("(sau khi hợp nhất Sở A và Sở B)") and are not read for names.
"""

from __future__ import annotations

import re
from typing import Any

from lsplan.extract.model import AgencyRef
from lsplan.text import fold, strip_diacritics

_WORD = re.compile(r"[\wĐđ&]+")
_HEADS = (
    "so",
    "ban",
    "cuc",
    "ubnd",
    "uy ban",
    "cong an",
    "bo chi huy",
    "ngan hang",
    "van phong",
    "thanh tra",
    "kho bac",
    "bao hiem",
    "dai phat thanh",
    "bao lang",
    "truong",
    "hoi",
    "lien doan",
    "lien minh",
    "tinh doan",
    "cac co quan",
    "cac don vi",
    "cac doanh nghiep",  # "Các doanh nghiệp viễn thông": bodies outside the registry, still named
    "cac benh vien",
    "benh vien",
    "quy",  # "Quỹ Đầu tư phát triển tỉnh"
    "bao",  # "Báo Hòa Bình" (a newspaper; "báo cáo" is refused in _unknown)
    "hop tac xa",
    "cac hop tac xa",
    "ban can su dang",  # "Ban cán sự đảng UBND tỉnh": one body, the party's board within UBND
    "dang doan",
    "huyen uy",
    "thanh uy",
    "cac huyen uy",
    "cac to chuc",
    "cac hiep hoi",
    "hiep hoi",
    "dien luc",
    "vien thong",
    "cong ty",
    "trung tam",
    "toa an",
    "vien kiem sat",
    "hdnd",
    "mat tran",
    "chi cuc",
    "hai quan",
    "hiep hoi",
    "dang uy",
    "tinh uy",
    "ban thuong vu",
    "thuong truc",
    "bql",
    "doan",
)
# Where the names end: the duty that follows them.
_STOP = re.compile(
    r"(?<!các)(?<!Các)\s(?:theo chức năng|chủ trì|là cơ quan|làm cơ quan|có trách nhiệm|"
    r"chịu trách nhiệm|căn cứ|"
    r"trên cơ sở|tổ chức|triển khai|thực hiện|phối hợp|tham mưu|định kỳ)\b.*$",
    re.IGNORECASE | re.DOTALL,
)


# Where a name the registry does not know ends, when the sentence runs on without a comma
# ("phối hợp với Bảo hiểm xã hội tỉnh đẩy mạnh phát triển …"): after the province, city or
# district it belongs to, when a word in lower case follows ("… tỉnh Cao Bằng" goes on). Verbs
# alone cannot say it: lower-case words are part of long names too ("Ban Quản lý dự án đầu tư
# xây dựng tỉnh").
_PLACE = re.compile(r"\b(?:tỉnh|thành phố|huyện|thị xã)\s+(?!ủy\b|uỷ\b|đoàn\b)(\w)")  # "huyện ủy" is a body


def _name_end(piece: str) -> str:
    for place in _PLACE.finditer(piece):
        if place.group(1).islower():
            return piece[: place.start(1)].rstrip()
    return piece


# Verbs of leading that end a name only in lower case: "Ban Chỉ đạo …" is a body.
_LOWER_STOP = re.compile(r"\s(?:chỉ đạo|lãnh đạo|quán triệt)\b.*$", re.DOTALL)


def _fold_word(word: str) -> str:
    return strip_diacritics(word).casefold()


class AgencyFinder:
    def __init__(self, catalog: Any) -> None:
        self.catalog = catalog
        self._phrases: dict[tuple[str, ...], tuple[str, bool]] = {}
        for agency in catalog.agencies.values():
            for name in (agency.name, *agency.aliases):
                self._add(name, agency.id, False)
        for group in catalog.groups.values():
            for name in (group.name, *group.aliases):
                self._add(name, group.id, True)
        self._longest = max((len(k) for k in self._phrases), default=1)
        self._new: dict[str, str] = {}

    def _add(self, name: str, party: str, group: bool) -> None:
        key = _without_country(tuple(fold(name).split()))
        key = tuple(_short_forms([(w, 0, 0) for w in key], list(key))[1])
        if key and (len(key) > 1 or len(key[0]) > 4):  # one short word ("STC") is too easy to meet
            self._phrases.setdefault(key, (party, group))

    def _ref(self, written: str, party: str, group: bool) -> AgencyRef:
        current = None
        if not group and party in self.catalog.agencies and not self.catalog.agencies[party].active:
            current = self.catalog.successors(party)[0]
        return AgencyRef(name=written, id=party, current=current, group=group)

    def find(self, text: str) -> list[AgencyRef]:
        """The agencies a phrase names, in order, each once."""
        text = _strip_parentheses(text)
        text = _LOWER_STOP.sub("", _STOP.sub("", text))
        words = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]
        folded = [_fold_word(w) for w, _, _ in words]
        # "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh" is "Ủy ban Mặt trận Tổ quốc tỉnh": names are
        # matched without the country's name inside them (in the registry's names too).
        drop = {
            i + k for i in range(1, len(folded) - 1) if folded[i : i + 2] == ["viet", "nam"] for k in (0, 1)
        }
        if drop:
            words = [w for i, w in enumerate(words) if i not in drop]
            folded = [f for i, f in enumerate(folded) if i not in drop]
        words, folded = _short_forms(words, folded)
        # (where in the text, the name): kept in the order the text gives them
        refs: list[tuple[int, AgencyRef]] = []
        rest_start = 0
        leftovers: list[tuple[int, str]] = []
        i = 0
        while i < len(words):
            hit = None
            for size in range(min(self._longest, len(words) - i), 0, -1):
                entry = self._phrases.get(tuple(folded[i : i + size]))
                if entry:
                    hit = (size, entry)
                    break
            if hit is None or i > 0 and folded[i - 1] == "chi" and folded[i] == "cuc":
                i += 1  # "Chi cục Thuế …" is not "Cục Thuế": the leftovers read it whole
                continue
            size, (party, group) = hit
            start, end = words[i][1], words[i + size - 1][2]
            before = re.search(r"(?:^|[,;(]|\svà\s)\s*([^,;()]*?)\s*$", text[rest_start:start])
            owner = before.group(1) if before else ""
            if owner and len(owner.split()) <= 4 and _is_head(fold(owner)):
                # "Văn phòng UBND tỉnh", "Thanh tra Sở Xây dựng": the body named is a unit of
                # the one matched, another agency; its whole name is read as one.
                leftovers.append((rest_start, text[rest_start : rest_start + before.start(1)]))
                named = text[start:end]
                whole = self._unknown(f"{owner} {named}") or self._ref(named, party, group)
                refs.append((rest_start + before.start(1), whole))
                rest_start = end
                i += size
                continue
            leftovers.append((rest_start, text[rest_start:start]))
            refs.append((start, self._ref(text[start:end], party, group)))
            rest_start = end
            i += size
        leftovers.append((rest_start, text[rest_start:]))
        for chunk_start, chunk in leftovers:
            for piece in _names(chunk):
                ref = self._unknown(piece.strip(" .:-–"))
                if ref is not None:
                    refs.append((chunk_start + max(chunk.find(piece), 0), ref))
        refs.sort(key=lambda item: item[0])
        seen: set[str] = set()
        out = []
        for _where, ref in refs:
            key = ref.id or ref.new_id or ref.name
            if key not in seen:
                seen.add(key)
                out.append(ref)
        return out

    def everyone(self, ref: AgencyRef) -> bool:
        """A group that takes in every level, the provincial People's Committee too ("Các cấp,
        các ngành"): it addresses the whole province rather than naming who does the work."""
        group = self.catalog.groups.get(ref.id) if ref.group else None
        return group is not None and "ubnd_tinh" in group.member_kinds

    def union(self, refs: list[AgencyRef]) -> tuple[AgencyRef, ...]:
        """`refs` without the agencies a group among them already holds ("UBND cấp huyện" beside
        "Các sở, ban, ngành, UBND các huyện, thành phố" is in the group)."""
        kinds = {
            kind
            for ref in refs
            if ref.group and ref.id in self.catalog.groups
            for kind in self.catalog.groups[ref.id].member_kinds
        }
        members = {
            member
            for ref in refs
            if ref.group and ref.id in self.catalog.groups
            for member in self.catalog.groups[ref.id].members
        }

        def held(ref: AgencyRef) -> bool:
            agency = self.catalog.agencies.get(ref.id) if not ref.group else None
            return agency is not None and (agency.kind in kinds or agency.id in members)

        return tuple(ref for ref in refs if not held(ref))

    def _unknown(self, piece: str) -> AgencyRef | None:
        piece = _name_end(piece)
        key = fold(piece)
        if key.startswith(("bao cao", "quy trinh", "quy dinh", "quy hoach", "quy che")):
            return None  # "báo cáo …", "quy hoạch …": words that begin like "Báo …", "Quỹ …"
        if not key or not any(key == h or key.startswith(h + " ") for h in _HEADS) or len(key.split()) < 2:
            return None
        if key.startswith(("cac co quan", "cac don vi")) and set(key.split()) <= _GENERIC_WORDS:
            return None  # "các cơ quan, đơn vị liên quan": whoever it concerns, no one in particular
        resolution = self.catalog.resolve_agency(piece)
        if resolution.agency is not None and resolution.how in ("exact", "alias", "folded", "former"):
            matched = resolution.matched or resolution.agency
            return self._ref(piece, matched.id, False)
        new_id = self._new.setdefault(key, "-".join(key.split())[:60])
        return AgencyRef(name=piece, id=None, new_id=new_id)


# "Ủy ban nhân dân" is written "UBND" as often as not, "Hội đồng nhân dân" "HĐND": names are
# matched in the short form (the registry's too), so that either spelling finds the other.
_SHORT_FORMS = {("uy", "ban", "nhan", "dan"): "ubnd", ("hoi", "dong", "nhan", "dan"): "hdnd"}


def _short_forms(
    words: list[tuple[str, int, int]], folded: list[str]
) -> tuple[list[tuple[str, int, int]], list[str]]:
    out_words: list[tuple[str, int, int]] = []
    out_folded: list[str] = []
    i = 0
    while i < len(folded):
        if folded[i : i + 2] == ["phuong", "xa"] and i and folded[i - 1] in ("cac", "ubnd"):
            # "UBND các phường, xã" is "UBND các xã, phường"
            out_words += [words[i + 1], words[i]]
            out_folded += ["xa", "phuong"]
            i += 2
            continue
        short = _SHORT_FORMS.get(tuple(folded[i : i + 4]))
        if short:
            out_words.append((words[i][0], words[i][1], words[i + 3][2]))
            out_folded.append(short)
            i += 4
            continue
        out_words.append(words[i])
        out_folded.append(folded[i])
        i += 1
    return out_words, out_folded


_LEVELS = re.compile(
    r"\b(?:huyện|xã|phường|thị xã|thị trấn|thành phố)(?:,\s*(?:huyện|xã|phường|thị xã|thị trấn|thành phố))+\b"
)


def _names(chunk: str) -> list[str]:
    """The names in what the registry did not match, cut at "," ";" and "và" — except where
    what follows "và" does not begin like an agency: "Sở Dân tộc và Tôn giáo" is one name."""
    # "Trung tâm Y tế các huyện, thành phố", "UBND các xã, phường": the levels a name lists are
    # one phrase, not two names; their commas are kept out of the split.
    chunk = _LEVELS.sub(lambda m: m.group(0).replace(",", "\u0001"), chunk)
    parts = [p.replace("\u0001", ",") for p in re.split(r"(\s*[,;]\s*|\s+và\s+)", chunk)]
    pieces: list[str] = []
    joint = ""
    for index, part in enumerate(parts):
        if index % 2:
            joint = part
            continue
        piece = part.strip()
        if not piece:
            continue
        if pieces and "và" in joint and not _starts_like_agency(fold(piece.strip(" .:-–"))):
            pieces[-1] = f"{pieces[-1]}{joint}{piece}"
        else:
            pieces.append(piece)
    return pieces


_GENERIC_WORDS = frozenset("cac co quan don vi lien va to chuc co lien quan khac".split())


def _starts_like_agency(key: str) -> bool:
    return any(key == h or key.startswith(h + " ") for h in _HEADS)


def _is_head(key: str) -> bool:
    return any(key == h or key.startswith(h + " ") for h in _HEADS if h not in _NOT_OWNERS)


# Heads that also start a group or a plain phrase before a name ("các cơ quan", "Ban" alone).
_NOT_OWNERS = frozenset(
    {"cac co quan", "cac don vi", "ubnd", "uy ban", "hdnd", "hoi", "doan", "truong", "ban"}
)


def _without_country(key: tuple[str, ...]) -> tuple[str, ...]:
    for i in range(1, len(key) - 1):
        if key[i : i + 2] == ("viet", "nam"):
            return key[:i] + key[i + 2 :]
    return key


def _strip_parentheses(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = re.sub(r"\([^()]*\)", " ", text)
    return text
