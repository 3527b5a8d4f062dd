"""Plan text -> proposed targets and tasks, each with its verbatim quote, for an officer to review.

The stages, one module each, in the order they run:

    read        a .txt, .md, .docx or text .pdf -> raw lines (tables as "| a | b |" rows)
    normalise   hard line breaks joined, page furniture dropped, markdown **bold** removed
                -> a Document: one normalised text and its paragraphs (each a slice of it)
    sections    numbering "I.", "1.", "a)", "(1)" -> each paragraph's section path ("II.1.a")
    quantities  numbers, ranges, units and qualifier words inside a clause
    targets     quantified commitments (and the few unquantified ones worth proposing)
    indicators  a target's name as written -> a catalogue indicator, or a new one proposed
    agencies    "Sở X, Sở Y và UBND các huyện" -> registry ids (former names too) or new ones
    tasks       label blocks, agency paragraphs, "Giao Sở X chủ trì", annex tables
    anomalies   counts that disagree, targets given twice, sections numbered twice, ...
    draft       the result as JSON records and as reviewable YAML in the data format

`extract_plan(path)` runs them all. Nothing here prints; the CLI is lsplan/cli/extract_cmds.py.
"""

from __future__ import annotations

from lsplan.extract.pipeline import extract_plan, extract_text

__all__ = ["extract_plan", "extract_text"]
