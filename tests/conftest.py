import os

# Browser tests run the live server in a thread next to pytest's event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
