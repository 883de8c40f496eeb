"""Stage 1: bytes on disk -> text. Detects the encoding and refuses what is not text."""
from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

MAX_BYTES = 200 * 1024 * 1024  # far beyond any real plan; guards memory

# Signatures of common binary formats people rename to .txt by mistake.
MAGIC = [
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF file"), (b"PK\x03\x04", "a ZIP archive (or a Word/Excel file)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"), (b"\x7fELF", "a program"),
    (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"),
]


class InputError(Exception):
    """The input cannot be read as a plan; the message is one line for the user."""


@dataclass
class Source:
    path: Path
    text: str
    encoding: str
    sha256: str
    size_bytes: int
    control_chars: int = 0  # characters removed because spreadsheets forbid them
    kind: str = "text"      # text, docx or pdf
    repairs: dict[str, int] = field(default_factory=dict)  # what was rebuilt or repaired, counted


def read_source(path: str | Path) -> Source:
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
    digest = hashlib.sha256(data).hexdigest()
    suffix = path.suffix.lower()
    if suffix in (".docx", ".pdf"):
        if not data.strip():
            raise InputError("file is empty")
        if suffix == ".docx":
            from .read_docx import docx_text
            text, restored = docx_text(path)
            repairs = {"Word automatic numbers restored": restored} if restored else {}
        else:
            from .read_pdf import pdf_text
            text, repairs = pdf_text(path)
        text, removed = strip_control_chars(text)
        return Source(path, text, suffix[1:], digest, len(data), removed, suffix[1:], repairs)
    text, encoding = decode(data)
    text, removed = strip_control_chars(text)
    return Source(path, text, encoding, digest, len(data), removed)


def decode(data: bytes) -> tuple[str, str]:
    if not data.strip():
        raise InputError("file is empty")
    for magic, what in MAGIC:
        if data.startswith(magic):
            raise InputError(f"is {what}, not a text document")
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _decode_as(data, name), name
    utf16 = _utf16_without_bom(data)
    if utf16:  # tested before UTF-8, which would wrongly accept it
        return _decode_as(data, utf16), utf16
    if b"\x00" in data:
        raise InputError("is a binary file (it contains NUL bytes), not a text document")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _decode_legacy(data)


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > len(odd) * 0.3 and even.count(0) < len(even) * 0.05:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.3 and odd.count(0) < len(odd) * 0.05:
        return "utf-16-be"
    # Thai in UTF-16: the high byte 0x0E sits at every other position
    if odd.count(0x0E) > len(odd) * 0.3:
        return "utf-16-le"
    if even.count(0x0E) > len(even) * 0.3:
        return "utf-16-be"
    return None


def _decode_as(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"is not valid {encoding} text (bad byte at offset {exc.start})") from None


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """Windows Thai (cp874 / TIS-620) is the only legacy encoding plans are published in."""
    from charset_normalizer import from_bytes  # imported only for non-UTF-8 input

    best = from_bytes(data[:65536], cp_isolation=["cp874", "tis_620", "utf_8"]).best()
    candidates = [best.encoding] if best else []
    candidates += ["cp874"]
    for name in candidates:
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        thai = sum(1 for ch in text[:20000] if "\u0e00" <= ch <= "\u0e7f")
        if thai > len(text[:20000]) * 0.2:
            return text, "cp874" if name in ("tis_620", "cp874") else name
    raise InputError("cannot detect the text encoding (not UTF-8, UTF-16 or Windows Thai cp874)")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_control_chars(text: str) -> tuple[str, int]:
    """Drop characters Excel forbids; CR/LF are normalised here too."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not _CONTROL.search(text):
        return text, 0
    cleaned = _CONTROL.sub("", text)
    return cleaned, len(text) - len(cleaned)
