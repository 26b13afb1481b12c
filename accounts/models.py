from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .fields import EncryptedTextField

DEFAULT_TIME_ZONE = "Asia/Jakarta"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get(self, *args, **kwargs):
        """`get(pk=<int>)`, the read every signed-in request makes (ModelBackend.get_user), gives what the ORM
        gives from a statement compiled once per process that brings the person's memberships along
        (accounts.selectors.user_for_request); every other get goes through the ORM."""
        pk = kwargs.get("pk")
        if args or len(kwargs) != 1 or type(pk) is not int or self.model is not User or self._db is not None:
            return super().get(*args, **kwargs)
        from .selectors import user_for_request

        user = user_for_request(user_id=pk)
        if user is None:
            raise User.DoesNotExist("User matching query does not exist.")
        return user

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)

    def create_user(self, email: str, password: str | None = None, **extra):
        if not email:
            raise ValueError("Users need an email address.")
        user = self.model(email=self.normalize_email(email).strip(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class Language(models.TextChoices):
    """Languages of the interface a person can prefer."""

    ENGLISH = "en", _("English")
    INDONESIAN = "id", _("Bahasa Indonesia")


def person_name(full_name: str, email: str) -> str:
    """How pages name a person: their full name, else the part of their email before the @."""
    return full_name or email.split("@")[0]


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with their email address."""

    email = models.EmailField("email", max_length=254, unique=True)
    full_name = models.CharField(max_length=150, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text=_("May log in to the operators' admin site."))
    date_joined = models.DateTimeField(default=timezone.now)
    # Blank: the interface follows the browser's Accept-Language (accounts.languages).
    language = models.CharField(_("preferred language"), max_length=8, choices=Language.choices, blank=True, default="")

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_unique_ci")]

    def __str__(self) -> str:
        return self.email

    @property
    def display_name(self) -> str:
        return person_name(self.full_name, self.email)


class Organization(models.Model):
    """A tenant: everything a user sees is scoped to one organization."""

    name = models.CharField(max_length=150)
    # Every time the product shows to its members is in this zone (see team.middleware).
    time_zone = models.CharField(max_length=64, default=DEFAULT_TIME_ZONE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    ADMIN = "admin", _("Admin")
    AGENT = "agent", _("Agent")
    REVIEWER = "reviewer", _("Reviewer")


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organization"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} in {self.organization} ({self.get_role_display()})"

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    def has_role(self, *roles: str) -> bool:
        return self.role in roles


class Provider(models.TextChoices):
    REVIEW_DESK = "review_desk", _("Review desk (built in)")
    META = "meta", _("WhatsApp Business Platform (Meta)")


class ChannelAccount(models.Model):
    """A WhatsApp Business number of an organization, and where its templates go for review."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="channel_accounts")
    display_name = models.CharField(max_length=150)
    phone_number = models.CharField(max_length=32)
    waba_id = models.CharField("WhatsApp Business Account ID", max_length=64, blank=True)
    provider = models.CharField(max_length=16, choices=Provider.choices, default=Provider.REVIEW_DESK)
    meta_app_id = models.CharField("Meta app ID", max_length=64, blank=True)
    meta_access_token = EncryptedTextField("Meta access token", blank=True)
    meta_app_secret = EncryptedTextField(
        "Meta app secret",
        blank=True,
        help_text=_("Checks this account's webhooks; empty: the META_APP_SECRET setting."),
    )
    phone_number_id = models.CharField("WhatsApp phone number ID", max_length=64, blank=True)
    disconnected_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Disconnected: its templates stay, read-only, and nothing is sent.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["display_name"]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.phone_number})"


class ChannelAccountEvent(models.Model):
    """The audit trail of a channel account: who connected, imported, changed, disconnected or deleted what."""

    class Action(models.TextChoices):
        CONNECTED = "connected", _("Connected")
        IMPORTED = "imported", _("Imported templates")
        SECRETS_CHANGED = "secrets_changed", _("Changed the app secret or access token")
        DISCONNECTED = "disconnected", _("Disconnected")
        TEMPLATE_DELETED = "template_deleted", _("Deleted a template from WhatsApp")

    account = models.ForeignKey(ChannelAccount, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=32, choices=Action.choices)
    actor = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    details = models.CharField(max_length=500, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.account_id} {self.action}"


class DevMail(models.Model):
    """A message kept by the development mailbox (DEBUG, no SMTP configured)."""

    to = models.TextField()
    subject = models.CharField(max_length=998)
    body = models.TextField()
    html = models.TextField(blank=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = "development mail"

    def __str__(self) -> str:
        return f"{self.subject} -> {self.to}"


class AppendOnly(models.Model):
    """A record that is written once and never changed or deleted through the ORM (PostgreSQL triggers refuse
    the same at the database level). `append_only_message` says so in the record's own words."""

    append_only_message = "The audit trail is append-only."

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError(self.append_only_message)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError(self.append_only_message)


class AuditEntry(AppendOnly):
    """The organization's append-only audit trail: who did what, when, from where.

    Written only by `accounts.services.audit_record`, from the services that
    change memberships, invitations, profiles, the organization and its
    security settings.
    """

    class Action(models.TextChoices):
        INVITATION_SENT = "invitation_sent", _("Invitation sent")
        INVITATION_RESENT = "invitation_resent", _("Invitation resent")
        INVITATION_REVOKED = "invitation_revoked", _("Invitation revoked")
        INVITATION_ACCEPTED = "invitation_accepted", _("Invitation accepted")
        ROLE_CHANGED = "role_changed", _("Role changed")
        MEMBER_REMOVED = "member_removed", _("Member removed")
        MEMBER_LEFT = "member_left", _("Member left")
        ORGANIZATION_CHANGED = "organization_changed", _("Organization settings changed")
        PROFILE_CHANGED = "profile_changed", _("Profile changed")
        PASSWORD_CHANGED = "password_changed", _("Password changed")
        EMAIL_CHANGED = "email_changed", _("Email changed")
        SECURITY_SETTING_CHANGED = "security_setting_changed", _("Security setting changed")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # The actor's address at the time: the trail reads the same after they change it.
    actor_email = models.CharField(max_length=254)
    action = models.CharField(max_length=32, choices=Action.choices)
    target = models.CharField(max_length=254, blank=True, help_text=_("Who or what the change is about."))
    summary = models.CharField(max_length=500, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "audit entries"
        indexes = [
            models.Index(fields=["organization", "-created_at"], name="auditentry_org_recent"),
            models.Index(fields=["organization", "action", "-created_at"], name="auditentry_org_action"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.target}"
