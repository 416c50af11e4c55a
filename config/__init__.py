"""Settings and the error types users see."""

from config.errors import SummitError
from config.settings import Settings, load_settings

__all__ = ["Settings", "SummitError", "load_settings"]
