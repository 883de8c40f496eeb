"""The font × producer sweep (issue 20, item 7): the same plan saved as PDF in other Thai fonts,
sizes and alignments, and through other PDF makers, read back and compared with the plan of the
Word file it was made from.

    cases()                 the combinations (font, size, justify, small_thai, producer, doc)
    build(case, folder)     the PDF of a case (its Word file and LibreOffice PDF made on the way;
                            a file already in `folder` is reused)
    compare(pdf, word)      the differences between two plans, readable, [] when the same
    python tests/sweep.py --report /tmp/sweep.json [--folder /tmp/sweep] [--fonts Garuda,Loma]
                            builds and compares every case and prints a table

Producers: LibreOffice Writer (the Word file saved as PDF), Chromium (the text printed from
HTML), Ghostscript (pdfwrite of the LibreOffice PDF), a PostScript round trip (pdftops, ps2pdf)
and the LibreOffice PDF with its ToUnicode maps removed (pikepdf), whose text layer cannot be
read: the reader should say so.
"""
from __future__ import annotations

import argparse
import difflib
import importlib
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

FIXTURES = HERE / "fixtures"
DOCS = {"plan_8_sections": FIXTURES / "plan_8_sections.txt", "mini_plan": FIXTURES / "mini_plan.txt"}
# Thai fonts Debian packages give (family -> package) and PyPI's fontpkg packages (family -> module)
DEBIAN_FONTS = {
    **{f: "fonts-thai-tlwg" for f in ("Garuda", "Kinnari", "Laksaman", "Loma", "Norasi", "Purisa", "Sawasdee",
                                      "Tlwg Mono", "Tlwg Typewriter", "Tlwg Typist", "Tlwg Typo", "Umpush", "Waree")},
    "Noto Sans Thai": "fonts-noto-core", "Noto Serif Thai": "fonts-noto-core",
    "Noto Sans Thai UI": "fonts-noto-ui-core", "Noto Looped Thai": "fonts-noto-extra",
    "Arundina Sans": "fonts-arundina", "Arundina Serif": "fonts-arundina", "Arundina Sans Mono": "fonts-arundina",
}
PYPI_FONTS = {"Sarabun": "fontpkg_sarabun", "Chakra Petch": "fontpkg_chakra_petch", "Kanit": "fontpkg_kanit",
              "Prompt": "fontpkg_prompt"}
FONTS = [*DEBIAN_FONTS, *PYPI_FONTS]
SIZES = (14, 16)
SMALL_THAI_SIZE = 11  # "Thai smaller than Latin": Thai at 11 pt, Latin letters and digits at the case's size
PRODUCERS = ("libreoffice", "chromium", "ghostscript", "postscript", "no_tounicode")
DERIVED = ("ghostscript", "postscript", "no_tounicode")  # made from the LibreOffice PDF
UNREADABLE = ("no_tounicode",)  # producers whose text layer cannot be read: an InputError is right
# (so is a PDF none of whose fonts has a ToUnicode map: pdftops drops them, and the PostScript
# round trip's PDF is then as unreadable; see expects_unreadable)

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
GS = shutil.which("gs")
TOOLS = {"libreoffice": [("soffice", SOFFICE)], "chromium": [("chromium", CHROMIUM)],
         "ghostscript": [("soffice", SOFFICE), ("gs", GS)],
         "postscript": [("soffice", SOFFICE), ("pdftops", shutil.which("pdftops")), ("ps2pdf", shutil.which("ps2pdf"))],
         "no_tounicode": [("soffice", SOFFICE)]}


class Case(NamedTuple):
    font: str
    size: int
    justify: bool
    small_thai: bool
    producer: str
    doc: str = "plan_8_sections"

    @property
    def id(self) -> str:
        return "-".join([self.producer, self.font.replace(" ", ""), f"{self.size}pt"]
                        + (["just"] if self.justify else []) + (["smallthai"] if self.small_thai else [])
                        + ([self.doc] if self.doc != "plan_8_sections" else []))

    @property
    def stem(self) -> str:
        """The name of the Word file (and LibreOffice PDF) every producer of this variant shares."""
        return Case(self.font, self.size, self.justify, self.small_thai, "word", self.doc).id


def cases(doc: str = "plan_8_sections", fonts=None, producers=PRODUCERS, sizes=SIZES):
    """Every combination: fonts × sizes × (ragged, justified) × (Thai as large as Latin, smaller) × producers."""
    for producer in producers:
        for font in fonts or FONTS:
            for size in sizes:
                for justify in (False, True):
                    for small_thai in (False, True):
                        yield Case(font, size, justify, small_thai, producer, doc)


