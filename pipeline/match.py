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

from rapidfuzz import fuzz

from .model import Project, TableEntry

MATCH_THRESHOLD = 75.0
SECOND_PASS_THRESHOLD = 45.0
PARTIAL_FROM = 60.0
_NOISE = re.compile(r"[\s\"'“”‘’()\[\]/,.:;!?\-–—]+")
_KIND = re.compile(r"^(?:โครงการ|มาตรการ|กิจกรรม)+")


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
    titles = _title_matrix([e.title for e in entries], [p.title for p in projects])
    budgets = [entry_budget(e) for e in entries]
    scored = sorted(((titles[i][j] + _context_bonus(e, p, budgets[i]), i, j)
                     for i, e in enumerate(entries) for j, p in enumerate(projects)
                     if titles[i][j] >= SECOND_PASS_THRESHOLD), reverse=True)
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


def _title_matrix(titles_a: list[str], titles_b: list[str]) -> list[list[float]]:
    """title_score for every pair. The ratios come from RapidFuzz's C code in one call; the
    Python-level refinements (containment, partial_ratio) run only on the pairs that can need
    them: a contained title has the highest ratio its length allows, 200·short/(short+long)."""
    import numpy as np
    from rapidfuzz.process import cdist

    a = [title_key(t) for t in titles_a]
    b = [title_key(t) for t in titles_b]
    ratio = cdist(a, b, scorer=fuzz.ratio)
    la = np.array([len(k) for k in a], dtype=float)[:, None]
    lb = np.array([len(k) for k in b], dtype=float)[None, :]
    ceiling = 200 * np.minimum(la, lb) / np.maximum(la + lb, 1)
    refine = (ratio >= PARTIAL_FROM) | (ratio >= ceiling - 0.01)
    matrix = ratio.tolist()
    for i, j in zip(*np.nonzero(refine)):
        matrix[i][j] = _combine(a[i], b[j], matrix[i][j]) if a[i] and b[j] else 0.0
    for i, ka in enumerate(a):  # an empty title matches nothing
        if not ka:
            matrix[i] = [0.0] * len(b)
    for j, kb in enumerate(b):
        if not kb:
            for row in matrix:
                row[j] = 0.0
    return matrix


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
    scores = dict(zip(unique, _title_matrix(unique, [p.title for p in projects])))
    for measure in measures:
        row = scores[measure.text]
        best = max(range(len(row)), key=row.__getitem__)
        if row[best] >= MATCH_THRESHOLD:
            measure.matched_order, measure.match_score = projects[best].order, round(row[best], 1)
