"""The CSV files: UTF-8 with BOM, RFC 4180 quoting, CRLF line ends, one header row."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ..model import Plan
from . import rows as R

# A cell a spreadsheet would run as a formula starts with = + @ (or - followed by a formula,
# e.g. -1+1 or -cmd|...): it gets a leading apostrophe (OWASP). A plain negative number or a
# lone "-" is data and stays as it is.
_FORMULA_START = re.compile(r"^[=+@\t\r]|^-(?!\d+(?:\.\d+)?$|$)")


_RISKY_FIRST = frozenset("=+-@\t\r")


def csv_safe(value):
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    # the regex only for a string that starts like a formula (a few in a document)
    if value.__class__ is str and value and value[0] in _RISKY_FIRST and _FORMULA_START.match(value):
        return "'" + value
    return value


def csv_bytes(rows: list[dict], columns: list[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_safe(row.get(c)) for c in columns])
    return buffer.getvalue().encode("utf-8-sig")


def tables(plan: Plan) -> dict[str, tuple[list[str], list[dict]]]:
    """File name -> (columns, rows) of every CSV file of one plan."""
    return {
        "projects.csv": (R.PROJECT_COLUMNS, R.project_rows(plan)),
        "summary_table.csv": (R.summary_columns(plan), R.summary_rows(plan)),
        "budget.csv": (R.BUDGET_COLUMNS, R.budget_rows(plan)),
        "issues.csv": (R.ISSUE_COLUMNS, R.issue_rows(plan)),
        "risks.csv": (R.RISK_COLUMNS, R.risk_rows(plan)),
        "targets.csv": (R.target_columns(plan), R.target_rows(plan)),
    }


def write(plan: Plan, outdir: Path) -> dict[str, bytes]:
    from .datapackage import datapackage_bytes

    per_file = tables(plan)
    files = {name: csv_bytes(rows, columns) for name, (columns, rows) in per_file.items()}
    files["datapackage.json"] = datapackage_bytes({name: cols for name, (cols, _) in per_file.items()},
                                                  Path(plan.source).stem)
    return files
