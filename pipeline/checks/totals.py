"""What the document declares (counts, yearly totals) against what its table and sections hold,
and against its own declared parts."""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from ..findings import finding
from ..model import Comparison, Finding, Plan
from ..sums import entry_total, section_total
from .common import WHERE_RANK, baht


def check_project_counts(plan: Plan) -> Iterable[Finding]:
    scopes: dict[int | None, list] = defaultdict(list)
    for d in plan.declared:
        if d.kind == "count":
            scopes[d.dimension_no if d.scope == "dimension" else None].append(d)
    for dim, declared in sorted(scopes.items(), key=lambda kv: (kv[0] is not None, kv[0] or 0)):
        computed = {}
        if plan.table:
            computed["ตาราง ส่วนที่ 2 (table entries)"] = sum(1 for e in plan.table if dim is None or e.dimension_no == dim)
        if plan.projects:
            computed["ส่วนที่ 3 (detail sections)"] = sum(1 for p in plan.projects if dim is None or p.dimension_no == dim)
        by_value: dict[float, list] = defaultdict(list)
        for d in declared:
            by_value[d.value].append(d)
        for value, group in by_value.items():
            differs = {k: v for k, v in computed.items() if v != value}
            if not differs:
                continue
            group.sort(key=lambda d: (WHERE_RANK.get(d.where, 3), -d.line))
            where = f"มิติที่ {dim}" if dim else "ทั้งแผน"
            stated = ", ".join(f"บรรทัด {d.line}" for d in sorted(group, key=lambda d: d.line))
            found = "; ".join(f"{k} = {v}" for k, v in computed.items())
            yield finding("PROJECT_COUNT_MISMATCH", group[0].line,
                          f"{where}: เอกสารระบุ {value:.0f} โครงการ ({stated}) แต่นับได้ {found} "
                          f"(declared {value:.0f} projects; counted {found})",
                          evidence=group[0].text[:120], expected=f"{value:.0f}",
                          found=", ".join(str(v) for v in computed.values()))


def check_declared_sums(plan: Plan) -> Iterable[Finding]:
    """A total the document declares that is not the sum of the parts it declares in the same
    place (the introduction, the total rows): 62 projects, then 17 + 29 + 8 + 7 = 61 by dimension.
    One finding per wrong total, however often the document repeats it; when the total or a part
    already disagrees with what the table and sections hold (PROJECT_COUNT_MISMATCH,
    TOTAL_MISMATCH), the arithmetic is a knock-on of that defect and is reported as info, so one
    defect is not counted twice."""
    dimensions = sorted({d.number for d in plan.dimensions} | {e.dimension_no for e in plan.table if e.dimension_no})
    groups: dict[tuple, list] = defaultdict(list)
    for d in plan.declared:
        groups[(d.where if d.where != "preamble" else "intro", d.kind, d.fiscal_year)].append(d)
    wrong: dict[tuple, tuple] = {}  # (kind, year, declared total) -> (its declarations, the parts)
    for (where, kind, year), declared in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or 0)):
        parts = {d.dimension_no: d for d in declared if d.scope == "dimension"}
        if len(parts) < 2 or sorted(parts) != (dimensions or list(range(1, max(parts) + 1))):
            continue  # not every dimension declared here: no sum to compare
        total = sum(d.value for d in parts.values())
        for whole in (d for d in declared if d.scope == "plan" and abs(d.value - total) > 0.005):
            wrong.setdefault((kind, year, whole.value), ([], parts))[0].append(whole)
    for (kind, year, value), (wholes, parts) in wrong.items():
        yield _declared_sum_finding(plan, kind, year, sorted(wholes, key=lambda d: d.line), parts)


def _declared_sum_finding(plan: Plan, kind: str, year: int | None, wholes: list, parts: dict) -> Finding:
    whole, total = wholes[0], sum(d.value for d in parts.values())
    knock_on = _against_counts(plan, kind, year, None, whole.value) or any(
        _against_counts(plan, kind, year, dim, d.value) for dim, d in parts.items())
    unit, other = ("โครงการ", "PROJECT_COUNT_MISMATCH") if kind == "count" else ("บาท", "TOTAL_MISMATCH")
    terms = " + ".join(f"{parts[k].value:,.0f}" for k in sorted(parts))
    return finding("DECLARED_SUM_MISMATCH", whole.line,
                   f"เอกสารระบุรวม {whole.value:,.0f} {unit}{f' ในปี {year}' if year else ''} "
                   f"(บรรทัด {', '.join(str(d.line) for d in wholes)}) แต่ยอดรายมิติที่ระบุ {terms} = {total:,.0f} "
                   f"(declared total is not the sum of the declared parts)"
                   + (f" — ข้อบกพร่องเดียวกับ {other} (the same defect as {other})" if knock_on else ""),
                   evidence=whole.text[:120], expected=f"{total:,.0f}", found=f"{whole.value:,.0f}",
                   severity="info" if knock_on else None)


