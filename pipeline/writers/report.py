"""The data-quality report (Markdown and self-contained HTML): a rendering of the findings, with
a glossary of their codes (from the registry), links from each project to its findings and back,
and the run date in Thai time and the Buddhist era, as the plan itself dates things."""
from __future__ import annotations

import html
import math
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

from ..findings import CODES, SEVERITIES, SEVERITY_THAI
from ..model import Plan
from .rows import ocr_summary, project_rows

THAI_TIME = timezone(timedelta(hours=7), "เวลาประเทศไทย")
THAI_MONTHS = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม",
               "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")


def thai_date(moment: datetime) -> str:
    """29 พฤศจิกายน 2569 เวลา 17:22 น. (เวลาประเทศไทย; 2026-11-29 10:22 UTC)."""
    local = moment.astimezone(THAI_TIME)
    utc = moment.astimezone(timezone.utc)
    return (f"{local.day} {THAI_MONTHS[local.month - 1]} {local.year + 543} เวลา {local:%H:%M} น. "
            f"(เวลาประเทศไทย; {utc:%Y-%m-%d %H:%M} UTC)")


def _run_date() -> str:
    return thai_date(datetime.now(timezone.utc))


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
            *([f"- {_ocr_line(plan)}"] if ocr_summary(plan) else []),
            f"- โครงการในส่วนที่ 3 (sections): {len(plan.projects)}; รายการในตารางสรุป (entries): {len(plan.table)}",
            "- ข้อค้นพบ (findings): " + ", ".join(f"{SEVERITY_THAI[s]} ({s}) {counts.get(s, 0)}" for s in SEVERITIES),
            ""]
    if plan.repairs:
        out += ["## ข้อความที่ถูกซ่อมแซม (text repaired while reading: check against the original)", ""]
        out += [f"- {what}: {n}" for what, n in plan.repairs.items()]
        out.append("")
    by_code = Counter(f.code for f in plan.findings)
    if by_code:
        out += ["| รหัส (code) | ชื่อ | จำนวน |", "|---|---|---:|"]
        out += [f"| {code} | {CODES[code].title} | {n} |" for code, n in sorted(by_code.items())]
        out.append("")
    out += ["## ส่วนของแผนที่อ่านได้ (how much of each part was read)", "",
            "| " + " | ".join(COVERAGE_HEAD) + " |", "|" + "---|" * len(COVERAGE_HEAD)]
    out += ["| " + " | ".join(r) + " |" for r in _coverage_rows(plan)]
    out += ["", "## ยอดที่ระบุเทียบกับยอดที่คำนวณ (declared vs computed)", "",
            "| " + " | ".join(COMPARISON_HEAD) + " |", "|" + "---|" * len(COMPARISON_HEAD)]
    out += ["| " + " | ".join(r) + " |" for r in _comparison_rows(plan)]
    out += ["", "## ข้อค้นพบแยกตามรหัส (findings by code)", ""]
    for code in sorted(by_code):
        out += [f"### {code}: {CODES[code].title}", "", "| บรรทัด | ระดับ | คำอธิบาย | ข้อความในเอกสาร |", "|---:|---|---|---|"]
        for f in (f for f in plan.findings if f.code == code):
            out.append(f"| {_where(plan, f)} | {SEVERITY_THAI[f.severity]} | {_md(f.message)} | {_md(f.evidence)} |")
        out.append("")
    out += ["## โครงการ (per project)", "", "| " + " | ".join(PROJECT_HEAD) + " |", "|---:|---:|---|---:|---|"]
    for r in project_rows(plan):
        worst = SEVERITY_THAI.get(r["worst_severity"], "")
        out.append(f"| {r['order']} | {r['seq_no'] if r['seq_no'] is not None else '-'} | {_md(r['title'])} | "
                   f"{r['finding_count']} | {worst} |")
    out += ["", "## อภิธานศัพท์รหัสข้อค้นพบ (glossary of the finding codes)", ""]
    out += ["| รหัส | ระดับ | ชื่อ | หมายถึง | เหตุที่สำคัญ |", "|---|---|---|---|---|"]
    out += [f"| {c.code} | {_severity_words(c)} | {c.title} | {_md(c.means)} | {_md(c.why)} |" for c in _glossary(plan)]
    return "\n".join(out) + "\n"


def _ocr_line(plan: Plan) -> str:
    o = ocr_summary(plan)
    return (f"อ่านด้วย OCR (read by OCR): {o['pages']} หน้า, {o['lines']} บรรทัด ({o['share']:.0%} ของข้อความ), "
            f"ความมั่นใจเฉลี่ย {o['mean_confidence']:.0f}%; ตัวเลขที่ยังไม่มีสิ่งใดยืนยัน {len(o['unconfirmed'])} ค่า "
            f"(OCR_UNCONFIRMED): ตรวจกับหน้ากระดาษก่อนใช้")


