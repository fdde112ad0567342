"""The one exception type users see: a message worth printing on one line."""


class IpdError(ValueError):
    """Invalid input or settings; the message is a complete one-line explanation."""
