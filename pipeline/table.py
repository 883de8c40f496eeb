"""Stage 3b: the summary table of Part 2, and the counts and totals the document declares.

Rows are tab-separated. Merged cells leave the dimension and mission columns empty on the rows
below them; several entries may share one cell (``9) ... 10) ...``) with their budgets packed
into each year cell (``- 30,000 - -``), sometimes continued on rows that hold only values.

Rule for packed cells (per fiscal year): the values of the row and of its continuation rows are
given to the entries in order when their number equals the number of entries. A single ``-``
for several entries means none of them has a budget (a merged cell). Any other mismatch: when
every value is ``-`` the entries get 0 and an info finding; otherwise the amounts are left empty
and a warning says the cell cannot be split.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Declared, Finding, Line, TableEntry

YEAR_HEADER = re.compile(r"^(?:ปี(?:งบประมาณ)?\s*(?:พ\.ศ\.)?\s*)?(25\d\d)(?:\s*(?:งบประมาณ)?\s*\(?บาท\)?)?$")
ENTRY_START = re.compile(r"(?:(?<=\s)|^)(\d{1,3})\s*(\)|\.(?=\s))\s*")
# amounts may end in ".-" (10,000.-), a dash alone means no budget
VALUE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?:\.-)?|\d+(?:\.\d+)?(?:\.-)?|-")
COUNT = re.compile(r"(\d[\d,]*)\s*โครงการ")
AMOUNT = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
DIMENSION_CELL = re.compile(r"^(\d)\s*[.)]?")
MISSION_CELL = re.compile(r"^(\d)\.(\d{1,2})\b")
INTRO_DIMENSION = re.compile(r"^มิติที่\s*(\d).*?จำนวน\s*(\d+)\s*โครงการ")
# the table has ended at Part 3's heading, a section, or more prose than a page break carries
AFTER_TABLE = re.compile(r"^(?:ส่วนที่\s*3|ลำดับที่\s*\d|มิติที่\s*\d|มติที่\s*\d|รายละเอียดโครงการ)")
MAX_PROSE = 8
PLAN_COUNT = re.compile(r"รวม(?:ทั้งสิ้น)?\s*(?:จำนวน)?\s*(\d+)\s*โครงการ")


@dataclass
class Table:
    years: list[int] = field(default_factory=list)
    entries: list[TableEntry] = field(default_factory=list)
    declared: list[Declared] = field(default_factory=list)
    notes: list[Finding] = field(default_factory=list)
    first_line: int | None = None
    last_line: int | None = None
    last_index: int = 0  # index in lines just past the table


@dataclass
class _Group:
    entries: list[TableEntry]
    values: dict[int, list[str]]
    lines: list[int]


def cells(line: Line) -> list[str]:
    return [c.strip() for c in line.text.split("\t")]


def header_years(row: list[str]) -> list[int]:
    years = [int(m.group(1)) for c in row if (m := YEAR_HEADER.match(c))]
    return years if len(years) >= 2 and any("โครงการ" in c for c in row) else []


def find_table(lines: list[Line]) -> Table:
    table = Table()
    start = next((i for i, ln in enumerate(lines) if "\t" in ln.text and header_years(cells(ln))), None)
    if start is None:
        return table
    header = cells(lines[start])
    table.years = header_years(header)
    project_col = next(i for i, c in enumerate(header) if "โครงการ" in c)
    year_cols = [i for i, c in enumerate(header) if YEAR_HEADER.match(c)]
    table.first_line = lines[start].number
    _read_rows(lines, start, project_col, year_cols, table)
    _read_declared_before(lines[:start], table)
    return table


def _read_rows(lines, start, project_col, year_cols, table: Table) -> None:
    dimension: int | None = None
    mission = ""
    group: _Group | None = None
    prose = 0  # non-empty lines without tabs in a row: page furniture between the table's pages
    i = start
    for i in range(start, len(lines)):
        line = lines[i]
        if "\t" not in line.text:
            prose += bool(line.text)
            if prose > MAX_PROSE or AFTER_TABLE.match(line.text):
                break
            continue
        prose = 0
        row = cells(line) + [""] * 12
        if header_years(row) or _is_subheader(row):
            continue
        label = " ".join(row[:project_col]).strip()
        if label in ("รวม", "รวมทั้งสิ้น") or label.endswith("รวม") or label.endswith("รวมทั้งสิ้น"):
            _close(group, table)
            group = None
            _read_total_row(line, row, project_col, year_cols, table,
                            None if "ทั้งสิ้น" in label else dimension)
            table.last_line, table.last_index = line.number, i
            if "ทั้งสิ้น" in label:
                break
            continue
        if project_col >= 2 and row[0] and (m := DIMENSION_CELL.match(row[0])):
            dimension, mission = int(m.group(1)), ""
        if project_col >= 2 and row[1] and (m := MISSION_CELL.match(row[1])):
            mission = f"{m.group(1)}.{m.group(2)}"
        values = {year: VALUE.findall(row[col]) for year, col in zip(table.years, year_cols)}
        project_text = row[project_col]
        if project_text:
            _close(group, table)
            group = _Group(_split_entries(project_text, line.number, dimension, mission, table),
                           values, [line.number])
        elif group is not None and any(values.values()):
            for year, found in values.items():
                group.values[year] += found
            group.lines.append(line.number)
        table.last_line, table.last_index = line.number, i
    _close(group, table)
    table.last_index = max(table.last_index, i)


def _is_subheader(row: list[str]) -> bool:
    filled = [c for c in row if c]
    return bool(filled) and all(c.startswith("งบประมาณ") or c == "หมายเหตุ" for c in filled)


def _split_entries(text, line_no, dimension, mission, table: Table) -> list[TableEntry]:
    """Entries numbered "9)" (or "9." when 9 is the next number: "1." alone could be prose)."""
    expected = (table.entries[-1].entry_no + 1) if table.entries else 1
    starts = []
    for m in ENTRY_START.finditer(text):
        number = int(m.group(1))
        if m.group(2) == ")" or number == expected:
            starts.append(m)
            expected = number + 1
    if not starts:
        number = (table.entries[-1].entry_no + 1) if table.entries else 1
        return [TableEntry(number, dimension, mission, text.strip(), line_no)]
    entries = []
    for k, m in enumerate(starts):
        end = starts[k + 1].start() if k + 1 < len(starts) else len(text)
        title = text[m.end():end].strip()
        entries.append(TableEntry(int(m.group(1)), dimension, mission, title, line_no))
    return entries


def _amount(token: str) -> float:
    return 0.0 if token == "-" else float(token.removesuffix(".-").replace(",", ""))


def _close(group: _Group | None, table: Table) -> None:
    if group is None:
        return
    n = len(group.entries)
    for year, tokens in group.values.items():
        amounts = [_amount(t) for t in tokens]
        if len(amounts) == n:
            shares: list[float | None] = amounts
        elif len(amounts) == 1 and amounts[0] == 0:
            shares = [0.0] * n
        elif amounts and all(a == 0 for a in amounts):
            shares = [0.0] * n
            _note_once(table, group, "info", tokens,
                       f"ช่องงบประมาณมี {len(amounts)} ค่า แต่มี {n} รายการ ทุกค่าเป็น '-' จึงถือว่า 0 ทุกรายการ "
                       f"({len(amounts)} values for {n} entries; all are '-', so every entry is taken as 0)")
        else:
            shares = [None] * n
            _note_once(table, group, "warning", tokens,
                       f"ช่องงบประมาณมี {len(amounts)} ค่า แต่มี {n} รายการ แยกไม่ได้ว่าค่าใดเป็นของรายการใด "
                       f"({len(amounts)} values for {n} entries: the amounts cannot be assigned, left empty)")
        for entry, share in zip(group.entries, shares):
            entry.budgets[year] = share
    for entry in group.entries:
        entry.budget_lines = list(group.lines)
        table.entries.append(entry)


def _note_once(table: Table, group: _Group, severity: str, tokens: list[str], message: str) -> None:
    first = group.entries[0]
    if any(n.line == first.line and n.code == "TABLE_CELL_UNSPLIT" for n in table.notes):
        return
    table.notes.append(Finding("TABLE_CELL_UNSPLIT", severity, first.line, message,
                               evidence=" ".join(tokens)[:120], entry_no=first.entry_no,
                               field="budget", expected=str(len(group.entries)), found=str(len(tokens))))


def _read_total_row(line, row, project_col, year_cols, table: Table, dimension) -> None:
    scope = "plan" if dimension is None else "dimension"
    count = COUNT.search(row[project_col])
    if count:
        table.declared.append(Declared("count", scope, dimension, float(count.group(1).replace(",", "")),
                                       line.number, "total_row", row[project_col]))
    for year, col in zip(table.years, year_cols):
        m = AMOUNT.search(row[col])
        if m:
            table.declared.append(Declared("total", scope, dimension, float(m.group(1).replace(",", "")),
                                           line.number, "total_row", row[col], fiscal_year=year))


def _read_declared_before(lines: list[Line], table: Table) -> None:
    """Counts stated in the introduction and in the preamble of Part 2."""
    for k, line in enumerate(lines):
        where = "preamble" if len(lines) - k <= 12 else "intro"
        m = INTRO_DIMENSION.match(line.text)
        if m:
            table.declared.append(Declared("count", "dimension", int(m.group(1)), float(m.group(2)),
                                           line.number, where, line.raw.strip()))
            continue
        m = PLAN_COUNT.search(line.text)
        if m and "\t" not in line.text:
            table.declared.append(Declared("count", "plan", None, float(m.group(1)), line.number,
                                           where, line.raw.strip()))
