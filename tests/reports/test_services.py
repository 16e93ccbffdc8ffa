"""The lifecycle of a 検証 record (reports.services): one service per verb, audit rows,
frozen after submission (ADR 0105)."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType

from declarations.lifecycle import FrozenRevisionError, Status
from declarations.models import StatusChange
from declarations.services import DraftConflict, RevisionNotStarted, TransitionNotAllowed
from outbox.models import Mail
from projects.models import Project
from reports.models import Assessment, Conclusion, Verification
from reports.selectors import last_verified_on
from reports.services import (
    AssessmentInput,
    CommentRequired,
    VerificationRefused,
    verification_accept,
    verification_create,
    verification_reopen,
    verification_return,
    verification_save,
    verification_submit,
)
from reviews.models import Review
from tests.reports.helpers import (  # noqa: F401 (fixtures)
    complete,
    editor,
    file_verification,
    published,
    region,
    shinsa,
)

pytestmark = pytest.mark.django_db


def trail(verification):
    rows = StatusChange.objects.filter(
        content_type=ContentType.objects.get_for_model(Verification), object_id=verification.pk
    )
    return [(row.old, row.new) for row in rows]


def test_a_new_verification_assesses_each_project_of_the_published_vision(published, editor):
    verification = verification_create(region=published.region, actor=editor)
    assert verification.number == 1
    assert verification.status == Status.DRAFT
    assert verification.vision_revision == published.vision_revision
    projects = list(Project.objects.filter(revision=published.vision_revision))
    assert len(projects) >= 2
    assert [a.project for a in verification.assessments.all()] == projects
    assert trail(verification) == [("", "draft")]


def test_no_verification_without_a_published_vision(editor, region):
    Verification.objects.all().delete()
    from tests.factories import RegionFactory

    with pytest.raises(RevisionNotStarted, match="公表中の連携ビジョンがない"):
        verification_create(region=RegionFactory(slug="empty"), actor=editor)


def test_one_verification_is_open_at_a_time(region, editor):
    first = verification_create(region=region, actor=editor)
    with pytest.raises(RevisionNotStarted, match="第1回の検証が「作成中」") as raised:
        verification_create(region=region, actor=editor)
    assert raised.value.revision == first


def test_submission_is_refused_with_every_finding_and_nothing_moves(region, editor):
    verification = verification_create(region=region, actor=editor)
    with pytest.raises(VerificationRefused) as refused:
        verification_submit(verification=verification, actor=editor)
    codes = {f.code for f in refused.value.findings}
    assert codes == {"verification.period", "verification.assessments", "verification.conclusion"}
    verification.refresh_from_db()
    assert verification.status == Status.DRAFT


def test_a_change_without_the_consultation_day_is_refused(region, editor):
    verification = complete(
        verification_create(region=region, actor=editor), conclusion=Conclusion.CHANGE
    )
    with pytest.raises(VerificationRefused) as refused:
        verification_submit(verification=verification, actor=editor)
    assert [f.code for f in refused.value.findings] == ["verification.consultation"]


def test_submit_return_reopen_submit_accept_publishes_with_audit_and_review_rows(
    region, editor, shinsa, mailoutbox
):
    verification = complete(verification_create(region=region, actor=editor))
    verification_submit(verification=verification, actor=editor)
    with pytest.raises(CommentRequired):
        verification_return(verification=verification, actor=shinsa, comment="  ")
    verification_return(verification=verification, actor=shinsa, comment="評価を具体的に。")
    verification_reopen(verification=verification, actor=editor)
    verification_submit(verification=verification, actor=editor)
    verification_accept(verification=verification, actor=shinsa)
    verification.refresh_from_db()
    assert verification.status == Status.PUBLISHED
    assert verification.published_at is not None
    assert trail(verification) == [
        ("", "draft"),
        ("draft", "submitted"),
        ("submitted", "returned"),
        ("returned", "draft"),
        ("draft", "submitted"),
        ("submitted", "accepted"),
        ("accepted", "published"),
    ]
    reviews = Review.objects.filter(
        content_type=ContentType.objects.get_for_model(Verification), object_id=verification.pk
    )
    assert [(r.decision, r.reviewer) for r in reviews] == [
        ("returned", shinsa),
        ("accepted", shinsa),
    ]
    assert reviews[0].comment == "評価を具体的に。"
    subjects = list(Mail.objects.values_list("subject", flat=True))
    submitted = Mail.objects.filter(subject__contains="【審査依頼】").first()
    assert submitted.recipients == ["shinsa@soumu.example.jp"]
    assert f"/admin/reports/verification/{verification.pk}/change/" in submitted.body
    assert any("連携ビジョンの検証 第1回 が差し戻されました" in s for s in subjects)
    assert any("連携ビジョンの検証 第1回 が公表されました" in s for s in subjects)
    assert last_verified_on(region) == date(2027, 5, 20)


def test_a_sent_verification_is_frozen(region, editor):
    verification = file_verification(region, editor, status=Status.SUBMITTED)
    verification.summary = "書き換え"
    with pytest.raises(FrozenRevisionError):
        verification.save()
    assessment = verification.assessments.first()
    assessment.text = "書き換え"
    with pytest.raises(FrozenRevisionError):
        assessment.save()
    with pytest.raises(FrozenRevisionError):
        Assessment.objects.filter(verification=verification).update(text="x")
    with pytest.raises(FrozenRevisionError):
        verification_save(
            verification=verification, version=verification.version, fields={}, assessments={}
        )


def test_only_the_table_moves(region, editor, shinsa):
    verification = verification_create(region=region, actor=editor)
    with pytest.raises(TransitionNotAllowed):
        verification_accept(verification=verification, actor=shinsa)


def test_saving_someone_elses_version_is_a_conflict(region, editor):
    verification = verification_create(region=region, actor=editor)
    complete(verification)
    with pytest.raises(DraftConflict):
        verification_save(
            verification=verification,
            version=1,
            fields={"summary": "古い版から", **{k: None for k in ("period_start", "period_end")}}
            | {"verified_on": None, "conclusion": "", "consulted_on": None},
            assessments={},
        )


def test_the_assessments_are_saved_as_typed(region, editor):
    verification = verification_create(region=region, actor=editor)
    first = verification.assessments.first()
    verification_save(
        verification=verification,
        version=verification.version,
        fields={k: None for k in ("period_start", "period_end", "verified_on", "consulted_on")}
        | {"conclusion": "", "summary": ""},
        assessments={first.pk: AssessmentInput("delayed", "調整に時間がかかっている。")},
    )
    first.refresh_from_db()
    assert (first.rating, first.text) == ("delayed", "調整に時間がかかっている。")
