"""The organization's template policies on Settings > Security: what each one is called and says.

Every policy is a boolean on SecuritySettings, changed only with the
acting admin's emailed code (purposes `enable_<field>` / `disable_<field>`)
and written to the one audit trail.
"""

from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Policy:
    field: str  # the SecuritySettings field, also the audit trail's `setting`
    slug: str  # its part of the URL
    # Lazy translations: each page and email shows them in its own language.
    label: str
    description: str
    enable_text: str  # the "Enable" confirmation: what turning it on means
    disable_text: str
    on_text: str  # the success dialog and the admins' email, once on
    off_text: str

    def purpose(self, value: bool) -> str:
        return f"{'enable' if value else 'disable'}_{self.field}"


BROADCAST_TEMPLATE_OTP = Policy(
    field="broadcast_template_otp",
    slug="broadcast-template-otp",
    label=_("OTP Authentication on Broadcast Template"),
    description=_(
        "When on, submitting a Marketing or Utility template needs a 6-digit code sent to the submitter's email, "
        "so someone who only holds a session (a shared laptop, a stolen cookie) cannot send content out under your "
        "company's name. Review decisions and sending a template again need the person's code too."
    ),
    enable_text=_(
        "Everyone in your organization will need a verification code, sent to their email, to submit "
        "Marketing and Utility templates. To confirm this change we'll send a code to your email."
    ),
    disable_text=_(
        "Templates will be submitted without an emailed verification code, so anyone holding a session "
        "could submit content in your company's name. To confirm this change we'll send a code to your email."
    ),
    on_text=_("From now on, submitting a Marketing or Utility template needs a code sent to the submitter's email."),
    off_text=_("Templates can now be submitted without a verification code."),
)

SECOND_PERSON_APPROVAL = Policy(
    field="second_person_approval",
    slug="second-person-approval",
    label=_("Second-person approval on Broadcast Template"),
    description=_(
        "When on, a submitted Marketing or Utility template waits as “Awaiting approval” until a Reviewer or Admin "
        "who did not create, edit or submit it approves it; only then does it go to WhatsApp. On the built-in "
        "review desk, the desk is the approval."
    ),
    enable_text=_(
        "Submitted templates will wait for a second person, a Reviewer or Admin who did not work on them, before "
        "they go to WhatsApp. To confirm this change we'll send a code to your email."
    ),
    disable_text=_(
        "Templates will go to WhatsApp as soon as they are submitted, without a second person approving them. "
        "To confirm this change we'll send a code to your email."
    ),
    on_text=_("From now on, a submitted template goes to WhatsApp only once a second person approves it."),
    off_text=_("Submitted templates now go to WhatsApp without a second person's approval."),
)

BLOCK_FLAGGED_CONTENT = Policy(
    field="block_flagged_content",
    slug="block-flagged-content",
    label=_("Block submission when the screen flags content"),
    description=_(
        "The content screen looks for content WhatsApp's policies prohibit (drugs, weapons, gambling, adult "
        "content, scams, phishing and more, plus your organization's own terms). Off, it warns the submitter and "
        "the reviewers; on, a flagged template cannot be submitted until its content is changed."
    ),
    enable_text=_(
        "Templates the content screen flags will be refused at Submit, with the reasons, instead of only being "
        "warned about. To confirm this change we'll send a code to your email."
    ),
    disable_text=_(
        "Flagged templates will be submitted with a warning only. To confirm this change we'll send a code to "
        "your email."
    ),
    on_text=_("From now on, a template the content screen flags cannot be submitted."),
    off_text=_("Flagged templates can now be submitted, with a warning."),
)

POLICIES = (BROADCAST_TEMPLATE_OTP, SECOND_PERSON_APPROVAL, BLOCK_FLAGGED_CONTENT)
POLICY_BY_SLUG = {p.slug: p for p in POLICIES}
# The audit trail names a policy by its field (changes) or by a code's purpose (attempts).
POLICY_BY_KEY = {key: p for p in POLICIES for key in (p.field, p.purpose(True), p.purpose(False))}


def policy_for_slug(slug: str) -> Policy:
    try:
        return POLICY_BY_SLUG[slug]
    except KeyError:
        raise Http404("No such setting.") from None