def pypi_font_folder(family: str) -> Path | None:
    module = PYPI_FONTS.get(family)
    if module is None:
        return None
    try:
        folder = Path(importlib.import_module(module).__file__).parent / "files"
    except ImportError:
        return None
    return folder if any(folder.glob("*.ttf")) else None


def font_available(family: str) -> bool:
    from make_docs import font_file
    if family in PYPI_FONTS:
        return pypi_font_folder(family) is not None
    return font_file(family) is not None


def missing(case: Case) -> str | None:
    """Why a case cannot be built here (a tool or the font missing), or None."""
    for name, path in TOOLS[case.producer]:
        if path is None:
            return f"{name} is not installed"
    if case.producer == "no_tounicode":
        try:
            import pikepdf  # noqa: F401
        except ImportError:
            return "pikepdf is not installed"
    if not font_available(case.font):
        where = f"PyPI {PYPI_FONTS[case.font].replace('_', '-')}" if case.font in PYPI_FONTS \
            else f"Debian {DEBIAN_FONTS.get(case.font, '?')}"
        return f"the font {case.font} is not installed ({where})"
    return None


def private_fonts(folder: Path) -> Path | None:
    """One folder with the TTFs of every installed fontpkg font, for the private HOME's .fonts."""
    target = folder / "fontpkg"
    if not target.exists():
        target.mkdir(parents=True)
        for family in PYPI_FONTS:
            source = pypi_font_folder(family)
            for ttf in source.glob("*.ttf") if source else ():
                shutil.copy(ttf, target / ttf.name)
    return target if any(target.glob("*.ttf")) else None


def word_file(case: Case, folder: Path) -> Path:
    from make_docs import make_docx_sized
    path = folder / f"{case.stem}.docx"
    if not path.exists():
        text = DOCS[case.doc].read_text(encoding="utf-8")
        if case.small_thai:
            make_docx_sized(text, path, case.font, SMALL_THAI_SIZE, case.justify, latin_size=case.size)
        else:
            make_docx_sized(text, path, case.font, case.size, case.justify)
    return path


def build(case: Case, folder: Path) -> Path:
    """The PDF of `case` in `folder` (made once: a PDF already there is reused)."""
    from make_docs import make_pdf_font, office_pdf
    folder.mkdir(parents=True, exist_ok=True)
    fonts = private_fonts(folder)
    if case.producer == "libreoffice":
        pdf = folder / f"{case.stem}.pdf"
        if not pdf.exists():
            pdf = office_pdf(word_file(case, folder), folder, fonts)
        return pdf
    if case.producer == "chromium":
        pdf = folder / f"{case.id}.pdf"
        if not pdf.exists():
            text = DOCS[case.doc].read_text(encoding="utf-8")
            thai = SMALL_THAI_SIZE if case.small_thai else case.size
            make_pdf_font(text, pdf, CHROMIUM, case.font, thai, case.justify,
                          latin_size=case.size if case.small_thai else None, fonts=fonts)
        return pdf
    source = build(case._replace(producer="libreoffice"), folder)
    pdf = folder / f"{case.id}.pdf"
    if pdf.exists():
        return pdf
    if case.producer == "ghostscript":
        subprocess.run([GS, "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pdfwrite", "-o", str(pdf), str(source)],
                       capture_output=True, timeout=300, check=True)
    elif case.producer == "postscript":
        ps = pdf.with_suffix(".ps")
        subprocess.run(["pdftops", str(source), str(ps)], capture_output=True, timeout=300, check=True)
        subprocess.run(["ps2pdf", str(ps), str(pdf)], capture_output=True, timeout=300, check=True)
        ps.unlink()
    elif case.producer == "no_tounicode":
        import pikepdf
        with pikepdf.open(source) as document:
            for obj in document.objects:
                if isinstance(obj, pikepdf.Dictionary) and "/ToUnicode" in obj:
                    del obj["/ToUnicode"]
            document.save(pdf)
    else:
        raise ValueError(f"unknown producer {case.producer}")
    return pdf


def embedded_fonts(pdf: Path) -> list[str]:
    """The BaseFont names in a PDF (subset prefixes dropped): whether the case's font was used."""
    import pikepdf
    names = set()
    with pikepdf.open(pdf) as document:
        for obj in document.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font" and "/BaseFont" in obj:
                name = str(obj["/BaseFont"]).lstrip("/")
                names.add(name.split("+", 1)[1] if len(name) > 7 and name[6] == "+" else name)
    return sorted(names)


