"""Who issues and signs the letters: a small settings file, else Sở Tài chính's defaults.

The 2025 plan names Sở Tài chính as the focal agency that gathers the figures, so by default the
letters come from it, signed by a deputy director for the director ("KT. GIÁM ĐỐC / PHÓ GIÁM
ĐỐC", Nghị định 30/2020/NĐ-CP Điều 13). `signer: ubnd` gives the firmer letter that the Sở
drafts for UBND tỉnh to sign ("TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"), marked
as a draft. The file is `remind.yaml` beside the store, or `--settings FILE`; every key is
optional:

    issuer: Sở Tài chính            # the body, as the letter names itself
    parent: UBND tỉnh Lạng Sơn      # cơ quan chủ quản, printed above the issuer
    symbol: STC-TH                  # ký hiệu after the number: agency + drafting unit
    place: Lạng Sơn
    signer_authority: KT. GIÁM ĐỐC
    signer_title: PHÓ GIÁM ĐỐC
    signer_name: ""                 # left blank: a generated letter is a draft
    copies: [UBND tỉnh (b/c), Giám đốc Sở (b/c)]   # Nơi nhận between "Như trên" and "Lưu"
    archive: VT, TH                 # "- Lưu: VT, TH."
    contact: ""                     # "Nguyễn Văn A, phòng Tổng hợp, ĐT 0205 ..."
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path

SETTINGS_FILE = "remind.yaml"
_MAX_BYTES = 64 * 1024


class SettingsError(ValueError):
    """The settings file cannot be used; the message says why (file and key)."""


@dataclass(frozen=True, slots=True)
class LetterSettings:
    issuer: str = "Sở Tài chính"
    parent: str = "UBND tỉnh Lạng Sơn"
    symbol: str = "STC-TH"
    place: str = "Lạng Sơn"
    signer_authority: str = "KT. GIÁM ĐỐC"
    signer_title: str = "PHÓ GIÁM ĐỐC"
    signer_name: str = ""
    copies: tuple[str, ...] = ("UBND tỉnh (b/c)", "Giám đốc Sở (b/c)")
    archive: str = "VT, TH"
    contact: str = ""
    draft_for_ubnd: bool = False  # the Sở drafts, UBND tỉnh signs: "DỰ THẢO", "TM. ỦY BAN NHÂN DÂN"

    @property
    def instructs(self) -> bool:
        """UBND tỉnh instructs its own bodies ("yêu cầu"); a Sở asks its peers ("đề nghị")."""
        return self.draft_for_ubnd


# The letter UBND tỉnh signs, drafted by the focal Sở (Điều 13: a UBND works as a collective).
UBND_SIGNER = {
    "issuer": "Ủy ban nhân dân tỉnh Lạng Sơn",
    "parent": "",
    "symbol": "UBND-KT",
    "signer_authority": "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH",
    "signer_title": "PHÓ CHỦ TỊCH",
    "copies": (
        "Thường trực Tỉnh ủy (b/c)",
        "Thường trực HĐND tỉnh (b/c)",
        "Chủ tịch, các PCT UBND tỉnh",
        "Sở Tài chính",
    ),
    "archive": "VT, KT",
    "draft_for_ubnd": True,
}


def load_settings(path: Path | None, *, signer: str = "so") -> LetterSettings:
    """Defaults, then the preset for `signer` ("so" or "ubnd"), then the file's keys."""
    settings = LetterSettings()
    if signer == "ubnd":
        settings = replace(settings, **UBND_SIGNER)
    elif signer != "so":
        raise SettingsError(f"--signer must be 'so' or 'ubnd', not {signer!r}")
    if path is None or not path.exists():
        return settings
    import yaml

    if not path.is_file():
        raise SettingsError(f"{path}: not a regular file")
    raw = path.read_bytes()
    if len(raw) > _MAX_BYTES:
        raise SettingsError(f"{path}: larger than {_MAX_BYTES // 1024} KB; a settings file is a few lines")
    try:
        data = yaml.safe_load(raw.decode("utf-8")) or {}
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise SettingsError(f"{path}: not readable YAML ({exc.__class__.__name__})") from exc
    if not isinstance(data, dict):
        raise SettingsError(f"{path}: expected keys such as 'issuer:' and 'signer_title:'")
    known = {f.name: f for f in fields(LetterSettings)}
    changes: dict[str, object] = {}
    for key, value in data.items():
        if key not in known:
            raise SettingsError(f"{path}: unknown key {key!r}; known: {', '.join(sorted(known))}")
        if key == "copies":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise SettingsError(f"{path}: 'copies' must be a list of lines")
            changes[key] = tuple(v.strip() for v in value if v.strip())
        elif key == "draft_for_ubnd":
            if not isinstance(value, bool):
                raise SettingsError(f"{path}: 'draft_for_ubnd' must be true or false")
            changes[key] = value
        else:
            if not isinstance(value, str | int) or isinstance(value, bool):
                raise SettingsError(f"{path}: {key!r} must be text")
            changes[key] = str(value).strip()
    return replace(settings, **changes)
