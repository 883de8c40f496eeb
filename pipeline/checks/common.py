"""What the rules share: how they name a section, a sum of money, the plan's edition."""
from __future__ import annotations

from .. import template as T
from ..model import Plan, Project


WHERE_RANK = {"total_row": 0, "preamble": 1, "intro": 2}


def baht(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def first_content(project: Project, key: str) -> tuple[int, str]:
    f = project.fields[key]
    for ln in f.lines:
        if ln.text:
            return ln.number, ln.raw.strip()
    return f.heading_line, f.inline


def section_of(project: Project) -> dict:
    return {"order": project.order, "seq_no": project.seq_no}


def edition_of(plan: Plan) -> T.Edition:
    return T.edition_by_name(plan.edition) if plan.edition else T.DEFAULT_EDITION


PART_NAMES = {"part1": "ส่วนที่ 1 บทนำ (Part 1)", "part2": "ส่วนที่ 2 ตารางสรุปโครงการ (Part 2, the summary table)",
              "part3": "ส่วนที่ 3 รายละเอียดโครงการ (Part 3, the project sections)"}
