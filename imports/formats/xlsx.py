"""The account export as a dashboard workbook (openpyxl):

- "Summary": completions per week (a bar chart) and the mean mood per day (a line chart);
- one sheet per habit: its settings, then its history (date, status, completed at, note);
- "export.json" (hidden): the JSON export itself, cut into cells, which is what an import of
  the workbook reads back (docs/import-export.md). Edits to the visible sheets are not imported.
"""

import io
import json
import re
from collections import Counter, defaultdict
from datetime import date, timedelta

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Font

from habit_instances.models import DONE_STATUSES
from imports.sources.ours import EXPORT_SHEET

CELL_CHARS = 32_000  # Excel holds at most 32,767 characters in a cell
SHEET_TITLE_CHARS = 31
_NOT_IN_TITLE = re.compile(r"[\[\]:*?/\\]")
BOLD = Font(bold=True)


def _put(sheet, *, row: int, column: int, value):
    """A cell holding `value` as data: text that starts with "=" stays text (never a formula,
    which a note could otherwise smuggle in), and control characters Excel refuses are dropped."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _completions_per_week(habits: list[dict]) -> list[tuple[date, int]]:
    weeks = Counter(
        _week_start(date.fromisoformat(row["date"]))
        for habit in habits
        for row in habit.get("instances", [])
        if row["status"] in DONE_STATUSES
    )
    return sorted(weeks.items())


def _mood_per_day(journal: dict | None) -> list[tuple[date, float]]:
    moods: dict[date, list[int]] = defaultdict(list)
    for entry in (journal or {}).get("entries", []):
        moods[date.fromisoformat(entry["date"])].append(entry["mood"])
    return [(day, round(sum(values) / len(values), 2)) for day, values in sorted(moods.items())]


def _table(sheet, *, title: str, header: tuple, rows: list, column: int = 1) -> tuple[int, int]:
    """Writes a titled table from `column` at the first free row; answers its first and last
    data rows."""
    top = sheet.max_row + 2 if sheet.max_row > 1 else 1
    sheet.cell(row=top, column=column, value=title).font = BOLD
    for offset, name in enumerate(header):
        sheet.cell(row=top + 1, column=column + offset, value=name).font = BOLD
    for index, row in enumerate(rows, start=top + 2):
        for offset, value in enumerate(row):
            _put(sheet, row=index, column=column + offset, value=value)
    return top + 1, top + 1 + len(rows)


def _summary(sheet, document: dict) -> None:
    sheet["A1"] = "Atomic Habits Tracker export"
    sheet["A1"].font = Font(bold=True, size=14)
    _put(sheet, row=2, column=1, value=(document.get("account") or {}).get("email", ""))
    weeks = _completions_per_week(document.get("habits") or [])
    header_row, last = _table(
        sheet, title="Completions per week", header=("Week of", "Completions"), rows=weeks
    )
    if weeks:
        chart = BarChart()
        chart.title, chart.y_axis.title, chart.x_axis.title = "Completions per week", "", ""
        chart.add_data(Reference(sheet, min_col=2, min_row=header_row, max_row=last), True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=header_row + 1, max_row=last))
        chart.legend = None
        sheet.add_chart(chart, "E2")
    moods = _mood_per_day(document.get("journal"))
    header_row, last = _table(
        sheet, title="Mood over time", header=("Day", "Mean mood"), rows=moods
    )
    if moods:
        chart = LineChart()
        chart.title = "Mood over time"
        chart.y_axis.scaling.min, chart.y_axis.scaling.max = 1, 5
        chart.add_data(Reference(sheet, min_col=2, min_row=header_row, max_row=last), True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=header_row + 1, max_row=last))
        chart.legend = None
        sheet.add_chart(chart, "E20")
    sheet.column_dimensions["A"].width = 14


def _title(name: str, taken: set[str]) -> str:
    base = _NOT_IN_TITLE.sub(" ", name).strip()[: SHEET_TITLE_CHARS - 4] or "Habit"
    title, number = base, 2
    while title.casefold() in taken:
        title, number = f"{base} ({number})", number + 1
    taken.add(title.casefold())
    return title


def _habit_sheet(sheet, habit: dict) -> None:
    _put(sheet, row=1, column=1, value=habit["name"]).font = Font(bold=True, size=13)
    settings = [
        ("Action", habit.get("action")),
        ("Place", habit.get("place")),
        ("Time", habit.get("time_of_day")),
        ("Schedule", habit.get("schedule")),
        ("Every N days", habit.get("periodicity_days")),
        ("Start date", habit.get("start_date")),
    ]
    for index, (label, value) in enumerate(settings, start=2):
        sheet.cell(row=index, column=1, value=label).font = BOLD
        _put(sheet, row=index, column=2, value=value)
    rows = [
        (
            date.fromisoformat(row["date"]),
            row["status"],
            row.get("completed_at") or "",
            row.get("note") or "",
        )
        for row in habit.get("instances", [])
    ]
    _table(sheet, title="History", header=("Date", "Status", "Completed at", "Note"), rows=rows)
    for column, width in zip("ABCD", (14, 16, 28, 40), strict=True):
        sheet.column_dimensions[column].width = width


def export_workbook(document: dict) -> bytes:
    workbook = Workbook()
    _summary(workbook.active, document)
    workbook.active.title = "Summary"
    taken = {"summary", EXPORT_SHEET}
    for habit in document.get("habits") or []:
        _habit_sheet(workbook.create_sheet(_title(habit["name"], taken)), habit)
    data_sheet = workbook.create_sheet(EXPORT_SHEET)
    data_sheet.sheet_state = "hidden"
    text = json.dumps(document, ensure_ascii=False)
    for row, start in enumerate(range(0, len(text), CELL_CHARS), start=1):
        _put(data_sheet, row=row, column=1, value=text[start : start + CELL_CHARS])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
