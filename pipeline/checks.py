"""Stage 5: data-quality rules. Each rule is a small function over the whole plan that yields
Findings of a code in the registry (findings.py); adding a check is adding one function to RULES."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from typing import Callable, Iterable, Iterator

from . import template as T
from .extract import content, paragraphs
from .findings import SEVERITY_ORDER, finding
from .match import entry_budget, spacing_key, title_key
from .model import Comparison, Finding, Plan, Project
from .normalise import line_numbers

WHERE_RANK = {"total_row": 0, "preamble": 1, "intro": 2}


def _baht(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def _first_content(project: Project, key: str) -> tuple[int, str]:
    f = project.fields[key]
    for ln in f.lines:
        if ln.text:
            return ln.number, ln.raw.strip()
    return f.heading_line, f.inline


def _section(project: Project) -> dict:
    return {"order": project.order, "seq_no": project.seq_no}


def _edition(plan: Plan) -> T.Edition:
    return T.edition_by_name(plan.edition) if plan.edition else T.DEFAULT_EDITION


# --- sequence numbers -------------------------------------------------------------------------

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
            yield finding("DUPLICATE_SEQ_NO", p.line_start,
                          f"ลำดับที่ {p.seq_no} ใช้ซ้ำ: ลำดับในเอกสาร {before.order} (บรรทัด {before.line_start}) และ "
                          f"{p.order} (บรรทัด {p.line_start}) (sequence number {p.seq_no} used twice)",
                          evidence=p.seq_text, expected=str(before.seq_no + 1), found=str(p.seq_no), **_section(p))
        elif p.seq_no > before.seq_no:
            yield finding("SEQ_GAP", p.line_start,
                          f"ลำดับที่ {before.seq_no} ตามด้วย {p.seq_no} ข้ามเลข: คาดว่าเป็น {before.seq_no + 1} "
                          f"(section numbering skips from {before.seq_no} to {p.seq_no})",
                          evidence=p.seq_text, expected=str(before.seq_no + 1), found=str(p.seq_no), **_section(p))
        else:
            restarts.append((before, p))
    per_dimension = restarts and all(p.seq_no == 1 and p.dimension_no != before.dimension_no
                                     for before, p in restarts)
    if per_dimension:
        before, p = restarts[0]
        lines = ", ".join(str(q.line_start) for _, q in restarts)
        yield finding("SEQ_RESTART", p.line_start,
                      f"เลขลำดับที่เริ่มนับ 1 ใหม่ในแต่ละมิติ (บรรทัด {lines}) (numbering restarts at 1 in each "
                      f"dimension)", "info", evidence=p.seq_text, expected=str(before.seq_no + 1), found="1",
                      **_section(p))
        return
    for before, p in restarts:
        offset = p.order - p.seq_no
        yield finding("SEQ_RESTART", p.line_start,
                      f"ลำดับที่ {before.seq_no} ตามด้วย {p.seq_no} (ย้อนกลับ) แล้วนับต่อจากนั้น: เลขลำดับที่ของโครงการถัดไป"
                      f"ต่างจากลำดับจริง {offset} (numbering goes back from {before.seq_no} to {p.seq_no} and "
                      f"continues: every later number is {offset} off the section's position)",
                      evidence=p.seq_text, expected=str(before.seq_no + 1), found=str(p.seq_no), **_section(p))


# --- declared against computed ----------------------------------------------------------------

def check_project_counts(plan: Plan) -> Iterable[Finding]:
    scopes: dict[int | None, list] = defaultdict(list)
    for d in plan.declared:
        if d.kind == "count":
            scopes[d.dimension_no if d.scope == "dimension" else None].append(d)
    for dim, declared in sorted(scopes.items(), key=lambda kv: (kv[0] is not None, kv[0] or 0)):
        computed = {}
        if plan.table:
            computed["ตาราง ส่วนที่ 2 (table entries)"] = sum(1 for e in plan.table if dim is None or e.dimension_no == dim)
        if plan.projects:
            computed["ส่วนที่ 3 (detail sections)"] = sum(1 for p in plan.projects if dim is None or p.dimension_no == dim)
        by_value: dict[float, list] = defaultdict(list)
        for d in declared:
            by_value[d.value].append(d)
        for value, group in by_value.items():
            differs = {k: v for k, v in computed.items() if v != value}
            if not differs:
                continue
            group.sort(key=lambda d: (WHERE_RANK.get(d.where, 3), -d.line))
            where = f"มิติที่ {dim}" if dim else "ทั้งแผน"
            stated = ", ".join(f"บรรทัด {d.line}" for d in sorted(group, key=lambda d: d.line))
            found = "; ".join(f"{k} = {v}" for k, v in computed.items())
            yield finding("PROJECT_COUNT_MISMATCH", group[0].line,
                          f"{where}: เอกสารระบุ {value:.0f} โครงการ ({stated}) แต่นับได้ {found} "
                          f"(declared {value:.0f} projects; counted {found})",
                          evidence=group[0].text[:120], expected=f"{value:.0f}",
                          found=", ".join(str(v) for v in computed.values()))


def check_declared_sums(plan: Plan) -> Iterable[Finding]:
    """A total the document declares that is not the sum of the parts it declares in the same
    place (the introduction, the total rows): 62 projects, then 17 + 29 + 8 + 7 = 61 by dimension.
    One finding per wrong total, however often the document repeats it; when the total or a part
    already disagrees with what the table and sections hold (PROJECT_COUNT_MISMATCH,
    TOTAL_MISMATCH), the arithmetic is a knock-on of that defect and is reported as info, so one
    defect is not counted twice."""
    dimensions = sorted({d.number for d in plan.dimensions} | {e.dimension_no for e in plan.table if e.dimension_no})
    groups: dict[tuple, list] = defaultdict(list)
    for d in plan.declared:
        groups[(d.where if d.where != "preamble" else "intro", d.kind, d.fiscal_year)].append(d)
    wrong: dict[tuple, tuple] = {}  # (kind, year, declared total) -> (its declarations, the parts)
    for (where, kind, year), declared in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or 0)):
        parts = {d.dimension_no: d for d in declared if d.scope == "dimension"}
        if len(parts) < 2 or sorted(parts) != (dimensions or list(range(1, max(parts) + 1))):
            continue  # not every dimension declared here: no sum to compare
        total = sum(d.value for d in parts.values())
        for whole in (d for d in declared if d.scope == "plan" and abs(d.value - total) > 0.005):
            wrong.setdefault((kind, year, whole.value), ([], parts))[0].append(whole)
    for (kind, year, value), (wholes, parts) in wrong.items():
        yield _declared_sum_finding(plan, kind, year, sorted(wholes, key=lambda d: d.line), parts)


def _declared_sum_finding(plan: Plan, kind: str, year: int | None, wholes: list, parts: dict) -> Finding:
    whole, total = wholes[0], sum(d.value for d in parts.values())
    knock_on = _against_counts(plan, kind, year, None, whole.value) or any(
        _against_counts(plan, kind, year, dim, d.value) for dim, d in parts.items())
    unit, other = ("โครงการ", "PROJECT_COUNT_MISMATCH") if kind == "count" else ("บาท", "TOTAL_MISMATCH")
    terms = " + ".join(f"{parts[k].value:,.0f}" for k in sorted(parts))
    return finding("DECLARED_SUM_MISMATCH", whole.line,
                   f"เอกสารระบุรวม {whole.value:,.0f} {unit}{f' ในปี {year}' if year else ''} "
                   f"(บรรทัด {', '.join(str(d.line) for d in wholes)}) แต่ยอดรายมิติที่ระบุ {terms} = {total:,.0f} "
                   f"(declared total is not the sum of the declared parts)"
                   + (f" — ข้อบกพร่องเดียวกับ {other} (the same defect as {other})" if knock_on else ""),
                   evidence=whole.text[:120], expected=f"{total:,.0f}", found=f"{whole.value:,.0f}",
                   severity="info" if knock_on else None)


def _against_counts(plan: Plan, kind: str, year: int | None, dim: int | None, value: float) -> bool:
    """Whether a declared count or budget total differs from what the table or the sections hold."""
    if kind == "count":
        computed = [sum(1 for x in items if dim is None or x.dimension_no == dim)
                    for items in (plan.table, plan.projects) if items]
    else:
        computed = [entry_total(plan, dim, year) if plan.table else None,
                    section_total(plan, dim, year)[0] if plan.projects else None]
    return any(c is not None and abs(c - value) > 0.005 for c in computed)


def section_amount(project: Project, year: int) -> float | None:
    """The section's amount for one fiscal year (0 outside its period)."""
    if project.budget_by_year:
        return project.budget_by_year.get(year, 0.0)
    if project.start_year and project.end_year and not project.start_year <= year <= project.end_year:
        return 0.0
    return project.budget_baht


