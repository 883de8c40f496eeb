"""Stage 1: a file on disk -> text. One reader per file type (READERS); each returns the text in
the plain-text export's layout (one paragraph or table row a line, table cells separated by tabs)
and counts what it had to rebuild or repair. Readers import no later stage."""
from __future__ import annotations

import hashlib
import importlib
import re
from dataclasses import dataclass, field
from pathlib import Path

MAX_BYTES = 200 * 1024 * 1024  # far beyond any real plan; guards memory


class InputError(Exception):
    """The input cannot be read as a plan. `problem` is one line for the user; str() names the
    file too once it is known (the command line prints `error: <file>: <problem>`)."""

    def __init__(self, problem: str, path: str | Path | None = None):
        super().__init__(problem)
        self.problem, self.path = problem, path

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}" if self.path is not None else self.problem


@dataclass
class Read:
    """What a reader gives back."""
    text: str
    encoding: str
    repairs: dict[str, int] = field(default_factory=dict)   # what was rebuilt or repaired, counted
    pages: list[tuple[int, int]] | None = None              # (page, line on page) of every line
    confidence: list[float | None] | None = None            # OCR's confidence of every line (None: text)
    repair_pages: dict[str, list[int]] = field(default_factory=dict)  # the pages each repair was made on
    notes: list[tuple] = field(default_factory=list)        # (kind, page, message, severity): what the reader saw, for a finding (plan._READER_NOTES)


@dataclass
class Source:
    path: Path
    text: str
    encoding: str
    sha256: str
    size_bytes: int
    control_chars: int = 0  # characters removed because spreadsheets forbid them
    kind: str = "text"      # text, docx or pdf
    repairs: dict[str, int] = field(default_factory=dict)
    pages: list[tuple[int, int]] | None = None
    confidence: list[float | None] | None = None
    repair_pages: dict[str, list[int]] = field(default_factory=dict)
    notes: list[tuple] = field(default_factory=list)


# file type -> (reader module in this package, kind)
READERS = {".txt": ("text", "text"), ".text": ("text", "text"), ".csv": ("text", "text"),
           ".docx": ("word", "docx"), ".pdf": ("pdf", "pdf"),
           **{suffix: ("ocr", "scan") for suffix in (".png", ".jpg", ".jpeg", ".tif", ".tiff")}}
SUPPORTED = tuple(READERS)


def read_source(path: str | Path, workers: int = 1, ocr: str = "auto", on_page=None) -> Source:
    """Read one file. `workers` > 1 lets a reader use that many processes (long PDFs, OCR);
    `ocr` says which PDF pages go through OCR (auto: those without text; always; never);
    `on_page(n)` is called as pages are read by OCR (a progress bar)."""
    path = Path(path)
    if not path.exists():
        raise InputError("no such file")
    if path.is_dir():
        raise InputError("is a folder, not a file")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"file is too large ({size // (1024 * 1024)} MiB; the limit is "
                             f"{MAX_BYTES // (1024 * 1024)} MiB)")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise InputError("file is empty")
    module, kind = READERS.get(path.suffix.lower(), ("text", "text"))  # unknown types are tried as text
    reader = importlib.import_module(f".{module}", __package__)  # Word and PDF libraries only when needed
    if module in ("pdf", "ocr"):
        if ocr == "never" and module == "ocr":
            raise InputError("is an image: it can only be read by OCR (--ocr auto)")
        result = reader.read(path, data, workers, ocr, on_page)
    else:
        result = reader.read(path, data)
    text, removed = strip_control_chars(result.text)
    return Source(path, text, result.encoding, hashlib.sha256(data).hexdigest(), len(data), removed, kind,
                  result.repairs, result.pages, result.confidence, result.repair_pages, result.notes)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_control_chars(text: str) -> tuple[str, int]:
    """Drop characters Excel forbids; CR/LF are normalised here too."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not _CONTROL.search(text):
        return text, 0
    cleaned = _CONTROL.sub("", text)
    return cleaned, len(text) - len(cleaned)
