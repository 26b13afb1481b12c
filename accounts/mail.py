"""The one email path of the product.

Every email is rendered from `emails/<name>_subject.txt`, `emails/<name>.txt`
and `emails/<name>.html` by the `send_email` task, which a caller queues with
`email_queue` so that it runs only after the caller's transaction commits and
the web request never waits for SMTP.

Each email is written in its recipient's language (`accounts.languages`):
`email_queue_for` groups the recipients by language and builds the context
of each group under that language (names of statuses, settings, actions),
and the task renders the templates under it too.
"""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from .sealing import seal


def email_queue(
    *,
    to: list[str],
    template: str,
    context: dict,
    sealed_context: dict | None = None,
    expires: int | None = None,
    language: str | None = None,
) -> None:
    """Queue an email for after commit, rendered in `language` (default: the active one).

    `context` must be JSON-serialisable. Values in `sealed_context` travel
    encrypted and expire with `expires` (seconds): use it for secrets such
    as verification codes, which must never sit in the broker in clear.
    """
    from .tasks import send_email

    kwargs = {
        "to": list(to),
        "template": template,
        "context": context,
        "language": language or translation.get_language() or settings.LANGUAGE_CODE,
    }
    if sealed_context:
        kwargs["sealed"] = seal(sealed_context)
        kwargs["sealed_max_age"] = expires or 3600
    # robust: a broker failing after commit is logged, not turned into a 500
    # for a change already made (actions check the broker before writing).
    transaction.on_commit(lambda: send_email.apply_async(kwargs=kwargs, expires=expires), robust=True)


def email_queue_for(*, recipients: Iterable, template: str, context: Callable[[], dict], **kwargs) -> None:
    """Queue one email per language among `recipients` (users), each built and written in that language."""
    from .languages import language_for_recipient

    groups: dict[str, list[str]] = {}
    for user in recipients:
        groups.setdefault(language_for_recipient(user), []).append(user.email)
    for language, emails in groups.items():
        with translation.override(language):
            email_queue(to=emails, template=template, context=context(), language=language, **kwargs)


def email_render(*, template: str, context: dict, language: str | None = None) -> tuple[str, str, str]:
    """Return (subject, text, html) for an email template, in `language` (default: the active one)."""
    context = {"product_name": "Qontak Broadcast", **context}
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/{template}_subject.txt", context, using="text")
        subject = " ".join(subject.split())
        text = render_to_string(f"emails/{template}.txt", context, using="text")
        html = render_to_string(f"emails/{template}.html", {"language": translation.get_language(), **context})
    return subject, text, html


def email_deliver(*, to: list[str], template: str, context: dict, language: str | None = None) -> None:
    subject, text, html = email_render(template=template, context=context, language=language)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to)
    message.attach_alternative(html, "text/html")
    message.send()


class DevMailboxBackend(BaseEmailBackend):
    """Keeps sent mail in the database, shown at /dev/mailbox/ while DEBUG is on."""

    def send_messages(self, email_messages):
        from .models import DevMail

        if not settings.DEBUG:
            raise ImproperlyConfigured("The development mailbox only works with DEBUG on; configure SMTP.")

        for message in email_messages:
            html = ""
            for content, mimetype in getattr(message, "alternatives", []):
                if mimetype == "text/html":
                    html = content
            DevMail.objects.create(
                to=", ".join(message.recipients()), subject=message.subject, body=message.body, html=html
            )
        return len(email_messages)
