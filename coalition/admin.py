from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from coalition import models


@admin.register(models.User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = [
        "email",
        "first_name",
        "last_name",
        "is_active",
        "is_demo",
        "last_login",
    ]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Persoon"), {"fields": ("first_name", "last_name")}),
        (
            _("Rechten"),
            {"fields": ("is_active", "is_demo", "is_staff", "is_superuser", "groups")},
        ),
        (_("Data"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email",)}),)


class MemberOrganisationInline(admin.TabularInline):
    """A coalition is at least two GP organisations of a region."""

    model = models.MemberOrganisation
    extra = 0
    min_num = models.Coalition.MIN_MEMBER_ORGANISATIONS
    validate_min = True


@admin.register(models.Coalition)
class CoalitionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "region"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MemberOrganisationInline]


@admin.register(models.Vendor)
class VendorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "contact_email"]


admin.site.register(models.ProductVersion)
admin.site.register(models.FrameworkAgreement)
admin.site.register(models.Funder)
admin.site.register(models.Grant, SimpleHistoryAdmin)
admin.site.register(models.Membership, SimpleHistoryAdmin)


@admin.register(models.EmailMessage)
class EmailMessageAdmin(admin.ModelAdmin):
    list_display = ["created", "to", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status"]
    search_fields = ["to", "subject", "key"]
    readonly_fields = [f.name for f in models.EmailMessage._meta.fields]


@admin.register(models.AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read only: nobody adds, changes or deletes audit rows through the admin."""

    list_display = ["created", "event", "user_email", "object_type", "outcome"]
    list_filter = ["event", "outcome"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
