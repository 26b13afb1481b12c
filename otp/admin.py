from django.contrib import admin

from accounts.admin import ReadOnlyAdminMixin

from .models import Challenge, CodeLock, EmailDevice, SecurityEvent


@admin.register(EmailDevice)
class EmailDeviceAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "confirmed", "throttling_failure_count", "last_used_at"]
    search_fields = ["user__email"]
    readonly_fields = ["created_at", "last_used_at", "throttling_failure_timestamp", "throttling_failure_count"]


@admin.register(Challenge)
class ChallengeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "user",
        "purpose",
        "subject_type",
        "subject_id",
        "created_at",
        "attempts",
        "used_at",
        "killed_at",
        "kill_reason",
    ]
    list_filter = ["purpose", "kill_reason"]
    exclude = ["salt", "code_hash"]


@admin.register(SecurityEvent)
class SecurityEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "user", "action", "purpose", "outcome", "ip"]
    list_filter = ["action", "purpose", "outcome"]
    search_fields = ["user__email", "ip"]


@admin.register(CodeLock)
class CodeLockAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Released by an Admin of the user's organization on Settings > Security, or after 24 hours."""

    list_display = ["user", "locked_at", "expires_at", "wrong_codes", "released_at", "released_by"]
    search_fields = ["user__email"]
