import shutil
import subprocess

import pytest

from pipeline.writers.report import html_report, markdown_report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def test_markdown_report_header_and_groups(real_plan):
    md = markdown_report(real_plan)
    assert real_plan.sha256 in md and "3,847" not in md  # size is in bytes, not lines
    assert f"{real_plan.size_bytes:,}" in md
    assert "### SEQ_RESTART" in md and "| 2977 | warning |" in md
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