PROJECT_HEAD = ["ลำดับในเอกสาร (order)", "ลำดับที่ (ตามที่เขียน)", "ชื่อโครงการ", "ข้อค้นพบ", "รุนแรงสุด"]


def _glossary(plan: Plan):
    """The codes this report shows, in the registry's order."""
    shown = {f.code for f in plan.findings}
    return [c for c in CODES.values() if c.code in shown]


def _severity_words(code) -> str:
    return SEVERITY_THAI[code.severity] + (f" (บางกรณี: {code.other})" if code.other else "")


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
.num{text-align:right}.bad{color:#b00020;font-weight:bold}:target{outline:3px solid #f28e2b}
#filters label{margin-right:12px;white-space:nowrap}code{word-break:break-all}
body.hide-error tr.finding.error,body.hide-warning tr.finding.warning,body.hide-info tr.finding.info{display:none}
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


def _finding_ids(plan: Plan) -> dict[int, str]:
    """An anchor per finding (f-1, f-2, ...), by its position in plan.findings."""
    return {id(f): f"f-{k}" for k, f in enumerate(plan.findings, 1)}


def html_report(plan: Plan) -> str:
    counts = Counter(f.severity for f in plan.findings)
    ids = _finding_ids(plan)
    parts = [f"<!doctype html><html lang='th'><head><meta charset='utf-8'>"
             f"<meta name='viewport' content='width=device-width,initial-scale=1'>"
             f"<title>รายงานคุณภาพข้อมูล: {_e(Path(plan.source).name)}</title><style>{CSS}</style></head><body>",
             f"<h1>รายงานคุณภาพข้อมูล <small>(data-quality report)</small><br>{_e(Path(plan.source).name)}</h1>",
             "<ul>",
             f"<li>หน่วยงาน: {_e(plan.organisation)} {_e(plan.district)} {_e(plan.province)}</li>",
             f"<li>ขนาดไฟล์ {plan.size_bytes:,} ไบต์ · SHA-256 <code>{_e(plan.sha256)}</code></li>",
             f"<li>วันที่ตรวจ: {_e(_run_date())}</li>",
             f"<li>แบบฟอร์มฉบับ (edition): {_e(plan.edition)}</li>",
             *([f"<li class='warning'>{_e(_ocr_line(plan))}</li>"] if ocr_summary(plan) else []),
             f"<li>โครงการในส่วนที่ 3: <b>{len(plan.projects)}</b> · รายการในตารางสรุป: <b>{len(plan.table)}</b></li>",
             "<li>ข้อค้นพบ: " + " ".join(f"<span class='badge {s}'>{SEVERITY_THAI[s]} ({s}): {counts.get(s, 0)}</span>"
                                         for s in SEVERITIES) + "</li>",
             "<li><a href='#projects'>โครงการ (per project)</a> · <a href='#glossary'>อภิธานศัพท์รหัส "
             "(glossary)</a></li></ul>"]
    if plan.repairs:
        parts.append("<h2>ข้อความที่ถูกซ่อมแซม <small>(text repaired while reading: check against the "
                     "original)</small></h2><ul>" + "".join(f"<li>{_e(k)}: <b>{v}</b></li>"
                                                          for k, v in plan.repairs.items()) + "</ul>")
    by_code = Counter(f.code for f in plan.findings)
    if by_code:
        parts.append("<div class='wrap'><table><tr><th>รหัส (code)</th><th>ชื่อ</th><th>จำนวน</th></tr>"
                     + "".join(f"<tr><td><a href='#{_e(c)}'>{_e(c)}</a></td><td>{_e(CODES[c].title)}</td>"
                               f"<td class='num'>{n}</td></tr>" for c, n in sorted(by_code.items()))
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
    parts += _html_findings(plan, by_code, ids)
    parts += _html_projects(plan, ids)
    parts += _html_glossary(plan)
    parts.append(f"<script>{SCRIPT}</script></body></html>")
    return "\n".join(parts)


def _html_findings(plan: Plan, by_code: Counter, ids: dict[int, str]) -> list[str]:
    parts = ["<h2>ข้อค้นพบแยกตามรหัส (findings by code)</h2><div id='filters'>แสดง: "
             + "".join(f"<label><input type='checkbox' value='{s}' checked> {SEVERITY_THAI[s]} ({s})</label>"
                       for s in SEVERITIES) + "</div>"]
    for code in sorted(by_code):
        parts.append(f"<h3 id='{_e(code)}'>{_e(code)}: {_e(CODES[code].title)} <small><a href='#code-{_e(code)}'>"
                     f"(ความหมาย)</a></small></h3><div class='wrap'><table class='findings'>"
                     "<tr><th>บรรทัด</th><th>ระดับ</th><th>โครงการ</th><th>คำอธิบาย</th><th>ข้อความในเอกสาร</th></tr>")
        for f in (f for f in plan.findings if f.code == code):
            project = (f"<a href='#p-{f.order}'>ลำดับในเอกสาร {f.order}</a>" if f.order is not None else "")
            parts.append(f"<tr class='finding {f.severity}' id='{ids[id(f)]}'><td class='num'>{_e(_where(plan, f))}</td>"
                         f"<td>{_e(SEVERITY_THAI[f.severity])}</td><td>{project}</td>"
                         f"<td>{_e(f.message)}</td><td>{_e(f.evidence)}</td></tr>")
        parts.append("</table></div>")
    return parts


def _html_projects(plan: Plan, ids: dict[int, str]) -> list[str]:
    """Every project, whatever the filter above shows; each links to its findings."""
    of_project: dict[int, list] = {}
    for f in plan.findings:
        if f.order is not None:
            of_project.setdefault(f.order, []).append(f)
    parts = ["<h2 id='projects'>โครงการ (per project)</h2><div class='wrap'><table class='projects'><tr>"
             + "".join(f"<th>{_e(h)}</th>" for h in PROJECT_HEAD) + "</tr>"]
    for r in project_rows(plan):
        worst = r["worst_severity"]
        cls = f" class='worst-{worst}'" if worst else ""
        links = " ".join(f"<a href='#{ids[id(f)]}' class='{f.severity}'>{_e(f.code)}</a>"
                         for f in of_project.get(r["order"], []))
        seq = r["seq_no"] if r["seq_no"] is not None else "-"
        parts.append(f"<tr id='p-{r['order']}'{cls}><td class='num'>{r['order']}</td><td class='num'>{_e(seq)}</td>"
                     f"<td>{_e(r['title'])}</td><td>{links or '0'}</td>"
                     f"<td class='{worst}'>{_e(SEVERITY_THAI.get(worst, ''))}</td></tr>")
    parts.append("</table></div>")
    return parts


def _html_glossary(plan: Plan) -> list[str]:
    parts = ["<h2 id='glossary'>อภิธานศัพท์รหัสข้อค้นพบ <small>(glossary of the finding codes)</small></h2>"
             "<div class='wrap'><table><tr><th>รหัส</th><th>ระดับ</th><th>ชื่อ</th><th>หมายถึง</th>"
             "<th>เหตุที่สำคัญ</th></tr>"]
    parts += [f"<tr id='code-{_e(c.code)}'><td><code>{_e(c.code)}</code></td><td class='{c.severity}'>"
              f"{_e(_severity_words(c))}</td><td>{_e(c.title)}</td><td>{_e(c.means)}</td><td>{_e(c.why)}</td></tr>"
              for c in _glossary(plan)]
    parts.append("</table></div>")
    return parts


COLOURS = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948"]


def nice_ticks(top: float, count: int = 4) -> list[float]:
    """Round axis values from 0 past top: steps of 1, 2, 2.5 or 5 times a power of ten."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = max(1.0, next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw))  # whole baht
    return [step * k for k in range(math.ceil(top / step - 1e-9) + 1)]


def budget_svg(plan: Plan) -> str:
    """Grouped bars: one group per fiscal year, one bar per dimension that has some budget
    (summary-table amounts); the legend names only those."""
    years = plan.fiscal_years
    data = {(e.dimension_no, y): 0.0 for e in plan.table if e.dimension_no for y in years}
    for e in plan.table:
        if e.dimension_no:
            for y in years:
                data[(e.dimension_no, y)] += e.budgets.get(y) or 0
    dims = sorted({d for (d, _), v in data.items() if v > 0})
    if not years or not dims:
        return "<p>ไม่มีข้อมูลงบประมาณ (no budget data)</p>"
    ticks = nice_ticks(max(data.values()))
    top = ticks[-1]
    width, height, left, bottom = 640, 260, 70, 40
    group = (width - left - 10) / len(years)
    bar = group * 0.8 / len(dims)
    out = [f"<svg viewBox='0 0 {width} {height + 30}' role='img' aria-label='budget chart' "
           f"style='width:100%;max-width:720px;height:auto;font-family:inherit;font-size:11px'>"]
    for value in ticks:
        y = height - bottom - (height - bottom - 10) * value / top
        out.append(f"<line x1='{left}' x2='{width}' y1='{y:.1f}' y2='{y:.1f}' stroke='#ddd'/>"
                   f"<text x='{left - 4}' y='{y + 4:.1f}' text-anchor='end' class='tick'>{value:,.0f}</text>")
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
        out.append(f"<g class='legend'><rect x='{x}' y='{height + 6}' width='12' height='12' "
                   f"fill='{COLOURS[j % len(COLOURS)]}'/><text x='{x + 16}' y='{height + 16}'>มิติที่ {d}</text></g>")
    out.append("</svg>")
    return "".join(out)
