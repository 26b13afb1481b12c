from django.urls import path

from . import code_lock_views, views

urlpatterns = [
    path("", views.security_page, name="security"),
    path("broadcast-template-otp/<str:direction>/", views.toggle_confirm, name="security_toggle_confirm"),
    path("broadcast-template-otp/<str:direction>/verify/", views.toggle_verify, name="security_toggle_verify"),
    path("broadcast-template-otp/<str:direction>/resend/", views.toggle_resend, name="security_toggle_resend"),
    path("broadcast-template-otp/<str:direction>/cancel/", views.toggle_cancel, name="security_toggle_cancel"),
    path("code-locks/<int:lock_id>/unlock/", code_lock_views.code_lock_release_view, name="security_code_lock_release"),
]
