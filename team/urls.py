from django.urls import path

from .views import invitations, members, organization, profile

urlpatterns = [
    path("settings/members/", members.members_page, name="members"),
    path("settings/members/invite/", members.member_invite, name="member_invite"),
    path("settings/members/invite/verify/", members.member_invite_verify, name="member_invite_verify"),
    path("settings/members/invite/resend/", members.member_invite_resend, name="member_invite_resend"),
    path("settings/members/invite/cancel/", members.member_invite_cancel, name="member_invite_cancel"),
    path(
        "settings/members/invitations/<int:invitation_id>/resend/",
        members.invitation_resend_view,
        name="invitation_resend",
    ),
    path(
        "settings/members/invitations/<int:invitation_id>/revoke/",
        members.invitation_revoke_view,
        name="invitation_revoke",
    ),
    path("settings/members/<int:membership_id>/role/", members.member_role, name="member_role"),
    path("settings/members/<int:membership_id>/role/verify/", members.member_role_verify, name="member_role_verify"),
    path("settings/members/<int:membership_id>/role/resend/", members.member_role_resend, name="member_role_resend"),
    path("settings/members/<int:membership_id>/role/cancel/", members.member_role_cancel, name="member_role_cancel"),
    path("settings/members/<int:membership_id>/remove/", members.member_remove, name="member_remove"),
    path(
        "settings/members/<int:membership_id>/remove/verify/", members.member_remove_verify, name="member_remove_verify"
    ),
    path(
        "settings/members/<int:membership_id>/remove/resend/", members.member_remove_resend, name="member_remove_resend"
    ),
    path(
        "settings/members/<int:membership_id>/remove/cancel/", members.member_remove_cancel, name="member_remove_cancel"
    ),
    path("settings/organization/", organization.organization_settings, name="organization_settings"),
    path("settings/audit/", organization.audit_trail, name="audit_trail"),
    path("settings/audit/export.csv", organization.audit_trail_export, name="audit_trail_export"),
    path("profile/", profile.profile, name="profile"),
    path("profile/email/", profile.profile_email, name="profile_email"),
    path("profile/email/confirm/<str:token>/", profile.profile_email_confirm, name="profile_email_confirm"),
    path("profile/password/", profile.profile_password, name="profile_password"),
    path("profile/organizations/<int:organization_id>/leave/", profile.profile_leave, name="profile_leave"),
    path("invitations/<str:token>/", invitations.invitation_accept_view, name="invitation_accept"),
]
