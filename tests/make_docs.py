"""Build a Word file from a text fixture, the way plans are published: tables for the summary
table (with vertically merged cells) and Word's automatic numbering for the field headings."""
from __future__ import annotations

import copy
import re
from pathlib import Path

FIELD = re.compile(r"^[๐-๙0-9]+\.\s*(?=ชื่อโครงการ|หลักการ|วัตถุประสงค์|กลุ่มเป้าหมาย|วิธี|ระยะเวลา|งบประมาณ|ผู้รับผิดชอบ|ผลผลิต)")


def make_docx(text: str, path: Path) -> Path:
    import docx
    from docx.oxml.ns import qn

    document = docx.Document()
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
            document.add_paragraph(line)
        i += 1
    document.save(str(path))
    return path


def _table(document, rows: list[list[str]]) -> None:
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value:
                table.cell(r, c).text = value
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


CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def make_pdf(text: str, path: Path, chromium: str) -> Path:
    """Print the plan to PDF with Chromium: paragraphs wrap at the page width, the summary
    table is a ruled table, and Chromium's header and footer (date, title, page x/y) repeat
    on every page, as page furniture does in published plans."""
    import html
    import subprocess

    out = ["<html><head><meta charset='utf-8'><title>plan</title><style>"
           "body{font-family:'Garuda','Loma','Norasi','Noto Sans Thai',sans-serif;font-size:12pt;width:15cm}"
           "table{border-collapse:collapse}td{border:1px solid #000;padding:2px;font-size:9pt}"
           "p{margin:0 0 4pt 0}</style></head><body>"]
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if "\t" in lines[i]:
            out.append("<table>")
            while i < len(lines) and "\t" in lines[i]:
                out.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in lines[i].split("\t")) + "</tr>")
                i += 1
            out.append("</table>")
            continue
        if lines[i].strip():
            out.append(f"<p>{html.escape(lines[i])}</p>")
        i += 1
    out.append("</body></html>")
    page = path.with_suffix(".html")
    page.write_text("\n".join(out), encoding="utf-8")
    subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={path.parent / 'profile'}",
                    f"--print-to-pdf={path}", page.as_uri()], capture_output=True, timeout=120, check=True)
    return path