def section_total(plan: Plan, dim: int | None, year: int) -> tuple[float, int]:
    total, unknown = 0.0, 0
    for p in plan.projects:
        if dim is not None and p.dimension_no != dim:
            continue
        amount = section_amount(p, year)
        if amount is None:
            unknown += 1
        else:
            total += amount
    return total, unknown


def entry_total(plan: Plan, dim: int | None, year: int) -> float | None:
    values = [e.budgets.get(year) for e in plan.table if dim is None or e.dimension_no == dim]
    return None if any(v is None for v in values) else sum(values)


def check_totals(plan: Plan) -> Iterable[Finding]:
    totals: dict[int | None, list] = defaultdict(list)
    for d in plan.declared:
        if d.kind == "total" and d.fiscal_year:
            totals[d.dimension_no if d.scope == "dimension" else None].append(d)
    reported = {"table": False, "sections": False}
    order = sorted(totals, key=lambda k: (k is None, k or 0))  # dimensions first, then the plan
    for dim in order:
        for basis, compute in (("table", entry_total), ("sections", lambda pl, d, y: section_total(pl, d, y)[0])):
            if dim is None and reported[basis]:
                continue  # already shown where it arises, at the dimension
            if basis == "table" and not plan.table or basis == "sections" and not plan.projects:
                continue
            wrong = [(d, compute(plan, dim, d.fiscal_year)) for d in totals[dim]]
            wrong = [(d, c) for d, c in wrong if c is not None and abs(c - d.value) > 0.005]
            if not wrong:
                continue
            reported[basis] = reported[basis] or dim is not None
            d0, c0 = wrong[0]
            where = f"มิติที่ {dim}" if dim else "รวมทั้งสิ้น"
            what = ("ผลรวมของรายการในตาราง (sum of the table entries)" if basis == "table"
                    else "ผลรวมงบประมาณในส่วนที่ 3 (sum of the detail sections)")
            years = ", ".join(str(d.fiscal_year) for d, _ in wrong)
            yield finding("TOTAL_MISMATCH", d0.line,
                          f"{where}: ยอดรวมที่ระบุ {_baht(d0.value)} บาท ต่างจาก{what} {_baht(c0)} บาท "
                          f"ในปี {years} (declared total differs)",
                          evidence=d0.text[:120], expected=_baht(d0.value), found=_baht(c0))


