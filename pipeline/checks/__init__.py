"""Stage 5: data-quality rules. Each rule is a small function over the whole plan that yields
Findings of a code in the registry (findings.py); adding a check is adding one function to RULES.

    numbering     section numbers, field numbers, list items
    totals        declared counts and totals against the table, the sections and their own parts
    pairs         each table entry against its section; entries and sections without a partner
    placeholders  template instructions left in, whole, misspelt or half replaced
    sections      fields missing or misplaced, units, headings, the document's shape
    risks         Part 1's risk table
    parts         parts missing or unread, lines no rule read
    ocr           numbers read by OCR that nothing confirms
    spelling      words not in the Thai dictionary (optional: --spelling)
"""
from __future__ import annotations

from typing import Callable, Iterable

from ..findings import OCR_DOUBTFUL, OCR_NOTE, SEVERITY_ORDER
from ..model import Finding, Plan
from .ocr import check_ocr_numbers
from .numbering import check_field_numbering, check_list_numbering, check_sequence
from .pairs import (check_budget_mismatch, check_duplicate_project, check_hierarchy, check_missing_detail,
                    check_missing_summary, check_title_mismatch)
from .parts import check_parts_read
from .placeholders import check_placeholder
from .risks import check_risk_measures, check_risk_numbering
from .sections import (check_budget_unit, check_dimension_heading, check_duplicate_text, check_empty_submission,
                       check_field_content, check_missing_field, check_section_markers, check_truncated)
from .totals import check_declared_sums, check_project_counts, check_totals, declared_vs_computed

Rule = Callable[[Plan], Iterable[Finding]]

RULES: list[Rule] = [
    check_sequence, check_project_counts, check_declared_sums, check_totals,
    check_budget_mismatch, check_missing_detail, check_missing_summary, check_title_mismatch,
    check_hierarchy, check_duplicate_project, check_missing_field, check_field_numbering,
    check_placeholder, check_field_content, check_budget_unit, check_list_numbering,
    check_dimension_heading, check_empty_submission, check_duplicate_text, check_truncated,
    check_section_markers, check_risk_measures, check_risk_numbering, check_parts_read, check_ocr_numbers,
]

__all__ = ["RULES", "run_checks", "declared_vs_computed"]


def _merge_notes(plan: Plan) -> list[Finding]:
    """One finding per line and code for what earlier stages noticed (e.g. two typos on a line)."""
    merged: dict[tuple, Finding] = {}
    for n in plan.notes:
        key = (n.code, n.line, n.field)
        if key in merged:
            merged[key].found += f", {n.found}"
        else:
            merged[key] = Finding(**vars(n))
    return list(merged.values())


def run_checks(plan: Plan, spelling: bool = False) -> list[Finding]:
    findings = _merge_notes(plan)
    rules = RULES
    if spelling:  # pythainlp's dictionary costs about a second to load: only when asked
        from .spelling import check_spelling
        rules = RULES + [check_spelling]
    for rule in rules:
        findings.extend(rule(plan))
    _doubt_ocr(plan, findings)
    findings.sort(key=lambda f: (f.line or 0, SEVERITY_ORDER[f.severity], f.code, f.entry_no or 0))
    return findings


def _doubt_ocr(plan: Plan, findings: list[Finding]) -> None:
    """A finding that rests on what OCR read, on a line OCR read, becomes a note (see OCR_DOUBTFUL)."""
    for f in findings:
        if f.code in OCR_DOUBTFUL and f.line and plan.lines[f.line - 1].ocr is not None and f.severity != "info":
            f.severity = "info"
            f.message += OCR_NOTE
