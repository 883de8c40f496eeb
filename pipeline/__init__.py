"""Thai local-government anti-corruption plans -> data.

    import pipeline
    plan = pipeline.parse("plans/แผน.pdf")        # any plan: .txt, .docx, .pdf, a scan
    df = pipeline.projects_frame(plan)            # pandas, typed as datapackage.json says
    pipeline.write(plan, "output/แผน", ("csv", "xlsx"))
    text = pipeline.read_text("plans/จดหมาย.docx")  # the text as the parser sees it, plan or not
"""
from .as_read import read_text
from .model import Finding, Plan, Project, TableEntry
from .plan import parse, parse_text
from .readers import InputError
from .writers import FORMATS, write

__all__ = ["parse", "parse_text", "read_text", "write", "FORMATS", "projects_frame", "findings_frame", "summary_frame",
           "budget_frame", "InputError", "Plan", "Project", "TableEntry", "Finding"]


def _frame(columns: list[str], rows: list[dict]):
    """A DataFrame typed as datapackage.json types the CSV (mission_code text, counts integers)."""
    import pandas as pd

    from .writers.datapackage import pandas_dtypes
    return pd.DataFrame(rows, columns=columns).astype(pandas_dtypes(columns))


def projects_frame(plan: Plan):
    """The projects as a pandas DataFrame with the columns of projects.csv."""
    from .writers.rows import PROJECT_COLUMNS, project_rows
    return _frame(PROJECT_COLUMNS, project_rows(plan))


def findings_frame(plan: Plan):
    """The findings, with the columns of issues.csv."""
    from .writers.rows import ISSUE_COLUMNS, issue_rows
    return _frame(ISSUE_COLUMNS, issue_rows(plan))


def summary_frame(plan: Plan):
    """The summary table (Part 2), with the columns of summary_table.csv (budget_<year> per year)."""
    from .writers.rows import summary_columns, summary_rows
    return _frame(summary_columns(plan), summary_rows(plan))


def budget_frame(plan: Plan):
    """The budget in long form (entry, fiscal year, amount), with the columns of budget.csv."""
    from .writers.rows import BUDGET_COLUMNS, budget_rows
    return _frame(BUDGET_COLUMNS, budget_rows(plan))
