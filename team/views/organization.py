"""Settings > Organization (Admins): its name and time zone, and its audit trail with a CSV export."""

import csv
from datetime import datetime, time, timedelta

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from accounts.permissions import ADMINS, role_required
from accounts.selectors import audit_entries
from otp.services import RequestMeta

from ..forms import AuditFilterForm, OrganizationForm
from ..services import organization_update


@role_required(*ADMINS)
@require_http_methods(["GET", "POST"])
def organization_settings(request):
    organization = request.membership.organization
    form = OrganizationForm(
        request.POST or None, initial={"name": organization.name, "time_zone": organization.time_zone}
    )
    if request.method == "POST":
        if form.is_valid():
            organization_update(
                organization=organization,
                name=form.cleaned_data["name"],
                time_zone=form.cleaned_data["time_zone"],
                actor=request.user,
                meta=RequestMeta.from_request(request),
            )
            messages.success(request, gettext("Organization settings saved."))
            return redirect("organization_settings")
    status = 422 if form.errors else 200
    return render(request, "team/organization.html", {"form": form, "now": timezone.now()}, status=status)


def _filtered(request):
    """The trail with the page's filters; dates are days in the organization's time zone (activated)."""
    form = AuditFilterForm(request.GET or None)
    filters = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        zone = timezone.get_current_timezone()
        filters = {
            "action": data["action"],
            "who": data["who"].strip(),
            "since": timezone.make_aware(datetime.combine(data["since"], time.min), zone) if data["since"] else None,
            "until": (
                timezone.make_aware(datetime.combine(data["until"] + timedelta(days=1), time.min), zone)
                if data["until"]
                else None
            ),
        }
    entries = audit_entries(organization_id=request.membership.organization_id, **filters)
    return form, entries, any(filters.values())


@role_required(*ADMINS)
@require_GET
def audit_trail(request):
    form, entries, filtered = _filtered(request)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "team/audit_trail.html",
        {"form": form, "page": page, "filtered": filtered, "query": query.urlencode()},
    )


class _Echo:
    def write(self, value):
        return value


def _cell(value) -> str:
    # A cell starting with = + - @ would run as a formula in a spreadsheet (CSV injection).
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@role_required(*ADMINS)
@require_GET
def audit_trail_export(request):
    _, entries, _ = _filtered(request)
    writer = csv.writer(_Echo())
    zone = timezone.get_current_timezone()
    header = ["when", "who", "what", "about", "details", "from", "user agent"]

    def rows():
        yield writer.writerow(header)
        for entry in entries.iterator(chunk_size=1000):
            yield writer.writerow(
                [
                    _cell(value)
                    for value in (
                        timezone.localtime(entry.created_at, zone).isoformat(timespec="seconds"),
                        entry.actor_email,
                        entry.get_action_display(),
                        entry.target,
                        entry.summary,
                        entry.ip or "",
                        entry.user_agent,
                    )
                ]
            )

    organization = request.membership.organization
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime(timezone.now(), zone).strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="audit-trail-{organization.pk}-{stamp}.csv"'
    return response