# --- table against sections -------------------------------------------------------------------

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
            table_text = " / ".join(f"{y}: {_baht(v)}" for y, (v, _) in wrong.items())
            section_text = " / ".join(f"{y}: {_baht(s)}" for y, (_, s) in wrong.items())
        else:
            if p.budget_baht is None:
                continue
            yearly = entry_budget(e)
            values = list(e.budgets.values())
            agrees = (p.budget_baht == yearly) if yearly is not None else (
                p.budget_baht in values or abs(sum(values) - p.budget_baht) < 0.005)
            if agrees:
                continue
            table_text = _baht(yearly) if yearly is not None else " / ".join(_baht(v) for v in values)
            section_text = _baht(p.budget_baht)
        line, text = _first_content(p, "budget") if "budget" in p.fields else (p.line_start, "")
        yield finding("BUDGET_MISMATCH", line,
                      f"งบประมาณในตาราง ส่วนที่ 2 รายการที่ {e.entry_no} (บรรทัด {e.line}) = {table_text} บาท/ปี "
                      f"แต่รายละเอียดโครงการระบุ {section_text} บาท (summary table and detail section disagree)",
                      evidence=text, entry_no=e.entry_no, field="budget", expected=table_text,
                      found=section_text, **_section(p))


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
                          f"(detail section has no summary entry)", evidence=p.title[:120], **_section(p))


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
                      expected=e.title[:200], found=p.title[:200], **_section(p))


