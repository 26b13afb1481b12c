from django.contrib import admin

from accounts.admin import ReadOnlyAdminMixin

from .models import SecuritySettings, ToggleChange


@admin.register(SecuritySettings)
class SecuritySettingsAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only here: changes go through the audited, code-confirmed page."""

    list_display = ["organization", "broadcast_template_otp", "second_person_approval", "updated_at"]


@admin.register(ToggleChange)
class ToggleChangeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "organization", "setting", "old_value", "new_value", "actor", "ip"]
    list_filter = ["setting"]
