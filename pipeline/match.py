"""Pair summary-table entries with detail sections, one to one.

Rule (documented in the README):
1. Titles are compared after removing spaces, quotes and punctuation, and a leading
   โครงการ/มาตรการ/กิจกรรม (the same project is called either), with RapidFuzz's ``ratio``
   (0-100); a title contained in the other scores at least ``partial_ratio`` × 0.95.
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
_NOISE = re.compile(r"[\s\"'“”‘’()\[\]/,.:;!?\-–—]+")
_KIND = re.compile(r"^(?:โครงการ|มาตรการ|กิจกรรม)+")


def spacing_key(title: str) -> str:
    """The title without spaces, quotes and punctuation."""
    return _NOISE.sub("", title)


def title_key(title: str) -> str:
    """spacing_key without a leading โครงการ/มาตรการ/กิจกรรม."""
    return _KIND.sub("", spacing_key(title))


def title_score(a: str, b: str) -> float:
    ka, kb = title_key(a), title_key(b)
    if not ka or not kb:
        return 0.0
    return max(fuzz.ratio(ka, kb), fuzz.partial_ratio(ka, kb) * 0.95 if min(len(ka), len(kb)) >= 12 else 0)


def entry_budget(entry: TableEntry) -> float | None:
    values = {v for v in entry.budgets.values() if v is not None}
    return values.pop() if len(values) == 1 else None


def pair_score(entry: TableEntry, project: Project) -> float:
    score = title_score(entry.title, project.title)
    if entry.mission_code and entry.mission_code == project.mission_code:
        score += 4
    if entry.dimension_no and project.dimension_no and entry.dimension_no != project.dimension_no:
        score -= 8
    budget = entry_budget(entry)
    if budget is not None and project.budget_baht is not None and budget == project.budget_baht:
        score += 3
    return score


def match(entries: list[TableEntry], projects: list[Project]) -> None:
    """Sets entry.matched_order and entry.match_score (the title similarity, 0-100)."""
    scored = sorted(((pair_score(e, p), i, j) for i, e in enumerate(entries)
                     for j, p in enumerate(projects)), reverse=True)
    used_e: set[int] = set()
    used_p: set[int] = set()
    for score, i, j in scored:
        if score < MATCH_THRESHOLD:
            break
        if i not in used_e and j not in used_p:
            _pair(entries[i], projects[j], used_e, used_p, i, j)
    for score, i, j in scored:
        if i in used_e or j in used_p:
            continue
        e, p = entries[i], projects[j]
        budget = entry_budget(e)
        if (e.mission_code and e.mission_code == p.mission_code and budget
                and budget == p.budget_baht and title_score(e.title, p.title) >= SECOND_PASS_THRESHOLD):
            _pair(e, p, used_e, used_p, i, j)


def _pair(entry: TableEntry, project: Project, used_e, used_p, i, j) -> None:
    entry.matched_order = project.order
    entry.match_score = round(title_score(entry.title, project.title), 1)
    used_e.add(i)
    used_p.add(j)
