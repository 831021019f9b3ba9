"""Read proposals and what is worked out from them, always through the classification policy."""
