"""The staff dashboard /staff/: every region the user works for, at a glance."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from staff import selectors
from workflow.adapter import verification_interval_months


@login_required
def dashboard(request):
    """ダッシュボード: the user's regions, their documents' status, comments awaiting an
    answer and overdue vision verifications."""
    summaries = selectors.staff_dashboard(request.user)
    context = {
        "summaries": summaries,
        "awaiting_total": sum(len(summary.awaiting) for summary in summaries),
        "overdue_total": sum(1 for summary in summaries if summary.overdue),
        "interval_months": verification_interval_months(),
    }
    return render(request, "accounts/dashboard.html", context)
