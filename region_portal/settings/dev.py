"""Development: SQLite file by default, mail printed on the console."""

from .base import *  # noqa: F403
