"""Knowledge of the national template, in one place: its editions and their fields, the wordings
clerks use for each heading, part and table markers, total-row labels, budget wordings and
unfilled placeholders. Every pattern works on normalised text (Arabic digits, single spaces).

Adding a wording is adding it to a list here; adding an edition is adding an `Edition`.
Headings are compared with their spaces removed (see thai.squeeze), so wordings are written
without spaces.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import regex

# --- fields ---------------------------------------------------------------------------------------

# Wordings per field, as regular-expression fragments over the heading with spaces removed.
# Longer wordings first where one is the start of another.
WORDINGS: dict[str, tuple[str, ...]] = {
    "title": (r"ชื่อ(?:โครงการ|กิจกรรม|มาตรการ)(?:/(?:โครงการ|กิจกรรม|มาตรการ))*", r"โครงการ/กิจกรรม/มาตรการ"),
    "rationale": (r"หลักการ(?:และ)?เหตุผล(?:/(?:ที่มาของโครงการ|ความเป็นมา|ที่มา))?", r"ที่มาและความสำคัญ",
                  r"ที่มาของโครงการ", r"ความเป็นมา(?:และความสำคัญ)?", r"เหตุผลและความจำเป็น"),
    "objectives": (r"วัตถุประสงค์(?:ของโครงการ|ของกิจกรรม|ของมาตรการ)?",),
    "target_group": (r"กลุ่มเป้าหมาย(?:/พื้นที่ดำเนินการ|และพื้นที่ดำเนินการ)?", r"เป้าหมาย/กลุ่มเป้าหมาย",
                     r"เป้าหมาย(?:/ผลผลิต)?", r"ผู้เข้าร่วมโครงการ"),
    "goals": (r"เป้าหมาย/ผลผลิต", r"เป้าหมาย(?:และผลผลิต)?", r"กลุ่มเป้าหมาย"),
    "area": (r"พื้นที่(?:ใน)?(?:การ)?ดำเนิน(?:การ|งาน)", r"สถานที่ดำเนิน(?:การ|งาน)"),
    "methods": (r"วิธี(?:การ)?ดำเนิน(?:การ|งาน)", r"ขั้นตอน(?:การ|ใน)?(?:การ)?ดำเนิน(?:การ|งาน)",
                r"วิธีการ/ขั้นตอน(?:การ)?ดำเนิน(?:การ|งาน)"),
    "period": (r"ระยะเวลา(?:ใน)?(?:การ)?(?:ดำเนิน(?:การ|งาน|โครงการ))?",),
    "budget": (r"งบประมาณ(?:ที่ใช้|ดำเนินการ|ดำเนินงาน|ในการ|โครงการ|ที่|การ|ดำเนิน|ใช้|/แหล่งที่มา)*",),
    "responsible": (r"(?:หน่วยงาน)?ผู้รับผิดชอบ(?:โครงการ)?", r"หน่วยงาน(?:ที่)?รับผิดชอบ(?:โครงการ)?"),
    "results": (r"ผลผลิต[/,](?:ผลลัพธ์)", r"ผลผลิตและผลลัพธ์", r"ตัวชี้วัด[/,]ผลลัพธ์", r"ผลที่คาดว่าจะได้รับ",
                r"ตัวชี้วัด", r"ผลผลิต"),
    "indicators": (r"ตัวชี้วัด[/,]ผลลัพธ์", r"ตัวชี้วัด(?:และผลลัพธ์)?", r"ผลลัพธ์", r"ผลที่คาดว่าจะได้รับ"),
}
# the sub-headings inside the results field: its outputs, its outcomes
OUTPUT_WORDS = ("ผลผลิต", "ตัวชี้วัด")
OUTCOME_WORDS = ("ผลลัพธ์", "ผลที่คาดว่าจะได้รับ")
# Unnumbered, these words alone are the sub-headings inside the results field, not fields.
SUBHEADING_ONLY = re.compile(r"^(?:ผลผลิต|ตัวชี้วัด|ผลลัพธ์)\s*(?:\((?:Output|Outcome)s?\))?\s*:?\s*$")
THAI_NAME = {"title": "ชื่อโครงการ", "rationale": "หลักการและเหตุผล", "objectives": "วัตถุประสงค์",
             "target_group": "กลุ่มเป้าหมาย", "goals": "เป้าหมาย/ผลผลิต", "area": "พื้นที่ดำเนินการ",
             "methods": "วิธีดำเนินการ", "period": "ระยะเวลาดำเนินการ", "budget": "งบประมาณ",
             "responsible": "ผู้รับผิดชอบ", "results": "ผลผลิต/ผลลัพธ์", "indicators": "ตัวชี้วัด/ผลลัพธ์"}
# fields whose whole value may be a bare number (a page-number look-alike is kept there)
VALUE_FIELDS = frozenset({"target_group", "goals", "period", "budget"})
# fields read as free text: list-like fields are read as numbered items
PROSE_FIELDS = frozenset({"rationale", "target_group", "goals", "area", "period", "budget", "responsible"})


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one object per edition
class Edition:
    name: str
    fields: tuple[str, ...]            # field keys in the template's order (its numbering)
    dimensions: dict[int, str]         # dimension titles as the edition names them
    period: tuple[int, int]            # the plan period the edition was issued for
    markers: tuple[str, ...]           # heading words only this edition has (plain text)
    extra: tuple[str, ...] = ()        # fields some plans of the edition add (read, never required)

    @property
    def recognised(self) -> tuple[str, ...]:
        """Every field key a heading of this edition may open, in the canonical order."""
        return tuple(k for k in CANONICAL_ORDER if k in self.fields or k in self.extra)

    @functools.cached_property  # (asked for at every heading)
    def numbers(self) -> dict[str, int]:
        """The number the template gives each field."""
        return {key: k for k, key in enumerate(self.fields, start=1)}

    def number_of(self, key: str) -> int | None:
        """The number the template gives the field (None for an extra field)."""
        return self.numbers.get(key)


EDITIONS = (
    Edition("2566-2570",
            ("title", "rationale", "objectives", "target_group", "methods", "period", "budget",
             "responsible", "results"),
            {1: "การสร้างวัฒนธรรมสุจริต", 2: "การบริหารราชการด้วยความโปร่งใส",
             3: "การส่งเสริมบทบาทและการมีส่วนร่วมของภาคประชาชน",
             4: "การยกระดับกลไกการตรวจสอบการดำเนินงานขององค์กรปกครองส่วนท้องถิ่น"},
            (2566, 2570), ("กลุ่มเป้าหมาย", "ผลผลิต/ผลลัพธ์", "ผลผลิต,ผลลัพธ์"), extra=("area",)),
    Edition("2561-2564",
            ("title", "rationale", "objectives", "goals", "area", "methods", "period", "budget",
             "responsible", "indicators"),
            {1: "การสร้างสังคมที่ไม่ทนต่อการทุจริต", 2: "การบริหารราชการเพื่อป้องกันการทุจริต",
             3: "การส่งเสริมบทบาทและการมีส่วนร่วมของภาคประชาชน",
             4: "การเสริมสร้างและปรับปรุงกลไกในการตรวจสอบการปฏิบัติราชการขององค์กรปกครองส่วนท้องถิ่น"},
            (2561, 2564), ("เป้าหมาย/ผลผลิต", "พื้นที่ดำเนิน", "ตัวชี้วัด/ผลลัพธ์")),
)
DEFAULT_EDITION = EDITIONS[0]
# every field key in one canonical order: a heading must come later in it than the current field
CANONICAL_ORDER = ("title", "rationale", "objectives", "target_group", "goals", "area", "methods",
                   "period", "budget", "responsible", "results", "indicators")
RANK = {key: k for k, key in enumerate(CANONICAL_ORDER)}


def edition_by_name(name: str) -> Edition:
    return next(e for e in EDITIONS if e.name == name)


_HEADING_NUMBER = re.compile(r"^(?:\(?\d{1,2}\s*[.):]?\)?|ข้อ\s*\d{1,2})\s*$")


def detect_edition(text: str, first_year: int | None) -> Edition:
    """The edition whose own field headings the plan uses most; the plan period decides a tie.
    Each marker is found with str.find and counted where only a heading number precedes it."""
    scores = {}
    for edition in EDITIONS:
        count = 0
        for marker in edition.markers:
            at = text.find(marker)
            while at != -1:
                start = text.rfind("\n", 0, at) + 1
                count += _HEADING_NUMBER.match(text, start, at) is not None
                at = text.find(marker, at + 1)
        scores[edition.name] = count
    best = max(scores.values())
    leaders = [e for e in EDITIONS if scores[e.name] == best]
    if len(leaders) > 1 and first_year:
        by_period = [e for e in leaders if e.period[0] <= first_year <= e.period[1]]
        leaders = by_period or leaders
    return leaders[0]


# --- field headings -------------------------------------------------------------------------------

# the number before a heading: "1.", "1)", "(1)", "1 ", "ข้อ 1", "1:" (Arabic digits by now)
FIELD_NUMBER = re.compile(r"^(?:ข้อ\s*)?(?:\((?P<paren>\d{1,2})\)|(?P<num>\d{1,2})(?![\d.,]\d)\s*(?P<end>[.):])?)\s*")
# a line holding only such a number: the words follow on the next line
NUMBER_ONLY = re.compile(r"^(?:ข้อ\s*)?\(?(\d{1,2})\s*[.):]?\)?$")
FUZZY_MIN_LENGTH = 6  # shorter wordings are matched exactly: one edit would make them other words


def _wording_pattern(keys) -> str:
    return "|".join(f"(?P<{key}>{'|'.join(WORDINGS[key])})" for key in keys)


def _letters(wording: str) -> int:
    return len(re.sub(r"[^\u0e00-\u0e7f]", "", wording))


def _fuzzy(keys) -> regex.Pattern:
    """One pattern for all the fields: each field's long wordings, one edit allowed."""
    alternatives = []
    for key in keys:
        long = [w for w in WORDINGS[key] if _letters(w) >= FUZZY_MIN_LENGTH]
        if long:
            alternatives.append(f"(?P<{key}>{'|'.join(long)})")
    return regex.compile("(?:" + "|".join(alternatives) + "){e<=1}", regex.BESTMATCH)


