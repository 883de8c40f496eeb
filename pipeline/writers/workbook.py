"""plan.xlsx for people: Thai headers, numbers as numbers, totals as formulas with their values
cached (viewers that do not recalculate still show them), frozen headers, filters, a chart."""
from __future__ import annotations

from pathlib import Path

import re
from datetime import datetime

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from ..model import Plan
from . import atomic_path
from .rows import (ISSUE_COLUMNS, PROJECT_COLUMNS, RISK_COLUMNS, THAI_HEADERS, issue_rows, project_rows,
                   risk_rows, summary_columns, summary_rows, target_columns, target_rows)

EXCEL_MAX = 32767
_EXCEL_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
FIXED_TIME = datetime(2000, 1, 1)  # workbook metadata: same input, same bytes
FONT = "Tahoma"  # ships with Windows and macOS and renders Thai well at small sizes
WIDTHS = {"risk": 50, "control_measures": 55, "step": 25, "indicator": 40, "measure_orders": 18, "title": 60, "rationale": 60, "objectives": 50, "methods": 50, "outputs": 45,
          "outcomes": 45, "target_group": 40, "responsible": 30, "message": 70, "evidence": 50,
          "budget_text": 25, "period_text": 28, "expected": 25, "found": 25}


class _Book:
    def __init__(self, path: Path):
        self.wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                                  "strings_to_numbers": False, "in_memory": True})
        self.wb.set_properties({"created": FIXED_TIME, "title": "แผนปฏิบัติการป้องกันการทุจริต"})
        base = {"font_name": FONT, "font_size": 10, "valign": "top"}
        self.text = self.wb.add_format({**base, "text_wrap": True})
        self.plain = self.wb.add_format(base)
        self.money = self.wb.add_format({**base, "num_format": "#,##0"})
        self.header = self.wb.add_format({**base, "bold": True, "bg_color": "#DCE6F1", "border": 1,
                                          "text_wrap": True})
        self.total = self.wb.add_format({**base, "bold": True, "num_format": "#,##0", "top": 1})
        self.total_label = self.wb.add_format({**base, "bold": True, "top": 1})
        self.cut_cells = 0

    def cell(self, ws, row, col, value, money=False):
        if value is None or value == "":
            ws.write_blank(row, col, None, self.plain)
        elif isinstance(value, bool):
            ws.write_boolean(row, col, value, self.plain)
        elif isinstance(value, (int, float)):
            ws.write_number(row, col, value, self.money if money else self.plain)
        else:
            text, cut = excel_text(str(value))
            self.cut_cells += cut
            ws.write_string(row, col, text, self.text)  # never a formula, whatever it starts with

    def table_sheet(self, name, columns, rows, money_columns=()):
        ws = self.wb.add_worksheet(name)
        for c, column in enumerate(columns):
            header = THAI_HEADERS.get(column, column)
            if column.startswith("value_"):
                header = f"ปี {column[6:]}"
            ws.write_string(0, c, header, self.header)
            ws.set_column(c, c, WIDTHS.get(column, 12 if not column.startswith("budget_") else 14))
        for r, row in enumerate(rows, start=1):
            for c, column in enumerate(columns):
                self.cell(ws, r, c, row.get(column), money=column in money_columns)
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)
        return ws


def excel_text(value: str) -> tuple[str, bool]:
    """Text Excel accepts: control characters dropped, cut at Excel's cell limit (and say so)."""
    if _EXCEL_FORBIDDEN.search(value):
        value = _EXCEL_FORBIDDEN.sub("", value)
    if len(value) > EXCEL_MAX:
        return value[:EXCEL_MAX - 1] + "…", True
    return value, False


def write(plan: Plan, outdir: Path) -> dict[str, None]:
    with atomic_path(outdir / "plan.xlsx") as tmp:
        write_workbook(plan, tmp)
    return {"plan.xlsx": None}


def write_workbook(plan: Plan, path: Path) -> None:
    book = _Book(path)
    book.table_sheet("โครงการ", PROJECT_COLUMNS, project_rows(plan), money_columns={"budget_baht"})
    summary_cols = summary_columns(plan)
    book.table_sheet("ตารางสรุป", summary_cols, summary_rows(plan),
                     money_columns={c for c in summary_cols if c.startswith("budget_")})
    _budget_sheet(book, plan)
    _comparison_sheet(book, plan)
    book.table_sheet("ทะเบียนความเสี่ยง", RISK_COLUMNS, risk_rows(plan))
    target_cols = target_columns(plan)
    book.table_sheet("ค่าเป้าหมาย", target_cols, target_rows(plan))
    book.table_sheet("ข้อค้นพบ", ISSUE_COLUMNS, issue_rows(plan))
    book.wb.close()


