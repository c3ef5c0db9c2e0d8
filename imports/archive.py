"""Reading an uploaded zip (Loop's export, an xlsx workbook) without trusting it.

A zip bomb is a small file that inflates to gigabytes: the sizes its directory declares are
checked first, and each member is then read with a hard cap, so a directory that lies about its
sizes is caught while reading too. Member names are only ever used as lookup keys, never as paths
on disk, so "../" in a name cannot escape anywhere.
"""

import io
import zipfile

from django.conf import settings

from imports.errors import ImportFileInvalid

MAX_MEMBERS = 5000


def zip_open(data: bytes) -> zipfile.ZipFile:
    """The archive, its declared sizes within IMPORT_MAX_UNCOMPRESSED_BYTES."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as error:
        raise ImportFileInvalid("The file is not a readable zip archive.") from error
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise ImportFileInvalid(f"The archive holds more than {MAX_MEMBERS} files.")
    if sum(member.file_size for member in members) > settings.IMPORT_MAX_UNCOMPRESSED_BYTES:
        raise ImportFileInvalid("The archive unpacks to more than the import size limit.")
    return archive


def zip_read(archive: zipfile.ZipFile, name: str) -> bytes:
    """One member's bytes, never more than the limit whatever its header claims."""
    limit = settings.IMPORT_MAX_UNCOMPRESSED_BYTES
    try:
        with archive.open(name) as member:
            data = member.read(limit + 1)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, NotImplementedError) as error:
        raise ImportFileInvalid(f"{name}: the archive member cannot be read.") from error
    if len(data) > limit:
        raise ImportFileInvalid("The archive unpacks to more than the import size limit.")
    return data


def zip_text(archive: zipfile.ZipFile, name: str) -> str:
    try:
        return zip_read(archive, name).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileInvalid(f"{name}: not UTF-8 text.") from error