def check_hierarchy(plan: Plan) -> Iterable[Finding]:
    for e, p in _matched(plan):
        if (e.mission_code and p.mission_code and e.mission_code != p.mission_code) or (
                e.dimension_no and p.dimension_no and e.dimension_no != p.dimension_no):
            yield finding("HIERARCHY_MISMATCH", p.line_start,
                          f"ตาราง ส่วนที่ 2 จัดรายการที่ {e.entry_no} ไว้ใต้ภารกิจ {e.mission_code} (บรรทัด {e.line}) "
                          f"แต่รายละเอียดอยู่ใต้ {p.mission_code} (filed under another mission)",
                          evidence=p.seq_text, entry_no=e.entry_no, expected=e.mission_code,
                          found=p.mission_code, **_section(p))


# --- sections ---------------------------------------------------------------------------------

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
                          evidence=p.title[:120], field="title", **_section(p))
        else:
            first[key] = p


def check_missing_field(plan: Plan) -> Iterable[Finding]:
    edition = _edition(plan)
    for p in plan.projects:
        for key in edition.fields:
            if key not in p.fields:
                number = edition.number_of(key)
                yield finding("MISSING_FIELD", p.line_start,
                              f"ลำดับที่ {p.seq_no} ไม่มีหัวข้อที่ {number} {T.THAI_NAME[key]} (field {number} is missing)",
                              evidence=p.seq_text or p.title[:120], field=key, expected=str(number), **_section(p))


def check_field_numbering(plan: Plan) -> Iterable[Finding]:
    edition = _edition(plan)
    for p in plan.projects:
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
                          found="" if f.written_number is None else str(f.written_number), **_section(p))


_PLACEHOLDER_HINTS = ("ระบุ", ".....", "……", "____")


def _lines_containing(plan: Plan, needles: tuple[str, ...]) -> set[int]:
    """Numbers of the lines holding any needle: str.find over the whole text, not a loop per line."""
    joined = "\n".join(ln.text for ln in plan.lines)
    offsets = [i for needle in needles for i in _find_all(joined, needle)]
    return set(line_numbers(joined, offsets))


def _find_all(text: str, needle: str) -> Iterator[int]:
    i = text.find(needle)
    while i != -1:
        yield i
        i = text.find(needle, i + 1)


def check_placeholder(plan: Plan) -> Iterable[Finding]:
    """Template instructions left unfilled: in each field of a section, looked for in whole
    paragraphs (a wrapped line that starts with ระบุ in the middle of a sentence is no instruction);
    in the table's titles; and anywhere (Part 1's risk table included) the template's long
    instructions misspelt (found fuzzily) or half replaced (only their head replaced)."""
    reported: set[int] = set()
    hinted = sorted(_lines_containing(plan, _PLACEHOLDER_HINTS))
    for p in plan.projects:
        k = bisect_left(hinted, p.line_start)
        if k == len(hinted) or hinted[k] > p.line_end:
            continue  # no hint of a placeholder in the section's lines
        for key, f in p.fields.items():
            for line, evidence in _placeholder_in_field(plan, key, f):
                reported.add(line)
                yield finding("PLACEHOLDER_TEXT", line,
                              f"ลำดับที่ {p.seq_no} หัวข้อ {T.THAI_NAME[key]} มีข้อความแม่แบบที่ยังไม่ได้กรอก "
                              f"(unfilled template text)", evidence=evidence[:120], field=key, **_section(p))
                break
    for e in plan.table:
        if T.PLACEHOLDER_IN_TITLE.search(e.title):
            reported.add(e.line)
            yield finding("PLACEHOLDER_TEXT", e.line,
                          f"รายการที่ {e.entry_no} ในตาราง ส่วนที่ 2 มีข้อความแม่แบบที่ยังไม่ได้กรอก (unfilled template text)",
                          evidence=e.title[:120], entry_no=e.entry_no, field="title")
    yield from _placeholders_anywhere(plan, reported)


