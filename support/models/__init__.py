"""The support app's models (要綱 第5): the catalogue of national support measures
(measures.py), their matches to projects (matches.py) and the regions' requests for new
measures (requests.py)."""

from .matches import MatchAction, SupportMatchDecision, SupportMatchEvent  # noqa: F401
from .measures import *  # noqa: F403
from .requests import *  # noqa: F403
