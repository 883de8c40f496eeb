"""Stage 3: Part 3 of the plan -> dimensions, missions, sub-missions and project sections.

Like a markdown block parser: each rule recognises one construct on one line; the first rule
that accepts a line wins; anything else is content of the current field.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import FIELD_KEYS, Dimension, Field, Line, Mission, Project, SubMission

DIMENSION = re.compile(r"^มิติ(?:ที่)?\s*(\d)\b\s*[.:]?\s*(.*)$")
MISSION = re.compile(r"^(\d)\.(\d{1,2})\.?\s+([^\d\s].*)$")
SUBMISSION = re.compile(r"^(\d)\.(\d{1,2})\.(\d{1,2})\.?\s+([^\d\s].*)$")
SECTION = re.compile(r"^ลำดับที่\s*(\d{1,4})\s*[.:)]?\s*$")
PART = re.compile(r"^ส่วนที่\s*(\d)\s*$")
END_OF_PLAN = re.compile(r"^(?:ภาคผนวก|ส่วนที่\s*[4-9])\b")
NOISE = re.compile(r"^(?:#{3,}|[-=_*.]{3,}|-?\s*\d{1,3}\s*-?|หน้า\s*\d{1,3}|\(\s*\d{1,3}\s*\))$")

FIELD_PHRASES = {
    "title": r"ชื่อ(?:โครงการ|กิจกรรม|มาตรการ)(?:\s*/\s*(?:กิจกรรม|มาตรการ|โครงการ))*",
    "rationale": r"หลักการ(?:และ)?เหตุผล(?:\s*/\s*(?:ที่มาของโครงการ|ความเป็นมา|ที่มา))?",
    "objectives": r"วัตถุประสงค์(?:ของโครงการ)?",
    "target_group": r"กลุ่มเป้าหมาย(?:/พื้นที่ดำเนินการ)?",
    "methods": r"วิธี(?:การ)?ดำเนิน(?:การ|งาน)",
    "period": r"ระยะเวลา(?:ใน)?(?:การ)?(?:ดำเนิน(?:การ|งาน))?",
    "budget": r"งบประมาณ(?:ดำเนินการ|ที่ใช้ในการดำเนินการ|ที่ใช้ในการดำเนินงาน|ที่ดำเนินการ|ที่ใช้)?",
    "responsible": r"(?:ผู้รับผิดชอบ(?:โครงการ)?|หน่วยงาน(?:ที่)?รับผิดชอบ)",
    "results": r"(?:ผลผลิต\s*[/,]\s*ผลลัพธ์|ตัวชี้วัด\s*[/,]\s*ผลลัพธ์|ผลที่คาดว่าจะได้รับ"
               r"|ตัวชี้วัด|ผลผลิต)",
}
_ALTS = "|".join(f"(?P<{key}>{phrase})" for key, phrase in FIELD_PHRASES.items())
FIELD_HEADING = re.compile(rf"^(?:(?P<num>\d{{1,2}})\s*[.)]\s*)?(?:{_ALTS})(?P<sep>\s*)(?P<rest>.*)$")
_PHRASE_ONLY = re.compile(rf"(?:{_ALTS})")
VALUE_FIELDS = ("target_group", "period", "budget")
# first characters each construct can start with: most lines are prose, rejected by one lookup
_NOISE_FIRST = set("#-=_*.(ห0123456789")
_DIGITS = set("0123456789")
_PHRASE_STARTS = ("ชื่อ", "หลักการ", "วัตถุ", "กลุ่มเป้า", "วิธี", "ระยะ", "งบประมาณ", "ผู้รับ", "หน่วยงาน",
                  "ผลผลิต", "ตัวชี้", "ผลที่")
# unnumbered headings are accepted only when the line is the whole phrase (bare ผลผลิต is the
# sub-heading inside field 9, not a field)
_UNNUMBERED_EXCLUDED = re.compile(r"^(?:ผลผลิต|ตัวชี้วัด)\s*:?\s*$")


@dataclass
class Segmented:
    dimensions: list[Dimension] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    part3_start: int | None = None


def match_field_heading(text: str) -> tuple[str, int | None, str, str] | None:
    """(key, written number, heading phrase, rest of line) when the line opens a field."""
    m = FIELD_HEADING.match(text)
    if not m:
        return None
    key = next(k for k in FIELD_PHRASES if m.group(k))
    num = int(m.group("num")) if m.group("num") else None
    rest = m.group("rest").strip()
    if rest.startswith(":"):
        rest = rest[1:].strip()
    elif rest and not (key == "title" or (num is not None and m.group("sep"))):
        return None  # the phrase runs on into a sentence: not a heading
    if num is None and _UNNUMBERED_EXCLUDED.match(text):
        return None
    return key, num, m.group(key), rest


def find_part3_start(lines: list[Line], after: int = 0) -> int | None:
    """Index of the first line of Part 3: its heading, else its first dimension or section."""
    first_section = next((i for i, ln in enumerate(lines) if i >= after and "\t" not in ln.text
                          and SECTION.match(ln.text)), None)
    if first_section is None:
        return None
    for i in range(first_section - 1, after - 1, -1):
        if PART.match(lines[i].text) and lines[i].text.endswith("3"):
            return i
    for i in range(after, first_section):
        text = lines[i].text
        if DIMENSION.match(text) and "\t" not in text and "โครงการ" not in text:
            return i
    start = first_section  # no heading: take in the mission headings right above the section
    while start > after and (not lines[start - 1].text or MISSION.match(lines[start - 1].text)
                             or SUBMISSION.match(lines[start - 1].text)):
        start -= 1
    return start


class _State:
    def __init__(self) -> None:
        self.out = Segmented()
        self.dimension: Dimension | None = None
        self.mission: Mission | None = None
        self.submission: SubMission | None = None
        self.project: Project | None = None
        self.field: Field | None = None

    def field_index(self) -> int:
        return FIELD_KEYS.index(self.field.key) if self.field else -1


def _close_project(state: _State) -> None:
    project = state.project
    if project is None:
        return
    content = [ln.number for ln in project.lines if ln.text]
    project.line_end = content[-1] if content else project.line_start
    state.project = None
    state.field = None


_END_FIRST = ("ภ", "ส")


def rule_noise(line: Line, state: _State) -> bool:
    first = line.text[:1]
    if not first or (first == "ส" and PART.match(line.text)):
        return True
    if first not in _NOISE_FIRST:
        return False
    # a bare small number is a page number, except where a field may hold just a number
    in_value_field = state.field is not None and state.field.key in VALUE_FIELDS
    return bool(NOISE.match(line.text)) and not in_value_field


def rule_dimension(line: Line, state: _State) -> bool:
    m = DIMENSION.match(line.text) if line.text[:1] == "ม" else None
    if not m or "\t" in line.text:
        return False
    _close_project(state)
    state.dimension = Dimension(int(m.group(1)), m.group(2).strip(), line.number, line.raw.strip())
    state.out.dimensions.append(state.dimension)
    state.mission = state.submission = None
    return True


def _heading_allowed(state: _State) -> bool:
    # inside a section only after its responsible/results fields: earlier, "2.1 ..." is a list item
    return state.project is None or state.field_index() >= FIELD_KEYS.index("responsible")


def rule_submission(line: Line, state: _State) -> bool:
    m = SUBMISSION.match(line.text) if line.text[:1] in _DIGITS else None
    if not m or not _heading_allowed(state):
        return False
    dim, mis, sub = (int(g) for g in m.groups()[:3])
    if not _dimension_fits(state, dim, mis):
        return False
    code = f"{dim}.{mis}.{sub}"
    if state.submission and _code_key(code) <= _code_key(state.submission.code):
        return False
    mission_code = f"{dim}.{mis}"
    if state.mission is None or state.mission.code != mission_code:
        if state.mission and _code_key(mission_code) < _code_key(state.mission.code):
            return False
        _open_mission(state, mission_code, "", line.number)
    _close_project(state)
    state.submission = SubMission(code, m.group(4).strip(), line.number)
    state.mission.submissions.append(state.submission)
    return True


def rule_mission(line: Line, state: _State) -> bool:
    m = MISSION.match(line.text) if line.text[:1] in _DIGITS else None
    if not m or not _heading_allowed(state) or not re.search("[\u0e00-\u0e7f]", m.group(3)):
        return False
    dim, mis = int(m.group(1)), int(m.group(2))
    if not _dimension_fits(state, dim, mis):
        return False
    code = f"{dim}.{mis}"
    if state.mission and _code_key(code) <= _code_key(state.mission.code):
        return False
    _close_project(state)
    _open_mission(state, code, m.group(3).strip(), line.number)
    return True


def _dimension_fits(state: _State, dim: int, mis: int) -> bool:
    """A mission code belongs to the current dimension, or opens the next one when that
    dimension's heading is missing (its first mission, N.1, follows dimension N-1)."""
    return state.dimension is None or dim == state.dimension.number or (
        dim == state.dimension.number + 1 and mis == 1)


