"""The E.ON proposal in the seed paper TABASC_45_1508_14, Annex 1, answer for answer."""

# The answers are verbatim from the seed, one paragraph per blank-line-separated block.
EON_ANSWERS = {
    "q1_issue": (
        "Building on Meter Triage “Use Case 001”, E.ON is seeking the capability to securely "
        "replace Distribution Network Operator (DNO) certificates installed on SMETS2 assets "
        "removed and returned to Energy Supplier or Meter Manufacturer secure facilities for "
        "triage."
    ),
    "q2_why_needed": (
        "SMETS2 meters are removed for a variety of reasons, as outlined in Meter Triage “Use "
        "Case 001”. In most cases, the asset will either have been partially or fully installed "
        "and commissioned prior to its removal and return. Commissioning through the DCC results "
        "in the application of a DNO certificate, and Suppliers will have to assume that this "
        "stage has been reached for the meters subsequently returned for triage.\n\n"
        "Given the number of DNO regions, Suppliers are likely to rapidly build up stocks of "
        "triaged SMETS2 assets, where the corresponding DNO certificate will geographically "
        "restrict asset re-use. These geographically tied SMETS2 assets will subsequently pose "
        "problems for warehouse stock management processes and restrict the re-distribution of "
        "triaged SMETS2 assets to Meter Technicians operating solely within the confines of "
        "specific DNO regions.\n\n"
        "As there are fourteen DNO areas, this could mean Suppliers having to have up to fourteen "
        "different stock locations for each asset type in their warehouse. Assuming the use of a "
        "multi-source strategy and the different meter variants required, this could lead to over "
        "100 extra stock locations being required. Given the evolving profile of the smart meter "
        "rollout, warehouse space used by Suppliers will be in significant demand, and Suppliers "
        "will always look to maximise operational efficiencies in these facilities. If it was "
        "deemed unfeasible to manage such a complex warehouse operation, these assets may have to "
        "be scrapped with significant benefits from the original meter triage use case then being "
        "lost.\n\n"
        "Where a Meter Technician operates across DNO region boundaries, issuing triaged "
        "meter assets is likely to result in additional failed installations as we believe that "
        "the DNO Certificate could result in commissioning issues. Further failed installations "
        "will result in complaints from energy consumers and wasted Meter Technician time. Such "
        "failed installations will mean previously triaged SMETS2 assets are returned for further "
        "meter triage activity, resulting in wasted effort and increasing the potential for "
        "assets to be scrapped.\n\n"
        "E.ON believes that permitted meter triage solutions should allow “known-good” SMETS2 "
        "assets to be deployed and re-used in any location in Great Britain during subsequent "
        "installations. We believe this ability supports delivery of mandate obligations in a way "
        "that is cost effective, while also reducing the risk of environmental impacts caused by "
        "scrapping of SMETS2 assets that could be realistically re-used. This will also reduce "
        "the likelihood of the GB Smart Metering Programme attracting adverse press publicity "
        "owing to meter triage capability constraints which result in avoidable costs being "
        "incurred."
    ),
    "q3_solution": (
        "An amendment to the existing permitted “Meter Triage Use Case 001”, which would allow "
        "the deployment of a vanilla DNO key (or alternative solution) during the triage of "
        "assets. If adopted, this vanilla DNO key solution would overwrite any DNO key applied "
        "during a previous installation and commissioning conducted through the DCC.\n\n"
        "The use of a vanilla DNO key would remove the requirement for Meter Manufacturers or "
        "Energy Suppliers undertaking meter triage to hold and manage additional sensitive key "
        "material. The deployment of vanilla DNO keys would be conducted in a secure location "
        "either at premises of the Meter Manufacturer or Energy Supplier. This aligns with the "
        "Security Constraints outlined in “Meter Triage Use Case 001”, which required that triage "
        "is only “…undertaken in a Supplier or manufacturing facility, not at a consumer site…”."
    ),
    "q4_explanation": (
        "We believe that the assessment of this new Meter Triage Use Case will determine any "
        "impacts on Security Characteristics."
    ),
    "q5_explanation": (
        "We believe that the assessment of this new Meter Triage Use Case will determine any "
        "impacts on Security Characteristics."
    ),
    "q6_justification": (
        "While “Meter Triage Use Case 001” is welcomed by E.ON and offers us (and other Energy "
        "Suppliers) specific benefits, this additional triage use case is believed to offer "
        "further opportunities.\n\n"
        "Having the ability to re-use successfully triaged assets in any DNO region will reduce "
        "the volume of compliant SMETS2 assets that are scrapped. All SMETS2 installing suppliers "
        "are expected to have built up stocks of part-commissioned or previously installed "
        "assets, which our cost-focussed energy consumers and stakeholders will expect us to "
        "proactively re-use.\n\n"
        "Delays to decision-making on this (and other) additional use cases will increase the "
        "number of assets being written off and scrapped."
    ),
}

EON_USE_CASE_TITLE = "Meter Triage – Deployment of Vanilla DNO Certificates"
EON_SC_MOD_TITLE = "Device Refurbishment – Security Characteristics Amendment"
EON_ORGANISATION = "E.ON Energy Solutions Limited"

# The seed names real people; their names and organisations stay, their contact details are
# replaced with fictional ones (Ofcom's drama numbers and the reserved example.com domain).
EON_PROPOSER = {
    "proposer_name": "David Lyons",
    "proposer_organisation_name": EON_ORGANISATION,
    "proposer_phone": "01632 960 001",
    "proposer_email": "david.lyons@example.com",
}
EON_SUPPORTER = {
    "name": "Martin Christie",
    "sec_party": EON_ORGANISATION,
    "phone": "01632 960 002",
    "email": "martin.christie@example.com",
}
EON_SUBMISSION_DATE = (2019, 7, 23)
EON_Q4 = "TBD"
EON_Q5 = "TBD"
EON_Q6 = "YES"
EON_DEVICE_TYPES = ("ESME",)
