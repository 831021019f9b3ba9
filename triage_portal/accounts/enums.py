"""Choices for organisations and people."""

from django.db import models


class PartyCategory(models.TextChoices):
    LARGE_SUPPLIER = "LARGE_SUPPLIER", "Large Supplier"
    SMALL_SUPPLIER = "SMALL_SUPPLIER", "Small Supplier"
    ELECTRICITY_NETWORK = "ELECTRICITY_NETWORK", "Electricity Network Party"
    GAS_NETWORK = "GAS_NETWORK", "Gas Network Party"
    OTHER_SEC_PARTY = "OTHER_SEC_PARTY", "Other SEC Party"
    DCC = "DCC", "DCC"
    NOT_A_PARTY = "NOT_A_PARTY", "Not a SEC Party"


class OrganisationType(models.TextChoices):
    SUPPLIER = "SUPPLIER", "Energy supplier"
    DNO = "DNO", "Distribution network operator"
    GAS_NETWORK = "GAS_NETWORK", "Gas distribution network"
    MANUFACTURER = "MANUFACTURER", "Device manufacturer"
    TEST_LAB = "TEST_LAB", "Test laboratory"
    MAP = "MAP", "Meter asset provider"
    TRIAGE_FACILITY = "TRIAGE_FACILITY", "Triage facility"
    TRADE_BODY = "TRADE_BODY", "Trade body"
    NCSC = "NCSC", "NCSC"
    REGULATOR = "REGULATOR", "Regulator or government"
    SECRETARIAT = "SECRETARIAT", "Secretariat (SECAS)"
    OTHER = "OTHER", "Other"


class Role(models.TextChoices):
    PROPOSER = "PROPOSER", "Proposer"
    SECRETARIAT = "SECRETARIAT", "Secretariat"
    SSC_CHAIR = "SSC_CHAIR", "SSC Chair"
    SSC_MEMBER = "SSC_MEMBER", "SSC member"
    OBSERVER = "OBSERVER", "Observer"


COMMITTEE_ROLES = (Role.SECRETARIAT, Role.SSC_CHAIR, Role.SSC_MEMBER, Role.OBSERVER)
