"""Stage 6: the outputs. One writer per format (WRITERS); each gives back the files' bytes (or
writes its file itself, the workbook), and every file is written to a temporary name in the
same folder and moved into place, so a failed run never leaves half a file. Writers only
write: what they show is computed before them and held in the model."""
from __future__ import annotations

import importlib
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from ..model import Plan

# format -> module of this package whose write(plan, outdir) returns {file name: bytes}
WRITERS = {"csv": "csv_files", "json": "json_file", "xlsx": "workbook", "report": "report", "text": "text_file"}
OPT_IN = ("text",)                                       # written only when asked for
FORMATS = tuple(f for f in WRITERS if f not in OPT_IN)   # the default: csv, json, xlsx, report
ALL_FORMATS = tuple(WRITERS)                             # what --formats accepts


def write(plan: Plan, outdir: str | Path, formats: tuple[str, ...] = FORMATS) -> list[Path]:
    """Write the chosen formats of one plan into outdir; returns the files written."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        module = importlib.import_module(f".{WRITERS[fmt]}", __package__)  # xlsxwriter only when asked
        for name, data in module.write(plan, outdir).items():
            if data is not None:
                write_bytes(outdir / name, data)
            written.append(outdir / name)
    return written


write_outputs = write  # the name earlier versions used


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class Pending:
    """A file being written: a temporary path beside its target, moved onto the target by
    commit() (with the permissions a new file gets: mkstemp's 0600 would hide it from
    colleagues on a shared drive), or removed by discard()."""

    def __init__(self, target: Path):
        self.target = Path(target)
        self.target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.target.stem}.", suffix=self.target.suffix, dir=self.target.parent)
        os.close(fd)
        self.path = Path(tmp)

    def commit(self) -> None:
        with open(self.path, "rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(self.path, 0o666 & ~_umask())
        os.replace(self.path, self.target)

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)


@contextmanager
def atomic_path(target: Path):
    """A temporary path beside target; moved onto target only when the block succeeds."""
    pending = Pending(target)
    try:
        yield pending.path
        pending.commit()
    except BaseException:
        pending.discard()
        raise


def write_bytes(target: Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
