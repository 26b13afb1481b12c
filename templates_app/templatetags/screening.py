"""{% category_advice template %}: the advisor's warning beside a Utility template's category.

Used on wizard steps 1 and 2 and, with the same markup, wherever the
template is confirmed. With live=True the page's script re-checks the
wording as the author types, using the server's own phrase rules: fetched
from a versioned URL (the same for every page, cached by the browser until
they change), while the page's own state (phrases of other languages, what
the model read) travels in a data attribute (the pages allow no inline
script, not even JSON).
"""

import json

from django import template as django_template
from django.urls import reverse

from templates_app.models import Category
from templates_app.screening import category_advice as advise
from templates_app.screening.advisor import browser_rules

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
        context["state"] = json.dumps({"others": list(others), "current": current})
        context["rules_url"] = f"{reverse('template_advisor_rules')}?v={browser_rules()[1]}"
    return context
