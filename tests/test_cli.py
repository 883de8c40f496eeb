import io
import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import FIXTURES, REAL, ROOT

MINI = FIXTURES / "mini_plan.txt"


def run(*args, cwd=None):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd or ROOT, env=env)


def test_one_file_into_a_folder_of_its_name(tmp_path):
    r = run(MINI, "-o", tmp_path)
    assert r.returncode == 0, r.stderr
    names = sorted(p.name for p in (tmp_path / "mini_plan").iterdir())
    assert names == ["budget.csv", "datapackage.json", "issues.csv", "plan.json", "plan.xlsx", "projects.csv",
                     "report.html", "report.md", "risks.csv", "summary_table.csv", "targets.csv"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mini_plan", "plans.sqlite"]  # no _all/ for one
    out = tmp_path / "mini_plan"
    assert r.stdout.strip() == (f"{MINI}: 4 sections, 4 table entries, 0 errors, 0 warnings, 0 info -> {out} "
                                f"(open {out / 'report.html'})")


def test_defaults_read_raw_and_write_output(tmp_path):
    (tmp_path / "raw").mkdir()
    shutil.copy(MINI, tmp_path / "raw" / "a.txt")
    r = run(cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "output" / "a" / "projects.csv").exists()


@pytest.mark.parametrize("content,problem", [
    (b"", "file is empty"), (b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG image"),
    ("นี่คือจดหมายข่าว ไม่ใช่แผน\n".encode(), "no plan found"),
])
def test_unreadable_input_one_line_exit_2_and_the_others_still_processed(tmp_path, content, problem):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bad.txt").write_bytes(content)
    shutil.copy(MINI, folder / "good.txt")
    r = run(folder, "-o", tmp_path / "out")
    assert r.returncode == 2
    assert r.stderr.strip() == f"error: {folder / 'bad.txt'}: {r.stderr.split(': ', 2)[2].strip()}"
    assert problem in r.stderr and "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert (tmp_path / "out" / "good" / "projects.csv").exists()


def test_missing_path_and_unwritable_output(tmp_path):
    r = run(tmp_path / "nope.txt", "-o", tmp_path / "out")
    assert r.returncode == 2 and "no such file" in r.stderr and "Traceback" not in r.stderr
    blocker = tmp_path / "file"
    blocker.write_text("x")
    r = run(MINI, "-o", blocker / "sub")
    assert r.returncode == 2 and r.stderr.startswith(f"error: {blocker / 'sub'}:") and "Traceback" not in r.stderr


def test_strict_exits_1_on_error_findings_and_says_which(tmp_path):
    assert run(MINI, "-o", tmp_path, "--strict").returncode == 0
    r = run(REAL, "-o", tmp_path, "--strict")
    assert r.returncode == 1
    errors = sum(1 for row in read_csv(tmp_path / REAL.stem / "issues.csv") if row["severity"] == "error")
    # PLACEHOLDER_TEXT: lines 60, 163 (entries 60 and 61), 683, 3161, 3212, 3216, 3228, 3833, 3837
    assert r.stderr.startswith(f"strict: {errors} error findings (PLACEHOLDER_TEXT ×10, ") and errors == 25  # (with the two DUPLICATE_SEQ_NO, lines 2977 and 3052)
    assert run(REAL, "-o", tmp_path).returncode == 0


def test_a_failed_run_keeps_the_good_outputs(tmp_path):
    assert run(MINI, "-o", tmp_path).returncode == 0
    good = (tmp_path / "mini_plan" / "projects.csv").read_bytes()
    broken = tmp_path / "src"
    broken.mkdir()
    (broken / "mini_plan.txt").write_bytes(b"")
    assert run(broken / "mini_plan.txt", "-o", tmp_path).returncode == 2
    assert (tmp_path / "mini_plan" / "projects.csv").read_bytes() == good
    assert not [p for p in (tmp_path / "mini_plan").iterdir() if p.name.startswith(".")]


def read_csv(path):
    import csv
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_many_documents_give_a_combined_output(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a", "b", "c"):
        shutil.copy(MINI, folder / f"{name}.txt")
    (folder / "d.txt").write_bytes(b"")
    r = run(folder, "-o", tmp_path / "out", "-j", "2")
    assert r.returncode == 2
    rows = read_csv(tmp_path / "out" / "_all" / "projects.csv")
    assert list(rows[0])[:6] == ["document", "organisation", "district", "province", "order", "seq_no"]
    assert len(rows) == 3 * 4 and (rows[0]["document"], rows[0]["order"]) == ("a", "1")
    # the mini plan's cover (lines 3, 7): องค์การบริหารส่วนตำบลทดสอบ, อำเภอทดลอง จังหวัดตัวอย่าง
    assert (rows[11]["document"], rows[11]["organisation"], rows[11]["district"], rows[11]["province"]) == (
        "c", "องค์การบริหารส่วนตำบลทดสอบ", "ทดลอง", "ตัวอย่าง")
    documents = read_csv(tmp_path / "out" / "_all" / "documents.csv")
    assert [(d["document"], d["status"], d["sections"], d["entries"]) for d in documents] == [
        ("a", "ok", "4", "4"), ("b", "ok", "4", "4"), ("c", "ok", "4", "4"), ("d", "error", "", "")]
    assert documents[3]["error"] == "file is empty" and len(documents[0]["sha256"]) == 64
    assert (tmp_path / "out" / "_all" / "all.xlsx").exists()
    # lines in input order, each naming its folder; then one line for the run
    lines = r.stdout.strip().splitlines()
    assert [line.split(":")[0] for line in lines[:3]] == [str(folder / f"{n}.txt") for n in "abc"]
    assert lines[-1] == (f"4 documents, 1 unreadable: 0 errors, 0 warnings, 0 info -> {tmp_path / 'out' / '_all'} "
                         f"(open {tmp_path / 'out' / '_all' / 'all.xlsx'} first)")
    assert "notes" not in r.stdout


def test_plans_of_the_same_name_each_get_their_own_folder(tmp_path):
    """Batches of real plans are often all called แผน: none may overwrite another."""
    from make_docs import make_docx
    tree = tmp_path / "in"
    for folder in ("เชียงใหม่/แม่ริม", "ลำพูน"):
        (tree / folder).mkdir(parents=True)
        shutil.copy(MINI, tree / folder / "แผน.txt")
    make_docx(MINI.read_text(encoding="utf-8"), tree / "ลำพูน" / "แผน.docx")
    shutil.copy(MINI, tree / "x.txt")
    r = run(tree, "-o", tmp_path / "out")
    assert r.returncode == 0, r.stderr
    out = tmp_path / "out"
    # แผน.txt twice and แผน.docx: told apart by the folders above them, then by the extension
    assert sorted(p.name for p in out.iterdir()) == sorted(["_all", "plans.sqlite", "x", "เชียงใหม่-แม่ริม-แผน-txt",
                                                            "ลำพูน-แผน-txt", "ลำพูน-แผน-docx"])
    documents = read_csv(out / "_all" / "documents.csv")
    assert len(documents) == 4 and len({d["document"] for d in documents}) == 4
    assert len(read_csv(out / "_all" / "projects.csv")) == 4 * 4  # every document once
    assert all((out / d["document"] / "projects.csv").exists() for d in documents)


def test_the_same_file_named_twice_is_read_once(tmp_path):
    r = run(MINI, MINI, FIXTURES, "-o", tmp_path)
    assert r.returncode == 0, r.stderr
    assert len(read_csv(tmp_path / "_all" / "documents.csv")) == len(list(FIXTURES.glob("*.txt")))


@pytest.mark.parametrize("umask,mode", [(0o022, 0o644), (0o002, 0o664)])
def test_outputs_respect_the_umask(tmp_path, umask, mode):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    r = subprocess.run([sys.executable, "-m", "pipeline", str(MINI), str(REAL), "-o", str(tmp_path)],
                       capture_output=True, text=True, cwd=ROOT, env=env, preexec_fn=lambda: os.umask(umask))
    assert r.returncode == 0, r.stderr
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(files) > 20 and {p.stat().st_mode & 0o777 for p in files} == {mode}


def test_help_version_jobs_and_formats(tmp_path):
    help_text = " ".join(run("--help").stdout.split())
    assert "searched recursively" in help_text and "--ocr {auto,always,never}" in help_text and "plans.sqlite" in help_text and "--skip-unchanged" in help_text
    version = run("--version")
    assert version.returncode == 0 and version.stdout.startswith("python -m pipeline 0.")
    for bad in ("0", "-1"):
        r = run(MINI, "-o", tmp_path, "-j", bad)
        assert r.returncode == 2 and "must be 1 or more" in r.stderr and "Traceback" not in r.stderr
    r = run(MINI, "-o", tmp_path, "--formats", "CSV, Json")
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (tmp_path / "mini_plan").iterdir()) == [
        "budget.csv", "datapackage.json", "issues.csv", "plan.json", "projects.csv", "risks.csv",
        "summary_table.csv", "targets.csv"]
    assert "(open " + str(tmp_path / "mini_plan" / "projects.csv") + ")" in r.stdout


def test_quiet_prints_nothing_but_errors(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    r = run(MINI, bad, "-o", tmp_path / "out", "-q")
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr == f"error: {bad}: file is empty\n"


def test_all_is_written_whatever_the_formats(tmp_path):
    r = run(MINI, FIXTURES / "plan_2561_edition.txt", "-o", tmp_path, "--formats", "json")
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (tmp_path / "_all").iterdir()) == [
        "budget.csv", "datapackage.json", "documents.csv", "issues.csv", "projects.csv", "risks.csv",
        "summary_table.csv", "targets.csv"]  # no all.xlsx: no workbooks were asked for


def test_a_document_that_takes_too_long_is_stopped_and_the_others_go_on(tmp_path):
    r = run(REAL, MINI, "-o", tmp_path, "--time-limit", "0.001")
    assert r.returncode == 2
    assert r.stderr.startswith(f"error: {REAL}: took longer than the time limit (0.001 s)")
    assert len(r.stderr.strip().splitlines()) == 2  # the mini plan may be quick enough, or not
    r = run(REAL, MINI, "-o", tmp_path, "--time-limit", "120")
    assert r.returncode == 0, r.stderr


def test_a_truncated_plan_gives_output_and_a_finding(tmp_path):
    text = REAL.read_text(encoding="utf-8")
    cut = tmp_path / "cut.txt"
    cut.write_text(text[: text.index("7. งบประมาณดำเนินการ", text.index("ลำดับที่ 58"))], encoding="utf-8")
    r = run(cut, "-o", tmp_path / "out")
    assert r.returncode == 0, r.stderr
    issues = (tmp_path / "out" / "cut" / "issues.csv").read_text(encoding="utf-8-sig")
    assert "DOCUMENT_TRUNCATED" in issues and "MISSING_FIELD" in issues


def test_cp874_input_with_control_characters(tmp_path):
    text = MINI.read_text(encoding="utf-8").replace("สำนักปลัด", "สำนัก\x0bปลัด", 1)
    path = tmp_path / "thai.txt"
    path.write_bytes(text.encode("cp874"))
    r = run(path, "-o", tmp_path / "out")
    assert r.returncode == 0, r.stderr
    out = tmp_path / "out" / "thai"
    assert "CONTROL_CHARACTERS" in (out / "issues.csv").read_text(encoding="utf-8-sig")
    assert "สำนักปลัด" in (out / "projects.csv").read_text(encoding="utf-8-sig")


def test_a_50_mb_plan(tmp_path):
    text = REAL.read_text(encoding="utf-8")
    big = tmp_path / "big.txt"
    with big.open("w", encoding="utf-8") as fh:
        for _ in range(96):
            fh.write(text + "\n")
    assert big.stat().st_size > 50 * 1024 * 1024
    r = run(big, "-o", tmp_path / "out", "--formats", "csv,json")
    assert r.returncode == 0, r.stderr
    rows = (tmp_path / "out" / "big" / "projects.csv").read_bytes()
    assert rows.count(b"\r\n") > 60 * 96


def test_unknown_format_is_refused(tmp_path):
    r = run(MINI, "-o", tmp_path, "--formats", "csv,pdf")
    assert r.returncode == 2 and "unknown format pdf" in r.stderr and "Traceback" not in r.stderr


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_a_progress_bar_on_a_terminal_only(tmp_path, monkeypatch):
    from pipeline.__main__ import _progress
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    bar = _progress(3, quiet=False)
    for _ in range(3):
        bar.update()
    bar.close()
    assert "3/3" in terminal.getvalue() and "100%" in terminal.getvalue()
    quiet = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    bar = _progress(3, quiet=True)  # -q hides the bar too
    bar.update()
    bar.close()
    assert quiet.getvalue() == ""
    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    bar = _progress(3, quiet=False)
    bar.update()
    bar.close()
    assert piped.getvalue() == ""


def test_the_combined_workbook_is_thai_and_holds_every_row(tmp_path):
    import openpyxl
    r = run(MINI, REAL, "-o", tmp_path)
    assert r.returncode == 0, r.stderr
    wb = openpyxl.load_workbook(tmp_path / "_all" / "all.xlsx")
    assert wb.sheetnames == ["เอกสาร", "โครงการ", "ตารางสรุป", "งบประมาณ", "ข้อค้นพบ", "ทะเบียนความเสี่ยง",
                             "ค่าเป้าหมาย"]
    for ws, name in zip(wb.worksheets, ["documents", "projects", "summary_table", "budget", "issues", "risks",
                                         "targets"]):
        header = [c.value for c in ws[1]]
        assert all(re.search("[\u0e00-\u0e7f]", h) or h in ("SHA-256", "Risk Score") for h in header), header
        assert ws.max_row - 1 == len(read_csv(tmp_path / "_all" / f"{name}.csv")), name
        assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$1"
    documents = wb["เอกสาร"]
    assert [c.value for c in documents[2]][:1] == ["mini_plan"] and documents.cell(2, 17).value == "อ่านได้"
