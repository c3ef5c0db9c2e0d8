"""The rotating log file handler of LOGGING, which makes its directory when it first writes.

Settings only name the file (importing them changes nothing on disk); the directory — `logs/` or
wherever LOG_DIR points — appears the moment a process has something to log.
"""

from logging.handlers import RotatingFileHandler
from pathlib import Path


class DirectoryMakingRotatingFileHandler(RotatingFileHandler):
    def _open(self):
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()
