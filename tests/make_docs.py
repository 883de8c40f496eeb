"""Build the documents organisations publish from a text fixture, the way they make them:
a Word file (tables for the summary table with vertically merged cells, Word's automatic
numbering for the field headings), that Word file exported to PDF by LibreOffice Writer (in the
tlwg fonts or in Sarabun, the open TH Sarabun New), and the plan printed to PDF by Chromium."""
from __future__ import annotations

import copy
import html
import os
import re
import shutil
import subprocess
from pathlib import Path

FIELD = re.compile(r"^[๐-๙0-9]+\.\s*(?=ชื่อโครงการ|หลักการ|วัตถุประสงค์|กลุ่มเป้าหมาย|เป้าหมาย|พื้นที่|วิธี|ระยะเวลา|งบประมาณ"
                   r"|ผู้รับผิดชอบ|ผลผลิต|ตัวชี้วัด)")
# column widths (cm) of the summary table as a clerk sets them: names wide, amounts narrow
TABLE_WIDTHS = {"dimension": 2.0, "mission": 2.8, "project": 5.2, "year": 1.45, "remark": 1.1}


def make_docx(text: str, path: Path, font: str | None = None, justify: bool = False,
              fonts: tuple[str, str] | None = None) -> Path:
    """`font`: one font for all text at 14 pt; `fonts`: (Latin, Thai) pinned at the template's
    sizes, so that the fixture does not change with the fonts a machine has (LibreOffice's
    fallback for an unnamed font moved to Noto when fonts-noto-core came with Chromium)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(1.5)
    if fonts:
        pinned = document.styles["Normal"].element.get_or_add_rPr().get_or_add_rFonts()
        for attr, name in (("w:ascii", fonts[0]), ("w:hAnsi", fonts[0]), ("w:cs", fonts[1]), ("w:eastAsia", fonts[1])):
            pinned.set(qn(attr), name)
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            pinned.attrib.pop(qn(attr), None)
    if font:
        normal = document.styles["Normal"]
        normal.font.name, normal.font.size = font, Pt(14)
        fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), font)
        normal.element.get_or_add_rPr().append(normal.element.makeelement(qn("w:szCs"), {qn("w:val"): "28"}))
    numbering = document.part.numbering_part.element
    style_num = document.styles["List Number"].element.find(qn("w:pPr")).find(qn("w:numPr"))
    abstract_id = next(n.find(qn("w:abstractNumId")).get(qn("w:val")) for n in numbering.findall(qn("w:num"))
                       if n.get(qn("w:numId")) == style_num.find(qn("w:numId")).get(qn("w:val")))
    next_num = [100]

    def fresh_list() -> str:
        """A new list instance restarting at 1, like Word does for each project's headings."""
        next_num[0] += 1
        num = copy.deepcopy(numbering.findall(qn("w:num"))[0])
        num.set(qn("w:numId"), str(next_num[0]))
        num.find(qn("w:abstractNumId")).set(qn("w:val"), abstract_id)
        for old in num.findall(qn("w:lvlOverride")):
            num.remove(old)
        override = num.makeelement(qn("w:lvlOverride"), {qn("w:ilvl"): "0"})
        override.append(override.makeelement(qn("w:startOverride"), {qn("w:val"): "1"}))
        num.append(override)
        numbering.append(num)
        return str(next_num[0])

    lines = text.split("\n")
    current_list = None
    i = 0
    while i < len(lines):
        line = lines[i]
        if "\t" in line:
            block = []
            while i < len(lines) and "\t" in lines[i]:
                block.append(lines[i].split("\t"))
                i += 1
            _table(document, block)
            continue
        if line.startswith("ลำดับที่"):
            current_list = fresh_list()
        if current_list and FIELD.match(line):
            paragraph = document.add_paragraph(FIELD.sub("", line))
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = int(current_list)
        elif line.strip():
            paragraph = document.add_paragraph(line)
            if justify and len(line) > 60:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        i += 1
    document.save(str(path))
    return path


def html_body(text: str, mark_long: bool = False) -> list[str]:
    """The plan's lines as HTML: tab-separated lines a table, the rest paragraphs (those over 60
    characters of class `long` when asked, for justifying)."""
    out, lines, i = [], text.split("\n"), 0
    while i < len(lines):
        if "\t" in lines[i]:
            out.append("<table>")
            while i < len(lines) and "\t" in lines[i]:
                out.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in lines[i].split("\t")) + "</tr>")
                i += 1
            out.append("</table>")
            continue
        if lines[i].strip():
            long = " class='long'" if mark_long and len(lines[i]) > 60 else ""
            out.append(f"<p{long}>{html.escape(lines[i])}</p>")
        i += 1
    return out


