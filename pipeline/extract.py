"""Stage 4: the values of each project's fields (lists, head count, fiscal years, budget), mapped
onto the same columns whatever the edition (2561-2564: เป้าหมาย/ผลผลิต -> target group and
outputs, ตัวชี้วัด/ผลลัพธ์ -> outcomes, พื้นที่ดำเนินการ -> area)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import template as T
from .model import Field, Line, Project
from .thai import display_width, join_wrapped, starts_alike

MARKER = re.compile(r"^(?:[-•·*]\s*)?(?:\((?P<paren>\d{1,2})\)|(?P<num>\d{1,2}(?:\.\d{1,2})*)\s*(?P<end>[.)])(?!\d)"
                    r"|(?P<dotted>\d{1,2}\.\d{1,2})(?=\s))\s*")
BULLET = re.compile(r"^[-•·*]\s*(.*)$")
_MARKER_STARTS = tuple("-•·*(0123456789")  # what a MARKER starts with
OUTPUTS_HEADING = re.compile(rf"^(?:\d{{1,2}}(?:\.\d)?\s*[.)]?\s*)?(?:{'|'.join(T.OUTPUT_WORDS)})"
                             r"(?:\s*\((?:Output)s?\))?\s*:?\s*(.*)$")
OUTCOMES_HEADING = re.compile(rf"^(?:\d{{1,2}}(?:\.\d)?\s*[.)]?\s*)?(?:{'|'.join(T.OUTCOME_WORDS)})"
                              r"(?:\s*\((?:Outcome)s?\))?\s*:?\s*(.*)$")
_RESULTS_WORD = re.compile("|".join(T.OUTPUT_WORDS + T.OUTCOME_WORDS))
_UNITS = "|".join(T.HEAD_COUNT_UNITS)
HEAD_COUNT = re.compile(rf"(\d{{1,3}}(?:,\d{{3}})+|\d+)\s*({_UNITS})(?!ละ)")
TOTAL_COUNT = re.compile(rf"(?:รวม|ทั้งหมด|ทั้งสิ้น)\s*(?:จำนวน)?\s*(\d{{1,3}}(?:,\d{{3}})+|\d+)\s*({_UNITS})(?!ละ)")
EACH_COUNT = re.compile(rf"(\d[\d,]*)\s*[\u0e01-\u0e4e]+?\s*(?:ๆ\s*)?ละ\s*(\d[\d,]*)\s*({_UNITS})")
_PARENS = re.compile(r"\([^()]*\)")
YEAR = re.compile(r"(?<!\d)(25\d\d)(?!\d)")
YEAR_RANGE = re.compile(r"(?<!\d)(25\d\d)(?!\d)[^0-9]{0,40}?(?:-|ถึง|จนถึง)\s*(?:[^\d\s]+\s*){0,3}(25\d\d)(?!\d)")
SHORT_YEARS = re.compile(r"(?:ปีงบประมาณ|พ\.ศ\.)\s*(\d{2})\s*(?:-|ถึง)\s*(\d{2})(?!\d)")
LATE_MONTH_YEAR = re.compile(rf"(?:{T.LATE_MONTHS})\s*(?:พ\.ศ\.)?\s*(25\d\d)")
OTHER_YEAR = re.compile(r"(?:ระเบียบ|พระราชบัญญัติ|พ\.ร\.บ\.|ประกาศ|คำสั่ง|ฉบับที่|กฎหมาย|แก้ไขเพิ่มเติม)[^0-9]{0,60}?"
                        r"(?:พ\.ศ\.|ปี)\s*(25\d\d)")
AMOUNT = re.compile(rf"(?<![\d.,])(\d{{1,3}}(?:,\d{{3}})+|\d{{1,3}}(?: \d{{3}})+(?=\s*(?:{T.MILLION})?\s*{T.BAHT})|\d+)"
                    rf"(\.\d{{1,2}}(?!\d)|\.\d+(?=\s*{T.MILLION}))?(?:\.-|\s*-(?=\s*{T.BAHT}))?\s*({T.MILLION})?\s*({T.BAHT})?")
YEAR_CONTEXT = re.compile(r"(?:พ\.ศ\.|ปี|ปีงบประมาณ)\s*$")
YEAR_AMOUNT = re.compile(rf"(?:ปี(?:งบประมาณ)?\s*(?:พ\.ศ\.)?\s*)(25\d\d)\s*(?:[:=]|จำนวน|งบประมาณ)?\s*"
                         rf"(\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d{{1,2}})?\s*{T.BAHT}")


@dataclass
class Item:
    number: int | None  # the number written (None for an unnumbered paragraph or bullet)
    line: Line           # where the item starts
    text: str            # numbering removed; sub-items joined on with a space


def marker(text: str) -> tuple[str, int, int, str] | None:
    """(style, depth, number, text without the number) for a numbered list line."""
    m = MARKER.match(text) if text.startswith(_MARKER_STARTS) else None  # (most lines are prose)
    if m is None:
        return None
    paren, num, end, dotted = m.groups()
    rest = text[m.end():].rstrip()
    if paren:
        return "(n)", 1, int(paren), rest
    if dotted:  # 1.1, 2.1, 3.1 (items numbered by the first part) or 1.1, 1.2 (by the last)
        first, last = (int(x) for x in dotted.split("."))
        return "n.n", 2, first if last == 1 else last, rest
    parts = num.split(".")
    return "n" + end, len(parts), int(parts[-1]), rest


def list_items(lines: list[Line], wrap_width: int | None = None) -> list[Item]:
    """Top-level items of a list. The first numbered line sets the top level's style ("1)",
    "1.", "(1)") and depth; lines of another style or depth (3.1), (1), bullets) are sub-items
    and stay inside the item above them. A switch between "1." and "1)" that continues the
    numbering is still top level (a sloppy list, not a nested one). Dotted numbers 1.1, 2.1, 3.1
    whose last part stays 1 are top-level items numbered by their first part."""
    content = [ln for ln in lines if ln.text]
    marks = [marker(ln.text) if ln.text.startswith(_MARKER_STARTS) else None for ln in content]
    top = next((m for m in marks if m), None)
    if top is None:  # paragraphs (a wrapped one joined back) or bullets
        return [Item(None, first, BULLET.match(text).group(1).strip() if BULLET.match(text) else text)
                for first, text in paragraphs(content, wrap_width)]
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


def paragraphs(lines: list[Line], wrap_width: int | None = None) -> list[tuple[Line, str]]:
    """(first line, text) of each paragraph. In a hard-wrapped text a line that reaches the wrap
    width continues on the next one and is joined back (Thai meets Thai with no space)."""
    out: list[tuple[Line, str]] = []
    joined = False
    for ln in lines:
        if not ln.text:
            joined = False
            continue
        if joined and out and not MARKER.match(ln.text) and not BULLET.match(ln.text) \
                and not starts_alike(out[-1][1], ln.text):
            out[-1] = (out[-1][0], join_wrapped([out[-1][1], ln.text]))
        else:
            out.append((ln, ln.text))
        joined = bool(wrap_width) and display_width(ln.text) >= 0.65 * wrap_width
    return out


def prose(lines: list[Line], wrap_width: int | None = None) -> str:
    """Paragraphs joined by newlines."""
    return "\n".join(text for _, text in paragraphs(lines, wrap_width))


def head_count(text: str) -> tuple[int | None, str]:
    """The head count of a target group: a stated total (รวม 65 คน) wins; else `10 หมู่บ้าน ๆ ละ
    5 คน` multiplied out; else every count outside parentheses (breakdowns) added up."""
    total = TOTAL_COUNT.findall(text)
    if total:
        return int(total[-1][0].replace(",", "")), total[-1][1]
    each = EACH_COUNT.search(text)
    if each:
        return int(each.group(1).replace(",", "")) * int(each.group(2).replace(",", "")), each.group(3)
    outside = _PARENS.sub(" ", text)
    found = HEAD_COUNT.findall(outside) or HEAD_COUNT.findall(text)
    if not found:
        return None, ""
    return sum(int(n.replace(",", "")) for n, _ in found), found[0][1]


def fiscal_years(text: str, plan: tuple[int, int] | None = None) -> tuple[int | None, int | None]:
    """First and last fiscal year of a period. October-December count for the next fiscal year;
    the year of a regulation or an order named in the text is not the period's."""
    late = {int(y) for y in LATE_MONTH_YEAR.findall(text)}
    others = {int(y) for y in OTHER_YEAR.findall(text)}

    def fiscal(y: int) -> int:
        return y + 1 if y in late else y
    span = YEAR_RANGE.search(text)
    if span and int(span.group(1)) not in others:
        return fiscal(int(span.group(1))), fiscal(int(span.group(2)))
    years = [fiscal(int(y)) for y in YEAR.findall(text) if int(y) not in others]
    if plan and any(plan[0] <= y <= plan[1] for y in years):
        years = [y for y in years if plan[0] <= y <= plan[1]]
    if not years:
        short = SHORT_YEARS.search(text)
        if short:
            years = [2500 + int(short.group(1)), 2500 + int(short.group(2))]
    if not years:
        return None, None
    return min(years), max(years)


