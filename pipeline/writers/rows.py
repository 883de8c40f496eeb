"""The rows every writer shows, built once from the model: projects, the summary table, the
budget in long form, findings, the risk register and the targets, with their column names
(English, for files), their types (datapackage.json, the database) and Thai headers and values
(for people). Also the rows of the run-wide outputs (_all/, plans.sqlite): the same tables with
the document in front, in columns that do not depend on the plan's fiscal years."""
from __future__ import annotations

from pathlib import Path

from ..findings import CODES, SEVERITIES, SEVERITY_THAI
from ..model import Plan

PROJECT_COLUMNS = [
    "order", "seq_no", "dimension_no", "mission_code", "submission_code", "title", "rationale",
    "objectives", "target_group", "target_count", "methods", "period_text", "start_year", "end_year",
    "budget_text", "budget_baht", "responsible", "outputs", "outcomes", "line_start", "line_end",
    # additions (README data dictionary)
    "target_unit", "budget_has_unit", "summary_entry_no", "finding_count", "worst_severity",
    "area", "budget_by_year", "page", "ocr_confidence", "ocr_unconfirmed",
]
ISSUE_COLUMNS = ["code", "severity", "line", "order", "seq_no", "entry_no", "field", "message",
                 "evidence", "expected", "found", "page", "location"]
BUDGET_COLUMNS = ["entry_no", "matched_order", "title", "fiscal_year", "amount_baht", "dimension_no", "mission_code"]
THAI_HEADERS = {
    "order": "ลำดับในเอกสาร", "seq_no": "ลำดับที่", "dimension_no": "มิติที่", "mission_code": "ภารกิจ",
    "submission_code": "ภารกิจย่อย", "title": "ชื่อโครงการ", "rationale": "หลักการและเหตุผล",
    "objectives": "วัตถุประสงค์", "target_group": "กลุ่มเป้าหมาย", "target_count": "จำนวนเป้าหมาย (คน)",
    "methods": "วิธีดำเนินการ", "period_text": "ระยะเวลาดำเนินการ", "start_year": "ปีเริ่ม", "end_year": "ปีสิ้นสุด",
    "budget_text": "งบประมาณ (ตามที่เขียน)", "budget_baht": "งบประมาณ (บาท)", "responsible": "ผู้รับผิดชอบ",
    "outputs": "ผลผลิต", "outcomes": "ผลลัพธ์", "line_start": "บรรทัดแรก", "line_end": "บรรทัดสุดท้าย",
    "target_unit": "หน่วยเป้าหมาย", "budget_has_unit": "ระบุหน่วยบาท", "summary_entry_no": "รายการในตารางสรุป",
    "finding_count": "จำนวนข้อค้นพบ", "worst_severity": "ระดับรุนแรงสุด",
    "entry_no": "รายการที่", "matched_order": "ลำดับในส่วนที่ 3", "line": "บรรทัด", "code": "รหัส",
    "severity": "ระดับ", "field": "หัวข้อ", "message": "คำอธิบาย", "evidence": "ข้อความในเอกสาร",
    "expected": "ค่าที่ควรเป็น", "found": "ค่าที่พบ", "match_score": "ความคล้ายของชื่อ (%)",
    "step_no": "ลำดับขั้นตอน", "step": "ขั้นตอนการดำเนินงาน", "risk_no": "ข้อ", "risk": "ประเด็นความเสี่ยงการทุจริต",
    "risk_score": "Risk Score", "control_measures": "มาตรการควบคุมความเสี่ยง", "measure_orders": "โครงการที่ตรงกัน (ลำดับในส่วนที่ 3)",
    "indicator": "ค่าเป้าหมาย", "unit": "หน่วย",
}


# --- rows -------------------------------------------------------------------------------------

def _severity_by_order(plan: Plan) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for f in plan.findings:
        if f.order is not None:
            out.setdefault(f.order, []).append(f.severity)
    return out


def worst(severities: list[str]) -> str:
    return next((s for s in SEVERITIES if s in severities), "")


def unconfirmed_fields(plan: Plan, what: str) -> dict[int, str]:
    """Per section order (or entry position): the fields whose OCR-read numbers nothing confirms."""
    out: dict[int, list[str]] = {}
    for u in plan.unconfirmed:
        if u.what == what and u.key is not None:
            out.setdefault(u.key, []).append(u.field)
    return {key: "; ".join(dict.fromkeys(fields)) for key, fields in out.items()}


