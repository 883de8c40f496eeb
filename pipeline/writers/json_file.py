"""plan.json: the plan as a tree with the source lines (and pages) of every value."""
from __future__ import annotations

import json
from pathlib import Path

from ..model import Plan
from .rows import _number, ocr_summary, project_rows


def _plain(obj) -> dict:
    """A dataclass's own fields, one level deep (dataclasses.asdict copies recursively and is
    several times slower on a plan)."""
    return {name: getattr(obj, name) for name in obj.__dataclass_fields__}


def plan_dict(plan: Plan) -> dict:
    rows = {r["order"]: r for r in project_rows(plan)}

    def project(p):
        d = dict(rows[p.order])
        d["objectives"], d["methods"] = p.objectives, p.methods
        d["outputs"], d["outcomes"] = p.outputs, p.outcomes
        d["budget_by_year"] = {str(y): _number(v) for y, v in sorted(p.budget_by_year.items())}
        d["fields"] = {k: {"written_number": f.written_number, "heading": f.heading,
                           "lines": list(f.line_range)} for k, f in p.fields.items()}
        d["item_lines"] = {k: [i.line.number for i in items] for k, items in p.items.items()}
        return d

    return {
        "source": Path(plan.source).name, "sha256": plan.sha256, "size_bytes": plan.size_bytes,
        "encoding": plan.encoding, "kind": plan.kind, "edition": plan.edition,
        "organisation": plan.organisation, "district": plan.district,
        "province": plan.province, "start_year": plan.start_year, "end_year": plan.end_year,
        "fiscal_years": plan.fiscal_years,
        "dimensions": [{
            "number": d.number, "title": d.title, "line": d.line,
            "missions": [{
                "code": m.code, "title": m.title, "line": m.line,
                "projects": [project(p) for p in m.projects],
                "submissions": [{"code": s.code, "title": s.title, "line": s.line,
                                 "projects": [project(p) for p in s.projects]} for s in m.submissions],
            } for m in d.missions],
        } for d in plan.dimensions],
        "projects_outside_hierarchy": [project(p) for p in plan.projects if not p.mission_code],
        "summary_table": [dict(_plain(e), budgets={str(y): _number(v) for y, v in e.budgets.items()})
                          for e in plan.table],
        "introduction": {
            **{lst.name: [{"text": t, "line": n} for t, n in zip(lst.items, lst.item_lines)]
               for lst in plan.intro_lists},
            "risks": [dict(_plain(r), measures=[_plain(m) for m in r.measures]) for r in plan.risks],
            "targets": [dict(_plain(t), values={str(y): v for y, v in t.values.items()},
                             texts={str(y): v for y, v in t.texts.items()}) for t in plan.targets],
        },
        "declared": [_plain(d) for d in plan.declared],
        "declared_vs_computed": [_plain(c) for c in plan.comparison],
        "coverage": [_plain(c) for c in plan.coverage],
        "repairs": plan.repairs,
        "ocr": ocr_summary(plan),
        "findings": [_plain(f) for f in plan.findings],
    }


def json_bytes(plan: Plan) -> bytes:
    return json.dumps(plan_dict(plan), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write(plan: Plan, outdir: Path) -> dict[str, bytes]:
    return {"plan.json": json_bytes(plan)}