def budget_amount(text: str) -> tuple[float | None, bool]:
    """(baht, written with its unit). 0 when the text says no budget; None when no amount. An
    itemised budget gives its total (รวม 5,000 บาท)."""
    flat = " ".join(text.split())
    if not flat:
        return None, True
    if T.NO_BUDGET.search(flat) or T.NO_BUDGET.search(flat.replace(" ", "")):
        return 0.0, True
    candidates = []
    for m in AMOUNT.finditer(flat):
        digits = m.group(1).replace(",", "").replace(" ", "")
        value = float(digits + (m.group(2) or ""))
        if m.group(3):
            value *= 1_000_000
        is_year = len(digits) == 4 and digits.startswith("25") and not m.group(4) and not m.group(3)
        if is_year and (YEAR_CONTEXT.search(flat[:m.start()]) or "," not in m.group(1)):
            continue
        total = bool(T.ITEMISED_TOTAL.search(flat[max(0, m.start() - 30):m.start()]))
        candidates.append((value, bool(m.group(4) or m.group(3)), total))
    with_unit = [c for c in candidates if c[1]]
    totals = [c for c in with_unit if c[2]]
    if totals:
        return totals[-1][0], True
    if with_unit:
        return with_unit[0][0], True
    if candidates:
        return candidates[0][0], False
    return None, True


