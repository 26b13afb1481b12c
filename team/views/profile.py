"""The profile (everyone): name, preferred language, email, password, organizations.

Email change: the new address gets a confirmation link (nothing changes
before it is confirmed there), asking for it needs the current password,
and the old address is told once it changed.
"""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from accounts.middleware import SESSION_KEY
from otp.services import RequestMeta

from ..forms import EmailChangeForm, PasswordChangeForm, ProfileForm
from ..selectors import email_change_for_token, memberships_of_user
from ..services import (
    EmailChangeUnusable,
    TeamError,
    email_change_confirm,
    email_change_request,
    membership_remove,
    password_change,
    profile_update,
)


def _page(request, *, profile_form=None, email_form=None, password_form=None, status=200):
    user = request.user
    return render(
        request,
        "team/profile.html",
        {
            "profile_form": profile_form
            or ProfileForm(initial={"full_name": user.full_name, "language": user.language}),
            "email_form": email_form or EmailChangeForm(user=user),
            "password_form": password_form or PasswordChangeForm(user),
            "organizations": memberships_of_user(user=user),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    if request.method == "GET":
        return _page(request)
    form = ProfileForm(request.POST)
    if not form.is_valid():
        return _page(request, profile_form=form, status=422)
    profile_update(
        user=request.user,
        full_name=form.cleaned_data["full_name"],
        language=form.cleaned_data["language"],
        meta=RequestMeta.from_request(request),
    )
    messages.success(request, gettext("Your profile was saved."))
    return redirect("profile")


@login_required
@require_POST
def profile_email(request):
    form = EmailChangeForm(request.POST, user=request.user)
    if not form.is_valid():
        return _page(request, email_form=form, status=422)
    email_change_request(user=request.user, new_email=form.cleaned_data["email"])
    messages.success(
        request,
        gettext("We sent a confirmation link to %(new)s. Your address stays %(email)s until you open it.")
        % {"new": form.cleaned_data["email"], "email": request.user.email},
    )
    return redirect("profile")


@login_required
@require_POST
def profile_password(request):
    form = PasswordChangeForm(request.user, request.POST)
    if not form.is_valid():
        return _page(request, password_form=form, status=422)
    user = password_change(
        user=request.user, password=form.cleaned_data["new_password1"], meta=RequestMeta.from_request(request)
    )
    # This session stays logged in; every other session of the account ends.
    update_session_auth_hash(request, user)
    messages.success(request, gettext("Your password was changed. Other sessions of your account were logged out."))
    return redirect("profile")


@require_http_methods(["GET", "POST"])
def profile_email_confirm(request, token: str):
    """The link from the new address. GET shows what will change; POST changes it (link scanners only GET)."""
    lookup = email_change_for_token(token)
    if lookup.problem:
        status = 410 if lookup.gone else 404
        return render(request, "team/email_confirm.html", {"problem": lookup.problem}, status=status)
    if request.method == "POST":
        try:
            user = email_change_confirm(token=token, meta=RequestMeta.from_request(request))
        except EmailChangeUnusable as exc:
            return render(request, "team/email_confirm.html", {"problem": exc.message}, status=410)
        return render(request, "team/email_confirm.html", {"done": True, "new_email": user.email})
    return render(request, "team/email_confirm.html", {"old_email": lookup.user.email, "new_email": lookup.new_email})


@login_required
@require_POST
def profile_leave(request, organization_id: int):
    membership = memberships_of_user(user=request.user).filter(organization_id=organization_id).first()
    if membership is None:
        raise Http404("No such organization.")
    try:
        membership_remove(membership=membership, actor=request.user, meta=RequestMeta.from_request(request))
    except TeamError as exc:
        messages.error(request, exc.message)
        return redirect("profile")
    if request.session.get(SESSION_KEY) == organization_id:
        del request.session[SESSION_KEY]
    messages.success(request, gettext("You left %(organization)s.") % {"organization": membership.organization.name})
    return redirect("profile")
