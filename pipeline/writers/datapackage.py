"""datapackage.json beside the CSVs: a Frictionless Data Package whose Table Schemas give each
column's type, so pandas, frictionless and spreadsheets read mission_code ("1.2") as text and
counts as integers instead of guessing."""
from __future__ import annotations

import json

from .rows import column_type, thai_header

KEYS = {"projects.csv": ["order"], "summary_table.csv": ["entry_no"], "documents.csv": ["document"]}
PANDAS = {"integer": "Int64", "number": "float64", "boolean": "boolean", "string": "string"}


def resource(name: str, columns: list[str], combined: bool) -> dict:
    fields = [{"name": c, "type": column_type(c), "title": thai_header(c)} for c in columns]
    schema = {"fields": fields, "missingValues": [""]}
    key = (["document"] if combined and name != "documents.csv" else []) + KEYS.get(name, [])
    if key and (not combined or name == "documents.csv" or name == "projects.csv"):
        schema["primaryKey"] = key
    return {"name": name.removesuffix(".csv"), "path": name, "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8",
            "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "header": True},
            "schema": schema}


def datapackage_bytes(columns_by_file: dict[str, list[str]], name: str) -> bytes:
    package = {"profile": "tabular-data-package", "name": _slug(name),
               "title": "แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส",
               "resources": [resource(f, cols, combined=name == "_all") for f, cols in columns_by_file.items()]}
    return json.dumps(package, ensure_ascii=False, indent=1).encode("utf-8")


def pandas_dtypes(columns: list[str]) -> dict[str, str]:
    """dtype= for pandas.read_csv, from the same types."""
    return {c: PANDAS[column_type(c)] for c in columns}


def _slug(name: str) -> str:
    """A package name is lower-case ASCII letters, digits, - . _ (Frictionless)."""
    slug = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-._") else "-" for ch in name.lower()).strip("-")
    return slug or "plan"
