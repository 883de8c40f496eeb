"""Stage 3: Part 3 of the plan -> dimensions, missions, sub-missions and project sections.

Like a markdown block parser: each rule recognises one construct on one line; the first rule
that accepts a line wins; anything else is content of the current field. The structure is
anchored on numbering:
- sections on ลำดับที่ N and its variants (matched fuzzily on the line without spaces), or on a
  title heading when a section has no marker;
- fields on their number in the template's order, with their words matched against the
  edition's wordings (template.py; one typo allowed); a numbered heading with the expected next
  number is a field boundary even when its words are unknown;
- dimension, mission and sub-mission headings only where the structure allows them: between
  sections (at a section's last fields, and followed by a section or another heading) with a
  code that fits the current dimension, never inside a field's list.
Every line is accounted for: read, page furniture, or reported as unread (UNREAD_TEXT).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from . import template as T
from .findings import finding
from .model import Dimension, Field, Finding, Line, Mission, Project, SubMission
from .thai import join_wrapped, squeeze, squeezed_end


@dataclass
class Segmented:
    dimensions: list[Dimension] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    part3_start: int | None = None     # line number
    part3_end: int | None = None       # last line read as Part 3 (before an appendix)
    notes: list[Finding] = field(default_factory=list)
    read: set[int] = field(default_factory=set)          # line numbers some rule read
    unread: list[tuple[int, int]] = field(default_factory=list)  # runs of lines nothing read


class Heading(NamedTuple):
    """A field heading found on a line (a named tuple: made for every heading line, and shared
    by the cache; a frozen dataclass costs several times more to make)."""
    key: str
    number: int | None   # the number written before it
    words: str           # the heading's words as written
    rest: str            # text after the heading on the same line (the title, an inline value)
    fuzzy: bool = False  # the words matched only with one typo
    style: str = ""      # how the number is written: "#.", "#)", "(#)", "#", "ข้อ #"


@dataclass
class _PartTitle:
    """The heading of Part 3, whose title may continue on the lines below it."""
    title: str


# --- recognising headings -------------------------------------------------------------------------

@lru_cache(maxsize=8192)  # headings repeat word for word in every section
def match_field_heading(text: str, edition: T.Edition = T.DEFAULT_EDITION, fuzzy: bool = False,
                        ) -> Heading | None:
    """The field heading a line opens, if any: its number (optional), its words (one of the
    edition's wordings, compared without spaces; with `fuzzy`, one typo allowed) and the rest."""
    number, start = _field_number(text)
    body = text[start:]
    style = text[:start].strip().replace(str(number), "#") if number is not None else ""
    words = squeeze(body[:80])
    found = _exact_words(words, edition) if words.startswith(T.HEADING_PREFIXES) else None
    used_fuzzy = False
    if found is None and fuzzy and number is not None:
        found = _fuzzy_words(words.split(":", 1)[0], edition)  # the heading's words (a title follows a colon)
        used_fuzzy = found is not None
    if found is None:
        return None
    key, length = found
    end = squeezed_end(body, length)
    rest = body[end:]
    stripped = rest.strip()
    if stripped.startswith(":"):
        stripped = stripped[1:].strip()
    elif stripped and not (rest[:1].isspace() and (number is not None or key == "title")):
        return None  # the phrase runs on into a sentence: not a heading
    if number is None and (T.SUBHEADING_ONLY.match(text) or (stripped and ":" not in rest and key != "title")):
        return None
    return Heading(key, number, body[:end].strip(), stripped, used_fuzzy, style)


def _exact_words(words: str, edition: T.Edition) -> tuple[str, int] | None:
    m = T.heading_words(edition.name).match(words)
    if not m:
        return None
    return m.lastgroup, m.end()


def _fuzzy_words(words: str, edition: T.Edition) -> tuple[str, int] | None:
    if len(words) > T.FUZZY_MAX_LENGTH or words[:2] not in T.FUZZY_STARTS:
        return None
    m = T.fuzzy_words(edition.name).match(words)
    return (m.lastgroup, m.end()) if m else None


@lru_cache(maxsize=8192)
def _field_number(text: str) -> tuple[int | None, int]:
    """The number a line starts with as a field heading's (1. 1) (1) ข้อ 1), and where the
    words after it start; (None, 0) without one."""
    m = T.FIELD_NUMBER.match(text)
    if m and (m.group("num") or m.group("paren")):
        return int(m.group("num") or m.group("paren")), m.end()
    return None, 0


def _starts_like_heading(text: str, start: int = 0) -> bool:
    """Do the words from `start` begin like a field heading's, compared without spaces
    (squeeze(text[start:start + 14]).startswith(T.HEADING_PREFIXES))? Squeezed only when there
    is whitespace to remove: most lines have none there."""
    head = text[start:start + 14]
    prefixes = _PREFIXES_BY_FIRST.get(head[:1])
    if prefixes is None and not head[:1].isspace():
        return False  # squeezing keeps the first character, and no heading starts with it
    if prefixes and head.startswith(prefixes):
        return True
    if " " not in head and head.isprintable():
        return False  # no whitespace in it: squeezed, it is the same
    words = squeeze(head)
    return words.startswith(_PREFIXES_BY_FIRST.get(words[:1], ()))


# the heading prefixes by their first character (one startswith over all 22 costs more than this)
_PREFIXES_BY_FIRST = {first: tuple(p for p in T.HEADING_PREFIXES if p[0] == first)
                      for first in {p[0] for p in T.HEADING_PREFIXES}}


def forget_lines() -> None:
    """A new plan: the last one's lines are dropped from the caches (which serve the headings a
    plan repeats in every section, and the lines its look-aheads read again; memory stays
    bounded, and a benchmark parsing one plan again and again measures the work, not the cache)."""
    for cached in (match_field_heading, match_section, match_dimension, _field_number):
        cached.cache_clear()


@lru_cache(maxsize=8192)
def match_section(text: str) -> int | None:
    """The number of a section marker line (ลำดับที่ N, ลำดับ ที่ N, (ลำดับที่ N), ลำาดับที่N...)."""
    if len(text) > 40 or not text[-1:].isdigit() and text[-1:] not in ").:":
        return None
    words = squeeze(text)
    if not T.SECTION_PIECE.search(words):
        return None
    m = T.SECTION_MARKER.match(words)
    return int(m.group(1)) if m else None


@lru_cache(maxsize=4096)
def match_dimension(text: str):
    """(number, title, misspelt word or '') of a dimension heading."""
    if "\t" in text or len(text) > 200 or not any(c.isdigit() for c in text[:14]):
        return None
    m = T.DIMENSION.match(text)
    if not m:
        return None
    word = m.group("word")
    return int(m.group("num")), m.group("title").strip(), "" if word in T.DIMENSION_WORDS else word


def find_part3_start(lines: list[Line], after: int = 0) -> int | None:
    """Index of the first line of Part 3: its heading, else the headings above its first section."""
    for i in range(after, len(lines)):
        text = lines[i].text
        if text.startswith("ส่วนที่") and "\t" not in text and "ประกอบด้วย" not in text and T.PART_THREE.match(text):
            return i
    first = next((i for i in range(after, len(lines)) if "\t" not in lines[i].text and (
        match_section(lines[i].text) is not None or _is_title_heading(lines[i].text))), None)
    if first is None:
        return None
    start = first  # take in the dimension and mission headings right above the first section
    while start > after and _heading_or_blank(lines[start - 1]):
        start -= 1
    return start


def _is_title_heading(text: str) -> bool:
    if not text[:1].isdigit():
        return False
    heading = match_field_heading(text)
    return heading is not None and heading.key == "title" and heading.number == 1


def _heading_or_blank(line: Line) -> bool:
    text = line.text
    return (not text or line.furniture or T.SEPARATOR.match(text) is not None or T.MISSION.match(text) is not None
            or T.SUBMISSION.match(text) is not None or match_dimension(text) is not None)


# --- the state machine -----------------------------------------------------------------------------

class _State:
    def __init__(self, lines: list[Line], edition: T.Edition) -> None:
        self.lines = lines
        self.edition = edition
        self.out = Segmented()
        self.read_lines = self.out.read
        self.dimension: Dimension | None = None
        self.mission: Mission | None = None
        self.submission: SubMission | None = None
        self.project: Project | None = None
        self.field: Field | None = None
        self.index = 0                 # of the line being read
        self.skip: set[int] = set()    # indices already read by a look-ahead
        self.last_heading = None       # the mission/sub-mission whose title may wrap onto the next line
        self.wrapped = 0               # lines added to it so far
        self.unread_run: list[int] = []
        self.style = ""                # numbering style of the section's first field heading
        self.expected = 1              # the number the next field heading should carry (set by _open_field)

    def rank(self) -> int:
        return T.RANK[self.field.key] if self.field else -1

    def late_in_section(self) -> bool:
        """At the section's last fields: a mission or dimension heading may follow."""
        return self.project is None or self.rank() >= T.RANK["responsible"]

    def read(self, line: Line) -> None:
        self.read_lines.add(line.number)


def _close_project(state: _State) -> None:
    project = state.project
    if project is None:
        return
    content = [ln.number for ln in project.lines if ln.text]
    project.line_end = content[-1] if content else project.line_start
    state.project = None
    state.field = None
    state.expected = 1


def _code_key(code: str) -> tuple[int, ...]:
    return tuple(int(p) for p in code.split("."))


def _ahead(state: _State, max_text: int = 2) -> str:
    """What comes next after the current line: 'section', 'submission', 'mission', 'dimension',
    'field', 'text' (more than max_text lines of text first) or 'end'. Blank lines, furniture and
    up to max_text lines of text (a wrapped heading) are passed over."""
    text_lines = 0
    number_alone = False  # the line before was a heading's number alone (its words on this line)
    for line in state.lines[state.index + 1:state.index + 12]:
        text = line.text
        if not text or line.furniture or T.SEPARATOR.match(text):
            continue
        if number_alone and (heading := match_field_heading(text, state.edition)) is not None:
            return "section" if heading.key == "title" else "field"
        number_alone = T.NUMBER_ONLY.match(text) is not None
        if number_alone:
            continue
        if match_section(text) is not None or (len(text) <= 30 and T.SECTION_BY_KIND.match(squeeze(text))):
            return "section"
        if T.SUBMISSION.match(text):
            return "submission"
        if T.MISSION.match(text):
            return "mission"
        if match_dimension(text):
            return "dimension"
        heading = match_field_heading(text, state.edition)
        if heading is not None and heading.key == "title":
            return "section"  # a section without a ลำดับที่ marker starts at its title
        if heading is not None:
            return "field"
        text_lines += 1
        if text_lines > max_text:
            return "text"
    return "end"


def rule_skip(line: Line, state: _State) -> bool:
    """Blank lines, page furniture, separators and part headings carry no data."""
    text = line.text
    if not text or line.furniture or state.index in state.skip:
        return True
    if text[0] in "#-=_*.~" and T.SEPARATOR.match(text):
        state.read(line)  # a separator: recognised, nothing in it
        return True
    if text.startswith("ส่วนที่") and T.PART.match(text) and len(text) < 60:
        state.read(line)
        if state.project is None:  # the part's title may go on for a line or two
            state.last_heading, state.wrapped = _PartTitle(text), 0
        return True
    # a bare small number is a page number, except where a field may hold just a number
    in_value_field = state.field is not None and state.field.key in T.VALUE_FIELDS
    if not in_value_field and len(text) <= 12 and _PAGE_LIKE.match(text):
        state.read(line)  # a page number the layout pass did not chain (too few pages)
        return True
    return False


def rule_dimension(line: Line, state: _State) -> bool:
    found = match_dimension(line.text) if line.text[:1] in "มภ" or "ติ" in line.text[:6] else None
    if not found:
        return False
    number, title, typo = found
    current = state.dimension.number if state.dimension else 0
    if state.project is not None and not state.late_in_section() and number != current + 1:
        return False  # a dimension named inside a field's text
    if typo:
        state.out.notes.append(finding(
            "HEADING_TYPO", line.number, f"หัวข้อสะกดผิด '{typo}' ควรเป็น 'มิติที่' (heading misspelt '{typo}' "
            f"for 'มิติที่')", evidence=line.raw.strip()[:120], expected="มิติที่", found=typo))
    state.read(line)
    if state.dimension is not None and number == state.dimension.number and not state.dimension.missions:
        return True  # the same heading repeated (a page break): nothing new
    _close_project(state)
    state.dimension = Dimension(number, title, line.number, line.raw.strip())
    state.out.dimensions.append(state.dimension)
    state.mission = state.submission = None
    state.last_heading = state.dimension
    state.wrapped = 0
    return True


def _dimension_fits(state: _State, dim: int, mis: int) -> bool:
    """A mission code belongs to the current dimension, or opens the next one when that
    dimension's heading is missing (its first mission, N.1, follows dimension N-1)."""
    return state.dimension is None or dim == state.dimension.number or (
        dim == state.dimension.number + 1 and mis == 1)


def _heading_allowed(state: _State, follows: tuple[str, ...]) -> bool:
    """Inside a section, a mission or sub-mission heading only at the section's last fields,
    when it is not one more item of a list numbered the same way, and a section or another
    heading follows it."""
    if state.project is None:
        return True
    if not state.late_in_section() or _continues_a_dotted_list(state):
        return False
    return _ahead(state) in follows


def _continues_a_dotted_list(state: _State) -> bool:
    """Is the line the next item of a list numbered 1.1, 2.1, 3.1 (or 1.1, 1.2, 1.3) in the field?
    The last two items tell which part counts; after one item, either may."""
    m = _DOTTED.match(state.lines[state.index].text)
    if not m or state.field is None:
        return False
    found = [(int(d.group(1)), int(d.group(2))) for ln in state.field.lines if (d := _DOTTED.match(ln.text))][-2:]
    if not found:
        return False
    (a, b), here = found[-1], (int(m.group(1)), int(m.group(2)))
    if len(found) == 2 and found[0][1] == b:
        return here == (a + 1, b)
    if len(found) == 2 and found[0][0] == a:
        return here == (a, b + 1)
    return here in ((a + 1, b), (a, b + 1))


def rule_submission(line: Line, state: _State) -> bool:
    m = T.SUBMISSION.match(line.text)
    if not m:
        return False
    dim, mis, sub = (int(g) for g in m.groups()[:3])
    if not _dimension_fits(state, dim, mis):
        return False
    code = f"{dim}.{mis}.{sub}"
    if state.submission and _code_key(code) <= _code_key(state.submission.code):
        return False
    mission_code = f"{dim}.{mis}"
    if state.mission and _code_key(mission_code) < _code_key(state.mission.code):
        return False
    if not _heading_allowed(state, ("section", "submission", "mission", "dimension")):
        return False
    if state.mission is None or state.mission.code != mission_code:
        _open_mission(state, mission_code, "", line.number)
    _close_project(state)
    state.submission = SubMission(code, (m.group("title") or "").strip(), line.number)
    state.mission.submissions.append(state.submission)
    state.last_heading, state.wrapped = state.submission, 0
    state.read(line)
    return True


def rule_mission(line: Line, state: _State) -> bool:
    m = T.MISSION.match(line.text)
    if not m or not m.group("title"):
        return False
    dim, mis = int(m.group(1)), int(m.group(2))
    if not _dimension_fits(state, dim, mis):
        return False
    code = f"{dim}.{mis}"
    if state.mission and _code_key(code) <= _code_key(state.mission.code):
        return False
    if not _heading_allowed(state, ("section", "submission", "mission", "dimension")):
        return False
    _close_project(state)
    _open_mission(state, code, m.group("title").strip(), line.number)
    state.read(line)
    return True


def _open_mission(state: _State, code: str, title: str, line: int) -> None:
    number = int(code.split(".")[0])
    if state.dimension is None or state.dimension.number != number:
        # no มิติที่ heading for this dimension: opened from its mission code, and reported
        state.dimension = Dimension(number, "", line, heading_raw="")
        state.out.dimensions.append(state.dimension)
    state.mission = Mission(code, title, line)
    state.dimension.missions.append(state.mission)
    state.submission = None
    state.last_heading, state.wrapped = state.mission, 0


def _open_section(state: _State, seq_no: int | None, line: Line) -> None:
    _close_project(state)
    project = Project(order=len(state.out.projects) + 1, seq_no=seq_no,
                      seq_text=line.raw.strip() if seq_no is not None else "",
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
    state.field = None
    state.expected = 1
    state.last_heading = None


def rule_section(line: Line, state: _State) -> bool:
    seq_no = match_section(line.text)
    if seq_no is None:
        seq_no = _numbered_by_kind(line, state)
    if seq_no is None:
        # a marker whose number OCR lost: the section is read, its number recovered later (confirm)
        if line.ocr is None or len(line.text) > 20 or not T.SECTION_BARE.match(squeeze(line.text)):
            return False
    _open_section(state, seq_no, line)
    state.read(line)
    return True


def _numbered_by_kind(line: Line, state: _State) -> int | None:
    """โครงการที่ N on a line of its own, when the next line of text is a title heading."""
    m = T.SECTION_BY_KIND.match(squeeze(line.text)) if len(line.text) <= 30 else None
    if m is None:
        return None
    following = [ln.text for ln in state.lines[state.index + 1:state.index + 14] if ln.text and not ln.furniture][:2]
    if following and T.NUMBER_ONLY.match(following[0]):
        following = following[1:]  # the title's number on a line of its own, its words on the next
    heading = match_field_heading(following[0], state.edition) if following else None
    return int(m.group(1)) if heading is not None and heading.key == "title" else None


def rule_field_heading(line: Line, state: _State) -> bool:
    text = line.text
    first = text[:1]
    if state.project is None and not first.isdigit() and first not in "(ข":
        return False  # with no section open, only a numbered title can start one
    number, end = _field_number(text) if first.isdigit() or first in "(ข" else (None, 0)
    expected = state.expected
    heading = None
    if _starts_like_heading(text, end) or (
            number in (expected, expected + 1) and (len(text) <= 60 or ":" in text[:40])):  # (a typo: ชือโครงการ :)
        heading = _heading_here(line, state, number)
    if heading is None:
        return (number is not None and (0 <= number - expected <= 2 or number == 1) and _number_then_words(line, state)) or (
            number == expected and _unknown_words(line, state)) or (
            state.field is not None and _may_end_in_heading(text, expected) and _glued_heading(line, state))
    style = heading.style
    if heading.key == "title" and heading.number in (1, None) and (
            state.project is None or ("title" in state.project.fields and heading.number == 1)):
        _open_section(state, None, line)  # a section with no ลำดับที่ marker starts at its title
    elif state.project is None or T.RANK[heading.key] <= state.rank():
        return False
    elif heading.number is not None and not _number_fits(state, heading, style):
        return False
    elif heading.number is None and state.project.fields and not _unnumbered_fits(state, heading):
        return False
    if not state.project.fields:
        state.style = style or "none"
    _open_field(state, heading, line)
    return True


def _unnumbered_fits(state: _State, heading: Heading) -> bool:
    """A heading without a number is a field in a section whose headings carry none, or when it
    is the very next field; "งบประมาณ" alone at the start of a wrapped line is neither."""
    if state.style == "none":
        return True
    later = [k for k in state.edition.fields if T.RANK[k] > state.rank()]
    return heading.key in state.edition.extra or (bool(later) and later[0] == heading.key)


def _number_fits(state: _State, heading: Heading, style: str) -> bool:
    """A numbered heading is the next field when its number is the expected one or the template's,
    or a little further on in the section's own numbering style (a field skipped or misnumbered);
    a list item such as "(4) ระยะเวลา..." inside the methods is none of these."""
    expected = state.expected
    if heading.number in (expected, state.edition.number_of(heading.key)):
        return True
    return style == state.style and expected < heading.number <= expected + 2


def _heading_here(line: Line, state: _State, number: int | None) -> Heading | None:
    text = line.text
    if len(text) > 90 and ":" not in text[:60]:
        return None  # a paragraph, not a heading
    # one typo allowed only on candidates: a short line numbered as the next field
    # (or the title of the next section, after a section that has one)
    heading = match_field_heading(text, state.edition, fuzzy=state.project is not None and (
        len(text) <= 60 or ":" in text[:40]) and (
        number in (state.expected, state.expected + 1)
        or number == 1 and "title" in state.project.fields))
    if heading is not None and heading.fuzzy:
        state.out.notes.append(finding(
            "HEADING_TYPO", line.number, f"หัวข้อสะกดผิด '{heading.words}' ควรเป็น '{T.THAI_NAME[heading.key]}' "
            f"(field heading misspelt)", evidence=line.raw.strip()[:120], expected=T.THAI_NAME[heading.key],
            found=heading.words))
    return heading


def _open_field(state: _State, heading: Heading, line: Line, at: Line | None = None) -> None:
    at = at or line
    state.field = Field(heading.key, heading.number, heading.words, at.number, inline=heading.rest)
    state.expected = (heading.number if heading.number is not None else
                      (state.edition.number_of(heading.key) or 0)) + 1
    state.project.fields[heading.key] = state.field
    state.project.lines.append(at)
    state.read(line)


def _glued_heading(line: Line, state: _State) -> bool:
    """A heading at the end of a line of text, put there by a line joiner or a clerk:
    `… ของเทศบาล 4. กลุ่มเป้าหมาย`, `… การทุจริตลำดับที่ 4`."""
    text = line.text
    tail = max(0, len(text) - 60)
    m = _GLUED_SECTION.search(text, tail) if "ดับ" in text[tail:] and text[-1] in "0123456789)" else None
    if m and m.start() > 0 and match_section(m.group(0).strip()) is not None:
        before = text[:m.start()].strip()
        if before:
            rule_content(Line(line.number, line.raw, before, line.page, line.page_line), state)
        _open_section(state, match_section(m.group(0).strip()), line)
        state.read(line)
        return True
    if state.field is None or str(state.expected) not in text[tail:]:
        return False
    m = _GLUED_FIELD.search(text, tail)
    if not m or m.start() == 0:
        return False
    heading = match_field_heading(text[m.start():].strip(), state.edition)
    if heading is None or heading.number != state.expected or heading.rest or \
            T.RANK[heading.key] <= state.rank() or len(squeeze(text[:m.start()])) < 3:
        return False
    state.field.lines.append(Line(line.number, line.raw, text[:m.start()].strip(), line.page, line.page_line))
    _open_field(state, heading, line)
    return True


def _number_then_words(line: Line, state: _State) -> bool:
    """The number of a heading alone on its line, its words on the next (a Word export)."""
    m = T.NUMBER_ONLY.match(line.text)
    if not m:
        return False
    # a title numbered 1 after a section that has one: the next section (no ลำดับที่ marker)
    new_section = int(m.group(1)) == 1 and (state.project is None or "title" in state.project.fields)
    if not new_section and (state.project is None or not 0 <= int(m.group(1)) - state.expected <= 2):
        return False
    for k in range(state.index + 1, min(state.index + 14, len(state.lines))):
        following = state.lines[k]
        if not following.text or following.furniture:
            continue
        heading = match_field_heading(following.text, state.edition)
        if heading is None or heading.number is not None or (heading.key != "title" if new_section else
                                                             T.RANK[heading.key] <= state.rank()):
            return False
        if new_section:
            _open_section(state, None, line)
        heading = heading._replace(number=int(m.group(1)))
        _open_field(state, heading, following, at=line)
        state.read(following)
        state.skip.add(k)
        return True
    return False


def _unknown_words(line: Line, state: _State) -> bool:
    """A short numbered line with the next field's number is that field, whatever its words,
    unless it continues a list numbered the same way in the current field."""
    if state.project is None or state.field is None:
        return False
    m = T.FIELD_NUMBER.match(line.text)
    if not m or not (m.group("end") or m.group("paren")):
        return False
    number = int(m.group("num") or m.group("paren"))
    words = line.text[m.end():].strip().rstrip(":").strip()
    if number != state.expected or not words or len(words) > 40 or any(c.isdigit() for c in words):
        return False
    fields = state.edition.fields
    if number > len(fields) or T.RANK[fields[number - 1]] <= state.rank():
        return False
    marker = line.text[:m.end()].strip()
    style = marker.replace(str(number), "#")
    previous = str(number - 1).join(style.split("#"))
    if any(ln.text.startswith(previous) for ln in state.field.lines):
        return False  # one more item of a list numbered like the field headings
    key = fields[number - 1]
    state.out.notes.append(finding(
        "UNKNOWN_FIELD_HEADING", line.number, f"หัวข้อ '{line.text[:60]}' มีเลข {number} ตามลำดับ แต่ถ้อยคำไม่ตรงกับแบบ "
        f"จึงอ่านเป็นหัวข้อ {T.THAI_NAME[key]} (unknown heading words, read as field {number})",
        evidence=line.raw.strip()[:120], expected=T.THAI_NAME[key], found=words, field=key))
    _open_field(state, Heading(key, number, words, ""), line)
    return True


def rule_content(line: Line, state: _State) -> bool:
    if state.project is None or state.field is None:
        heading = state.last_heading
        if heading is not None and state.project is None and state.wrapped < 2:
            heading.title = join_wrapped([heading.title, line.text])  # the heading wrapped onto this line
            state.wrapped += 1
            state.read(line)
            return True
        if state.project is not None:
            state.project.lines.append(line)
        state.unread_run.append(line.number)
        return True
    state.project.lines.append(line)
    state.field.lines.append(line)
    state.read(line)
    return True


# (rule, the first characters of the lines it can accept; None: any line)
RULES = [(rule_skip, None), (rule_field_heading, None), (rule_section, None), (rule_dimension, None),
         (rule_submission, "0123456789ภ"), (rule_mission, "0123456789ภ"), (rule_content, None)]


def _rules_for(first: str, cache: dict) -> list:
    """The rules worth trying on a line, by its first character."""
    if first not in cache:
        cache[first] = [rule for rule, firsts in RULES if firsts is None or first in firsts]
    return cache[first]


_GLUED_SECTION = re.compile(r"(?:\(\s*)?ล\S{0,3}ดับ\s*ที\S{0,2}\s*[.:]?\s*\d{1,4}\s*\)?$")
_GLUED_FIELD = re.compile(r"(?<=\s)(?:\(\d{1,2}\)|\d{1,2}\s*[.)])\s*\S[^\d]{1,40}$")
_PAGE_LIKE = re.compile(r"^(?:-\s*\d{1,3}\s*-|\d{1,3}|หน้า\s*\d{1,3}|\(\s*\d{1,3}\s*\))$")


def _plain_content(text: str, first: str, state: _State) -> bool:
    """A line that no rule but rule_content can take (cheap tests only): it starts like prose, a
    bullet or a list item numbered unlike the next field, not like a heading, and does not end
    in a heading glued onto it."""
    if first.isdigit():
        m = _LIST_ITEM.match(text)
        if not m or int(m.group(1)) in (state.expected, state.expected + 1) or _starts_like_heading(text, m.end()):
            return False
    elif first == "-":
        if len(text) < 3 or text[1] != " " or (len(text) <= 12 and _PAGE_LIKE.match(text)):
            return False  # (a separator has no space second: --- or ===)
    elif first in _FIRST_OF_RULES or text.find("ติ", 0, 6) != -1 or text.find("ดับ", 0, 12) != -1:
        return False  # (str.find within bounds: a slice of Thai text is a copy)
    elif (first in _PREFIXES_BY_FIRST or first.isspace()) and (len(text) <= 90 or text.find(":", 0, 60) != -1) \
            and _starts_like_heading(text):
        return T.SUBHEADING_ONLY.match(text) is not None  # ผลผลิต, ผลลัพธ์ alone: never a field heading
    return not _may_end_in_heading(text, state.expected)


def _may_end_in_heading(text: str, expected: int) -> bool:
    """Could a rule take this line of text for what it ends in: a section marker or a page
    number (a short line ending in a number: ลำดับที่ 4, โครงการที่ 4, หน้า 4), a section marker
    glued on (… การทุจริตลำดับที่ 4), or the next field's heading glued on (… ของเทศบาล 4.
    กลุ่มเป้าหมาย)? The tests rule_section, rule_skip and _glued_heading make, made cheap: most
    lines of text fail them (str.find from an offset: a slice of Thai text is a copy)."""
    tail = len(text) - 60 if len(text) > 60 else 0
    if text[-1] in _NUMBER_ENDS:
        if len(text) <= 40:
            if len(text) <= 12 or T.SECTION_PIECE.search(text):
                return True
        elif text.find("ดับ", tail) != -1 and _GLUED_SECTION.search(text, tail):
            return True
    return text.find(_NUMBER_TEXT[expected], tail) != -1 and _GLUED_FIELD.search(text, tail) is not None


_NUMBER_ENDS = frozenset("0123456789).:")
_NUMBER_TEXT = tuple(map(str, range(128)))  # the next field's number as text (field numbers have 1-2 digits)
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})(?!\d|\.\d)")
_LIST_ITEM = re.compile(r"(\d{1,2})\s*[.)](?!\d)\s*")
_FIRST_OF_RULES = frozenset("0123456789(ขมภลส#-=_*.~")


