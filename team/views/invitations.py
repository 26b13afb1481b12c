"""/invitations/<token>/: the link in an invitation email.

Anyone holding the link may open it (it is the key). A new person sets
their name and password; someone who already has an account logs in (the
login page brings them back here) and joins with it. A link used twice,
expired, revoked or replaced by a resend says so plainly.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from accounts.middleware import SESSION_KEY
from otp.services import RequestMeta

from ..forms import AcceptNewAccountForm
from ..selectors import InvitationProblem, invitation_for_token, user_by_email
from ..services import InvitationUnusable, TeamError, invitation_accept


def _problem(request, problem: InvitationProblem):
    status = 404 if problem is InvitationProblem.INVALID else 410
    return render(request, "team/invitation_problem.html", {"message": problem.message}, status=status)


def _joined(request, membership):
    # Joining is a new security context: a new session key, acting in the new organization.
    request.session.cycle_key()
    request.session[SESSION_KEY] = membership.organization_id
    messages.success(
        request,
        gettext("Welcome to %(organization)s. You are %(role)s here.")
        % {"organization": membership.organization.name, "role": membership.get_role_display()},
    )
    return redirect("dashboard")


@require_http_methods(["GET", "POST"])
def invitation_accept_view(request, token: str):
    lookup = invitation_for_token(token)
    if lookup.problem:
        return _problem(request, lookup.problem)
    invitation = lookup.invitation
    context = {"invitation": invitation}
    meta = RequestMeta.from_request(request)

    if request.user.is_authenticated:
        if request.user.email.lower() != invitation.email.lower():
            return render(request, "team/invitation_other_account.html", context, status=403)
        if request.method == "POST":
            try:
                return _joined(request, invitation_accept(token=token, user=request.user, meta=meta))
            except InvitationUnusable as exc:
                return _problem(request, exc.problem)
            except TeamError as exc:
                context["error"] = exc.message
        return render(request, "team/invitation_join.html", context)

    existing = user_by_email(email=invitation.email)
    if existing is not None and existing.has_usable_password():
        if request.method == "POST":
            return redirect_to_login(request.get_full_path())
        return render(request, "team/invitation_log_in.html", context)

    form = AcceptNewAccountForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            membership = invitation_accept(
                token=token,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
                meta=meta,
            )
        except InvitationUnusable as exc:
            return _problem(request, exc.problem)
        except TeamError as exc:
            form.add_error(None, exc.message)
        else:
            login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
            return _joined(request, membership)
    context["form"] = form
    return render(request, "team/invitation_new_account.html", context, status=422 if form.errors else 200)
