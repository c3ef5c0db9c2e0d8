"""The registry of everything a user owns, for the account export and the data wipe.

Each app that stores user data registers one section in its AppConfig.ready(); the account
services then export and wipe every section without knowing the apps.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class UserDataSection:
    name: str
    export: Callable[[Any], Any]  # user -> JSON-serialisable data
    wipe: Callable[[Any], None] | None = None  # user -> None; None when the data is the account


_sections: dict[str, UserDataSection] = {}


def register_user_data_section(section: UserDataSection) -> None:
    _sections[section.name] = section


def user_data_sections() -> list[UserDataSection]:
    return list(_sections.values())
