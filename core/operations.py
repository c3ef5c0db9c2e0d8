"""The operators' health page in the admin (/admin/operations/): a registry of status sections.

Each app registers what an operator should see at a glance (core: the queue lengths;
notifications: the outbox backlog; habit_instances: the last generation run; backups, once it
exists: the last backup) from its AppConfig.ready(), so the page never imports a higher app.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class StatusRow:
    label: str
    value: str
    ok: bool = True  # False: shown as a problem


@dataclass(frozen=True)
class StatusSection:
    key: str
    title: str
    read: Callable[[], list[StatusRow]]


# Sections the page always shows; until an app registers one, it says it is not set up.
EXPECTED_SECTIONS = {"backups": "Last backup"}

_sections: dict[str, StatusSection] = {}


def operations_status_register(section: StatusSection) -> None:
    _sections[section.key] = section


def operations_status_read() -> list[tuple[str, list[StatusRow]]]:
    """Every section's title and rows; a section that fails to read says so instead of hiding
    the others."""
    shown = []
    for section in _sections.values():
        try:
            rows = section.read()
        except Exception as exc:  # the page is for diagnosing trouble: it must not 500 on it
            rows = [StatusRow("error", f"could not be read: {exc}", ok=False)]
        shown.append((section.title, rows))
    for key, title in EXPECTED_SECTIONS.items():
        if key not in _sections:
            shown.append((title, [StatusRow("status", "not set up on this server", ok=False)]))
    return shown
