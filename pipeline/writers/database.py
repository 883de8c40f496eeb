"""plans.sqlite: every plan a run has read, kept across runs (SQLite, standard library). One row
per document in `documents`; its projects, summary entries, budgets (long form), findings, risks
and targets keyed by the document; views for the questions analysts ask. A document's rows are
replaced in one transaction, so re-running never duplicates them and a run stopped half-way
leaves each document either as it was or as it is now."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ..findings import CODES
from . import _umask
from .rows import ALL_TABLES, DOCUMENT_COLUMNS, column_type

FILE = "plans.sqlite"
SCHEMA_VERSION = 1
_SQL_TYPE = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "string": "TEXT"}
VIEWS = {
    # budget per province, dimension and fiscal year (the summary tables' amounts)
    "budget_by_province_dimension": """
        SELECT d.province, b.dimension_no, b.fiscal_year, SUM(b.amount_baht) AS amount_baht,
               COUNT(DISTINCT b.document) AS documents
        FROM budgets b JOIN documents d USING (document)
        GROUP BY d.province, b.dimension_no, b.fiscal_year""",
    # findings per code, with the registry's Thai title
    "findings_by_code": """
        SELECT f.code, c.title_th, f.severity, COUNT(*) AS findings, COUNT(DISTINCT f.document) AS documents
        FROM findings f LEFT JOIN codes c USING (code)
        GROUP BY f.code, f.severity""",
    # one line per document: who, what period, how many sections, how many errors
    "document_overview": """
        SELECT document, organisation, district, province, edition, start_year, end_year, sections, entries,
               errors, warnings, infos, status FROM documents""",
}
INDEXES = [("findings", "code"), ("projects", "dimension_no"), ("budgets", "fiscal_year"), ("documents", "province"),
           ("documents", "sha256")]


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _columns_sql(columns: list[str]) -> str:
    return ", ".join(f"{_q(c)} {_SQL_TYPE[column_type(c)]}" for c in columns)


def schema() -> list[str]:
    statements = [
        f"CREATE TABLE IF NOT EXISTS documents ({_columns_sql(DOCUMENT_COLUMNS)}, processed_at TEXT, "
        f"PRIMARY KEY (document))",
        "CREATE TABLE IF NOT EXISTS codes (code TEXT PRIMARY KEY, severity TEXT, title_th TEXT, means_th TEXT, "
        "why_th TEXT, english TEXT)",
    ]
    for table, columns in ALL_TABLES.values():
        key = "order" if table == "projects" else "position"
        statements.append(
            f"CREATE TABLE IF NOT EXISTS {table} (document TEXT NOT NULL REFERENCES documents(document) "
            f"ON DELETE CASCADE, {_columns_sql(columns)}, PRIMARY KEY (document, {_q(key)}))")
    statements += [f"CREATE INDEX IF NOT EXISTS {t}_{c} ON {t} ({_q(c)})" for t, c in INDEXES]
    statements += [f"CREATE VIEW IF NOT EXISTS {name} AS {sql.strip()}" for name, sql in VIEWS.items()]
    return statements


class Database:
    def __init__(self, outdir: Path):
        self.path = Path(outdir) / FILE
        new = not self.path.exists()
        self.db = sqlite3.connect(self.path, isolation_level=None)  # transactions are explicit
        try:
            self._prepare()
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise OSError(f"{self.path}: not a database this pipeline can use ({exc})") from None
        if new:  # SQLite creates it 0644 whatever the umask: colleagues may need to write to it
            os.chmod(self.path, 0o666 & ~_umask())

    def _prepare(self) -> None:
        db = self.db
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA journal_mode = WAL")   # readers never block the run; a crash rolls back
        db.execute("PRAGMA synchronous = NORMAL")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version not in (0, SCHEMA_VERSION):
            raise sqlite3.DatabaseError(f"its schema is version {version}, this pipeline writes {SCHEMA_VERSION}")
        db.execute("BEGIN")
        for statement in schema():
            db.execute(statement)
        db.execute("DELETE FROM codes")
        db.executemany("INSERT INTO codes VALUES (?, ?, ?, ?, ?, ?)",
                       [(c.code, c.severity, c.title, c.means, c.why, c.english) for c in CODES.values()])
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("COMMIT")

    def unchanged(self, document: str, sha256: str) -> bool:
        """Whether the document was read before from the same bytes."""
        row = self.db.execute("SELECT sha256, status FROM documents WHERE document = ?", (document,)).fetchone()
        return bool(row) and row[0] == sha256 and row[1] == "ok"

    def replace(self, document: dict, tables: dict[str, list[dict]] | None, when: str) -> None:
        """The document's rows, in place of any it had: all or nothing."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("DELETE FROM documents WHERE document = ?", (document["document"],))  # cascades
            db.execute(f"INSERT INTO documents ({', '.join(map(_q, DOCUMENT_COLUMNS))}, processed_at) "
                       f"VALUES ({', '.join('?' * (len(DOCUMENT_COLUMNS) + 1))})",
                       [document.get(c) for c in DOCUMENT_COLUMNS] + [when])
            for name, rows in (tables or {}).items():
                table, columns = ALL_TABLES[name]
                db.executemany(f"INSERT INTO {table} (document, {', '.join(map(_q, columns))}) "
                               f"VALUES ({', '.join('?' * (len(columns) + 1))})",
                               [[document["document"]] + [row.get(c) for c in columns] for row in rows])
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.db.close()
