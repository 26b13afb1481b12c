"""Pages every member reads (list, detail, sample files) and the one-click actions on a template."""

from django.contrib import messages
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.models import Provider
from accounts.permissions import ADMINS, AUTHORS, EVERYONE, REVIEWERS, role_required
from accounts.selectors import list_filter_choices
from qontak_broadcast.availability import require_task_queue

from ..forms import ReviewForm, TemplateFilterForm
from ..screening import template_screen
from ..screening.advisor import browser_rules
from ..selectors import (
    ListFilters,
    content_get,
    review_refusal,
    template_get_for_member,
    templates_page,
    whatsapp_delete_refusal,
)
from ..services import template_delete, template_duplicate
from ..tasks import sync_template_status
from .common import content_previews, editable_draft
from .fragments import Options, TemplateRows

# The filters whose choices are the same for every organization, escaped once.
FIXED_FILTER_OPTIONS = {
    name: Options(TemplateFilterForm.base_fields[name].choices) for name in ("status", "category", "language")
}


@role_required(*EVERYONE)
def media_sample(request, template_id: int, language: str):
    """The sample file, served only to members of the template's organization."""
    template = template_get_for_member(member=request.membership, template_id=template_id)
    content = content_get(template=template, language=language)
    if not content.media_sample:
        raise Http404("No sample file.")
    response = FileResponse(content.media_sample.open("rb"), content_type=content.media_mime)
    disposition = "inline" if content.media_mime.startswith("image/") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{content.media_name or "sample"}"'
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@role_required(*EVERYONE)
def template_detail(request, template_id: int, *, review_form=None, status=200):
    template = template_get_for_member(member=request.membership, template_id=template_id)
    # The bubbles and the content screen read the same contents: once.
    prefetch_related_objects([template], "contents")
    # Approve/Reject are offered only to whom the service would let decide.
    can_review = request.membership.role in REVIEWERS and not review_refusal(
        template=template, user=request.user, member=request.membership
    )
    is_admin = request.membership.role in ADMINS
    context = {
        "template": template,
        "contents": content_previews(template),
        "events": template.events.select_related("actor"),
        "submissions": template.submissions.all(),
        "can_review": can_review,
        "review_form": review_form or ReviewForm(),
        "findings": template_screen(template=template) if can_review else [],
        "is_admin": is_admin,
        "can_delete_from_whatsapp": is_admin and not whatsapp_delete_refusal(template=template),
    }
    return render(request, "templates_app/detail.html", context, status=status)


@role_required(*ADMINS)
@require_POST
def template_sync(request, template_id: int):
    template = template_get_for_member(member=request.membership, template_id=template_id)
    if template.channel_account.provider != Provider.META or not template.submissions.exists():
        messages.info(request, _("Only templates sent to WhatsApp have a status to sync."))
    elif template.channel_account.disconnected_at:
        messages.info(request, _("The WhatsApp account is disconnected: its templates are no longer synced."))
    else:
        require_task_queue(gettext_lazy("ask WhatsApp for the status"))
        transaction.on_commit(lambda: sync_template_status.delay(template.pk), robust=True)
        messages.success(request, _("Asking WhatsApp for the latest status; reload in a moment."))
    return redirect("template_detail", template.pk)


@role_required(*AUTHORS)
@require_POST
def template_duplicate_view(request, template_id: int):
    template = template_get_for_member(member=request.membership, template_id=template_id)
    copy = template_duplicate(template=template, actor=request.user)
    messages.success(
        request, _("New draft “%(copy)s” created from “%(name)s”.") % {"copy": copy.name, "name": template.name}
    )
    return redirect(f"{reverse('template_edit', args=[copy.pk])}?lang={copy.languages[0]}")


@role_required(*AUTHORS)
@require_POST
def template_delete_view(request, template_id: int):
    template, gone = editable_draft(request, template_id)
    if gone:
        return gone
    name = template.name
    template_delete(template=template)
    messages.success(request, _("Draft “%(name)s” deleted.") % {"name": name})
    if getattr(request, "htmx", False):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = reverse("template_list")
        return response
    return redirect("template_list")


# --- list ----------------------------------------------------------------------
@role_required(*EVERYONE)
def template_list(request):
    member = request.membership
    accounts, members = list_filter_choices(member=member)
    form = TemplateFilterForm(
        request.GET or None,
        accounts=accounts,
        members=members,
        user=request.user,
        can_decide=member.role in REVIEWERS,
    )
    filters = form.filters() if form.is_valid() else ListFilters()
    page = templates_page(member=member, filters=filters, cursor=request.GET.get("cursor", ""))
    query = request.GET.copy()
    query.pop("cursor", None)
    options = {name: fixed.render(form[name].value()) for name, fixed in FIXED_FILTER_OPTIONS.items()}
    for name in ("account", "created_by"):
        options[name] = Options(form.fields[name].choices).render(form[name].value())
    return render(
        request,
        "templates_app/list.html",
        {
            "page": page,
            "rows": TemplateRows(can_edit_drafts=member.role in AUTHORS).render(page.rows),
            "options": options,
            "form": form,
            "query": query.urlencode(),
            "filtered": filters != ListFilters(),
            "can_create": member.role in AUTHORS,
        },
    )


# --- the category advisor's rules for the browser ----------------------------------------------------------
@role_required(*EVERYONE)
def advisor_rules(request):
    """The phrase rules step 2's script re-checks wording with. Same for everyone and long-lived: fetched once per
    version (the `v` in its URL) instead of carried by every page (18 KB)."""
    body, version = browser_rules()
    response = HttpResponse(body, content_type="application/json")
    if request.GET.get("v") == version:
        response.headers["Cache-Control"] = "private, max-age=31536000, immutable"
    return response
