"""CSV downloads that a spreadsheet cannot turn into formulas.

They are streamed: the browser shows the download under way from the first row, however long
the register, and the server never holds the whole file in memory.
"""

import csv

from django.http import StreamingHttpResponse

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """Return the cell as text, prefixed with ' if a spreadsheet would run it as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text


class _Line:
    """A file-like object whose write() hands back what it was given (one CSV line)."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: list[str], rows):
    writer = csv.writer(_Line())
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow([safe_cell(cell) for cell in row])


def csv_response(filename: str, header: list[str], rows) -> StreamingHttpResponse:
    """Return a streamed attachment holding the header and the rows."""
    response = StreamingHttpResponse(
        csv_lines(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
