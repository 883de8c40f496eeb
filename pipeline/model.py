"""The plan as plain dataclasses. Every value keeps the 1-based source lines it came from."""
from __future__ import annotations

from dataclasses import dataclass, field



@dataclass(slots=True)
class Line:
    number: int   # 1-based line in the input
    raw: str      # as read (after decoding, without the line end)
    text: str     # normalised: Arabic digits, plain dashes and quotes, single spaces, Thai repaired
    page: int | None = None       # PDF page (1-based), when the input has pages
    page_line: int | None = None  # line on that page (1-based)
    furniture: bool = False       # a page number or running header: not part of the plan's text
    ocr: float | None = None      # read by OCR: Tesseract's mean confidence (0-100); None: from text


@dataclass(slots=True)
class Field:
    key: str                  # a field key of template.WORDINGS
    written_number: int | None  # the number written before the heading (None when unnumbered)
    heading: str              # heading text as normalised
    heading_line: int
    lines: list[Line] = field(default_factory=list)  # content lines (heading excluded)
    inline: str = ""          # content written on the heading line itself (e.g. the title)

    @property
    def text(self) -> str:
        parts = [self.inline] if self.inline else []
        parts += [ln.text for ln in self.lines]
        return "\n".join(p for p in parts if p)

    @property
    def line_range(self) -> tuple[int, int]:
        last = self.lines[-1].number if self.lines else self.heading_line
        return (self.heading_line, last)


@dataclass
class Project:
    order: int
    seq_no: int | None
    seq_text: str
    line_start: int
    line_end: int
    dimension_no: int | None = None
    mission_code: str = ""
    submission_code: str = ""
    fields: dict[str, Field] = field(default_factory=dict)
    # extracted values
    title: str = ""
    rationale: str = ""
    objectives: list[str] = field(default_factory=list)
    target_group: str = ""
    target_count: int | None = None
    target_unit: str = ""
    methods: list[str] = field(default_factory=list)
    period_text: str = ""
    start_year: int | None = None
    end_year: int | None = None
    budget_text: str = ""
    budget_baht: float | None = None
    budget_has_unit: bool = True
    responsible: str = ""
    outputs: list[str] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)
    area: str = ""                # พื้นที่ดำเนินการ (a field of the 2561-2564 edition)
    budget_by_year: dict[int, float] = field(default_factory=dict)  # when the field states amounts per year
    lines: list[Line] = field(default_factory=list)
    items: dict[str, list] = field(default_factory=dict)  # list fields as extract.Item (number, line)



@dataclass
class SubMission:
    code: str
    title: str
    line: int
    projects: list[Project] = field(default_factory=list)


@dataclass
class Mission:
    code: str
    title: str
    line: int
    submissions: list[SubMission] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)  # directly under the mission


@dataclass
class Dimension:
    number: int
    title: str
    line: int
    heading_raw: str = ""
    missions: list[Mission] = field(default_factory=list)


@dataclass
class Declared:
    """A number the document states about itself (a count or a budget total)."""
    kind: str            # "count" or "total"
    scope: str           # "plan" or "dimension"
    dimension_no: int | None
    value: float
    line: int
    where: str           # "intro", "preamble", "total_row"
    text: str
    fiscal_year: int | None = None


@dataclass
class TableEntry:
    entry_no: int
    dimension_no: int | None
    mission_code: str
    title: str
    line: int
    budgets: dict[int, float | None] = field(default_factory=dict)  # fiscal year -> baht
    budget_lines: list[int] = field(default_factory=list)
    matched_order: int | None = None
    match_score: float | None = None


@dataclass
class ControlMeasure:
    """One control measure named in the risk-assessment table (Part 1)."""
    number: int | None
    text: str
    line: int
    matched_order: int | None = None
    match_score: float | None = None


@dataclass
class RiskItem:
    """One risk (ประเด็นความเสี่ยง) of the risk-assessment table, with its row's score and measures."""
    step_no: int | None
    step: str
    risk_no: int | None
    risk: str
    score: str
    measures: list[ControlMeasure]
    line: int


@dataclass
class Target:
    """One indicator of the targets table (ค่าเป้าหมาย): a value per fiscal year."""
    indicator: str
    unit: str
    values: dict[int, float | None]
    texts: dict[int, str]
    line: int


@dataclass
class IntroList:
    """A numbered list of Part 1: the plan's objectives, goals or benefits."""
    name: str          # objectives | goals | benefits
    heading: str
    line: int
    items: list[str] = field(default_factory=list)
    item_lines: list[int] = field(default_factory=list)


@dataclass
class Finding:
    code: str
    severity: str        # error | warning | info
    line: int | None
    message: str
    evidence: str = ""
    order: int | None = None
    seq_no: int | None = None
    entry_no: int | None = None
    field: str = ""
    expected: str = ""
    found: str = ""
    page: int | None = None   # PDF page of `line`, set when the input has pages
    location: str = ""        # where to look, for people: หน้า 12 บรรทัด 5, or the enclosing heading


@dataclass
class Comparison:
    """One declared count or yearly total next to what the table and the sections add up to."""
    dimension_no: int | None     # None: the whole plan
    measure: str                 # "projects" or "budget"
    fiscal_year: int | None
    declared: list[float]        # the distinct values the document states (often one)
    declared_lines: list[int]
    table: float | None          # None when a table amount is unknown
    sections: float | None
    sections_without_amount: int = 0
    agrees: bool = False


@dataclass
class PartCoverage:
    """How much of one part of the plan was read."""
    part: str            # "part1", "part2", "part3"
    first_line: int | None
    last_line: int | None
    lines: int = 0       # non-blank lines that are not page furniture
    read: int = 0        # of them, lines some rule read (headings, values, table rows)


@dataclass
class Unconfirmed:
    """A number read by OCR that nothing else in the document confirms (or a section number
    OCR lost, recovered from the section's position): kept, marked, reported."""
    what: str                # "section", "entry", "declared"
    key: int | None          # the section's order, the entry's position in the table (1-based)
    field: str               # budget_baht, target_count, budget_2567, seq_no, count, total_2567...
    value: str               # as read
    line: int
    confidence: float | None
    note: str = ""           # e.g. what it was taken as


@dataclass
class Plan:
    source: str
    lines: list[Line]
    organisation: str = ""
    district: str = ""
    province: str = ""
    start_year: int | None = None
    end_year: int | None = None
    fiscal_years: list[int] = field(default_factory=list)
    dimensions: list[Dimension] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    table: list[TableEntry] = field(default_factory=list)
    declared: list[Declared] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    notes: list[Finding] = field(default_factory=list)  # things noticed while parsing
    sha256: str = ""
    size_bytes: int = 0
    encoding: str = ""
    repairs: dict[str, int] = field(default_factory=dict)  # counted repairs of the source text
    risks: list[RiskItem] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    intro_lists: list[IntroList] = field(default_factory=list)
    edition: str = ""              # template edition, e.g. "2566-2570"
    wrap_width: int | None = None  # display columns a hard-wrapped text wraps at
    comparison: list["Comparison"] = field(default_factory=list)  # declared vs computed
    coverage: list[PartCoverage] = field(default_factory=list)
    unread: list[tuple[int, int, str]] = field(default_factory=list)  # (first, last line, part) nothing read
    kind: str = "text"             # text, docx, pdf or scan (an image file)
    ocr_read: bool = False         # some of its lines were read by OCR (Line.ocr set)
    unconfirmed: list[Unconfirmed] = field(default_factory=list)  # OCR numbers nothing confirms
    text: str = field(default="", repr=False)  # the lines' normalised text joined (whole-text searches)
