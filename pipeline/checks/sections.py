"""One section at a time: missing or misplaced fields, amounts without unit, headings, and the
document's own shape (truncated, markers missing, empty sub-missions, repeated text)."""
from __future__ import annotations

import re
from typing import Iterable

from .. import template as T
from ..findings import finding
from ..model import Finding, Plan, Project
from .common import baht, first_content, section_of, edition_of


def check_missing_field(plan: Plan) -> Iterable[Finding]:
    edition = edition_of(plan)
    for p in plan.projects:
        for key in edition.fields:
            if key not in p.fields:
                number = edition.number_of(key)
                yield finding("MISSING_FIELD", p.line_start,
                              f"ลำดับที่ {p.seq_no} ไม่มีหัวข้อที่ {number} {T.THAI_NAME[key]} (field {number} is missing)",
                              evidence=p.seq_text or p.title[:120], field=key, expected=str(number), **section_of(p))


def check_field_content(plan: Plan) -> Iterable[Finding]:
    for p in plan.projects:
        if "budget" in p.fields and p.budget_baht is None and not p.budget_by_year and p.budget_text \
                and not T.PLACEHOLDER.search(p.budget_text):
            line, text = first_content(p, "budget")
            yield finding("FIELD_CONTENT_MISPLACED", line,
                          f"ลำดับที่ {p.seq_no} หัวข้องบประมาณไม่มีจำนวนเงิน แต่เป็นข้อความ '{text[:40]}' "
                          f"(the budget field holds no amount)", evidence=text[:120], field="budget", **section_of(p))
        if "responsible" in p.fields and re.search(r"\d[\d,]*\s*บาท", p.responsible):
            line, text = first_content(p, "responsible")
            yield finding("FIELD_CONTENT_MISPLACED", line,
                          f"ลำดับที่ {p.seq_no} หัวข้อผู้รับผิดชอบมีจำนวนเงิน (the responsible field holds an amount)",
                          evidence=text[:120], field="responsible", **section_of(p))
        if "period" in p.fields and p.period_text and p.start_year is None \
                and not T.PLACEHOLDER.search(p.period_text):
            line, text = first_content(p, "period")
            yield finding("FIELD_CONTENT_MISPLACED", line,
                          f"ลำดับที่ {p.seq_no} หัวข้อระยะเวลาไม่มีปีงบประมาณ (the period field names no year)", "warning",
                          evidence=text[:120], field="period", **section_of(p))


def check_budget_unit(plan: Plan) -> Iterable[Finding]:
    for p in plan.projects:
        if p.budget_baht and not p.budget_has_unit:
            line, text = first_content(p, "budget")
            yield finding("BUDGET_UNIT_MISSING", line,
                          f"ลำดับที่ {p.seq_no} จำนวนเงิน {baht(p.budget_baht)} ไม่มีหน่วย 'บาท' (amount without its unit)",
                          evidence=text[:120], field="budget", found=text[:40], **section_of(p))


def check_dimension_heading(plan: Plan) -> Iterable[Finding]:
    for d in plan.dimensions:
        if not d.heading_raw:
            yield finding("MISSING_HEADING", d.line,
                          f"ไม่พบหัวข้อมิติที่ {d.number} ในส่วนที่ 3: เริ่มมิติจากภารกิจ {d.number}.1 "
                          f"(no dimension heading; the dimension was opened from its first mission)",
                          evidence=next((f"{m.code} {m.title}" for m in d.missions), "")[:120],
                          expected=f"มิติที่ {d.number}")


def check_empty_submission(plan: Plan) -> Iterable[Finding]:
    for d in plan.dimensions:
        for m in d.missions:
            for s in m.submissions:
                if not s.projects:
                    yield finding("EMPTY_SUBMISSION", s.line,
                                  f"ภารกิจย่อย {s.code} ไม่มีโครงการอยู่ใต้หัวข้อ (sub-mission heading with no section)",
                                  evidence=f"{s.code} {s.title}"[:120])


def check_duplicate_text(plan: Plan) -> Iterable[Finding]:
    first: dict[str, Project] = {}
    for p in plan.projects:
        key = "".join(p.rationale.split())
        if len(key) < 200:
            continue
        if key in first:
            f = first[key]
            yield finding("DUPLICATE_TEXT", p.fields["rationale"].heading_line,
                          f"หลักการและเหตุผลของลำดับที่ {p.seq_no} เหมือนกับลำดับที่ {f.seq_no} ทุกตัวอักษร "
                          f"(rationale copied from another section)", evidence=p.rationale[:120],
                          field="rationale", **section_of(p))
        else:
            first[key] = p


def check_truncated(plan: Plan) -> Iterable[Finding]:
    if not plan.projects:
        return
    last = plan.projects[-1]
    final = edition_of(plan).fields[-1]
    present = [T.CANONICAL_ORDER.index(k) for k in last.fields]
    if not present or max(present) < T.CANONICAL_ORDER.index(final):
        yield finding("DOCUMENT_TRUNCATED", last.line_end,
                      f"เอกสารจบที่ลำดับที่ {last.seq_no} ก่อนหัวข้อสุดท้าย ดูเหมือนถูกตัด "
                      f"(the document ends inside its last section: it looks cut off)",
                      evidence=last.lines[-1].raw.strip()[:120] if last.lines else last.seq_text, **section_of(last))


def check_section_markers(plan: Plan) -> Iterable[Finding]:
    unmarked = [p for p in plan.projects if p.seq_no is None]
    if not unmarked:
        return
    if len(unmarked) == len(plan.projects):
        yield finding("SECTION_MARKER_MISSING", unmarked[0].line_start,
                      "ไม่มีหัวข้อลำดับที่ N ในรายละเอียดโครงการเลย จึงแบ่งโครงการที่หัวข้อชื่อโครงการ "
                      "(no section carries a ลำดับที่ marker: sections start at their titles)", "info",
                      evidence=unmarked[0].title[:120])
        return
    for p in unmarked:
        yield finding("SECTION_MARKER_MISSING", p.line_start,
                      f"โครงการที่ลำดับในเอกสาร {p.order} ไม่มีหัวข้อลำดับที่ N (a section without its ลำดับที่ marker)",
                      evidence=p.title[:120], **section_of(p))
