"""The text as read, for anyone to check: the lines the parser sees (the reader's text after
normalise: repaired, Arabic digits, plain dashes, quotes and spaces), one a line, with a line
`# หน้า N` before each page's lines of a PDF or a scan. Stages 1 and 2 only (read, normalise): no
plan needs to be found, and nothing is segmented, checked or written."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from .model import Line
from .normalise import normalise
from .readers import InputError, Source, read_source

PAGE_MARK = "# หน้า {}"  # the line before each page's lines (PDF, scan)


def read_text(path: str | Path, ocr: str = "auto", workers: int = 1, on_page=None) -> str:
    """The normalised text of any readable document, plan or not, ending in a newline. A text or
    Word document's line N is the line N findings cite (บรรทัด N); a PDF's or a scan's pages are
    marked `# หน้า N`. Raises InputError (naming the file) when the file cannot be read."""
    try:
        source = read_source(path, workers, ocr, on_page)
    except InputError as exc:
        exc.path = path if exc.path is None else exc.path
        raise
    return source_text(source)


def source_text(source: Source) -> str:
    """read_text of a file already read."""
    lines, _ = normalise(source.text, source.pages, source.confidence)
    return render(lines)


def render(lines: Iterable[Line]) -> str:
    """The lines' normalised text, one a line, `# หน้า N` before each page's first line; the
    text ends in a newline (one, when the document's last line was ended)."""
    out: list[str] = []
    page = None
    for line in lines:
        if line.page is not None and line.page != page:
            page = line.page
            out.append(PAGE_MARK.format(page))
        out.append(line.text)
    text = "\n".join(out)
    return text if text.endswith("\n") else text + "\n"