def _table(document, rows: list[list[str]]) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"  # Word's default for an inserted table: ruled
    table.autofit = False
    summary = width >= 6 and any("โครงการ/" in c for r in rows[:2] for c in r)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            if value:
                cell.text = value
                for run in cell.paragraphs[0].runs:
                    run.font.size = Pt(9 if summary else 11)
    if summary:
        kinds = ["dimension", "mission", "project"] + ["year"] * (width - 4) + ["remark"]
        grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
        for c, kind in enumerate(kinds[:width]):
            grid[c].set(qn("w:w"), str(int(Cm(TABLE_WIDTHS[kind]).twips)))  # LibreOffice reads the grid
            for r in range(len(rows)):
                table.cell(r, c).width = Cm(TABLE_WIDTHS[kind])
    # merge each dimension cell down over the empty cells below it (a merged cell in Word)
    r = 0
    while r < len(rows):
        end = r
        while end + 1 < len(rows) and rows[r][0] and not rows[end + 1][0] and len(rows[end + 1]) > 2 \
                and rows[end + 1][1] not in ("รวม", "รวมทั้งสิ้น"):
            end += 1
        if end > r:
            table.cell(r, 0).merge(table.cell(end, 0))
        r = end + 1


def pdf_fonts(path: Path) -> set[str]:
    """The base names of the fonts a PDF embeds (subset prefixes removed)."""
    import pikepdf

    names = set()
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font" and "/BaseFont" in obj:
                names.add(str(obj.BaseFont).lstrip("/").split("+")[-1])
    return names


def sarabun_fonts() -> Path | None:
    """The folder of the Sarabun TTFs (PyPI package fontpkg-sarabun), when installed."""
    try:
        import fontpkg_sarabun
    except ImportError:
        return None
    folder = Path(fontpkg_sarabun.__file__).parent / "files"
    return folder if any(folder.glob("Sarabun-*.ttf")) else None


def office_pdf(docx_path: Path, outdir: Path, fonts: Path | None = None) -> Path:
    """Export a Word file to PDF with LibreOffice Writer, as a clerk's 'save as PDF' does. A
    private HOME keeps LibreOffice's profile apart; `fonts` are made visible to it there."""
    home = outdir / "lo-home"
    (home / ".fonts").mkdir(parents=True, exist_ok=True)
    if fonts:
        for ttf in fonts.glob("*.ttf"):
            target = home / ".fonts" / ttf.name
            if not target.exists():
                shutil.copy(ttf, target)
    env = {**os.environ, "HOME": str(home)}
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{home}/profile", "--convert-to", "pdf",
                    "--outdir", str(outdir), str(docx_path)], capture_output=True, timeout=300, check=True, env=env)
    pdf = outdir / (docx_path.stem + ".pdf")
    if not pdf.exists():
        raise RuntimeError(f"LibreOffice wrote no PDF for {docx_path}")
    return pdf


CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def make_pdf(text: str, path: Path, chromium: str) -> Path:
    """Print the plan to PDF with Chromium: paragraphs wrap at the page width, the summary
    table is a ruled table, and Chromium's header and footer (date, title, page x/y) repeat
    on every page, as page furniture does in published plans."""
    out = ["<html><head><meta charset='utf-8'><title>plan</title><style>"
           "body{font-family:'Garuda','Loma','Norasi','Noto Sans Thai',sans-serif;font-size:12pt;width:15cm}"
           "table{border-collapse:collapse}td{border:1px solid #000;padding:2px;font-size:9pt}"
           "p{margin:0 0 4pt 0}</style></head><body>"]
    out += html_body(text)
    out.append("</body></html>")
    page = path.with_suffix(".html")
    page.write_text("\n".join(out), encoding="utf-8")
    subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={path.parent / 'profile'}",
                    f"--print-to-pdf={path}", page.as_uri()], capture_output=True, timeout=120, check=True)
    return path


def scan_pdf(pdf: Path, path: Path, dpi: int = 200, angle: float = 0.4, noise: float = 12.0, seed: int = 7) -> Path:
    """Print, sign and scan: each page of `pdf` rendered in grey at `dpi`, turned by `angle`
    degrees, with grain of `noise` (standard deviation, 0-255) and a few specks, saved as an
    image-only PDF (no text layer), as an organisation publishes a scanned plan."""
    import random

    import pypdfium2 as pdfium
    from PIL import Image, ImageChops

    rng = random.Random(seed)
    document = pdfium.PdfDocument(str(pdf))
    pages = []
    try:
        for k in range(len(document)):
            page = document[k]
            image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            page.close()
            image = image.rotate(angle * (1 if k % 2 else -1), resample=Image.BICUBIC, fillcolor=255)
            # grain: uniform noise of standard deviation `noise`, seeded (the same scan every run)
            spread = noise / 73.9  # a uniform byte has a standard deviation of 73.9
            grain = Image.frombytes("L", image.size, rng.randbytes(image.width * image.height))
            grain = grain.point(lambda v: max(0, min(255, round(128 + (v - 128) * spread))))
            image = ImageChops.add(image, grain, scale=1.0, offset=-128)
            for _ in range(40):  # dust
                x, y = rng.randrange(image.width - 4), rng.randrange(image.height - 4)
                image.paste(0, (x, y, x + rng.randint(1, 3), y + rng.randint(1, 3)))
            pages.append(image)
    finally:
        document.close()
    pages[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])
    return path


