from core.exceptions import ValidationFailed


class ImportFileInvalid(ValidationFailed):
    """The uploaded file cannot be imported as it is: nothing was written. The message says what
    is wrong in words a user can act on (which file, which row)."""

    default_code = "import_file_invalid"
    default_message = "The file cannot be imported."

    def __init__(self, message: str):
        super().__init__(message, fields={"file": [message]})
