"""``{% attachment_box target %}``: the attachments of a revision or a project on its staff
page, with the upload form for an editor of a draft (ADR 0118)."""

from django import template

from staff.views.attachments import box_context

register = template.Library()


@register.inclusion_tag("staff/includes/attachments.html", takes_context=True)
def attachment_box(context, target):
    request = context["request"]
    return {
        **box_context(request, target),
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
