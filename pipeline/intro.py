"""Plan-level facts from the cover and the introduction: organisation, place, plan period."""
from __future__ import annotations

import re

from .model import Line

ORGANISATION = re.compile(r"^(?:ของ)?\s*((?:เทศบาล(?:ตำบล|เมือง|นคร)|องค์การบริหารส่วน(?:ตำบล|จังหวัด)|อบต\.|อบจ\.)\s*\S+)")
PLACE = re.compile(r"อำเภอ\s*(\S+)\s+จังหวัด\s*(\S+)")
PERIOD = re.compile(r"\(\s*พ\.ศ\.\s*(25\d\d)\s*-\s*(25\d\d)\s*\)")


def plan_facts(lines: list[Line], limit: int = 60) -> dict:
    facts = {"organisation": "", "district": "", "province": "", "start_year": None, "end_year": None}
    for line in lines[:limit]:
        text = line.text
        if not facts["organisation"] and (m := ORGANISATION.match(text)):
            facts["organisation"] = m.group(1)
        if not facts["district"] and (m := PLACE.search(text)):
            facts["district"], facts["province"] = m.group(1), m.group(2)
        if facts["start_year"] is None and (m := PERIOD.search(text)):
            facts["start_year"], facts["end_year"] = int(m.group(1)), int(m.group(2))
    return facts
