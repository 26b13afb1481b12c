from django.contrib import admin, messages
from django.core.paginator import Paginator
from django.db import connection
from django.utils.functional import cached_property

from accounts.admin import ReadOnlyAdminMixin

from .models import Content, ScreeningTerm, Status, StatusEvent, Submission, Template
from .selectors import otp_required_for
from .services import TemplateError, template_send_again


class EstimatedCountPaginator(Paginator):
    """Counting a million-row table on every admin page costs more than the page: estimate it when unfiltered."""

    @cached_property
    def count(self):
        query = self.object_list.query
        if query.where or connection.vendor != "postgresql":
            return super().count
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = %s", [query.model._meta.db_table])
            row = cursor.fetchone()
        estimate = row[0] if row else -1
        return super().count if estimate < 10_000 else estimate


class ContentInline(ReadOnlyAdminMixin, admin.StackedInline):
    model = Content
    extra = 0
    readonly_fields = [f.name for f in Content._meta.fields if f.name != "id"]


class SubmissionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Submission
    extra = 0
    readonly_fields = [
        "language",
        "provider",
        "provider_template_id",
        "status",
        "reason",
        "quality",
        "category",
        "last_event_at",
    ]


class StatusEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = StatusEvent
    extra = 0
    readonly_fields = ["status", "source", "reason", "actor", "created_at"]


@admin.register(Template)
class TemplateAdmin(admin.ModelAdmin):
    """Read-only for operators: templates change through the product's services only."""

    list_display = ["name", "organization", "channel_account", "category", "status", "created_by", "updated_at"]
    list_filter = ["status", "category"]
    search_fields = ["name"]
    list_select_related = ["organization", "channel_account", "created_by"]
    inlines = [ContentInline, SubmissionInline, StatusEventInline]
    actions = ["retry_submission"]
    show_full_result_count = False
    # Newest first through the primary key's index; an unfiltered count is estimated.
    ordering = ["-id"]
    paginator = EstimatedCountPaginator

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_retry_permission(self, request) -> bool:
        # Sending content out again is a change, whatever this read-only page shows.
        return request.user.has_perm("templates_app.change_template")

    @admin.action(description="Retry the submission of failed templates", permissions=["retry"])
    def retry_submission(self, request, queryset):
        retried, refused = 0, []
        for template in queryset.filter(status=Status.FAILED).select_related("channel_account"):
            if otp_required_for(template=template):
                # Its organization asks for a code: only a member's own code may send it again.
                refused.append(template.name)
                continue
            try:
                retried += template_send_again(template=template, actor=request.user)
            except TemplateError as exc:
                refused.append(f"{template.name} ({exc})")
        if retried:
            self.message_user(request, f"{retried} template(s) queued again.", messages.SUCCESS)
        if refused:
            self.message_user(
                request,
                "Not retried, because their organization asks for a verification code: "
                + ", ".join(refused)
                + ". An Admin of the organization can use “Retry submission” on the template's page.",
                messages.WARNING,
            )


@admin.register(ScreeningTerm)
class ScreeningTermAdmin(admin.ModelAdmin):
    list_display = ["term", "label", "organization"]
    search_fields = ["term", "organization__name"]
