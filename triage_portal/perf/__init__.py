"""All the portal's speed machinery, in one place: see README.md."""
