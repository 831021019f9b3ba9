"""Reference data for a new portal: device types, SC documents, DNO areas and SEC Parties."""

import datetime

from triage_portal.accounts.enums import OrganisationType as T
from triage_portal.accounts.enums import PartyCategory as P

DEVICE_TYPES = (
    ("ESME", "Electricity Smart Metering Equipment", True),
    ("GSME", "Gas Smart Metering Equipment", True),
    ("CHF", "Communications Hub Function", True),
    ("GPF", "Gas Proxy Function", True),
    ("PPMID", "Pre-Payment Meter Interface Device", True),
    ("HCALCS", "HAN Connected Auxiliary Load Control Switch", True),
    ("IHD", "In-Home Display", False),
    ("CAD", "Consumer Access Device", False),
)

SC_DOCUMENTS = (
    (
        "CPA Security Characteristic Smart Metering – Communications Hub",
        "1.3",
        datetime.date(2017, 8, 2),
        ("CHF", "GPF"),
    ),
    (
        "CPA Security Characteristic Smart Metering – HAN Connected Auxiliary Load Control Switch",
        "1.2",
        None,
        ("HCALCS",),
    ),
    (
        "CPA Security Characteristic Smart Metering – Electricity Smart Metering Equipment",
        "",
        None,
        ("ESME",),
    ),
    (
        "CPA Security Characteristic Smart Metering – Gas Smart Metering Equipment",
        "",
        None,
        ("GSME",),
    ),
    (
        "CPA Security Characteristic Smart Metering – Pre-Payment Meter Interface Device",
        "",
        None,
        ("PPMID",),
    ),
)

# (MPAN area id, GSP group letter, area name, licensee)
DNO_AREAS = (
    (10, "A", "Eastern (East England)", "Eastern Power Networks plc (UK Power Networks)"),
    (11, "B", "East Midlands", "National Grid Electricity Distribution (East Midlands) plc"),
    (12, "C", "London", "London Power Networks plc (UK Power Networks)"),
    (13, "D", "Merseyside and North Wales", "SP Manweb plc (SP Energy Networks)"),
    (
        14,
        "E",
        "Midlands (West Midlands)",
        "National Grid Electricity Distribution (West Midlands) plc",
    ),
    (15, "F", "Northern (North East England)", "Northern Powergrid (Northeast) Ltd"),
    (16, "G", "North Western (North West England)", "Electricity North West Ltd"),
    (17, "P", "North Scotland", "Scottish Hydro Electric Power Distribution plc (SSEN)"),
    (18, "N", "South Scotland", "SP Distribution plc (SP Energy Networks)"),
    (
        19,
        "J",
        "South Eastern (South East England)",
        "South Eastern Power Networks plc (UK Power Networks)",
    ),
    (20, "H", "Southern (Southern England)", "Southern Electric Power Distribution plc (SSEN)"),
    (21, "K", "South Wales", "National Grid Electricity Distribution (South Wales) plc"),
    (
        22,
        "L",
        "South Western (South West England)",
        "National Grid Electricity Distribution (South West) plc",
    ),
    (23, "M", "Yorkshire", "Northern Powergrid (Yorkshire) plc"),
)

# (name, party category or None for non-parties, organisation type)
ORGANISATIONS = (
    ("E.ON Energy Solutions Limited", P.LARGE_SUPPLIER, T.SUPPLIER),
    ("British Gas Trading Limited", P.LARGE_SUPPLIER, T.SUPPLIER),
    ("EDF Energy Customers Limited", P.LARGE_SUPPLIER, T.SUPPLIER),
    ("Octopus Energy Limited", P.LARGE_SUPPLIER, T.SUPPLIER),
    ("OVO Electricity Limited", P.LARGE_SUPPLIER, T.SUPPLIER),
    ("ScottishPower Energy Retail Limited", P.LARGE_SUPPLIER, T.SUPPLIER),
    ("Utilita Energy Limited", P.SMALL_SUPPLIER, T.SUPPLIER),
    ("UK Power Networks", P.ELECTRICITY_NETWORK, T.DNO),
    ("National Grid Electricity Distribution", P.ELECTRICITY_NETWORK, T.DNO),
    ("SP Energy Networks", P.ELECTRICITY_NETWORK, T.DNO),
    ("Northern Powergrid", P.ELECTRICITY_NETWORK, T.DNO),
    ("Electricity North West Limited", P.ELECTRICITY_NETWORK, T.DNO),
    ("Scottish and Southern Electricity Networks", P.ELECTRICITY_NETWORK, T.DNO),
    ("Cadent Gas Limited", P.GAS_NETWORK, T.GAS_NETWORK),
    ("Northern Gas Networks", P.GAS_NETWORK, T.GAS_NETWORK),
    ("SGN", P.GAS_NETWORK, T.GAS_NETWORK),
    ("Wales & West Utilities", P.GAS_NETWORK, T.GAS_NETWORK),
    ("Smart DCC Ltd", P.DCC, T.OTHER),
    ("National Cyber Security Centre", None, T.NCSC),
    ("Ofgem", None, T.REGULATOR),
    ("Department for Energy Security and Net Zero", None, T.REGULATOR),
    ("SECAS (Gemserv)", None, T.SECRETARIAT),
    ("DEMO Meters Ltd", None, T.MANUFACTURER),
    ("DEMO Test Laboratory", None, T.TEST_LAB),
)

# Bank holidays in England and Wales (gov.uk/bank-holidays); extend in the admin.
BANK_HOLIDAYS = (
    ("2019-01-01", "New Year's Day"),
    ("2019-04-19", "Good Friday"),
    ("2019-04-22", "Easter Monday"),
    ("2019-05-06", "Early May bank holiday"),
    ("2019-05-27", "Spring bank holiday"),
    ("2019-08-26", "Summer bank holiday"),
    ("2019-12-25", "Christmas Day"),
    ("2019-12-26", "Boxing Day"),
    ("2025-01-01", "New Year's Day"),
    ("2025-04-18", "Good Friday"),
    ("2025-04-21", "Easter Monday"),
    ("2025-05-05", "Early May bank holiday"),
    ("2025-05-26", "Spring bank holiday"),
    ("2025-08-25", "Summer bank holiday"),
    ("2025-12-25", "Christmas Day"),
    ("2025-12-26", "Boxing Day"),
    ("2026-01-01", "New Year's Day"),
    ("2026-04-03", "Good Friday"),
    ("2026-04-06", "Easter Monday"),
    ("2026-05-04", "Early May bank holiday"),
    ("2026-05-25", "Spring bank holiday"),
    ("2026-08-31", "Summer bank holiday"),
    ("2026-12-25", "Christmas Day"),
    ("2026-12-28", "Boxing Day (substitute day)"),
    ("2027-01-01", "New Year's Day"),
    ("2027-03-26", "Good Friday"),
    ("2027-03-29", "Easter Monday"),
    ("2027-05-03", "Early May bank holiday"),
    ("2027-05-31", "Spring bank holiday"),
    ("2027-08-30", "Summer bank holiday"),
    ("2027-12-27", "Christmas Day (substitute day)"),
    ("2027-12-28", "Boxing Day (substitute day)"),
)
