"""The pipeline as a library: read -> normalise -> segment -> extract -> match -> check."""
from __future__ import annotations

import gc
from bisect import bisect_left
from pathlib import Path

from . import template as T
from .checks import declared_vs_computed, run_checks
from .confirm import confirm
from .extract import extract
from .findings import finding
from .intro import common_period, intro_lists, plan_facts, risk_register, targets
from .match import forget_titles, match, match_measures
from .model import Line, PartCoverage, Plan
from .normalise import layout, normalise
from .readers import InputError, Source, read_source
from .segment import Segmented, forget_lines, segment
from .table import Table, find_table


def parse(path: str | Path, checks: bool = True, workers: int = 1, spelling: bool = False, ocr: str = "auto",
          on_page=None) -> Plan:
    """Parse one plan document. Raises InputError when it cannot be read as a plan. `workers` > 1
    lets a long PDF (or its OCR) use that many processes; `spelling` adds the optional Thai
    spelling check (SPELLING notes; loads pythainlp's dictionary, about a second); `ocr` says
    which PDF pages go through OCR (auto: those without a text layer; always; never);
    `on_page(n)` is called as OCR finishes pages."""
    try:
        source = read_source(path, workers, ocr, on_page)
    except InputError as exc:
        exc.path = path if exc.path is None else exc.path
        raise
    return parse_source(source, path, checks, spelling)


def parse_source(source: Source, path: str | Path | None = None, checks: bool = True,
                 spelling: bool = False) -> Plan:
    """Parse a file already read (readers.read_source); `path` as the user named it (default:
    the source's). Raises InputError when it is not a plan."""
    path = source.path if path is None else path
    try:
        plan = parse_text(source.text, str(path), checks=False, pages=source.pages, confidence=source.confidence)
    except InputError as exc:
        exc.path = path if exc.path is None else exc.path
        raise
    plan.sha256, plan.size_bytes, plan.encoding, plan.kind = (source.sha256, source.size_bytes,
                                                              source.encoding, source.kind)
    if source.control_chars:
        plan.notes.append(finding("CONTROL_CHARACTERS", None,
                                  f"ลบอักขระควบคุม {source.control_chars} ตัว (removed {source.control_chars} "
                                  f"control characters that spreadsheets forbid)", found=str(source.control_chars)))
    for repair, count in source.repairs.items():
        pages = source.repair_pages.get(repair, [])
        where = f" ในหน้า {_page_list(pages)} (pages)" if pages else ""
        plan.notes.append(finding("TEXT_REPAIRED", _first_line(source, pages[0]) if pages else None,
                                  f"ข้อความถูกซ่อมแซม: {repair} {count} ครั้ง{where} (text repaired: {repair}, {count} "
                                  f"times); ควรตรวจกับต้นฉบับ", found=str(count), field=repair,
                                  page=pages[0] if pages else None, evidence=_page_list(pages)))
    for kind, page, message, severity in source.notes:
        plan.notes.append(_READER_NOTES[kind](_first_line(source, page), message, severity, page))
    plan.repairs = {**plan.repairs, **source.repairs}
    if checks:
        finish(plan, spelling)
    return plan


# what a reader reports about a page (readers know no findings), as the finding of its code
_READER_NOTES = {
    "unreadable": lambda line, message, severity, page: finding("TEXT_LAYER_UNREADABLE", line, message, severity,
                                                               page=page),
    "decoded": lambda line, message, severity, page: finding("TEXT_LAYER_DECODED", line, message, severity, page=page),
}


def _page_list(pages: list[int]) -> str:
    return ", ".join(map(str, pages[:20])) + (f" ... ({len(pages)} pages)" if len(pages) > 20 else "")


def _first_line(source: Source, page: int | None) -> int | None:
    """The first line read from a page (the next page's, when nothing was read from it)."""
    if page is None or not source.pages:
        return None
    k = bisect_left(source.pages, (page, 0))
    return k + 1 if k < len(source.pages) else None


def parse_text(text: str, source: str = "<text>", checks: bool = True,
               pages: list[tuple[int, int]] | None = None, spelling: bool = False,
               confidence: list[float | None] | None = None) -> Plan:
    # The parse allocates many small objects that all live on; the cyclic garbage collector's
    # passes over them cost ~15 % of the parse and free nothing.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        plan = _parse_text(text, source, pages, confidence)
        if checks:
            finish(plan, spelling)
        return plan
    finally:
        if was_enabled:
            gc.enable()


def finish(plan: Plan, spelling: bool = False) -> None:
    """Numbers OCR read confirmed (or marked), the checks, and what the writers show computed
    once: declared vs computed, locations."""
    confirm(plan)
    plan.findings = run_checks(plan, spelling)
    plan.comparison = declared_vs_computed(plan)
    locate(plan)


