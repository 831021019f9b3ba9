"""Permissions for the portal's own operations pages."""

import rules

from triage_portal.accounts.rules import is_secretariat

# One permission guards the "Run again" button and run_again() itself.
rules.add_perm("tasks.rerun_task", is_secretariat)
