"""The PySide6 workbench: views over the core, no algorithms."""
