"""Rewrite a plan the way other clerks lay out the same template, without changing its data.

Each variant is a function text -> text. `signature(plan)` is what must come out the same: the
projects and their fields, the summary table with its budgets, and (compared separately) the
errors and warnings. The metamorphic tests (test_variants.py) apply every variant, alone and in
combinations, to the real plan and to the project's own fixtures.
"""
from __future__ import annotations

import re

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
FIELD_LINE = re.compile(r"^([0-9๐-๙]{1,2})\.\s*(?=ชื่อโครงการ|หลักการ|วัตถุประสงค์|กลุ่มเป้าหมาย|เป้าหมาย|พื้นที่|วิธี|ระยะเวลา"
                        r"|งบประมาณ|ผู้รับผิดชอบ|ผลผลิต|ตัวชี้วัด)")
SECTION_LINE = re.compile(r"^ลำดับที่\s*([0-9๐-๙]{1,4})\s*$")
COMBINING = set("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")


# --- where the parts are ----------------------------------------------------------------------------

def _plain(line: str) -> str:
    """The line as a variant that damaged its characters would have it undamaged (for finding parts)."""
    for old, new in (("\u0e48\u0e35", "\u0e35\u0e48"), ("\u0e4d\u0e32", "\u0e33"), ("\u00a0", " "),
                     ("\u200b", ""), ("\u00ad", "")):
        line = line.replace(old, new)
    return line.strip()


def part3_index(lines: list[str]) -> int:
    for i, line in enumerate(lines):
        if re.match(r"^ส่วนที่\s*[3๓]\s*$", _plain(line)):
            return i
    return next(i for i, line in enumerate(lines) if re.match(r"^\(?ลำ\S*ดับ\s*ที่", _plain(line)))


def table_rows(lines: list[str]) -> list[int]:
    """Indices of the summary table's rows: tab lines between its first header and Part 3."""
    end = part3_index(lines)
    start = next(i for i, line in enumerate(lines[:end]) if "\t" in line and (
        _is_header(line) or _is_header(line + lines[i + 1])))
    return [i for i in range(start, end) if "\t" in lines[i]]


def _is_header(line: str) -> bool:
    return bool(re.search(r"โครงการ/|ชื่อกิจกรรม|ภารกิจ", line)) and len(re.findall(r"[0-9๐-๙]{4}", line)) >= 2


def _is_unit_row(line: str) -> bool:
    cells = [c.strip() for c in line.split("\t") if c.strip()]
    return bool(cells) and all(c.startswith("งบประมาณ") for c in cells)


def _map_table(text: str, fn) -> str:
    lines = text.split("\n")
    for i in table_rows(lines):
        lines[i] = fn(lines[i])
    return "\n".join(lines)


def _map_part3(text: str, fn) -> str:
    lines = text.split("\n")
    start = part3_index(lines)
    return "\n".join(lines[:start] + [fn(line) for line in lines[start:]])


def _width(text: str) -> int:
    return sum(1 for ch in text if ch not in COMBINING)


# --- Part 3 -----------------------------------------------------------------------------------------

def section_spaced(text: str) -> str:
    return re.sub(r"(?m)^ลำดับที่(\s*[0-9๐-๙])", r"ลำดับ ที่\1", text)


def section_parenthesised(text: str) -> str:
    return re.sub(r"(?m)^ลำดับที่\s*([0-9๐-๙]+)\s*$", r"(ลำดับที่ \1)", text)


def section_by_kind(text: str) -> str:
    """โครงการที่ N for ลำดับที่ N (a line of a field numbering its activities so must stay text)."""
    return re.sub(r"(?m)^ลำดับที่[ \t]*([0-9๐-๙]+)[ \t]*$", r"โครงการที่ \1", text)


def no_section_markers(text: str) -> str:
    """No ลำดับที่ N at all: each section starts at its title (the numbers are lost, nothing else)."""
    return re.sub(r"(?m)^ลำดับที่[ \t]*[0-9๐-๙]+[ \t]*$", "", text)


def section_glued(text: str) -> str:
    return re.sub(r"(?m)^ลำดับที่\s+([0-9๐-๙]+)\s*$", r"ลำดับที่\1", text)


def tone_before_vowel(text: str) -> str:
    """Tone marks typed before their vowel (ท่ี for ที่), everywhere."""
    return re.sub("([\u0e34-\u0e37\u0e31])([\u0e48-\u0e4b])", r"\2\1", text)