def _placeholder_in_field(plan: Plan, key: str, f):
    pattern = T.PLACEHOLDER_IN_TITLE if key == "title" else T.PLACEHOLDER
    for first, text in paragraphs(content(f), None if key == "title" else plan.wrap_width):
        if key == "title":
            text = " ".join(ln.text for ln in content(f))
        if pattern.search(text):
            yield first.number, next((ln.raw.strip() for ln in plan.lines[first.number - 1:first.number]), text)


def _placeholders_anywhere(plan: Plan, reported: set[int]) -> Iterator[Finding]:
    """One finding per section field (a field that repeats the bad phrase is one defect), one per
    line outside the sections."""
    hits: dict[tuple, list] = {}
    for line, score, half in _placeholder_lines(plan, reported):
        where, key = _field_at(plan, line.number)
        hits.setdefault((id(where), key) if where else (line.number,), []).append((line, score, half, where, key))
    for group in hits.values():
        line, score, half, where, key = group[0]
        how = (f"ข้อความแม่แบบที่ยังไม่ได้กรอก สะกดผิด (an unfilled template instruction, misspelt: {score:.0f}% like it)"
               if score >= T.PLACEHOLDER_SCORE else
               f"ข้อความแม่แบบที่แทนที่ไม่ครบ '…{half}' (a template instruction only half replaced)")
        prefix = f"ลำดับที่ {where.seq_no} หัวข้อ {T.THAI_NAME.get(key, key)}: " if where else ""
        more = f" และบรรทัด {', '.join(str(g[0].number) for g in group[1:])}" if len(group) > 1 else ""
        yield finding("PLACEHOLDER_TEXT", line.number, prefix + how + more, evidence=line.raw.strip()[:120],
                      field=key, found=half or "", **(_section(where) if where else {}))


def _placeholder_lines(plan: Plan, reported: set[int]):
    from rapidfuzz import fuzz

    previous = ""
    for line in plan.lines:
        # the first cell goes on from the previous line's last (a wrapped line can split a word)
        head, previous = "".join(previous.split("\t")[-1].split())[-30:], line.text
        if line.number in reported or line.furniture:
            continue
        cells = ["".join(cell.split()) for cell in line.text.split("\t")]
        score = 0
        if any(w in line.text for w in T.LONG_PLACEHOLDER_WORDS):
            # cell by cell (a table row's cells are not one phrase); a phrase longer than the cell is
            # not looked for in it, as partial_ratio would find the cell inside the phrase
            score = max((fuzz.partial_ratio(phrase, words) for phrase in T.LONG_PLACEHOLDERS for words in cells
                         if len(words) >= len(phrase)), default=0)
        half, at = _half_replaced(head + cells[0], len(head))
        if half and at < len(head) and line.number - 1 not in reported:
            yield plan.lines[line.number - 2], score, half  # the phrase starts on the line before
            continue
        half = half or next((h for h, _ in map(_half_replaced, cells[1:]) if h), "")
        if score >= T.PLACEHOLDER_SCORE or half:
            yield line, score, half


def _field_at(plan: Plan, number: int) -> tuple[Project | None, str]:
    for p in plan.projects:
        if p.line_start <= number <= p.line_end:
            key = next((k for k, f in p.fields.items() if f.line_range[0] <= number <= f.line_range[1]), "section")
            return p, key
    before_table = not plan.table or number < plan.table[0].line
    return None, "part1" if before_table else "part2"


def _half_replaced(words: str, start: int = 0) -> tuple[str, int]:
    """The words before ปกครองส่วนท้องถิ่น when they are not องค์กร / องค์การ / การ (nor a typo of
    them), and where they start; only where the phrase ends after `start` (words before it are
    context)."""
    tail = T.HALF_REPLACED_TAIL
    at = words.find(tail)
    while at != -1:
        before = words[max(0, at - 7):at]
        if at + len(tail) > start and before and not T.HALF_REPLACED_OK.search(before):
            return words[max(0, at - 12):at + len(tail)], max(0, at - 7)
        at = words.find(tail, at + 1)
    return "", -1