# how every wording starts (squeezed): a cheap test before the patterns, most lines are list items
HEADING_PREFIXES = ("ชื่อ", "โครงการ/", "หลักการ", "ที่มา", "ความเป็น", "เหตุผล", "วัตถุ", "กลุ่มเป้า", "เป้าหมาย",
                    "ผู้เข้าร่วม", "พื้นที่", "สถานที่", "วิธี", "ขั้นตอน", "ระยะเวลา", "งบประมาณ", "หน่วยงาน",
                    "ผู้รับผิดชอบ", "ผลผลิต", "ผลลัพธ์", "ผลที่คาด", "ตัวชี้วัด")
# per edition: the exact pattern over its fields' wordings, and one fuzzy pattern per field;
# compiled when an edition is first met (the fuzzy one takes ~6 ms, most runs meet one edition)


@functools.cache
def heading_words(edition: str) -> re.Pattern:
    return re.compile(_wording_pattern(edition_by_name(edition).recognised))


@functools.cache
def fuzzy_words(edition: str) -> regex.Pattern:
    return _fuzzy(edition_by_name(edition).recognised)
# a typo is looked for only in a short numbered line whose words start like a heading's
FUZZY_STARTS = frozenset(p[:2] for p in HEADING_PREFIXES)
FUZZY_MAX_LENGTH = 36


