import csv
import json
import re
import shutil
import subprocess

import openpyxl
import pytest

import pipeline
from conftest import FIXTURES
from pipeline.writers import write_outputs
from pipeline.writers.csv_files import csv_bytes
from pipeline.writers.rows import PROJECT_COLUMNS


@pytest.fixture(scope="module")
def written(tmp_path_factory, real_plan):
    out = tmp_path_factory.mktemp("out")
    write_outputs(real_plan, out)
    return out


def read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_projects_csv_columns_and_values(written):
    rows = read_csv(written / "projects.csv")
    assert list(rows[0])[:21] == PROJECT_COLUMNS[:21]
    assert len(rows) == 60
    r = rows[3]  # order 4: "20,000 บาท" (line 386)
    assert (r["order"], r["seq_no"], r["budget_baht"], r["line_start"], r["line_end"]) == ("4", "4", "20000", "352", "400")
    assert rows[0]["methods"].split("\n")[0] == "จัดทำโครงการเพื่อขออนุมัติจากผู้บริหารท้องถิ่น"
    assert rows[28]["budget_baht"] == ""  # order 29: no amount can be read
    assert rows[0]["budget_baht"] == "0"


def test_summary_and_budget_csv(written):
    rows = read_csv(written / "summary_table.csv")
    assert list(rows[0])[:11] == ["entry_no", "dimension_no", "mission_code", "title", "matched_order", "line",
                                  "budget_2566", "budget_2567", "budget_2568", "budget_2569", "budget_2570"]
    assert rows[9]["budget_2566"] == "30000" and rows[9]["matched_order"] == "9"
    budget = read_csv(written / "budget.csv")
    assert len(budget) == 61 * 5 and list(budget[0])[:5] == ["entry_no", "matched_order", "title", "fiscal_year",
                                                             "amount_baht"]
    assert (budget[45]["entry_no"], budget[45]["fiscal_year"], budget[45]["dimension_no"], budget[45]["mission_code"]) \
        == ("10", "2566", "1", "1.2")  # entry 10 (line 128) under 1.2


def test_issues_csv_and_json(written, real_plan):
    issues = read_csv(written / "issues.csv")
    assert list(issues[0])[:9] == ["code", "severity", "line", "order", "seq_no", "entry_no", "field", "message", "evidence"]
    assert len(issues) == len(real_plan.findings)
    data = json.loads((written / "plan.json").read_text(encoding="utf-8"))
    assert [d["number"] for d in data["dimensions"]] == [1, 2, 3, 4]
    sub = data["dimensions"][0]["missions"][0]["submissions"][0]
    assert sub["code"] == "1.1.1" and [p["seq_no"] for p in sub["projects"]] == [1, 2, 3, 4]
    assert sub["projects"][0]["fields"]["budget"]["lines"] == [217, 219]
    assert sub["projects"][0]["item_lines"]["methods"] == [205, 206, 207, 208, 209, 210, 211]  # lines 205-211
    assert len(data["summary_table"]) == 61 and len(data["findings"]) == len(real_plan.findings)


def test_workbook_totals_are_formulas_with_cached_values(written):
    wb = openpyxl.load_workbook(written / "plan.xlsx")
    assert wb.sheetnames == ["โครงการ", "ตารางสรุป", "งบประมาณ", "ยอดที่ระบุเทียบยอดที่คำนวณ", "ทะเบียนความเสี่ยง",
                             "ค่าเป้าหมาย", "ข้อค้นพบ"]
    ws = wb["งบประมาณ"]
    labels = {ws.cell(r, 4).value: r for r in range(1, ws.max_row + 1)}
    grand = labels["รวมทั้งสิ้น"]
    assert str(ws.cell(grand, 6).value).startswith("=SUM(")
    assert ws.freeze_panes == "E2" and ws.auto_filter.ref
    cached = openpyxl.load_workbook(written / "plan.xlsx", data_only=True)["งบประมาณ"]
    assert cached.cell(grand, 6).value == 135000  # ปี 2566, declared on line 165
    assert cached.cell(labels["รวมมิติที่ 1"], 6).value == 105000
    assert cached.cell(labels["รวมมิติที่ 3"], 10).value == 30000
    assert cached.cell(grand, 11).value == 135000 * 5