def _against_counts(plan: Plan, kind: str, year: int | None, dim: int | None, value: float) -> bool:
    """Whether a declared count or budget total differs from what the table or the sections hold."""
    if kind == "count":
        computed = [sum(1 for x in items if dim is None or x.dimension_no == dim)
                    for items in (plan.table, plan.projects) if items]
    else:
        computed = [entry_total(plan, dim, year) if plan.table else None,
                    section_total(plan, dim, year)[0] if plan.projects else None]
    return any(c is not None and abs(c - value) > 0.005 for c in computed)


def check_totals(plan: Plan) -> Iterable[Finding]:
    totals: dict[int | None, list] = defaultdict(list)
    for d in plan.declared:
        if d.kind == "total" and d.fiscal_year:
            totals[d.dimension_no if d.scope == "dimension" else None].append(d)
    reported = {"table": False, "sections": False}
    order = sorted(totals, key=lambda k: (k is None, k or 0))  # dimensions first, then the plan
    for dim in order:
        for basis, compute in (("table", entry_total), ("sections", lambda pl, d, y: section_total(pl, d, y)[0])):
            if dim is None and reported[basis]:
                continue  # already shown where it arises, at the dimension
            if basis == "table" and not plan.table or basis == "sections" and not plan.projects:
                continue
            wrong = [(d, compute(plan, dim, d.fiscal_year)) for d in totals[dim]]
            wrong = [(d, c) for d, c in wrong if c is not None and abs(c - d.value) > 0.005]
            if not wrong:
                continue
            reported[basis] = reported[basis] or dim is not None
            d0, c0 = wrong[0]
            where = f"มิติที่ {dim}" if dim else "รวมทั้งสิ้น"
            what = ("ผลรวมของรายการในตาราง (sum of the table entries)" if basis == "table"
                    else "ผลรวมงบประมาณในส่วนที่ 3 (sum of the detail sections)")
            years = ", ".join(str(d.fiscal_year) for d, _ in wrong)
            yield finding("TOTAL_MISMATCH", d0.line,
                          f"{where}: ยอดรวมที่ระบุ {baht(d0.value)} บาท ต่างจาก{what} {baht(c0)} บาท "
                          f"ในปี {years} (declared total differs)",
                          evidence=d0.text[:120], expected=baht(d0.value), found=baht(c0))


def declared_vs_computed(plan: Plan) -> list[Comparison]:
    """Per scope (plan, each dimension) and measure: what the document declares, what its
    summary rows add up to and what its detail sections add up to."""
    dims = sorted({d.number for d in plan.dimensions} | {e.dimension_no for e in plan.table if e.dimension_no}
                  | {d.dimension_no for d in plan.declared if d.dimension_no})
    rows = []
    for dim in [None] + dims:
        def declared(kind, year=None):
            return [d for d in plan.declared if d.kind == kind and d.fiscal_year == year
                    and (d.dimension_no == dim if dim else d.scope == "plan")]
        count_table = sum(1 for e in plan.table if dim is None or e.dimension_no == dim)
        count_sections = sum(1 for p in plan.projects if dim is None or p.dimension_no == dim)
        rows.append(_comparison(dim, "projects", None, declared("count"), count_table, count_sections))
        for year in plan.fiscal_years:
            section_sum, unknown = section_total(plan, dim, year)
            row = _comparison(dim, "budget", year, declared("total", year), entry_total(plan, dim, year), section_sum)
            row.sections_without_amount = unknown
            rows.append(row)
    return rows


def _comparison(dim, measure, year, declared, table_value, section_value) -> Comparison:
    values = sorted({d.value for d in declared})
    computed = [v for v in (table_value, section_value) if v is not None]
    return Comparison(dim, measure, year, values, sorted(d.line for d in declared), table_value, section_value,
                      agrees=bool(declared) and all(abs(c - v) < 0.005 for c in computed for v in values))