def segment(lines: list[Line], after: int = 0, edition: T.Edition = T.DEFAULT_EDITION) -> Segmented:
    state = _State(lines, edition)
    start = find_part3_start(lines, after)
    state.out.part3_start = lines[start].number if start is not None else None
    if start is None:
        return state.out
    cache: dict = {}
    skip, read_lines = state.skip, state.read_lines
    for index in range(start, len(lines)):
        line = lines[index]
        text = line.text
        if not text:
            continue
        state.index = index
        first = text[:1]
        if first in "ภส" and T.END_OF_PLAN.match(text):
            state.out.part3_end = lines[index - 1].number if index else None
            break
        if index in skip:
            continue  # read already, by a look-ahead
        if state.field is not None and not line.furniture and _plain_content(text, first, state):
            state.project.lines.append(line)  # a line of a field's text: the common case, inlined
            state.field.lines.append(line)
            read_lines.add(line.number)
            if state.unread_run:
                _flush_unread(state)
            continue
        for rule in _rules_for(first, cache):
            if rule(line, state):
                break
        if state.unread_run and state.unread_run[-1] != line.number and line.number in state.out.read:
            _flush_unread(state)
    _flush_unread(state)
    _close_project(state)
    return state.out


def _flush_unread(state: _State) -> None:
    if state.unread_run:
        state.out.unread.append((state.unread_run[0], state.unread_run[-1]))
        state.unread_run = []