def decomposed_am(text: str) -> str:
    return text.replace("\u0e33", "\u0e4d\u0e32")


def stray_aa(text: str) -> str:
    return text.replace("ลำดับที่", "ลำาดับที่").replace("ดำเนิน", "ดำาเนิน")


def invisible_characters(text: str) -> str:
    """Zero-width spaces after spaces, non-breaking spaces, soft hyphens inside long words."""
    text = text.replace("การ", "การ\u00ad").replace("เพื่อ", "\u200bเพื่อ")
    return re.sub(r"(?<=[\u0e01-\u0e4e]) (?=[\u0e01-\u0e4e])", "\u00a0", text, count=200)


def field_number_forms(form: str):
    def variant(text: str) -> str:
        def fix(line: str) -> str:
            m = FIELD_LINE.match(line)
            if not m:
                return line
            n, rest = m.group(1), line[m.end():]
            return {"bare": f"{n} {rest}", "paren": f"({n}) {rest}", "kho": f"ข้อ {n} {rest}",
                    "split": f"{n}.\n{rest}", "tight": f"{n}.{rest}", "paren_close": f"{n}) {rest}"}[form]
        return _map_part3(text, fix)
    variant.__name__ = f"field_numbers_{form}"
    return variant


WORDINGS = [("กลุ่มเป้าหมาย", "เป้าหมาย"), ("วิธีดำเนินการ", "ขั้นตอนการดำเนินงาน"),
            ("ระยะเวลาดำเนินการ", "ระยะเวลาดำเนินโครงการ"), ("งบประมาณดำเนินการ", "งบประมาณโครงการ"),
            ("ผู้รับผิดชอบโครงการ", "หน่วยงานผู้รับผิดชอบ"), ("ผู้รับผิดชอบ", "หน่วยงานผู้รับผิดชอบ"),
            ("ผลผลิต/ผลลัพธ์", "ผลที่คาดว่าจะได้รับ"), ("หลักการและเหตุผล", "หลักการเหตุผล")]


def field_wordings(text: str) -> str:
    def fix(line: str) -> str:
        m = FIELD_LINE.match(line)
        if not m:
            return line
        rest = line[m.end():]
        for old, new in WORDINGS:
            if rest.startswith(old):
                return line[:m.end()] + new + rest[len(old):]
        return line
    return _map_part3(text, fix)


def dotted_outputs(text: str) -> str:
    """Outputs numbered 1.1, 2.1, 3.1 (a style some clerks use) instead of 1), 2), 3)."""
    lines = text.split("\n")
    inside = False
    for i in range(part3_index(lines), len(lines)):
        stripped = lines[i].strip()
        if stripped == "ผลผลิต":
            inside = True
        elif stripped == "ผลลัพธ์" or SECTION_LINE.match(stripped):
            inside = False
        elif inside:
            lines[i] = re.sub(r"^(?:-\s*)?([0-9๐-๙])\)\s*",
                              lambda m: f"{m.group(1)}.{'๑' if m.group(1) in '๐๑๒๓๔๕๖๗๘๙' else '1'} ", lines[i])
    return "\n".join(lines)


def dimension_glued(text: str) -> str:
    return _map_part3(text, lambda line: re.sub(r"^(ม\S*ติที่)\s*([0-9๐-๙])\s+", r"\1\2", line))


def restart_per_dimension(text: str) -> str:
    """ลำดับที่ numbered from 1 again in each dimension."""
    lines = text.split("\n")
    count = 0
    for i in range(part3_index(lines), len(lines)):
        stripped = lines[i].strip()
        if re.match(r"^ม\S*ติที่\s*[0-9๐-๙]", stripped):
            count = 0
        m = SECTION_LINE.match(stripped)
        if m:
            count += 1
            number = str(count).translate(THAI_DIGITS) if m.group(1)[0] in "๐๑๒๓๔๕๖๗๘๙" else str(count)
            lines[i] = f"ลำดับที่ {number}"
    return "\n".join(lines)


def thai_digits_part3(text: str) -> str:
    return _map_part3(text, lambda line: line.translate(THAI_DIGITS))


def arabic_digits(text: str) -> str:
    return text.translate(ARABIC)


def no_blank_lines(text: str) -> str:
    lines = text.split("\n")
    start = part3_index(lines)
    return "\n".join(lines[:start] + [line for line in lines[start:] if line.strip()])


