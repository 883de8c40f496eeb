"""plans.sqlite (issue 13): the same rows as _all/, kept across runs: re-running changes nothing,
a changed plan replaces its own rows, a run killed half-way leaves every document whole."""
import csv
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from conftest import FIXTURES, REAL, ROOT

MINI = FIXTURES / "mini_plan.txt"
TABLES = {"projects.csv": "projects", "summary_table.csv": "summary_entries", "budget.csv": "budgets",
          "issues.csv": "findings", "risks.csv": "risks", "targets.csv": "targets", "documents.csv": "documents"}


def run(*args):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env=env)


def rows_of(path):
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def dump(db_path):
    """Every row of every table, without the time each document was processed."""
    db = sqlite3.connect(db_path)
    out = {}
    for _, table in TABLES.items():
        columns = [c[1] for c in db.execute(f"PRAGMA table_info({table})") if c[1] != "processed_at"]
        quoted = ", ".join(f'"{c}"' for c in columns)
        out[table] = sorted(db.execute(f"SELECT {quoted} FROM {table}").fetchall(), key=repr)
    db.close()
    return out


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(MINI, folder / "mini.txt")
    shutil.copy(FIXTURES / "plan_2561_edition.txt", folder / "old.txt")
    shutil.copy(REAL, folder / "real.txt")
    return folder


def test_the_database_holds_what_the_csvs_hold(inputs, tmp_path):
    out = tmp_path / "out"
    assert run(inputs, "-o", out).returncode == 0
    db = sqlite3.connect(out / "plans.sqlite")
    for name, table in TABLES.items():
        csv_rows = rows_of(out / "_all" / name)
        for document in ("mini", "old", "real"):
            in_csv = sum(r["document"] == document for r in csv_rows)
            assert db.execute(f"SELECT COUNT(*) FROM {table} WHERE document = ?", (document,)).fetchone()[0] == in_csv
    assert db.execute("SELECT COUNT(*) FROM projects WHERE document = 'real'").fetchone()[0] == 60
    # the real plan's dimension 1 holds 105,000 baht a year (its total row, line 130), 2566-2570
    got = db.execute("SELECT fiscal_year, amount_baht FROM budget_by_province_dimension "
                     "WHERE province = 'เชียงใหม่' AND dimension_no = 1 ORDER BY fiscal_year").fetchall()
    assert got == [(y, 105000.0) for y in range(2566, 2571)]
    by_code = dict(db.execute("SELECT code, findings FROM findings_by_code WHERE severity = 'error'").fetchall())
    real_issues = rows_of(out / "real" / "issues.csv")
    assert by_code["PLACEHOLDER_TEXT"] == sum(r["code"] == "PLACEHOLDER_TEXT" for r in real_issues)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("SELECT typeof(mission_code), typeof(target_count) FROM projects "
                      "WHERE document = 'real' AND \"order\" = 1").fetchone() == ("text", "integer")


def test_a_second_run_changes_nothing_and_a_changed_plan_replaces_its_rows(inputs, tmp_path):
    out = tmp_path / "out"
    assert run(inputs, "-o", out).returncode == 0
    first = dump(out / "plans.sqlite")
    assert run(inputs, "-o", out).returncode == 0
    assert dump(out / "plans.sqlite") == first
    # the mini plan loses its fourth section: its rows change, nobody else's
    text = MINI.read_text(encoding="utf-8")
    (inputs / "mini.txt").write_text(text[:text.index("ลำดับที่ ๔")], encoding="utf-8")
    assert run(inputs, "-o", out).returncode == 0
    after = dump(out / "plans.sqlite")
    db = sqlite3.connect(out / "plans.sqlite")
    assert db.execute("SELECT COUNT(*) FROM projects WHERE document = 'mini'").fetchone()[0] == 3
    assert db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 3
    for table in TABLES.values():
        assert [r for r in after[table] if "mini" not in r] == [r for r in first[table] if "mini" not in r]


def test_unchanged_plans_can_be_skipped(inputs, tmp_path):
    out = tmp_path / "out"
    assert run(inputs, "-o", out).returncode == 0
    before = dump(out / "plans.sqlite")
    stamp = (out / "real" / "projects.csv").stat().st_mtime_ns
    r = run(inputs, "-o", out, "--skip-unchanged")
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("unchanged since the last run (skipped)") == 3
    assert (out / "real" / "projects.csv").stat().st_mtime_ns == stamp
    db = sqlite3.connect(out / "plans.sqlite")
    assert db.execute("SELECT COUNT(*) FROM projects").fetchone()[0] == len(before["projects"])


def test_a_failed_write_leaves_the_documents_rows_as_they_were(tmp_path):
    import pipeline
    from pipeline.writers.database import Database
    from pipeline.writers.rows import all_rows, document_row

    plan = pipeline.parse(MINI)
    db = Database(tmp_path)
    db.replace(document_row(plan, "mini", MINI), all_rows(plan), "t1")
    broken = all_rows(plan)
    broken["projects.csv"] = broken["projects.csv"] + [broken["projects.csv"][0]]  # the same key twice
    with pytest.raises(sqlite3.IntegrityError):
        db.replace(document_row(plan, "mini", MINI), broken, "t2")
    assert db.db.execute("SELECT COUNT(*) FROM projects").fetchone()[0] == 4
    assert db.db.execute("SELECT processed_at FROM documents").fetchone() == ("t1",)
    db.close()


def test_a_run_killed_half_way_leaves_a_consistent_database(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(40):
        shutil.copy(MINI, folder / f"p{k:02}.txt")
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", str(folder), "-o", str(out), "-j", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env,
                            start_new_session=True)
    deadline = time.time() + 60
    done = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
        try:
            with sqlite3.connect(out / "plans.sqlite", timeout=0.1) as db:
                done = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        except sqlite3.Error:
            continue
        if done >= 3:
            break
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 3 <= done < 40, "the run ended before it could be stopped half-way"
    db = sqlite3.connect(out / "plans.sqlite")
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    documents = db.execute("SELECT document, sections FROM documents").fetchall()
    assert 3 <= len(documents) < 40
    for document, sections in documents:  # each document whole: all its rows or none
        assert db.execute("SELECT COUNT(*) FROM projects WHERE document = ?", (document,)).fetchone()[0] == sections
    assert not (out / "_all" / "documents.csv").exists()  # _all/ appears only when a run completes
