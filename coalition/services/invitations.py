"""Inviting users (and vendor users) and accepting an invitation."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition import access
from coalition.models import Coalition, Membership, Role, User, Vendor
from coalition.services.memberships import membership_create
from coalition.services.outbox import email_queue

if TYPE_CHECKING:
    from practices.models import Practice


def password_setup_url(user: User) -> str:
    """A one-time link to choose a password: it stops working once one is set."""
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return settings.SITE_URL.rstrip("/") + path


INVITATION_SALT = "coalition.invitation"
INVITATION_MAX_AGE = timedelta(days=14)


@transaction.atomic
def user_invite(
    *,
    by: User,
    email: str,
    role: str,
    coalition: Coalition,
    practice: Practice | None = None,
    first_name: str = "",
    last_name: str = "",
    vendor: Vendor | None = None,
) -> Membership | None:
    """A lead invites someone into their coalition (or a vendor's user: see
    `vendor_user_invite`). The caller asked `access.can_invite_into` (the invite
    form offers the lead's own coalitions; the office's coalition pages are the
    office's); the vendor's people likewise `access.can_invite_vendor_user`.

    A new user gets the role and a one-time link to set a password. An existing account
    is never taken over: its owner gets a link to accept the role after logging in
    (`invitation_accept`), and nothing changes until they do; the programme office's
    account is never invited (and the lead is not told it exists). Returns the
    membership when one was made now, None when it waits for acceptance.
    """
    if role == Role.VENDOR or vendor is not None:
        return vendor_user_invite(
            by=by,
            email=email,
            vendor=vendor,
            first_name=first_name,
            last_name=last_name,
            coalition=coalition,
        )
    if role == Role.OFFICE:
        raise ValidationError(
            _("Een projectleider kan geen programmabureau uitnodigen.")
        )
    email = User.objects.normalize_email(email).strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        _invite_existing(
            by=by, user=user, role=role, coalition=coalition, practice=practice
        )
        return None
    user = User(email=email, first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    user.full_clean()
    user.save()
    membership = membership_create(
        user=user, role=role, coalition=coalition, practice=practice
    )
    context = {
        "user": user,
        "membership": membership,
        "role_label": membership.get_role_display(),
        "invited_by": by,
        "coalition": coalition,
        "is_new": True,
        "setup_url": password_setup_url(user),
    }
    email_queue(
        key=f"invite:{membership.pk}",
        to=user.email,
        template="coalition/email/invitation",
        context=context,
        coalition=coalition,
    )
    return membership


def _invite_existing(
    *,
    by: User,
    user: User,
    role: str,
    coalition: Coalition,
    practice: Practice | None,
) -> None:
    if access.scope(user).office or user.is_superuser or not user.is_active:
        return
    if Membership.objects.filter(
        user=user, role=role, coalition=coalition, practice=practice
    ).exists():
        raise ValidationError(_("Deze persoon heeft deze rol al."))
    token = signing.dumps(
        {
            "u": user.pk,
            "r": role,
            "c": coalition.pk,
            "p": practice.pk if practice else None,
            "b": by.pk,
        },
        salt=INVITATION_SALT,
    )
    path = reverse("coalition:invitation_accept", kwargs={"token": token})
    context = {
        "user": user,
        "role_label": Role(role).label,
        "invited_by": by,
        "coalition": coalition,
        "practice": practice,
        "is_new": False,
        "accept_url": settings.SITE_URL.rstrip("/") + path,
    }
    email_queue(
        key=f"invite:{user.pk}:{role}:{coalition.pk}:{practice.pk if practice else 0}:"
        f"{timezone.now():%Y%m%d%H%M%S}",
        to=user.email,
        template="coalition/email/invitation",
        context=context,
        coalition=coalition,
    )


@transaction.atomic
def vendor_user_invite(
    *,
    by: User,
    email: str,
    vendor: Vendor | None,
    first_name: str = "",
    last_name: str = "",
    coalition: Coalition | None = None,
) -> Membership | None:
    """The office, or a lead whose coalition works with the vendor, invites one of the
    vendor's people (issue 16). Same rules as `user_invite`: a new account gets a link
    to set a password, an existing one a link to accept after logging in. `coalition`
    only names who invites in the e-mail; the role belongs to no coalition."""
    if vendor is None:
        raise ValidationError({"vendor": _("Kies de leverancier.")})
    email = User.objects.normalize_email(email).strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    context = {
        "role_label": Role.VENDOR.label,
        "invited_by": by,
        "coalition": coalition,
        "vendor": vendor,
    }
    if user is not None:
        if access.scope(user).office or user.is_superuser or not user.is_active:
            return None
        if Membership.objects.filter(user=user, role=Role.VENDOR).exists():
            raise ValidationError(
                _("Deze persoon is al gebruiker van een leverancier.")
            )
        token = signing.dumps(
            {"u": user.pk, "r": Role.VENDOR, "v": vendor.pk, "b": by.pk},
            salt=INVITATION_SALT,
        )
        path = reverse("coalition:invitation_accept", kwargs={"token": token})
        email_queue(
            key=f"invite:{user.pk}:vendor:{vendor.pk}:{timezone.now():%Y%m%d%H%M%S}",
            to=user.email,
            template="coalition/email/invitation",
            context={
                **context,
                "user": user,
                "is_new": False,
                "accept_url": settings.SITE_URL.rstrip("/") + path,
            },
            coalition=coalition,
        )
        return None
    user = User(email=email, first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    user.full_clean()
    user.save()
    membership = membership_create(user=user, role=Role.VENDOR, vendor=vendor)
    email_queue(
        key=f"invite:{membership.pk}",
        to=user.email,
        template="coalition/email/invitation",
        context={
            **context,
            "user": user,
            "membership": membership,
            "is_new": True,
            "setup_url": password_setup_url(user),
        },
        coalition=coalition,
    )
    return membership


def _vendor_invitation_read(data: dict, user: User, invalid: ValidationError) -> dict:
    vendor = Vendor.objects.filter(pk=data.get("v")).first()
    by = User.objects.filter(pk=data.get("b"), is_active=True).first()
    # A state check of the signed data, not a gate on the caller: an inviter who has
    # since lost the right to invite this vendor's people makes the link void.
    if vendor is None or by is None or not access.can_invite_vendor_user(by, vendor):
        raise invalid
    return {
        "role": Role.VENDOR.value,
        "role_label": Role.VENDOR.label,
        "coalition": None,
        "practice": None,
        "vendor": vendor,
        "by": by,
    }


def invitation_read(*, token: str, user: User) -> dict:
    """What an invitation link offers this user; ValidationError when it is not for
    them, expired or tampered with, or its inviter no longer leads the coalition."""
    from practices.selectors import practice_of_coalition

    invalid = ValidationError(
        _(
            "Deze uitnodiging is niet (meer) geldig. Vraag de projectleider om een nieuwe."
        )
    )
    try:
        data = signing.loads(
            token,
            salt=INVITATION_SALT,
            max_age=INVITATION_MAX_AGE.total_seconds(),
        )
    except signing.BadSignature:
        raise invalid from None
    if data.get("u") != user.pk or data.get("r") not in Role.values:
        raise invalid
    if data["r"] == Role.VENDOR:
        return _vendor_invitation_read(data, user, invalid)
    coalition = Coalition.objects.filter(pk=data.get("c")).first()
    by = User.objects.filter(pk=data.get("b"), is_active=True).first()
    # A state check of the signed data (as above): the inviter must still have the
    # right to invite into this coalition when the link is used.
    if (
        coalition is None
        or by is None
        or not access.can_invite_into(by, coalition, data["r"])
    ):
        raise invalid
    practice = None
    if data.get("p") is not None:
        practice = practice_of_coalition(coalition, data["p"])
        if practice is None:
            raise invalid
    return {
        "role": data["r"],
        "role_label": Role(data["r"]).label,
        "coalition": coalition,
        "practice": practice,
        "by": by,
    }


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> Membership:
    """The invited person takes the role, logged in as themselves."""
    offer = invitation_read(token=token, user=user)
    if offer["role"] == Role.VENDOR:
        if Membership.objects.filter(user=user, role=Role.VENDOR).exists():
            raise ValidationError(_("U heeft deze rol al."))
        return membership_create(user=user, role=Role.VENDOR, vendor=offer["vendor"])
    if Membership.objects.filter(
        user=user,
        role=offer["role"],
        coalition=offer["coalition"],
        practice=offer["practice"],
    ).exists():
        raise ValidationError(_("U heeft deze rol al."))
    return membership_create(
        user=user,
        role=offer["role"],
        coalition=offer["coalition"],
        practice=offer["practice"],
    )
