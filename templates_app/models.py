"""Message templates and their per-language contents.

A template leaves Draft exactly once, through templates_app.services; from
then on its content is frozen. That is enforced three times: the services
refuse, the models refuse to save or delete content, and (on PostgreSQL)
database triggers refuse, so no code path can change what was reviewed.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import ChannelAccount, Organization

from .languages import language_name
from .spec import NAMED, PARAMETER_FORMAT_LABELS, POSITIONAL, ContentSpec, spec_from_dict


class Category(models.TextChoices):
    MARKETING = "MARKETING", _("Marketing")
    UTILITY = "UTILITY", _("Utility")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    # Submitted, waiting for a second person's approval before it goes to the provider.
    AWAITING_APPROVAL = "awaiting", _("Awaiting approval")
    SUBMITTING = "submitting", _("Submitting")
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    PAUSED = "paused", _("Paused")
    DISABLED = "disabled", _("Disabled")
    FAILED = "failed", _("Submission failed")
    ARCHIVED = "archived", _("Archived")
    DELETED = "deleted", _("Deleted")


class HeaderFormat(models.TextChoices):
    NONE = "NONE", _("None")
    TEXT = "TEXT", _("Text")
    IMAGE = "IMAGE", _("Image")
    VIDEO = "VIDEO", _("Video")
    DOCUMENT = "DOCUMENT", _("Document")


# Model.get_FOO_display() builds a dict of every choice on each call, translating each label: pages look up here.
STATUS_LABELS = dict(Status.choices)
CATEGORY_LABELS = dict(Category.choices)
_HEADER_FORMAT_CHOICES = dict(HeaderFormat.choices)

# WhatsApp's quality rating of an approved template.
QUALITY_LABELS = {"GREEN": _("Green"), "YELLOW": _("Yellow"), "RED": _("Red"), "UNKNOWN": _("Unknown")}


def quality_label(quality: str) -> str:
    return str(QUALITY_LABELS.get((quality or "").upper(), quality.title() if quality else ""))


class ImmutableTemplateError(Exception):
    """A submitted template's content cannot change."""

    def __init__(self, message: str = ""):
        super().__init__(message or _("This template was submitted and can no longer be edited."))


# Fields that define what a reviewer approves: frozen once submitted.
FROZEN_TEMPLATE_FIELDS = ("organization_id", "channel_account_id", "name", "category", "content_digest", "languages")


class Template(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="templates")
    channel_account = models.ForeignKey(ChannelAccount, on_delete=models.PROTECT, related_name="templates")
    name = models.CharField(max_length=512)
    category = models.CharField(max_length=16, choices=Category.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    # sha256 of the full content at submission: what the code confirmed and the reviewer sees.
    content_digest = models.CharField(max_length=64, blank=True)
    # Review outcome and submission bookkeeping (these change after submission).
    status_reason = models.TextField(blank=True)
    quality = models.CharField(max_length=16, blank=True)
    provider_category = models.CharField(
        max_length=16, blank=True, help_text=_("The category WhatsApp filed it under, when it re-categorised it.")
    )
    submit_attempts = models.PositiveIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True, help_text=_("A worker is sending it since then."))
    languages = models.JSONField(default=list, help_text=_("Language codes of the contents, in order."))
    imported = models.BooleanField(
        default=False, help_text=_("Brought in from the WhatsApp account (Import from WhatsApp): read-only here.")
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organization", "-created_at", "-id"], name="template_org_recent"),
            models.Index(fields=["organization", "status", "-created_at", "-id"], name="template_org_status"),
            models.Index(fields=["organization", "category", "-created_at", "-id"], name="template_org_category"),
            models.Index(fields=["organization", "channel_account", "-created_at", "-id"], name="template_org_account"),
            models.Index(fields=["organization", "created_by", "-created_at", "-id"], name="template_org_creator"),
            models.Index(fields=["channel_account", "name"], name="template_account_name"),
            # Language filter and name search use PostgreSQL GIN indexes (migration 0005).
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def category_label(self) -> str:
        """get_category_display(), from a dict built once."""
        return str(CATEGORY_LABELS.get(self.category, self.category))

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def language_names(self) -> list[str]:
        return [language_name(code) for code in self.languages]

    @property
    def quality_label(self) -> str:
        return quality_label(self.quality)

    @property
    def provider_category_label(self) -> str:
        return (
            Category(self.provider_category).label
            if self.provider_category in Category.values
            else self.provider_category
        )

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            stored = Template.objects.filter(pk=self.pk).values("status", *FROZEN_TEMPLATE_FIELDS).first()
            if stored and stored["status"] != Status.DRAFT:
                changed = [f for f in FROZEN_TEMPLATE_FIELDS if stored[f] != getattr(self, f)]
                if changed or self.status == Status.DRAFT:
                    raise ImmutableTemplateError()
        super().save(*args, **kwargs)


def media_sample_path(content: "Content", filename: str) -> str:
    # The stored name never comes from the user: only the content type decides the extension.
    extension = {
        "image/jpeg": "jpg",
        "image/png": "png",
        "video/mp4": "mp4",
        "video/3gpp": "3gp",
        "application/pdf": "pdf",
    }.get(content.media_mime, "bin")
    return f"media-samples/{content.template.organization_id}/{uuid.uuid4().hex}.{extension}"


class Content(models.Model):
    """The template in one language: header, body, footer, buttons and samples."""

    template = models.ForeignKey(Template, on_delete=models.CASCADE, related_name="contents")
    language = models.CharField(max_length=16)
    position = models.PositiveSmallIntegerField(default=0)
    header_format = models.CharField(max_length=16, choices=HeaderFormat.choices, default=HeaderFormat.NONE)
    header_text = models.CharField(max_length=255, blank=True)
    header_text_example = models.CharField(max_length=255, blank=True)
    media_sample = models.FileField(upload_to=media_sample_path, blank=True, max_length=255)
    media_mime = models.CharField(max_length=64, blank=True)
    media_name = models.CharField(max_length=255, blank=True)
    media_size = models.PositiveBigIntegerField(default=0)
    body = models.TextField(blank=True)
    # How variables are written: {{1}} (numbered) or {{order_id}} (named).
    parameter_format = models.CharField(
        max_length=16,
        choices=[(POSITIONAL, PARAMETER_FORMAT_LABELS[POSITIONAL]), (NAMED, PARAMETER_FORMAT_LABELS[NAMED])],
        default=POSITIONAL,
    )
    body_examples = models.JSONField(default=list, blank=True)
    body_named_examples = models.JSONField(default=dict, blank=True)
    footer = models.CharField(max_length=255, blank=True)
    buttons = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["template", "language"], name="content_one_per_language")]

    def __str__(self) -> str:
        return f"{self.template} [{self.language}]"

    @property
    def language_name(self) -> str:
        return language_name(self.language)

    @property
    def header_format_label(self) -> str:
        """get_header_format_display(), from a dict built once."""
        return str(_HEADER_FORMAT_CHOICES.get(self.header_format, self.header_format))

    @property
    def is_named(self) -> bool:
        return self.parameter_format == NAMED

    def spec(self) -> ContentSpec:
        return spec_from_dict(
            {
                "language": self.language,
                "parameter_format": self.parameter_format,
                "header_format": self.header_format,
                "header_text": self.header_text,
                "header_text_example": self.header_text_example,
                "body": self.body,
                "body_examples": self.body_examples,
                "body_named_examples": self.body_named_examples,
                "footer": self.footer,
                "buttons": self.buttons,
            }
        )

    def _refuse_if_frozen(self) -> None:
        if Template.objects.filter(pk=self.template_id).exclude(status=Status.DRAFT).exists():
            raise ImmutableTemplateError()

    def save(self, *args, **kwargs):
        self._refuse_if_frozen()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_if_frozen()
        return super().delete(*args, **kwargs)


