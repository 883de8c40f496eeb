"""Template instructions left in the plan: whole, misspelt (found fuzzily) or half replaced."""
from __future__ import annotations

from bisect import bisect_left
from typing import Iterable, Iterator

from .. import template as T
from ..extract import content, paragraphs
from ..findings import finding
from ..model import Finding, Plan, Project
from ..normalise import line_numbers
from .common import section_of


_PLACEHOLDER_HINTS = ("ระบุ", ".....", "……", "____")


class _Hits:
    """Lines holding each needle of the placeholder checks, and the lines where a half-replaced
    instruction may be: every needle found with str.find over the plan's lines joined once (a
    loop per line, or one regex of alternatives, costs several times more), then every offset
    turned into its line in one pass over the text."""

    def __init__(self, plan: Plan):
        joined = plan.text or "\n".join(ln.text for ln in plan.lines)
        needles = dict.fromkeys(_PLACEHOLDER_HINTS + T.LONG_PLACEHOLDER_WORDS)
        found = {needle: list(_find_all(joined, needle)) for needle in needles}
        half = [m.start() for m in T.HALF_REPLACED_HINT.finditer(joined)]
        offsets = sorted({o for at in found.values() for o in at}.union(half))
        line = dict(zip(offsets, line_numbers(joined, offsets)))
        self._lines = {needle: {line[o] for o in at} for needle, at in found.items()}
        self.half_replaced = [line[o] for o in half]  # 1-based, in text order

    def lines(self, needles: Iterable[str]) -> set[int]:
        return set().union(*(self._lines[needle] for needle in needles))


def _find_all(text: str, needle: str) -> Iterator[int]:
    i = text.find(needle)
    while i != -1:
        yield i
        i = text.find(needle, i + 1)


def check_placeholder(plan: Plan) -> Iterable[Finding]:
    """Template instructions left unfilled: in each field of a section, looked for in whole
    paragraphs (a wrapped line that starts with ระบุ in the middle of a sentence is no instruction);
    in the table's titles; and anywhere (Part 1's risk table included) the template's long
    instructions misspelt (found fuzzily) or half replaced (only their head replaced)."""
    reported: set[int] = set()
    hits = _Hits(plan)
    hinted = sorted(hits.lines(_PLACEHOLDER_HINTS))
    for p in plan.projects:
        k = bisect_left(hinted, p.line_start)
        if k == len(hinted) or hinted[k] > p.line_end:
            continue  # no hint of a placeholder in the section's lines
        for key, f in p.fields.items():
            first, last = f.line_range
            k = bisect_left(hinted, first)
            if k == len(hinted) or hinted[k] > last:
                continue  # nor in this field's
            for line, evidence in _placeholder_in_field(plan, key, f):
                reported.add(line)
                yield finding("PLACEHOLDER_TEXT", line,
                              f"ลำดับที่ {p.seq_no} หัวข้อ {T.THAI_NAME[key]} มีข้อความแม่แบบที่ยังไม่ได้กรอก "
                              f"(unfilled template text)", evidence=evidence[:120], field=key, **section_of(p))
                break
    for e in plan.table:
        if T.PLACEHOLDER_IN_TITLE.search(e.title):
            reported.add(e.line)
            yield finding("PLACEHOLDER_TEXT", e.line,
                          f"รายการที่ {e.entry_no} ในตาราง ส่วนที่ 2 มีข้อความแม่แบบที่ยังไม่ได้กรอก (unfilled template text)",
                          evidence=e.title[:120], entry_no=e.entry_no, field="title")
    yield from _placeholders_anywhere(plan, reported, hits)


def _placeholder_in_field(plan: Plan, key: str, f):
    pattern = T.PLACEHOLDER_IN_TITLE if key == "title" else T.PLACEHOLDER
    for first, text in paragraphs(content(f), None if key == "title" else plan.wrap_width):
        if key == "title":
            text = " ".join(ln.text for ln in content(f))
        if pattern.search(text):
            yield first.number, next((ln.raw.strip() for ln in plan.lines[first.number - 1:first.number]), text)


