"""The parts every response body is built from: the licence, absolute URLs, and the
publication, member and project objects (the shapes of ``public.api.schemas``)."""

from django.http import HttpRequest
from django.urls import reverse

from declarations.models import MemberKindChoices
from filing import strategy
from filing.bundle.project_fields import ordered
from filing.formatting import yen
from filing.targets import json_number
from public.licence import data_licence


def licence() -> dict:
    """The data licence every response body carries (``license``, ``public.licence``)."""
    return data_licence().as_json()


def absolute(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def publication_out(request, slug: str, publication) -> dict:
    return {
        "key": publication.key,
        "document": publication.document,
        "number": publication.number,
        "kind": publication.kind,
        "is_minor": publication.is_minor,
        "consulted_on": publication.consulted_on,
        "consultation_body": publication.consultation_body,
        "reason": publication.reason,
        "published_at": publication.published_at,
        "bundle_url": absolute(
            request, reverse("api-1:region_bundle", kwargs={"slug": slug, "key": publication.key})
        ),
    }


def prefectures_out(prefectures) -> list[dict]:
    return [{"code": p.code, "name": p.name, "name_en": p.name_en} for p in prefectures]


def member_out(member) -> dict:
    return {
        "key": member.key,
        "name": member.name,
        "kind": member.kind,
        "kind_label": str(MemberKindChoices(member.kind).label),
        "lg_code": member.lg_code,
        "area_prefectures": list(member.area_prefectures or []),
        "activity_prefectures": list(member.activity_prefectures or []),
        "multi_industry": member.multi_industry,
        "corporate_number": member.corporate_number,
    }


def project_out(slug: str, number: int, project, names: dict[str, str]) -> dict:
    return {
        "region": slug,
        "number": number,
        "name": project.name,
        "fields": [str(code) for code in ordered(project.fields or ())],
        "cluster_type": project.cluster_type or None,
        "strategic_fields": list(strategy.ordered(strategy.SECTOR, project.strategic_fields or ())),
        "implementers": [
            names.get(i.member_key, i.member_key) if i.member_key else i.name
            for i in project.implementers.all()
        ],
        "joint_body_of": (
            [names.get(key, key) for key in project.joint_body_of]
            if project.joint_body_of is not None
            else None
        ),
        "plan_references": [
            {"plan": r.plan, "section": r.section, "note": r.note}
            for r in project.plan_references.all()
        ],
        "content": project.content,
        "has_budget": project.has_budget,
        "budget_total": project.budget_total,
        "budget": [
            {"fiscal_year": line.fiscal_year, "amount": line.amount}
            for line in project.budget_lines.all()
        ],
        "effects": project.effects,
        "start": project.start,
        "end": project.end,
        "milestones": [{"date": m.date, "target": m.target} for m in project.milestones.all()],
        "other": project.other,
        "targets": [target_payload(target) for target in project.targets.all()],
    }


def target_payload(target) -> dict:
    """目標（指標）as the API gives it (ADR 0104): figures as JSON numbers, values by 年度."""
    return {
        "name": target.name,
        "unit": target.unit,
        "better": target.better,
        "baseline": None
        if target.baseline_value is None and target.baseline_on is None
        else {"value": json_number(target.baseline_value), "on": target.baseline_on},
        "values": [
            {"fiscal_year": year, "value": json_number(value)}
            for year, value in target.value_list()
        ],
        "final": None
        if target.final_year is None and target.final_value is None
        else {"fiscal_year": target.final_year, "value": json_number(target.final_value)},
        "source": target.source,
    }


def target_results_out(request, slug: str, entry) -> dict:
    """A target with its 年度 and published results (``public.selectors.results``)."""
    target = entry.target
    return {
        "key": target.key,
        "name": target.name,
        "unit": target.unit,
        "better": target.better,
        "baseline": None
        if target.baseline_value is None and target.baseline_on is None
        else {"value": json_number(target.baseline_value), "on": target.baseline_on},
        "source": target.source,
        "years": [
            {
                "fiscal_year": year.fiscal_year,
                "target": json_number(year.target),
                "is_final": year.is_final,
                "result": result_out(request, slug, year.result) if year.result else None,
            }
            for year in entry.years
        ],
    }


def result_out(request, slug: str, result) -> dict:
    return {
        "value": json_number(result.value),
        "comment": result.comment,
        "evidence_url": result.evidence_url or None,
        "evidence_file_url": absolute(
            request,
            reverse("regions:result_evidence", kwargs={"slug": slug, "pk": result.pk}),
        )
        if result.evidence_file
        else None,
        "correction": result.number,
        "published_at": result.published_at,
    }


def year_amounts(by_year: dict[int, int]) -> list[dict]:
    return [
        {"fiscal_year": year, "amount": amount, "amount_text": yen(amount)}
        for year, amount in sorted(by_year.items())
    ]
