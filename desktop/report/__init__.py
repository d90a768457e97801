"""PDF briefings built with reportlab (no Qt)."""
