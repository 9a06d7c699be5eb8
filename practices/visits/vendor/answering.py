"""The vendor answers a bottleneck; the coalition replies; each sends once."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition.models import ProductVersion, Role, User, Vendor
from practices.visits.models import (
    Bottleneck,
    CoalitionReply,
    VendorAnswer,
    VisitNotice,
)
from practices.visits.vendor.redaction import vendor_reply_text

# --- answering ------------------------------------------------------------------------


def _recipients(bottleneck: Bottleneck) -> list[User]:
    """Who hears of an answer: the reporter, and the lead who passed it on."""
    out: list[User] = []
    for user in (bottleneck.raised_by, bottleneck.passed_on_by):
        if user is not None and user.is_active and user not in out:
            out.append(user)
    return out


@transaction.atomic
def vendor_answer_create(
    *,
    by: User,
    bottleneck: Bottleneck,
    kind: str,
    fixed_in: ProductVersion | None = None,
    text: str = "",
) -> VendorAnswer:
    """The vendor answers a bottleneck passed on to it; the reporter (and the lead who
    passed it on) get an e-mail once."""
    from practices.visits.services import _notice_send, _url

    bottleneck = (
        Bottleneck.objects.select_for_update(of=("self",))
        .select_related("practice__coalition", "vendor", "raised_by", "passed_on_by")
        .get(pk=bottleneck.pk)
    )
    # The view asked access whether this vendor's user may answer it; under the lock,
    # the state: the coalition may have resolved it since.
    if bottleneck.status == Bottleneck.Status.RESOLVED:
        raise ValidationError(_("Dit knelpunt is al opgelost."))
    if kind not in VendorAnswer.Kind.values:
        raise ValidationError({"kind": _("Kies een antwoord.")})
    if fixed_in is not None and fixed_in.vendor_id != bottleneck.vendor_id:
        raise ValidationError({"fixed_in": _("Deze versie is niet van uw product.")})
    answer = VendorAnswer(
        bottleneck=bottleneck,
        vendor=bottleneck.vendor,
        kind=kind,
        fixed_in=fixed_in if kind == VendorAnswer.Kind.FIXED else None,
        text=(text or "").strip(),
        author=by,
    )
    answer.full_clean()
    answer.save()
    coalition = bottleneck.practice.coalition
    context = {
        "answer": answer,
        "bottleneck": bottleneck,
        "vendor": bottleneck.vendor,
        "coalition": coalition,
        "bottleneck_url": _url("visits:bottleneck_detail", pk=bottleneck.pk),
    }
    for user in _recipients(bottleneck):
        _notice_send(
            kind=VisitNotice.Kind.VENDOR_ANSWER,
            key=f"visits:vendor-answer:{answer.pk}:{user.email}",
            to=user.email,
            day=timezone.localdate(),
            template="practices/visits/email/vendor_answer",
            context={**context, "recipient": user},
            coalition=coalition,
            summary={"bottleneck": bottleneck.pk, "answer": answer.pk, "kind": kind},
        )
    return answer


def _vendor_recipients(vendor_obj: Vendor) -> list[User]:
    """Who hears of the coalition's reply: the active users of that vendor."""
    return list(
        User.objects.filter(
            is_active=True,
            memberships__role=Role.VENDOR,
            memberships__vendor=vendor_obj,
        )
        .distinct()
        .order_by("pk")
    )


@transaction.atomic
def coalition_reply_create(
    *, by: User, bottleneck: Bottleneck, text: str
) -> CoalitionReply:
    """The coalition's lead replies in the thread with the vendor (e.g. to its "not
    reproducible" question); each user of that vendor gets one e-mail, with the text
    as the vendor reads it (without personal data)."""
    from practices.visits.services import _notice_send, _url

    bottleneck = (
        Bottleneck.objects.select_for_update(of=("self",))
        .select_related("practice__coalition", "vendor", "raised_by", "passed_on_by")
        .get(pk=bottleneck.pk)
    )
    if bottleneck.status == Bottleneck.Status.RESOLVED:  # since the view asked
        raise ValidationError(_("Dit knelpunt is al opgelost."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Schrijf uw reactie.")})
    if len(text) > CoalitionReply.MAX_LENGTH:
        raise ValidationError(
            {
                "text": _("Een reactie is hoogstens %(n)s tekens lang.")
                % {"n": CoalitionReply.MAX_LENGTH}
            }
        )
    reply = CoalitionReply(
        bottleneck=bottleneck, vendor=bottleneck.vendor, text=text, author=by
    )
    reply.full_clean()
    reply.save()
    coalition = bottleneck.practice.coalition
    context = {
        "reply_text": vendor_reply_text(reply),
        "bottleneck": bottleneck,
        "coalition": coalition,
        "bottleneck_url": _url("visits:vendor_bottleneck", pk=bottleneck.pk),
    }
    for user in _vendor_recipients(bottleneck.vendor):
        _notice_send(
            kind=VisitNotice.Kind.COALITION_REPLY,
            key=f"visits:coalition-reply:{reply.pk}:{user.email}",
            to=user.email,
            day=timezone.localdate(),
            template="practices/visits/email/coalition_reply",
            context={**context, "recipient": user},
            coalition=coalition,
            summary={"bottleneck": bottleneck.pk, "reply": reply.pk},
        )
    return reply
