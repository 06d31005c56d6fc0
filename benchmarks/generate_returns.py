"""Generate N varied commitments returns, as Word files and (through LibreOffice) PDFs.

Each return has its own service, quarter, year, sections, commitments, officers and
statuses, laid out like samples/adult-services-commitments-q3-2007-08.docx (A4 landscape,
shaded RAG cells, a header row repeated on every page) and runs over several pages.

`indicator_return()` builds one large indicator scorecard instead (code, indicator, target,
actual and a colour-filled RAG status per row), ruled as a grid or with horizontal rules
only; benchmarks/speed.py reads its 1,500-row (about 100 pages) and 20,000-row editions.

    .venv/bin/python benchmarks/generate_returns.py OUT_DIR --count 40 --pdf-share 0.5
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "samples"))

import build  # noqa: E402  the samples' own document helpers

sys.path.append(str(ROOT / "samples" / "regressions"))  # after samples/: regressions/ has a build.py of its own
from build_issue_11 import _borders  # noqa: E402  the horizontal-rules-only table of issue 11
from docx.shared import Cm  # noqa: E402

SERVICES = ["Adult Services", "Children's Services", "Environment", "Housing", "Libraries and Culture",
            "Highways", "Revenues and Benefits", "Public Health", "Planning", "Waste and Recycling"]
THEMES = ["Improved Quality of Life for People", "Safer Communities", "A Thriving Economy",
          "Cleaner and Greener Places", "Healthier Lives", "Better Value Services"]
VERBS = ["Continue to support", "We will develop", "Increase the number of", "Reduce the time taken to",
         "Improve access to", "Work with partners to deliver", "Review and modernise"]
OBJECTS = ["older people living independently at home", "supported accommodation", "carers' assessments",
           "young people not in education or training", "household waste recycled", "planning applications",
           "homelessness prevention cases", "library visits", "road repairs completed on time",
           "benefit claims processed"]
OFFICERS = ["Sheila Rochester", "Sandy McMillan", "Sue Disley", "G Currie", "Martin Walsh", "Yvonne Okafor",
            "Head of Procurement", "DoSCE"]
STATUSES = ["Green", "Amber", "Red"]
COMMENT = ("Progress this quarter: {n} cases against a profile of {m}; the service expects to {verb} by the year "
           "end, and the board reviewed the plan on {day} {month}.")


def _return(rng: random.Random, number: int) -> tuple[object, str, int]:
    """A python-docx document, its file stem, and its table rows."""
    service = rng.choice(SERVICES)
    year = rng.randint(2006, 2012)
    quarter = rng.randint(1, 4)
    title = (f"MTCS and Annual Plan Commitments Monitoring Q{quarter} {year}-{(year + 1) % 100:02d} - {service}")
    doc = build.new_document(title, landscape=True)
    doc.add_paragraph(title, style="Heading 1")
    rows_total = 0
    for letter in "ABCDEF"[: rng.randint(2, 4)]:
        doc.add_paragraph(f"{letter} – {rng.choice(THEMES)}", style="Heading 2")
        for line in build.LEGEND:
            build.add_paragraph(doc, line, keep_with_next=True)
        rows = [["Commitment", "Responsible Officer", "Red/Amber/ Green?", "Comments On Progress"]]
        for _ in range(rng.randint(8, 16)):
            rows.append([
                f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} ({letter}{rng.randint(1, 99)}).",
                "/ ".join(rng.sample(OFFICERS, rng.randint(1, 2))),
                rng.choice(STATUSES),
                " ".join(COMMENT.format(n=rng.randint(10, 900), m=rng.randint(10, 900), verb=rng.choice(VERBS).lower(),
                                        day=rng.randint(1, 28), month=rng.choice(["June", "September", "December"]))
                         for _ in range(rng.randint(1, 3))),
            ])
        build.add_table(doc, rows, build.COMMITMENT_WIDTHS, rag_column=2)
        rows_total += len(rows) - 1
    stem = f"{number:04d}-{service.lower().replace(' ', '-').replace(chr(39), '')}-q{quarter}-{year}"
    return doc, stem, rows_total


def generate(out: Path, count: int, pdf_share: float = 0.5, seed: int = 12) -> list[dict[str, object]]:
    """Write `count` returns into `out`, a share of them as the PDF LibreOffice headless exports.

    Every return is exported, so each Word file's page count is known too (its PDF's);
    manifest.json lists each file with its pages and commitment rows.
    """
    import pdfplumber

    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for number in range(count):
        doc, stem, rows = _return(rng, number)
        doc.save(out / f"{stem}.docx")
        made.append((stem, rows, rng.random() < pdf_share))
    export_pdfs([out / f"{stem}.docx" for stem, _, _ in made], out)
    manifest = []
    for stem, rows, as_pdf in made:
        with pdfplumber.open(out / f"{stem}.pdf") as pdf:
            pages = len(pdf.pages)
        keep, drop = (".pdf", ".docx") if as_pdf else (".docx", ".pdf")
        (out / f"{stem}{drop}").unlink()
        manifest.append({"file": f"{stem}{keep}", "pages": pages, "rows": rows})
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1))
    return manifest


def export_pdfs(paths: list[Path], out: Path) -> None:
    """The PDF of each Word file, as LibreOffice headless exports it under a throwaway profile, into `out`."""
    soffice = shutil.which("soffice")
    if soffice is None:
        sys.exit("soffice not found: install LibreOffice (libreoffice-writer-nogui) to export the PDFs")
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    try:
        subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(out), *map(str, paths)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=3600)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


INDICATOR_HEADER = ["Code", "Indicator", "Target", "Actual", "RAG Status"]
INDICATOR_WIDTHS = [Cm(2.0), Cm(8.4), Cm(2.2), Cm(2.2), Cm(2.2)]
MEASURED = ["adults in contact with secondary mental health services living independently",
            "people supported to live independently through social services", "carers receiving a needs assessment",
            "household waste sent for reuse, recycling and composting", "major planning applications determined",
            "children looked after with three or more placements", "working age people on out of work benefits",
            "affordable homes delivered", "principal roads where maintenance should be considered",
            "new benefit claims processed", "households in temporary accommodation",
            "young people not in education, employment or training"]
QUALIFIERS = ["within 13 weeks", "as a percentage of all cases in the quarter", "per 1,000 population",
              "measured from receipt of the completed form to the decision letter",
              "in the local authority area, against the national average for the same period",
              "excluding cases withdrawn by the applicant before a decision"]


def indicator_return(rows: int, vertical_rules: bool = True, seed: int = 7):  # type: ignore[no-untyped-def]
    """A python-docx scorecard of one `rows`-row indicator table (A4 portrait, header repeated on every page).

    Each row: a code, a description over two to four lines, a target, an actual and its RAG
    status on its colour's fill. Ruled as a grid, or with `vertical_rules=False` with rules
    between rows only, as issue 11's tables are.
    """
    rng = random.Random(seed)
    title = "Corporate Performance Scorecard Q2 2009/10"
    doc = build.new_document(title)
    doc.add_paragraph(title, style="Heading 1")
    values = [INDICATOR_HEADER]
    for number in range(rows):
        status = rng.choice(STATUSES)
        target = rng.randint(40, 95)
        actual = target + {"Green": 2, "Amber": -3, "Red": -12}[status] + rng.randint(0, 2)
        description = f"Percentage of {rng.choice(MEASURED)} {' '.join(rng.sample(QUALIFIERS, rng.randint(1, 3)))}"
        values.append([f"LPI {number + 1:05d}", description, f"{target}%", f"{actual}%", status])
    table = build.add_table(doc, values, INDICATOR_WIDTHS, rag_column=4)
    if not vertical_rules:
        table.style = None
        _borders(table, top="single", bottom="single", insideH="single")
    return doc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--pdf-share", type=float, default=0.5)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    manifest = generate(args.out, args.count, args.pdf_share, args.seed)
    print(f"{len(manifest)} returns in {args.out}")


if __name__ == "__main__":
    main()
