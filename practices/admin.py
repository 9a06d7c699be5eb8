"""Admin for superusers: the registry and the go-live data (leads use the pages)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from practices.models import (
    Practice,
    PracticeContact,
    Rollout,
    RolloutChange,
    ServiceDeadline,
)


class ContactInline(admin.TabularInline):
    model = PracticeContact
    extra = 0


@admin.register(Practice)
class PracticeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "agb_code", "coalition", "member_organisation", "is_active"]
    list_filter = ["coalition", "is_active", "cohort"]
    search_fields = ["name", "agb_code", "city"]
    inlines = [ContactInline]


@admin.register(ServiceDeadline)
class ServiceDeadlineAdmin(admin.ModelAdmin):
    list_display = ["coalition", "service", "deadline", "target_pct", "stuck_after"]
    list_filter = ["coalition", "service"]


class RolloutChangeInline(admin.TabularInline):
    model = RolloutChange
    extra = 0
    readonly_fields = [f.name for f in RolloutChange._meta.fields]
    can_delete = False


@admin.register(Rollout)
class RolloutAdmin(admin.ModelAdmin):
    """Read-only: changes go through the rollout service, which keeps the history."""

    list_display = ["practice", "service", "step", "planned_date", "live_date"]
    list_filter = ["service", "step", "practice__coalition"]
    search_fields = ["practice__name", "practice__agb_code"]
    inlines = [RolloutChangeInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