def indented(text: str) -> str:
    return _map_part3(text, lambda line: ("    " + line) if line.strip() and "\t" not in line else line)


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def hard_wrap(width: int = 70):
    """Part 3's long lines broken at `width` columns, at a space where there is one (the space
    is lost, as in a PDF) and before ระบุ when it falls near the end of a line."""
    def wrap(line: str) -> list[str]:
        out = []
        while _width(line) > width:
            cut, seen = len(line), 0
            for k, ch in enumerate(line):
                seen += ch not in COMBINING
                if seen > width:
                    cut = k
                    break
            near = line.rfind("ระบุ", 0, cut)
            space = line.rfind(" ", 0, cut)
            if near > cut - 15 and near > 10:
                cut = near
            elif space > cut - 20:
                cut = space
            while cut < len(line) and line[cut] in COMBINING:
                cut += 1
            out.append(line[:cut].rstrip())
            line = line[cut:].lstrip()
        return out + [line]

    def variant(text: str) -> str:
        lines = text.split("\n")
        start = part3_index(lines)
        body = [piece for line in lines[start:] for piece in ([line] if "\t" in line else wrap(line))]
        return "\n".join(lines[:start] + body)
    variant.__name__ = f"hard_wrap_{width}"
    return variant


def page_furniture(every: int = 40):
    """Page breaks: a page number and a running header (with the organisation) every `every`
    lines of Part 3, and a dozen lines of furniture between the pages of the summary table."""
    def variant(text: str) -> str:
        lines = text.split("\n")
        header = next((ln.strip() for ln in lines[:12] if ln.strip().startswith("ขององค์") or
                       ln.strip().startswith("ของเทศบาล")), "แผนปฏิบัติการป้องกันการทุจริต")
        page = [10]

        def furniture(table: bool) -> list[str]:
            page[0] += 1
            block = ["", f"- {page[0]} -", "", f"แผนปฏิบัติการป้องกันการทุจริต {header}", ""]
            if table:
                block = ["", "", f"- {page[0]} -", "", f"แผนปฏิบัติการป้องกันการทุจริต {header}",
                         "ส่วนที่ 2", "", "(ต่อ)", "", "", "", ""]
            return block

        rows = set(table_rows(lines))
        start = part3_index(lines)
        out = []
        since = 0
        for i, line in enumerate(lines):
            if i in rows and _is_header(line) and i > min(rows):
                out += furniture(True)
            if i > start and since >= every and line.strip() and "\t" not in line:
                out += furniture(False)
                since = 0
            out.append(line)
            since += 1
        return "\n".join(out)
    variant.__name__ = f"page_furniture_{every}"
    return variant


# --- Part 2 ---------------------------------------------------------------------------------------

def table_spaces(text: str) -> str:
    """The summary table's columns aligned with spaces (text copied from a PDF)."""
    lines = text.split("\n")
    rows = table_rows(lines)
    blocks: list[list[int]] = []
    for i in rows:
        if blocks and blocks[-1][-1] == i - 1:
            blocks[-1].append(i)
        else:
            blocks.append([i])
    widths: dict[int, int] = {}
    for i in rows:
        for c, cell in enumerate(lines[i].split("\t")):
            widths[c] = max(widths.get(c, 0), _width(" ".join(cell.split())))
    for i in rows:
        cells = [" ".join(cell.split()) for cell in lines[i].split("\t")]
        lines[i] = "".join(cell + " " * (widths[c] - _width(cell) + 3) for c, cell in enumerate(cells)).rstrip()
    return "\n".join(lines)


def year_header(form: str):
    def variant(text: str) -> str:
        def fix(line: str) -> str:
            if not _is_header(line):
                return line
            replace = {"pss": r"พ.ศ. \1", "bare": r"\1", "fiscal": r"ปีงบประมาณ \1", "unit": r"ปี \1 (บาท)"}[form]
            return re.sub(r"ปี\s*([0-9๐-๙]{4})", replace, line)
        return _map_table(text, fix)
    variant.__name__ = f"year_header_{form}"
    return variant


