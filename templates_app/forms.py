import copy
import re

from django import forms
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import reasons
from .languages import language_choices
from .models import Category, HeaderFormat, Status
from .selectors import ListFilters
from .spec import BUTTON_FIELDS, BUTTON_KINDS, PARAMETER_FORMATS, POSITIONAL, QUICK_REPLY, is_numbered
from .validation import name_problems

BUTTON_FIELD = re.compile(r"^button-(\d{1,2})-(kind|" + "|".join(BUTTON_FIELDS) + r")$")
# body_example_2 is {{2}}'s sample, body_example_order_id is {{order_id}}'s.
SAMPLE_FIELD = re.compile(r"^body_example_(\d{1,2}|[a-z][a-z0-9_]{0,59})$")


class TemplateDetailsForm(forms.Form):
    """Step 1: account, name, category, languages."""

    channel_account = forms.ModelChoiceField(queryset=None, label=_("Account"), empty_label=_("Choose an account"))
    name = forms.CharField(
        label=_("Template name"),
        max_length=512,
        help_text=_("Lowercase letters, numbers and underscores, e.g. <code>order_update</code>."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "placeholder": "order_update"}),
    )
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices, widget=forms.RadioSelect)
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=language_choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one language.")},
        help_text=_("One content per language: a template in two languages has two contents."),
    )

    def __init__(self, *args, accounts, listed=None, template=None, **kwargs):
        """`accounts`: the queryset a posted account must be in; `listed`: those accounts as the page lists
        them, when the caller read them already (else read here)."""
        super().__init__(*args, **kwargs)
        field = self.fields["channel_account"]
        field.queryset = accounts
        # Read once: the page needs the list (how many there are) and the select shows the same rows,
        # instead of the widget querying the accounts again to render them.
        self.accounts = list(field.queryset) if listed is None else listed
        field.widget.choices = [("", field.empty_label)] + [(a.pk, field.label_from_instance(a)) for a in self.accounts]
        self.template = template

    @property
    def selected_languages(self) -> set[str]:
        """The ticked languages as the page should show them (posted, else saved)."""
        if self.is_bound:
            return set(self.data.getlist("languages")) if hasattr(self.data, "getlist") else set()
        return set(self.initial.get("languages") or [])

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean(self):
        cleaned = super().clean()
        account, name, languages = cleaned.get("channel_account"), cleaned.get("name"), cleaned.get("languages")
        if name is not None:
            for problem in (
                name_problems(
                    channel_account=account,
                    name=name,
                    languages=languages or [],
                    exclude_id=self.template.pk if self.template else None,
                )
                if account
                else []
            ):
                self.add_error("name", problem)
        if languages:
            # Keep the order the user's list shows, without duplicates.
            cleaned["languages"] = list(dict.fromkeys(languages))
        return cleaned


def _text(data, key: str) -> str:
    return str(data.get(key, "")).replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")


def content_data_from_post(data) -> dict:
    """The content as typed, from the step-2 form's fields (never raises)."""
    header_format = str(data.get("header_format", HeaderFormat.NONE))
    if header_format not in HeaderFormat.values:
        header_format = HeaderFormat.NONE
    parameter_format = str(data.get("parameter_format", POSITIONAL))
    if parameter_format not in PARAMETER_FORMATS:
        parameter_format = POSITIONAL
    samples: dict[int, str] = {}
    named_samples: dict[str, str] = {}
    buttons: dict[int, dict[str, str]] = {}
    for key in data:
        if match := SAMPLE_FIELD.match(key):
            if is_numbered(match.group(1)):
                samples[int(match.group(1))] = _text(data, key)
            else:
                named_samples[match.group(1)] = _text(data, key)
        elif match := BUTTON_FIELD.match(key):
            buttons.setdefault(int(match.group(1)), {})[match.group(2)] = _text(data, key)
    body_examples = [samples.get(n, "") for n in range(1, max(samples, default=0) + 1)]
    return {
        "parameter_format": parameter_format,
        "header_format": header_format,
        "header_text": _text(data, "header_text"),
        "header_text_example": _text(data, "header_text_example"),
        "body": _text(data, "body"),
        "body_examples": body_examples,
        "body_named_examples": named_samples,
        "footer": _text(data, "footer"),
        "buttons": [
            {
                "kind": b.get("kind") if b.get("kind") in BUTTON_KINDS else QUICK_REPLY,
                **{name: b.get(name, "") for name in BUTTON_FIELDS},
            }
            for _, b in sorted(buttons.items())
        ],
    }


class MediaSampleForm(forms.Form):
    media_sample = forms.FileField(
        label=_("Sample file"),
        error_messages={"required": _("Choose a file to upload."), "empty": _("The file is empty.")},
    )
    all_languages = forms.BooleanField(required=False, label=_("Use this sample for all languages"))


class FixedChoiceField(forms.ChoiceField):
    """A choice field whose choices and widget are the same in every form.

    A form deep-copies its fields for each instance, and a ChoiceField copies
    its choices and normalizes them twice on the way (for itself and for its
    widget): for the list's filters, with every language WhatsApp offers,
    that was half the form's cost on every view of the list. These choices
    are never changed per form, so the copies share them.
    """

    def __deepcopy__(self, memo):
        result = copy.copy(self)
        memo[id(self)] = result
        result.error_messages = self.error_messages.copy()
        result.validators = self.validators[:]
        return result


class TemplateFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, label=_("Search by name"))
    status = FixedChoiceField(required=False, choices=[("", _("All statuses")), *Status.choices])
    category = FixedChoiceField(required=False, choices=[("", _("All categories")), *Category.choices])
    language = FixedChoiceField(required=False, choices=lambda: [("", gettext("All languages")), *language_choices()])
    account = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    created_by = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    mine = forms.BooleanField(required=False, label=_("Awaiting my approval"))

    def __init__(self, *args, accounts, members, user=None, can_decide: bool = False, **kwargs):
        """`accounts`: (id, name) of the organization's accounts; `members`: (user id, name) of its members."""
        super().__init__(*args, **kwargs)
        self.user = user
        if not can_decide:
            del self.fields["mine"]
        self.fields["account"].choices = [("", gettext("All accounts")), *accounts]
        self.fields["created_by"].choices = [("", gettext("Anyone")), *members]

    def filters(self) -> ListFilters:
        data = self.cleaned_data
        return ListFilters(
            status=data["status"],
            category=data["category"],
            language=data["language"],
            account=data["account"],
            created_by=data["created_by"],
            q=data["q"].strip(),
            awaiting_decision_by=self.user.pk if data.get("mine") and self.user else None,
        )


REJECTION_REASONS = list(reasons.REJECTION_REASONS.items())


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Reject"))])
    reason = forms.ChoiceField(
        choices=[("", _("Choose a reason")), *REJECTION_REASONS], required=False, label=_("Reason")
    )
    details = forms.CharField(
        required=False, max_length=500, label=_("Details"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "reject":
            reason, details = cleaned.get("reason"), (cleaned.get("details") or "").strip()
            if not reason:
                self.add_error("reason", gettext("Choose why the template is rejected."))
            elif reason == "OTHER" and not details:
                self.add_error("details", gettext("Explain the reason."))
            else:
                # Stored with its code and English name; pages show it in the reader's language (reasons.py).
                with translation.override("en"):
                    label = str(dict(REJECTION_REASONS)[reason])
                cleaned["reason_text"] = f"{reason}: {details}" if details else f"{reason} ({label})"
        return cleaned
