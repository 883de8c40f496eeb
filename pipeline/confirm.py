"""Stage between match and check, for plans read by OCR: numbers are confirmed, not trusted.

Tesseract reads Arabic amounts well and Thai digits badly (๔ ๖ ๗ ๘ ๙ were right 0 times in 146
here), and badly the same way every time: ๔๘,๐๐๐ + ๗,๕๐๐ was read as 55,000 + 500, whose sum
is the declared total ๕๕,๕๐๐, read right. So a number on a line OCR read counts only when another
reading agrees and one of the two is not OCR of Thai digits:
- a summary-table amount (zero included): the matched section states the same amount for that
  year; or, when the amounts are Arabic digits, its dimension's declared total for the year equals
  the sum of two or more of them (with a single amount the total is only its copy);
- a section's budget: the matched table entry holds it for one of the years (same condition);
- a declared count or total: what the table and the sections add up to;
- a section's fiscal years: the plan's own period (the table's years, the template's period);
- a section number lost or misread: its position after the section before (recovered, said so).
A head count has nothing to agree with. What nothing
confirms is kept, listed in plan.unconfirmed (the outputs mark it) and reported as
OCR_UNCONFIRMED with its page: a wrong number in the finance workbook would be worse."""
from __future__ import annotations

import re
from collections import defaultdict

from .model import Plan, Project, TableEntry, Unconfirmed
from .sums import section_amount


def confirm(plan: Plan) -> None:
    if not plan.ocr_read:
        return
    _recover_section_numbers(plan)
    plan.unconfirmed += _entries(plan) + _sections(plan) + _declared(plan)


def _thai_digits(plan: Plan, numbers) -> bool:
    """Whether OCR read Thai digits on any of these lines (readings not to be trusted alone)."""
    return any(plan.lines[n - 1].ocr is not None and _THAI_DIGIT.search(plan.lines[n - 1].raw) for n in numbers if n)


_THAI_DIGIT = re.compile("[๐-๙]")


def _ocr(plan: Plan, numbers) -> float | None:
    """The lowest OCR confidence among these lines (None when none was read by OCR)."""
    values = [plan.lines[n - 1].ocr for n in numbers if n and plan.lines[n - 1].ocr is not None]
    return min(values) if values else None


def _recover_section_numbers(plan: Plan) -> None:
    """A section whose number OCR lost, or read so that it breaks the run of numbers, takes the
    number its position gives (the previous one plus one)."""
    previous = 0
    for p in plan.projects:
        expected = previous + 1
        confidence = _ocr(plan, [p.line_start])
        if confidence is not None and p.seq_no != expected:
            plan.unconfirmed.append(Unconfirmed("section", p.order, "seq_no", "" if p.seq_no is None else str(p.seq_no),
                                                p.line_start, confidence, f"taken as {expected} from its position"))
            p.seq_no = expected
        previous = p.seq_no if p.seq_no is not None else expected


def _entries(plan: Plan) -> list[Unconfirmed]:
    by_order = {p.order: p for p in plan.projects}
    declared = {(d.dimension_no, d.fiscal_year): d.value for d in plan.declared
                if d.kind == "total" and d.scope == "dimension" and d.fiscal_year}
    groups: dict[tuple, list[float]] = defaultdict(list)
    for e in plan.table:
        for year, value in e.budgets.items():
            if value:
                groups[(e.dimension_no, year)].append(value)
    out = []
    for position, e in enumerate(plan.table, 1):  # by position: OCR may misread an entry's number
        lines = [e.line] + e.budget_lines
        confidence = _ocr(plan, lines)
        if confidence is None:
            continue
        thai = _thai_digits(plan, lines)
        section = by_order.get(e.matched_order) if e.matched_order is not None else None
        trusted_section = section is not None and not (thai and _thai_digits(plan, _field_lines(section, "budget")))
        for year, value in sorted(e.budgets.items()):
            if value is None:
                continue  # no amount read: nothing to confirm (the table checks say so)
            if trusted_section and section_amount(section, year) == value:
                continue
            amounts = groups[(e.dimension_no, year)]
            if not thai and len(amounts) >= 2 and abs(declared.get((e.dimension_no, year), -1) - sum(amounts)) < 0.005:
                continue
            out.append(Unconfirmed("entry", position, f"budget_{year}", f"{value:,.0f}",
                                   e.budget_lines[0] if e.budget_lines else e.line, confidence))
    return out


def _sections(plan: Plan) -> list[Unconfirmed]:
    entries: dict[int, TableEntry] = {e.matched_order: e for e in plan.table if e.matched_order is not None}
    years = set(plan.fiscal_years) | set(range(plan.start_year or 0, (plan.end_year or -1) + 1))
    out = []
    for p in plan.projects:
        out += _section_budget(plan, p, entries.get(p.order))
        out += _section_count(plan, p)
        out += _section_period(plan, p, years)
    return out


def _field_lines(p: Project, key: str) -> list[int]:
    f = p.fields.get(key)
    return list(range(f.heading_line, f.line_range[1] + 1)) if f else []


def _section_budget(plan: Plan, p: Project, entry: TableEntry | None) -> list[Unconfirmed]:
    lines = _field_lines(p, "budget")
    confidence = _ocr(plan, lines)
    if confidence is None or p.budget_baht is None or not (p.budget_baht or any(c.isdigit() for c in p.budget_text)):
        return []  # (no budget in words, ไม่ใช้งบประมาณ or -, confirms itself; a 0 read from digits does not)
    both_thai = entry is not None and _thai_digits(plan, lines) and _thai_digits(plan, [entry.line] + entry.budget_lines)
    if entry is not None and not both_thai and p.budget_baht in entry.budgets.values():
        return []
    return [Unconfirmed("section", p.order, "budget_baht", f"{p.budget_baht:,.0f}", lines[0], confidence)]


def _section_count(plan: Plan, p: Project) -> list[Unconfirmed]:
    lines = _field_lines(p, "target_group")
    confidence = _ocr(plan, lines)
    if confidence is None or p.target_count is None:
        return []
    return [Unconfirmed("section", p.order, "target_count", str(p.target_count), lines[0], confidence)]


def _section_period(plan: Plan, p: Project, years: set[int]) -> list[Unconfirmed]:
    lines = _field_lines(p, "period")
    confidence = _ocr(plan, lines)
    read = [y for y in (p.start_year, p.end_year) if y is not None]
    if confidence is None or not read or all(y in years for y in read):
        return []
    return [Unconfirmed("section", p.order, "period", "-".join(map(str, read)), lines[0], confidence)]


def _declared(plan: Plan) -> list[Unconfirmed]:
    out = []
    for d in plan.declared:
        confidence = _ocr(plan, [d.line])
        if confidence is None:
            continue
        dim = d.dimension_no if d.scope == "dimension" else None
        if d.kind == "count":
            counted = [sum(1 for x in items if dim is None or x.dimension_no == dim)
                       for items in (plan.table, plan.projects) if items]
            field = "count"
        else:
            counted = [sum(e.budgets.get(d.fiscal_year) or 0 for e in plan.table if dim is None or e.dimension_no == dim)]
            field = f"total_{d.fiscal_year}"
        if d.value in counted:
            continue
        out.append(Unconfirmed("declared", dim, field, f"{d.value:,.0f}", d.line, confidence))
    return out