def _open_mission(state: _State, code: str, title: str, line: int) -> None:
    number = int(code.split(".")[0])
    if state.dimension is None or state.dimension.number != number:
        # no มิติที่ heading for this dimension: opened from its mission code, and reported
        state.dimension = Dimension(number, "", line, heading_raw="")
        state.out.dimensions.append(state.dimension)
    state.mission = Mission(code, title, line)
    state.dimension.missions.append(state.mission)
    state.submission = None


def _code_key(code: str) -> tuple[int, ...]:
    return tuple(int(p) for p in code.split("."))


def rule_section(line: Line, state: _State) -> bool:
    m = SECTION.match(line.text) if line.text[:1] == "ล" else None
    if not m:
        return False
    _close_project(state)
    order = len(state.out.projects) + 1
    project = Project(order=order, seq_no=int(m.group(1)), seq_text=line.raw.strip(),
                      line_start=line.number, line_end=line.number)
    if state.dimension:
        project.dimension_no = state.dimension.number
    if state.mission:
        project.mission_code = state.mission.code
        (state.submission or state.mission).projects.append(project)
    if state.submission:
        project.submission_code = state.submission.code
    state.out.projects.append(project)
    state.project = project
    return True


def rule_field_heading(line: Line, state: _State) -> bool:
    if state.project is None:
        return False
    text = line.text
    found = match_field_heading(text) if _may_be_heading(text) else None
    if found is None:
        glued = _glued_heading(line.text)
        if glued and FIELD_KEYS.index(glued[0]) > state.field_index() and state.field is not None:
            key, num, phrase, before = glued
            state.field.lines.append(Line(line.number, line.raw, before))
            _open_field(state, key, num, phrase, "", line)
            return True
        return False
    key, num, phrase, rest = found
    if FIELD_KEYS.index(key) <= state.field_index():
        return False
    _open_field(state, key, num, phrase, rest, line)
    return True


