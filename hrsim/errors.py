"""The one exception type for bad user input: the CLI prints it as one line and exits 2."""


class InputError(ValueError):
    """A user-supplied value (option, parameter, file) is invalid; the message says why."""