def two_row_header(text: str) -> str:
    """The header's years on a second row, the names (and งบประมาณ) on the first."""
    lines = text.split("\n")
    rows = table_rows(lines)
    for i in rows:
        if _is_header(lines[i]) and i + 1 < len(lines) and _is_unit_row(lines[i + 1]):
            cells = lines[i].split("\t")
            years = [c if re.search(r"[0-9๐-๙]{4}", c) else "" for c in cells]
            names = ["งบประมาณ (บาท)" if y else c for c, y in zip(cells, years)]
            lines[i], lines[i + 1] = "\t".join(names), "\t".join(years)
    return "\n".join(lines)


def activity_header(text: str) -> str:
    return _map_table(text, lambda line: line.replace("โครงการ/กิจกรรม/มาตรการ", "ชื่อกิจกรรม")
                      if _is_header(line) else line)


def total_labels(text: str) -> str:
    def fix(line: str) -> str:
        cells = line.split("\t")
        if len(cells) > 1 and cells[1].strip() == "รวม":
            cells[1] = "รวม :"
        elif len(cells) > 1 and cells[1].strip() == "รวมทั้งสิ้น":
            cells[1] = "รวมทั้งหมด"
        return "\t".join(cells)
    return _map_table(text, fix)


def total_labels_budget(text: str) -> str:
    return _map_table(text, lambda line: line.replace("\tรวม\t", "\tรวมงบประมาณ\t"))


def cell_prefixes(text: str) -> str:
    """Mission cells written ภารกิจที่ 1.1 …, dimension cells มิติที่ 1 …"""
    def fix(line: str) -> str:
        cells = line.split("\t")
        if len(cells) > 2:
            cells[0] = re.sub(r"^([0-9๐-๙])\.\s*", r"มิติที่ \1 ", cells[0])
            cells[1] = re.sub(r"^([0-9๐-๙]\.[0-9๐-๙]{1,2})\s", r"ภารกิจที่ \1 ", cells[1])
        return "\t".join(cells)
    return _map_table(text, fix)


def empty_no_budget_cells(text: str) -> str:
    """A lone '-' year cell written as ไม่ใช้งบประมาณ."""
    def fix(line: str) -> str:
        cells = line.split("\t")
        return "\t".join("ไม่ใช้งบประมาณ" if k >= 3 and c.strip() == "-" else c for k, c in enumerate(cells))
    return _map_table(text, fix)


# --- values ----------------------------------------------------------------------------------------

def budget_forms(form: str):
    def variant(text: str) -> str:
        def fix(line: str) -> str:
            m = re.match(r"^([0-9๐-๙]{1,3}(?:,[0-9๐-๙]{3})+) บาท$", line.strip())
            if m:
                amount = m.group(1)
                plain = amount.translate(ARABIC).replace(",", "")
                return {"dash": f"{amount}.- บาท", "space": amount.replace(",", " ") + " บาท",
                        "bor": f"{amount} บ.", "yearly": f"ปีละ {amount} บาท",
                        "million": f"{int(plain) / 1_000_000:g} ล้านบาท",
                        "itemised": f"ค่าใช้จ่าย {int(plain) - 1000:,} บาท\nค่าวัสดุ 1,000 บาท\nรวม {amount} บาท"}[form]
            if line.strip() == "ไม่ใช้งบประมาณ":
                return {"dash": "- บาท", "space": "ไม่ใช้ งบประมาณ", "bor": "ไม่ได้ตั้งงบประมาณ",
                        "yearly": "ไม่เสียค่าใช้จ่าย", "million": "ไม่ใช้งบประมาณ", "itemised": "ไม่ใช้งบประมาณ"}[form]
            return line
        return _map_part3(text, fix)
    variant.__name__ = f"budget_{form}"
    return variant


def period_forms(text: str) -> str:
    """A period that starts in October of the year before, or names a regulation's year."""
    def fix(line: str) -> str:
        m = re.match(r"^ปีงบประมาณ พ\.ศ\. ([0-9๐-๙]{4}) [-–] ([0-9๐-๙]{4})$", line.strip())
        if not m:
            return line
        start = int(m.group(1).translate(ARABIC))
        return (f"ตั้งแต่ ต.ค. {start - 1} - ก.ย. {m.group(2)} (ปีงบประมาณ {start}-{m.group(2)}) "
                f"ตามระเบียบกระทรวงมหาดไทย พ.ศ. 2561")
    return _map_part3(text, fix)


