"""Numbers as written: section numbers (ลำดับที่), field numbers, list items, risk-table steps."""
from __future__ import annotations

import re
from typing import Iterable

from .. import template as T
from ..findings import finding
from ..model import Finding, Plan, Project
from .common import section_of, edition_of


def check_sequence(plan: Plan) -> Iterable[Finding]:
    """One finding where the numbering goes wrong, not one per number after it: a number used
    right after itself (DUPLICATE_SEQ_NO), a skip (SEQ_GAP), a step back to a used number that
    the numbering then continues from (SEQ_RESTART, with the offset it leaves). Numbering that
    starts over at 1 in each dimension is a style: one info finding."""
    numbered = [p for p in plan.projects if p.seq_no is not None]
    restarts = []
    for before, p in zip(numbered, numbered[1:]):
        if p.seq_no == before.seq_no + 1:
            continue
        if p.seq_no == 1 and p.dimension_no != before.dimension_no:
            restarts.append((before, p))  # numbering that starts over in the next dimension
        elif p.seq_no == before.seq_no:
            continue  # a duplicate: reported below with every place the number stands
        elif p.seq_no > before.seq_no:
            yield finding("SEQ_GAP", p.line_start,
                          f"ลำดับที่ {before.seq_no} ตามด้วย {p.seq_no} ข้ามเลข: คาดว่าเป็น {before.seq_no + 1} "
                          f"(section numbering skips from {before.seq_no} to {p.seq_no})",
                          evidence=p.seq_text, expected=str(before.seq_no + 1), found=str(p.seq_no), **section_of(p))
        else:
            restarts.append((before, p))
    per_dimension = bool(restarts) and all(p.seq_no == 1 and p.dimension_no != before.dimension_no
                                           for before, p in restarts)
    yield from _duplicates(numbered, per_dimension)
    if per_dimension:
        before, p = restarts[0]
        lines = ", ".join(str(q.line_start) for _, q in restarts)
        yield finding("SEQ_RESTART", p.line_start,
                      f"เลขลำดับที่เริ่มนับ 1 ใหม่ในแต่ละมิติ (บรรทัด {lines}) (numbering restarts at 1 in each "
                      f"dimension)", "info", evidence=p.seq_text, expected=str(before.seq_no + 1), found="1",
                      **section_of(p))
        return
    for before, p in restarts:
        offset = p.order - p.seq_no
        yield finding("SEQ_RESTART", p.line_start,
                      f"ลำดับที่ {before.seq_no} ตามด้วย {p.seq_no} (ย้อนกลับ) แล้วนับต่อจากนั้น: เลขลำดับที่ของโครงการถัดไป"
                      f"ต่างจากลำดับจริง {offset} (numbering goes back from {before.seq_no} to {p.seq_no} and "
                      f"continues: every later number is {offset} off the section's position)",
                      evidence=p.seq_text, expected=str(before.seq_no + 1), found=str(p.seq_no), **section_of(p))


def _duplicates(numbered: list[Project], per_dimension: bool) -> Iterable[Finding]:
    """One DUPLICATE_SEQ_NO per number that names more than one section (within a dimension when
    the numbering starts over in each), at its second place, naming every place: whether the
    numbering restarted there or not, "ลำดับที่ 46" no longer says which project is meant."""
    places: dict[tuple, list[Project]] = {}
    for p in numbered:
        places.setdefault((p.dimension_no if per_dimension else None, p.seq_no), []).append(p)
    for (_, number), same in places.items():
        if len(same) < 2:
            continue
        where = "; ".join(f"ลำดับในเอกสาร {q.order} บรรทัด {q.line_start}: {q.title[:40]}" for q in same)
        second = same[1]
        yield finding("DUPLICATE_SEQ_NO", second.line_start,
                      f"ลำดับที่ {number} ใช้ซ้ำ {len(same)} ครั้ง ({where}) (sequence number {number} names "
                      f"{len(same)} sections, at lines {', '.join(str(q.line_start) for q in same)})",
                      evidence=second.seq_text, found=str(number),
                      expected=", ".join(str(q.line_start) for q in same), **section_of(second))


def check_field_numbering(plan: Plan) -> Iterable[Finding]:
    edition = edition_of(plan)
    for p in plan.projects:
        if _numbered_as_present(p, edition.fields):
            continue  # a field left out, the ones after it numbered on (Word's numbering): MISSING_FIELD says it
        for key, f in p.fields.items():
            expected = edition.number_of(key)
            if expected is None or f.written_number == expected:
                continue
            written = "ไม่มีเลข (no number)" if f.written_number is None else str(f.written_number)
            line = next((ln.raw.strip() for ln in p.lines if ln.number == f.heading_line), f.heading)
            severity = "info" if f.written_number is None else "warning"  # unnumbered: a style, not an error
            yield finding("FIELD_NUMBERING", f.heading_line,
                          f"หัวข้อ {T.THAI_NAME[key]} มีเลข {written} แต่ตามแบบต้องเป็น {expected} "
                          f"(field heading numbered {written}, template says {expected})", severity,
                          evidence=line[:120], field=key, expected=str(expected),
                          found="" if f.written_number is None else str(f.written_number), **section_of(p))


def _numbered_as_present(p: Project, fields: tuple[str, ...]) -> bool:
    """Are the section's headings numbered 1, 2, 3 … over the fields it has, some left out?"""
    present = [k for k in fields if k in p.fields]
    numbers = [(n, p.fields[k].written_number) for n, k in enumerate(present, start=1)]
    return len(present) < len(fields) and any(w is not None for _, w in numbers) and all(
        w in (n, None) for n, w in numbers)


def check_list_numbering(plan: Plan) -> Iterable[Finding]:
    """Numbered lists whose top-level numbers repeat or skip, or mix Thai and Arabic digits."""
    for p in plan.projects:
        for part, items in p.items.items():
            key = "results" if part in ("outputs", "outcomes") else part
            yield from _check_block(p, key, items)


_THAI_NUMBERED = re.compile(r"^[-•\s(]*[๐-๙]")


def _check_block(p: Project, key: str, items) -> Iterable[Finding]:
    items = [i for i in items if i.number is not None]
    if len(items) < 2:
        return
    name = T.THAI_NAME.get(key, key)
    thai = [i for i in items if _THAI_NUMBERED.match(i.line.raw.strip())]
    if thai and len(thai) != len(items):
        odd = thai[0] if len(thai) < len(items) / 2 else next(i for i in items if i not in thai)
        yield finding("MIXED_NUMERALS", odd.line.number,
                      f"ลำดับที่ {p.seq_no} หัวข้อ {name}: รายการใช้ทั้งเลขไทยและเลขอารบิก "
                      f"(a list numbered with both Thai and Arabic digits)", evidence=odd.line.raw.strip()[:120],
                      field=key, **section_of(p))
    for before, item in zip(items, items[1:]):
        if item.number != before.number + 1 and item.number != 1:
            yield finding("LIST_NUMBERING", item.line.number,
                          f"ลำดับที่ {p.seq_no} หัวข้อ {name}: ข้อ {before.number} ตามด้วยข้อ {item.number} "
                          f"(list numbering repeats or skips)", evidence=item.line.raw.strip()[:120], field=key,
                          expected=str(before.number + 1), found=str(item.number), **section_of(p))
            break


