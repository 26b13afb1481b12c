"""/webhooks/whatsapp/: status, category and quality updates pushed by the WhatsApp Business Platform."""

import logging

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from accounts.selectors import webhook_secrets_for
from qontak_broadcast.client_address import client_ip

from .models import StatusEvent
from .providers.base import WebhookRejected
from .providers.meta import parse_webhook, verify_handshake, verify_signature, webhook_waba_ids
from .submission import submission_status_apply

logger = logging.getLogger(__name__)


@csrf_exempt  # authenticated by the X-Hub-Signature-256 HMAC instead of a cookie
@require_http_methods(["GET", "POST"])
def whatsapp_webhook(request):
    if request.method == "GET":
        try:
            return HttpResponse(verify_handshake(request.GET), content_type="text/plain")
        except WebhookRejected:
            return HttpResponseForbidden("Verification failed.")
    body = request.body
    # Each account signs with its own app secret: every account the body names must have signed it.
    secrets = webhook_secrets_for(waba_ids=webhook_waba_ids(body), default=str(settings.META_APP_SECRET or ""))
    try:
        if not secrets:
            raise WebhookRejected("No app secret for this account.")
        for secret in secrets:
            verify_signature(body, request.headers.get("X-Hub-Signature-256"), secret)
    except WebhookRejected:
        logger.warning("Rejected a WhatsApp webhook with a missing or wrong signature from %s", client_ip(request))
        return HttpResponseForbidden("Bad signature.")
    try:
        updates = parse_webhook(body)
    except ValueError:
        return HttpResponseBadRequest("Not a WhatsApp webhook body.")
    # Oldest first, so a batch that carries several events applies them in order.
    for update in sorted(updates, key=lambda u: u.occurred_at):
        submission_status_apply(update=update, source=StatusEvent.Source.WEBHOOK)
    return HttpResponse("ok", content_type="text/plain")