def budget_by_year(text: str) -> dict[int, float]:
    """Amounts stated per fiscal year (ปี 2566 10,000 บาท ปี 2567 20,000 บาท), when there are two or more."""
    found = {int(y): float(a.replace(",", "")) for y, a in YEAR_AMOUNT.findall(" ".join(text.split()))}
    return found if len(found) >= 2 else {}


def split_results(lines: list[Line]) -> tuple[list[Line], list[Line], bool]:
    """(outputs, outcomes, whether any sub-heading was found) of a results field."""
    outputs: list[Line] = []
    outcomes: list[Line] = []
    target = outputs
    found = False
    for ln in lines:
        # (one search for their words first: most lines hold neither)
        o = c = None
        if _RESULTS_WORD.search(ln.text):
            o, c = OUTPUTS_HEADING.match(ln.text), OUTCOMES_HEADING.match(ln.text)
        if c:
            target, rest, found = outcomes, c.group(1), True
        elif o and target is outputs:
            rest, found = o.group(1), True
        else:
            target.append(ln)
            continue
        if rest:
            target.append(Line(ln.number, ln.raw, rest, ln.page, ln.page_line))
    return outputs, outcomes, found


def extract(project: Project, wrap_width: int | None = None, plan_years: tuple[int, int] | None = None) -> Project:
    f = project.fields
    title = f.get("title")
    if title:
        project.title = join_wrapped([title.inline] + [ln.text for ln in title.lines]).strip()
    project.rationale = prose(content(f.get("rationale")), wrap_width)
    _list(project, "objectives", content(f.get("objectives")), wrap_width)
    group = f.get("target_group") or f.get("goals")
    project.target_group = prose(content(group), wrap_width)
    project.target_count, project.target_unit = head_count(project.target_group)
    project.area = prose(content(f.get("area")), wrap_width)
    _list(project, "methods", content(f.get("methods")), wrap_width)
    project.period_text = prose(content(f.get("period")), wrap_width)
    project.start_year, project.end_year = fiscal_years(project.period_text, plan_years)
    project.budget_text = prose(content(f.get("budget")), wrap_width)
    project.budget_baht, project.budget_has_unit = budget_amount(project.budget_text)
    project.budget_by_year = budget_by_year(project.budget_text)
    if len(set(project.budget_by_year.values())) > 1:
        project.budget_baht = None  # no one yearly amount: compared year by year
    project.responsible = prose(content(f.get("responsible")), wrap_width)
    results = f.get("results") or f.get("indicators")
    outputs, outcomes, split = split_results(content(results))
    if results is not None and results.key == "indicators" and not split:
        outputs, outcomes = [], outputs  # ตัวชี้วัด/ผลลัพธ์ with no sub-headings: all outcomes
    if "goals" in f and not outputs:
        outputs = content(f["goals"])  # เป้าหมาย/ผลผลิต: the outputs of the older edition
    _list(project, "outputs", outputs, wrap_width)
    _list(project, "outcomes", outcomes, wrap_width)
    return project


def _list(project: Project, name: str, lines: list[Line], wrap_width: int | None = None) -> None:
    project.items[name] = list_items(lines, wrap_width)
    setattr(project, name, [i.text for i in project.items[name]])


def content(field: Field | None) -> list[Line]:
    """The field's lines, the text on its heading line first."""
    if field is None:
        return []
    lines = list(field.lines)
    if field.inline:
        lines.insert(0, Line(field.heading_line, field.inline, field.inline))
    return lines
