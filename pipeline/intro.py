"""Part 1 of the plan: cover facts, the risk-assessment table, the plan's objectives, goals and
benefits, and the targets table (ค่าเป้าหมาย by fiscal year)."""
from __future__ import annotations

import re

from .extract import list_items
from .model import ControlMeasure, IntroList, Line, RiskItem, Target
from .template import INTRO_LISTS as LIST_HEADINGS
from .template import ORGANISATION, PART, PERIOD, PLACE, RISK_TABLE_HEADER, TARGETS_HEADER

CELL_ITEM = re.compile(r"(?:^|(?<=\s))(\d{1,2})\.(?:\s+|$|(?=[\u0e01-\u0e2e\u0e40-\u0e44]))")
SECTION_HEADING = re.compile(r"^\d\.\s*\S")
TARGET_VALUE = re.compile(r"^(?P<pre>[^\d]*?)\s*(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<post>.*)$")
YEAR_CELL = re.compile(r"^(?:ปี\s*)?(?:พ\.ศ\.\s*)?(25\d\d)$")


def plan_facts(lines: list[Line], limit: int = 60) -> dict:
    facts = {"organisation": "", "district": "", "province": "", "start_year": None, "end_year": None}
    for line in lines[:limit]:
        text = line.text
        if not facts["organisation"] and (m := ORGANISATION.match(text)):
            facts["organisation"] = m.group(1)
        if not facts["district"] and (m := PLACE.search(text)):
            facts["district"], facts["province"] = m.group(1), m.group(2)
        if facts["start_year"] is None and (m := PERIOD.search(text)):
            facts["start_year"], facts["end_year"] = int(m.group(1)), int(m.group(2))
    return facts


def common_period(lines: list[Line]) -> list[int]:
    """The fiscal years the plan's periods state most often (Part 3 states one per section):
    where OCR cannot read the table's own years (Thai digits), these are its years."""
    from collections import Counter

    seen: Counter = Counter()
    for line in lines:
        if "25" in line.text and (m := PERIOD.search(line.text)):
            start, end = int(m.group(1)), int(m.group(2))
            if 2550 <= start < end <= start + 5:
                seen[(start, end)] += 1
    if not seen:
        return []
    (start, end), _ = seen.most_common(1)[0]
    return list(range(start, end + 1))


def cell_items(text: str) -> list[tuple[int | None, str]]:
    """Numbered items packed in one cell ("1. ... 2. ..."); unnumbered text is one item."""
    starts = list(CELL_ITEM.finditer(text))
    if not starts:
        return [(None, text.strip())] if text.strip() else []
    items = [(None, text[:starts[0].start()].strip())] if text[:starts[0].start()].strip() else []
    for k, m in enumerate(starts):
        end = starts[k + 1].start() if k + 1 < len(starts) else len(text)
        items.append((int(m.group(1)), text[m.end():end].strip()))
    return items


def risk_register(lines: list[Line]) -> list[RiskItem]:
    """The risk-assessment table: rows after a header naming Risk Score; a row whose first
    cell is empty continues the step above (the table ran over a page)."""
    risks: list[RiskItem] = []
    in_table = False
    step_no, step = None, ""
    for line in lines:
        if "\t" not in line.text:
            if line.text:
                in_table = False
            continue
        cells = [c.strip() for c in line.text.split("\t")] + [""] * 5
        if RISK_TABLE_HEADER.search(line.text):
            in_table = True
            continue
        if not in_table:
            continue
        if cells[0] or cells[1]:
            step_no = int(cells[0]) if cells[0].isdigit() else None
            step = cells[1] or step
        measures = [ControlMeasure(n, t, line.number) for n, t in cell_items(cells[4])]
        found = cell_items(cells[2])
        if risks and not cells[0] and _goes_on(found, measures, cells[3]):
            if cells[1]:
                risks[-1].step = f"{risks[-1].step} {cells[1]}"  # the step's name went on too
            _continue_row(risks, found, measures, line.number)  # the row went on over a page
            continue
        for number, text in found:
            risks.append(RiskItem(step_no, step, number, text, cells[3], measures, line.number))
    return risks


def _goes_on(found, measures, score: str) -> bool:
    """A row the page broke: its risks or measures start with unnumbered text (the end of the
    last item), or it holds measures and no risk."""
    return (bool(found) and found[0][0] is None) or (bool(measures) and measures[0].number is None) or (
        not found and not score and bool(measures))


def _continue_row(risks: list[RiskItem], found, measures: list[ControlMeasure], line: int) -> None:
    last = risks[-1]
    if found and found[0][0] is None:
        last.risk = f"{last.risk} {found.pop(0)[1]}".strip()
    shared = last.measures
    if measures and measures[0].number is None and shared:
        shared[-1].text = f"{shared[-1].text} {measures.pop(0).text}".strip()
    shared += measures
    for number, text in found:  # more risks of the same row share its measures
        risks.append(RiskItem(last.step_no, last.step, number, text, last.score, shared, line))


def intro_lists(lines: list[Line]) -> list[IntroList]:
    found: list[IntroList] = []
    current: IntroList | None = None
    body: list[Line] = []
    for line in lines:
        name = None if "\t" in line.text else next(
            (n for n, rx in LIST_HEADINGS.items() if rx.match(line.text)), None)
        # a list ends at the next heading, a table row, or the next part (ส่วนที่ 2)
        if name or (current and (SECTION_HEADING.match(line.text) or PART.match(line.text))) or "\t" in line.text:
            if current:
                _fill(current, body)
                current, body = None, []
        if name:
            current = IntroList(name, line.text, line.number)
            found.append(current)
        elif current and line.text:
            body.append(line)
    if current:
        _fill(current, body)
    return found


def _fill(target: IntroList, body: list[Line]) -> None:
    items = list_items(body)
    target.items = [i.text for i in items]
    target.item_lines = [i.line.number for i in items]


def targets(lines: list[Line]) -> list[Target]:
    out: list[Target] = []
    years: list[int] = []
    for line in lines:
        cells = [c.strip() for c in line.text.split("\t")]
        if "\t" not in line.text:
            years = [] if line.text else years
            continue
        if cells[0].startswith(TARGETS_HEADER):
            years = [int(m.group(1)) for c in cells[1:] if (m := YEAR_CELL.match(c))]
            continue
        if not years or not cells[0]:
            continue
        values, texts, unit = {}, {}, ""
        for year, cell in zip(years, cells[1:]):
            texts[year] = cell
            m = TARGET_VALUE.match(cell)
            values[year] = float(m.group("num").replace(",", "")) if m else None
            if m and not unit:
                unit = (m.group("pre") or m.group("post")).strip()
        out.append(Target(cells[0], unit, values, texts, line.number))
    return out
