"""The data-quality report (Markdown and self-contained HTML): a rendering of the findings."""
from __future__ import annotations

import html
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

from ..findings import SEVERITIES, SEVERITY_THAI
from ..model import Plan
from .rows import project_rows


def _run_date() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def _money(v) -> str:
    if v is None:
        return "–"
    if isinstance(v, list):
        return " / ".join(_money(x) for x in v)
    return f"{v:,.0f}"


def _comparison_rows(plan: Plan) -> list[list[str]]:
    rows = []
    for r in plan.comparison:
        scope = f"มิติที่ {r.dimension_no}" if r.dimension_no else "ทั้งแผน"
        measure = "จำนวนโครงการ" if r.measure == "projects" else f"งบประมาณปี {r.fiscal_year}"
        status = "ตรงกัน" if r.agrees else ("ไม่ได้ระบุ" if not r.declared else "ไม่ตรง")
        lines = ", ".join(str(x) for x in r.declared_lines)
        rows.append([scope, measure, _money(r.declared or None), lines, _money(r.table),
                     _money(r.sections), status])
    return rows


COMPARISON_HEAD = ["ขอบเขต", "รายการ", "เอกสารระบุ", "บรรทัด", "ผลรวมตารางสรุป", "ผลรวมส่วนที่ 3", "ผล"]


def write(plan: Plan, outdir: Path) -> dict[str, bytes]:
    return {"report.md": markdown_report(plan).encode("utf-8"), "report.html": html_report(plan).encode("utf-8")}


PART_THAI = {"part1": "ส่วนที่ 1 บทนำ", "part2": "ส่วนที่ 2 ตารางสรุป", "part3": "ส่วนที่ 3 รายละเอียดโครงการ"}
COVERAGE_HEAD = ["ส่วน (part)", "บรรทัด (lines)", "บรรทัดที่มีข้อความ", "อ่านได้ (read)", "ร้อยละ", "ช่วงที่อ่านไม่ได้ (unread)"]


def _coverage_rows(plan: Plan) -> list[list[str]]:
    rows = []
    for part in plan.coverage:
        unread = ", ".join(f"{a}-{b}" for a, b, p in plan.unread if p == part.part) or "-"
        share = f"{100 * part.read / part.lines:.1f}%".replace(".0%", "%") if part.lines else "-"
        rows.append([PART_THAI[part.part], f"{part.first_line}-{part.last_line}", str(part.lines), str(part.read),
                     share, unread])
    return rows


def markdown_report(plan: Plan) -> str:
    counts = Counter(f.severity for f in plan.findings)
    out = [f"# รายงานคุณภาพข้อมูล (data-quality report): {Path(plan.source).name}", ""]
    out += [f"- หน่วยงาน: {plan.organisation} {plan.district} {plan.province}".rstrip(),
            f"- ขนาดไฟล์: {plan.size_bytes:,} ไบต์, SHA-256 `{plan.sha256}`",
            f"- วันที่ตรวจ (run date): {_run_date()}",
            f"- แบบฟอร์มฉบับ (template edition): {plan.edition}",
            f"- โครงการในส่วนที่ 3 (sections): {len(plan.projects)}; รายการในตารางสรุป (entries): {len(plan.table)}",
            "- ข้อค้นพบ (findings): " + ", ".join(f"{SEVERITY_THAI[s]} {s} {counts.get(s, 0)}" for s in SEVERITIES),
            ""]
    if plan.repairs:
        out += ["## ข้อความที่ถูกซ่อมแซม (text repaired while reading: check against the original)", ""]
        out += [f"- {what}: {n}" for what, n in plan.repairs.items()]
        out.append("")
    by_code = Counter(f.code for f in plan.findings)
    if by_code:
        out += ["| รหัส (code) | จำนวน |", "|---|---:|"]
        out += [f"| {code} | {n} |" for code, n in sorted(by_code.items())]
        out.append("")
    out += ["## ส่วนของแผนที่อ่านได้ (how much of each part was read)", "",
            "| " + " | ".join(COVERAGE_HEAD) + " |", "|" + "---|" * len(COVERAGE_HEAD)]
    out += ["| " + " | ".join(r) + " |" for r in _coverage_rows(plan)]
    out += ["", "## ยอดที่ระบุเทียบกับยอดที่คำนวณ (declared vs computed)", "",
            "| " + " | ".join(COMPARISON_HEAD) + " |", "|" + "---|" * len(COMPARISON_HEAD)]
    out += ["| " + " | ".join(r) + " |" for r in _comparison_rows(plan)]
    out += ["", "## ข้อค้นพบแยกตามรหัส (findings by code)", ""]
    for code in sorted(by_code):
        out += [f"### {code}", "", "| บรรทัด | ระดับ | คำอธิบาย | ข้อความในเอกสาร |", "|---:|---|---|---|"]
        for f in (f for f in plan.findings if f.code == code):
            out.append(f"| {_where(plan, f)} | {f.severity} | {_md(f.message)} | {_md(f.evidence)} |")
        out.append("")
    out += ["## โครงการ (per project)", "", "| ลำดับ | ลำดับที่ | ชื่อโครงการ | ข้อค้นพบ | รุนแรงสุด |",
            "|---:|---:|---|---:|---|"]
    for r in project_rows(plan):
        out.append(f"| {r['order']} | {r['seq_no']} | {_md(r['title'])} | {r['finding_count']} | {r['worst_severity']} |")
    return "\n".join(out) + "\n"


