"""The workbench's dialogs: each one collects values and returns them; none changes the project."""
