from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import AppendOnly, Organization


class SecuritySettings(models.Model):
    """Per-organization security policy. Changed only through security_settings.services."""

    organization = models.OneToOneField(Organization, on_delete=models.CASCADE, related_name="security_settings")
    broadcast_template_otp = models.BooleanField(
        _("OTP Authentication on Broadcast Template"),
        default=False,
        help_text=_("Ask for an emailed code before a Marketing or Utility template is submitted."),
    )
    second_person_approval = models.BooleanField(
        _("Second-person approval on Broadcast Template"),
        default=False,
        help_text=_("A submitted template waits until a Reviewer or Admin who did not write it approves it."),
    )
    block_flagged_content = models.BooleanField(
        _("Block submission when the screen flags content"),
        default=False,
        help_text=_("Refuse to submit a template the content screen flags, instead of only warning."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "security settings"

    def __str__(self) -> str:
        return f"Security settings of {self.organization}"


class ToggleChange(AppendOnly):
    """Append-only audit trail of security setting changes."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    setting = models.CharField(max_length=64)
    old_value = models.BooleanField()
    new_value = models.BooleanField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["organization", "-created_at"], name="togglechange_org_recent")]

    def __str__(self) -> str:
        return f"{self.setting}: {self.old_value} -> {self.new_value}"