def _where(plan: Plan, f) -> str:
    """Where to look: the page and the line on it in a PDF (หน้า 12 บรรทัด 5), else the line."""
    if plan.kind in ("pdf", "docx") and f.location:
        return f"{f.location} ({f.line})" if f.line else f.location
    return str(f.line or "")


def _md(text: str) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


CSS = """
body{font-family:Sarabun,"Noto Sans Thai","Leelawadee UI",Tahoma,"Thonburi",sans-serif;margin:0 auto;
max-width:1100px;padding:12px;line-height:1.5;color:#222}
h1{font-size:1.4em}h2{font-size:1.2em;border-bottom:2px solid #ccd;margin-top:1.6em}
table{border-collapse:collapse;width:100%;font-size:.92em}th,td{border:1px solid #ccd;padding:4px 6px;
vertical-align:top;text-align:left}th{background:#eef2f8}.wrap{overflow-x:auto}
.error{background:#fde8e8}.warning{background:#fff6db}.info{background:#eef6ff}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;margin:2px;font-size:.9em}
.num{text-align:right}.bad{color:#b00020;font-weight:bold}
#filters label{margin-right:12px;white-space:nowrap}code{word-break:break-all}
body.hide-error tr.error,body.hide-warning tr.warning,body.hide-info tr.info{display:none}
@media (max-width:600px){body{padding:6px}td,th{font-size:.85em}}
"""
SCRIPT = """
function setShown(severity, shown){
  document.body.classList.toggle('hide-'+severity, !shown);
  document.querySelectorAll('#filters input[value='+severity+']').forEach(function(b){b.checked=shown;});
}
document.querySelectorAll('#filters input').forEach(function(box){
  box.addEventListener('change',function(){setShown(box.value, box.checked);});
});
// a link may preselect the filter: report.html#hide=info,warning
var m=/hide=([a-z,]+)/.exec(location.hash);
if(m){m[1].split(',').forEach(function(s){setShown(s,false);});}
"""


def _e(text) -> str:
    return html.escape("" if text is None else str(text))


