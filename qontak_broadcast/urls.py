from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.cache import cache_page
from django.views.i18n import JavaScriptCatalog

from templates_app import whatsapp_views
from templates_app.webhooks import whatsapp_webhook

from .health import healthz

admin.site.site_header = "Qontak Broadcast operations"
admin.site.site_title = "Qontak Broadcast"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # The scripts' strings in the active language, same origin (the CSP forbids inline script).
    path("jsi18n/", cache_page(60 * 60)(JavaScriptCatalog.as_view()), name="javascript_catalog"),
    path("webhooks/whatsapp/", whatsapp_webhook, name="whatsapp_webhook"),
    path("settings/security/", include("security_settings.urls")),
    path("settings/channels/connect/", whatsapp_views.channel_connect, name="channel_connect"),
    path(
        "settings/channels/<int:account_id>/phone-number/",
        whatsapp_views.channel_phone_number,
        name="channel_phone_number",
    ),
    path("settings/channels/<int:account_id>/import/", whatsapp_views.channel_import, name="channel_import"),
    path("settings/channels/<int:account_id>/secrets/", whatsapp_views.channel_secrets, name="channel_secrets"),
    path(
        "settings/channels/<int:account_id>/secrets/confirm/",
        whatsapp_views.channel_secrets_confirm,
        name="channel_secrets_confirm",
    ),
    path(
        "settings/channels/<int:account_id>/secrets/verify/",
        whatsapp_views.channel_secrets_verify,
        name="channel_secrets_verify",
    ),
    path(
        "settings/channels/<int:account_id>/secrets/resend/",
        whatsapp_views.channel_secrets_resend,
        name="channel_secrets_resend",
    ),
    path(
        "settings/channels/<int:account_id>/secrets/cancel/",
        whatsapp_views.channel_secrets_cancel,
        name="channel_secrets_cancel",
    ),
    path(
        "settings/channels/<int:account_id>/disconnect/", whatsapp_views.channel_disconnect, name="channel_disconnect"
    ),
    path(
        "settings/channels/<int:account_id>/disconnect/confirm/",
        whatsapp_views.channel_disconnect_confirm,
        name="channel_disconnect_confirm",
    ),
    path(
        "settings/channels/<int:account_id>/disconnect/verify/",
        whatsapp_views.channel_disconnect_verify,
        name="channel_disconnect_verify",
    ),
    path(
        "settings/channels/<int:account_id>/disconnect/resend/",
        whatsapp_views.channel_disconnect_resend,
        name="channel_disconnect_resend",
    ),
    path(
        "settings/channels/<int:account_id>/disconnect/cancel/",
        whatsapp_views.channel_disconnect_cancel,
        name="channel_disconnect_cancel",
    ),
    path("broadcast/templates/", include("templates_app.urls")),
    path("", include("team.urls")),
    path("", include("accounts.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
