"""Demo step of the public practice pages and change proposals (after the users).

Deterministic: the demo practice user's practice and every fourth other practice of
the main region (40 of 160) agreed to a public page and have a phone number; half of
them have page views over the last two weeks; the demo practice user has one proposal
waiting.
"""

from __future__ import annotations

import datetime as dt

from coalition.demo.practices import demo_practice
from coalition.models import Coalition, User
from practices import proposals, services
from practices.models import ChangeProposal, Practice, PublicPageViews

OPTED_IN_EVERY = 4


def load(*, today: dt.date, stdout=None) -> None:
    coalition = Coalition.objects.get(slug="rijnmond")
    practices = list(
        Practice.objects.filter(coalition=coalition, is_active=True).order_by(
            "agb_code"
        )
    )
    # The demo practice user's own practice first, then every fourth.
    first = demo_practice(coalition, 0)
    rest = [p for p in practices if p.pk != first.pk]
    chosen = [first, *rest[OPTED_IN_EVERY - 1 :: OPTED_IN_EVERY]][:40]
    for i, practice in enumerate(chosen):
        if not practice.phone:
            practice.phone = f"010 {400 + i:03d} {10 + i % 80:02d} {20 + i % 70:02d}"
            services.practice_save(practice=practice)
        services.practice_public_page_set(practice=practice, publish=True, by=None)
    # Page views: rebuilt, so that loading twice gives the same numbers.
    PublicPageViews.objects.filter(practice__in=chosen).delete()
    for i, practice in enumerate(chosen[::2]):
        for day in range(14):
            for _n in range((i + day) % 4):
                services.public_page_view_count(
                    practice_id=practice.pk, day=today - dt.timedelta(days=day)
                )
    user = User.objects.filter(email="praktijk@demo.test").first()
    if user is None:
        return
    if not ChangeProposal.objects.filter(
        practice=first, status=ChangeProposal.Status.PENDING
    ).exists():
        proposals.proposal_create(
            practice=first,
            by=user,
            values={"list_size": first.list_size + 240, "email": "balie@demo.test"},
            note="Na de nieuwbouwwijk zijn er meer patiënten ingeschreven, en de "
            "balie heeft een eigen e-mailadres.",
        )
    if stdout is not None:
        stdout.write(
            f"  {len(chosen)} praktijken met een publieke pagina, 1 voorstel wacht"
        )
