"""_all/: every document of a run in one set of files, so analysts can compare organisations:
documents.csv (one row per input, read or not), each table of the documents with the document,
its organisation, district and province in front, all.xlsx with the same sheets, and
datapackage.json. Rows are appended as each document finishes (the workbook in XlsxWriter's
constant-memory mode), so a batch of any size holds one document at a time; the files are
written under temporary names and moved into place when the run ends."""
from __future__ import annotations

import csv
from pathlib import Path

from . import Pending, atomic_path
from .csv_files import csv_safe
from .datapackage import datapackage_bytes
from .rows import ALL_TABLES, DOCUMENT_COLUMNS, DOCUMENT_KEY

COMBINED = "_all"
SHEETS = {"documents.csv": "เอกสาร", "projects.csv": "โครงการ", "summary_table.csv": "ตารางสรุป",
          "budget.csv": "งบประมาณ", "issues.csv": "ข้อค้นพบ", "risks.csv": "ทะเบียนความเสี่ยง",
          "targets.csv": "ค่าเป้าหมาย"}


def combined_columns() -> dict[str, list[str]]:
    return {"documents.csv": DOCUMENT_COLUMNS,
            **{name: DOCUMENT_KEY + columns for name, (_, columns) in ALL_TABLES.items()}}


class Combined:
    def __init__(self, outdir: Path, workbook: bool = True):
        self.folder = Path(outdir) / COMBINED
        self.folder.mkdir(parents=True, exist_ok=True)
        self.columns = combined_columns()
        self._pending = {name: Pending(self.folder / name) for name in self.columns}
        self._files, self._writers = {}, {}
        for name, columns in self.columns.items():
            fh = open(self._pending[name].path, "w", encoding="utf-8-sig", newline="")
            self._files[name] = fh
            self._writers[name] = csv.writer(fh, lineterminator="\r\n")
            self._writers[name].writerow(columns)
        self._book = _StreamedBook(self.folder / "all.xlsx", self.columns) if workbook else None

    def add(self, document: dict, tables: dict[str, list[dict]] | None) -> None:
        """One document: its documents.csv row, and its rows of each table (None when unread)."""
        self._append("documents.csv", [document])
        key = {k: document.get(k) for k in DOCUMENT_KEY}
        for name, rows in (tables or {}).items():
            self._append(name, [{**key, **row} for row in rows])

    def _append(self, name: str, rows: list[dict]) -> None:
        columns = self.columns[name]
        self._writers[name].writerows([csv_safe(row.get(c)) for c in columns] for row in rows)
        if self._book:
            self._book.append(name, rows)

    def close(self) -> list[str]:
        """Moves the files into place; returns a note for each all.xlsx sheet that ran past
        Excel's row limit (its CSV and the database hold every row)."""
        for fh in self._files.values():
            fh.close()
        for pending in self._pending.values():
            pending.commit()
        notes = []
        if self._book:
            notes = [f"{self.folder / 'all.xlsx'}: sheet {sheet.ws.name} holds the first {sheet.rows:,} rows "
                     f"(Excel's limit); {sheet.left_out:,} more are in {self.folder / name} and plans.sqlite"
                     for name, sheet in self._book.sheets.items() if sheet.left_out]
            self._book.close()
        with atomic_path(self.folder / "datapackage.json") as tmp:
            tmp.write_bytes(datapackage_bytes(self.columns, "_all"))
        return notes

    def abort(self) -> None:
        """A run that fails leaves the previous _all/ as it was."""
        for fh in self._files.values():
            fh.close()
        for pending in self._pending.values():
            pending.discard()
        if self._book:
            self._book.abort()


class _StreamedBook:
    def __init__(self, path: Path, columns: dict[str, list[str]]):
        from .workbook import Formats, Sheet, new_workbook

        self._pending = Pending(path)
        self.wb = new_workbook(self._pending.path, "แผนปฏิบัติการป้องกันการทุจริต: ทุกเอกสาร", constant_memory=True)
        fmt = Formats(self.wb)
        self.sheets = {name: Sheet(self.wb, fmt, SHEETS[name], cols, "ทุกเอกสาร (_all)",
                                   money={"budget_baht", "amount_baht", "budget_total"})
                       for name, cols in columns.items()}

    def append(self, name: str, rows: list[dict]) -> None:
        sheet = self.sheets[name]
        for row in rows:
            sheet.append(row)

    def close(self) -> None:
        for sheet in self.sheets.values():
            sheet.finish()
        self.wb.close()
        self._pending.commit()

    def abort(self) -> None:
        self._pending.discard()
