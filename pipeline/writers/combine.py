"""One set of files across all documents of a run, so analysts can compare organisations:
each row of every document's CSVs, with the document it came from in a first column."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from . import atomic_path, write_bytes

COMBINED = "_all"
FILES = ("projects.csv", "summary_table.csv", "budget.csv", "issues.csv", "risks.csv", "targets.csv")


def write_combined(documents: list[Path], outdir: Path, workbook: bool = True) -> Path:
    target = outdir / COMBINED
    tables: dict[str, list[dict]] = {}
    for name in FILES:
        rows: list[dict] = []
        columns: list[str] = ["document"]
        for doc in documents:
            path = outdir / doc.stem / name
            if not path.exists():
                continue
            with path.open(encoding="utf-8-sig", newline="") as fh:
                reader = csv.DictReader(fh)
                columns += [c for c in reader.fieldnames or [] if c not in columns]
                rows += [{"document": doc.name, **row} for row in reader]
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
        write_bytes(target / name, buffer.getvalue().encode("utf-8-sig"))
        tables[name] = rows
    if workbook:
        _workbook(tables, target)
    return target


def _workbook(tables: dict[str, list[dict]], target: Path) -> None:
    import xlsxwriter

    from .workbook import FIXED_TIME, excel_text
    with atomic_path(target / "all.xlsx") as tmp:
        wb = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False,
                                           "strings_to_numbers": False})
        wb.set_properties({"created": FIXED_TIME})
        bold = wb.add_format({"bold": True, "font_name": "Tahoma"})
        for name, rows in tables.items():
            ws = wb.add_worksheet(name.removesuffix(".csv"))
            columns = list(rows[0]) if rows else ["document"]
            for c, col in enumerate(columns):
                ws.write_string(0, c, col, bold)
            for r, row in enumerate(rows, start=1):
                for c, col in enumerate(columns):
                    value = row.get(col) or ""
                    number = _as_number(value)
                    if number is not None:
                        ws.write_number(r, c, number)
                    elif value:
                        ws.write_string(r, c, excel_text(value)[0])
            ws.freeze_panes(1, 1)
            ws.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)
        wb.close()


def _as_number(value: str):
    return float(value) if value and value.lstrip("-").replace(".", "", 1).isdigit() else None
