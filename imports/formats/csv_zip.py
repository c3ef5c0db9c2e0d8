"""The account export as a zip of CSV tables, one per kind of row, from the same registry
sections as the JSON (core.user_data): nothing here knows the apps.

A section that is a list of objects becomes `<section>.csv`; a list of objects inside each of
them (a habit's instances) becomes `<section>_<field>.csv` with the parent's id (or row number)
in a first column `<section>_id`; an object section (the account) is a one-row table, and an
object of lists (the journal's tags and entries) is a table per list. Other nested values are
written as JSON in their cell.
"""

import csv
import io
import json
import zipfile


def _is_rows(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)


def _cell(value):
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def _tables(name: str, rows: list[dict], tables: dict[str, list[dict]]) -> None:
    flat = []
    for number, row in enumerate(rows, start=1):
        parent = row.get("id", number)
        scalar = {}
        for key, value in row.items():
            if _is_rows(value) and value:
                _tables(
                    f"{name}_{key}", [{f"{name}_id": parent, **child} for child in value], tables
                )
            else:
                scalar[key] = _cell(value)
        flat.append(scalar)
    tables.setdefault(name, []).extend(flat)


def _list_table(name: str, value: list, tables: dict[str, list[dict]]) -> None:
    if _is_rows(value):
        _tables(name, value, tables)
    else:  # plain values (the journal's tag names)
        tables[name] = [{"value": _cell(item)} for item in value]


def export_tables(document: dict) -> dict[str, list[dict]]:
    tables: dict[str, list[dict]] = {}
    for section, value in document.items():
        if isinstance(value, list):
            _list_table(section, value, tables)
        elif isinstance(value, dict) and value and all(isinstance(v, list) for v in value.values()):
            for key, items in value.items():
                _list_table(f"{section}_{key}", items, tables)
        elif isinstance(value, dict):
            tables[section] = [{key: _cell(v) for key, v in value.items()}]
    return tables


def _csv(rows: list[dict]) -> str:
    columns = list(dict.fromkeys(key for row in rows for key in row))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def export_csv_zip(document: dict) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in export_tables(document).items():
            archive.writestr(f"{name}.csv", _csv(rows))
    return output.getvalue()
