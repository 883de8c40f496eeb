"""The README's examples run as written (in a scratch folder whose raw/ is the project's)."""
import re

import pytest

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def python_block(after: str, starting: str) -> str:
    section = README[README.index(after):]
    return next(b for b in re.findall(r"```python\n(.*?)```", section, re.S) if b.startswith(starting))


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    (tmp_path / "raw").symlink_to(ROOT / "raw")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_library_example(scratch, capsys):
    exec(python_block("### As a library", "import pipeline"), {})
    printed = capsys.readouterr().out.splitlines()
    assert printed == ["60 61", "(217, 219)"]  # 60 sections, 61 entries; field 7 of ลำดับที่ 1: lines 217-219
    assert (scratch / "output" / "one" / "projects.csv").exists() and (scratch / "output" / "one" / "plan.xlsx").exists()
    assert not (scratch / "output" / "one" / "report.html").exists()


def test_the_csv_and_database_recipes(scratch):
    from pipeline.__main__ import main
    assert main(["-q"]) == 0
    names = {}
    exec(python_block("### Opening the CSVs", "import json"), names)
    assert names["projects"].loc[0, "mission_code"] == "1.1" and len(names["projects"]) == 60
    exec(python_block("### The database", "import sqlite3"), names)
    assert len(names["projects"]) == 60 and names["projects"].loc[0, "province"] == "เชียงใหม่"


def test_the_quick_start_is_two_commands():
    block = README[README.index("## Quick start"):].split("```sh\n", 1)[1].split("```", 1)[0]
    assert block.splitlines() == [
        "python -m pip install -e . && python -m pipeline            # raw/ -> output/",
        "python -m pip install -e '.[test]' && python -m pytest -q    # the tests"]
