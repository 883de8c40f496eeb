"""Many documents in one run: find the inputs (folders searched recursively), give each its own
output folder, read them in worker processes (each under a time limit), and stream what each
gives into the run-wide outputs (_all/, plans.sqlite) as it finishes, in input order. The parent
holds one document at a time, whatever the size of the batch."""
from __future__ import annotations

import hashlib
import os
import signal
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

from .readers import SUPPORTED

RESERVED = {"_all"}  # folder names the run itself writes


@dataclass
class Job:
    path: Path
    name: str                        # the document's folder under outdir
    outdir: Path
    formats: tuple[str, ...]
    spelling: bool = False
    time_limit: float = 0.0          # seconds; 0: none
    page_workers: int = 1            # processes for the pages of one long PDF (or its OCR)
    sha256: str = ""
    ocr: str = "auto"                # which PDF pages go through OCR: auto, always, never


@dataclass
class Outcome:
    job: Job
    document: dict                   # its documents.csv row
    tables: dict | None = None       # its rows of each _all/ table (None when unread)
    error: str = ""
    errors: Counter = field(default_factory=Counter)  # error findings by code (--strict says which)

    @property
    def out(self) -> Path:
        return self.job.outdir / self.job.name


# --- inputs and their names -----------------------------------------------------------------------

def find_inputs(inputs: list[str], outdir: Path) -> tuple[list[tuple[Path, Path]], list[tuple[str, str]]]:
    """(file, the folder it was found under) for every supported file; folders are searched
    recursively, hidden files and folders and the output folder skipped; a file named twice is
    read once."""
    found, problems, seen = [], [], set()
    skip = outdir.resolve()
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            files = [(p, path) for p in sorted(path.rglob("*"))
                     if p.is_file() and p.suffix.lower() in SUPPORTED
                     and not any(part.startswith(".") for part in p.relative_to(path).parts)
                     and skip not in p.resolve().parents]
            if not files:
                problems.append((name, f"folder holds no supported file ({', '.join(sorted(SUPPORTED))})"))
        elif path.exists():
            files = [(path, path.parent)]
        else:
            problems.append((name, "no such file or folder"))
            continue
        for file, root in files:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                found.append((file, root))
    return found, problems


def output_names(files: list[tuple[Path, Path]]) -> list[str]:
    """Each document's folder name: its file name without the extension, as the contract says;
    where names clash (case aside), the first of these that tells them apart: with the
    extension (แผน-pdf, แผน-docx), with the folders above it under its input folder
    (จังหวัด-อำเภอ-แผน), with both, with a number."""
    names = [file.stem for file, _ in files]
    groups: dict[str, list[int]] = defaultdict(list)
    for k, name in enumerate(names):
        groups[name.casefold()].append(k)
    for key, members in groups.items():
        if len(members) == 1 and key not in RESERVED:
            continue
        for style in _NAME_STYLES:
            candidate = [style(*files[k]) for k in members]
            taken = {n.casefold() for j, n in enumerate(names) if j not in members}
            folded = {c.casefold() for c in candidate}
            if len(folded) == len(candidate) and not folded & (taken | RESERVED):
                break
        else:  # nothing tells them apart (the same name in folders of the same name): a number
            candidate = [f"{_with_both(*files[k])}-{i}" for i, k in enumerate(members, 1)]
        for k, c in zip(members, candidate):
            names[k] = c
    return names


def _with_suffix(file: Path, root: Path) -> str:
    return f"{file.stem}-{file.suffix.lstrip('.').lower()}"


def _with_folders(file: Path, root: Path) -> str:
    parts = file.relative_to(root).parts[:-1] if file.is_relative_to(root) else ()
    parts = parts or (file.resolve().parent.name,)
    return "-".join([*parts, file.stem])


def _with_both(file: Path, root: Path) -> str:
    return f"{_with_folders(file, root)}-{file.suffix.lstrip('.').lower()}"


_NAME_STYLES: list[Callable[[Path, Path], str]] = [_with_suffix, _with_folders, _with_both]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# --- one document -------------------------------------------------------------------------------

class TimeLimit(Exception):
    pass


def _alarm(signum, frame):
    raise TimeLimit()


def run_one(job: Job, on_page=None) -> Outcome:
    """Parse and write one document; whatever goes wrong comes back as one line of text.
    `on_page(n)` is called as OCR finishes pages (a progress bar). A document read but found to
    be no plan still gets its text.txt when `text` is among the formats (and nothing else)."""
    from .plan import parse_source
    from .readers import InputError, read_source
    from .writers import write
    from .writers.rows import all_rows, document_row

    def failed(message: str) -> Outcome:
        return Outcome(job, document_row(None, job.name, job.path, message), error=message)

    limited = job.time_limit > 0 and hasattr(signal, "setitimer")
    if limited:
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, job.time_limit)
    try:
        source = read_source(job.path, job.page_workers, job.ocr, on_page)
        try:
            plan = parse_source(source, job.path, spelling=job.spelling)
        except InputError:
            if "text" in job.formats:  # the text as read, to see why no plan was found in it
                _write_text(source, job.outdir / job.name)
            raise
        write(plan, job.outdir / job.name, job.formats)
        tables = all_rows(plan)
    except TimeLimit:
        return failed(f"took longer than the time limit ({job.time_limit:g} s) and was stopped")
    except InputError as exc:
        return failed(exc.problem)
    except OSError as exc:
        return failed(f"cannot write {job.outdir / job.name} ({exc.strerror or exc})")
    except Exception as exc:  # a bug must not stop the other documents
        return failed(f"internal error ({type(exc).__name__}: {exc})")
    finally:
        if limited:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    errors = Counter(f.code for f in plan.findings if f.severity == "error")
    return Outcome(job, document_row(plan, job.name, job.path), tables, errors=errors)


def _write_text(source, out: Path) -> None:
    from .as_read import source_text
    from .writers import write_bytes
    from .writers.text_file import NAME, encode

    write_bytes(out / NAME, encode(source_text(source)))


# --- many documents ---------------------------------------------------------------------------------

def run(jobs: list[Job], workers: int, skip: Callable[[Job], bool] = lambda job: False,
        on_page=None) -> Iterator[Outcome]:
    """The outcome of each job, in input order, as soon as it and those before it are done.
    Several workers only for several documents (a process pool costs ~50 ms to start). At most
    WINDOW documents per worker are in flight, so a parent slower than its workers (writing
    all.xlsx, the database) holds a few outcomes, not the batch."""
    if workers < 2 or len(jobs) < 2:
        for job in jobs:
            yield _unchanged(job) if skip(job) else run_one(job, on_page)
        return
    import multiprocessing

    # a worker is replaced after 100 documents: memory a parse leaves behind cannot pile up
    with multiprocessing.get_context("fork" if os.name == "posix" else "spawn").Pool(
            min(workers, len(jobs)), maxtasksperchild=100) as pool:
        pending: deque = deque()
        waiting = iter(jobs)
        for job in waiting:
            pending.append(_unchanged(job) if skip(job) else pool.apply_async(run_one, (job,)))
            while len(pending) >= WINDOW * workers:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())


WINDOW = 2


def _result(item) -> Outcome:
    return item if isinstance(item, Outcome) else item.get()


def _unchanged(job: Job) -> Outcome:
    from .writers.rows import document_row

    row = document_row(None, job.name, job.path, status="unchanged")
    row["sha256"] = job.sha256
    return Outcome(job, row)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