def head_count_forms(text: str) -> str:
    """จำนวน 65 คน written as a total with its breakdown in brackets."""
    def fix(line: str) -> str:
        m = re.search(r"จำนวน ([0-9๐-๙]+) คน$", line.strip())
        if not m:
            return line
        n = int(m.group(1).translate(ARABIC))
        if n % 5 == 0 and n >= 10:
            return line[:line.rfind("จำนวน")] + f"รวม {n} คน (ผู้บริหาร 5 คน และพนักงาน {n - 5} คน)"
        return line
    return _map_part3(text, fix)


ALONE = [
    section_spaced, section_parenthesised, section_glued, section_by_kind, no_section_markers, tone_before_vowel, decomposed_am, stray_aa,
    invisible_characters, field_number_forms("bare"), field_number_forms("paren"), field_number_forms("kho"),
    field_number_forms("split"), field_number_forms("tight"), field_number_forms("paren_close"),
    field_wordings, dotted_outputs, dimension_glued, restart_per_dimension, thai_digits_part3, arabic_digits,
    no_blank_lines, indented, crlf, hard_wrap(70), hard_wrap(95), page_furniture(40), page_furniture(23),
    table_spaces, year_header("pss"), year_header("bare"), year_header("fiscal"), year_header("unit"),
    two_row_header, activity_header, total_labels, total_labels_budget, cell_prefixes, empty_no_budget_cells,
    budget_forms("dash"), budget_forms("space"), budget_forms("bor"), budget_forms("yearly"),
    budget_forms("million"), budget_forms("itemised"), period_forms, head_count_forms,
]
# combinations: one choice per axis, applied in this order (identity is always a choice)
AXES = [
    [restart_per_dimension, dotted_outputs],
    [field_number_forms("bare"), field_number_forms("paren"), field_number_forms("kho"), field_number_forms("split")],
    [field_wordings],
    [budget_forms("dash"), budget_forms("bor"), budget_forms("itemised"), period_forms, head_count_forms],
    [year_header("pss"), year_header("bare"), two_row_header],
    [activity_header, total_labels, cell_prefixes],
    [page_furniture(40)],
    [hard_wrap(70)],
    [table_spaces],
    [section_spaced, section_parenthesised, section_by_kind, no_section_markers, dimension_glued],
    [tone_before_vowel, decomposed_am, invisible_characters, thai_digits_part3],
    [no_blank_lines, indented],
    [crlf],
]


# --- what must come out the same ------------------------------------------------------------------

def _squeeze(text) -> str:
    """Text without whitespace; a list as its items' text run together (where a paragraph breaks
    is layout: a wrapped paragraph in the source may be joined in a variant)."""
    if isinstance(text, list):
        return "".join(_squeeze(t) for t in text)
    return "".join(str(text).split()).replace("\u00ad", "")


def _numbered(plan_project, name: str) -> int:
    return sum(1 for item in plan_project.items.get(name, []) if item.number is not None)


PROJECT_KEYS = ("dimension_no", "mission_code", "submission_code", "title", "rationale", "objectives",
                "target_count", "methods", "start_year", "end_year", "budget_baht", "responsible",
                "outputs", "outcomes")


def signature(plan, keys=PROJECT_KEYS, seq=True, skip=frozenset()) -> dict:
    keys = tuple(k for k in keys if k not in skip)
    projects = [tuple([p.seq_no] if seq else []) + tuple(_squeeze(getattr(p, k)) if isinstance(getattr(p, k), (str, list))
                                                         else getattr(p, k) for k in keys)
                + tuple(_numbered(p, k) for k in ("objectives", "methods", "outputs", "outcomes"))
                for p in plan.projects]
    table = [(e.entry_no, e.dimension_no, e.mission_code, _squeeze(e.title), tuple(sorted(e.budgets.items())),
              e.matched_order) for e in plan.table]
    return {"projects": projects, "table": table, "years": plan.fiscal_years}


def problems(plan) -> dict:
    """Errors and warnings by code (how many of each)."""
    out: dict[str, int] = {}
    for f in plan.findings:
        if f.severity in ("error", "warning"):
            out[f.code] = out.get(f.code, 0) + 1
    return out


# fields a variant rewrites on purpose (not compared): in the 2561-2564 edition the target
# group (เป้าหมาย/ผลผลิต) is also the outputs
CHANGES = {"head_count_forms": {"outputs"}}


def skipped(variants) -> set[str]:
    return {key for v in variants for key in CHANGES.get(v.__name__, ())}