def _budget_sheet(book: _Book, plan: Plan) -> None:
    ws = book.wb.add_worksheet("งบประมาณ")
    years = plan.fiscal_years
    heads = ["รายการที่", "มิติที่", "ภารกิจ", "ชื่อโครงการ", "ลำดับในส่วนที่ 3"] + [f"ปี {y}" for y in years] + ["รวม"]
    for c, h in enumerate(heads):
        ws.write_string(0, c, h, book.header)
    ws.set_column(0, 2, 9)
    ws.set_column(3, 3, 60)
    ws.set_column(4, 4, 12)
    ws.set_column(5, 5 + len(years), 14)
    first_year_col, total_col = 5, 5 + len(years)
    row = 1
    subtotal_rows: list[tuple[int, int | None, list[float]]] = []
    dims = sorted({e.dimension_no for e in plan.table}, key=lambda d: (d is None, d or 0))
    for dim in dims:
        entries = [e for e in plan.table if e.dimension_no == dim]
        start = row
        for e in entries:
            values = [e.entry_no, dim, e.mission_code, e.title, e.matched_order]
            for c, v in enumerate(values):
                book.cell(ws, row, c, v)
            for k, y in enumerate(years):
                book.cell(ws, row, first_year_col + k, e.budgets.get(y), money=True)
            known = [e.budgets.get(y) or 0 for y in years]
            _sum_formula(ws, book.money, row, total_col, row, first_year_col, total_col - 1, sum(known))
            row += 1
        ws.write_string(row, 3, f"รวมมิติที่ {dim}" if dim else "รวม (ไม่ทราบมิติ)", book.total_label)
        sums = []
        for k, y in enumerate(years):
            value = sum(e.budgets.get(y) or 0 for e in entries)
            sums.append(value)
            col = first_year_col + k
            _sum_range(ws, book.total, row, col, start, row - 1, value)
        _sum_formula(ws, book.total, row, total_col, row, first_year_col, total_col - 1, sum(sums))
        subtotal_rows.append((row, dim, sums))
        row += 1
    ws.write_string(row, 3, "รวมทั้งสิ้น", book.total_label)
    for k in range(len(years) + 1):
        col = first_year_col + k
        cells = ",".join(xl_rowcol_to_cell(r, col) for r, _, _ in subtotal_rows) or "0"
        value = sum((s[k] if k < len(years) else sum(s)) for _, _, s in subtotal_rows)
        ws.write_formula(row, col, f"=SUM({cells})", book.total, value)
    ws.freeze_panes(1, 4)
    ws.autofilter(0, 0, max(row - 1, 1), total_col)
    _chart(book, ws, subtotal_rows, years, first_year_col, row + 2)


def _sum_formula(ws, fmt, row, col, r, c1, c2, value):
    ws.write_formula(row, col, f"=SUM({xl_rowcol_to_cell(r, c1)}:{xl_rowcol_to_cell(r, c2)})", fmt, value)


def _sum_range(ws, fmt, row, col, r1, r2, value):
    if r2 < r1:
        ws.write_formula(row, col, "=0", fmt, 0)
    else:
        ws.write_formula(row, col, f"=SUM({xl_rowcol_to_cell(r1, col)}:{xl_rowcol_to_cell(r2, col)})", fmt, value)


def _chart(book: _Book, ws, subtotal_rows, years, first_year_col, at_row) -> None:
    if not subtotal_rows or not years:
        return
    chart = book.wb.add_chart({"type": "column"})
    for r, dim, _ in subtotal_rows:
        chart.add_series({
            "name": f"มิติที่ {dim}",
            "categories": ["งบประมาณ", 0, first_year_col, 0, first_year_col + len(years) - 1],
            "values": ["งบประมาณ", r, first_year_col, r, first_year_col + len(years) - 1],
        })
    chart.set_title({"name": "งบประมาณตามมิติและปีงบประมาณ (บาท)", "name_font": {"name": FONT}})
    chart.set_y_axis({"num_format": "#,##0", "num_font": {"name": FONT}})
    chart.set_x_axis({"num_font": {"name": FONT}})
    chart.set_legend({"position": "bottom", "font": {"name": FONT}})
    chart.set_size({"width": 720, "height": 360})
    ws.insert_chart(at_row, 3, chart)


def _comparison_sheet(book: _Book, plan: Plan) -> None:
    ws = book.wb.add_worksheet("ยอดที่ระบุเทียบยอดที่คำนวณ")
    heads = ["ขอบเขต", "รายการ", "ปีงบประมาณ", "ยอดที่เอกสารระบุ", "บรรทัดที่ระบุ",
             "ผลรวมจากตารางสรุป", "ผลรวมจากส่วนที่ 3", "ตรงกัน"]
    for c, h in enumerate(heads):
        ws.write_string(0, c, h, book.header)
    ws.set_column(0, 1, 16)
    ws.set_column(2, 7, 16)
    for r, row in enumerate(plan.comparison, start=1):
        declared = row.declared
        values = [
            f"มิติที่ {row.dimension_no}" if row.dimension_no else "ทั้งแผน",
            "จำนวนโครงการ" if row.measure == "projects" else "งบประมาณ (บาท)",
            row.fiscal_year,
            declared[0] if len(declared) == 1 else (" / ".join(f"{v:,.0f}" for v in declared) or None),
            ", ".join(str(x) for x in row.declared_lines),
            row.table, row.sections,
            "ใช่" if row.agrees else ("ไม่ได้ระบุ" if not declared else "ไม่ตรง"),
        ]
        for c, v in enumerate(values):
            book.cell(ws, r, c, v, money=c in (3, 5, 6))
    ws.freeze_panes(1, 0)
