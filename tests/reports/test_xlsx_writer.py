"""The XLSX writer (XlsxWriter, constant_memory) read back with openpyxl: typed cells, styles,
layout, and user text that XML or a spreadsheet would misread."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

import pytest

from registry.reports import FEWER_THAN_3
from registry.reports.doc import Column, Document, Facts, Section, Table
from tests.reports.helpers import column_widths

HOSTILE = ["a & b <c> \"q\" 'x'", "=SUM(A1)", "+1", "-2", "@x", "\tx", " lead", "trail ", "ctl\x00\x01\x0b\x1fend",
           "#N/A", "ÆØÅ — “q” 😀", "x" * 40000, "", "<r><t>x</t></r></is><f>1+1</f><is><r><t>y</t></r>", "_x0041_"]


def _doc() -> Document:
    cols = [Column("text", "Text", width=10), Column("long", "Long", width=40), Column("n", "Count", "int"),
            Column("day", "Day", "date", width=12.5), Column("share", "Share", "pct"), Column("who", "Who", "list"),
            Column("hidden", "Hidden", sheet=False)]
    rows = [{"text": v, "long": None, "n": i, "day": date(2022, 3, 1), "share": 0.25, "who": ["A", "=B"],
             "hidden": "x"} for i, v in enumerate(HOSTILE)]
    rows.append({"text": True, "n": FEWER_THAN_3, "day": datetime(2021, 3, 4, 12), "share": 1})
    return Document("Title & <more>", "Sub", None, [
        Section("summary", "Summary", blocks=[Facts([("On", date(2022, 12, 31)), ("Boards", 3), ("Note", "=1+1")])]),
        Section("rules", "Rules", paragraphs=["First", "Second"], bullets=True,
                blocks=[Table("sets", "Sets", cols[:2], [{"text": "r", "long": "wrapped"}])]),
        Section("main", "Main/all", paragraphs=["After"], blocks=[
            Table("t", "T", cols, rows, note="A note"), Table("t2", "More", cols[:3], rows[:2])]),
        Section("empty", "Empty", blocks=[Table("e", "E", cols[:2], [], empty="Nothing here.")]),
        Section("skipped", "Skipped"),
    ])


@pytest.fixture(scope="module")
def workbook():
    from openpyxl import load_workbook

    from registry.reports.render_xlsx import render

    data = render(_doc())
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
    return load_workbook(io.BytesIO(data))


def test_sheets_layout_and_styles(workbook):
    from registry.reports.render_xlsx import render

    wb = workbook
    assert wb.sheetnames == ["Summary", "Rules", "Main all", "Empty"]
    summary = wb["Summary"]
    assert summary.freeze_panes == "A4"
    assert column_widths(summary) == {"A": 40, "B": 40}
    assert summary["A1"].value == "Title & <more>" and summary["A1"].font.b and summary["A1"].font.sz == 13
    assert summary["A3"].font.b and summary["A3"].fill.fgColor.rgb == "FFEEF2F6"
    assert summary["B4"].value == datetime(2022, 12, 31) and summary["B4"].number_format == "yyyy-mm-dd"
    assert summary["B5"].value == 3 and summary["B6"].value == "'=1+1"
    rules = wb["Rules"]
    assert column_widths(rules) == {"A": 110, "B": 40}
    assert rules["A2"].alignment.wrap_text and rules["A2"].alignment.vertical == "top"
    assert rules["B7"].value == "wrapped" and rules["B7"].alignment.wrap_text
    main = wb["Main all"]
    assert main.freeze_panes == "A2" and main.auto_filter.ref == "A1:F17"
    assert [c.value for c in main[1]] == ["Text", "Long", "Count", "Day", "Share", "Who"]
    assert all(c.font.b and c.alignment.wrap_text for c in main[1])
    assert column_widths(main)["D"] == pytest.approx(12.5, abs=0.1)     # XlsxWriter rounds to pixels
    assert main["B2"].value is None and main["B2"].alignment.wrap_text      # an empty cell keeps its style
    assert main["C3"].value == 1 and main["C3"].data_type == "n"
    assert main["D2"].value == datetime(2022, 3, 1) and main["D2"].number_format == "yyyy-mm-dd"
    assert main["E2"].value == 0.25 and main["E2"].number_format == "0%"
    assert main["F2"].value == "A, =B"
    assert [c.value for c in main[17]][:5] == ["yes", None, "fewer than 3", datetime(2021, 3, 4, 12), 1]
    assert main["E17"].number_format == "General"                            # a whole number is no share
    assert [main.cell(r, 1).value for r in (19, 20)] == ["After", "A note"]
    assert main["A22"].value == "More" and main["A22"].font.sz == 13
    empty = wb["Empty"]
    assert empty.auto_filter.ref is None and empty["A3"].value == "Nothing here."
    with zipfile.ZipFile(io.BytesIO(render(_doc()))) as z:     # the filter's hidden name (openpyxl reads it away)
        assert ('<definedName name="_xlnm._FilterDatabase" localSheetId="2" hidden="1">'
                "'Main all'!$A$1:$F$17</definedName>") in z.read("xl/workbook.xml").decode()


def test_user_text_is_kept_neutralised_and_escaped(workbook):
    texts = [c.value for c in workbook["Main all"]["A"][1:len(HOSTILE) + 1]]
    assert texts[:8] == ["a & b <c> \"q\" 'x'", "'=SUM(A1)", "'+1", "'-2", "'@x", "'\tx", " lead", "trail "]
    assert texts[8] == "ctlend"                                 # characters XML cannot hold are dropped
    assert texts[9] == "#N/A" and texts[10] == "ÆØÅ — “q” 😀"
    assert texts[11] == "x" * 32767                             # the most a cell holds
    assert texts[12] is None
    # text that XlsxWriter's constant_memory mode would copy into the sheet as XML, and Excel's own
    # escape syntax: both kept as the very text given
    assert texts[13] == "<r><t>x</t></r></is><f>1+1</f><is><r><t>y</t></r>"
    # "_x0041_" is how the format writes "A" (ECMA-376 ST_Xstring): a literal one is written with
    # its underscore escaped, which Excel undoes and openpyxl does not; written raw, Excel shows "A"
    assert texts[14] == "_x005F_x0041_"
    for row in workbook["Main all"].iter_rows():
        assert all(c.data_type != "f" for c in row)


def test_no_sheets_gives_an_empty_report_sheet():
    from openpyxl import load_workbook

    from registry.reports.render_xlsx import render

    wb = load_workbook(io.BytesIO(render(Document("x", "y", None, []))))
    assert wb.sheetnames == ["Report"] and wb["Report"].max_row == 1 and wb["Report"]["A1"].value is None


def test_written_by_xlsxwriter_in_constant_memory_mode():
    """Inline strings (no shared-string table held in memory) are what constant_memory writes."""
    from registry.reports.render_xlsx import render

    with zipfile.ZipFile(io.BytesIO(render(_doc()))) as z:
        names = z.namelist()
        sheet = z.read("xl/worksheets/sheet3.xml").decode()
        assert "xl/sharedStrings.xml" not in names and 't="inlineStr"' in sheet
        assert "<f>" not in sheet                                       # no formula anywhere
        assert "<Application>Microsoft Excel</Application>" in z.read("docProps/app.xml").decode()
