"""The findings registry: every code the pipeline reports, its severity, a Thai title, what it
means and why it matters. The checks, the report's glossary, the workbook and the README's
table all read this one table (a test holds the README to it)."""
from __future__ import annotations

from dataclasses import dataclass

from .model import Finding

SEVERITIES = ("error", "warning", "info")
SEVERITY_ORDER = {s: k for k, s in enumerate(SEVERITIES)}
SEVERITY_THAI = {"error": "ผิดพลาด", "warning": "เตือน", "info": "ข้อสังเกต"}
# findings that rest on what OCR read (a number, a spelling, a table cell): on a line OCR read
# they are notes, as OCR_UNCONFIRMED reports the numbers themselves; check them on the page
OCR_DOUBTFUL = frozenset({
    "BUDGET_MISMATCH", "TOTAL_MISMATCH", "PROJECT_COUNT_MISMATCH", "DECLARED_SUM_MISMATCH", "MISSING_DETAIL_SECTION",
    "MISSING_SUMMARY_ENTRY", "TITLE_MISMATCH", "HIERARCHY_MISMATCH", "DUPLICATE_PROJECT", "TABLE_CELL_UNSPLIT",
    "HEADING_TYPO", "MIXED_NUMERALS", "BUDGET_UNIT_MISSING", "LIST_NUMBERING", "FIELD_NUMBERING",
    "FIELD_CONTENT_MISPLACED", "PLACEHOLDER_TEXT", "SPELLING"})
OCR_NOTE = " (อ่านด้วย OCR: อาจเกิดจากการอ่านผิด ตรวจกับหน้ากระดาษ; read by OCR, may be a misreading)"


@dataclass(frozen=True)
class Code:
    code: str
    severity: str       # the usual severity
    title: str          # Thai title
    means: str          # Thai: when it is reported
    why: str            # Thai: why it matters
    english: str        # English gloss (README, messages)
    other: str = ""     # the other severity it can take, and when (English)
    contract: bool = False  # in ../shared/CONTRACT.md; the others extend it


