"""The findings registry is the one list of codes: the checks use only registered codes, and the
README's table is the registry's."""
import re
from pathlib import Path

from conftest import ROOT
from pipeline.findings import CODES, SEVERITIES, markdown_table


def test_the_readme_lists_the_registry():
    assert markdown_table() in (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_code_the_code_reports_is_registered_and_every_registered_code_is_reported():
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "pipeline").rglob("*.py"))
    used = set(re.findall(r'finding\(\s*"([A-Z_]+)"', source))
    assert used - set(CODES) == set()
    assert set(CODES) - used == set()


def test_registry_entries_are_complete():
    for code in CODES.values():
        assert code.severity in SEVERITIES and code.title and code.means and code.why and code.english
        assert re.search("[\u0e00-\u0e7f]", code.title + code.means + code.why)


def test_the_contract_codes_are_all_there():
    contract = ["DUPLICATE_SEQ_NO", "SEQ_GAP", "PROJECT_COUNT_MISMATCH", "TOTAL_MISMATCH", "BUDGET_MISMATCH",
                "MISSING_DETAIL_SECTION", "MISSING_SUMMARY_ENTRY", "TITLE_MISMATCH", "HIERARCHY_MISMATCH",
                "DUPLICATE_PROJECT", "MISSING_FIELD", "FIELD_NUMBERING", "PLACEHOLDER_TEXT",
                "FIELD_CONTENT_MISPLACED", "BUDGET_UNIT_MISSING", "HEADING_TYPO", "MIXED_NUMERALS"]
    assert [c for c in CODES if CODES[c].contract] == contract
    shared = Path(ROOT.parent / "shared" / "CONTRACT.md")
    if shared.exists():
        assert set(re.findall(r"^\| ([A-Z_]{5,}) \|", shared.read_text(encoding="utf-8"), re.M)) == set(contract)
