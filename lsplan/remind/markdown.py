"""A letter previewed as Markdown (`lsplan remind --format md`): the same lines as the .docx."""

from __future__ import annotations

from lsplan.remind.compose import LetterText


def _escape(text: str) -> str:
    return text.replace("|", "\\|")


def render_letter_md(text: LetterText) -> str:
    left = (
        [text.parent, f"**{text.issuer}**", text.number, text.subject]
        if text.parent
        else [f"**{text.issuer}**", text.number, text.subject]
    )
    right = [
        "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**",
        "**Độc lập - Tự do - Hạnh phúc**",
        "",
        f"*{text.place_date}*",
    ]
    lines = []
    if text.draft:
        lines += ["**DỰ THẢO**", ""]
    lines += [
        "| | |",
        "|:---:|:---:|",
        f"| {'<br>'.join(_escape(x) for x in left)} | {'<br>'.join(_escape(x) for x in right)} |",
        "",
    ]
    if len(text.recipients) == 1:
        lines += [f"Kính gửi: {text.recipients[0]}.", ""]
    else:
        lines += ["Kính gửi:", *(f"- {r}" for r in text.recipients), ""]
    for kind, body in text.paragraphs:
        lines.append(("    " if kind == "item" else "") + body)
        lines.append("")
    lines += ["**_Nơi nhận:_**", *(f"{c}  " for c in text.copies), ""]
    lines += [f"**{a}**  " for a in (*text.authority, text.signer_title)]
    lines += ["", f"**{text.signer_name}**" if text.signer_name else "*(ký, ghi rõ họ tên)*", "", "---", ""]
    return "\n".join(lines)