class Contribution(models.Model):
    """Who worked on a template and how: its contributors never review or approve it."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Created")
        EDITED = "edited", _("Edited")
        SUBMITTED = "submitted", _("Submitted")

    template = models.ForeignKey(Template, on_delete=models.CASCADE, related_name="contributions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    first_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["first_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["template", "user", "kind"], name="contribution_once_per_kind"),
        ]
        indexes = [models.Index(fields=["user", "template"], name="contribution_user")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} {self.template_id}"


class TemplateLanguage(models.Model):
    """One language of a template, for the list's language filter: written by the database itself.

    The filter on `Template.languages` (a JSON array) could only walk the
    organization's templates newest first and look inside each: for a
    language on 0.3% of a million templates, 12,000 rows per page. Here each
    language of a template is a row with the template's organization and
    creation time, indexed newest first per organization and language, so a
    page of one language reads one page of rows. A trigger on the template
    table (migration 0011) keeps them equal to `languages` on every insert
    and update; deleting a template deletes them (ON DELETE CASCADE). The
    trigger is PostgreSQL's: on SQLite (a first look without DATABASE_URL)
    the table stays empty and the language filter finds nothing, as Django's
    JSON containment, which the filter used before, is not there either.
    """

    # The constraint, with ON DELETE CASCADE, is the migration's; the unique pair and the index serve both columns.
    template = models.ForeignKey(
        Template, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="language_rows"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    language = models.CharField(max_length=16)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["template", "language"], name="template_language_once")]
        indexes = [
            models.Index(
                fields=["organization", "language", "-created_at", "-template"], name="template_language_recent"
            )
        ]

    def __str__(self) -> str:
        return f"{self.template_id} {self.language}"


class StatusEvent(models.Model):
    """The template's timeline: every status it went through, when, from where and why."""

    class Source(models.TextChoices):
        USER = "user", _("User")
        REVIEWER = "reviewer", _("Reviewer")
        PROVIDER = "provider", _("WhatsApp")
        WEBHOOK = "webhook", _("WhatsApp webhook")
        SYNC = "sync", _("Status sync")
        IMPORT = "import", _("Imported from WhatsApp")
        SYSTEM = "system", _("System")

    template = models.ForeignKey(Template, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=16, choices=Status.choices)
    source = models.CharField(max_length=16, choices=Source.choices)
    reason = models.TextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.template_id}: {self.status} ({self.source})"


class Submission(models.Model):
    """One language of a template at its provider (WhatsApp creates one template per language)."""

    template = models.ForeignKey(Template, on_delete=models.CASCADE, related_name="submissions")
    language = models.CharField(max_length=16)
    provider = models.CharField(max_length=16)
    provider_template_id = models.CharField(max_length=64, blank=True, db_index=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    reason = models.TextField(blank=True)
    quality = models.CharField(max_length=16, blank=True)
    category = models.CharField(max_length=16, blank=True)
    last_event_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Time of the newest provider event applied.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["template_id", "id"]
        constraints = [models.UniqueConstraint(fields=["template", "language"], name="submission_one_per_language")]

    def __str__(self) -> str:
        return f"{self.template_id} [{self.language}] {self.status}"

    @property
    def quality_label(self) -> str:
        return quality_label(self.quality)


class ScreeningTerm(models.Model):
    """A word or phrase an organization wants flagged before templates are submitted."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="screening_terms")
    term = models.CharField(max_length=100)
    label = models.CharField(max_length=60, blank=True, help_text=_("Why it is flagged, e.g. “Competitor name”."))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "term"], name="screening_term_unique")]

    def __str__(self) -> str:
        return self.term
