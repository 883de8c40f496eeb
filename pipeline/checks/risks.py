"""Part 1's risk-assessment table: measures that name no project, and its numbering."""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from ..findings import finding
from ..model import Finding, Plan


def _distinct_measures(plan: Plan):
    seen = set()
    for risk in plan.risks:
        for m in risk.measures:
            if id(m) not in seen:
                seen.add(id(m))
                yield risk, m


def check_risk_measures(plan: Plan) -> Iterable[Finding]:
    if not plan.projects:
        return
    for risk, m in _distinct_measures(plan):
        if m.matched_order is None:
            yield finding("RISK_MEASURE_UNMATCHED", m.line,
                          f"มาตรการควบคุมความเสี่ยงข้อ {m.number or ''} (ขั้นตอนที่ {risk.step_no or '-'}) "
                          f"ไม่ตรงกับโครงการใดในส่วนที่ 3 (control measure with no project behind it)",
                          evidence=m.text[:120], field="risk_measures")


def check_risk_numbering(plan: Plan) -> Iterable[Finding]:
    """Risks and measures are numbered within each step of the risk table, across page breaks."""
    steps: dict = defaultdict(lambda: {"risk": [], "measure": []})
    for risk, m in _distinct_measures(plan):
        steps[risk.step_no]["measure"].append((m.number, m.line, m.text))
    for risk in plan.risks:
        steps[risk.step_no]["risk"].append((risk.risk_no, risk.line, risk.risk))
    for step, kinds in steps.items():
        for kind, numbered in kinds.items():
            numbers = [(n, line, text) for n, line, text in numbered if n is not None]
            for (a, _, _), (b, line, text) in zip(numbers, numbers[1:]):
                if b != a + 1:
                    what = "มาตรการ" if kind == "measure" else "ประเด็นความเสี่ยง"
                    yield finding("LIST_NUMBERING", line,
                                  f"ตารางประเมินความเสี่ยง ขั้นตอนที่ {step}: {what}ข้อ {a} ตามด้วยข้อ {b} "
                                  f"(risk table numbering repeats or skips)", evidence=f"{b}. {text}"[:120],
                                  field=f"risk_{kind}s", expected=str(a + 1), found=str(b))
                    break
