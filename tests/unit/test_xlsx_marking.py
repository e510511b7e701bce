"""Issue 21 item 12: '&' codes in the protective marking are printed, not interpreted."""

from openpyxl import Workbook

from rosterapp.exports.xlsx_sheet import Sheet


def test_marking_ampersand_codes_are_escaped() -> None:
    wb = Workbook(write_only=True)
    sheet = Sheet.__new__(Sheet)
    sheet.ws = wb.create_sheet("x")
    sheet.print_setup("OFFICIAL & SENSITIVE &P &[Path]", "1:1")
    text = sheet.ws.oddHeader.center.text
    assert text == "OFFICIAL && SENSITIVE &&P &&[Path]"
    assert sheet.ws.oddFooter.right.text == "Page &P of &N"
