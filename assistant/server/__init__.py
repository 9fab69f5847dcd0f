"""The HTTP API and the web page, a thin shell over assistant.core."""

from assistant.server.app import create_app

__all__ = ["create_app"]
