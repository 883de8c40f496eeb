"""Numbers read by OCR that nothing else in the document confirms (see confirm.py): each one,
with its page and Tesseract's confidence, and what it was taken as when it was recovered."""
from __future__ import annotations

from typing import Iterable

from ..findings import finding
from ..model import Finding, Plan

WHAT = {"section": "ลำดับในเอกสาร", "entry": "รายการที่", "declared": "ยอดที่ระบุ"}
FIELD_THAI = {"budget_baht": "งบประมาณ", "target_count": "จำนวนกลุ่มเป้าหมาย", "seq_no": "เลขลำดับที่",
              "period": "ปีงบประมาณที่ดำเนินการ", "count": "จำนวนโครงการ"}


def check_ocr_numbers(plan: Plan) -> Iterable[Finding]:
    for u in plan.unconfirmed:
        name = FIELD_THAI.get(u.field) or (f"งบประมาณปี {u.field.split('_')[1]}" if "_" in u.field else u.field)
        entry = plan.table[u.key - 1] if u.what == "entry" else None
        where = (f"{WHAT[u.what]} {entry.entry_no if entry else u.key}" if u.key is not None else "ทั้งแผน")
        sure = f", OCR มั่นใจ {u.confidence:.0f}%" if u.confidence is not None else ""
        taken = f"; {u.note}" if u.note else ""
        keys = {"order": u.key} if u.what == "section" else {"entry_no": entry.entry_no} if entry else {}
        yield finding("OCR_UNCONFIRMED", u.line,
                      f"{where}: {name} อ่านด้วย OCR ได้ '{u.value}' แต่ไม่มีส่วนอื่นในเอกสารยืนยัน{sure}{taken} "
                      f"(a number read by OCR that nothing else in the document confirms: check it on the page)",
                      evidence=plan.lines[u.line - 1].raw.strip()[:120], field=u.field, found=u.value, **keys)
