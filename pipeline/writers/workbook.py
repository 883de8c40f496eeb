"""plan.xlsx for people: Thai headers and values, numbers as numbers, totals as formulas with
their values cached (viewers that do not recalculate still show them), rows as tall as their
wrapped text, frozen headers, filters over data rows only, set up to print (landscape A4, one
page wide, the header row on every page, the document and page number in the footer), a chart.
The Sheet class is shared with the run-wide all.xlsx, which streams its rows."""
from __future__ import annotations

import math
import re
from datetime import datetime
from pathlib import Path

from ..findings import CODES
from ..model import Plan
from ..thai import display_width
from . import atomic_path
from .rows import (ISSUE_COLUMNS, PROJECT_COLUMNS, RISK_COLUMNS, issue_rows, project_rows, risk_rows,
                   summary_columns, summary_rows, target_columns, target_rows, thai_header, thai_value)

EXCEL_MAX = 32767       # characters in a cell
EXCEL_ROWS = 1_048_576  # rows in a sheet
_EXCEL_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
FIXED_TIME = datetime(2000, 1, 1)  # workbook metadata: same input, same bytes
FONT = "Tahoma"  # ships with Windows and macOS and renders Thai well at small sizes
LINE_POINTS = 13.0  # one line of Tahoma 10
MAX_ROW_POINTS = 409.0  # Excel's limit
WIDTHS = {"risk": 50, "control_measures": 55, "step": 25, "indicator": 40, "measure_orders": 18, "title": 60,
          "rationale": 60, "objectives": 50, "methods": 50, "outputs": 45, "outcomes": 45, "target_group": 40,
          "responsible": 30, "message": 70, "evidence": 50, "budget_text": 25, "period_text": 28, "expected": 25,
          "found": 25, "code": 24, "title_th": 30, "document": 28, "organisation": 26, "district": 14,
          "province": 14, "location": 22, "area": 25, "budget_by_year": 30, "path": 40, "sha256": 20, "error": 50,
          "text": 25, "fiscal_years": 12, "edition": 11, "status": 12, "field": 14, "mission_code": 9,
          "submission_code": 10, "severity": 10, "worst_severity": 11}
ISSUE_SHEET_COLUMNS = ISSUE_COLUMNS + ["title_th"]
THAI_VALUES = {"severity", "worst_severity", "status"}  # columns whose values a workbook shows in Thai


def excel_text(value: str) -> tuple[str, bool]:
    """Text Excel accepts: control characters dropped, cut at Excel's cell limit (and say so)."""
    if _EXCEL_FORBIDDEN.search(value):
        value = _EXCEL_FORBIDDEN.sub("", value)
    if len(value) > EXCEL_MAX:
        return value[:EXCEL_MAX - 1] + "…", True
    return value, False


def new_workbook(path: Path, title: str, constant_memory: bool = False):
    import xlsxwriter

    _deflate_faster()
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                         "strings_to_numbers": False, "constant_memory": constant_memory,
                                         "in_memory": not constant_memory})
    wb.set_properties({"created": FIXED_TIME, "title": title})
    return wb


DEFLATE_LEVEL = 3  # zlib level: 6 (XlsxWriter's) took 104 ms for plan.xlsx, 3 took 84 ms, for 21 % more bytes


def _deflate_faster() -> None:
    """XlsxWriter zips at zlib's default level, which is a fifth of a workbook's time; it has no
    option for the level, so its ZipFile is given one (its own code is unchanged otherwise)."""
    import zipfile

    import xlsxwriter.workbook as module

    if getattr(module.ZipFile, "level", None) == DEFLATE_LEVEL:
        return

    class ZipFile(zipfile.ZipFile):
        level = DEFLATE_LEVEL

        def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
            return super().writestr(zinfo_or_arcname, data, compress_type,
                                    DEFLATE_LEVEL if compresslevel is None else compresslevel)

    module.ZipFile = ZipFile


