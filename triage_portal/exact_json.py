"""Django's JSON serialisation with datetimes and times kept to the microsecond, for backups.

Django's XML format keeps microseconds but strips the whitespace around every value it loads
(draft minutes end with a newline, which a restore lost), and its JSON format keeps text exactly
but rounds datetimes to milliseconds (which would change rows and break the audit chain). This
format keeps both. Registered as "exactjson" (settings.SERIALIZATION_MODULES).
"""

import datetime

from django.core.serializers import json as django_json


class ExactEncoder(django_json.DjangoJSONEncoder):
    """Encode datetimes and times in full ISO 8601, microseconds and offset included."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self):
        self.options.setdefault("cls", ExactEncoder)
        super()._init_options()


Deserializer = django_json.Deserializer
