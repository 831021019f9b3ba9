"""Uploaded files: checked by content, made safe, and prepared for committee papers."""
