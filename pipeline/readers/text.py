"""Plain-text plans: the encoding detected, binary files and images renamed .txt refused."""
from __future__ import annotations

import codecs
from pathlib import Path

from . import InputError, Read

# Signatures of common binary formats people rename to .txt by mistake.
MAGIC = [
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF file"), (b"PK\x03\x04", "a ZIP archive (or a Word/Excel file)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"), (b"\x7fELF", "a program"),
    (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"),
]


def read(path: Path, data: bytes) -> Read:
    text, encoding = decode(data)
    return Read(text, encoding)


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
