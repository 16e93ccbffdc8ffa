"""factory-boy factories for the filing models."""

import factory
from django.contrib.auth import get_user_model

from declarations.lifecycle import Status
from declarations.models import (
    Declaration,
    DeclarationField,
    DeclarationRevision,
    Member,
    MemberKindChoices,
    Organization,
    Region,
)
from projects.models import BudgetLine, Implementer, Milestone, Project
from visions.models import Vision, VisionRevision


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.jp")
    password = factory.django.Password("correct horse battery staple")


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    slug = factory.Sequence(lambda n: f"test-region-{n}")


class DeclarationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Declaration

    region = factory.SubFactory(RegionFactory)


class DeclarationRevisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeclarationRevision

    declaration = factory.SubFactory(DeclarationFactory)
    number = factory.Sequence(lambda n: n + 1)
    region_name = "瀬戸内テスト広域リージョン"
    aspiration = "瀬戸内の産業と観光を結ぶ"
    status = Status.DRAFT


class DeclarationFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeclarationField

    revision = factory.SubFactory(DeclarationRevisionFactory)
    code = "industry"


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"テスト大学{n}")
    kind = MemberKindChoices.UNIVERSITY


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    revision = factory.SubFactory(DeclarationRevisionFactory)
    organization = factory.SubFactory(OrganizationFactory)
    key = factory.Sequence(lambda n: f"member{n}")
    name = factory.SelfAttribute("organization.name")
    kind = factory.SelfAttribute("organization.kind")


class VisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vision

    region = factory.SubFactory(RegionFactory)


class VisionRevisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VisionRevision

    vision = factory.SubFactory(VisionFactory)
    number = factory.Sequence(lambda n: n + 1)
    aspiration = "10年後の姿"
    roadmap = "段階的に進める"


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    revision = factory.SubFactory(VisionRevisionFactory)
    name = factory.Sequence(lambda n: f"プロジェクト{n}")


class ImplementerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Implementer

    project = factory.SubFactory(ProjectFactory)
    name = "外部の団体"


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    project = factory.SubFactory(ProjectFactory)
    fiscal_year = 2026
    amount = 1_000_000


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    project = factory.SubFactory(ProjectFactory)
    target = "実証開始"
