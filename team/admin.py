from django.contrib import admin

from accounts.admin import ReadOnlyAdminMixin

from .models import Invitation


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only here: Admins invite, resend and revoke on Settings > Members (audited)."""

    list_display = ["email", "organization", "role", "invited_by", "sent_at", "expires_at", "accepted_at", "revoked_at"]
    list_filter = ["role"]
    search_fields = ["email"]
