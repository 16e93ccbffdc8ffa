"""What the verbs announce to the apps above them.

``revision_submitted`` is sent inside ``revision_submit``'s transaction, after the status
has moved: the documents app records the making of the PDFs the ministry receives and
queues it for the worker once the transaction commits (ADR 0102); nothing is rendered
there. A receiver that raises rolls the submission back. The workflow names no app above it; each
such app connects its receiver in its ``AppConfig.ready`` (ADR 0080).
"""

from django.dispatch import Signal

# sender: the revision's model; revision: the revision just submitted.
revision_submitted = Signal()