_NUMBER_PREFIX = re.compile(r"\d{1,2}\s*[.)]\s*")


def _may_be_heading(text: str) -> bool:
    """A cheap test before the full heading pattern: most numbered lines are list items."""
    if text[:1] in _DIGITS:
        m = _NUMBER_PREFIX.match(text)
        return bool(m) and text.startswith(_PHRASE_STARTS, m.end())
    return text.startswith(_PHRASE_STARTS)


def _glued_heading(text: str) -> tuple[str, int, str, str] | None:
    """A numbered field heading at the end of a line of text (`… ของเทศบาลตำบล 4. กลุ่มเป้าหมาย`)."""
    dot = text.rfind(".")
    if dot < 2 or not text[dot - 1].isdigit():
        return None
    head = _PHRASE_ONLY.fullmatch(text[dot + 1:].strip().rstrip(":").strip())
    if not head:
        return None
    num = re.search(r"\s(\d{1,2})\s*$", text[:dot])
    if not num or not text[:num.start()].strip():
        return None
    key = next(k for k in FIELD_PHRASES if head.group(k))
    return key, int(num.group(1)), head.group(key), text[:num.start()].strip()


def _open_field(state: _State, key: str, num: int | None, phrase: str, rest: str, line: Line):
    state.field = Field(key, num, phrase, line.number, inline=rest)
    state.project.fields[key] = state.field
    state.project.lines.append(line)


def rule_content(line: Line, state: _State) -> bool:
    if state.project is None:
        return True  # text between headings (e.g. a wrapped heading) carries no data
    state.project.lines.append(line)
    if state.field is not None:
        state.field.lines.append(line)
    return True


# (rule, the first characters of the lines it can accept; None: any line)
RULES = [
    (rule_noise, _NOISE_FIRST | {"", "ส"}),
    (rule_dimension, {"ม"}),
    (rule_submission, _DIGITS),
    (rule_mission, _DIGITS),
    (rule_section, {"ล"}),
    (rule_field_heading, None),
    (rule_content, None),
]


def _rules_for(first: str, cache: dict) -> list:
    """The rules worth trying on a line, by its first character (most lines are prose)."""
    if first not in cache:
        cache[first] = [rule for rule, firsts in RULES if firsts is None or first in firsts]
    return cache[first]


def segment(lines: list[Line], after: int = 0) -> Segmented:
    state = _State()
    start = find_part3_start(lines, after)
    state.out.part3_start = lines[start].number if start is not None else None
    if start is None:
        return state.out
    cache: dict = {}
    special = {f for rule, firsts in RULES if firsts for f in firsts} | set(_END_FIRST)
    for line in lines[start:]:
        text = line.text
        if not text:
            continue  # blank lines carry nothing (rule_noise would drop them too)
        first = text[:1]
        if (first not in special and state.field is not None and "." not in text
                and not text.startswith(_PHRASE_STARTS)):
            state.project.lines.append(line)  # plain prose inside a field: the common case, inlined
            state.field.lines.append(line)
            continue
        if first in _END_FIRST and END_OF_PLAN.match(text):
            break
        for rule in _rules_for(first, cache):
            if rule(line, state):
                break
    _close_project(state)
    return state.out
