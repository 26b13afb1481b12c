import logging


class ForbiddenOneLine(logging.Filter):
    """A refused page (403) is routine: log one line, not the PermissionDenied traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
