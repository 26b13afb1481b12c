import re

from django.conf import settings
from django.urls import reverse

from accounts.languages import language_for_recipient
from accounts.mail import email_queue, email_queue_for


def _no_six_digit_runs(text: str) -> str:
    """Keep the code the only 6-digit number in the email.

    A template named promo_202611 would otherwise put a second one in the
    body, for the reader and for a phone's code autofill to pick. A word
    joiner (invisible) splits long digit runs in everything but the code.
    """
    return re.sub(r"\d{6,}", lambda m: "\u2060".join(re.findall(r"\d{1,3}", m.group(0))), str(text))


def verification_code_email(
    *, user, code: str, action: str, details: list[tuple[str, str]], quotes: list[tuple[str, str]], lifetime: int
) -> None:
    """The code travels sealed and the task expires with the code: never in clear in the broker.

    Quotes are passages of what the code confirms (the start of each
    language's body): the reader can tell from the mail alone whether the
    request is theirs. Text bodies are plain text; the HTML template escapes.
    """
    email_queue(
        to=[user.email],
        template="verification_code",
        context={
            "name": _no_six_digit_runs(user.display_name),
            "action": _no_six_digit_runs(action),
            "details": [[label, _no_six_digit_runs(value)] for label, value in details],
            "quotes": [[label, _no_six_digit_runs(text)] for label, text in quotes],
            "minutes": max(1, lifetime // 60),
        },
        sealed_context={"code": code},
        expires=lifetime,
        # The person asking reads it: the action and details are already in their language.
        language=language_for_recipient(user),
    )


def code_lock_email(*, lock) -> None:
    """Tell the Admins of every organization the user belongs to that the user's code actions are locked."""
    from accounts.selectors import memberships_for_user, organization_admins

    for membership in memberships_for_user(user=lock.user):
        admins = list(organization_admins(organization_id=membership.organization_id))
        context = {
            "member": lock.user.email,
            "organization": membership.organization.name,
            "wrong_codes": lock.wrong_codes,
            "security_url": f"{settings.SITE_URL}{reverse('security')}",
        }
        email_queue_for(recipients=admins, template="code_lock", context=lambda context=context: context)
