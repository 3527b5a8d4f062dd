"""Reading a submitted spreadsheet: a file in, observations and findings out, in named stages.

    open      opening.py     safe open (lsplan.readers); the sheets that are read
    tables    tables.py      where the report tables are (title block, header, rows below)
    header    header.py      the header rows and the role of each column; the value column read
    rows      rows.py        each row with its group context ("Tốc độ tăng trưởng (%)" > "Dịch vụ")
    values    values.py      numbers, units and qualifiers of a row's cells
    indicators indicators.py which indicator a row names (`match_indicator`, the one call site)
    findings  judge.py       each row judged: an observation, or a finding on its cell
              ambiguity.py   "1.234" / "2,931" settled by the row, the target, the file
              noise.py       (rows) signature blocks, column numbers, repeated headers

`lsplan.reading.pipeline.check_workbook` runs them in order; `lsplan.checks` is the public API
(`check_file`, `check_files`, `CheckResult`). The rule every stage keeps: every non-empty cell
of the value column, in a row that is not a heading, ends as an observation or as a finding
that names that row.
"""
