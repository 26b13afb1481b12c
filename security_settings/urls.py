from django.urls import path

from . import views

urlpatterns = [
    path("", views.security_page, name="security"),
    path("<slug:policy>/<str:direction>/", views.toggle_confirm, name="security_toggle_confirm"),
    path("<slug:policy>/<str:direction>/verify/", views.toggle_verify, name="security_toggle_verify"),
    path("<slug:policy>/<str:direction>/resend/", views.toggle_resend, name="security_toggle_resend"),
    path("<slug:policy>/<str:direction>/cancel/", views.toggle_cancel, name="security_toggle_cancel"),
]
