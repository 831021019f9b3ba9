"""The API's JSON parser: text in, or a plain 400.

JSON may escape half of a UTF-16 surrogate pair ("\\udfff"). Python decodes it into a string
that no database driver can encode, so without this check the write fails with a 500.
"""

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


def _check_text(value) -> None:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            raise ParseError(
                "The JSON holds a string that is not valid text (a lone surrogate such as "
                "\\udfff). Send each character whole."
            ) from error
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(key)
            _check_text(item)
    elif isinstance(value, list):
        for item in value:
            _check_text(item)


class TextJSONParser(JSONParser):
    """Parse JSON as DRF does, then refuse any string that is not encodable text."""

    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        _check_text(data)
        return data
