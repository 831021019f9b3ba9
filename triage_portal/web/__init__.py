"""The portal's own pages that belong to no one app: the home page and the API's root.

The apps above this package fill its registries when they load (their AppConfig.ready()), so
the pages are composed here without this package importing theirs: dependencies run
assessments -> usecases -> triage_portal.
"""