_CODES = [
    Code("DUPLICATE_SEQ_NO", "error", "เลขลำดับที่ซ้ำ",
         "เลขลำดับที่ (ลำดับที่ N) เดียวกันถูกใช้กับโครงการมากกว่าหนึ่งโครงการ ไม่ว่าจะอยู่ติดกันหรือการนับย้อนกลับ",
         "อ้างถึงโครงการด้วยเลขลำดับไม่ได้ และอาจมีโครงการที่คัดลอกซ้ำหรือตกหล่น",
         "a ลำดับที่ number that names more than one section, next to each other or after the numbering "
         "went back (one finding per number, at its second place, naming every place; within a dimension "
         "when the numbering starts over in each)", contract=True),
    Code("SEQ_GAP", "warning", "เลขลำดับที่ข้าม",
         "เลขลำดับที่ถัดไปไม่ใช่เลขก่อนหน้าบวกหนึ่ง", "อาจมีโครงการที่ถูกลบหรือตกหล่นจากเอกสาร",
         "a new number that is not the previous + 1 (skips)", contract=True),
    Code("SEQ_RESTART", "warning", "เลขลำดับที่เริ่มนับใหม่",
         "เลขลำดับที่ย้อนกลับไปเลขที่ใช้แล้ว แล้วนับต่อจากนั้น ทำให้เลขของโครงการถัด ๆ ไปเหลื่อมกับลำดับจริง",
         "เลขที่เห็นในเอกสารไม่ตรงกับจำนวนโครงการจริง ผู้อ่านนับโครงการผิดได้",
         "the numbering goes back to a used number and continues from there (one finding, with the offset "
         "it leaves)", other="info when it restarts at 1 in each dimension (a style)"),
    Code("PROJECT_COUNT_MISMATCH", "error", "จำนวนโครงการที่ระบุไม่ตรงกับที่นับได้",
         "จำนวนโครงการที่เอกสารระบุ (บทนำ ตารางสรุป หรือแถวรวม) ไม่เท่ากับจำนวนรายการในตารางสรุปหรือจำนวนรายละเอียดโครงการ",
         "ตัวเลขสรุปที่ผู้บริหารและหน่วยตรวจสอบใช้ไม่ตรงกับแผนจริง",
         "a declared number of projects differs from the table's entries or the sections. Declarations of "
         "the same number for the same scope are one finding, at the total row (else the Part 2 preamble, "
         "else the introduction)", contract=True),
    Code("DECLARED_SUM_MISMATCH", "warning", "ยอดรวมที่ระบุไม่เท่ากับผลบวกของยอดย่อยที่ระบุ",
         "เอกสารระบุยอดรวม (จำนวนโครงการหรืองบประมาณ) ที่ไม่เท่ากับผลบวกของยอดย่อยรายมิติที่เอกสารระบุเอง",
         "ตัวเลขในเอกสารขัดกันเอง ต้องแก้ก่อนเผยแพร่",
         "a declared total is not the sum of the declared parts (e.g. 62 in total, 17 + 29 + 8 + 7 = 61 by "
         "dimension)", other="info when the total or a part also differs from the table and the sections "
         "(that finding reports the defect; this one shows its arithmetic)"),
    Code("TOTAL_MISMATCH", "warning", "ยอดรวมงบประมาณไม่ตรง",
         "ยอดรวมงบประมาณรายปีที่ระบุไม่เท่ากับผลรวมของรายการในตารางสรุปหรือผลรวมงบประมาณในรายละเอียดโครงการ",
         "ยอดเงินที่อนุมัติหรือรายงานอาจผิด",
         "a declared yearly total differs from the sum of the table's entries or of the sections' amounts; "
         "reported at the dimension where it arises, and for the grand total only when no dimension "
         "explains it", contract=True),
    Code("BUDGET_MISMATCH", "error", "งบประมาณในตารางสรุปกับรายละเอียดไม่ตรงกัน",
         "งบประมาณรายปีของรายการในตารางสรุป (ส่วนที่ 2) ไม่เท่ากับงบประมาณในรายละเอียดโครงการ (ส่วนที่ 3)",
         "ไม่รู้ว่าตัวเลขใดถูก งบประมาณที่ตั้งไว้อาจผิด",
         "a matched entry's yearly amount differs from its section's amount (at the section's budget line)",
         contract=True),
    Code("MISSING_DETAIL_SECTION", "error", "รายการในตารางสรุปไม่มีรายละเอียดโครงการ",
         "รายการในตารางสรุปไม่มีรายละเอียดโครงการที่ตรงกันในส่วนที่ 3",
         "โครงการที่ตั้งงบประมาณไว้ไม่มีรายละเอียดว่าจะทำอะไร", "a table entry with no section", contract=True),
    Code("MISSING_SUMMARY_ENTRY", "error", "โครงการไม่มีในตารางสรุป",
         "รายละเอียดโครงการในส่วนที่ 3 ไม่มีรายการที่ตรงกันในตารางสรุป",
         "โครงการไม่ถูกนับในยอดรวมและงบประมาณของแผน", "a section with no table entry", contract=True),
    Code("TITLE_MISMATCH", "warning", "ชื่อโครงการไม่ตรงกัน",
         "ชื่อในตารางสรุปกับชื่อในรายละเอียดของโครงการเดียวกันต่างกันเกินกว่าการเว้นวรรคและเครื่องหมาย "
         "หรือเรียกประเภทต่างกัน (โครงการ / มาตรการ / กิจกรรม)",
         "ผู้อ่านจับคู่โครงการผิด ประเภทที่ต่างกันมีวิธีวางแผนและตั้งงบประมาณต่างกัน",
         "a matched pair whose titles differ beyond spacing and punctuation, or whose kinds differ "
         "(โครงการ / มาตรการ / กิจกรรม)",
         other="info when the similarity is 90 or more and the kinds agree", contract=True),
    Code("HIERARCHY_MISMATCH", "warning", "จัดอยู่ต่างมิติหรือต่างภารกิจ",
         "ตารางสรุปจัดโครงการไว้ใต้มิติหรือภารกิจหนึ่ง แต่รายละเอียดอยู่ใต้อีกมิติหรือภารกิจหนึ่ง",
         "ยอดรวมรายมิติผิดไปด้วย", "a matched pair under different missions or dimensions (at the section)",
         contract=True),
    Code("DUPLICATE_PROJECT", "warning", "ชื่อโครงการซ้ำ",
         "รายละเอียดโครงการสองรายการมีชื่อเดียวกัน (ไม่นับการเว้นวรรคและเครื่องหมาย)",
         "อาจเป็นโครงการเดียวที่ถูกนับสองครั้ง", "two sections with the same title (spacing and punctuation aside)",
         contract=True),
    Code("MISSING_FIELD", "warning", "ไม่มีหัวข้อตามแบบ",
         "รายละเอียดโครงการขาดหัวข้อใดหัวข้อหนึ่งของแบบฟอร์ม (9 หัวข้อ หรือ 10 หัวข้อในฉบับ 2561-2564)",
         "ข้อมูลของโครงการไม่ครบ เช่น ไม่รู้งบประมาณหรือผู้รับผิดชอบ",
         "a section lacks one of its edition's fields (at the section's ลำดับที่ line)", contract=True),
    Code("FIELD_NUMBERING", "warning", "เลขหัวข้อไม่ตรงตามแบบ",
         "หัวข้อของรายละเอียดโครงการมีเลขไม่ตรงกับแบบ (เช่น ข้อ 10 โดยไม่มีข้อ 9)",
         "ผู้อ่านอาจเข้าใจว่ามีหัวข้อหายไป", "a field heading numbered out of the template (e.g. 10 with no 9)",
         other="info when the heading is not numbered at all", contract=True),
    Code("UNKNOWN_FIELD_HEADING", "info", "หัวข้อที่ไม่รู้จักถ้อยคำ",
         "หัวข้อมีเลขตรงตามลำดับที่คาดไว้แต่ถ้อยคำไม่ตรงกับแบบ จึงอ่านเป็นหัวข้อตามเลขนั้น",
         "ควรตรวจว่าอ่านเป็นหัวข้อถูกต้อง",
         "a numbered heading with the expected next number but wording the template does not know: read as "
         "that field"),
    Code("PLACEHOLDER_TEXT", "error", "ข้อความแม่แบบที่ยังไม่ได้กรอก",
         "ยังมีข้อความคำสั่งของแม่แบบ (เช่น ระบุหน่วยงาน… ระบุชื่อ…) หรือช่องว่าง (.....) ที่ไม่ได้กรอก "
         "รวมทั้งที่สะกดผิดหรือแทนที่ไม่ครบ",
         "ข้อมูลสำคัญยังไม่ได้กรอก เอกสารยังไม่เสร็จ",
         "an unfilled template instruction (ระบุหน่วยงาน…, ของ ระบุชื่อ…, (ระบุ), .....), also misspelt or half "
         "replaced, in any part, or ระบุ in a title", contract=True),
    Code("FIELD_CONTENT_MISPLACED", "error", "เนื้อหาไม่ตรงกับหัวข้อ",
         "หัวข้อมีเนื้อหาผิดประเภท เช่น หัวข้องบประมาณไม่มีจำนวนเงิน หรือหัวข้อผู้รับผิดชอบมีจำนวนเงิน",
         "ข้อมูลอาจถูกใส่ผิดช่อง", "the budget field holds no amount but other text; the responsible field "
         "holds an amount; the period names no year (warning)", other="warning for a period without a year",
         contract=True),
    Code("BUDGET_UNIT_MISSING", "warning", "จำนวนเงินไม่มีหน่วย",
         "จำนวนเงินในหัวข้องบประมาณไม่มีคำว่าบาท", "ไม่แน่ใจว่าเป็นบาทหรือหน่วยอื่น",
         "an amount written without บาท", contract=True),
    Code("HEADING_TYPO", "warning", "หัวข้อสะกดผิด",
         "หัวข้อโครงสร้างสะกดผิด เช่น มติที่ แทน มิติที่", "โปรแกรมหรือผู้อ่านที่ค้นหาหัวข้ออาจหาไม่พบ",
         "a misspelt structural heading (มติที่, the table's มติ / ภารกิจตามมติ)", contract=True),
    Code("MIXED_NUMERALS", "warning", "ตัวเลขไทยและอารบิกปนกัน",
         "ตัวเลขเดียวหรือรายการเดียวใช้ทั้งเลขไทยและเลขอารบิก", "ตัวเลขอาจถูกพิมพ์ผิด",
         "Thai and Arabic digits in one number, or in one numbered list", contract=True),
    Code("LIST_NUMBERING", "warning", "เลขข้อในรายการซ้ำหรือข้าม",
         "รายการมีเลขข้อซ้ำหรือข้าม", "อาจมีข้อที่ตกหล่น",
         "a list whose numbering repeats or skips (in a section's fields, or the risk table's risks and "
         "measures within a step)"),
    Code("RISK_MEASURE_UNMATCHED", "info", "มาตรการควบคุมความเสี่ยงไม่มีโครงการรองรับ",
         "มาตรการในตารางประเมินความเสี่ยงไม่ตรงกับโครงการใดในส่วนที่ 3",
         "ความเสี่ยงนั้นอาจไม่มีการดำเนินการ", "a control measure named in the risk table with no section behind it"),
    Code("TABLE_CELL_UNSPLIT", "info", "แยกงบประมาณในช่องรวมไม่ได้",
         "ช่องงบประมาณที่รวมหลายรายการมีจำนวนค่าไม่เท่ากับจำนวนรายการ",
         "งบประมาณรายโครงการอาจไม่ครบ จึงเว้นว่างไว้แทนการเดา",
         "a packed table cell whose values do not fit its entries", other="warning when amounts were left empty"),
    Code("DOCUMENT_TRUNCATED", "warning", "เอกสารถูกตัด", "เอกสารจบกลางรายละเอียดโครงการสุดท้าย",
         "ส่วนท้ายของแผนอาจหายไป", "the document ends inside its last section"),
    Code("MISSING_HEADING", "warning", "ไม่มีหัวข้อมิติ",
         "ไม่พบหัวข้อมิติที่ในส่วนที่ 3 จึงเริ่มมิติจากภารกิจแรก (N.1)", "การจัดโครงการเข้ามิติอาจผิด",
         "a dimension with no มิติที่ heading in Part 3 (opened from its first mission, N.1)"),
    Code("EMPTY_SUBMISSION", "info", "ภารกิจย่อยไม่มีโครงการ", "หัวข้อภารกิจย่อยไม่มีโครงการอยู่ใต้",
         "ภารกิจย่อยนั้นอาจไม่มีการดำเนินการ", "a sub-mission heading with no section under it"),
    Code("DUPLICATE_TEXT", "info", "ข้อความซ้ำ", "หลักการและเหตุผลของสองโครงการเหมือนกันทุกตัวอักษร",
         "อาจคัดลอกมาโดยไม่ได้ปรับ", "the same rationale copied into two sections"),
    Code("SECTION_MARKER_MISSING", "warning", "ไม่มีหัวข้อลำดับที่",
         "รายละเอียดโครงการเริ่มที่ชื่อโครงการโดยไม่มีหัวข้อลำดับที่ N",
         "เลขลำดับของโครงการนั้นไม่ทราบ", "a section that starts at its title with no ลำดับที่ N before it",
         other="info when the plan numbers none of its sections (a style)"),
    Code("PART_UNREAD", "error", "อ่านส่วนของแผนไม่ได้",
         "พบหัวข้อของส่วนใดส่วนหนึ่ง (เช่น ส่วนที่ 2 หรือหัวข้อชื่อโครงการ) แต่อ่านข้อมูลจากส่วนนั้นไม่ได้เลย",
         "ข้อมูลทั้งส่วนจะหายไปจากผลลัพธ์ ต้องตรวจเอกสารต้นฉบับ",
         "a part whose heading is present but from which nothing was read (names the part and its lines)"),
    Code("PART_MISSING", "error", "ไม่พบส่วนของแผน",
         "ไม่พบตารางสรุปโครงการ (ส่วนที่ 2) หรือรายละเอียดโครงการ (ส่วนที่ 3) ในเอกสารเลย หรือพบเพียงหัวข้อที่ไม่มีเนื้อหา",
         "ข้อมูลทั้งส่วนไม่มีในผลลัพธ์ อาจเป็นเอกสารไม่ครบหรือแยกไฟล์ ต้องตรวจเอกสารต้นฉบับ",
         "the summary table (Part 2) or the project sections (Part 3) are not in the document at all, or "
         "only their heading is"),
    Code("UNREAD_TEXT", "warning", "มีข้อความที่ไม่ได้อ่าน",
         "ข้อความช่วงหนึ่งในส่วนที่ 2 หรือส่วนที่ 3 ไม่เข้ากับโครงสร้างใดจึงไม่ได้ถูกอ่านเป็นข้อมูล",
         "อาจมีข้อมูลตกหล่นโดยไม่รู้ตัว", "a run of lines inside Part 2 or Part 3 that no rule read (with the "
         "line range)"),
    Code("OCR_UNCONFIRMED", "warning", "ตัวเลขจาก OCR ที่ไม่มีสิ่งใดยืนยัน",
         "ตัวเลข (งบประมาณ ปี จำนวน เลขลำดับที่) ในหน้าที่อ่านด้วย OCR ซึ่งไม่มีส่วนอื่นในเอกสารยืนยัน "
         "เช่น งบประมาณในตารางสรุปที่ไม่ตรงกับรายละเอียดโครงการและยอดรวม; หรือเลขลำดับที่ที่ OCR อ่านไม่ได้และกำหนดจากตำแหน่ง",
         "OCR อ่านเลขไทยผิดบ่อย ตัวเลขที่ไม่มีสิ่งใดยืนยันอาจผิด ต้องตรวจกับหน้ากระดาษก่อนใช้",
         "a number on a page read by OCR (an amount, a year, a count, a section number) that no other "
         "reading in the document confirms; kept, marked in the outputs, with its page"),
    Code("SPELLING", "info", "คำที่อาจสะกดผิด",
         "คำในชื่อโครงการ หัวข้อ ช่องข้อมูลสั้น หรือตารางความเสี่ยง ที่ไม่มีในพจนานุกรมภาษาไทย ตัวอักษรที่ถูกเว้นวรรค "
         "หรือคำที่ซ้ำติดกัน (ตรวจเมื่อสั่ง --spelling เท่านั้น)",
         "ชื่อที่สะกดผิดทำให้ค้นหาและจับคู่โครงการไม่พบ และทำให้เอกสารดูไม่น่าเชื่อถือ",
         "with --spelling only: a word of a title, heading, short field or risk cell that is not in the "
         "Thai dictionary, letters spaced out, or a word written twice; with a suggestion"),
    Code("CONTROL_CHARACTERS", "info", "ลบอักขระควบคุม", "ข้อมูลนำเข้ามีอักขระควบคุมที่สเปรดชีตไม่รับ จึงลบออก",
         "ไม่มีผลต่อข้อมูล แต่บอกว่าไฟล์ต้นฉบับผิดปกติ", "control characters removed from the input"),
    Code("TEXT_LAYER_UNREADABLE", "warning", "ชั้นข้อความของหน้า PDF อ่านไม่ได้",
         "ข้อความที่ฝังในหน้า PDF เป็นอักขระขยะ (อักษรไทยถูกเลื่อนไปช่วงอักษรอื่น รหัสรูปอักษร หรือชั้น OCR ของเครื่องสแกน"
         "ที่อ่านไทยเป็นอักษรละติน) จึงอ่านหน้านั้นด้วย OCR แทน หรือไม่นำข้อความนั้นมาใช้",
         "ข้อความขยะที่ส่งต่อไปจะกลายเป็นข้อมูลผิด ข้อความจาก OCR ควรตรวจกับหน้ากระดาษ",
         "a PDF page's text layer is garbage (Thai shifted into another script, glyph codes, a scanner's Latin OCR "
         "layer): the page is read by OCR instead, at the page's first line",
         other="error when it is left out (--ocr never, or OCR missing): its text is not in the outputs"),
    Code("TEXT_LAYER_DECODED", "info", "ถอดรหัสชั้นข้อความของหน้า PDF",
         "ข้อความที่ฝังในหน้า PDF มีอักษรไทยถูกเลื่อนไปอยู่ในช่วงอักษรอื่นอย่างคงที่ (เช่น รายงานจาก Reporting Services) "
         "จึงถอดกลับเป็นอักษรไทยได้ตรงทุกตัว",
         "ข้อความที่ได้ถูกแปลงจากรหัสที่ผิด ควรตรวจกับหน้ากระดาษ",
         "a PDF page's text layer had Thai shifted into another block by a known one-to-one map, decoded back"),
    Code("TEXT_REPAIRED", "info", "ซ่อมแซมข้อความ",
         "ตัวอ่านหรือขั้นตอนปรับข้อความได้ซ่อมข้อความที่เสียหาย (เช่น สระและวรรณยุกต์สลับที่ ตัวอักษรพิเศษของฟอนต์)",
         "ข้อความที่ได้อาจต่างจากต้นฉบับเล็กน้อย ควรตรวจกับต้นฉบับ",
         "the text was rebuilt or repaired while reading (one per kind of repair, with its count)"),
]
CODES: dict[str, Code] = {c.code: c for c in _CODES}


def finding(code: str, line: int | None, message: str, severity: str | None = None, **fields) -> Finding:
    """A Finding of a registered code, at its usual severity unless told otherwise."""
    entry = CODES[code]  # KeyError for an unregistered code: a bug, caught by the tests
    return Finding(code, severity or entry.severity, line, message, **fields)


def markdown_table() -> str:
    """The README's table of codes (a test keeps the README equal to it)."""
    rows = ["| code | severity | Thai title | when |", "|---|---|---|---|"]
    for c in _CODES:
        code = c.code if c.contract else f"*{c.code}*"
        severity = c.severity + (f" ({c.other})" if c.other else "")
        rows.append(f"| {code} | {severity} | {c.title} | {c.english} |")
    return "\n".join(rows)
