"""Everything that must hold before a template can be submitted, as messages per field."""

from dataclasses import dataclass, field

from django.utils.translation import gettext

from .languages import language_name
from .models import Template
from .rules import validate_content, validate_name
from .selectors import template_name_taken


@dataclass
class Problems:
    template: dict[str, list[str]] = field(default_factory=dict)
    contents: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.template) or any(self.contents.values())

    @property
    def languages(self) -> list[str]:
        return [code for code, errors in self.contents.items() if errors]


def name_problems(*, channel_account, name: str, languages: list[str], exclude_id: int | None = None) -> list[str]:
    problems = validate_name(name)
    if not problems:
        taken = template_name_taken(
            channel_account=channel_account, name=name, languages=languages, exclude_id=exclude_id
        )
        if taken:
            names = ", ".join(language_name(code) for code in taken)
            problems.append(
                gettext("This account already has a template named “%(name)s” in %(languages)s. Choose another name.")
                % {"name": name, "languages": names}
            )
    return problems


def template_problems(*, template: Template) -> Problems:
    problems = Problems()
    names = name_problems(
        channel_account=template.channel_account,
        name=template.name,
        languages=template.languages,
        exclude_id=template.pk,
    )
    if names:
        problems.template["name"] = names
    for content in template.contents.all():
        errors = validate_content(content.spec(), category=template.category)
        if content.header_format in ("IMAGE", "VIDEO", "DOCUMENT") and not content.media_sample:
            errors.setdefault("media_sample", []).append(
                gettext("Add a sample file for the media header (Add Sample).")
            )
        problems.contents[content.language] = errors
    return problems
