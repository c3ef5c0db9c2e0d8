"""Streaming authenticated encryption of backups: AES-256-GCM in the STREAM construction
(Hoang, Reyhanitabar, Rogaway, Vizár 2015), so a dump of any size is encrypted and decrypted
chunk by chunk in constant memory, and a reordered, altered or truncated file is refused.

File layout:
    MAGIC (8 bytes) | nonce prefix (7 random bytes)
    then records: length (4 bytes, big endian; the top bit marks the last record) | ciphertext
Record i is sealed with nonce = prefix | i (4 bytes) | 1 if last else 0, and the header as
associated data. The last record may be empty; a file without one was cut short.
"""

import base64
import binascii
import io
import os
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"AHTBAK1\n"
_PREFIX_BYTES = 7
_CHUNK = 1024 * 1024
_LAST = 0x80000000
_TAG_BYTES = 16


class BackupKeyInvalid(Exception):
    """BACKUP_ENCRYPTION_KEY is not 32 bytes in URL-safe base64."""


class BackupDecryptionFailed(Exception):
    """Wrong key, or the file was altered or cut short."""


def encryption_key_parse(text: str) -> bytes:
    try:
        key = base64.urlsafe_b64decode(text.strip().encode())
    except (binascii.Error, ValueError) as error:
        raise BackupKeyInvalid("BACKUP_ENCRYPTION_KEY is not URL-safe base64") from error
    if len(key) != 32:
        raise BackupKeyInvalid("BACKUP_ENCRYPTION_KEY must decode to 32 bytes")
    return key


def encryption_key_new() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


def _nonce(prefix: bytes, counter: int, last: bool) -> bytes:
    return prefix + struct.pack(">IB", counter, 1 if last else 0)


class EncryptingWriter(io.RawIOBase):
    """A writable file: what is written reaches `target` encrypted; close() seals the last
    record (and leaves `target` open)."""

    def __init__(self, target, key: bytes):
        super().__init__()
        self._target = target
        self._aead = AESGCM(key)
        self._prefix = os.urandom(_PREFIX_BYTES)
        self._header = MAGIC + self._prefix
        self._counter = 0
        self._buffer = bytearray()
        target.write(self._header)

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._buffer += data
        # a full chunk is written only once more follows, so the last record is never missed
        while len(self._buffer) > _CHUNK:
            self._seal(bytes(self._buffer[:_CHUNK]), last=False)
            del self._buffer[:_CHUNK]
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._seal(bytes(self._buffer), last=True)
            self._buffer.clear()
        super().close()

    def _seal(self, chunk: bytes, *, last: bool) -> None:
        if self._counter >= 2**32 - 1:
            raise ValueError("backup too large for one encrypted stream")
        sealed = self._aead.encrypt(_nonce(self._prefix, self._counter, last), chunk, self._header)
        self._target.write(struct.pack(">I", len(sealed) | (_LAST if last else 0)) + sealed)
        self._counter += 1


class DecryptingReader(io.RawIOBase):
    """A readable file over an encrypted one; raises BackupDecryptionFailed on any tampering."""

    def __init__(self, source, key: bytes):
        super().__init__()
        self._source = source
        self._aead = AESGCM(key)
        header = source.read(len(MAGIC) + _PREFIX_BYTES)
        if len(header) != len(MAGIC) + _PREFIX_BYTES or not header.startswith(MAGIC):
            raise BackupDecryptionFailed("not an encrypted backup")
        self._header = header
        self._prefix = header[len(MAGIC) :]
        self._counter = 0
        self._plain = b""
        self._ended = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._plain and not self._ended:
            self._open_next()
        count = min(len(buffer), len(self._plain))
        buffer[:count] = self._plain[:count]
        self._plain = self._plain[count:]
        return count

    def _open_next(self) -> None:
        length_field = self._source.read(4)
        if len(length_field) != 4:
            raise BackupDecryptionFailed("the encrypted backup is cut short")
        (length,) = struct.unpack(">I", length_field)
        last = bool(length & _LAST)
        length &= ~_LAST
        if length < _TAG_BYTES or length > _CHUNK + _TAG_BYTES:
            raise BackupDecryptionFailed("the encrypted backup is damaged")
        sealed = self._source.read(length)
        if len(sealed) != length:
            raise BackupDecryptionFailed("the encrypted backup is cut short")
        try:
            self._plain = self._aead.decrypt(
                _nonce(self._prefix, self._counter, last), sealed, self._header
            )
        except InvalidTag as error:
            raise BackupDecryptionFailed("wrong key, or the backup was altered") from error
        self._counter += 1
        if last:
            if self._source.read(1):
                raise BackupDecryptionFailed("data after the end of the encrypted backup")
            self._ended = True