def expects_unreadable(case: Case, pdf: Path) -> bool:
    """Whether the right outcome is an InputError saying the text layer is unreadable: the
    ToUnicode maps were removed, or no font in the PDF has one (the PostScript round trip)."""
    if case.producer in UNREADABLE:
        return True
    import pikepdf
    with pikepdf.open(pdf) as document:
        fonts = [obj for obj in document.objects if isinstance(obj, pikepdf.Dictionary)
                 and obj.get("/Type") == "/Font" and obj.get("/Subtype") != "/CIDFontType2"
                 and obj.get("/Subtype") != "/CIDFontType0"]
        return bool(fonts) and not any("/ToUnicode" in font for font in fonts)


# --- comparing two plans (the fields of test_read_pdf.assert_same_plan) ---

from test_read_pdf import DATA_FIELDS, TEXT_FIELDS, squeezed  # noqa: E402  (one definition of "the same plan")


def text_differences(found: str, want: str, context: int = 8, limit: int = 4) -> list[str]:
    """Where two squeezed texts differ: «found» ≠ «want» with a few characters around."""
    out = []
    matcher = difflib.SequenceMatcher(None, found, want, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            continue
        out.append(f"«{found[max(0, a0 - context):a1 + context]}» ≠ «{want[max(0, b0 - context):b1 + context]}»")
        if len(out) == limit:
            break
    return out


def _finding_key(f):
    return (f.code, f.severity, f.order or 0, f.entry_no or 0)


def compare(pdf_plan, word_plan, text_share: float = 0.99) -> list[str]:
    """The differences between the plan read from a PDF and the Word file's, one readable line
    each; [] when assert_same_plan would pass: the same projects' data, ≥ `text_share` of the
    text fields equal ignoring spaces (the differing ones are listed when below it, all of them
    when text_share is 1), the same table entries and budgets, the same error and warning findings."""
    out = []
    if len(pdf_plan.projects) != len(word_plan.projects):
        out.append(f"{len(pdf_plan.projects)} project sections, want {len(word_plan.projects)}: "
                   f"orders {[p.order for p in pdf_plan.projects]}")
    for a, b in zip(pdf_plan.projects, word_plan.projects):
        for key in DATA_FIELDS:
            if getattr(a, key) != getattr(b, key):
                out.append(f"project {b.order} {key}: {getattr(a, key)!r}, want {getattr(b, key)!r}")
    pairs = [(b.order, k, squeezed(getattr(a, k)), squeezed(getattr(b, k)))
             for a, b in zip(pdf_plan.projects, word_plan.projects) for k in TEXT_FIELDS]
    unequal = [p for p in pairs if p[2] != p[3]]
    if pairs and (len(pairs) - len(unequal)) / len(pairs) < text_share:
        out.append(f"{len(unequal)} of {len(pairs)} text fields differ")
        for order, key, found, want in unequal:
            out.append(f"project {order} {key}: " + "; ".join(text_differences(found, want)))
    table = [(e.entry_no, e.dimension_no, e.mission_code, e.budgets, e.matched_order) for e in pdf_plan.table]
    table_want = [(e.entry_no, e.dimension_no, e.mission_code, e.budgets, e.matched_order) for e in word_plan.table]
    if len(table) != len(table_want):
        out.append(f"{len(table)} table entries, want {len(table_want)}: numbers {[e[0] for e in table]}")
    for got, want in zip(table, table_want):
        if got != want:
            out.append(f"table entry {want[0]}: {got}, want {want}")
    findings = sorted(_finding_key(f) for f in pdf_plan.findings if f.severity != "info")
    findings_want = sorted(_finding_key(f) for f in word_plan.findings if f.severity != "info")
    if findings != findings_want:
        extra = [f for f in pdf_plan.findings if f.severity != "info" and _finding_key(f) not in findings_want]
        lost = [k for k in findings_want if k not in findings]
        out += [f"extra finding {f.code} ({f.severity}, project {f.order}, entry {f.entry_no}): {f.message[:120]}"
                for f in extra]
        out += [f"missing finding {code} ({severity}, project {order}, entry {entry})"
                for code, severity, order, entry in lost]
    return out


def reference(case: Case, folder: Path):
    """The plan the case's PDF must give: the Word file's (the text's for Chromium, which prints the text)."""
    import pipeline
    if case.producer == "chromium":
        return pipeline.parse(DOCS[case.doc])
    return pipeline.parse(word_file(case, folder))


def run(case: Case, folder: Path, text_share: float = 0.99) -> dict:
    """Build, read and compare one case: a row of the report."""
    import pipeline
    from pipeline.readers import InputError
    row = {"id": case.id, **case._asdict()}
    reason = missing(case)
    if reason:
        return {**row, "status": "skip", "problems": [reason]}
    started = time.perf_counter()
    try:
        pdf = build(case, folder)
    except Exception as exc:  # noqa: BLE001 - a producer failing is a row of the report
        return {**row, "status": "build error", "problems": [f"{type(exc).__name__}: {exc}"[:300]]}
    row.update(pdf=str(pdf), build_s=round(time.perf_counter() - started, 2), fonts=embedded_fonts(pdf))
    started = time.perf_counter()
    try:
        plan = pipeline.parse(pdf, ocr="never")
        error = None
    except InputError as exc:
        plan, error = None, str(exc)
    row["read_s"] = round(time.perf_counter() - started, 3)
    if expects_unreadable(case, pdf):
        row["expected"] = "InputError: text layer unreadable"
        ok = error is not None and "unreadable" in error
        return {**row, "status": "pass" if ok else "fail", "error": error,
                "problems": [] if ok else [f"wanted an InputError saying the text layer is unreadable; got "
                                           + (f"InputError: {error}" if error else
                                              f"a plan of {len(plan.projects)} sections, {len(plan.table)} entries")]}
    if error:
        return {**row, "status": "fail", "error": error, "problems": [f"InputError: {error}"]}
    problems = compare(plan, reference(case, folder), text_share)
    row.update(status="fail" if problems else "pass", problems=problems)
    if problems and text_share < 1:  # every text difference, for the report
        row["all_differences"] = compare(plan, reference(case, folder), 1.0)
    return row


def _table(rows: list[dict]) -> str:
    """Per producer: a font per line, a column per variant (size, justified, small Thai)."""
    variants = sorted({(r["size"], r["justify"], r["small_thai"]) for r in rows})
    names = [f"{s}{'J' if j else ''}{'t' if t else ''}" for s, j, t in variants]
    mark = {"pass": "ok", "fail": "FAIL", "skip": "skip", "build error": "BUILD"}
    out = []
    for producer in dict.fromkeys(r["producer"] for r in rows):
        out.append(f"\n{producer}   (columns: size pt, J justified, t Thai {SMALL_THAI_SIZE} pt beside Latin)")
        out.append(f"{'font':20}" + "".join(f"{n:>8}" for n in names))
        for font in dict.fromkeys(r["font"] for r in rows if r["producer"] == producer):
            cells = {(r["size"], r["justify"], r["small_thai"]): r for r in rows
                     if r["producer"] == producer and r["font"] == font}
            line = f"{font:20}"
            for v in variants:
                r = cells.get(v)
                cell = "-" if r is None else mark[r["status"]] + (f"{len(r['problems'])}" if r["status"] == "fail" else "")
                line += f"{cell:>8}"
            out.append(line)
    return "\n".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--report", type=Path, help="write every case's row as JSON here")
    parser.add_argument("--folder", type=Path, default=Path("/tmp/sweep"), help="where the documents are built")
    parser.add_argument("--doc", default="plan_8_sections", choices=sorted(DOCS))
    parser.add_argument("--fonts", help="comma-separated families (default: all)")
    parser.add_argument("--producers", default=",".join(PRODUCERS))
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    args = parser.parse_args(argv)
    fonts = args.fonts.split(",") if args.fonts else None
    chosen = list(cases(args.doc, fonts, args.producers.split(","), tuple(int(s) for s in args.sizes.split(","))))
    folder = args.folder / args.doc
    rows = []
    started = time.perf_counter()
    for k, case in enumerate(chosen, 1):
        row = run(case, folder)
        rows.append(row)
        print(f"[{k}/{len(chosen)}] {case.id}: {row['status']} build {row.get('build_s', '-')} s, "
              f"read {row.get('read_s', '-')} s" + (f" - {row['problems'][0][:100]}" if row["problems"] else ""),
              file=sys.stderr, flush=True)
        if args.report:
            args.report.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    print(_table(rows))
    counts = {s: sum(r["status"] == s for r in rows) for s in ("pass", "fail", "skip", "build error")}
    print(f"\n{len(rows)} cases in {time.perf_counter() - started:.0f} s: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