# --- structural headings --------------------------------------------------------------------------

PART = re.compile(r"^ส่วนที่\s*(\d)\b")
PART_THREE = re.compile(r"^ส่วนที่\s*3\s*(?:$|รายละเอียด|[:.]|แผนปฏิบัติ)")
END_OF_PLAN = re.compile(r"^(?:ภาคผนวก|ส่วนที่\s*[4-9])\b")
# the pieces of ลำดับที่: a marker with one typo (SECTION_MARKER allows one) keeps one of them
SECTION_PIECES = ("ลำ", "ดับ", "ที่")
SECTION_PIECE = re.compile("|".join(SECTION_PIECES))  # (one search: cheaper than three `in` in a loop)
# ลำดับที่ N with the variants clerks and PDF makers produce, matched on the squeezed line
SECTION_MARKER = regex.compile(r"^\(?(?:โครงการ)?(?:ลำดับที่){e<=1}[.:]?(\d{1,4})[.:)]*$", regex.BESTMATCH)
SECTION_WORD = "ลำดับที่"
# โครงการที่ N (กิจกรรมที่, มาตรการที่): a section marker only right before a title heading, as a
# list inside a field may number its activities so
SECTION_BY_KIND = re.compile(r"^(?:โครงการ|กิจกรรม|มาตรการ)ที่[.:]?(\d{1,4})[.:)]*$")
SECTION_BARE = regex.compile(r"^\(?(?:ลำดับที่){e<=1}[.:)]*$", regex.BESTMATCH)  # the number lost (OCR)
DIMENSION = regex.compile(r"^(?P<word>(?:มิติที่){e<=1}|มิติ)\s*(?P<num>\d)(?!\d|\.\d)\s*[.:]?\s*(?P<title>.*)$",
                          regex.BESTMATCH)
