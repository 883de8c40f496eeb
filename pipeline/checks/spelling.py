"""Optional (--spelling): words of titles, headings, short fields and the risk table that are not
in pythainlp's Thai dictionary after newmm tokenisation, letters spaced out, and doubled words
(ในการในการ), each with the closest word of the same dictionary when one is close. Info only: a
word the dictionary lacks may be a name. pythainlp is imported here, so only a run that asks pays
its load time. Suggestions come from RapidFuzz over the dictionary (7-10 ms a word) rather than
pythainlp.spell.correct, which took 1.2-1.6 s for a word of eight letters or more."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator, NamedTuple

from .. import template as T
from ..findings import finding
from ..model import Finding, Plan
from .common import section_of

_LETTERS = re.compile(r"^[\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e]+$")  # Thai letters and marks
_LETTER_RUN = re.compile(r"[\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e]+")
_ABBREVIATION = re.compile(r"(?<![\u0e01-\u0e4e])[\u0e01-\u0e2e\u0e30-\u0e4e]{1,4}\.(?:[\u0e01-\u0e2e]{1,3}\.)*")
_DOUBLED = re.compile(r"([\u0e01-\u0e4e]{3,}?)\1")
_SHORT = 200  # fields longer than this are prose: not checked


class Text(NamedTuple):
    line: int          # where the text starts
    field: str         # title, heading, risk, or a field key
    text: str
    section: dict      # order/seq_no of the section it belongs to, if any


class Slip(NamedTuple):
    word: str
    suggestion: str
    kind: str          # unknown | spaced | doubled


@lru_cache(maxsize=1)
def _dictionary():
    from pythainlp.corpus import thai_words
    from pythainlp.tokenize import word_tokenize
    from rapidfuzz import fuzz, process

    words = frozenset(thai_words()) | T.SPELLING_ALLOW
    choices = sorted(words)

    def closest(word: str) -> tuple[str, float]:
        """The nearest word of about the same length (not one that merely drops letters)."""
        near = process.extract(word, choices, scorer=fuzz.ratio, score_cutoff=T.SPELLING_SUGGEST_SCORE, limit=8)
        return next(((w, score) for w, score, _ in near if abs(len(w) - len(word)) <= 2), ("", 0.0))

    return words, lambda text: word_tokenize(text, engine="newmm", keep_whitespace=True), closest


def check_spelling(plan: Plan) -> Iterator[Finding]:
    words, tokenize, closest = _dictionary()
    allowed = words | _plan_names(plan, tokenize)
    seen: set[tuple[int, str]] = set()
    for text in _texts(plan):
        for slip in slips(text.text, allowed, tokenize, closest):
            line = _line_of(plan, text.line, slip.word)
            if (line, slip.word) in seen:
                continue
            seen.add((line, slip.word))
            hint = f" ควรเป็น '{slip.suggestion}' หรือไม่ (did you mean '{slip.suggestion}'?)" if slip.suggestion else ""
            yield finding("SPELLING", line, f"{T.SPELLING_KIND[slip.kind]} '{slip.word}'{hint}",
                          evidence=plan.lines[line - 1].raw.strip()[:120], field=text.field,
                          found=slip.word, expected=slip.suggestion, **text.section)


def _texts(plan: Plan) -> Iterator[Text]:
    for p in plan.projects:
        for key, value in (("title", p.title), ("target_group", p.target_group), ("responsible", p.responsible)):
            f = p.fields.get(key)
            if f and value and len(value) < _SHORT:
                yield Text(f.heading_line, key, value, section_of(p))
    for d in plan.dimensions:
        yield Text(d.line, "heading", d.title, {})
        for m in d.missions:
            yield Text(m.line, "heading", m.title, {})
            yield from (Text(s.line, "heading", s.title, {}) for s in m.submissions)
    for e in plan.table:
        yield Text(e.line, "table", e.title, {"entry_no": e.entry_no})
    for r in plan.risks:
        yield Text(r.line, "risk", r.step, {})
        yield Text(r.line, "risk", r.risk, {})
        yield from (Text(m.line, "risk", m.text, {}) for m in r.measures)


def _plan_names(plan: Plan, tokenize) -> set[str]:
    """The plan's own names (organisation, district, province): a place name is no misspelling."""
    names = " ".join(filter(None, (plan.organisation, plan.district, plan.province)))
    return {t for t in tokenize(names) if t.strip()} | set(names.split())


def _line_of(plan: Plan, first: int, word: str) -> int:
    """The line, from `first` on, that holds the word (a title or a table row spans lines)."""
    squeezed = "".join(word.split())
    for ln in plan.lines[first - 1:first + 40]:
        if squeezed in "".join(ln.text.split()):
            return ln.number
    return first


