from django.contrib import admin

from .models import SecuritySettings, ToggleChange


@admin.register(SecuritySettings)
class SecuritySettingsAdmin(admin.ModelAdmin):
    """Read-only here: changes go through the audited, code-confirmed page."""

    list_display = ["organization", "broadcast_template_otp", "updated_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ToggleChange)
class ToggleChangeAdmin(admin.ModelAdmin):
    list_display = ["created_at", "organization", "setting", "old_value", "new_value", "actor", "ip"]
    list_filter = ["setting"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
