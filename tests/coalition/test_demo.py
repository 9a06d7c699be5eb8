"""`manage.py demo` is deterministic and idempotent: a second run changes no counts."""

from __future__ import annotations

import io

import pytest
from django.apps import apps
from django.core.management import call_command

from coalition.models import Coalition, Membership, Role, User
from practices.models import Practice

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if not model._meta.proxy
        and model._meta.managed
        # Sessions and logs are not demo data.
        and model._meta.app_label not in {"sessions", "admin"}
        and not model._meta.label.startswith("simple_history")
        and not model.__name__.startswith("Historical")
    }


# Rows the demo keeps from one run to the next (the rebuilt ones, such as rollout
# history and past questionnaires, get new keys and are compared by their counts).
KEPT_ROWS = (
    "coalition.Coalition",
    "coalition.Membership",
    "coalition.User",
    "practices.Practice",
    "practices.PracticeContact",
    "practices.Rollout",
    "practices.ServiceDeadline",
    "visits.Visit",
    "visits.FollowUpAction",
    "visits.Bottleneck",
    "visits.VendorAnswer",
    "training.Course",
    "training.Session",
    "training.Registration",
)


def values() -> dict[str, list[str]]:
    """Every kept row's values (not its `updated` stamp), so a second run that
    rewrote a value would show, not only one that added or removed a row."""
    out = {}
    for label in KEPT_ROWS:
        model = apps.get_model(label)
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if not getattr(f, "auto_now", False)
        ]
        out[label] = sorted(map(repr, model._default_manager.values_list(*fields)))
    return out


def test_demo_twice_gives_the_same_data():
    out = io.StringIO()
    call_command("demo", stdout=out)
    first, first_values = counts(), values()
    call_command("demo", stdout=io.StringIO())
    assert counts() == first
    assert values() == first_values

    # The region modelled on the domain.
    main = Coalition.objects.get(slug="rijnmond")
    practices = Practice.objects.filter(coalition=main)
    assert 150 <= practices.count() <= 170
    sizes = list(practices.values_list("list_size", flat=True))
    assert min(sizes) == 1500 and max(sizes) == 12500
    assert 450_000 <= sum(sizes) <= 550_000
    assert practices.filter(cohort="pioniers").count() == 9
    assert main.member_organisations.count() == 3
    assert {a.vendor.kind for a in main.framework_agreements.all()} >= {"portal", "his"}
    assert main.grants.count() == 1
    # Issue 11: a member that left keeps its row; agreements name their products.
    zeeland = Coalition.objects.get(slug="zeeland")
    ended = zeeland.member_organisations.exclude(ended_on=None).get()
    assert not ended.practices.exists()
    assert zeeland.is_complete
    assert all(a.products.exists() for a in main.framework_agreements.all())
    assert Coalition.objects.count() == 2
    # One user per role, and their logins are printed.
    for role in Role.values:
        assert Membership.objects.filter(role=role).exists(), role
    assert all(u.is_demo for u in User.objects.filter(email__endswith="@demo.test"))
    assert "projectleider@demo.test" in out.getvalue()
