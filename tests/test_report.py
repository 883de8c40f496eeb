import re
import shutil
import subprocess
from datetime import datetime, timezone

import pytest

import pipeline

from pipeline.findings import CODES
from pipeline.writers.report import budget_svg, html_report, markdown_report, nice_ticks, thai_date

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def test_markdown_report_header_and_groups(real_plan):
    md = markdown_report(real_plan)
    assert real_plan.sha256 in md and "3,847" not in md  # size is in bytes, not lines
    assert f"{real_plan.size_bytes:,}" in md
    assert "### SEQ_RESTART: เลขลำดับที่เริ่มนับใหม่" in md and "| 2977 | เตือน |" in md
    assert "| มิติที่ 3 | งบประมาณปี 2566 | 30,000 | 157 | 30,000 | 0 | ไม่ตรง |" in md
    # every line of Part 2 (115-165) and Part 3 (167-3847) that holds text was read
    assert "| ส่วนที่ 2 ตารางสรุป | 115-165 | 46 | 46 | 100% | - |" in md
    assert "| ส่วนที่ 3 รายละเอียดโครงการ | 167-3847 | 2038 | 2038 | 100% | - |" in md


def test_html_report_is_self_contained(real_plan):
    page = html_report(real_plan)
    for external in ("http://", "https://", "<link", "src="):
        assert external not in page
    assert "<svg" in page and "viewport" in page and "Sarabun" in page


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (.ci/run installs it)")
def test_html_report_renders_and_filters_in_a_real_browser(real_plan, tmp_path):
    path = tmp_path / "report.html"
    path.write_text(html_report(real_plan), encoding="utf-8")

    def dom(url):
        out = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
                              "--virtual-time-budget=3000", "--dump-dom", url],
                             capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr[-500:]
        return out.stdout

    rendered = dom(path.as_uri())
    errors = sum(f.severity == "error" for f in real_plan.findings)
    assert rendered.count("class=\"finding error\"") == errors
    assert "ลำดับที่ 47 ตามด้วย 46 (ย้อนกลับ)" in rendered and "<rect" in rendered
    filtered = dom(path.as_uri() + "#hide=info,warning")
    assert 'class="hide-info hide-warning"' in filtered


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (.ci/run installs it)")
def test_hiding_every_severity_hides_findings_not_projects(real_plan, tmp_path):
    """Printed by Chromium with every severity hidden: the project table is all there, the
    findings are not."""
    path = tmp_path / "report.html"
    path.write_text(html_report(real_plan), encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    out = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=3000",
                          "--no-pdf-header-footer", f"--print-to-pdf={pdf}", path.as_uri() + "#hide=error,warning,info"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and pdf.exists(), out.stderr[-500:]
    # read by the project's PDF reader: PDFium's own text keeps the copies of clusters Chromium
    # leaves in some fonts (รายงานคุณคุภาพ with Noto Sans Thai)
    text = pipeline.read_text(pdf, ocr="never")
    squeezed = "".join(text.split())
    last = real_plan.projects[-1].title  # the 60th project (line 3800)
    assert "".join(last.split())[:30] in squeezed
    assert "ตามด้วย46(ย้อนกลับ)" not in squeezed  # the SEQ_RESTART finding's message is hidden


def test_the_glossary_explains_every_code_shown_in_thai(real_plan):
    md, page = markdown_report(real_plan), html_report(real_plan)
    shown = {f.code for f in real_plan.findings}
    glossary = md[md.index("## อภิธานศัพท์"):]
    for code in shown:
        c = CODES[code]
        assert f"| {code} | " in glossary and c.title in glossary and c.means.split("|")[0] in glossary
        assert f"id='code-{code}'" in page and c.why in page
    assert "| SEQ_RESTART | เตือน" in glossary and "| PLACEHOLDER_TEXT | ผิดพลาด" in glossary
    assert "| RISK_MEASURE_UNMATCHED | ข้อสังเกต" in glossary
    assert "SPELLING" not in glossary  # only the codes this report shows


def test_projects_link_to_their_findings_and_back(real_plan):
    page = html_report(real_plan)
    # ลำดับที่ 46 written a second time is the 48th section (line 2977): its SEQ_RESTART finding
    restart = next(k for k, f in enumerate(real_plan.findings, 1) if f.code == "SEQ_RESTART")
    row = re.search(r"<tr id='p-48'.*?</tr>", page).group()
    assert f"href='#f-{restart}'" in row and ">46<" in row
    finding = re.search(rf"<tr class='finding warning' id='f-{restart}'>.*?</tr>", page).group()
    assert "href='#p-48'" in finding
    assert page.count("<tr id='p-") == 60
    assert "ลำดับในเอกสาร (order)" in page and "ลำดับที่ (ตามที่เขียน)" in page


def test_the_run_date_is_thai_time_and_the_buddhist_era():
    assert thai_date(datetime(2026, 11, 29, 10, 22, tzinfo=timezone.utc)) == \
        "29 พฤศจิกายน 2569 เวลา 17:22 น. (เวลาประเทศไทย; 2026-11-29 10:22 UTC)"
    # 20:00 UTC on 31 December is already New Year's Day in Thailand
    assert thai_date(datetime(2026, 12, 31, 20, 0, tzinfo=timezone.utc)).startswith("1 มกราคม 2570 เวลา 03:00 น.")


def test_the_chart_has_round_ticks_and_a_legend_of_the_dimensions_with_bars(real_plan):
    assert nice_ticks(105000) == [0, 50000, 100000, 150000] and nice_ticks(658000)[-1] == 800000
    svg = budget_svg(real_plan)
    # dimension totals per year (lines 130, 150, 157, 164): 105,000, 0, 30,000, 0
    assert re.findall(r"<g class='legend'>.*?>(มิติที่ \d)</text>", svg) == ["มิติที่ 1", "มิติที่ 3"]
    assert re.findall(r"class='tick'>([\d,]+)<", svg) == ["0", "50,000", "100,000", "150,000"]