class Formats:
    def __init__(self, wb):
        base = {"font_name": FONT, "font_size": 10, "valign": "top"}
        self.text = wb.add_format({**base, "text_wrap": True})
        self.plain = wb.add_format(base)
        self.money = wb.add_format({**base, "num_format": "#,##0"})
        self.header = wb.add_format({**base, "bold": True, "bg_color": "#DCE6F1", "border": 1, "text_wrap": True})
        self.total = wb.add_format({**base, "bold": True, "num_format": "#,##0", "top": 1})
        self.total_label = wb.add_format({**base, "bold": True, "top": 1})


def print_setup(ws, document: str) -> None:
    """Landscape A4, one page wide, the header row on every page, the document and the page
    number in the footer."""
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    name = document.replace("&", "&&")[:120]
    ws.set_footer(f"&L{name}&Rหน้า &P / &N")


class Sheet:
    """One table on one worksheet: a Thai header row, then rows appended in order (all.xlsx
    writes them as documents finish, in XlsxWriter's constant-memory mode)."""

    def __init__(self, wb, fmt: Formats, name: str, columns: list[str], document: str, money=()):
        self.ws, self.fmt, self.columns, self.money = wb.add_worksheet(name), fmt, columns, set(money)
        self.widths = [WIDTHS.get(c, 14 if c.startswith("budget_") else 11) for c in columns]
        self.rows, self.cut_cells, self.left_out = 0, 0, 0
        self._plan = [(c, column, width, fmt.money if column in self.money else fmt.plain, column in THAI_VALUES)
                      for c, (column, width) in enumerate(zip(columns, self.widths))]
        for c, column in enumerate(columns):
            self.ws.write_string(0, c, thai_header(column), fmt.header)
            self.ws.set_column(c, c, self.widths[c])
        self.ws.set_row(0, LINE_POINTS * max(self._lines(thai_header(c), w) for c, w in zip(columns, self.widths)))
        self.ws.freeze_panes(1, 0)
        print_setup(self.ws, document)

    def append(self, row: dict) -> None:
        if self.rows >= EXCEL_ROWS - 1:
            self.left_out += 1  # Excel's limit: the CSVs and the database hold every row
            return
        self.rows += 1
        r, lines, ws = self.rows, 1, self.ws
        for c, column, width, number_format, thai in self._plan:
            value = row.get(column)
            if value is None or value == "":
                continue
            if thai or value is True or value is False:
                value = thai_value(column, value)
            if isinstance(value, (int, float)):
                ws.write_number(r, c, value, number_format)
                continue
            text = str(value)
            if len(text) > EXCEL_MAX or _EXCEL_FORBIDDEN.search(text):
                text, cut = excel_text(text)
                self.cut_cells += cut
            ws.write_string(r, c, text, self.fmt.text)  # never a formula, whatever it starts with
            if len(text) > width or "\n" in text:
                lines = max(lines, self._lines(text, width))
        if lines > 1:
            ws.set_row(r, min(MAX_ROW_POINTS, LINE_POINTS * lines))

    @staticmethod
    def _lines(text: str, width: float) -> int:
        """How many lines a wrapped cell takes: a column of width w holds about w characters of
        Tahoma 10 (Thai marks take no width)."""
        if len(text) <= width and "\n" not in text:
            return 1
        room = max(width - 1, 1)
        return sum(1 if len(part) <= room else max(1, math.ceil(display_width(part) / room))
                   for part in text.split("\n"))

    def finish(self) -> None:
        self.ws.autofilter(0, 0, max(self.rows, 1), len(self.columns) - 1)


def write(plan: Plan, outdir: Path) -> dict[str, None]:
    with atomic_path(outdir / "plan.xlsx") as tmp:
        write_workbook(plan, tmp)
    return {"plan.xlsx": None}


