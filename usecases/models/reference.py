"""Reference data that proposals point at: device types, SC documents and DNO areas."""

from django.db import models


class DeviceType(models.Model):
    code = models.CharField("code", max_length=16, unique=True)
    name = models.CharField("name", max_length=120)
    cpa_certified = models.BooleanField("needs CPA certification", default=True)
    position = models.PositiveSmallIntegerField("display order", default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = "device type"

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"


class SCDocument(models.Model):
    title = models.CharField("title", max_length=250)
    version = models.CharField("version", max_length=20, blank=True)
    published_on = models.DateField("NCSC publication date", null=True, blank=True)
    device_types = models.ManyToManyField(DeviceType, verbose_name="device types", blank=True)

    class Meta:
        ordering = ["title", "version"]
        verbose_name = "CPA Security Characteristic document"
        constraints = [
            models.UniqueConstraint(
                fields=["title", "version"], name="scdocument_unique_title_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}" if self.version else self.title


class DnoArea(models.Model):
    area_id = models.PositiveSmallIntegerField("MPAN area id", unique=True)
    letter = models.CharField("GSP group letter", max_length=1, unique=True)
    name = models.CharField("area name", max_length=120)
    licensee = models.CharField("licensee", max_length=200)

    class Meta:
        ordering = ["area_id"]
        verbose_name = "DNO licence area"

    def __str__(self) -> str:
        return f"{self.area_id} {self.name}"

    @property
    def gsp_group(self) -> str:
        return f"_{self.letter}"


class BankHoliday(models.Model):
    date = models.DateField("date", unique=True)
    name = models.CharField("name", max_length=100)

    class Meta:
        ordering = ["date"]
        verbose_name = "bank holiday"

    def __str__(self) -> str:
        return f"{self.date:%d %B %Y} {self.name}"


class ReferenceCounter(models.Model):
    """The last number allocated in a reference series, such as UCR-2026."""

    series = models.CharField("series", max_length=40, unique=True)
    last_number = models.PositiveIntegerField("last number allocated", default=0)

    class Meta:
        verbose_name = "reference counter"

    def __str__(self) -> str:
        return f"{self.series}: {self.last_number}"
