"""The pipeline as a library: read -> normalise -> segment -> extract -> match -> check."""
from __future__ import annotations

import gc
from pathlib import Path

from .checks import run_checks
from .extract import extract
from .intro import intro_lists, plan_facts, risk_register, targets
from .match import match, match_measures
from .model import Finding, Plan
from .normalise import normalise
from .read import InputError, read_source
from .segment import segment
from .table import find_table


def parse(path: str | Path, checks: bool = True) -> Plan:
    """Parse one plan document. Raises InputError when it cannot be read as a plan."""
    source = read_source(path)
    plan = parse_text(source.text, str(path), checks=False)
    plan.sha256, plan.size_bytes, plan.encoding = source.sha256, source.size_bytes, source.encoding
    if source.control_chars:
        plan.notes.append(Finding("CONTROL_CHARACTERS", "info", None,
                                  f"ลบอักขระควบคุม {source.control_chars} ตัว (removed {source.control_chars} "
                                  f"control characters that spreadsheets forbid)",
                                  found=str(source.control_chars)))
    for repair, count in source.repairs.items():
        plan.notes.append(Finding("TEXT_REPAIRED", "info", None,
                                  f"ข้อความถูกซ่อมแซม: {repair} {count} ครั้ง (text repaired: {repair}, {count} times); "
                                  f"ควรตรวจกับต้นฉบับ", found=str(count), field=repair))
    plan.repairs = dict(source.repairs)
    if checks:
        plan.findings = run_checks(plan)
    return plan


def _part1_end(table, segmented, lines) -> int:
    """Index of the first line after Part 1: the summary table, else Part 3."""
    if table.first_line:
        return table.first_line - 1
    if segmented.part3_start:
        return segmented.part3_start - 1
    return len(lines)


def parse_text(text: str, source: str = "<text>", checks: bool = True) -> Plan:
    # The parse allocates many small objects that all live on; the cyclic garbage collector's
    # passes over them cost ~15 % of the parse and free nothing.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _parse_text(text, source, checks)
    finally:
        if was_enabled:
            gc.enable()


def _parse_text(text: str, source: str, checks: bool) -> Plan:
    lines, notes = normalise(text)
    plan = Plan(source=source, lines=lines, notes=notes)
    table = find_table(lines)
    segmented = segment(lines, after=table.last_index + 1 if table.entries else 0)
    if not segmented.projects and not table.entries:
        raise InputError("no plan found: it has neither project sections (ลำดับที่ N) "
                         "nor a summary table (ส่วนที่ 2)")
    facts = plan_facts(lines)
    plan.organisation, plan.district, plan.province = (facts["organisation"], facts["district"],
                                                       facts["province"])
    plan.start_year, plan.end_year = facts["start_year"], facts["end_year"]
    plan.fiscal_years = table.years or (list(range(plan.start_year, plan.end_year + 1))
                                        if plan.start_year and plan.end_year else [])
    plan.dimensions = segmented.dimensions
    plan.projects = [extract(p) for p in segmented.projects]
    plan.table, plan.declared = table.entries, table.declared
    plan.notes += table.notes
    match(plan.table, plan.projects)
    part1 = lines[:_part1_end(table, segmented, lines)]
    plan.risks, plan.targets, plan.intro_lists = risk_register(part1), targets(part1), intro_lists(part1)
    match_measures([m for r in plan.risks for m in r.measures], plan.projects)
    if checks:
        plan.findings = run_checks(plan)
    return plan