def ocr_summary(plan: Plan) -> dict | None:
    """How much of the plan came from OCR, how sure OCR was, and the numbers nothing confirms."""
    read = [ln for ln in plan.lines if ln.ocr is not None]
    if not read:
        return None
    text_lines = [ln for ln in plan.lines if ln.text]
    return {"pages": len({ln.page for ln in read}), "lines": len(read),
            "share": round(len(read) / max(len(text_lines), 1), 3),
            "mean_confidence": round(sum(ln.ocr for ln in read) / len(read), 1),
            "unconfirmed": [{name: getattr(u, name) for name in u.__dataclass_fields__} for u in plan.unconfirmed]}


def ocr_confidence(plan: Plan, first: int, last: int) -> float | None:
    """Mean OCR confidence of these lines (None when none was read by OCR)."""
    values = [ln.ocr for ln in plan.lines[first - 1:last] if ln.ocr is not None]
    return round(sum(values) / len(values), 1) if values else None


def project_rows(plan: Plan) -> list[dict]:
    entry_of = {e.matched_order: e.entry_no for e in plan.table if e.matched_order is not None}
    severities = _severity_by_order(plan)
    pages = {ln.number: ln.page for ln in plan.lines if ln.page is not None}
    unconfirmed = unconfirmed_fields(plan, "section") if plan.unconfirmed else {}
    rows = []
    for p in plan.projects:
        rows.append({
            "order": p.order, "seq_no": p.seq_no, "dimension_no": p.dimension_no,
            "mission_code": p.mission_code, "submission_code": p.submission_code, "title": p.title,
            "rationale": p.rationale, "objectives": "\n".join(p.objectives),
            "target_group": p.target_group, "target_count": p.target_count,
            "methods": "\n".join(p.methods), "period_text": p.period_text,
            "start_year": p.start_year, "end_year": p.end_year, "budget_text": p.budget_text,
            "budget_baht": _number(p.budget_baht), "responsible": p.responsible,
            "outputs": "\n".join(p.outputs), "outcomes": "\n".join(p.outcomes),
            "line_start": p.line_start, "line_end": p.line_end, "target_unit": p.target_unit,
            "budget_has_unit": p.budget_has_unit if p.budget_baht else None,
            "summary_entry_no": entry_of.get(p.order), "finding_count": len(severities.get(p.order, [])),
            "worst_severity": worst(severities.get(p.order, [])), "area": p.area,
            "budget_by_year": "; ".join(f"{y}: {_number(v)}" for y, v in sorted(p.budget_by_year.items())),
            "page": pages.get(p.line_start),
            "ocr_confidence": ocr_confidence(plan, p.line_start, p.line_end),
            "ocr_unconfirmed": unconfirmed.get(p.order, ""),
        })
    return rows


def _number(value: float | None):
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def summary_columns(plan: Plan) -> list[str]:
    return (["entry_no", "dimension_no", "mission_code", "title", "matched_order", "line"]
            + [f"budget_{y}" for y in plan.fiscal_years] + ["match_score", "ocr_unconfirmed"])


def summary_rows(plan: Plan) -> list[dict]:
    unconfirmed = unconfirmed_fields(plan, "entry") if plan.unconfirmed else {}
    rows = []
    for position, e in enumerate(plan.table, 1):
        row = {"entry_no": e.entry_no, "dimension_no": e.dimension_no, "mission_code": e.mission_code,
               "title": e.title, "matched_order": e.matched_order, "line": e.line}
        for y in plan.fiscal_years:
            row[f"budget_{y}"] = _number(e.budgets.get(y))
        row["match_score"] = e.match_score
        row["ocr_unconfirmed"] = unconfirmed.get(position, "")
        rows.append(row)
    return rows


def budget_rows(plan: Plan) -> list[dict]:
    return [{"entry_no": e.entry_no, "matched_order": e.matched_order, "title": e.title,
             "fiscal_year": y, "amount_baht": _number(e.budgets.get(y)), "dimension_no": e.dimension_no,
             "mission_code": e.mission_code}
            for e in plan.table for y in plan.fiscal_years]


