"""{% category_advice template %}: the advisor's warning beside a Utility template's category.

Used on wizard steps 1 and 2 and, with the same markup, wherever the
template is confirmed. With live=True the page's script re-checks the
wording as the author types, using the server's own phrase rules
(passed in a data attribute: the pages allow no inline script, not even
JSON; the browser never keeps a copy of the rules of its own).
"""

import json

from django import template as django_template

from templates_app.models import Category
from templates_app.screening import category_advice as advise
from templates_app.screening.advisor import APPLIED, MESSAGE, NOT_APPLIED, STRONG, WEAK

register = django_template.Library()


@register.inclusion_tag("templates_app/category_advice.html")
def category_advice(template, live: bool = False, language: str = "") -> dict:
    advice = advise(template=template)
    # Only a Utility template is ever advised: a Marketing one gets no box for the script to fill as it types.
    utility = template is not None and template.category == Category.UTILITY
    context = {"advice": advice, "template": template, "live": live and utility}
    if context["live"]:
        # Phrases of the other languages stay while the script re-checks the one being edited.
        others = advise(template=template, exclude_language=language).phrases if language else ()
        # What the server's model read in this language stays marked while those words are still there.
        current = [p for p in advice.phrases if p not in others]
        rules = {
            "strong": STRONG,
            "weak": WEAK,
            "applied": APPLIED,
            "not_applied": NOT_APPLIED,
            "message": str(MESSAGE),
            "others": list(others),
            "current": current,
        }
        context["rules"] = json.dumps(rules)
    return context
