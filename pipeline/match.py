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
from functools import lru_cache

from rapidfuzz import fuzz

from .model import Project, TableEntry
from .template import KIND_WORDS

MATCH_THRESHOLD = 75.0
SECOND_PASS_THRESHOLD = 45.0
PARTIAL_FROM = 60.0
_NOISE = re.compile(r"[\s\"'“”‘’()\[\]/,.:;!?\-–—]+")
_KIND = re.compile(rf"^(?:{'|'.join(KIND_WORDS)})+")


def forget_titles() -> None:
    """A new plan: the keys of the last one's titles are dropped (memory stays bounded, and a
    benchmark parsing one plan again and again measures the work, not the cache)."""
    spacing_key.cache_clear()
    title_key.cache_clear()


@lru_cache(maxsize=4096)
def spacing_key(title: str) -> str:
    """The title without spaces, quotes and punctuation."""
    return _NOISE.sub("", title)


@lru_cache(maxsize=4096)  # a title is keyed by matching, the risk measures and the checks
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
    """Sets entry.matched_order and entry.match_score (the title similarity, 0-100). Titles
    written the same (after title_key) pair without fuzzy matching when that pairing is the
    only one possible; only the rest are compared with each other, so a plan whose titles agree
    costs little however long it is."""
    if not entries or not projects:
        return
    exact, rest_e, rest_p = _exact_pairs([title_key(e.title) for e in entries], [title_key(p.title) for p in projects])
    titles: dict[int, dict[int, float]] = {i: {j: 100.0} for i, j in exact}
    titles.update(_fuzzy_candidates(entries, projects, rest_e, rest_p))
    budgets = [entry_budget(e) for e in entries]
    scored = sorted(((score + _context_bonus(entries[i], projects[j], budgets[i]), i, j)
                     for i, row in titles.items() for j, score in row.items()), reverse=True)
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


CANDIDATES = 12  # best-scoring sections kept per entry: the greedy pairing needs no more
SURE = 90.0      # a title this like one under the entry's own mission needs no wider search


def _fuzzy_candidates(entries, projects, rest_e: list[int], rest_p: list[int]) -> dict[int, dict[int, float]]:
    """Each entry left over against the sections left over: first those under its own mission
    (a rewritten title mostly stays there), then all of them when none there is SURE, so an
    entry filed under the wrong mission still finds its section."""
    blocks: dict[str, list[int]] = {}
    for j in rest_p:
        blocks.setdefault(projects[j].mission_code, []).append(j)
    out: dict[int, dict[int, float]] = {}
    by_block: dict[str, list[int]] = {}
    for i in rest_e:
        by_block.setdefault(entries[i].mission_code if entries[i].mission_code in blocks else "", []).append(i)
    wide: list[int] = []
    for code, members in by_block.items():
        block = blocks.get(code, []) if code else []
        rows = title_scores([entries[i].title for i in members], [projects[j].title for j in block], CANDIDATES) \
            if block else [{} for _ in members]
        for i, row in zip(members, rows):
            out[i] = {block[j]: score for j, score in row.items()}
            if max(row.values(), default=0.0) < SURE:
                wide.append(i)
    if wide:
        rows = title_scores([entries[i].title for i in wide], [projects[j].title for j in rest_p], CANDIDATES)
        for i, row in zip(wide, rows):
            out[i].update({rest_p[j]: score for j, score in row.items()})
    return out


def _exact_pairs(keys_e: list[str], keys_p: list[str]):
    """(entry, section) pairs whose keys are equal and unique to both sides; and the entries and
    sections left to compare fuzzily (a key written twice on either side goes there too)."""
    from collections import defaultdict

    where_e, where_p = defaultdict(list), defaultdict(list)
    for i, key in enumerate(keys_e):
        where_e[key].append(i)
    for j, key in enumerate(keys_p):
        where_p[key].append(j)
    exact = [(where_e[key][0], js[0]) for key, js in where_p.items()
             if key and len(js) == 1 and len(where_e.get(key, ())) == 1]
    paired_e, paired_p = {i for i, _ in exact}, {j for _, j in exact}
    return (exact, [i for i in range(len(keys_e)) if i not in paired_e],
            [j for j in range(len(keys_p)) if j not in paired_p])


def title_scores(titles_a: list[str], titles_b: list[str], limit: int | None = None) -> list[dict[int, float]]:
    """title_score of every pair that scores SECOND_PASS_THRESHOLD or more (of the `limit` best
    per title of titles_a, when given), as one dict per title of titles_a. RapidFuzz's C code
    finds the candidates (score_cutoff skips the rest early); containment (a title inside the
    other, which scores 95) is found with str.find over all titles joined, and the dearer
    refinements run only on the pairs that can need them."""
    from rapidfuzz import process

    a = [title_key(t) for t in titles_a]
    b = [title_key(t) for t in titles_b]
    rows: list[dict[int, float]] = []
    for ka in a:
        row: dict[int, float] = {}
        if ka:
            for _, ratio, j in process.extract(ka, b, scorer=fuzz.ratio, limit=limit,
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
