from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .fields import EncryptedTextField


class UserManager(BaseUserManager):
    use_in_migrations = True

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


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with their email address."""

    email = models.EmailField("email", max_length=254, unique=True)
    full_name = models.CharField(max_length=150, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="May log in to the operators' admin site.")
    date_joined = models.DateTimeField(default=timezone.now)

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
        return self.full_name or self.email.split("@")[0]


class Organization(models.Model):
    """A tenant: everything a user sees is scoped to one organization."""

    name = models.CharField(max_length=150)
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
        "Meta app secret", blank=True, help_text="Checks this account's webhooks; empty: the META_APP_SECRET setting."
    )
    phone_number_id = models.CharField("WhatsApp phone number ID", max_length=64, blank=True)
    disconnected_at = models.DateTimeField(
        null=True, blank=True, help_text="Disconnected: its templates stay, read-only, and nothing is sent."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["display_name"]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.phone_number})"


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
