"""Each summary-table entry against the section it was matched with: budgets, titles, kinds,
missions; entries and sections left without a partner."""
from __future__ import annotations

from typing import Iterable

from .. import template as T
from ..findings import finding
from ..match import entry_budget, spacing_key, title_key
from ..model import Finding, Plan, Project
from .common import baht, first_content, section_of


def _matched(plan: Plan):
    by_order = {p.order: p for p in plan.projects}
    for e in plan.table:
        if e.matched_order is not None:
            yield e, by_order[e.matched_order]


def check_budget_mismatch(plan: Plan) -> Iterable[Finding]:
    for e, p in _matched(plan):
        if not e.budgets or any(v is None for v in e.budgets.values()):
            continue
        if p.budget_by_year:
            wrong = {y: (v, p.budget_by_year.get(y, 0.0)) for y, v in e.budgets.items()
                     if abs(v - p.budget_by_year.get(y, 0.0)) > 0.005}
            if not wrong:
                continue
            table_text = " / ".join(f"{y}: {baht(v)}" for y, (v, _) in wrong.items())
            section_text = " / ".join(f"{y}: {baht(s)}" for y, (_, s) in wrong.items())
        else:
            if p.budget_baht is None:
                continue
            yearly = entry_budget(e)
            values = list(e.budgets.values())
            agrees = (p.budget_baht == yearly) if yearly is not None else (
                p.budget_baht in values or abs(sum(values) - p.budget_baht) < 0.005)
            if agrees:
                continue
            table_text = baht(yearly) if yearly is not None else " / ".join(baht(v) for v in values)
            section_text = baht(p.budget_baht)
        line, text = first_content(p, "budget") if "budget" in p.fields else (p.line_start, "")
        yield finding("BUDGET_MISMATCH", line,
                      f"งบประมาณในตาราง ส่วนที่ 2 รายการที่ {e.entry_no} (บรรทัด {e.line}) = {table_text} บาท/ปี "
                      f"แต่รายละเอียดโครงการระบุ {section_text} บาท (summary table and detail section disagree)",
                      evidence=text, entry_no=e.entry_no, field="budget", expected=table_text,
                      found=section_text, **section_of(p))


def check_missing_detail(plan: Plan) -> Iterable[Finding]:
    if not plan.projects:
        return
    for e in plan.table:
        if e.matched_order is None:
            yield finding("MISSING_DETAIL_SECTION", e.line,
                          f"รายการที่ {e.entry_no} ในตาราง ส่วนที่ 2 ไม่มีรายละเอียดโครงการในส่วนที่ 3 "
                          f"(summary entry has no detail section)", evidence=e.title[:120], entry_no=e.entry_no)


def check_missing_summary(plan: Plan) -> Iterable[Finding]:
    if not plan.table:
        return
    matched = {e.matched_order for e in plan.table}
    for p in plan.projects:
        if p.order not in matched:
            yield finding("MISSING_SUMMARY_ENTRY", p.line_start,
                          f"โครงการลำดับที่ {p.seq_no if p.seq_no is not None else '-'} ไม่มีในตารางสรุป ส่วนที่ 2 "
                          f"(detail section has no summary entry)", evidence=p.title[:120], **section_of(p))


def kind_of(title: str) -> str:
    """What the title calls the item: โครงการ, มาตรการ, กิจกรรม, or '' when it names none."""
    key = spacing_key(title)
    return next((k for k in T.KIND_WORDS if key.startswith(k)), "")


def check_title_mismatch(plan: Plan) -> Iterable[Finding]:
    """Titles that differ beyond spacing and punctuation; and titles that call the item a
    different kind (a project, a measure and an activity are planned and budgeted differently),
    which the matcher's comparison leaves out."""
    for e, p in _matched(plan):
        kinds = kind_of(e.title), kind_of(p.title)
        differ = title_key(e.title) != title_key(p.title)
        if not differ and kinds[0] == kinds[1]:
            continue
        severity = "info" if (e.match_score or 0) >= 90 and kinds[0] == kinds[1] else "warning"
        what = (f"ประเภทต่างกัน: ตารางเรียก{T.KIND_THAI[kinds[0]]} รายละเอียดเรียก{T.KIND_THAI[kinds[1]]} "
                f"(the table and the section call it different kinds)" if kinds[0] != kinds[1] else
                f"ความคล้าย {e.match_score:.0f}% (titles differ)")
        yield finding("TITLE_MISMATCH", e.line,
                      f"ชื่อในตาราง (รายการที่ {e.entry_no}) ต่างจากชื่อในรายละเอียด (ลำดับที่ {p.seq_no}, บรรทัด "
                      f"{p.line_start}) {what}", severity,
                      evidence=e.title[:120], entry_no=e.entry_no, field="title",
                      expected=e.title[:200], found=p.title[:200], **section_of(p))


def check_hierarchy(plan: Plan) -> Iterable[Finding]:
    for e, p in _matched(plan):
        if (e.mission_code and p.mission_code and e.mission_code != p.mission_code) or (
                e.dimension_no and p.dimension_no and e.dimension_no != p.dimension_no):
            yield finding("HIERARCHY_MISMATCH", p.line_start,
                          f"ตาราง ส่วนที่ 2 จัดรายการที่ {e.entry_no} ไว้ใต้ภารกิจ {e.mission_code} (บรรทัด {e.line}) "
                          f"แต่รายละเอียดอยู่ใต้ {p.mission_code} (filed under another mission)",
                          evidence=p.seq_text, entry_no=e.entry_no, expected=e.mission_code,
                          found=p.mission_code, **section_of(p))


def check_duplicate_project(plan: Plan) -> Iterable[Finding]:
    first: dict[str, Project] = {}
    for p in plan.projects:
        key = spacing_key(p.title)
        if not key:
            continue
        if key in first:
            f = first[key]
            yield finding("DUPLICATE_PROJECT", p.line_start,
                          f"ชื่อโครงการซ้ำกับลำดับที่ {f.seq_no} (บรรทัด {f.line_start}) (same title as another section)",
                          evidence=p.title[:120], field="title", **section_of(p))
        else:
            first[key] = p


