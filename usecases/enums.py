"""States, kinds and answers of a proposal."""

from django.db import models


class SubmissionKind(models.TextChoices):
    USE_CASE = "USE_CASE", "Use Case for Device Refurbishment"
    SC_MODIFICATION = "SC_MODIFICATION", "SC Modification Proposal"


class SubmissionState(models.TextChoices):
    DRAFT = "DRAFT", "Draft"
    SUBMITTED = "SUBMITTED", "Submitted"
    WITHDRAWN = "WITHDRAWN", "Withdrawn"


TERMINAL_STATES = (SubmissionState.WITHDRAWN,)


class TriState(models.TextChoices):
    YES = "YES", "Yes"
    NO = "NO", "No"
    TBD = "TBD", "To be determined"


class YesNo(models.TextChoices):
    YES = "YES", "Yes"
    NO = "NO", "No"


class SupportStatus(models.TextChoices):
    NOT_REQUESTED = "NOT_REQUESTED", "Not yet requested"
    PENDING = "PENDING", "Pending"
    CONFIRMED = "CONFIRMED", "Confirmed"
    DECLINED = "DECLINED", "Declined"
