"""The public calendar, calendar feeds and .ics files."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from coalition import access
from coalition.models import Role
from coalition.views import RoleRequiredMixin
from training import ical, selectors, services
from training.filters import PublicSessionFilterSet
from training.tables import PublicSessionTable
from training.views.base import PublicHeaderMixin, TrainingTabsMixin


class PublicSessionListView(
    PublicHeaderMixin, TrainingTabsMixin, SingleTableMixin, FilterView
):
    """The public calendar of upcoming sessions (no login)."""

    table_class = PublicSessionTable
    filterset_class = PublicSessionFilterSet
    template_name = "training/public_list.html"
    table_pagination = {"per_page": 25}

    def get_queryset(self):
        return selectors.public_calendar()


class PublicSessionDetailView(PublicHeaderMixin, TrainingTabsMixin, DetailView):
    """Every session keeps its public page, past ones too (marked held or
    cancelled): the link is in confirmation e-mails and calendar files."""

    template_name = "training/public_detail.html"
    context_object_name = "session"

    def get_object(self, queryset=None):
        return access.get_or_404(
            selectors.with_seats(access.public_sessions()), pk=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        s = self.object
        ctx["free"] = max(0, s.capacity - s.n_confirmed)
        ctx["can_register"] = access.can_register_for(self.request.user, s)
        ctx["can_manage"] = access.can_manage_session(self.request.user, s)
        ctx["is_past"] = s.ends_at < timezone.now()
        return ctx


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


class CalendarFeedView(View):
    """All public sessions as an iCalendar feed (including recent ones and
    cancellations, so subscribed calendars update)."""

    def get(self, request):
        since = timezone.now() - timedelta(days=90)
        sessions = (
            access.public_sessions()
            .filter(ends_at__gte=since)
            .select_related("course")
            .order_by("starts_at")
        )
        return _ics_response(
            ical.calendar(sessions, name=_("Scholingsagenda")), "scholing.ics"
        )


class TrainerFeedView(View):
    """The sessions one trainer gives (public facts only; no registrations), at the
    feed's secret address; a renewed address makes the old one answer 404."""

    def get(self, request, token):
        feed = access.get_or_404(
            access.public_trainer_feeds().select_related("user"), token=token
        )
        trainer = feed.user
        sessions = (
            selectors.trainer_sessions(trainer)
            .select_related("course")
            .order_by("starts_at")
        )
        name = _("Scholing door %(name)s") % {"name": trainer}
        return _ics_response(ical.calendar(sessions, name=name), "scholing-trainer.ics")


class TrainerFeedManageView(TrainingTabsMixin, RoleRequiredMixin, TemplateView):
    """The trainer's own feed address, and the button that renews it."""

    allowed_roles = frozenset({Role.TRAINER})
    template_name = "training/trainer_feed.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        feed = services.trainer_feed_get(user=self.request.user)
        ctx["feed"] = feed
        ctx["feed_url"] = self.request.build_absolute_uri(feed.get_absolute_url())
        return ctx

    def post(self, request):
        services.trainer_feed_renew(user=request.user)
        messages.success(
            request,
            _(
                "Uw agenda-adres is vernieuwd. Het oude adres werkt niet meer; "
                "abonneer uw agenda opnieuw met het nieuwe adres."
            ),
        )
        return redirect("training:trainer_feed_manage")


class SessionIcsView(View):
    def get(self, request, pk):
        session = access.get_or_404(
            access.public_sessions().select_related("course"), pk=pk
        )
        return _ics_response(
            ical.calendar([session], name=session.course.title), f"sessie-{pk}.ics"
        )
