"""The small interface every approval provider implements.

A provider takes one language of a submitted template to its reviewer
(`submit_content`), can be asked where it stands (`fetch_status`), and may
push updates to /webhooks/whatsapp/ (`parse_webhook`). Errors say whether a
retry can help: TemporaryProviderError (timeouts, 5xx, 429) is retried with
backoff; PermanentProviderError (a 4xx with WhatsApp's message) ends the
submission as "Submission failed".
"""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class SubmitResult:
    provider_template_id: str
    status: str  # a templates_app.models.Status value, usually "pending"
    category: str = ""  # the category the provider filed it under, when it says


@dataclass(frozen=True)
class StatusUpdate:
    """A change reported by the provider for one submitted language."""

    provider_template_id: str
    occurred_at: datetime
    status: str | None = None  # a Status value; None when only quality/category changed
    reason: str = ""
    quality: str = ""  # GREEN, YELLOW, RED or UNKNOWN
    category: str = ""  # set when the provider re-categorised the template
    raw_event: str = ""  # the provider's own event name, for the timeline
    waba_id: str = ""  # webhooks: the WhatsApp Business Account the entry speaks for


class ProviderError(Exception):
    def __init__(self, message: str, *, retry_after: int | None = None):
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


class TemporaryProviderError(ProviderError):
    """Worth retrying: the provider timed out, failed (5xx) or asked us to slow down (429)."""


class PermanentProviderError(ProviderError):
    """Not worth retrying: the provider refused the template; `message` is its reason."""


class WebhookRejected(Exception):
    """A webhook request that is not genuinely from the provider (bad signature, wrong token)."""


class Provider:
    name = ""

    def submit_content(self, *, template, content, category: str = "") -> SubmitResult:
        """Send one language; `category`, when given, is the one the provider gave the first language."""
        raise NotImplementedError

    def fetch_status(self, *, submission) -> StatusUpdate | None:
        """The provider's current view of one submitted language (None: nothing to ask)."""
        return None
