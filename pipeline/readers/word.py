"""Word (.docx) plans -> the same text layout as the plain-text export.

Paragraphs and tables are taken in document order; each paragraph is one line and each table
row is one line with its cells separated by tabs ("line" for a .docx means that). A cell that
continues a vertical merge is empty, as in the text export, and a cell spanning several grid
columns is followed by empty cells so the columns stay aligned with the header. Word's automatic
numbering (w:numPr on the paragraph or its style) is not in the paragraph text: it is rebuilt
from the numbering definitions ("%1." with decimal, Thai digits, Thai letters, bullets).
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from . import InputError, Read

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
THAI_LETTERS = "กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"


# A Word file is a zip archive: refuse one whose members would inflate beyond any real plan
# before python-docx unpacks it (a 538 KB file can hold a 300 MB document.xml).
MAX_UNPACKED = 100 * 1024 * 1024
MAX_RATIO = 200


def read(path: Path, data: bytes) -> Read:
    text, restored = docx_text(path, data)
    return Read(text, "docx", {"Word automatic numbers restored": restored} if restored else {})


def check_archive(data: bytes) -> None:
    """Declared sizes first (cheap), then the actual ones, inflated in chunks up to the limit
    (a member may lie about its size)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            _refuse_if_large(sum(m.file_size for m in members), len(data))
            actual = 0
            for member in members:
                with archive.open(member) as stream:
                    while chunk := stream.read(1 << 20):
                        actual += len(chunk)
                        _refuse_if_large(actual, len(data))
    except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError):
        raise InputError("is not a readable Word document (a damaged zip archive)") from None


def _refuse_if_large(unpacked: int, packed: int) -> None:
    if unpacked > MAX_UNPACKED or unpacked > MAX_RATIO * max(packed, 1 << 16):
        raise InputError(f"is refused: its parts unpack to over {unpacked // (1024 * 1024)} MiB "
                         f"({unpacked / max(packed, 1):.0f} times the file's size), beyond any real plan")


def docx_text(path: Path, data: bytes | None = None) -> tuple[str, int]:
    """(text, number of automatic numbers restored)."""
    import docx  # python-docx, imported only for Word input

    data = path.read_bytes() if data is None else data
    check_archive(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # a broken or non-Word zip: python-docx raises many kinds
        raise InputError(f"is not a readable Word document ({type(exc).__name__})") from None
    numbering = _Numbering(document)
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        if block.tag == W + "p":
            lines.append(numbering.prefix(block) + _text(block))
        elif block.tag == W + "tbl":
            lines += _table_rows(block)
    return "\n".join(lines), numbering.restored


def _text(element) -> str:
    # a tab or line break inside a paragraph reads as a space
    return "".join((node.text or "") if node.tag == W + "t" else " "
                   for node in element.iter(W + "t", W + "tab", W + "br")).strip()


def _table_rows(table) -> list[str]:
    rows = []
    for tr in table.iterchildren(W + "tr"):
        cells: list[str] = []
        for tc in tr.iterchildren(W + "tc"):
            props = tc.find(W + "tcPr")
            span, continued = 1, False
            if props is not None:
                grid = props.find(W + "gridSpan")
                span = int(grid.get(W + "val", "1")) if grid is not None else 1
                merge = props.find(W + "vMerge")
                continued = merge is not None and merge.get(W + "val", "continue") == "continue"
            text = "" if continued else " ".join(
                t for t in (_text(p) for p in tc.iterchildren(W + "p")) if t)
            cells += [text] + [""] * (span - 1)
        rows.append("\t".join(cells))
    return rows


class _Numbering:
    """Counters for Word's automatic numbering, per list (numId) and level."""

    def __init__(self, document) -> None:
        self.restored = 0
        self.formats: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            root = None
        if root is not None:
            self._read_definitions(root)
        for style in document.styles.element.iterchildren(W + "style"):
            num = style.find(f"{W}pPr/{W}numPr")
            if num is not None:
                self.style_num[style.get(W + "styleId")] = _num_ref(num)

    def _read_definitions(self, root) -> None:
        abstract = {}
        for a in root.iterchildren(W + "abstractNum"):
            levels = {}
            for lvl in a.iterchildren(W + "lvl"):
                fmt = lvl.find(W + "numFmt")
                text = lvl.find(W + "lvlText")
                start = lvl.find(W + "start")
                levels[int(lvl.get(W + "ilvl"))] = (
                    fmt.get(W + "val") if fmt is not None else "decimal",
                    text.get(W + "val") if text is not None else "%1.",
                    int(start.get(W + "val")) if start is not None else 1)
            abstract[a.get(W + "abstractNumId")] = levels
        for num in root.iterchildren(W + "num"):
            ref = num.find(W + "abstractNumId")
            levels = dict(abstract.get(ref.get(W + "val"), {})) if ref is not None else {}
            for override in num.iterchildren(W + "lvlOverride"):
                start = override.find(W + "startOverride")
                level = int(override.get(W + "ilvl"))
                if start is not None and level in levels:
                    fmt, text, _ = levels[level]
                    levels[level] = (fmt, text, int(start.get(W + "val")))
            for level, spec in levels.items():
                self.formats[(num.get(W + "numId"), level)] = spec

    def prefix(self, paragraph) -> str:
        num = paragraph.find(f"{W}pPr/{W}numPr")
        ref = _num_ref(num) if num is not None else None
        if ref is None or ref[0] is None:
            style = paragraph.find(f"{W}pPr/{W}pStyle")
            ref = self.style_num.get(style.get(W + "val")) if style is not None else None
        if not ref or ref[0] in (None, "0") or (ref[0], ref[1]) not in self.formats:
            return ""
        num_id, level = ref
        counters = self.counters.setdefault(num_id, [])
        while len(counters) <= level:
            counters.append(self.formats.get((num_id, len(counters)), ("decimal", "", 1))[2] - 1)
        counters[level] += 1
        del counters[level + 1:]
        fmt, text, _ = self.formats[(num_id, level)]
        if fmt == "bullet":
            label = "-"
        else:
            label = text
            for k in range(level + 1):
                k_fmt = self.formats.get((num_id, k), ("decimal", "", 1))[0]
                label = label.replace(f"%{k + 1}", _format(counters[k], k_fmt))
        self.restored += 1
        return f"{label} " if label else ""


def _num_ref(num) -> tuple[str | None, int]:
    num_id = num.find(W + "numId")
    ilvl = num.find(W + "ilvl")
    return (num_id.get(W + "val") if num_id is not None else None,
            int(ilvl.get(W + "val")) if ilvl is not None else 0)


def _format(value: int, fmt: str) -> str:
    if fmt == "thaiNumbers":
        return str(value).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    if fmt == "thaiLetters":
        return THAI_LETTERS[(value - 1) % len(THAI_LETTERS)]
    if fmt == "lowerLetter":
        return chr(ord("a") + (value - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (value - 1) % 26)
    return str(value)
