"""What the sections and the table add up to, per dimension and fiscal year: shared by the
stages that compare amounts (confirm, check) and kept below them."""
from __future__ import annotations

from .model import Plan, Project


def section_amount(project: Project, year: int) -> float | None:
    """The section's amount for one fiscal year (0 outside its period)."""
    if project.budget_by_year:
        return project.budget_by_year.get(year, 0.0)
    if project.start_year and project.end_year and not project.start_year <= year <= project.end_year:
        return 0.0
    return project.budget_baht


def section_total(plan: Plan, dim: int | None, year: int) -> tuple[float, int]:
    total, unknown = 0.0, 0
    for p in plan.projects:
        if dim is not None and p.dimension_no != dim:
            continue
        amount = section_amount(p, year)
        if amount is None:
            unknown += 1
        else:
            total += amount
    return total, unknown


def entry_total(plan: Plan, dim: int | None, year: int) -> float | None:
    values = [e.budgets.get(year) for e in plan.table if dim is None or e.dimension_no == dim]
    return None if any(v is None for v in values) else sum(values)