def html_report(plan: Plan) -> str:
    counts = Counter(f.severity for f in plan.findings)
    parts = [f"<!doctype html><html lang='th'><head><meta charset='utf-8'>"
             f"<meta name='viewport' content='width=device-width,initial-scale=1'>"
             f"<title>รายงานคุณภาพข้อมูล: {_e(Path(plan.source).name)}</title><style>{CSS}</style></head><body>",
             f"<h1>รายงานคุณภาพข้อมูล <small>(data-quality report)</small><br>{_e(Path(plan.source).name)}</h1>",
             "<ul>",
             f"<li>หน่วยงาน: {_e(plan.organisation)} {_e(plan.district)} {_e(plan.province)}</li>",
             f"<li>ขนาดไฟล์ {plan.size_bytes:,} ไบต์ · SHA-256 <code>{_e(plan.sha256)}</code></li>",
             f"<li>วันที่ตรวจ: {_run_date()}</li>",
             f"<li>แบบฟอร์มฉบับ (edition): {_e(plan.edition)}</li>",
             f"<li>โครงการในส่วนที่ 3: <b>{len(plan.projects)}</b> · รายการในตารางสรุป: <b>{len(plan.table)}</b></li>",
             "<li>ข้อค้นพบ: " + " ".join(f"<span class='badge {s}'>{SEVERITY_THAI[s]} ({s}): {counts.get(s, 0)}</span>"
                                         for s in SEVERITIES) + "</li></ul>"]
    if plan.repairs:
        parts.append("<h2>ข้อความที่ถูกซ่อมแซม <small>(text repaired while reading: check against the "
                     "original)</small></h2><ul>" + "".join(f"<li>{_e(k)}: <b>{v}</b></li>"
                                                          for k, v in plan.repairs.items()) + "</ul>")
    by_code = Counter(f.code for f in plan.findings)
    if by_code:
        parts.append("<div class='wrap'><table><tr><th>รหัส (code)</th><th>จำนวน</th></tr>"
                     + "".join(f"<tr><td>{_e(c)}</td><td class='num'>{n}</td></tr>" for c, n in sorted(by_code.items()))
                     + "</table></div>")
    parts.append("<h2>ส่วนของแผนที่อ่านได้ <small>(how much of each part was read)</small></h2><div class='wrap'><table><tr>"
                 + "".join(f"<th>{_e(h)}</th>" for h in COVERAGE_HEAD) + "</tr>"
                 + "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in r) + "</tr>" for r in _coverage_rows(plan))
                 + "</table></div>")
    parts.append("<h2>งบประมาณตามมิติและปีงบประมาณ (budget by dimension and year)</h2>")
    parts.append(budget_svg(plan))
    parts.append("<h2>ยอดที่ระบุเทียบกับยอดที่คำนวณ (declared vs computed)</h2><div class='wrap'><table><tr>"
                 + "".join(f"<th>{_e(h)}</th>" for h in COMPARISON_HEAD) + "</tr>")
    for r in _comparison_rows(plan):
        cls = " class='bad'" if r[-1] == "ไม่ตรง" else ""
        parts.append("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in r[:-1]) + f"<td{cls}>{_e(r[-1])}</td></tr>")
    parts.append("</table></div>")
    parts.append("<h2>ข้อค้นพบแยกตามรหัส (findings by code)</h2><div id='filters'>แสดง: "
                 + "".join(f"<label><input type='checkbox' value='{s}' checked> {SEVERITY_THAI[s]} ({s})</label>"
                           for s in SEVERITIES) + "</div>")
    for code in sorted(by_code):
        parts.append(f"<h3 id='{_e(code)}'>{_e(code)}</h3><div class='wrap'><table class='findings'>"
                     "<tr><th>บรรทัด</th><th>ระดับ</th><th>คำอธิบาย</th><th>ข้อความในเอกสาร</th></tr>")
        for f in (f for f in plan.findings if f.code == code):
            parts.append(f"<tr class='finding {f.severity}'><td class='num'>{_e(_where(plan, f))}</td><td>{_e(f.severity)}</td>"
                         f"<td>{_e(f.message)}</td><td>{_e(f.evidence)}</td></tr>")
        parts.append("</table></div>")
    parts.append("<h2>โครงการ (per project)</h2><div class='wrap'><table><tr><th>ลำดับ</th><th>ลำดับที่</th>"
                 "<th>ชื่อโครงการ</th><th>ข้อค้นพบ</th><th>รุนแรงสุด</th></tr>")
    for r in project_rows(plan):
        cls = f" class='{r['worst_severity']}'" if r["worst_severity"] else ""
        parts.append(f"<tr{cls}><td class='num'>{r['order']}</td><td class='num'>{_e(r['seq_no'])}</td>"
                     f"<td>{_e(r['title'])}</td><td class='num'>{r['finding_count']}</td><td>{_e(r['worst_severity'])}</td></tr>")
    parts.append(f"</table></div><script>{SCRIPT}</script></body></html>")
    return "\n".join(parts)


COLOURS = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948"]


def budget_svg(plan: Plan) -> str:
    """Grouped bars: one group per fiscal year, one bar per dimension (summary-table amounts)."""
    years = plan.fiscal_years
    dims = sorted({e.dimension_no for e in plan.table if e.dimension_no})
    if not years or not dims:
        return "<p>ไม่มีข้อมูลงบประมาณ (no budget data)</p>"
    data = {(d, y): sum(e.budgets.get(y) or 0 for e in plan.table if e.dimension_no == d) for d in dims for y in years}
    top = max(data.values()) or 1
    width, height, left, bottom = 640, 260, 70, 40
    group = (width - left - 10) / len(years)
    bar = group * 0.8 / len(dims)
    out = [f"<svg viewBox='0 0 {width} {height + 30}' role='img' aria-label='budget chart' "
           f"style='width:100%;max-width:720px;height:auto;font-family:inherit;font-size:11px'>"]
    for k in range(5):
        value = top * k / 4
        y = height - bottom - (height - bottom - 10) * k / 4
        out.append(f"<line x1='{left}' x2='{width}' y1='{y:.1f}' y2='{y:.1f}' stroke='#ddd'/>"
                   f"<text x='{left - 4}' y='{y + 4:.1f}' text-anchor='end'>{value:,.0f}</text>")
    for i, year in enumerate(years):
        x0 = left + i * group + group * 0.1
        for j, d in enumerate(dims):
            v = data[(d, year)]
            h = (height - bottom - 10) * v / top
            out.append(f"<rect x='{x0 + j * bar:.1f}' y='{height - bottom - h:.1f}' width='{bar - 1:.1f}' "
                       f"height='{h:.1f}' fill='{COLOURS[j % len(COLOURS)]}'><title>มิติที่ {d} ปี {year}: "
                       f"{v:,.0f} บาท</title></rect>")
        out.append(f"<text x='{x0 + group * 0.4:.1f}' y='{height - bottom + 16}' text-anchor='middle'>{year}</text>")
    for j, d in enumerate(dims):
        x = left + j * 110
        out.append(f"<rect x='{x}' y='{height + 6}' width='12' height='12' fill='{COLOURS[j % len(COLOURS)]}'/>"
                   f"<text x='{x + 16}' y='{height + 16}'>มิติที่ {d}</text>")
    out.append("</svg>")
    return "".join(out)