def _placeholders_anywhere(plan: Plan, reported: set[int], found: _Hits) -> Iterator[Finding]:
    """One finding per section field (a field that repeats the bad phrase is one defect), one per
    line outside the sections."""
    hits: dict[tuple, list] = {}
    for line, score, half in _placeholder_lines(plan, reported, found):
        where, key = _field_at(plan, line.number)
        hits.setdefault((id(where), key) if where else (line.number,), []).append((line, score, half, where, key))
    for group in hits.values():
        line, score, half, where, key = group[0]
        how = (f"ข้อความแม่แบบที่ยังไม่ได้กรอก สะกดผิด (an unfilled template instruction, misspelt: {score:.0f}% like it)"
               if score >= T.PLACEHOLDER_SCORE else
               f"ข้อความแม่แบบที่แทนที่ไม่ครบ '…{half}' (a template instruction only half replaced)")
        prefix = f"ลำดับที่ {where.seq_no} หัวข้อ {T.THAI_NAME.get(key, key)}: " if where else ""
        more = f" และบรรทัด {', '.join(str(g[0].number) for g in group[1:])}" if len(group) > 1 else ""
        yield finding("PLACEHOLDER_TEXT", line.number, prefix + how + more, evidence=line.raw.strip()[:120],
                      field=key, found=half or "", **(section_of(where) if where else {}))


def _placeholder_lines(plan: Plan, reported: set[int], hits: _Hits):
    from rapidfuzz import fuzz

    fuzzy = hits.lines(T.LONG_PLACEHOLDER_WORDS)
    # ปกครองส่วน… after words that are not องค์กร / องค์การ / การ, this line or the one before
    hinted = hits.half_replaced
    half_lines = {n for h in hinted for n in (h, h + 1) if n <= len(plan.lines)}  # ท้องถิ่น may end the next line
    for number in sorted(fuzzy | half_lines):
        line = plan.lines[number - 1]
        text = line.text
        if number in reported or line.furniture:
            continue
        cells = ["".join(cell.split()) for cell in text.split("\t")]
        score = 0.0
        if number in fuzzy:
            # cell by cell (a table row's cells are not one phrase); a phrase longer than the cell is
            # not looked for in it, as partial_ratio would find the cell inside the phrase
            score = max((fuzz.partial_ratio(phrase, words, score_cutoff=T.PLACEHOLDER_SCORE)
                         for phrase, anchors in T.LONG_PLACEHOLDERS.items() for words in cells
                         if len(words) >= len(phrase) and any(a in words for a in anchors)), default=0)
        half = ""
        if number in half_lines:
            # the first cell goes on from the previous line's last (a wrapped line can split a word)
            before = plan.lines[number - 2].text if number > 1 else ""
            head = "".join(before.split("\t")[-1].split())[-30:]
            half, at = _half_replaced(head + cells[0], len(head))
            if half and at < len(head) and number - 1 not in reported:
                yield plan.lines[number - 2], score, half  # the phrase starts on the line before
                continue
            half = half or next((h for h, _ in map(_half_replaced, cells[1:]) if h), "")
        if score >= T.PLACEHOLDER_SCORE or half:
            yield line, score, half


def _field_at(plan: Plan, number: int) -> tuple[Project | None, str]:
    for p in plan.projects:
        if p.line_start <= number <= p.line_end:
            key = next((k for k, f in p.fields.items() if f.line_range[0] <= number <= f.line_range[1]), "section")
            return p, key
    before_table = not plan.table or number < plan.table[0].line
    return None, "part1" if before_table else "part2"


def _half_replaced(words: str, start: int = 0) -> tuple[str, int]:
    """The words before ปกครองส่วนท้องถิ่น when they are not องค์กร / องค์การ / การ (nor a typo of
    them), and where they start; only where the phrase ends after `start` (words before it are
    context)."""
    tail = T.HALF_REPLACED_TAIL
    at = words.find(tail)
    while at != -1:
        before = words[max(0, at - 7):at]
        if at + len(tail) > start and before and not T.HALF_REPLACED_OK.search(before):
            return words[max(0, at - 12):at + len(tail)], max(0, at - 7)
        at = words.find(tail, at + 1)
    return "", -1
