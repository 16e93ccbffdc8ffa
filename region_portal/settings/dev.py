"""Development: SQLite file by default, mail printed on the console."""

from .base import *  # noqa: F403

# manage.py load_demo_users may create the demo accounts (their passwords are public): here
# only, never in the base, test or production settings (ADR 0086).
DEMO_USERS = True
