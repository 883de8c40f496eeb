"""The rows every writer shows, built once from the model: projects, the summary table, the
budget in long form, findings, the risk register and the targets, with their column names
(English, for files) and Thai headers (for people)."""
from __future__ import annotations

from ..findings import SEVERITIES
from ..model import Plan

PROJECT_COLUMNS = [
    "order", "seq_no", "dimension_no", "mission_code", "submission_code", "title", "rationale",
    "objectives", "target_group", "target_count", "methods", "period_text", "start_year", "end_year",
    "budget_text", "budget_baht", "responsible", "outputs", "outcomes", "line_start", "line_end",
    # additions (README data dictionary)
    "target_unit", "budget_has_unit", "summary_entry_no", "finding_count", "worst_severity",
    "area", "budget_by_year", "page",
]
ISSUE_COLUMNS = ["code", "severity", "line", "order", "seq_no", "entry_no", "field", "message",
                 "evidence", "expected", "found", "page", "location"]
BUDGET_COLUMNS = ["entry_no", "matched_order", "title", "fiscal_year", "amount_baht"]
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


def project_rows(plan: Plan) -> list[dict]:
    entry_of = {e.matched_order: e.entry_no for e in plan.table if e.matched_order is not None}
    severities = _severity_by_order(plan)
    pages = {ln.number: ln.page for ln in plan.lines if ln.page is not None}
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
        })
    return rows


def _number(value: float | None):
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def summary_columns(plan: Plan) -> list[str]:
    return (["entry_no", "dimension_no", "mission_code", "title", "matched_order", "line"]
            + [f"budget_{y}" for y in plan.fiscal_years] + ["match_score"])


def summary_rows(plan: Plan) -> list[dict]:
    rows = []
    for e in plan.table:
        row = {"entry_no": e.entry_no, "dimension_no": e.dimension_no, "mission_code": e.mission_code,
               "title": e.title, "matched_order": e.matched_order, "line": e.line}
        for y in plan.fiscal_years:
            row[f"budget_{y}"] = _number(e.budgets.get(y))
        row["match_score"] = e.match_score
        rows.append(row)
    return rows


def budget_rows(plan: Plan) -> list[dict]:
    return [{"entry_no": e.entry_no, "matched_order": e.matched_order, "title": e.title,
             "fiscal_year": y, "amount_baht": _number(e.budgets.get(y))}
            for e in plan.table for y in plan.fiscal_years]


RISK_COLUMNS = ["step_no", "step", "risk_no", "risk", "risk_score", "control_measures", "measure_orders", "line"]


def risk_rows(plan: Plan) -> list[dict]:
    """One row per risk item of Part 1's risk table, with its row's score and control measures;
    measure_orders gives, per measure, the order of the section it names (- when none)."""
    return [{"step_no": r.step_no, "step": r.step, "risk_no": r.risk_no, "risk": r.risk, "risk_score": r.score,
             "control_measures": "\n".join(m.text for m in r.measures),
             "measure_orders": ", ".join(str(m.matched_order or "-") for m in r.measures), "line": r.line}
            for r in plan.risks]


def target_columns(plan: Plan) -> list[str]:
    years = sorted({y for t in plan.targets for y in t.values})
    return ["indicator", "unit"] + [f"value_{y}" for y in years] + ["line"]


def target_rows(plan: Plan) -> list[dict]:
    return [{"indicator": t.indicator, "unit": t.unit, "line": t.line,
             **{f"value_{y}": _number(v) for y, v in t.values.items()}} for t in plan.targets]


def issue_rows(plan: Plan) -> list[dict]:
    return [{k: getattr(f, k) for k in ISSUE_COLUMNS} for f in plan.findings]
