"""Stage 6: CSV, JSON and the Excel workbook. Every file is written to a temporary name in the
same folder and moved into place, so a failed run never leaves half a file."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
from contextlib import contextmanager
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

from .model import Plan

PROJECT_COLUMNS = [
    "order", "seq_no", "dimension_no", "mission_code", "submission_code", "title", "rationale",
    "objectives", "target_group", "target_count", "methods", "period_text", "start_year", "end_year",
    "budget_text", "budget_baht", "responsible", "outputs", "outcomes", "line_start", "line_end",
    # additions (README data dictionary)
    "target_unit", "budget_has_unit", "summary_entry_no", "finding_count", "worst_severity",
]
ISSUE_COLUMNS = ["code", "severity", "line", "order", "seq_no", "entry_no", "field", "message",
                 "evidence", "expected", "found"]
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
EXCEL_MAX = 32767
_EXCEL_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
FIXED_TIME = datetime(2000, 1, 1)  # workbook metadata: same input, same bytes


# --- rows -------------------------------------------------------------------------------------

def _severity_by_order(plan: Plan) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for f in plan.findings:
        if f.order is not None:
            out.setdefault(f.order, []).append(f.severity)
    return out


def worst(severities: list[str]) -> str:
    for s in ("error", "warning", "info"):
        if s in severities:
            return s
    return ""


def project_rows(plan: Plan) -> list[dict]:
    entry_of = {e.matched_order: e.entry_no for e in plan.table if e.matched_order is not None}
    severities = _severity_by_order(plan)
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
            "worst_severity": worst(severities.get(p.order, [])),
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


# --- files ------------------------------------------------------------------------------------

@contextmanager
def atomic_path(target: Path):
    """A temporary path beside target; moved onto target only when the block succeeds."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_bytes(target: Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


_FORMULA_START = re.compile(r"^[=+@\t\r-]")
_PLAIN_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$|^-$")


def _csv_safe(value):
    """Text a spreadsheet would run as a formula gets a leading apostrophe (OWASP advice)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and _FORMULA_START.match(value) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def csv_bytes(rows: list[dict], columns: list[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_safe(row.get(c)) for c in columns])
    return buffer.getvalue().encode("utf-8-sig")


def plan_dict(plan: Plan) -> dict:
    from .checks import declared_vs_computed

    def project(p):
        d = {k: v for k, v in project_row_by_order[p.order].items()}
        d["objectives"], d["methods"] = p.objectives, p.methods
        d["outputs"], d["outcomes"] = p.outputs, p.outcomes
        d["fields"] = {k: {"written_number": f.written_number, "heading": f.heading,
                           "lines": list(f.line_range)} for k, f in p.fields.items()}
        d["item_lines"] = {k: [i.line.number for i in items] for k, items in p.items.items()}
        return d

    project_row_by_order = {r["order"]: r for r in project_rows(plan)}
    return {
        "source": Path(plan.source).name, "sha256": plan.sha256, "size_bytes": plan.size_bytes,
        "encoding": plan.encoding, "organisation": plan.organisation, "district": plan.district,
        "province": plan.province, "start_year": plan.start_year, "end_year": plan.end_year,
        "fiscal_years": plan.fiscal_years,
        "dimensions": [{
            "number": d.number, "title": d.title, "line": d.line,
            "missions": [{
                "code": m.code, "title": m.title, "line": m.line,
                "projects": [project(p) for p in m.projects],
                "submissions": [{"code": s.code, "title": s.title, "line": s.line,
                                 "projects": [project(p) for p in s.projects]} for s in m.submissions],
            } for m in d.missions],
        } for d in plan.dimensions],
        "projects_outside_hierarchy": [project(p) for p in plan.projects if not p.mission_code],
        "summary_table": [dict(asdict(e), budgets={str(y): _number(v) for y, v in e.budgets.items()})
                          for e in plan.table],
        "introduction": {
            **{lst.name: [{"text": t, "line": n} for t, n in zip(lst.items, lst.item_lines)]
               for lst in plan.intro_lists},
            "risks": [asdict(r) for r in plan.risks],
            "targets": [dict(asdict(t), values={str(y): v for y, v in t.values.items()},
                             texts={str(y): v for y, v in t.texts.items()}) for t in plan.targets],
        },
        "declared": [asdict(d) for d in plan.declared],
        "declared_vs_computed": declared_vs_computed(plan),
        "findings": [asdict(f) for f in plan.findings],
    }


def json_bytes(plan: Plan) -> bytes:
    return json.dumps(plan_dict(plan), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


FORMATS = ("csv", "json", "xlsx", "report")


def write_outputs(plan: Plan, outdir: Path, formats: tuple[str, ...] = FORMATS) -> list[Path]:
    """Write the chosen formats: csv (4 files), json, xlsx, report (md + html)."""
    outdir.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {}
    if "csv" in formats:
        files["projects.csv"] = csv_bytes(project_rows(plan), PROJECT_COLUMNS)
        files["summary_table.csv"] = csv_bytes(summary_rows(plan), summary_columns(plan))
        files["budget.csv"] = csv_bytes(budget_rows(plan), BUDGET_COLUMNS)
        files["issues.csv"] = csv_bytes(issue_rows(plan), ISSUE_COLUMNS)
        files["risks.csv"] = csv_bytes(risk_rows(plan), RISK_COLUMNS)
        files["targets.csv"] = csv_bytes(target_rows(plan), target_columns(plan))
    if "json" in formats:
        files["plan.json"] = json_bytes(plan)
    if "report" in formats:
        from .report import html_report, markdown_report
        files["report.md"] = markdown_report(plan).encode("utf-8")
        files["report.html"] = html_report(plan).encode("utf-8")
    written = []
    for name, data in files.items():
        write_bytes(outdir / name, data)
        written.append(outdir / name)
    if "xlsx" in formats:
        from .workbook import write_workbook
        with atomic_path(outdir / "plan.xlsx") as tmp:
            write_workbook(plan, tmp)
        written.append(outdir / "plan.xlsx")
    return written


def excel_text(value: str) -> tuple[str, bool]:
    """Text Excel accepts: control characters dropped, cut at Excel's cell limit (and say so)."""
    if _EXCEL_FORBIDDEN.search(value):
        value = _EXCEL_FORBIDDEN.sub("", value)
    if len(value) > EXCEL_MAX:
        return value[:EXCEL_MAX - 1] + "…", True
    return value, False