def write_workbook(plan: Plan, path: Path) -> None:
    wb = new_workbook(path, "แผนปฏิบัติการป้องกันการทุจริต")
    fmt = Formats(wb)
    document = f"{Path(plan.source).name} {plan.organisation}".strip()

    def table(name, columns, rows, money=()):
        sheet = Sheet(wb, fmt, name, columns, document, money)
        for row in rows:
            sheet.append(row)
        sheet.finish()

    table("โครงการ", PROJECT_COLUMNS, project_rows(plan), money={"budget_baht"})
    summary_cols = summary_columns(plan)
    table("ตารางสรุป", summary_cols, summary_rows(plan), money={c for c in summary_cols if c.startswith("budget_")})
    _budget_sheet(wb, fmt, plan, document)
    _comparison_sheet(wb, fmt, plan, document)
    table("ทะเบียนความเสี่ยง", RISK_COLUMNS, risk_rows(plan))
    table("ค่าเป้าหมาย", target_columns(plan), target_rows(plan))
    table("ข้อค้นพบ", ISSUE_SHEET_COLUMNS, [dict(r, title_th=CODES[r["code"]].title) for r in issue_rows(plan)])
    wb.close()


def _budget_sheet(wb, fmt: Formats, plan: Plan, document: str) -> None:
    """The entries, one block the filter covers (sorting it breaks nothing); below it the
    totals per dimension (SUMIF over the block) and the grand total, as formulas."""
    from xlsxwriter.utility import xl_rowcol_to_cell as cell

    ws = wb.add_worksheet("งบประมาณ")
    years = plan.fiscal_years
    heads = ["รายการที่", "มิติที่", "ภารกิจ", "ชื่อโครงการ", "ลำดับในส่วนที่ 3"] + [f"ปี {y} (บาท)" for y in years] + ["รวม (บาท)"]
    for c, h in enumerate(heads):
        ws.write_string(0, c, h, fmt.header)
    for first, last, width in ((0, 2, 9), (3, 3, 60), (4, 4, 12), (5, 5 + len(years), 14)):
        ws.set_column(first, last, width)
    ws.set_row(0, LINE_POINTS * 2)
    first_year, total_col = 5, 5 + len(years)
    entries = sorted(plan.table, key=lambda e: (e.dimension_no is None, e.dimension_no or 0, e.entry_no))
    for r, e in enumerate(entries, start=1):
        for c, v in enumerate([e.entry_no, e.dimension_no, e.mission_code]):
            if v not in (None, ""):
                ws.write(r, c, v, fmt.plain)
        ws.write_string(r, 3, e.title, fmt.text)
        if Sheet._lines(e.title, 60) > 1:
            ws.set_row(r, LINE_POINTS * Sheet._lines(e.title, 60))
        if e.matched_order is not None:
            ws.write_number(r, 4, e.matched_order, fmt.plain)
        for k, y in enumerate(years):
            if e.budgets.get(y) is not None:
                ws.write_number(r, first_year + k, e.budgets[y], fmt.money)
        known = sum(e.budgets.get(y) or 0 for y in years)
        ws.write_formula(r, total_col, f"=SUM({cell(r, first_year)}:{cell(r, total_col - 1)})", fmt.money, known)
    last = len(entries)
    ws.autofilter(0, 0, max(last, 1), total_col)
    ws.freeze_panes(1, 4)
    print_setup(ws, document)
    row = last + 2
    dims = sorted({e.dimension_no for e in entries if e.dimension_no is not None})
    subtotals = []
    for dim in dims:
        ws.write_string(row, 3, f"รวมมิติที่ {dim}", fmt.total_label)
        for k in range(len(years) + 1):
            col = first_year + k
            value = _column_sum([e for e in entries if e.dimension_no == dim], years, k)
            ws.write_formula(row, col, f"=SUMIF({cell(1, 1, True, True)}:{cell(max(last, 1), 1, True, True)},{dim},"
                                       f"{cell(1, col, True)}:{cell(max(last, 1), col, True)})", fmt.total, value)
        if any(e.budgets.get(y) for e in entries if e.dimension_no == dim for y in years):
            subtotals.append((row, dim))  # a dimension with no budget gets no bar, so no legend entry
        row += 1
    ws.write_string(row, 3, "รวมทั้งสิ้น", fmt.total_label)
    for k in range(len(years) + 1):
        col = first_year + k
        value = _column_sum(entries, years, k)
        ws.write_formula(row, col, f"=SUM({cell(1, col)}:{cell(max(last, 1), col)})", fmt.total, value)
    _chart(wb, ws, subtotals, years, first_year, row + 2)