DIMENSION_WORDS = ("มิติที่", "มิติ")  # spellings that are not typos
MISSION = re.compile(r"^(?:ภารกิจ(?:ที่)?\s*)?(\d)\.(\d{1,2})\.?(?![\d)])\s*(?P<title>[^\d\s).].*)?$")
SUBMISSION = re.compile(r"^(?:ภารกิจย่อย(?:ที่)?\s*)?(\d)\.(\d{1,2})\.(\d{1,2})\.?(?![\d)])\s*(?P<title>[^\d\s).].*)?$")
SEPARATOR = re.compile(r"^(?:#{3,}|[-=_*.~]{3,}|[*]+)$")

# --- Part 2: the summary table --------------------------------------------------------------------

# a header cell naming the project column
PROJECT_HEADER = re.compile(r"โครงการ|กิจกรรม|มาตรการ")
# a header cell naming a fiscal year (squeezed): ปี 2566, พ.ศ. 2566, ปีงบประมาณ 2566, 2566, ...
YEAR_HEADER = re.compile(r"^(?:งบประมาณ)?(?:ปี)?(?:งบประมาณ)?(?:พ\.ศ\.?)?(25\d\d)(?:งบประมาณ)?(?:\(?บาท\)?)?$")
REMARKS_HEADER = "หมายเหตุ"  # the remarks column's header
REMARKS_CELL = re.compile(r"^หม|หตุ")  # the remarks column's header, however OCR spells it
# header cells naming a column of the table (squeezed), or the start of one a narrow cell wrapped
COLUMN_NAME = re.compile(r"^(?:มิติ|ภารกิจ|โครงการ/|ชื่อ(?:โครงการ|กิจกรรม))")
# header cells that name no column by themselves (ปี or พ.ศ. alone: its year is on the row below)
SUBHEADER = re.compile(r"^(?:งบประมาณ(?:\(บาท\))?|\(?บาท\)?|หมายเหตุ|ปีงบประมาณ|งบประมาณและที่มา|แหล่งงบประมาณ"
                       r"|ปี|พ\.ศ\.?|ปีพ\.ศ\.?|ปีงบประมาณพ\.ศ\.?)$")
DIMENSION_CELL = re.compile(r"^(?:มิติ(?:ที่)?\s*)?(\d)(?!\.\d)\s*[.)]?")
MISSION_CELL = re.compile(r"^(?:ภารกิจ(?:ที่)?\s*)?(\d)\.(\d{1,2})(?!\.?\d)")
TABLE_TYPO = {"มติ": "มิติ", "ภารกิจตามมติ": "ภารกิจตามมิติ"}  # misspelt header cells
# total rows: "รวม", "รวม :", "รวมงบประมาณ", "รวมมิติที่ 1" (a dimension); "รวมทั้งสิ้น", "รวมทั้งหมด" (the plan)
TOTAL_START = "รวม"  # every total label starts with it
TOTAL_LABEL = re.compile(rf"^{TOTAL_START}(?P<grand>ทั้งสิ้น|ทั้งหมด|ทั้งแผน|ทุกมิติ|\s*4\s*มิติ)?\s*(?:งบประมาณ)?\s*"
                         r"(?:มิติที่\s*\d)?\s*:?\s*(?=$|จำนวน|\d)")
