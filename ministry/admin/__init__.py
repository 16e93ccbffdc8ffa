"""The admin of the ministry's reviewers and the portal's operators.

Every ModelAdmin of the portal is here, one module per app whose models it shows; each is a
thin client of that app's services (STYLE.md §7). Django's admin autodiscovery imports this
package, which registers them all.
"""

from ministry.admin import (
    accounts,
    advice,
    attachments,
    declarations,
    documents,
    outbox,
    projects,
    reports,
    reviews,
    strategy,
    support,
    support_matches,
    support_requests,
    visions,
)

__all__ = [
    "accounts", "advice", "attachments", "declarations", "documents", "outbox", "projects", "reports", "reviews", "strategy", "support", "support_matches", "support_requests", "visions",
]  # fmt: skip
