"""Stage 3b: the summary table of Part 2, and the counts and totals the document declares.

Columns are separated by tabs (a text or Word export) or by runs of two or more spaces (text
copied from a PDF), where a cell belongs to the header column it starts under. The header is one
row or two (the years on the second); it may repeat after each page break, with any amount of
page furniture in between. The table ends at Part 3, after its grand total, or at prose with no
table row after it; prose inside it is reported, never silently skipped.

Merged cells leave the dimension and mission columns empty on the rows below them; several
entries may share one cell (``9) ... 10) ...``) with their budgets packed into each year cell
(``- 30,000 - -``), sometimes continued on rows that hold only values.

Rule for packed cells (per fiscal year): the values of the row and of its continuation rows are
given to the entries in order when their number equals the number of entries. A single ``-``
(or no value at all) for several entries means none of them has a budget. Any other mismatch:
when every value is ``-`` the entries get 0 and an info finding; otherwise the amounts are left
empty and a warning says the cell cannot be split.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import template as T
from .findings import finding
from .model import Declared, Finding, Line, TableEntry
from .thai import display_width, squeeze

# amounts may end in ".-" (10,000.-); a dash or "no budget" words alone mean none
VALUE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?:\.-)?|\d{1,3}(?:,\d{3})*,\d{1,2}(?![\d,])"  # (the head of one a break cut)
                   r"|\d+(?:\.\d+)?(?:\.-)?|-+|ไม่ใช้งบประมาณ|ไม่ใช้งบ|ไม่มีงบประมาณ")
AMOUNT = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_AMOUNT_REST = re.compile(r"^0\d*,|^,")
# a total's amount the page broke: its head (digits, no บาท); its tail, and the two joined, are
# amounts written with their thousands and บาท
_BARE_AMOUNT = re.compile(r"^\d{1,3}$")
_AMOUNT_WITH_UNIT = re.compile(rf"^\d{{1,3}}(?:,\d{{3}})+(?:\.\d{{1,2}})?\s*{T.BAHT}$")
_SPACE_CELL = re.compile(r"\S+(?: \S+)*")
_PROSE_WIDTH = 80
_HEADER_WORD = re.compile(r"งบประมาณ|มิติ|มติ|ภารกิจ|หมายเหตุ|บาท|โครงการ/")
_GROUPED = re.compile(r"^[1-9]\d{0,2}(?:,\d{3})+(?:\.\d{1,2})?$")  # an amount written with its thousands
_AMOUNT_HEAD = re.compile(r"^\d{1,3}$|^\d{1,3}(?:,\d{3})*,\d{0,2}$")  # the head of one a break cut off
_CUT_AMOUNT = re.compile(r",\d{0,2}$")  # a head that can be no amount by itself
_DIGITS_SPACED = re.compile(r"(?<=\d) (?=\d)")
_YEARS = re.compile(r"(?<![\d,])25\d\d(?![\d,]).*(?<![\d,])25\d\d(?![\d,])")  # two years: a header row


@dataclass
class Table:
    years: list[int] = field(default_factory=list)
    entries: list[TableEntry] = field(default_factory=list)
    declared: list[Declared] = field(default_factory=list)
    notes: list[Finding] = field(default_factory=list)
    first_line: int | None = None
    last_line: int | None = None
    last_index: int = 0  # index in lines just past the table
    read: set[int] = field(default_factory=set)                   # line numbers read as the table
    unread: list[tuple[int, int]] = field(default_factory=list)  # runs of prose inside it


@dataclass
class Columns:
    """Where the table's columns are: by index (tabs) or by display position (spaces)."""
    spaced: bool
    project: int
    years: list[tuple[int, int]]          # (fiscal year, column)
    dimension: int | None = None
    mission: int | None = None
    starts: list[int] = field(default_factory=list)  # display column where each column starts (spaced)


@dataclass
class _Group:
    entries: list[TableEntry]
    values: dict[int, list[str]]
    lines: list[int]
    numbered: bool = True  # its entries carry numbers (9), 10) ...)


# --- cells and the header --------------------------------------------------------------------------