ENTRY_START = re.compile(r"(?:(?<=[^\d,./])|^)(\d{1,4})\s*(\)|\.(?=\s))\s*")
# the words of a table cell that mean no budget
NO_BUDGET_CELL = re.compile(r"^(?:-+|–|ไม่ใช้งบประมาณ|ไม่ใช้งบ|ไม่มีงบประมาณ|ไม่มี|0)$")
AFTER_TABLE = re.compile(r"^(?:ส่วนที่\s*3|ลำดับที่\s*\d|มิติที่\s*\d\s*\S|รายละเอียดโครงการ)")

# --- counts and totals the plan declares about itself -------------------------------------------

PROJECT_COUNT = re.compile(r"(\d[\d,]*)\s*โครงการ")
PLAN_COUNT = re.compile(r"รวม(?:ทั้งสิ้น|ทั้งหมด)?\s*(?:จำนวน)?\s*(\d+)\s*โครงการ")
INTRO_DIMENSION = re.compile(r"^มิติที่\s*(\d).*?จำนวน\s*(\d+)\s*โครงการ")

# --- values ----------------------------------------------------------------------------------------

NO_BUDGET = re.compile(
    r"ไม่(?:ได้)?(?:ใช้|มี|ต้องใช้|ตั้ง|ขอ|เสนอ)(?:จ่าย)?(?:งบ|งบประมาณ|ค่าใช้จ่าย)|ไม่เสียค่าใช้จ่าย|ไม่มีค่าใช้จ่าย"
    r"|ไม่ใช้จ่ายงบประมาณ|^-+$|^ไม่มี$|^0(?:\.00)?\s*บาท$|^-\s*บาท$")
BAHT = r"(?:บาท|บ\.)"
MILLION = "ล้าน"
PER_YEAR = re.compile(r"ปีละ|ต่อปี|/ปี")
ITEMISED_TOTAL = re.compile(r"(?:รวม|ทั้งสิ้น|รวมทั้งสิ้น|รวมเป็นเงิน|เป็นเงินทั้งสิ้น)\s*(?:จำนวน|เป็นเงิน)?\s*$")
HEAD_COUNT_UNITS = ("คน", "ราย", "ท่าน", "คน/ปี")
LATE_MONTHS = (r"ตุลาคม|ต\.ค\.|พฤศจิกายน|พ\.ย\.|ธันวาคม|ธ\.ค\.")
KIND_WORDS = ("โครงการ", "มาตรการ", "กิจกรรม")  # what an item is called: planned and budgeted differently

# --- placeholders ----------------------------------------------------------------------------------

# A template instruction starts a paragraph or stands in a blank: "ระบุหน่วยงาน...", "ของ ระบุชื่อ...",
# "(ระบุ...)". "พร้อมระบุปัญหา" (ordinary prose: "stating the problems") is not one.
PLACEHOLDER = re.compile(r"(?:^(?:[-•]\s*)?(?:\d+[.)]\s*)?|[\s(\[<{])ระบุ(?:ชื่อ|หน่วยงาน|งบประมาณ|จำนวน|ระยะเวลา"
                         r"|กลุ่มเป้าหมาย|วิธี|ผล|\s*[)\]>}])|^(?:[-•]\s*)?ระบุ\S*$|(?:^|\s)\.{5,}|…{2,}|_{4,}")
