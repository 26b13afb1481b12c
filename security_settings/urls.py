from django.urls import path

from . import code_lock_views, views

urlpatterns = [
    path("", views.security_page, name="security"),
    path("code-locks/<int:lock_id>/unlock/", code_lock_views.code_lock_release_view, name="security_code_lock_release"),
    path("<slug:policy>/<str:direction>/", views.toggle_confirm, name="security_toggle_confirm"),
    path("<slug:policy>/<str:direction>/verify/", views.toggle_verify, name="security_toggle_verify"),
    path("<slug:policy>/<str:direction>/resend/", views.toggle_resend, name="security_toggle_resend"),
    path("<slug:policy>/<str:direction>/cancel/", views.toggle_cancel, name="security_toggle_cancel"),
]
