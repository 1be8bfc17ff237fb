"""The one exception type for problems a user can fix (config, data, missing files)."""


class UserError(Exception):
    """A problem the user caused and can fix; the message names the file or key and the fix."""