def slips(text: str, words: frozenset[str], tokenize, closest) -> list[Slip]:
    """What looks misspelt in one text: letters spaced out, unknown words, doubled words."""
    spaced, covered = _spaced_out(text, words, tokenize)
    abbreviations = [m.span() for m in _ABBREVIATION.finditer(text)]
    tokens, at = [], 0
    for tok in tokenize(text):
        tokens.append((tok, at))
        at += len(tok)
    return spaced + _unknown(tokens, words, closest, covered + abbreviations) + _doubled(text, tokens, words)


def _spaced_out(text: str, words, tokenize) -> tuple[list[Slip], list[tuple[int, int]]]:
    """Letters spaced out: runs of space-separated fragments (pieces that are not words), as
    'บริ ห า ร' for บริหาร; and one word split by a space, as 'ให้บริ การ'."""
    pieces = [(m.group(), m.start()) for m in _LETTER_RUN.finditer(text)]
    fragment = [p not in words and (len(p) == 1 or any(t not in words for t in tokenize(p))) for p, _ in pieces]
    slips, spans, k = [], [], 0
    while k < len(pieces):
        end = k
        while end < len(pieces) and fragment[end] and (end == k or _spaced(text, pieces[end - 1], pieces[end])):
            end += 1
        joined = "".join(p for p, _ in pieces[k:end])
        if end - k >= 3 or end - k == 2 and joined in words:
            slips.append(Slip(" ".join(p for p, _ in pieces[k:end]), joined if joined in words else "", "spaced"))
            spans.append((pieces[k][1], pieces[end - 1][1] + len(pieces[end - 1][0])))
        elif end - k == 1:
            split = _split_word(text, pieces, k, words, tokenize)
            if split:
                slips.append(split[0])
                spans.append(split[1])
        k = max(end, k + 1)
    return slips, spans


def _spaced(text: str, a: tuple[str, int], b: tuple[str, int]) -> bool:
    """Whether only spaces stand between two runs of letters."""
    gap = text[a[1] + len(a[0]):b[1]]
    return bool(gap) and gap.isspace()


def _split_word(text: str, pieces, k: int, words, tokenize):
    """A fragment that makes known words with its neighbour: the word across the space."""
    for a, b in ((k, k + 1), (k - 1, k)):
        if a < 0 or b >= len(pieces) or not _spaced(text, pieces[a], pieces[b]):
            continue
        left, right = pieces[a][0], pieces[b][0]
        tokens = tokenize(left + right)
        if all(t in words for t in tokens):
            at = 0
            for t in tokens:  # the token that spans the space
                if at < len(left) < at + len(t):
                    cut = len(left) - at
                    return (Slip(f"{t[:cut]} {t[cut:]}", t, "spaced"),
                            (pieces[a][1] + at, pieces[b][1] + len(t) - cut))
                at += len(t)
    return None


def _unknown(tokens, words, closest, skip: list[tuple[int, int]]) -> list[Slip]:
    """Tokens the dictionary lacks (adjacent ones merged), with a suggestion: for the word they
    complete with the end of the token before them (เจตนา + ภมณ -> เจตนารมณ์), else alone."""
    slips, k = [], 0
    while k < len(tokens):
        tok, at = tokens[k]
        if not _LETTERS.match(tok) or tok in words or any(a <= at < b for a, b in skip):
            k += 1
            continue
        end = k + 1
        while end < len(tokens) and _LETTERS.match(tokens[end][0]) and tokens[end][0] not in words:
            end += 1
        unknown = "".join(t for t, _ in tokens[k:end])
        before = tokens[k - 1][0] if k and _LETTERS.match(tokens[k - 1][0]) else ""
        slips.append(_suggest(before, unknown, words, closest))
        k = end
    return slips


def _suggest(before: str, unknown: str, words, closest) -> Slip:
    # the ends of the token before that are words themselves: การแสดงเจตนา -> แสดงเจตนา, เจตนา, นา
    heads = [before[i:] for i in range(len(before)) if before[i:] in words]
    best = max(((word, *closest(word)) for word in [h + unknown for h in heads] + [unknown]),
               key=lambda c: (c[2], len(c[0])))
    word, fixed, _ = best
    return Slip(word, fixed, "unknown") if fixed else Slip(unknown, "", "unknown")


def _doubled(text: str, tokens, words) -> list[Slip]:
    """Words written twice with nothing between (ในการในการ): a run of letters repeated at once,
    starting where a token starts, made of dictionary words, and not itself a word."""
    slips, end = [], 0
    for _, at in tokens:
        m = _DOUBLED.match(text, at) if at >= end else None
        if m and m.group(1) * 2 not in words and all(t in words for t in _tokens_of(m.group(1), tokens, at)):
            slips.append(Slip(m.group(), m.group(1), "doubled"))
            end = m.end()
    return slips


def _tokens_of(unit: str, tokens, start: int) -> list[str]:
    return [t for t, at in tokens if start <= at < start + len(unit)]
