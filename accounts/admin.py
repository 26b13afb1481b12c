from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .emails import email_changed_notice_email
from .languages import language_for_recipient
from .models import AuditEntry, ChannelAccount, ChannelAccountEvent, DevMail, Membership, Organization, User


class ReadOnlyAdminMixin:
    """For records that only the product's services write (audit trails, review outcomes)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "date_joined"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Profile", {"fields": ["full_name"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]

    def save_model(self, request, obj, form, change):
        old_email = User.objects.filter(pk=obj.pk).values_list("email", flat=True).first() if change else None
        super().save_model(request, obj, form, change)
        if old_email and old_email.lower() != obj.email.lower():
            # Queued after the admin's transaction commits.
            email_changed_notice_email(old_email=old_email, new_email=obj.email, language=language_for_recipient(obj))


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


class ChannelAccountForm(forms.ModelForm):
    # The token is write-only: the form never renders the stored value back.
    meta_access_token = forms.CharField(
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text="Leave empty to keep the current token.",
    )
    meta_app_secret = forms.CharField(
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text="Leave empty to keep the current app secret.",
    )

    class Meta:
        model = ChannelAccount
        fields = [
            "organization",
            "display_name",
            "phone_number",
            "waba_id",
            "provider",
            "meta_app_id",
            "meta_access_token",
            "meta_app_secret",
        ]

    def clean_meta_access_token(self):
        token = self.cleaned_data["meta_access_token"]
        if not token and self.instance.pk:
            return self.instance.meta_access_token
        return token

    def clean_meta_app_secret(self):
        secret = self.cleaned_data["meta_app_secret"]
        if not secret and self.instance.pk:
            return self.instance.meta_app_secret
        return secret


class ChannelAccountInline(admin.StackedInline):
    model = ChannelAccount
    form = ChannelAccountForm
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "time_zone", "created_at"]
    search_fields = ["name"]
    inlines = [MembershipInline, ChannelAccountInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "organization__name"]
    autocomplete_fields = ["user", "organization"]


@admin.register(ChannelAccount)
class ChannelAccountAdmin(admin.ModelAdmin):
    form = ChannelAccountForm
    list_display = ["display_name", "phone_number", "organization", "provider"]
    list_filter = ["provider"]
    search_fields = ["display_name", "phone_number", "waba_id", "organization__name"]


@admin.register(ChannelAccountEvent)
class ChannelAccountEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "account", "action", "actor", "ip"]
    list_filter = ["action"]
    list_select_related = ["account", "actor"]


@admin.register(DevMail)
class DevMailAdmin(admin.ModelAdmin):
    """The development mailbox: only with DEBUG on (and no SMTP), never readable in production."""

    list_display = ["subject", "to", "sent_at"]

    def has_module_permission(self, request):
        return settings.DEV_MAILBOX_ENABLED and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return settings.DEV_MAILBOX_ENABLED and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return settings.DEV_MAILBOX_ENABLED and super().has_delete_permission(request, obj)


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "organization", "actor_email", "action", "target", "summary", "ip"]
    list_filter = ["action"]
    search_fields = ["actor_email", "target"]