def check_field_content(plan: Plan) -> Iterable[Finding]:
    for p in plan.projects:
        if "budget" in p.fields and p.budget_baht is None and not p.budget_by_year and p.budget_text \
                and not T.PLACEHOLDER.search(p.budget_text):
            line, text = _first_content(p, "budget")
            yield finding("FIELD_CONTENT_MISPLACED", line,
                          f"ลำดับที่ {p.seq_no} หัวข้องบประมาณไม่มีจำนวนเงิน แต่เป็นข้อความ '{text[:40]}' "
                          f"(the budget field holds no amount)", evidence=text[:120], field="budget", **_section(p))
        if "responsible" in p.fields and re.search(r"\d[\d,]*\s*บาท", p.responsible):
            line, text = _first_content(p, "responsible")
            yield finding("FIELD_CONTENT_MISPLACED", line,
                          f"ลำดับที่ {p.seq_no} หัวข้อผู้รับผิดชอบมีจำนวนเงิน (the responsible field holds an amount)",
                          evidence=text[:120], field="responsible", **_section(p))
        if "period" in p.fields and p.period_text and p.start_year is None \
                and not T.PLACEHOLDER.search(p.period_text):
            line, text = _first_content(p, "period")
            yield finding("FIELD_CONTENT_MISPLACED", line,
                          f"ลำดับที่ {p.seq_no} หัวข้อระยะเวลาไม่มีปีงบประมาณ (the period field names no year)", "warning",
                          evidence=text[:120], field="period", **_section(p))


def check_budget_unit(plan: Plan) -> Iterable[Finding]:
    for p in plan.projects:
        if p.budget_baht and not p.budget_has_unit:
            line, text = _first_content(p, "budget")
            yield finding("BUDGET_UNIT_MISSING", line,
                          f"ลำดับที่ {p.seq_no} จำนวนเงิน {_baht(p.budget_baht)} ไม่มีหน่วย 'บาท' (amount without its unit)",
                          evidence=text[:120], field="budget", found=text[:40], **_section(p))


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
                      field=key, **_section(p))
    for before, item in zip(items, items[1:]):
        if item.number != before.number + 1 and item.number != 1:
            yield finding("LIST_NUMBERING", item.line.number,
                          f"ลำดับที่ {p.seq_no} หัวข้อ {name}: ข้อ {before.number} ตามด้วยข้อ {item.number} "
                          f"(list numbering repeats or skips)", evidence=item.line.raw.strip()[:120], field=key,
                          expected=str(before.number + 1), found=str(item.number), **_section(p))
            break


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
                          field="rationale", **_section(p))
        else:
            first[key] = p


def check_truncated(plan: Plan) -> Iterable[Finding]:
    if not plan.projects:
        return
    last = plan.projects[-1]
    final = _edition(plan).fields[-1]
    present = [T.CANONICAL_ORDER.index(k) for k in last.fields]
    if not present or max(present) < T.CANONICAL_ORDER.index(final):
        yield finding("DOCUMENT_TRUNCATED", last.line_end,
                      f"เอกสารจบที่ลำดับที่ {last.seq_no} ก่อนหัวข้อสุดท้าย ดูเหมือนถูกตัด "
                      f"(the document ends inside its last section: it looks cut off)",
                      evidence=last.lines[-1].raw.strip()[:120] if last.lines else last.seq_text, **_section(last))


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
                      evidence=p.title[:120], **_section(p))


def _distinct_measures(plan: Plan):
    seen = set()
    for risk in plan.risks:
        for m in risk.measures:
            if id(m) not in seen:
                seen.add(id(m))
                yield risk, m


def check_risk_measures(plan: Plan) -> Iterable[Finding]:
    if not plan.projects:
        return
    for risk, m in _distinct_measures(plan):
        if m.matched_order is None:
            yield finding("RISK_MEASURE_UNMATCHED", m.line,
                          f"มาตรการควบคุมความเสี่ยงข้อ {m.number or ''} (ขั้นตอนที่ {risk.step_no or '-'}) "
                          f"ไม่ตรงกับโครงการใดในส่วนที่ 3 (control measure with no project behind it)",
                          evidence=m.text[:120], field="risk_measures")


