"""Which program wrote an uploaded file, and what it asks to import (an ImportPlan).

The source is sniffed from the content (a zip with Habits.csv is Loop's; one with an xlsx
workbook is ours; JSON is Beaver's or ours by its keys); a `source` the client names is checked
against the content instead of trusted.
"""

import json

from imports.archive import zip_open
from imports.errors import ImportFileInvalid
from imports.models import ImportSource
from imports.plan import ImportPlan
from imports.sources.beaver import beaver_plan, looks_like_beaver
from imports.sources.loop import looks_like_loop, loop_plan
from imports.sources.ours import looks_like_ours, ours_plan, ours_xlsx_document

_XLSX_MARKER = "xl/workbook.xml"
_ZIP_MAGIC = b"PK"  # every zip (an xlsx is one) starts with its signature


def _json(data: bytes):
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise ImportFileInvalid(
            "The file is neither a zip archive nor JSON: Loop's CSV export (zip), Beaver's "
            "JSON export and our own JSON or xlsx export can be imported."
        ) from error


def import_source_sniffed(data: bytes) -> str:
    if data[:2] == _ZIP_MAGIC:
        archive = zip_open(data)
        if _XLSX_MARKER in archive.namelist():
            return ImportSource.OURS_XLSX
        if looks_like_loop(archive):
            return ImportSource.LOOP
        raise ImportFileInvalid(
            "This zip is neither a Loop Habit Tracker export (no Habits.csv) nor an xlsx workbook."
        )
    document = _json(data)
    if looks_like_beaver(document):
        return ImportSource.BEAVER
    if looks_like_ours(document):
        return ImportSource.OURS_JSON
    raise ImportFileInvalid(
        "This JSON is neither a Beaver Habit Tracker export nor an Atomic Habits Tracker export."
    )


def import_plan_read(*, data: bytes, source: str) -> ImportPlan:
    """The plan of a file of the given source; ImportFileInvalid, saying what is wrong, when the
    file is not one."""
    if source == ImportSource.LOOP:
        return loop_plan(data)
    if source == ImportSource.BEAVER:
        return beaver_plan(_json(data))
    if source == ImportSource.OURS_JSON:
        return ours_plan(_json(data))
    return ours_plan(ours_xlsx_document(data))