# --- the font × producer sweep (tests/sweep.py): other fonts, sizes and PDF makers ---

def make_docx_sized(text: str, path: Path, font: str, size: float = 14, justify: bool = False,
                    latin_font: str | None = None, latin_size: float | None = None) -> Path:
    """make_docx in `font` at `size` pt (the complex-script size Thai is set in), with Latin
    letters and digits in `latin_font` at `latin_size` when given: size 11 with latin_size 16 is
    "Thai smaller than Latin", what Word and LibreOffice make of a document asking for TH
    SarabunPSK on a machine without it. Table cells keep make_docx's 9/11 pt (Latin size only:
    their Thai takes the complex-script size of Normal, as in make_docx)."""
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Pt

    make_docx(text, path, font=font, justify=justify)
    document = docx.Document(str(path))
    normal = document.styles["Normal"]
    normal.font.size = Pt(latin_size or size)
    r_pr = normal.element.get_or_add_rPr()
    fonts = r_pr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attr), latin_font or font)
    fonts.set(qn("w:cs"), font)
    for old in r_pr.findall(qn("w:szCs")):
        r_pr.remove(old)
    r_pr.append(r_pr.makeelement(qn("w:szCs"), {qn("w:val"): str(round(size * 2))}))
    document.save(str(path))
    return path


def font_file(family: str, folders: list[Path] = ()) -> Path | None:
    """The regular TTF/OTF of a font family: in `folders` (e.g. fontpkg packages' files) or where
    fontconfig finds it (None when fontconfig only has a substitute)."""
    stem = family.replace(" ", "")
    for folder in folders:
        for candidate in (f"{stem}-Regular.ttf", f"{stem}-Regular.otf"):
            if (Path(folder) / candidate).exists():
                return Path(folder) / candidate
    if shutil.which("fc-match") is None:
        return None
    found = subprocess.run(["fc-match", "-f", "%{family}\t%{file}", f"{family}:style=Regular"],
                           capture_output=True, text=True).stdout
    families, _, file = found.partition("\t")
    return Path(file) if family in families.split(",") and file else None


def make_pdf_font(text: str, path: Path, chromium: str, font: str, size: float = 12, justify: bool = False,
                  latin_size: float | None = None, fonts: Path | None = None) -> Path:
    """make_pdf in `font` at `size` pt (paragraphs justified when `justify`); with `latin_size`,
    Thai letters are drawn at `size` and the rest at `latin_size` (an @font-face per script,
    scaled by size-adjust). `fonts`: a folder of font files made visible to Chromium through a
    private HOME's .fonts, as office_pdf does for LibreOffice."""
    face = f"'{font}'"
    css = []
    if latin_size:
        file = font_file(font, [fonts] if fonts else [])
        if file is None:
            raise RuntimeError(f"no font file for {font}")
        css.append(f"@font-face{{font-family:'SweepThai';src:url('{file.as_uri()}');unicode-range:U+0E00-0E7F;"
                   f"size-adjust:{100 * size / latin_size:.2f}%}}")
        face = f"'SweepThai','{font}'"
    body = latin_size or size
    css.append(f"body{{font-family:{face},sans-serif;font-size:{body}pt;width:15cm}}"
               "table{border-collapse:collapse}td{border:1px solid #000;padding:2px;font-size:9pt}"
               "p{margin:0 0 4pt 0}" + ("p.long{text-align:justify}" if justify else ""))
    out = ["<html><head><meta charset='utf-8'><title>plan</title><style>" + "".join(css) + "</style></head><body>"]
    out += html_body(text, mark_long=True)
    out.append("</body></html>")
    page = path.with_suffix(".html")
    page.write_text("\n".join(out), encoding="utf-8")
    home = path.parent / "chromium-home"
    (home / ".fonts").mkdir(parents=True, exist_ok=True)
    if fonts:
        for file in list(fonts.glob("*.ttf")) + list(fonts.glob("*.otf")):
            if not (home / ".fonts" / file.name).exists():
                shutil.copy(file, home / ".fonts" / file.name)
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / ".local" / "share"),
           "XDG_CACHE_HOME": str(home / ".cache"), "XDG_CONFIG_HOME": str(home / ".config")}
    subprocess.run([chromium, *CHROMIUM_FLAGS, "--allow-file-access-from-files",  # the @font-face file
                    f"--user-data-dir={path.parent / 'profile'}", f"--print-to-pdf={path}", page.as_uri()],
                   capture_output=True, timeout=120, check=True, env=env)
    return path
