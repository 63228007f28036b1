"""Errors a user can act on. Kept apart from the database code so that the CLI and the UI can
name them without importing SQLAlchemy (which would slow down ``--version`` and the first paint)."""


class RegistryError(Exception):
    """A problem the user can act on; ``exit_code`` says how the CLI ends (see cli.ExitCode)."""

    exit_code = 2


class ConflictError(RegistryError):
    """Someone else changed the record first; nothing was written."""

    exit_code = 3