def check_risk_numbering(plan: Plan) -> Iterable[Finding]:
    """Risks and measures are numbered within each step of the risk table, across page breaks."""
    steps: dict = defaultdict(lambda: {"risk": [], "measure": []})
    for risk, m in _distinct_measures(plan):
        steps[risk.step_no]["measure"].append((m.number, m.line, m.text))
    for risk in plan.risks:
        steps[risk.step_no]["risk"].append((risk.risk_no, risk.line, risk.risk))
    for step, kinds in steps.items():
        for kind, numbered in kinds.items():
            numbers = [(n, line, text) for n, line, text in numbered if n is not None]
            for (a, _, _), (b, line, text) in zip(numbers, numbers[1:]):
                if b != a + 1:
                    what = "มาตรการ" if kind == "measure" else "ประเด็นความเสี่ยง"
                    yield finding("LIST_NUMBERING", line,
                                  f"ตารางประเมินความเสี่ยง ขั้นตอนที่ {step}: {what}ข้อ {a} ตามด้วยข้อ {b} "
                                  f"(risk table numbering repeats or skips)", evidence=f"{b}. {text}"[:120],
                                  field=f"risk_{kind}s", expected=str(a + 1), found=str(b))
                    break


PART_NAMES = {"part1": "ส่วนที่ 1 บทนำ (Part 1)", "part2": "ส่วนที่ 2 ตารางสรุปโครงการ (Part 2, the summary table)",
              "part3": "ส่วนที่ 3 รายละเอียดโครงการ (Part 3, the project sections)"}


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


RULES: list[Callable[[Plan], Iterable[Finding]]] = [
    check_sequence, check_project_counts, check_declared_sums, check_totals,
    check_budget_mismatch, check_missing_detail, check_missing_summary, check_title_mismatch,
    check_hierarchy, check_duplicate_project, check_missing_field, check_field_numbering,
    check_placeholder, check_field_content, check_budget_unit, check_list_numbering,
    check_dimension_heading, check_empty_submission, check_duplicate_text, check_truncated,
    check_section_markers, check_risk_measures, check_risk_numbering, check_parts_read,
]


def _merge_notes(plan: Plan) -> list[Finding]:
    """One finding per line and code for what earlier stages noticed (e.g. two typos on a line)."""
    merged: dict[tuple, Finding] = {}
    for n in plan.notes:
        key = (n.code, n.line, n.field)
        if key in merged:
            merged[key].found += f", {n.found}"
        else:
            merged[key] = Finding(**vars(n))
    return list(merged.values())


def run_checks(plan: Plan) -> list[Finding]:
    findings = _merge_notes(plan)
    for rule in RULES:
        findings.extend(rule(plan))
    findings.sort(key=lambda f: (f.line or 0, SEVERITY_ORDER[f.severity], f.code, f.entry_no or 0))
    return findings


def declared_vs_computed(plan: Plan) -> list[Comparison]:
    """Per scope (plan, each dimension) and measure: what the document declares, what its
    summary rows add up to and what its detail sections add up to."""
    dims = sorted({d.number for d in plan.dimensions} | {e.dimension_no for e in plan.table if e.dimension_no}
                  | {d.dimension_no for d in plan.declared if d.dimension_no})
    rows = []
    for dim in [None] + dims:
        def declared(kind, year=None):
            return [d for d in plan.declared if d.kind == kind and d.fiscal_year == year
                    and (d.dimension_no == dim if dim else d.scope == "plan")]
        count_table = sum(1 for e in plan.table if dim is None or e.dimension_no == dim)
        count_sections = sum(1 for p in plan.projects if dim is None or p.dimension_no == dim)
        rows.append(_comparison(dim, "projects", None, declared("count"), count_table, count_sections))
        for year in plan.fiscal_years:
            section_sum, unknown = section_total(plan, dim, year)
            row = _comparison(dim, "budget", year, declared("total", year), entry_total(plan, dim, year), section_sum)
            row.sections_without_amount = unknown
            rows.append(row)
    return rows


def _comparison(dim, measure, year, declared, table_value, section_value) -> Comparison:
    values = sorted({d.value for d in declared})
    computed = [v for v in (table_value, section_value) if v is not None]
    return Comparison(dim, measure, year, values, sorted(d.line for d in declared), table_value, section_value,
                      agrees=bool(declared) and all(abs(c - v) < 0.005 for c in computed for v in values))
