"""The one exception type for problems a user can fix (config, data, missing files)."""

import functools


class UserError(Exception):
    """A problem the user caused and can fix; the message names the file or key and the fix."""


def exiting(function):
    """`function` with a UserError turned into SystemExit: for code that Snakemake runs itself
    (the Snakefile, input functions), where SystemExit ends it with the one-line message and
    any other exception is printed inside a traceback."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except UserError as error:
            raise SystemExit(f"ielearn: {error}") from None

    return wrapper