def _column_sum(entries, years: list[int], k: int) -> float:
    """The cached value of a total cell: year k's amounts, or every year's (the total column)."""
    chosen = years[k:k + 1] if k < len(years) else years
    return sum(e.budgets.get(y) or 0 for e in entries for y in chosen)


def _chart(wb, ws, subtotals, years, first_year, at_row) -> None:
    """Bars per dimension and year; only dimensions with some budget get a series (and so a
    legend entry); the axis counts in round baht."""
    if not subtotals or not years:
        return
    chart = wb.add_chart({"type": "column"})
    for r, dim in subtotals:
        chart.add_series({
            "name": f"มิติที่ {dim}",
            "categories": ["งบประมาณ", 0, first_year, 0, first_year + len(years) - 1],
            "values": ["งบประมาณ", r, first_year, r, first_year + len(years) - 1],
        })
    chart.set_title({"name": "งบประมาณตามมิติและปีงบประมาณ (บาท)", "name_font": {"name": FONT}})
    chart.set_y_axis({"num_format": "#,##0", "num_font": {"name": FONT}, "min": 0})
    chart.set_x_axis({"num_font": {"name": FONT}})
    chart.set_legend({"position": "bottom", "font": {"name": FONT}})
    chart.set_size({"width": 720, "height": 360})
    ws.insert_chart(at_row, 3, chart)


def _comparison_sheet(wb, fmt: Formats, plan: Plan, document: str) -> None:
    """Declared against computed, one row per declared value (numbers in every number cell)."""
    columns = ["scope", "measure", "fiscal_year", "declared", "declared_lines", "table", "sections", "agrees"]
    heads = {"scope": "ขอบเขต", "measure": "รายการ", "fiscal_year": "ปีงบประมาณ", "declared": "ยอดที่เอกสารระบุ",
             "declared_lines": "บรรทัดที่ระบุ", "table": "ผลรวมจากตารางสรุป", "sections": "ผลรวมจากส่วนที่ 3",
             "agrees": "ตรงกัน"}
    ws = wb.add_worksheet("ยอดที่ระบุเทียบยอดที่คำนวณ")
    for c, column in enumerate(columns):
        ws.write_string(0, c, heads[column], fmt.header)
    ws.set_column(0, 1, 16)
    ws.set_column(2, 7, 16)
    r = 0
    for row in plan.comparison:
        lines_of = {}
        for value, line in _declared_pairs(plan, row):
            lines_of.setdefault(value, []).append(line)
        for value in (sorted(lines_of) or [None]):
            r += 1
            agrees = "ไม่ได้ระบุ" if value is None else (
                "ใช่" if all(c is None or abs(c - value) < 0.005 for c in (row.table, row.sections)) else "ไม่ตรง")
            values = [f"มิติที่ {row.dimension_no}" if row.dimension_no else "ทั้งแผน",
                      "จำนวนโครงการ" if row.measure == "projects" else "งบประมาณ (บาท)", row.fiscal_year, value,
                      ", ".join(map(str, lines_of.get(value, []))), row.table, row.sections, agrees]
            for c, v in enumerate(values):
                if isinstance(v, (int, float)):
                    ws.write_number(r, c, v, fmt.money if c in (3, 5, 6) else fmt.plain)
                elif v:
                    ws.write_string(r, c, v, fmt.plain)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(r, 1), len(columns) - 1)
    print_setup(ws, document)


def _declared_pairs(plan: Plan, row) -> list[tuple[float, int]]:
    """(value, line) of each declaration behind one comparison row."""
    kind = "count" if row.measure == "projects" else "total"
    return [(d.value, d.line) for d in plan.declared if d.kind == kind and d.fiscal_year == row.fiscal_year
            and (d.dimension_no == row.dimension_no if row.dimension_no else d.scope == "plan")]
