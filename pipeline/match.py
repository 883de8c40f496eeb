"""Pair summary-table entries with detail sections, one to one.

Rule (documented in the README):
1. Titles are compared after removing spaces, quotes and punctuation, and a leading
   โครงการ/มาตรการ/กิจกรรม (the same project is called either), with RapidFuzz's ``ratio``
   (0-100); a title contained in the other scores at least 95, and from a ratio of 60 the
   ``partial_ratio`` × 0.95 counts too when the lengths differ by over 15 % (a title with words
   added or dropped).
2. Ties and near-ties are broken by the hierarchy and the money: +4 when the mission agrees,
   -8 when the dimension differs, +3 when the budget agrees.
3. Pairs are taken greedily from the best score down; a pair needs a score of MATCH_THRESHOLD.
4. A second pass pairs what is left within one mission when the budget agrees and is not zero
   and the titles still score SECOND_PASS_THRESHOLD: the same money under the same mission is
   strong evidence even when the title was rewritten.
Anything else stays unmatched rather than being forced into a poor pair.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from rapidfuzz import fuzz

from .model import Project, TableEntry
from .template import KIND_WORDS

MATCH_THRESHOLD = 75.0
SECOND_PASS_THRESHOLD = 45.0
PARTIAL_FROM = 60.0
_NOISE = re.compile(r"[\s\"'“”‘’()\[\]/,.:;!?\-–—]+")
_KIND = re.compile(rf"^(?:{'|'.join(KIND_WORDS)})+")


def spacing_key(title: str) -> str:
    """The title without spaces, quotes and punctuation."""
    return _NOISE.sub("", title)


def title_key(title: str) -> str:
    """spacing_key without a leading โครงการ/มาตรการ/กิจกรรม."""
    return _KIND.sub("", spacing_key(title))


def title_score(a: str, b: str) -> float:
    """Similarity 0-100 of two titles; a title contained in the other scores high."""
    ka, kb = title_key(a), title_key(b)
    if not ka or not kb:
        return 0.0
    return _combine(ka, kb, fuzz.ratio(ka, kb))


def _combine(ka: str, kb: str, ratio: float) -> float:
    if min(len(ka), len(kb)) < 12:
        return ratio
    if ka in kb or kb in ka:
        return max(ratio, 95.0)
    short, long = sorted((len(ka), len(kb)))
    # partial_ratio (~40x dearer than ratio) only where it can matter: a title with words added
    # or dropped, i.e. clearly different lengths
    if ratio >= PARTIAL_FROM and short < 0.85 * long:
        return max(ratio, fuzz.partial_ratio(ka, kb, score_cutoff=min(100.0, ratio / 0.95)) * 0.95)
    return ratio


def entry_budget(entry: TableEntry) -> float | None:
    values = {v for v in entry.budgets.values() if v is not None}
    return values.pop() if len(values) == 1 else None


def match(entries: list[TableEntry], projects: list[Project]) -> None:
    """Sets entry.matched_order and entry.match_score (the title similarity, 0-100)."""
    if not entries or not projects:
        return
    titles = title_scores([e.title for e in entries], [p.title for p in projects])
    budgets = [entry_budget(e) for e in entries]
    scored = sorted(((score + _context_bonus(entries[i], projects[j], budgets[i]), i, j)
                     for i, row in enumerate(titles) for j, score in row.items()), reverse=True)
    used_e: set[int] = set()
    used_p: set[int] = set()
    for score, i, j in scored:
        if score < MATCH_THRESHOLD:
            break
        if i not in used_e and j not in used_p:
            _pair(entries[i], projects[j], titles[i][j], used_e, used_p, i, j)
    for score, i, j in scored:
        if i in used_e or j in used_p:
            continue
        e, p = entries[i], projects[j]
        if e.mission_code and e.mission_code == p.mission_code and budgets[i] and budgets[i] == p.budget_baht:
            _pair(e, p, titles[i][j], used_e, used_p, i, j)


def title_scores(titles_a: list[str], titles_b: list[str]) -> list[dict[int, float]]:
    """title_score of every pair that scores SECOND_PASS_THRESHOLD or more, as one dict per title
    of titles_a. RapidFuzz's C code finds the candidates (score_cutoff skips the rest early);
    containment (a title inside the other, which scores 95) is found with str.find over all
    titles joined, and the dearer refinements run only on the pairs that can need them."""
    from rapidfuzz import process

    a = [title_key(t) for t in titles_a]
    b = [title_key(t) for t in titles_b]
    rows: list[dict[int, float]] = []
    for ka in a:
        row: dict[int, float] = {}
        if ka:
            for _, ratio, j in process.extract(ka, b, scorer=fuzz.ratio, limit=None,
                                               score_cutoff=SECOND_PASS_THRESHOLD):
                if b[j]:  # below PARTIAL_FROM only containment (found below) can raise the ratio
                    score = ratio if ratio < PARTIAL_FROM else _combine(ka, b[j], ratio)
                    if score >= SECOND_PASS_THRESHOLD:
                        row[j] = score
        rows.append(row)
    for i, j in _contained_pairs(a, b):
        rows[i][j] = max(rows[i].get(j, 0.0), _combine(a[i], b[j], fuzz.ratio(a[i], b[j])))
    return rows


def _contained_pairs(a: list[str], b: list[str]):
    """(i, j) where a[i] is inside b[j] or b[j] inside a[i] (keys of 12 characters or more)."""
    for shorts, longs, flip in ((a, b, False), (b, a, True)):
        joined = "\n".join(longs)
        starts, position = [], 0
        for key in longs:
            starts.append(position)
            position += len(key) + 1
        for k, key in enumerate(shorts):
            if len(key) < 12:
                continue
            found = joined.find(key)
            while found != -1:
                index = bisect_right(starts, found) - 1
                yield (index, k) if flip else (k, index)
                found = joined.find(key, found + 1)


def _context_bonus(entry: TableEntry, project: Project, budget: float | None) -> float:
    bonus = 4.0 if entry.mission_code and entry.mission_code == project.mission_code else 0.0
    if entry.dimension_no and project.dimension_no and entry.dimension_no != project.dimension_no:
        bonus -= 8
    if budget is not None and budget == project.budget_baht:
        bonus += 3
    return bonus


def _pair(entry: TableEntry, project: Project, title: float, used_e, used_p, i, j) -> None:
    entry.matched_order = project.order
    entry.match_score = round(title, 1)
    used_e.add(i)
    used_p.add(j)


def match_measures(measures, projects: list[Project]) -> None:
    """Link each control measure of the risk table to the section it names (several measures
    may name the same section), by the same title score and threshold as the summary table."""
    if not measures or not projects:
        return
    unique = list({m.text: None for m in measures})
    scores = dict(zip(unique, title_scores(unique, [p.title for p in projects])))
    for measure in measures:
        row = scores[measure.text]
        if row:
            best = max(row, key=row.__getitem__)
            if row[best] >= MATCH_THRESHOLD:
                measure.matched_order, measure.match_score = projects[best].order, round(row[best], 1)
