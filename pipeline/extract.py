"""Stage 4: the values of each project's fields (lists, head count, fiscal years, budget)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Field, Line, Project

MARKER = re.compile(r"^(?:[-•·*]\s*)?(?:\((?P<paren>\d{1,2})\)|(?P<num>\d{1,2}(?:\.\d{1,2})*)\s*(?P<end>[.)]))\s*(?P<text>.*)$")
BULLET = re.compile(r"^[-•·*]\s*(.*)$")
OUTPUTS_HEADING = re.compile(r"^(?:\d{1,2}(?:\.\d)?\s*[.)]?\s*)?(?:ผลผลิต|ตัวชี้วัด)(?:\s*\(Output\))?\s*:?\s*(.*)$")
OUTCOMES_HEADING = re.compile(r"^(?:\d{1,2}(?:\.\d)?\s*[.)]?\s*)?(?:ผลลัพธ์|ผลที่คาดว่าจะได้รับ)(?:\s*\(Outcome\))?\s*:?\s*(.*)$")
HEAD_COUNT = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)\s*(คน|ราย|ท่าน)")
YEAR = re.compile(r"(?<!\d)(25\d\d)(?!\d)")
SHORT_YEARS = re.compile(r"(?:ปีงบประมาณ|พ\.ศ\.)\s*(\d{2})\s*(?:-|ถึง)\s*(\d{2})(?!\d)")
LATE_MONTH_YEAR = re.compile(r"(?:ตุลาคม|ต\.ค\.|พฤศจิกายน|พ\.ย\.|ธันวาคม|ธ\.ค\.)\s*(?:พ\.ศ\.)?\s*(25\d\d)")
NO_BUDGET = re.compile(r"ไม่(?:ได้)?(?:ใช้|มี|ต้องใช้)(?:จ่าย)?งบประมาณ|ไม่ใช้งบ|ไม่มีค่าใช้จ่าย|^-$|^ไม่มี$"
                       r"|^0(?:\.00)?\s*บาท$")
AMOUNT = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d{1,2})?(?:\.-)?\s*(ล้าน)?\s*(บาท)?")
YEAR_CONTEXT = re.compile(r"(?:พ\.ศ\.|ปี|ปีงบประมาณ)\s*$")


@dataclass
class Item:
    number: int | None  # the number written (None for an unnumbered paragraph or bullet)
    line: Line           # where the item starts
    text: str            # numbering removed; sub-items joined on with a space


def marker(text: str) -> tuple[str, int, int, str] | None:
    """(style, depth, number, text without the number) for a numbered list line."""
    m = MARKER.match(text)
    if not m:
        return None
    if m.group("paren"):
        return "(n)", 1, int(m.group("paren")), m.group("text").strip()
    parts = m.group("num").split(".")
    return "n" + m.group("end"), len(parts), int(parts[-1]), m.group("text").strip()


def list_items(lines: list[Line]) -> list[Item]:
    """Top-level items of a list. The first numbered line sets the top level's style ("1)",
    "1.", "(1)") and depth; lines of another style or depth (3.1), (1), bullets) are sub-items
    and stay inside the item above them. A switch between "1." and "1)" that continues the
    numbering is still top level (a sloppy list, not a nested one)."""
    content = [ln for ln in lines if ln.text]
    marks = [marker(ln.text) for ln in content]
    top = next((m for m in marks if m), None)
    if top is None:
        return [Item(None, ln, BULLET.match(ln.text).group(1).strip() if BULLET.match(ln.text) else ln.text)
                for ln in content]
    items: list[Item] = []
    last = 0
    for ln, m in zip(content, marks):
        is_top = m is not None and m[1] == top[1] and (
            m[0] == top[0] or ("(n)" not in (m[0], top[0]) and m[2] == last + 1))
        if is_top:
            items.append(Item(m[2], ln, m[3]))
            last = m[2]
        elif items and (m or BULLET.match(ln.text)):
            items[-1].text = f"{items[-1].text} {ln.text}".strip()  # a sub-item
        elif items:
            items[-1].text = join_wrapped([items[-1].text, ln.text])  # the item wrapped
        else:
            items.append(Item(None, ln, ln.text))
    return [i for i in items if i.text]


def split_items(lines: list[Line]) -> list[str]:
    """Top-level list items as text, numbering removed."""
    return [item.text for item in list_items(lines)]


def paragraphs(field: Field | None) -> str:
    return field.text if field else ""


def head_count(text: str) -> tuple[int | None, str]:
    found = HEAD_COUNT.findall(text)
    if not found:
        return None, ""
    return sum(int(n.replace(",", "")) for n, _ in found), found[0][1]


def fiscal_years(text: str) -> tuple[int | None, int | None]:
    years = [int(y) for y in YEAR.findall(text)]
    late = {int(y) for y in LATE_MONTH_YEAR.findall(text)}
    # Oct-Dec belong to the next fiscal year (the Thai fiscal year starts 1 October)
    years = [y + 1 if y in late else y for y in years]
    if not years:
        short = SHORT_YEARS.search(text)
        if short:
            years = [2500 + int(short.group(1)), 2500 + int(short.group(2))]
    if not years:
        return None, None
    return years[0], years[-1]


def budget_amount(text: str) -> tuple[float | None, bool]:
    """(baht, written with its unit). 0 when the text says no budget; None when no amount."""
    flat = " ".join(text.split())
    if not flat:
        return None, True
    if NO_BUDGET.search(flat):
        return 0.0, True
    candidates = []
    for m in AMOUNT.finditer(flat):
        digits = m.group(1).replace(",", "")
        value = float(digits + (m.group(2) or ""))
        if m.group(3):
            value *= 1_000_000
        is_year = len(digits) == 4 and digits.startswith("25") and not m.group(4)
        if is_year and (YEAR_CONTEXT.search(flat[:m.start()]) or "," not in m.group(1)):
            continue
        candidates.append((value, bool(m.group(4) or m.group(3))))
    with_unit = [c for c in candidates if c[1]]
    if with_unit:
        return with_unit[0][0], True
    if candidates:
        return candidates[0][0], False
    return None, True


def split_results(field: Field | None) -> tuple[list[Line], list[Line]]:
    if field is None:
        return [], []
    outputs: list[Line] = []
    outcomes: list[Line] = []
    target = outputs
    lines = list(field.lines)
    if field.inline:
        lines.insert(0, Line(field.heading_line, field.inline, field.inline))
    for ln in lines:
        o = OUTPUTS_HEADING.match(ln.text)
        c = OUTCOMES_HEADING.match(ln.text)
        if c:
            target = outcomes
            rest = c.group(1)
        elif o and target is outputs:
            rest = o.group(1)
        else:
            target.append(ln)
            continue
        if rest:
            target.append(Line(ln.number, ln.raw, rest))
    return outputs, outcomes


def extract(project: Project) -> Project:
    f = project.fields
    title = f.get("title")
    if title:
        project.title = join_wrapped([title.inline] + [ln.text for ln in title.lines]).strip()
    project.rationale = paragraphs(f.get("rationale"))
    project.items["objectives"] = list_items(_content(f.get("objectives")))
    project.objectives = [i.text for i in project.items["objectives"]]
    project.target_group = paragraphs(f.get("target_group"))
    project.target_count, project.target_unit = head_count(project.target_group)
    project.items["methods"] = list_items(_content(f.get("methods")))
    project.methods = [i.text for i in project.items["methods"]]
    project.period_text = paragraphs(f.get("period"))
    project.start_year, project.end_year = fiscal_years(project.period_text)
    project.budget_text = paragraphs(f.get("budget"))
    project.budget_baht, project.budget_has_unit = budget_amount(project.budget_text)
    project.responsible = paragraphs(f.get("responsible"))
    outputs, outcomes = split_results(f.get("results"))
    project.items["outputs"], project.items["outcomes"] = list_items(outputs), list_items(outcomes)
    project.outputs = [i.text for i in project.items["outputs"]]
    project.outcomes = [i.text for i in project.items["outcomes"]]
    return project


def join_wrapped(parts: list[str]) -> str:
    """Join the pieces of a wrapped line: Thai wraps inside a phrase, so Thai meets Thai with no
    space; a piece that already ends in a space (a break at a space) keeps just that one."""
    out = ""
    for part in (p.lstrip() for p in parts):
        if not part.strip():
            continue
        if not out or out.endswith(" ") or (_THAI.match(out[-1]) and _THAI.match(part[0])):
            out += part
        else:
            out = f"{out} {part}"
    return out


_THAI = re.compile("[\u0e01-\u0e4f]")  # Thai letters and marks, not Thai digits


def _content(field: Field | None) -> list[Line]:
    if field is None:
        return []
    lines = list(field.lines)
    if field.inline:
        lines.insert(0, Line(field.heading_line, field.inline, field.inline))
    return lines