PLACEHOLDER_IN_TITLE = re.compile(r"ระบุ|\.{5,}|…{2,}|_{3,}")
# the template's own long instructions (spaces removed), found fuzzily when misspelt: RapidFuzz
# partial_ratio of 90 or more (measured on the real plan: its misspelt one, no false hit; short
# phrases give false hits, so only long ones are here), on lines holding one of their words
# the template's long instructions, each with the pieces a misspelt copy keeps (one at least): a
# copy 90 % like the phrase keeps all but three letters, so its head (ระบุ) or the part only the
# instruction has; a cell holding none of them is not compared (partial_ratio costs ~5 µs a cell)
LONG_PLACEHOLDERS = {"ระบุชื่อองค์กรปกครองส่วนท้องถิ่น": ("ระบุ", "ชื่ออง", "ชื่อ อง"),
                     "ระบุหน่วยงานที่รับผิดชอบดำเนินการ": ("ระบุ", "ผิดชอบดำเนิน"),
                     "ระบุงบประมาณที่ใช้ดำเนินการ": ("ระบุ", "ที่ใช้ดำเนิน")}
LONG_PLACEHOLDER_WORDS = tuple({anchor for anchors in LONG_PLACEHOLDERS.values() for anchor in anchors})
PLACEHOLDER_SCORE = 90
# the tail of "ระบุชื่อองค์กรปกครองส่วนท้องถิ่น" left when only its head was replaced: ปกครองส่วนท้องถิ่น
# after a word that is not องค์กร / องค์การ (or a typo of them) or การ (ระบบการปกครอง...)
HALF_REPLACED_TAIL = "ปกครองส่วนท้องถิ่น"
HALF_REPLACED_OK = regex.compile(r"(?:(?:องค์กร){e<=1}|องค์การ|การ)$")
# where to look for it: ปกครองส่วน not right after องค์กร / องค์การ / การ (spaces and a line end
# between allowed); the check above decides, typos of องค์กร included
HALF_REPLACED_HINT = regex.compile(r"(?<!(?:องค์กร|องค์การ|การ)\s{0,2})ปกครอง\s{0,2}ส่วน")
KIND_THAI = {"โครงการ": "โครงการ (project)", "มาตรการ": "มาตรการ (measure)", "กิจกรรม": "กิจกรรม (activity)",
             "": "ไม่ระบุประเภท (no kind word)"}

# --- spelling (optional) -----------------------------------------------------------------------
# words these plans use that pythainlp's dictionary lacks (measured on the real plan and the
# samples); the plan's own place names are allowed per plan
SPELLING_ALLOW = frozenset({"ณ", "ฯ"})
SPELLING_SUGGEST_SCORE = 80  # RapidFuzz ratio: ทุกซ์ -> ทุกข์ is 80, เจตนาภมณ -> เจตนารมณ์ 82
SPELLING_KIND = {"unknown": "คำที่ไม่มีในพจนานุกรม (a word not in the dictionary)",
                 "spaced": "ตัวอักษรถูกเว้นวรรค (letters spaced out)",
                 "doubled": "คำซ้ำติดกัน (a word written twice)"}

# --- the plan's cover --------------------------------------------------------------------------

ORGANISATION = re.compile(r"^(?:ของ)?\s*((?:เทศบาล(?:ตำบล|เมือง|นคร)|องค์การบริหารส่วน(?:ตำบล|จังหวัด)|อบต\.|อบจ\.)\s*\S+)")
PLACE = re.compile(r"อำเภอ\s*(\S+)\s+จังหวัด\s*(\S+)")
PERIOD = re.compile(r"\(?\s*พ\.ศ\.\s*(25\d\d)\s*[-–]\s*(25\d\d)\s*\)?")
RUNNING_TITLE = "แผนปฏิบัติการป้องกันการทุจริต"

# --- Part 1 ------------------------------------------------------------------------------------------

RISK_TABLE_HEADER = re.compile(r"risk\s*score", re.IGNORECASE)
INTRO_LISTS = {"objectives": re.compile(r"^\d\.\s*วัตถุประสงค์"), "goals": re.compile(r"^\d\.\s*เป้าหมาย"),
               "benefits": re.compile(r"^\d\.\s*ประโยชน์")}
TARGETS_HEADER = "ค่าเป้าหมาย"
