"""Never lose a part silently: parts missing, present but unread, and runs of lines no rule read."""
from __future__ import annotations

from typing import Iterable

from ..findings import finding
from ..model import Finding, Plan
from .common import PART_NAMES


def check_parts_read(plan: Plan) -> Iterable[Finding]:
    """Never lose a part silently: a part that is present but gave nothing is an error, a run of
    its lines that no rule read is a warning."""
    for part in plan.coverage:
        if part.part != "part1" and part.lines and not part.read:
            yield finding("PART_UNREAD", part.first_line,
                          f"พบ{PART_NAMES[part.part]} (บรรทัด {part.first_line}-{part.last_line}) แต่อ่านข้อมูลไม่ได้เลย "
                          f"(the part is present but nothing was read from it)",
                          evidence=plan.lines[part.first_line - 1].raw.strip()[:120], field=part.part)
    for part, items in (("part2", plan.table), ("part3", plan.projects)):
        found = next((p for p in plan.coverage if p.part == part), None)
        if items or found and found.lines and not found.read:
            continue  # read, or already a PART_UNREAD
        yield finding("PART_MISSING", found.first_line if found else None,
                      (f"{PART_NAMES[part]}: มีหัวข้อ (บรรทัด {found.first_line}) แต่ไม่มีรายการใดให้อ่าน "
                       f"(only the part's heading is there)" if found else
                       f"ไม่พบ{PART_NAMES[part]}ในเอกสาร (the part is not in the document)")
                      + " — ไม่มีข้อมูลส่วนนี้ในผลลัพธ์", field=part)
    for first, last, part in plan.unread:
        text = " ".join(plan.lines[n - 1].raw.strip() for n in range(first, min(last, first + 3) + 1))
        yield finding("UNREAD_TEXT", first,
                      f"ข้อความบรรทัด {first}-{last} ใน{PART_NAMES[part]} ไม่ได้ถูกอ่านเป็นข้อมูล "
                      f"(lines {first}-{last} were not read as any part of the plan)",
                      evidence=text[:120], field=part, found=f"{first}-{last}")