def _parse_text(text: str, source: str, pages, confidence=None) -> Plan:
    forget_titles()
    forget_lines()
    lines, notes = normalise(text, pages, confidence)
    page_layout = layout(lines)
    plan = Plan(source=source, lines=lines, notes=notes, wrap_width=page_layout.wrap_width, text=page_layout.text,
                repairs={n.field: int(n.found) for n in notes if n.code == "TEXT_REPAIRED"})
    ocr_read = plan.ocr_read = confidence is not None and any(line.ocr is not None for line in lines)
    table = find_table(lines, page_layout.repeated, _years_for_ocr(lines, page_layout.text) if ocr_read else None)
    facts = plan_facts(lines)
    after = table.last_index + 1 if table.entries else 0
    edition = T.detect_edition(page_layout.text, facts["start_year"] or (table.years[0] if table.years else None))
    segmented = segment(lines, after=after, edition=edition)
    if not segmented.projects and not table.entries and not _looks_like_a_plan(lines):
        raise InputError("no plan found: it has neither project sections (ลำดับที่ N) "
                         "nor a summary table (ส่วนที่ 2)")
    plan.edition = edition.name
    plan.organisation, plan.district, plan.province = (facts["organisation"], facts["district"],
                                                       facts["province"])
    plan.start_year, plan.end_year = facts["start_year"], facts["end_year"]
    plan.fiscal_years = table.years or (list(range(plan.start_year, plan.end_year + 1))
                                        if plan.start_year and plan.end_year else [])
    years = (plan.fiscal_years[0], plan.fiscal_years[-1]) if plan.fiscal_years else None
    plan.dimensions = segmented.dimensions
    plan.projects = [extract(p, page_layout.wrap_width, years) for p in segmented.projects]
    plan.table, plan.declared = table.entries, table.declared
    plan.notes += table.notes + segmented.notes
    match(plan.table, plan.projects)
    part1 = lines[:_part1_end(table, segmented, lines)]
    plan.risks, plan.targets, plan.intro_lists = risk_register(part1), targets(part1), intro_lists(part1)
    match_measures([m for r in plan.risks for m in r.measures], plan.projects)
    plan.coverage, plan.unread = coverage(lines, table, segmented)
    return plan


def _years_for_ocr(lines: list[Line], text: str) -> list[int]:
    """The years given to a table header OCR cannot read (flagged OCR_UNCONFIRMED, and used only
    where the header has just as many year cells): the period the plan states most often, else
    the period of the edition its headings name."""
    period = common_period(lines)
    if period:
        return period
    first, last = T.detect_edition(text, None).period
    return list(range(first, last + 1))


def _part1_end(table: Table, segmented: Segmented, lines: list[Line]) -> int:
    """Index of the first line after Part 1: the summary table, else Part 3."""
    if table.first_line:
        return table.first_line - 1
    if segmented.part3_start:
        return segmented.part3_start - 1
    return len(lines)


def _looks_like_a_plan(lines: list[Line]) -> bool:
    """Part markers of the template: a plan we failed to read, not some other text."""
    return sum(1 for ln in lines if ln.text.startswith("ส่วนที่") and T.PART.match(ln.text)) >= 2


def coverage(lines: list[Line], table: Table, segmented: Segmented):
    """Per part, how many of its lines were read; and the runs of lines nothing read."""
    def counted(first: int, last: int) -> list[int]:
        return [ln.number for ln in lines[first - 1:last] if ln.text and not ln.furniture]

    parts = []
    part2_first = table.first_line or _marker_line(lines, "2")
    part3_first = segmented.part3_start or _marker_line(lines, "3")
    end = len(lines)
    if part2_first:
        last = table.last_line or ((part3_first - 1) if part3_first and part3_first > part2_first else end)
        numbers = counted(part2_first, last)
        read = sum(map(table.read.__contains__, numbers))
        parts.append(PartCoverage("part2", part2_first, last, len(numbers), read))
    if part3_first:
        last = segmented.part3_end or end
        numbers = counted(part3_first, last)
        read = sum(map(segmented.read.__contains__, numbers))
        parts.append(PartCoverage("part3", part3_first, last, len(numbers), read))
    unread = [(a, b, "part2") for a, b in table.unread] + [(a, b, "part3") for a, b in segmented.unread]
    return parts, unread


def _marker_line(lines: list[Line], part: str) -> int | None:
    """The line of a standalone ส่วนที่ N heading (not the table of contents or the foreword)."""
    for ln in lines:
        text = ln.text
        if text.startswith("ส่วนที่") and "\t" not in text and "ประกอบด้วย" not in text:
            m = T.PART.match(text)
            if m and m.group(1) == part and len(text) < 80:
                return ln.number
    return None


def locate(plan: Plan) -> None:
    """Where each finding is, for people: the PDF page and the line on it; for a Word file
    (no pages) the section it is in; otherwise the line."""
    lines = plan.lines  # line n is lines[n - 1]
    sections = sorted((p.line_start, p) for p in plan.projects)
    for f in plan.findings:
        line = lines[f.line - 1] if f.line and 0 < f.line <= len(lines) else None
        if f.page is not None and (line is None or line.page != f.page):
            f.location = f"หน้า {f.page}"  # a page nothing was read from (its text layer left out)
        elif line is not None and line.page is not None:
            f.page = line.page
            f.location = f"หน้า {line.page} บรรทัด {line.page_line}"
        elif line is not None and plan.kind == "docx":
            section = next((p for start, p in reversed(sections) if start <= line.number), None)
            f.location = (f"ลำดับที่ {section.seq_no}: {section.title[:40]}" if section and section.line_end >= line.number
                          else f"ย่อหน้า/แถวที่ {line.number}")
        elif line is not None:
            f.location = f"บรรทัด {line.number}"
