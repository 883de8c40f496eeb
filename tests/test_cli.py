import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

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
    assert names == ["budget.csv", "issues.csv", "plan.json", "plan.xlsx", "projects.csv", "report.html",
                     "report.md", "risks.csv", "summary_table.csv", "targets.csv"]


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


def test_strict_exits_1_on_error_findings(tmp_path):
    assert run(MINI, "-o", tmp_path, "--strict").returncode == 0
    assert run(REAL, "-o", tmp_path, "--strict").returncode == 1
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


def test_many_documents_give_a_combined_output(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a", "b", "c"):
        shutil.copy(MINI, folder / f"{name}.txt")
    r = run(folder, "-o", tmp_path / "out", "-j", "2")
    assert r.returncode == 0, r.stderr
    import csv
    with (tmp_path / "out" / "_all" / "projects.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:3] == ["document", "order", "seq_no"] and len(rows) == 1 + 3 * 4
    assert rows[1][:3] == ["a.txt", "1", "1"] and rows[12][:3] == ["c.txt", "4", "4"]
    assert (tmp_path / "out" / "_all" / "all.xlsx").exists()


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
    assert r.returncode == 2 and "unknown format pdf" in r.stderr


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_a_progress_bar_on_a_terminal_only(tmp_path, monkeypatch):
    from pipeline.__main__ import _progress
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    step = _progress(3)
    for _ in range(3):
        step(1)
    step(0, close=True)
    assert "3/3" in terminal.getvalue() and "100%" in terminal.getvalue()
    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    step = _progress(3)
    step(3)
    step(0, close=True)
    assert piped.getvalue() == ""
