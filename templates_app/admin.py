from django.contrib import admin, messages

from .models import Content, ScreeningTerm, Status, StatusEvent, Submission, Template
from .submission import submission_retry


class ContentInline(admin.StackedInline):
    model = Content
    extra = 0
    can_delete = False
    readonly_fields = [f.name for f in Content._meta.fields if f.name != "id"]

    def has_add_permission(self, request, obj=None):
        return False


class SubmissionInline(admin.TabularInline):
    model = Submission
    extra = 0
    can_delete = False
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

    def has_add_permission(self, request, obj=None):
        return False


class StatusEventInline(admin.TabularInline):
    model = StatusEvent
    extra = 0
    can_delete = False
    readonly_fields = ["status", "source", "reason", "actor", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


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

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="Retry the submission of failed templates")
    def retry_submission(self, request, queryset):
        retried = sum(submission_retry(template=t, actor=request.user) for t in queryset.filter(status=Status.FAILED))
        self.message_user(request, f"{retried} template(s) queued again.", messages.SUCCESS)


@admin.register(ScreeningTerm)
class ScreeningTermAdmin(admin.ModelAdmin):
    list_display = ["term", "label", "organization"]
    search_fields = ["term", "organization__name"]
