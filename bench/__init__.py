"""The performance benchmark: `python -m bench --scale small|default|100x [--json OUT]`."""
