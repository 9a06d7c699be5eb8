"""The national data set's vendor answers, public practice pages and website."""

from __future__ import annotations

import datetime as dt
import random

from tests.perf.national.world import TODAY, World


def _vendors_and_public(world: World, rng: random.Random) -> None:
    """Half the bottlenecks with a vendor passed on to it, most of those answered; a
    user of the benchmark's vendor; one practice in five with a public page and a month
    of page-view counters."""
    from django.db.models import CharField, Value
    from django.db.models.functions import Cast, Concat
    from django.utils import timezone

    from coalition.models import Membership, Role, User
    from coalition.services import membership_sync_groups
    from practices.models import Practice, PublicPageViews
    from practices.visits.models import Bottleneck, VendorAnswer

    now = timezone.make_aware(dt.datetime.combine(TODAY, dt.time(9)))
    office = world.users["office"]
    passed = list(
        Bottleneck.objects.filter(vendor__isnull=False)
        .order_by("pk")
        .values_list("pk", "vendor_id")[::2]
    )
    Bottleneck.objects.filter(pk__in=[pk for pk, _v in passed]).update(
        status=Bottleneck.Status.PASSED_ON,
        passed_to=Bottleneck.PassedTo.VENDOR,
        passed_on_by_id=office,
        passed_on_at=now - dt.timedelta(days=30),
    )
    answers = []
    for pk, vendor_id in passed:
        if rng.random() < 0.8:
            answers.append(
                VendorAnswer(
                    bottleneck_id=pk,
                    vendor_id=vendor_id,
                    kind=VendorAnswer.Kind.ACKNOWLEDGED,
                    text="Ontvangen",
                    created=now - dt.timedelta(days=rng.randint(10, 29)),
                )
            )
            if rng.random() < 0.4:
                answers.append(
                    VendorAnswer(
                        bottleneck_id=pk,
                        vendor_id=vendor_id,
                        kind=VendorAnswer.Kind.IN_PROGRESS,
                        text="We kijken ernaar",
                        created=now - dt.timedelta(days=rng.randint(1, 9)),
                    )
                )
    VendorAnswer.objects.bulk_create(answers, batch_size=5000)
    user = User.objects.create(
        email="vendor@bench.test",
        first_name="Vendor",
        last_name="Bench",
        password=User.objects.get(pk=office).password,
    )
    Membership.objects.create(user=user, role=Role.VENDOR, vendor_id=world.vendor)
    membership_sync_groups(user=user)
    world.users["vendor"] = user.pk

    public = list(Practice.objects.order_by("pk").values_list("pk", flat=True)[::5])
    Practice.objects.filter(pk__in=public).update(
        public_page=True,
        public_page_since=now,
        public_slug=Concat(Value("bench-"), Cast("pk", CharField())),
    )
    world.public_practice = public[0]
    PublicPageViews.objects.bulk_create(
        (
            PublicPageViews(
                practice_id=pk,
                day=TODAY - dt.timedelta(days=back),
                views=rng.randint(0, 12),
            )
            for pk in public
            for back in range(30)
        ),
        batch_size=5000,
    )


def _website(world: World, rng: random.Random) -> None:
    import io
    from contextlib import redirect_stdout

    from django.conf import settings
    from wagtail.models import Locale, Page, Site

    from coalition.demo import content as demo
    from content.models import HomePage

    # flush emptied Wagtail's tree: the root and home page its migrations made.
    if not HomePage.objects.exists():
        locale, _ = Locale.objects.get_or_create(
            language_code=settings.LANGUAGE_CODE.split("-")[0]
        )
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=locale)
        )
        home = root.add_child(
            instance=HomePage(
                title="Online inzage in de huisartsenzorg", slug="home", locale=locale
            )
        )
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": "localhost",
                "port": 80,
                "root_page": home,
                "site_name": "Coalitieplatform",
            },
        )
    with redirect_stdout(io.StringIO()):
        demo.load(today=TODAY, stdout=None)
