"""What a region bundle may hold at most: bytes, counts, text lengths, amounts, years.

The staff forms (``staff.forms``) use the same numbers, so a draft typed in the
browser and a bundle imported from a file are held to one set of limits. A sane
year range keeps the rules' date arithmetic (five years on, 31 March of the next
year) from overflowing.
"""

MAX_BUNDLE_BYTES = 5 * 1024 * 1024
MAX_SHORT_TEXT = 200  # names and short texts
MAX_LONG_TEXT = 20_000  # aspiration, roadmap, content, effects, other
MAX_MEMBERS = 500
MAX_PROJECTS = 200
MAX_AMOUNT = 10**15  # yen
MIN_YEAR = 1900
MAX_YEAR = 2999
