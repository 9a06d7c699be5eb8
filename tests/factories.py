"""factory-boy factories shared by the whole suite (one module while it is small)."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from coalition.models import (
    Coalition,
    FrameworkAgreement,
    Funder,
    Grant,
    MemberOrganisation,
    Membership,
    ProductVersion,
    Role,
    User,
    Vendor,
)
from practices.models import Practice

PASSWORD = "test-wachtwoord-1"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class CoalitionFactory(DjangoModelFactory):
    class Meta:
        model = Coalition
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Coalitie {n}")
    slug = factory.Sequence(lambda n: f"coalitie-{n}")
    region = "Testregio"

    @factory.post_generation
    def members(obj, create, extracted, **kwargs):
        """Every coalition gets its two member organisations."""
        if create and not obj.member_organisations.exists():
            MemberOrganisationFactory(
                coalition=obj, kind=MemberOrganisation.Kind.LHV_KRING
            )
            MemberOrganisationFactory(
                coalition=obj, kind=MemberOrganisation.Kind.ZORGGROEP
            )


class MemberOrganisationFactory(DjangoModelFactory):
    class Meta:
        model = MemberOrganisation

    coalition = factory.SubFactory(CoalitionFactory)
    name = factory.Sequence(lambda n: f"Lidorganisatie {n}")
    kind = MemberOrganisation.Kind.ZORGGROEP


class VendorFactory(DjangoModelFactory):
    class Meta:
        model = Vendor
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Leverancier {n}")
    kind = Vendor.Kind.PORTAL
    contact_name = "Contact Persoon"
    contact_email = factory.Sequence(lambda n: f"contact{n}@vendor.example.test")


class ProductVersionFactory(DjangoModelFactory):
    class Meta:
        model = ProductVersion

    vendor = factory.SubFactory(VendorFactory, kind=Vendor.Kind.HIS)
    product = factory.LazyAttribute(lambda o: o.vendor.name)
    version = factory.Sequence(lambda n: f"{n}.0")
    services = factory.LazyFunction(lambda: ["record_access", "econsult"])


class FrameworkAgreementFactory(DjangoModelFactory):
    class Meta:
        model = FrameworkAgreement

    coalition = factory.SubFactory(CoalitionFactory)
    vendor = factory.SubFactory(VendorFactory)
    starts = dt.date(2025, 1, 1)


class FunderFactory(DjangoModelFactory):
    class Meta:
        model = Funder
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Financier {n}")


class GrantFactory(DjangoModelFactory):
    class Meta:
        model = Grant

    coalition = factory.SubFactory(CoalitionFactory)
    funder = factory.SubFactory(FunderFactory)
    amount = "100000.00"
    starts = dt.date(2025, 1, 1)
    ends = dt.date(2027, 12, 31)
    committed_practices = 10
    committed_patients = 30000


class PracticeFactory(DjangoModelFactory):
    class Meta:
        model = Practice

    agb_code = factory.Sequence(lambda n: f"01{n:06d}")
    name = factory.Sequence(lambda n: f"Huisartsenpraktijk {n}")
    coalition = factory.SubFactory(CoalitionFactory)
    member_organisation = factory.LazyAttribute(
        lambda o: o.coalition.member_organisations.order_by("pk").first()
    )
    street = "Dorpsstraat 1"
    postcode = "3011 AB"
    city = "Rotterdam"
    list_size = 3000
    staff_gp = 2
    staff_nurse_practitioner = 1
    staff_manager = 0
    staff_assistant = 2


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.LEAD
    coalition = factory.SubFactory(CoalitionFactory)


def user_with_role(
    role: str, *, coalition=None, practice=None, email=None, vendor=None, **user_kwargs
) -> User:
    """A user holding one role, with the membership made through the service (so groups
    such as the Wagtail editors follow)."""
    from coalition.services import membership_create

    user = UserFactory(**({"email": email} if email else {}), **user_kwargs)
    if role == Role.PRACTICE:
        practice = practice or PracticeFactory(
            coalition=coalition or CoalitionFactory()
        )
        coalition = practice.coalition
    elif role == Role.VENDOR:
        vendor = vendor or VendorFactory()
    elif role != Role.OFFICE:
        coalition = coalition or CoalitionFactory()
    membership_create(
        user=user, role=role, coalition=coalition, practice=practice, vendor=vendor
    )
    return user
