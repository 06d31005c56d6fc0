"""Build the regression samples of this folder with python-docx.

* ``issue-14-commentary-and-status.docx`` - a commitments return whose commentary and
  status disagree: a green row whose comment reports slippage, a red row whose comment says
  it is complete, a row with no status whose comment is plain about it, and officer cells
  written with initials, a job title and a role code.

Usage::

    python samples/regressions/build.py
"""

import datetime
import io
import zipfile
from pathlib import Path

from docx import Document

OUTPUT_DIR = Path(__file__).resolve().parent
FIXED_DATE = datetime.datetime(2009, 10, 15, 9, 0, 0)
HEADER = ("Commitment", "Responsible Officer", "Red/Amber/Green?", "Comments On Progress")
ROWS = [
    ("Open a new hostel for homeless young people.", "S. Rochester", "Green",
     "The new hostel was due to open in September. The opening has slipped to January because the "
     "contractor is behind schedule."),
    ("Train every sheltered housing warden in first aid.", "Sheila Rochester (Head of Service)", "Red",
     "Completed in March: all 12 wardens have been trained."),
    ("Review the allocations policy.", "Head of Housing - J Smith", "",
     "The review was completed in June and the new policy was published in July."),
    ("Publish the tenancy strategy.", "DoSCE", "Amber", "Consultation awaited; publication deferred."),
]


def build_commentary_and_status(path: Path) -> None:
    """The housing return of issue 14."""
    document = Document()
    document.core_properties.author = "Performance Team"
    document.core_properties.created = FIXED_DATE
    document.core_properties.modified = FIXED_DATE
    document.add_heading("Commitments Monitoring Q2 2009-10 - Housing", level=0)
    table = document.add_table(rows=1, cols=len(HEADER))
    for cell, text in zip(table.rows[0].cells, HEADER):
        cell.text = text
    for values in ROWS:
        for cell, text in zip(table.add_row().cells, values):
            cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    _save_deterministic(buffer.getvalue(), path)


def _save_deterministic(data: bytes, path: Path) -> None:
    """Rewrite the zip with fixed member timestamps so the bytes do not change between builds."""
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_DATE.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(info, source.read(item.filename))


if __name__ == "__main__":
    build_commentary_and_status(OUTPUT_DIR / "issue-14-commentary-and-status.docx")