def test_workbook_has_a_chart(written):
    import zipfile
    names = zipfile.ZipFile(written / "plan.xlsx").namelist()
    assert any(n.startswith("xl/charts/chart") for n in names)


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    text = (FIXTURES / "mini_plan.txt").read_text(encoding="utf-8").replace("สำนักปลัด", "=SUM(A1:A9)", 1)
    plan = pipeline.parse_text(text)
    write_outputs(plan, tmp_path)
    ws = openpyxl.load_workbook(tmp_path / "plan.xlsx")["โครงการ"]
    col = PROJECT_COLUMNS.index("responsible") + 1
    assert ws.cell(2, col).value == "=SUM(A1:A9)" and ws.cell(2, col).data_type == "s"
    rows = list(csv.reader((tmp_path / "projects.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows[1][PROJECT_COLUMNS.index("responsible")] == "'=SUM(A1:A9)"


@pytest.mark.parametrize("text", ["=SUM(A1:A9)", "+66 81 234 5678", "-1+2", "@cmd", "\t=1"])
def test_every_formula_start_is_neutralised_in_csv(text):
    data = csv_bytes([{"a": text}], ["a"]).decode("utf-8-sig")
    assert data.splitlines()[1].lstrip('"').startswith("'")


def test_numbers_and_a_lone_dash_are_left_alone():
    data = csv_bytes([{"a": "จัดทำโครงการ", "b": -5, "c": "-5", "d": "-"}], ["a", "b", "c", "d"]).decode("utf-8-sig")
    assert data.splitlines()[1] == "จัดทำโครงการ,-5,-5,-"


def test_csv_quoting_is_rfc4180():
    data = csv_bytes([{"a": 'มี "คำพูด", และ\nบรรทัดใหม่', "b": 5}], ["a", "b"]).decode("utf-8-sig")
    assert data == 'a,b\r\n"มี ""คำพูด"", และ\nบรรทัดใหม่",5\r\n'


def test_cells_longer_than_excel_allows_are_cut_and_counted(tmp_path):
    text = (FIXTURES / "mini_plan.txt").read_text(encoding="utf-8").replace("บุคลากรต้องมีคุณธรรม", "ก" * 40000)
    plan = pipeline.parse_text(text)
    write_outputs(plan, tmp_path)
    ws = openpyxl.load_workbook(tmp_path / "plan.xlsx")["โครงการ"]
    cell = ws.cell(2, PROJECT_COLUMNS.index("rationale") + 1).value
    assert len(cell) == 32767 and cell.endswith("…")


def test_same_input_same_bytes(tmp_path, real_plan):
    a, b = tmp_path / "a", tmp_path / "b"
    write_outputs(real_plan, a)
    write_outputs(pipeline.parse(real_plan.source), b)
    for name in ("projects.csv", "summary_table.csv", "budget.csv", "issues.csv", "plan.json", "plan.xlsx"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_projects_frame(real_plan):
    df = pipeline.projects_frame(real_plan)
    assert df.shape[0] == 60 and list(df.columns[:3]) == ["order", "seq_no", "dimension_no"]
    assert df.loc[df.order == 9, "budget_baht"].item() == 30000


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed (optional)")
def test_libreoffice_recalculates_the_budget_totals(written, tmp_path):
    """Change one amount, let LibreOffice recompute: the subtotal and grand total follow."""
    wb = openpyxl.load_workbook(written / "plan.xlsx")
    wb["งบประมาณ"]["F2"] = 1000  # entry 1, fiscal year 2566: was 0 (line 117 "-")
    wb.save(tmp_path / "edited.xlsx")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,3",
                    "--outdir", str(tmp_path), str(tmp_path / "edited.xlsx")], capture_output=True, timeout=180)
    rows = list(csv.reader((tmp_path / "edited-งบประมาณ.csv").read_text(encoding="utf-8").splitlines()))
    totals = {r[3]: r[5:] for r in rows if r[3].startswith("รวม")}
    assert totals["รวมมิติที่ 1"][0] == "106000" and totals["รวมทั้งสิ้น"][0] == "136000"
    assert totals["รวมทั้งสิ้น"][-1] == str(135000 * 5 + 1000)


# --- the workbook as finance staff open and print it (issue 12) ----------------------------------

THAI = re.compile("[\u0e00-\u0e7f]")


def test_every_sheet_has_thai_headers_and_thai_values(written):
    wb = openpyxl.load_workbook(written / "plan.xlsx")
    for ws in wb.worksheets:
        headers = [c.value for c in ws[1] if c.value]
        assert headers and all(THAI.search(h) or h in ("Risk Score",) for h in headers), (ws.title, headers)
    issues = wb["ข้อค้นพบ"]
    head = [c.value for c in issues[1]]
    severities = {r[head.index("ระดับ")] for r in issues.iter_rows(min_row=2, values_only=True)}
    assert severities == {"ผิดพลาด", "เตือน", "ข้อสังเกต"}
    # the code stays a code, next to its Thai title
    row = next(r for r in issues.iter_rows(min_row=2, values_only=True) if r[0] == "SEQ_RESTART")
    assert row[head.index("ชื่อข้อค้นพบ")] == "เลขลำดับที่เริ่มนับใหม่"
    projects = wb["โครงการ"]
    head = [c.value for c in projects[1]]
    assert "งบประมาณ ปี" not in " ".join(head) and "budget_" not in " ".join(head)
    summary = [c.value for c in wb["ตารางสรุป"][1]]
    assert "งบประมาณ ปี 2566 (บาท)" in summary
    units = {r[head.index("ระบุหน่วยบาท")] for r in projects.iter_rows(min_row=2, values_only=True)}
    assert units <= {"ใช่", "ไม่ใช่", None} and "ไม่ใช่" in units  # ลำดับที่ 9: "30,000" (line 679)


def test_rows_are_as_tall_as_their_wrapped_text(written):
    ws = openpyxl.load_workbook(written / "plan.xlsx")["โครงการ"]
    # order 1's rationale runs to two long paragraphs (lines 189-193): many lines in a 60-wide column
    assert ws.row_dimensions[2].height and ws.row_dimensions[2].height >= 13 * 10
    title_col = openpyxl.utils.get_column_letter(PROJECT_COLUMNS.index("title") + 1)
    assert ws.column_dimensions[title_col].width >= 60
    assert all((ws.row_dimensions[r].height or 13) <= 409 for r in range(2, ws.max_row + 1))


def test_every_sheet_is_set_up_to_print(written):
    wb = openpyxl.load_workbook(written / "plan.xlsx")
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9, ws.title
        # one page wide (1 is the format's default, which XlsxWriter leaves out), any number tall
        assert ws.sheet_properties.pageSetUpPr.fitToPage and (ws.page_setup.fitToWidth or 1) == 1
        assert ws.page_setup.fitToHeight == 0
        assert ws.print_title_rows == "$1:$1"
        assert "muangkaew-anticorruption-plan-2566-2570.txt" in ws.oddFooter.left.text
        assert ws.oddFooter.right.text == "หน้า &P / &N"


def test_the_filter_covers_entries_only_and_comparisons_are_numbers(written):
    wb = openpyxl.load_workbook(written / "plan.xlsx")
    ws = wb["งบประมาณ"]
    assert ws.auto_filter.ref == "A1:K62"  # 61 entries, then the totals below the filtered block
    assert all(not str(ws.cell(r, 4).value or "").startswith("รวม") for r in range(2, 63))
    comparison = wb["ยอดที่ระบุเทียบยอดที่คำนวณ"]
    rows = list(comparison.iter_rows(min_row=2, values_only=True))
    # the whole plan's project count is declared as 62 (lines 22, 113) and as 61 (line 165): two rows
    plan_counts = [r for r in rows if r[0] == "ทั้งแผน" and r[1] == "จำนวนโครงการ"]
    assert [(r[3], r[4], r[5], r[6], r[7]) for r in plan_counts] == [
        (61, "165", 61, 60, "ไม่ตรง"), (62, "22, 113", 61, 60, "ไม่ตรง")]
    assert all(isinstance(r[3], (int, float)) or r[3] is None for r in rows)


def test_list_columns_never_start_with_a_dash(written):
    rows = read_csv(written / "risks.csv")
    # the risk table's step 3 (line 65) names measures 4, 6, 7; measure 4 has no section
    assert all(not r["measure_orders"].startswith("-") for r in rows)
    assert any(r["measure_orders"].startswith("?") for r in rows)


def test_datapackage_types_the_csvs(written):
    import pandas as pd
    from pipeline.writers.datapackage import PANDAS

    package = json.loads((written / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["path"]: r for r in package["resources"]}
    assert set(resources) == {"projects.csv", "summary_table.csv", "budget.csv", "issues.csv", "risks.csv",
                              "targets.csv"}
    fields = {f["name"]: f["type"] for f in resources["projects.csv"]["schema"]["fields"]}
    assert (fields["mission_code"], fields["order"], fields["budget_baht"], fields["title"]) == (
        "string", "integer", "number", "string")
    assert resources["projects.csv"]["schema"]["primaryKey"] == ["order"]
    summary_fields = {f["name"]: f["type"] for f in resources["summary_table.csv"]["schema"]["fields"]}
    assert summary_fields["budget_2566"] == "number"
    # the README's recipe: pandas reads mission_code "1.1" as text, not the number 1.1
    dtypes = {f["name"]: PANDAS[f["type"]] for f in resources["projects.csv"]["schema"]["fields"]
              if f["type"] != "boolean"}
    df = pd.read_csv(written / "projects.csv", encoding="utf-8-sig", dtype=dtypes)
    assert df.loc[0, "mission_code"] == "1.1" and str(df["seq_no"].dtype) == "Int64"


def test_rows_past_excels_limit_are_counted_and_said(tmp_path, monkeypatch):
    """all.xlsx cannot hold a country's budget rows (over a million): the rows past the limit stay
    in the CSV and the database, and the run says so."""
    from pipeline.writers import workbook
    from pipeline.writers.combined import Combined
    from pipeline.writers.rows import all_rows, document_row

    monkeypatch.setattr(workbook, "EXCEL_ROWS", 101)  # a sheet of 100 rows, as if at the limit
    plan = pipeline.parse(FIXTURES / "mini_plan.txt")
    combined = Combined(tmp_path, workbook=True)
    for k in range(30):
        combined.add(document_row(plan, f"d{k}", "x.txt"), all_rows(plan))
    notes = combined.close()
    # the mini plan: 4 sections, 4 entries, 4 entries x 4 years = 16 budget rows; 30 times
    book, folder = tmp_path / "_all" / "all.xlsx", tmp_path / "_all"
    assert notes == [f"{book}: sheet {sheet} holds the first 100 rows (Excel's limit); {more} more are in "
                     f"{folder / name} and plans.sqlite" for sheet, more, name in (
                         ("โครงการ", 20, "projects.csv"), ("ตารางสรุป", 20, "summary_table.csv"),
                         ("งบประมาณ", 380, "budget.csv"))]
    assert len(read_csv(tmp_path / "_all" / "budget.csv")) == 480
    assert openpyxl.load_workbook(tmp_path / "_all" / "all.xlsx")["งบประมาณ"].max_row == 101