RISK_COLUMNS = ["step_no", "step", "risk_no", "risk", "risk_score", "control_measures", "measure_orders", "line"]


def risk_rows(plan: Plan) -> list[dict]:
    """One row per risk item of Part 1's risk table, with its row's score and control measures;
    measure_orders gives, per measure, the order of the section it names (? when none: a list
    never starts with - , which a spreadsheet would take for a formula)."""
    return [{"step_no": r.step_no, "step": r.step, "risk_no": r.risk_no, "risk": r.risk, "risk_score": r.score,
             "control_measures": "\n".join(m.text for m in r.measures),
             "measure_orders": ", ".join(str(m.matched_order or "?") for m in r.measures), "line": r.line}
            for r in plan.risks]


def target_columns(plan: Plan) -> list[str]:
    years = sorted({y for t in plan.targets for y in t.values})
    return ["indicator", "unit"] + [f"value_{y}" for y in years] + ["line"]


def target_rows(plan: Plan) -> list[dict]:
    return [{"indicator": t.indicator, "unit": t.unit, "line": t.line,
             **{f"value_{y}": _number(v) for y, v in t.values.items()}} for t in plan.targets]


def issue_rows(plan: Plan) -> list[dict]:
    return [{k: getattr(f, k) for k in ISSUE_COLUMNS} for f in plan.findings]


# --- types -------------------------------------------------------------------------------------
# column -> Frictionless Table Schema type; every other column is a string (mission_code "1.2"
# included: read as a number it would lose what it means)
INTEGER = {"order", "seq_no", "dimension_no", "target_count", "start_year", "end_year", "line_start", "line_end",
           "summary_entry_no", "finding_count", "page", "entry_no", "matched_order", "line", "fiscal_year",
           "step_no", "risk_no", "size_bytes", "sections", "entries", "errors", "warnings", "infos", "position"}
NUMBER = {"budget_baht", "amount_baht", "match_score", "budget_total", "value", "ocr_confidence"}
BOOLEAN = {"budget_has_unit"}


def column_type(column: str) -> str:
    if column in INTEGER:
        return "integer"
    per_year = column.startswith(("budget_", "value_")) and column.rsplit("_", 1)[1].isdigit()
    if column in NUMBER or per_year:
        return "number"
    return "boolean" if column in BOOLEAN else "string"


# --- Thai for people (workbooks, report) -----------------------------------------------------------

def thai_header(column: str) -> str:
    if column.startswith("budget_") and column[7:].isdigit():
        return f"งบประมาณ ปี {column[7:]} (บาท)"
    if column.startswith("value_") and column[6:].isdigit():
        return f"ปี {column[6:]}"
    return THAI_HEADERS.get(column, column)


def thai_value(column: str, value):
    """What a workbook shows: severities and true/false in Thai; codes stay codes."""
    if column in ("severity", "worst_severity") and value:
        return SEVERITY_THAI.get(value, value)
    if isinstance(value, bool):
        return "ใช่" if value else "ไม่ใช่"
    if column == "status" and value:
        return STATUS_THAI.get(value, value)
    return value


STATUS_THAI = {"ok": "อ่านได้", "error": "อ่านไม่ได้", "unchanged": "ไม่เปลี่ยน (ข้าม)"}
THAI_HEADERS.update({
    "document": "เอกสาร", "organisation": "องค์กรปกครองส่วนท้องถิ่น", "district": "อำเภอ", "province": "จังหวัด",
    "area": "พื้นที่ดำเนินการ", "budget_by_year": "งบประมาณรายปี", "page": "หน้า", "location": "ตำแหน่ง",
    "title_th": "ชื่อข้อค้นพบ", "fiscal_year": "ปีงบประมาณ", "amount_baht": "จำนวนเงิน (บาท)",
    "fiscal_years": "ปีงบประมาณในตาราง", "budget_total": "งบประมาณรวมทุกปี (บาท)", "value": "ค่า",
    "text": "ข้อความ", "path": "ที่อยู่ไฟล์", "sha256": "SHA-256", "size_bytes": "ขนาด (ไบต์)", "kind": "ชนิดไฟล์",
    "edition": "ฉบับแม่แบบ", "sections": "จำนวนโครงการส่วนที่ 3", "entries": "จำนวนรายการส่วนที่ 2",
    "errors": "ผิดพลาด", "warnings": "เตือน", "infos": "ข้อสังเกต", "status": "สถานะ", "error": "ข้อผิดพลาดในการอ่าน",
    "position": "ลำดับแถว", "ocr_confidence": "ความมั่นใจของ OCR (%)",
    "ocr_unconfirmed": "ตัวเลขจาก OCR ที่ยังไม่ยืนยัน",
})


