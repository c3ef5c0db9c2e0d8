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
    # user -> keys of the objects in core.storage this section's rows name: the account services
    # read them before a wipe or an account deletion and remove the files once it has committed.
    stored_files: Callable[[Any], list[str]] | None = None


_sections: dict[str, UserDataSection] = {}


def register_user_data_section(section: UserDataSection) -> None:
    _sections[section.name] = section


def user_data_sections() -> list[UserDataSection]:
    return list(_sections.values())


def user_stored_files(user) -> list[str]:
    return [
        key
        for section in _sections.values()
        if section.stored_files is not None
        for key in section.stored_files(user)
    ]
