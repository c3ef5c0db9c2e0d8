"""Our own account export, as JSON or as the xlsx workbook (which carries the same JSON in its
"export.json" sheet: the visible sheets are for people, this one is for the round trip).

What comes back (docs/import-export.md, "Round trip"): the "habits" section with every final
check-in of its history, its notes and its state (archived, paused, formed), and the "journal"
section's tags and entries. Photos are files the export names but does not carry, so they are
listed as skipped. Every other section is either the account itself or derived from these
(achievements: `manage.py achievements_backfill`; stats: recomputed) and is listed as not
imported.
"""

import io
import json
from datetime import date, datetime, time

from openpyxl import load_workbook

from habit_instances.models import FINAL_STATUSES
from imports.archive import zip_open
from imports.errors import ImportFileInvalid
from imports.plan import ImportPlan, PlannedDay, PlannedHabit, PlannedJournalEntry

EXPORT_SHEET = "export.json"
ROUND_TRIP_SECTIONS = ("habits", "journal")
# The sections never imported, and why (the report lists the ones the file holds).
NOT_IMPORTED = {
    "account": "Your account settings stay as they are here.",
    "achievements": "Derived from your history: run achievements_backfill to award them.",
}
NOT_IMPORTED_DEFAULT = "This section is exported for your records and not imported."


def looks_like_ours(document) -> bool:
    return (
        isinstance(document, dict)
        and isinstance(document.get("habits"), list)
        and all(isinstance(h, dict) and "instances" in h for h in document["habits"])
    )


def _parsed(parse, value, *, where: str):
    if value is None:
        return None
    try:
        return parse(value)
    except (TypeError, ValueError) as error:
        raise ImportFileInvalid(f"{where}: {value!r} is not valid.") from error


def _days(instances, *, where: str) -> list[PlannedDay]:
    if not isinstance(instances, list):
        raise ImportFileInvalid(f"{where}: instances must be a list.")
    days = []
    for row in instances:
        if not isinstance(row, dict) or "date" not in row or "status" not in row:
            raise ImportFileInvalid(f"{where}: an instance has no date or status.")
        if row["status"] not in FINAL_STATUSES:
            # an open check-in of today is generated anew; one of the past has no answer to keep
            continue
        days.append(
            PlannedDay(
                date=_parsed(date.fromisoformat, row["date"], where=where),
                status=row["status"],
                completed_at=_parsed(datetime.fromisoformat, row.get("completed_at"), where=where),
                note=str(row.get("note") or ""),
                recorded_late=bool(row.get("recorded_late")),
            )
        )
    return days


def _habit(row, *, index: int) -> PlannedHabit:
    if not isinstance(row, dict):
        raise ImportFileInvalid(f"habit {index}: not an object.")
    name = str(row.get("name") or "")
    where = f"habit {index} ({name or 'no name'})"
    data = {key: value for key, value in row.items() if key != "related_pleasant_habit"}
    return PlannedHabit(
        data=data,
        days=_days(row.get("instances"), where=where),
        source_id=row.get("id"),
        related_source_id=row.get("related_pleasant_habit"),
        is_archived=bool(row.get("is_archived")),
        paused_from=_parsed(date.fromisoformat, row.get("paused_from"), where=where),
        paused_until=_parsed(date.fromisoformat, row.get("paused_until"), where=where),
        formed_at=_parsed(datetime.fromisoformat, row.get("formed_at"), where=where),
    )


def _journal(section, *, plan: ImportPlan) -> None:
    if not isinstance(section, dict):
        raise ImportFileInvalid("journal: expected an object with tags and entries.")
    tags = section.get("tags", [])
    entries = section.get("entries", [])
    if not isinstance(tags, list) or not isinstance(entries, list):
        raise ImportFileInvalid("journal: tags and entries must be lists.")
    plan.journal_tags = [str(tag) for tag in tags]
    for index, entry in enumerate(entries, start=1):
        where = f"journal entry {index}"
        if not isinstance(entry, dict):
            raise ImportFileInvalid(f"{where}: not an object.")
        mood, energy = entry.get("mood"), entry.get("energy")
        if not isinstance(mood, int) or not 1 <= mood <= 5:
            raise ImportFileInvalid(f"{where}: mood must be 1 to 5.")
        if energy is not None and (not isinstance(energy, int) or not 1 <= energy <= 5):
            raise ImportFileInvalid(f"{where}: energy must be 1 to 5 or empty.")
        tags_of_entry = entry.get("tags", [])
        if not isinstance(tags_of_entry, list):
            raise ImportFileInvalid(f"{where}: tags must be a list.")
        plan.journal_entries.append(
            PlannedJournalEntry(
                date=_parsed(date.fromisoformat, entry.get("date"), where=where),
                time=_parsed(time.fromisoformat, entry.get("time"), where=where),
                mood=mood,
                energy=energy,
                note=str(entry.get("note") or ""),
                tags=[str(tag) for tag in tags_of_entry],
            )
        )
        for photo in entry.get("photos") or []:
            name = photo.get("original_name", "photo") if isinstance(photo, dict) else "photo"
            plan.skip(
                f"photo {name} of {entry.get('date')}",
                "The export names photos but does not carry their files.",
            )
        if entry.get("date") is None or entry.get("time") is None:
            raise ImportFileInvalid(f"{where}: date and time are required.")


def ours_plan(document) -> ImportPlan:
    if not looks_like_ours(document):
        raise ImportFileInvalid("This JSON is not an Atomic Habits Tracker export.")
    plan = ImportPlan()
    for index, row in enumerate(document["habits"], start=1):
        plan.habits.append(_habit(row, index=index))
    if document.get("journal") is not None:
        _journal(document["journal"], plan=plan)
    for section in document:
        if section not in ROUND_TRIP_SECTIONS:
            plan.skip(f"section {section}", NOT_IMPORTED.get(section, NOT_IMPORTED_DEFAULT))
    return plan


def ours_xlsx_document(data: bytes):
    """The JSON the workbook's export sheet carries, in column A's cells, in order."""
    zip_open(data)  # the size checks before openpyxl inflates anything
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged workbook
        raise ImportFileInvalid("The workbook cannot be read.") from error
    if EXPORT_SHEET not in workbook.sheetnames:
        raise ImportFileInvalid(
            f'The workbook has no "{EXPORT_SHEET}" sheet: only workbooks exported from '
            "Atomic Habits Tracker can be imported."
        )
    text = "".join(
        str(row[0]) for row in workbook[EXPORT_SHEET].iter_rows(values_only=True) if row[0]
    )
    workbook.close()
    try:
        return json.loads(text)
    except ValueError as error:
        raise ImportFileInvalid(f'The "{EXPORT_SHEET}" sheet is not valid JSON.') from error