def split_cells(line: Line) -> list[tuple[int, str]]:
    """(position, text) of each cell: by tabs (position = index), else by runs of 2+ spaces
    (position = display column where the cell starts)."""
    if "\t" in line.text:
        return list(enumerate(c.strip() for c in line.text.split("\t")))
    raw = line.raw.replace("\t", " ")
    if "  " not in raw.strip():
        return [(display_width(raw) - display_width(raw.lstrip()), line.text)] if line.text else []
    from .normalise import normalise_text
    return [(display_width(raw[:m.start()]), normalise_text(m.group(0))) for m in _SPACE_CELL.finditer(raw)]


def _year(cell: str) -> int | None:
    m = T.YEAR_HEADER.match(squeeze(cell))
    return int(m.group(1)) if m else None


def _names_only(cells: list[str]) -> bool:
    """A header row without years: every cell a column's name or a piece of one."""
    names = [c for c in map(squeeze, cells) if c]
    return bool(names) and all(
        T.SUBHEADER.match(c) or c in T.TABLE_TYPO or T.COLUMN_NAME.match(c)
        or (len(c) >= 2 and T.REMARKS_HEADER.startswith(c)) for c in names)  # หมายเหตุ, or its head a cell broke


def _with_names_above(lines: list[Line], i: int, cells: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A header whose cells wrapped onto rows of their own (ภารกิจตาม / มิติ, โครงการ/กิจกรรม/ /
    มาตรการ): the cells of the names-only rows just above put before this row's, column by column."""
    merged = dict(cells)
    for k in range(i - 1, max(i - 4, -1), -1):
        above = split_cells(lines[k]) if "\t" in lines[k].text else []
        if not _names_only([text for _, text in above]):
            break
        for pos, text in above:
            if text:
                merged[pos] = text + merged.get(pos, "")
    return sorted(merged.items())


def _header_at(lines: list[Line], i: int, years_hint: list[int] | None = None) -> Columns | None:
    """The columns when line i is the table's year row (its header's last row). On a line OCR
    read, year cells it could not read (Thai digits) take the years of the plan's periods, when
    there are as many of them."""
    line = lines[i]
    recover = bool(years_hint) and line.ocr is not None and "\t" in line.text and T.PROJECT_HEADER.search(line.text)
    if not recover and not _two_years(line.text):
        return None
    cells = split_cells(line)
    years = [(y, pos) for pos, text in cells if (y := _year(text))]
    if recover and [y for y, _ in years] != years_hint:  # unread, or misread (๒๕๖๗ as 2525)
        years = _recovered_years(cells, years_hint) or (
            list(zip(years_hint, [pos for _, pos in years])) if len(years) == len(years_hint) else years)
    if len(years) < 2 or cells[0][1].startswith(T.TARGETS_HEADER):
        return None
    spaced = "\t" not in line.text
    if not spaced:
        cells = _with_names_above(lines, i, cells)
    header_cells = list(cells)
    project = next((pos for pos, text in cells if T.PROJECT_HEADER.search(text) and not _year(text)), None)
    for k in range(i - 1, max(i - 4, -1), -1):  # a two-row header: the names on the row above
        if project is not None or not lines[k].text:
            break
        above = split_cells(lines[k])
        project = next((pos for pos, text in above if T.PROJECT_HEADER.search(text)), None)
        header_cells = above + header_cells
    if project is None:
        return None
    columns = Columns(spaced, project, years)
    for pos, text in header_cells:
        words = squeeze(text)
        if columns.dimension is None and re.match(r"^ม(?:ิ)?ติ", words) and pos != project:
            columns.dimension = pos
        elif columns.mission is None and words.startswith("ภารกิจ") and pos != project:
            columns.mission = pos
    if spaced:
        columns.starts = sorted({pos for pos, _ in header_cells})
    elif columns.dimension is None and project >= 2:
        columns.dimension, columns.mission = 0, 1
    return columns


def _two_years(text: str) -> bool:
    """Does the line name two years (a header's year row)? Years a PDF broke with a space (256 7)
    are years still (_year squeezes them). str.count first: most lines name one year or none."""
    found = text.count("25")
    if not found:
        return False
    if found >= 2 and _YEARS.search(text):
        return True
    joined, spaces = _DIGITS_SPACED.subn("", text)
    return spaces > 0 and _YEARS.search(joined) is not None


def _recovered_years(cells: list[tuple[int, str]], hint: list[int]) -> list[tuple[int, int]]:
    """An OCR'd header row whose years are unreadable: the cells after the project column (and
    before a remarks column) are the years, when there are as many as the plan's period has."""
    project = next((k for k, (_, text) in enumerate(cells) if T.PROJECT_HEADER.search(text)), None)
    if project is None:
        return []
    after = [pos for pos, text in cells[project + 1:]]
    last = squeeze(cells[-1][1])
    if after and T.REMARKS_CELL.search(last):
        after = after[:-1]
    return list(zip(hint, after)) if len(after) == len(hint) else []


def _column_of(columns: Columns, position: int) -> int:
    """The header column a spaced cell starting at `position` falls under."""
    found = columns.starts[0]
    for start in columns.starts:
        if start <= position + 2:
            found = start
    return found


def _row(columns: Columns, line: Line) -> dict[int, str]:
    cells = split_cells(line)
    if not columns.spaced:
        return dict(cells)
    row: dict[int, str] = {}
    for pos, text in cells:
        col = _column_of(columns, pos)
        row[col] = f"{row[col]} {text}".strip() if col in row else text
    return row


def _is_row(columns: Columns, line: Line) -> bool:
    if columns.spaced:
        return "\t" not in line.text and ("  " in line.raw.strip() or _aligned_single_cell(columns, line))
    return "\t" in line.text


def _aligned_single_cell(columns: Columns, line: Line) -> bool:
    """A lone cell under a data column (a wrapped title, a value on its own line)."""
    cells = split_cells(line)
    return len(cells) == 1 and cells[0][0] > 0 and \
        _column_of(columns, cells[0][0]) in [columns.project] + [c for _, c in columns.years]


# --- the table ---------------------------------------------------------------------------------------

def find_table(lines: list[Line], repeated: frozenset[str] = frozenset(), years_hint: list[int] | None = None) -> Table:
    table = Table()
    start, columns = next(((i, c) for i in range(len(lines)) if (c := _header_at(lines, i, years_hint))), (None, None))
    if columns is None:  # no table: what the introduction declares is still read, up to Part 3
        first_section = next((i for i, ln in enumerate(lines) if T.SECTION_MARKER.match(ln.text)), len(lines))
        _read_declared_before(lines[:first_section], table)
        return table
    table.years = [y for y, _ in columns.years]
    table.first_line = lines[start].number
    header = lines[start]
    written = [y for _, text in split_cells(header) if (y := _year(text))]
    if header.ocr is not None and written != table.years:
        table.notes.append(finding(
            "OCR_UNCONFIRMED", header.number,
            f"ปีงบประมาณของตารางสรุป OCR อ่านไม่ได้หรืออ่านผิด ({', '.join(map(str, written)) or '-'}) "
            f"จึงใช้ปีตามระยะเวลาของแผน {table.years[0]}-{table.years[-1]} (the table's years were unreadable or "
            f"misread; taken as the plan's period): ตรวจกับหน้ากระดาษ",
            evidence=header.raw.strip()[:120], field="years", found=header.text[:60],
            expected=f"{table.years[0]}-{table.years[-1]}"))
    reader = _Reader(lines, columns, table, repeated)
    reader.years_hint = years_hint
    reader._typos(lines[start])
    reader.read_from(start)
    _read_declared_before(lines[:start], table)
    return table


class _Reader:
    def __init__(self, lines: list[Line], columns: Columns, table: Table, repeated: frozenset[str]):
        self.lines, self.columns, self.table, self.repeated = lines, columns, table, repeated
        self.years_hint: list[int] | None = None
        self.dimension: int | None = None
        self.mission = ""
        self.group: _Group | None = None
        self.prose: list[int] = []
        self.skip: set[int] = set()  # line numbers read already, by a look-ahead

    def read_from(self, start: int) -> None:
        table, i = self.table, start
        for i in range(start, len(self.lines)):
            line = self.lines[i]
            if not line.text or line.furniture or line.number in self.skip:
                continue
            if _header_at(self.lines, i, self.years_hint) or (_HEADER_WORD.search(line.text) and self._header_words(line)):
                self._flush_prose()
                self._typos(line)
                table.read.add(line.number)
                continue
            if not _is_row(self.columns, line):
                if T.AFTER_TABLE.match(line.text) or (self._is_prose(line) and not self._more_rows(i)):
                    break
                if self._is_prose(line):
                    self.prose.append(line.number)
                continue
            self._flush_prose()
            if self.row(line, i):
                break
        self._close()
        table.last_index = max(table.last_index, i)

    def _header_words(self, line: Line) -> bool:
        """A header row without years (the first row of a two-row header, or the unit row)."""
        return _is_row(self.columns, line) and _names_only([text for _, text in split_cells(line)])

    def _typos(self, line: Line) -> None:
        typos = [c for _, c in split_cells(line) if squeeze(c) in T.TABLE_TYPO]
        if typos:
            fixed = ", ".join(T.TABLE_TYPO[squeeze(t)] for t in typos)
            self.table.notes.append(finding(
                "HEADING_TYPO", line.number, f"หัวตารางสะกดผิด '{', '.join(typos)}' ควรเป็น '{fixed}' "
                f"(table header misspelt)", evidence=line.raw.strip()[:120], expected=fixed, found=", ".join(typos)))

    def _is_prose(self, line: Line) -> bool:
        text = line.text
        if T.RUNNING_TITLE in text or T.PART.match(text) or text in self.repeated:
            return False
        return display_width(text) >= _PROSE_WIDTH or bool(T.INTRO_DIMENSION.match(text))

    def _more_rows(self, i: int) -> bool:
        """Does the table go on after line i (before Part 3 starts)?"""
        for line in self.lines[i + 1:]:
            if T.AFTER_TABLE.match(line.text):
                return False
            if line.text and _is_row(self.columns, line) and any(
                    VALUE.search(_row(self.columns, line).get(c, "")) for _, c in self.columns.years):
                return True
        return False

    def _flush_prose(self) -> None:
        if self.prose:
            self.table.unread.append((self.prose[0], self.prose[-1]))
            self.prose = []

    def row(self, line: Line, i: int) -> bool:
        """Read one row; True when it ends the table (the grand total)."""
        columns, table = self.columns, self.table
        row = _row(columns, line)
        year_columns = {c for _, c in columns.years}
        label_cells = [row[p] for p in sorted(row) if p != columns.project and p not in year_columns]
        label = next((words for words in map(squeeze, label_cells + [row.get(columns.project, "")])
                      if words.startswith(T.TOTAL_START) and T.TOTAL_LABEL.match(words)), None)
        table.read.add(line.number)
        table.last_line = line.number
        if label is not None:
            self._close()
            self._total_goes_on(row, i)
            grand = bool(T.TOTAL_LABEL.match(label).group("grand"))
            _read_total_row(line, row, columns, table, None if grand else self.dimension)
            return grand
        if columns.dimension is not None and (m := T.DIMENSION_CELL.match(row.get(columns.dimension, ""))):
            self.dimension, self.mission = int(m.group(1)), ""
        if columns.mission is not None and (m := T.MISSION_CELL.match(row.get(columns.mission, ""))):
            self.mission = f"{m.group(1)}.{m.group(2)}"
            self.dimension = self.dimension or int(m.group(1))
        values = {year: VALUE.findall(row.get(col, "")) for year, col in columns.years}
        text = row.get(columns.project, "")
        numbered = bool(T.ENTRY_START.match(text))
        # a cell that goes on (a row the page broke, a wrapped title) starts with no number;
        # a table that numbers no entry starts a new one at each row with values
        goes_on = self.group is not None and not numbered and self.group.numbered or self._fills_group(text, values, line)
        if text and not goes_on and (numbered or any(values.values()) or self.group is None):
            self._close()
            self.group = _Group(_split_entries(text, line.number, self.dimension, self.mission, table),
                                values, [line.number], numbered)
        elif text and self.group is not None:  # the cell goes on: a wrapped title, a row the page broke
            head, more = _entries_in(text, self.group.entries[-1].entry_no + 1, line.number, self.dimension,
                                     self.mission)
            if head:
                self.group.entries[-1].title = _join_title(self.group.entries[-1].title, head)
            self.group.entries += more
            self._add_values(values)
            self.group.lines.append(line.number)
        elif self.group is not None and any(values.values()):
            self._add_values(values)
            self.group.lines.append(line.number)
        elif any(values.values()):
            table.read.discard(line.number)  # amounts with no entry to belong to: reported as unread
        return False

    def _total_goes_on(self, row: dict[int, str], i: int) -> None:
        """A total row the page broke: its amounts without บาท (๔๐), the next row (after a
        repeated header) holding nothing but the rest of each (๕,๐๐๐ บาท). The pieces are put
        together into row, when each pair makes one amount written with its thousands."""
        years = [col for _, col in self.columns.years]
        if not all(_BARE_AMOUNT.match(row.get(col, "")) for col in years):
            return
        for k in range(i + 1, min(i + 6, len(self.lines))):
            after = self.lines[k]
            if not after.text or after.furniture or _header_at(self.lines, k, self.years_hint) \
                    or (_HEADER_WORD.search(after.text) and self._header_words(after)):
                continue
            rest = _row(self.columns, after)
            if any(v for p, v in rest.items() if p not in years) or \
                    not all(_AMOUNT_WITH_UNIT.match(rest.get(col, "")) for col in years):
                return
            joined = {col: row[col] + rest[col] for col in years}
            if all(_AMOUNT_WITH_UNIT.match(v) for v in joined.values()):
                row.update(joined)
                self.table.read.add(after.number)
                self.skip.add(after.number)
            return

    def _fills_group(self, text: str, values: dict[int, list[str]], line: Line) -> bool:
        """Is this row (its entries numbered on) the rest of the group's packed cell, which a
        page break cut off? Either it has no values and the group holds just as many more values
        than entries, or (in a PDF, on the next page) neither fits its values alone and the two
        together do, the amounts the break cut put back together."""
        group = self.group
        if group is None or not group.numbered or _fits(group.values, len(group.entries)):
            return False
        if any(values.values()):
            last = self.lines[group.lines[-1] - 1]
            if line.page is None or last.page is None or line.page <= last.page:
                return False
        _, more = _entries_in(text, group.entries[-1].entry_no + 1, 0, self.dimension, self.mission)
        wanted = len(group.entries) + len(more)
        return bool(more) and _fits({year: group.values[year] + values.get(year, []) for year in group.values}, wanted)

    def _add_values(self, values: dict[int, list[str]]) -> None:
        """Values of a row that continues the group's cell; an amount the page broke in two
        (๓ | ๐,๐๐๐: no amount starts with 0,) is put back together."""
        for year, found in values.items():
            have = self.group.values[year]
            if have and found and have[-1][:1].isdigit() and _AMOUNT_REST.match(found[0]):
                have[-1] += found.pop(0)
            have += found

    def _close(self) -> None:
        if self.group is not None:
            _close(self.group, self.table)
            self.group = None


def _join_title(title: str, more: str) -> str:
    from .thai import join_wrapped
    return join_wrapped([title, more])


def _split_entries(text, line_no, dimension, mission, table: Table) -> list[TableEntry]:
    """The entries of a project cell; text before any number is an entry numbered next."""
    expected = (table.entries[-1].entry_no + 1) if table.entries else None
    head, entries = _entries_in(text, expected, line_no, dimension, mission)
    if not entries:
        return [TableEntry(expected or 1, dimension, mission, head, line_no)]
    if head:  # words before the first number belong to it (never dropped)
        entries[0].title = f"{head} {entries[0].title}".strip()
    return entries


def _entries_in(text, expected: int | None, line_no, dimension, mission) -> tuple[str, list[TableEntry]]:
    """(text before the first entry, entries) of a cell: entries numbered "9)" (or "9." when 9
    is the next number: "1." alone could be prose)."""
    starts = []
    for m in T.ENTRY_START.finditer(text):
        number = int(m.group(1))
        # "9)" near the next number (entries may be skipped, or a number used twice), "9." only as
        # the next; a much smaller number ("(ฉบับที่ 2)") is part of a title. The first may be any.
        if number == (expected or 1) or (m.group(2) == ")" and (expected is None or expected - 1 <= number <= expected + 5)):
            starts.append(m)
            expected = number + 1
    head = (text[:starts[0].start()] if starts else text).strip()
    entries = []
    for k, m in enumerate(starts):
        end = starts[k + 1].start() if k + 1 < len(starts) else len(text)
        entries.append(TableEntry(int(m.group(1)), dimension, mission, text[m.end():end].strip(), line_no))
    return head, entries


def _amount(token: str) -> float:
    return 0.0 if not token[:1].isdigit() else float(token.removesuffix(".-").replace(",", ""))


def _amounts_put_back(tokens: list[str], n: int) -> list[str]:
    """A packed cell's values with the amounts a page or a narrow column broke put back together
    (๓ | ๕,๐๐๐ is ๓๕,๐๐๐; ๑๐,๐๐ | ๐ is ๑๐,๐๐๐): only a head no budget is written as (a number of
    one to three digits, or one ending in a short group), only when exactly as many such pairs as
    surplus values are found; otherwise the values stay as they are (and do not fit)."""
    surplus = len(tokens) - n
    if surplus <= 0:
        return tokens
    pairs = [k for k in range(len(tokens) - 1)
             if _AMOUNT_HEAD.match(tokens[k]) and _GROUPED.match(tokens[k] + tokens[k + 1])]
    if len(pairs) != surplus or any(b - a < 2 for a, b in zip(pairs, pairs[1:])):
        return tokens
    out: list[str] = []
    for k, token in enumerate(tokens):
        if k - 1 in pairs:
            out[-1] += token
        else:
            out.append(token)
    return out


def _fits(values: dict[int, list[str]], n: int) -> bool:
    return all(len(_amounts_put_back(tokens, n)) == n or not any(t[:1].isdigit() for t in tokens)
               for tokens in values.values())


def _close(group: _Group, table: Table) -> None:
    n = len(group.entries)
    for year, tokens in group.values.items():
        tokens_back = _amounts_put_back(tokens, n)
        amounts = [_amount(t) for t in tokens_back]
        if any(_CUT_AMOUNT.search(t) for t in tokens_back):
            shares: list[float | None] = [None] * n  # (๑๐,๐๐ is no amount: its end is elsewhere)
            _note_once(table, group, "warning", tokens,
                       f"ช่องงบประมาณมีจำนวนเงินที่ถูกตัดขาด ต่อกลับไม่ได้ ({' '.join(tokens)}) "
                       f"(an amount cut in two that cannot be put back together: left empty)")
        elif len(amounts) == n:
            shares = amounts
        elif len(amounts) <= 1 and all(a == 0 for a in amounts):
            shares = [0.0] * n  # one "-" (a merged cell) or no value at all: no budget
        elif all(a == 0 for a in amounts):
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
    table.notes.append(finding("TABLE_CELL_UNSPLIT", first.line, message, severity,
                               evidence=" ".join(tokens)[:120], entry_no=first.entry_no,
                               field="budget", expected=str(len(group.entries)), found=str(len(tokens))))


def _read_total_row(line, row, columns: Columns, table: Table, dimension) -> None:
    scope = "plan" if dimension is None else "dimension"
    texts = [row.get(p, "") for p in sorted(row) if p not in {c for _, c in columns.years}]
    count = next((m for t in texts if (m := T.PROJECT_COUNT.search(t))), None)
    if count:
        table.declared.append(Declared("count", scope, dimension, float(count.group(1).replace(",", "")),
                                       line.number, "total_row", count.string))
    for year, col in columns.years:
        m = AMOUNT.search(row.get(col, ""))
        if m:
            table.declared.append(Declared("total", scope, dimension, float(m.group(1).replace(",", "")),
                                           line.number, "total_row", row[col], fiscal_year=year))


def _read_declared_before(lines: list[Line], table: Table) -> None:
    """Counts stated in the introduction and in the preamble of Part 2."""
    for k, line in enumerate(lines):
        where = "preamble" if len(lines) - k <= 12 else "intro"
        m = T.INTRO_DIMENSION.match(line.text)
        if m:
            table.declared.append(Declared("count", "dimension", int(m.group(1)), float(m.group(2)),
                                           line.number, where, line.raw.strip()))
            continue
        m = T.PLAN_COUNT.search(line.text)
        if m and "\t" not in line.text:
            table.declared.append(Declared("count", "plan", None, float(m.group(1)), line.number,
                                           where, line.raw.strip()))
