"""Errors a user can act on; the CLI prints them as one line, never a traceback."""


class UserError(Exception):
    """Bad input or options: the message says what is wrong and what to do."""