# --- the run-wide tables (_all/, plans.sqlite) ----------------------------------------------------

DOCUMENT_KEY = ["document", "organisation", "district", "province"]
DOCUMENT_COLUMNS = ["document", "path", "sha256", "size_bytes", "kind", "organisation", "district", "province",
                    "edition", "start_year", "end_year", "sections", "entries", "errors", "warnings", "infos",
                    "status", "error"]
# file in _all/ -> (database table, columns after DOCUMENT_KEY)
ALL_TABLES = {
    "projects.csv": ("projects", PROJECT_COLUMNS),
    "summary_table.csv": ("summary_entries", ["position", "entry_no", "dimension_no", "mission_code", "title",
                                              "matched_order", "line", "fiscal_years", "budget_total",
                                              "budget_by_year", "match_score", "ocr_unconfirmed"]),
    "budget.csv": ("budgets", ["position"] + BUDGET_COLUMNS),
    "issues.csv": ("findings", ["position"] + ISSUE_COLUMNS + ["title_th"]),
    "risks.csv": ("risks", ["position"] + RISK_COLUMNS),
    "targets.csv": ("targets", ["position", "indicator", "unit", "fiscal_year", "value", "text", "line"]),
}


def document_row(plan: Plan | None, name: str, path: Path, error: str = "", status: str = "") -> dict:
    """One row of documents.csv: what the input is and what came of it."""
    row = {"document": name, "path": str(path), "status": status or ("error" if error else "ok"), "error": error}
    if plan is not None:
        counts = {s: sum(f.severity == s for f in plan.findings) for s in SEVERITIES}
        row.update(sha256=plan.sha256, size_bytes=plan.size_bytes, kind=plan.kind, organisation=plan.organisation,
                   district=plan.district, province=plan.province, edition=plan.edition,
                   start_year=plan.start_year, end_year=plan.end_year, sections=len(plan.projects),
                   entries=len(plan.table), errors=counts["error"], warnings=counts["warning"], infos=counts["info"])
    return row


def all_rows(plan: Plan) -> dict[str, list[dict]]:
    """The rows of each _all/ file for one plan, without the document columns (added by the
    caller, who names the document)."""
    years = plan.fiscal_years
    unconfirmed = unconfirmed_fields(plan, "entry") if plan.unconfirmed else {}
    summary = [{"position": k, "entry_no": e.entry_no, "dimension_no": e.dimension_no,
                "mission_code": e.mission_code, "title": e.title, "matched_order": e.matched_order, "line": e.line,
                "fiscal_years": f"{years[0]}-{years[-1]}" if years else "",
                "budget_total": _number(sum(v for v in e.budgets.values() if v is not None)) if e.budgets else None,
                "budget_by_year": "; ".join(f"{y}: {_number(e.budgets.get(y))}" for y in years),
                "match_score": e.match_score, "ocr_unconfirmed": unconfirmed.get(k, "")}
               for k, e in enumerate(plan.table, 1)]
    budgets = [{"position": k, **row} for k, row in enumerate(budget_rows(plan), 1)]
    issues = [{"position": k, **row, "title_th": CODES[row["code"]].title}
              for k, row in enumerate(issue_rows(plan), 1)]
    risks = [{"position": k, **row} for k, row in enumerate(risk_rows(plan), 1)]
    targets = [{"position": k, "indicator": t.indicator, "unit": t.unit, "fiscal_year": y, "value": _number(v),
                "text": t.texts.get(y, ""), "line": t.line}
               for k, (t, y, v) in enumerate(((t, y, v) for t in plan.targets for y, v in sorted(t.values.items())), 1)]
    return {"projects.csv": project_rows(plan), "summary_table.csv": summary, "budget.csv": budgets,
            "issues.csv": issues, "risks.csv": risks, "targets.csv": targets}
