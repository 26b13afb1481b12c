"""The WhatsApp Business Platform (Meta) approval provider.

Flow C of DESIGN.md for channel accounts whose provider is `meta`:

- `MetaProvider.submit_content` turns one language of a template into one
  WhatsApp message template (`POST /{version}/{waba-id}/message_templates`).
  A media header's sample goes first through the Resumable Upload API
  (`POST /{app-id}/uploads`, then `POST /{upload-session-id}`) for the handle
  the template's `example.header_handle` names.
- Review results come back through the WhatsApp webhook (/webhooks/whatsapp/):
  the view checks the request with `verify_handshake` (GET) or
  `verify_signature` (POST) and reads it with `parse_webhook`.
- `MetaProvider.fetch_status` reads one template again: the periodic sync's
  safety net for webhooks that never arrived.

A second delivery of the same submission must never create a second
template: when WhatsApp answers that the name already exists in that
language, the existing template is looked up and adopted, but only when its
category and components say what we sent (`same_content`); a template of that
name with other content is never taken over with its status.

The access token travels only in the Authorization header, never in a URL,
so no exception text or log line built from a URL can carry it; messages
built from WhatsApp's answers are scrubbed of it all the same.
"""

from __future__ import annotations

import email.utils
import hashlib
import hmac
import json
import logging
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import requests
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import ChannelAccount
from templates_app import reasons
from templates_app.models import Content, HeaderFormat, Status, Submission, Template
from templates_app.rules import DEFAULT_PHONE_REGION, phone_number_normalised, variables_in
from templates_app.spec import COPY_CODE, NAMED, PHONE_NUMBER, POSITIONAL, QUICK_REPLY, URL, variable_keys

from .base import (
    PermanentProviderError,
    Provider,
    StatusUpdate,
    SubmitResult,
    TemporaryProviderError,
    WebhookRejected,
)

logger = logging.getLogger(__name__)

# WhatsApp's template statuses (template `status` field and the webhook's
# `event`) as our Status values. None: the event says nothing about whether
# the template can be sent, so the status we have stays.
WHATSAPP_STATUSES: dict[str, str | None] = {
    "APPROVED": Status.APPROVED.value,
    "REJECTED": Status.REJECTED.value,
    "PENDING": Status.PENDING.value,
    "IN_APPEAL": Status.PENDING.value,
    "PAUSED": Status.PAUSED.value,
    "DISABLED": Status.DISABLED.value,
    "REINSTATED": Status.APPROVED.value,
    # Archived for inactivity; unarchiving restores it for sending (the full sync corrects the rare other case).
    "ARCHIVED": Status.ARCHIVED.value,
    "UNARCHIVED": Status.APPROVED.value,
    "PENDING_DELETION": Status.DELETED.value,
    "DELETED": Status.DELETED.value,
    "FLAGGED": None,
    "LOCKED": None,
    "UNLOCKED": None,
    "LIMIT_EXCEEDED": None,
}
FLAGGED_REASON = reasons.FLAGGED
# What an event that leaves the status alone means, for the timeline when WhatsApp gives no reason.
# Stored in English, shown translated (templates_app.reasons).
EVENT_NOTES = {
    "FLAGGED": FLAGGED_REASON,
    "LOCKED": reasons.LOCKED,
    "UNLOCKED": reasons.UNLOCKED,
    "LIMIT_EXCEEDED": reasons.LIMIT_EXCEEDED,
    "UNARCHIVED": reasons.UNARCHIVED,
}

# Graph API error codes worth retrying: 1 (API Unknown) and 2 (API Service)
# are temporary failures; 4, 17, 32, 341 and 613 are Graph rate limits; 80007
# (WhatsApp Business Account) and 80008 (WhatsApp Business Management API) are
# business use case rate limits; 130429 is Cloud API throughput.
TEMPORARY_ERROR_CODES = frozenset({1, 2, 4, 17, 32, 341, 613, 80007, 80008, 130429})
# Code 100, subcode 2388024: "Content in This Language Already Exists".
CONTENT_EXISTS_SUBCODE = 2388024
INVALID_PARAMETER_CODE = 100
DIFFERENT_CONTENT_MESSAGE = reasons.DIFFERENT_CONTENT
AUTH_ERROR_CODES = frozenset({102, 190})

TEMPLATE_FIELDS = "id,name,status,category,language,quality_score,rejected_reason"
LIST_FIELDS = "id,name,status,category,previous_category,language,components"
LIST_PAGE_SIZE = 100
LIST_PAGES_MAX = 20
# Reading every template of an account (import, status sync): WhatsApp allows at most 6,000 per account.
ACCOUNT_PAGES_MAX = 200
IMPORT_FIELDS = "id,name,language,status,category,components,parameter_format,quality_score,rejected_reason"
SYNC_FIELDS = "id,name,language,status,category,quality_score,rejected_reason"
# Code 100, subcode 2593002: "Message template not found" (deleting one that is already gone).
TEMPLATE_NOT_FOUND_SUBCODE = 2593002
RETRY_AFTER_MAX = 24 * 60 * 60
UPLOAD_RESUMES_MAX = 3
UPLOAD_CHUNK_SIZE = 256 * 1024
MEDIA_HEADER_FORMATS = (HeaderFormat.IMAGE, HeaderFormat.VIDEO, HeaderFormat.DOCUMENT)

_TEMPLATE_ID = re.compile(r"[0-9]{1,64}")
_GRAPH_CODE_PREFIX = re.compile(r"^\(#\d+\)\s*")
# The challenge is echoed back to whoever asked: only plain token characters.
_CHALLENGE = re.compile(r"[A-Za-z0-9._~-]{1,256}")
_SIGNATURE_PREFIX = "sha256="
# Webhook timestamps are Unix seconds; anything outside this range is not one.
_TIMESTAMP_MAX = 32503680000  # year 3000
WEBHOOK_FIELDS = ("message_template_status_update", "template_category_update", "message_template_quality_update")


class _GraphError(Exception):
    """A Graph API answer other than 2xx, before it is judged temporary or permanent."""

    def __init__(self, *, status: int, error: Mapping[str, Any], retry_after: int | None):
        super().__init__(f"HTTP {status}")
        self.status = status
        self.error = error
        self.retry_after = retry_after

    @property
    def code(self) -> int | None:
        return _as_int(self.error.get("code"))

    @property
    def subcode(self) -> int | None:
        return _as_int(self.error.get("error_subcode"))

    def means_already_exists(self) -> bool:
        return self.status == 400 and self.code == INVALID_PARAMETER_CODE and self.subcode == CONTENT_EXISTS_SUBCODE

    def is_temporary(self) -> bool:
        return (
            self.status == 429
            or not 400 <= self.status < 500  # 5xx, and anything odd such as a redirect
            or self.code in TEMPORARY_ERROR_CODES
            or self.error.get("is_transient") is True
        )


class MetaProvider(Provider):
    """Submits templates to WhatsApp for review through the Graph API."""

    name = "meta"

    def __init__(self, account: ChannelAccount):
        self.account = account
        self.session = requests.Session()

    # --- submission ---------------------------------------------------------
    def submit_content(self, *, template: Template, content: Content, category: str = "") -> SubmitResult:
        header_handle = self._upload_sample(content) if content.header_format in MEDIA_HEADER_FORMATS else ""
        payload = template_payload(template=template, content=content, header_handle=header_handle, category=category)
        try:
            answer = self._send("POST", f"{self._waba_id()}/message_templates", json_body=payload)
        except _GraphError as error:
            if error.means_already_exists():
                existing = self._find_template(name=template.name, language=content.language)
                if existing is not None:
                    if not same_content(existing, payload):
                        logger.info(
                            "WhatsApp template %s [%s] already exists as %s with other content: not adopted",
                            template.name,
                            content.language,
                            existing.get("id"),
                        )
                        raise PermanentProviderError(DIFFERENT_CONTENT_MESSAGE) from None
                    logger.info(
                        "WhatsApp template %s [%s] already exists as %s: adopting it",
                        template.name,
                        content.language,
                        existing.get("id"),
                    )
                    return self._submit_result(existing)
            raise self._provider_error(error) from None
        return self._submit_result(answer)

    def fetch_status(self, *, submission: Submission) -> StatusUpdate | None:
        template_id = str(submission.provider_template_id or "").strip()
        if not _TEMPLATE_ID.fullmatch(template_id):
            return None  # never reached WhatsApp, or not a WhatsApp template id
        data = self._call("GET", template_id, params={"fields": TEMPLATE_FIELDS})
        raw_status = _text(data.get("status"))
        reason = _text(data.get("rejected_reason"))
        if reason.upper() == "NONE":
            reason = ""
        if raw_status == "FLAGGED" and not reason:
            reason = FLAGGED_REASON
        quality = data.get("quality_score")
        return StatusUpdate(
            provider_template_id=template_id,
            occurred_at=timezone.now(),
            status=whatsapp_status(raw_status),
            reason=reason,
            quality=_text(quality.get("score")) if isinstance(quality, Mapping) else "",
            category=_text(data.get("category")),
            raw_event=raw_status,
        )

    def account_templates(self, *, fields: str) -> Iterator[Mapping[str, Any]]:
        """Every template of the account, page after page (`GET /{waba-id}/message_templates`).

        Follows `paging.cursors.after` while the page says there is a `next`
        one. Items without a numeric id, a name and a language are skipped.
        Raises ProviderError when a page can't be read: a caller that needs
        the whole list (to tell what is gone) must not act on part of it.
        """
        params: dict[str, Any] = {"fields": fields, "limit": LIST_PAGE_SIZE}
        seen_cursors: set[str] = set()
        for _ in range(ACCOUNT_PAGES_MAX):
            page = self._call("GET", f"{self._waba_id()}/message_templates", params=params)
            items = page.get("data")
            for item in items if isinstance(items, list) else []:
                if (
                    isinstance(item, Mapping)
                    and _TEMPLATE_ID.fullmatch(_id_text(item.get("id")))
                    and _text(item.get("name"))
                    and _text(item.get("language"))
                ):
                    yield item
            paging = page.get("paging")
            cursors = paging.get("cursors") if isinstance(paging, Mapping) else None
            after = cursors.get("after") if isinstance(cursors, Mapping) else None
            if not (isinstance(after, str) and after and paging.get("next")) or after in seen_cursors:
                return
            seen_cursors.add(after)
            params = {**params, "after": after}
        raise TemporaryProviderError("The account has more templates than can be read at once.")

    def delete_template(self, *, name: str, provider_template_id: str) -> bool:
        """Delete one language of a template on WhatsApp (`DELETE /{waba-id}/message_templates?hsm_id=&name=`).

        By id and name, so the other languages of the name (which may be
        another template here) stay. False when WhatsApp no longer has it.
        """
        try:
            self._send(
                "DELETE",
                f"{self._waba_id()}/message_templates",
                params={"hsm_id": provider_template_id, "name": name},
            )
        except _GraphError as error:
            if (
                error.status == 400
                and error.code == INVALID_PARAMETER_CODE
                and error.subcode == TEMPLATE_NOT_FOUND_SUBCODE
            ):
                return False
            raise self._provider_error(error) from None
        return True

    def close(self) -> None:
        self.session.close()

    # --- media samples ------------------------------------------------------
    def _upload_sample(self, content: Content) -> str:
        """The handle of the content's media sample, uploaded with the Resumable Upload API."""
        app_id = str(self.account.meta_app_id or "").strip()
        if not app_id:
            raise PermanentProviderError(
                "The channel account has no Meta app ID, which WhatsApp needs to receive the media sample: "
                "ask an admin to add it to the account."
            )
        if not content.media_sample:
            raise PermanentProviderError(
                f"The {content.header_format.lower()} header of the {content.language} content has no sample file."
            )
        try:
            sample = content.media_sample.open("rb")
        except FileNotFoundError:
            raise PermanentProviderError(
                f"The sample file of the {content.language} content is missing from storage."
            ) from None
        except OSError:
            raise TemporaryProviderError("The media sample could not be read from storage.") from None
        with sample:
            size = content.media_sample.size
            upload_session = self._call(
                "POST",
                f"{app_id}/uploads",
                params={
                    "file_name": content.media_name or "sample",
                    "file_length": size,
                    "file_type": content.media_mime,
                },
            )
            upload_id = upload_session.get("id")
            if not isinstance(upload_id, str) or not upload_id.startswith("upload:") or re.search(r"[\s#]", upload_id):
                raise TemporaryProviderError("WhatsApp did not open an upload session for the media sample.")
            return self._upload_from(upload_id, sample, size)

    def _upload_from(self, upload_id: str, sample, size: int) -> str:
        """Stream the sample from storage into the upload session, resuming where WhatsApp says it stopped.

        The file is sent in one request from its current offset (never read whole into memory); when the
        connection breaks, `GET /{upload-session-id}` tells the offset WhatsApp received up to, and the rest
        follows from there, as the Resumable Upload API documents.
        """
        offset = 0
        for _ in range(UPLOAD_RESUMES_MAX):
            try:
                sample.seek(offset)
                # The session id is used as given (it carries its own ?sig= query).
                uploaded = self._call(
                    "POST",
                    upload_id,
                    data=_FileSlice(sample, size - offset),
                    headers={"file_offset": str(offset)},
                    auth_scheme="OAuth",
                )
            except TemporaryProviderError:
                status = self._call("GET", upload_id, auth_scheme="OAuth")
                received = _as_int(status.get("file_offset"))
                if received is None or not 0 <= received <= size:
                    raise
                offset = received
                continue
            except OSError:
                raise TemporaryProviderError("The media sample could not be read from storage.") from None
            handle = uploaded.get("h")
            if not isinstance(handle, str) or not handle:
                raise TemporaryProviderError("WhatsApp did not return a handle for the uploaded media sample.")
            return handle
        raise TemporaryProviderError("The upload of the media sample kept breaking off.")

    # --- idempotency --------------------------------------------------------
    def _find_template(self, *, name: str, language: str) -> Mapping[str, Any] | None:
        """The account's template with exactly this name and language, if WhatsApp has one."""
        params: dict[str, Any] = {"name": name, "fields": LIST_FIELDS, "limit": LIST_PAGE_SIZE}
        for _ in range(LIST_PAGES_MAX):
            page = self._call("GET", f"{self._waba_id()}/message_templates", params=params)
            items = page.get("data")
            for item in items if isinstance(items, list) else []:
                if (
                    isinstance(item, Mapping)
                    and item.get("name") == name
                    and item.get("language") == language
                    and _TEMPLATE_ID.fullmatch(_id_text(item.get("id")))
                ):
                    return item
            paging = page.get("paging")
            cursors = paging.get("cursors") if isinstance(paging, Mapping) else None
            after = cursors.get("after") if isinstance(cursors, Mapping) else None
            if not (isinstance(after, str) and after and paging.get("next")):
                return None
            params = {**params, "after": after}
        return None

    def _submit_result(self, answer: Mapping[str, Any]) -> SubmitResult:
        template_id = _id_text(answer.get("id"))
        if not _TEMPLATE_ID.fullmatch(template_id):
            # It may exist at WhatsApp all the same: the retry adopts it.
            raise TemporaryProviderError("WhatsApp accepted the template without saying its ID.")
        raw_status = _text(answer.get("status"))
        status = whatsapp_status(raw_status)
        if status is None:
            status = Status.APPROVED.value if raw_status == "FLAGGED" else Status.PENDING.value
        return SubmitResult(provider_template_id=template_id, status=status, category=_text(answer.get("category")))

    # --- HTTP ---------------------------------------------------------------
    def _waba_id(self) -> str:
        waba_id = str(self.account.waba_id or "").strip()
        if not _TEMPLATE_ID.fullmatch(waba_id):
            raise PermanentProviderError(
                "The channel account has no valid WhatsApp Business Account ID: ask an admin to set it."
            )
        return waba_id

    def _token(self) -> str:
        token = str(self.account.meta_access_token or "").strip()
        if not token:
            raise PermanentProviderError("The channel account has no Meta access token: ask an admin to add it.")
        return token

    def _call(self, method: str, path: str, **kwargs) -> dict[str, Any]:
        try:
            return self._send(method, path, **kwargs)
        except _GraphError as error:
            raise self._provider_error(error) from None

    def _send(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json_body: Any = None,
        data: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        auth_scheme: str = "Bearer",
    ) -> dict[str, Any]:
        """One Graph API call: its JSON object, or _GraphError / TemporaryProviderError."""
        token = self._token()
        base = str(settings.META_GRAPH_API_URL).rstrip("/")
        url = f"{base}/{settings.META_GRAPH_API_VERSION}/{path}"
        request_headers = {"Authorization": f"{auth_scheme} {token}", **(headers or {})}
        timeout = float(settings.META_HTTP_TIMEOUT)
        try:
            response = self.session.request(
                method,
                url,
                params=params,
                json=json_body,
                data=data,
                headers=request_headers,
                timeout=(timeout, timeout),
                allow_redirects=False,
            )
        except requests.Timeout:
            logger.warning("WhatsApp %s %s timed out after %ss", method, _log_path(path), timeout)
            raise TemporaryProviderError("WhatsApp did not answer in time.") from None
        except requests.ConnectionError:
            logger.warning("WhatsApp %s %s: connection failed", method, _log_path(path))
            raise TemporaryProviderError("WhatsApp could not be reached.") from None
        except requests.RequestException as error:
            logger.warning("WhatsApp %s %s failed: %s", method, _log_path(path), type(error).__name__)
            raise TemporaryProviderError("The request to WhatsApp failed.") from None

        body = _json_or_none(response)
        if 200 <= response.status_code < 300:
            if not isinstance(body, dict):
                raise TemporaryProviderError("WhatsApp answered with something other than JSON.")
            return body
        error = body.get("error") if isinstance(body, dict) else None
        graph_error = _GraphError(
            status=response.status_code,
            error=error if isinstance(error, Mapping) else {},
            retry_after=retry_after_seconds(response.headers),
        )
        logger.warning(
            "WhatsApp %s %s answered HTTP %s (code %s, subcode %s, fbtrace_id %s)",
            method,
            _log_path(path),
            response.status_code,
            graph_error.code,
            graph_error.subcode,
            _text(graph_error.error.get("fbtrace_id")),
        )
        raise graph_error

    def _provider_error(self, error: _GraphError) -> TemporaryProviderError | PermanentProviderError:
        if error.is_temporary():
            message = _user_message(error.error) or f"WhatsApp is not available right now (HTTP {error.status})."
            if error.status == 429 or error.code in TEMPORARY_ERROR_CODES - {1, 2}:
                message = "WhatsApp asked us to slow down: " + message
            return TemporaryProviderError(self._scrub(message), retry_after=error.retry_after)
        if error.status == 401 or error.code in AUTH_ERROR_CODES:
            message = (
                "WhatsApp did not accept the channel account's access token (it may have expired): "
                "ask an admin to update it."
            )
        else:
            message = _user_message(error.error) or f"WhatsApp refused the request (HTTP {error.status})."
        return PermanentProviderError(self._scrub(message))

    def _scrub(self, text: str) -> str:
        token = str(self.account.meta_access_token or "")
        return text.replace(token, "[hidden]") if len(token) >= 4 else text


# --- connecting an account --------------------------------------------------
class ConnectionRefused(Exception):
    """A credential of a WhatsApp account to connect did not pass; `message` says which, plainly."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class PhoneNumber:
    id: str
    display: str
    verified_name: str


@dataclass(frozen=True)
class ConnectionCheck:
    account_name: str
    phone_numbers: list[PhoneNumber]


UNKNOWN_OBJECT_SUBCODE = 33  # code 100: the object does not exist or the token may not see it


def connection_check(*, waba_id: str, app_id: str, app_secret: str, access_token: str) -> ConnectionCheck:
    """Try the credentials against the Graph API before anything is saved, then subscribe the app.

    In order: the token reads the WhatsApp Business Account (token accepted, account reachable), the
    app secret matches the token's app (`appsecret_proof`) and the app ID is that app, the account's
    phone numbers, then `POST /{waba-id}/subscribed_apps` so the account's webhooks reach this app.
    Decided by HTTP status, error code and subcode only.
    """
    account = ChannelAccount(
        provider="meta", waba_id=waba_id, meta_app_id=app_id, meta_access_token=access_token, meta_app_secret=app_secret
    )
    client = MetaProvider(account)
    proof = hmac.new(app_secret.encode(), access_token.encode(), hashlib.sha256).hexdigest()
    try:
        waba = _connect_step(
            client,
            "GET",
            waba_id,
            params={"fields": "id,name"},
            unknown=(gettext("No WhatsApp Business Account with this ID can be reached with this token."), "waba_id"),
        )
        _connect_step(
            client,
            "GET",
            app_id,
            params={"fields": "id", "appsecret_proof": proof},
            unknown=(gettext("No Meta app with this ID can be reached with this token."), "app_id"),
            other=(gettext("The app secret does not belong to the app of this token."), "app_secret"),
        )
        numbers = _connect_step(
            client,
            "GET",
            f"{waba_id}/phone_numbers",
            params={"fields": "id,display_phone_number,verified_name", "limit": 100},
        )
        _connect_step(
            client,
            "POST",
            f"{waba_id}/subscribed_apps",
            other=(
                gettext(
                    "WhatsApp did not subscribe the app to this account's webhooks: check that the token's system "
                    "user has full control of the account."
                ),
                None,
            ),
        )
    finally:
        client.close()
    phone_numbers = [
        PhoneNumber(
            id=_id_text(n.get("id")),
            display=_text(n.get("display_phone_number")),
            verified_name=_text(n.get("verified_name")),
        )
        for n in (numbers.get("data") if isinstance(numbers.get("data"), list) else [])
        if isinstance(n, Mapping) and _TEMPLATE_ID.fullmatch(_id_text(n.get("id")))
    ]
    if not phone_numbers:
        raise ConnectionRefused(
            gettext("This WhatsApp Business Account has no phone number yet: add one in WhatsApp Manager.")
        )
    return ConnectionCheck(account_name=_text(waba.get("name")) or waba_id, phone_numbers=phone_numbers)


def _connect_step(client, method, path, *, params=None, unknown=None, other=None) -> dict[str, Any]:
    try:
        return client._send(method, path, params=params)
    except TemporaryProviderError:
        raise ConnectionRefused(gettext("WhatsApp could not be reached just now: try again in a minute.")) from None
    except PermanentProviderError as error:
        raise ConnectionRefused(error.message) from None
    except _GraphError as error:
        if error.is_temporary():
            raise ConnectionRefused(
                gettext("WhatsApp is busy or unavailable just now: try again in a minute.")
            ) from None
        if error.status == 401 or error.code in AUTH_ERROR_CODES:
            raise ConnectionRefused(
                gettext("WhatsApp did not accept the access token: it may be mistyped, expired or revoked."),
                field="access_token",
            ) from None
        if error.code == INVALID_PARAMETER_CODE and error.subcode == UNKNOWN_OBJECT_SUBCODE and unknown:
            raise ConnectionRefused(unknown[0], field=unknown[1]) from None
        if other:
            raise ConnectionRefused(other[0], field=other[1]) from None
        raise ConnectionRefused(
            client._scrub(_user_message(error.error))
            or gettext("WhatsApp refused the request (HTTP %(status)s).") % {"status": error.status}
        ) from None


# --- the template as WhatsApp wants it --------------------------------------
def template_payload(
    *, template: Template, content: Content, header_handle: str = "", category: str = ""
) -> dict[str, Any]:
    """The body of `POST /{waba-id}/message_templates` for one language of a template.

    `category` overrides the template's own when WhatsApp filed its first language under another one.
    Named variables ({{order_id}}) go with `parameter_format: NAMED` and their samples as
    `*_text_named_params`; numbered ones as `POSITIONAL` with `body_text` / `header_text` lists.
    """
    spec = content.spec()
    named = spec.parameter_format == NAMED
    components: list[dict[str, Any]] = []
    header = _header_component(spec, header_handle, named=named)
    if header:
        components.append(header)
    components.append(_body_component(spec, named=named))
    footer = spec.footer.strip()
    if footer:
        components.append({"type": "FOOTER", "text": footer})
    buttons = [_button(button) for button in spec.buttons]
    if buttons:
        components.append({"type": "BUTTONS", "buttons": buttons})
    return {
        "name": template.name,
        "language": content.language,
        "category": category or template.category,
        "parameter_format": NAMED if named else POSITIONAL,
        "components": components,
    }


def _header_component(spec, header_handle: str, *, named: bool) -> dict[str, Any] | None:
    if spec.header_format == HeaderFormat.TEXT:
        text = spec.header_text.strip()
        header: dict[str, Any] = {"type": "HEADER", "format": "TEXT", "text": text}
        keys = variable_keys(text)
        if keys and named:
            example = {"param_name": keys[0], "example": spec.header_text_example.strip()}
            header["example"] = {"header_text_named_params": [example]}
        elif keys:
            header["example"] = {"header_text": [spec.header_text_example.strip()]}
        return header
    if spec.header_format in MEDIA_HEADER_FORMATS:
        return {"type": "HEADER", "format": str(spec.header_format), "example": {"header_handle": [header_handle]}}
    return None


def _body_component(spec, *, named: bool) -> dict[str, Any]:
    body: dict[str, Any] = {"type": "BODY", "text": spec.body}
    if named:
        samples = spec.body_samples()
        names = list(dict.fromkeys(variable_keys(spec.body)))
        if names:
            body["example"] = {
                "body_text_named_params": [{"param_name": name, "example": samples.get(name, "")} for name in names]
            }
        return body
    numbers = variables_in(spec.body)
    if numbers:
        samples = [str(sample) for sample in spec.body_examples][: max(numbers)]
        body["example"] = {"body_text": [samples]}
    return body


def _button(button) -> dict[str, Any]:
    text = button.text.strip()
    if button.kind == QUICK_REPLY:
        return {"type": QUICK_REPLY, "text": text}
    if button.kind == PHONE_NUMBER:
        return {"type": PHONE_NUMBER, "text": text, "phone_number": normalised_phone(button.phone_number)}
    if button.kind == URL:
        url = button.url.strip()
        entry: dict[str, Any] = {"type": URL, "text": text, "url": url}
        if url.endswith("{{1}}"):
            entry["example"] = [url[: -len("{{1}}")] + button.url_example.strip()]
        return entry
    if button.kind == COPY_CODE:
        # WhatsApp writes the button's text itself: only the example code is sent.
        return {"type": COPY_CODE, "example": button.code_example.strip()}
    raise PermanentProviderError(f"A button has a type WhatsApp does not know ({button.kind!r}).")


def same_content(existing: Mapping[str, Any], payload: Mapping[str, Any]) -> bool:
    """Whether a template WhatsApp already has says what `payload` would create.

    Compared as the message template reference documents its components:
    the category (or the one it had before WhatsApp re-categorised it), the
    header's format and text, the body, the footer, and each button's type,
    text, URL and phone number. Samples and media handles are left out:
    WhatsApp answers a media sample with a URL of its own, never the handle
    it was created with, and samples are not what the recipient reads.
    """
    category = payload.get("category")
    if category not in (existing.get("category"), existing.get("previous_category")):
        return False
    components = existing.get("components")
    if not isinstance(components, list):
        return False
    return _component_shape(components) == _component_shape(payload.get("components") or [])


_COMPONENT_ORDER = {"HEADER": 0, "BODY": 1, "FOOTER": 2, "BUTTONS": 3}


def _component_shape(components: list[Any]) -> list[tuple]:
    shape: list[tuple] = []
    for component in components:
        if not isinstance(component, Mapping):
            return [("malformed",)]
        kind = _text(component.get("type")).upper()
        if kind == "HEADER":
            header_format = _text(component.get("format")).upper()
            text = _text(component.get("text")).strip() if header_format == "TEXT" else ""
            shape.append((kind, header_format, text))
        elif kind in ("BODY", "FOOTER"):
            shape.append((kind, _text(component.get("text")).strip()))
        elif kind == "BUTTONS":
            buttons = component.get("buttons")
            shape.append((kind, tuple(_button_shape(b) for b in (buttons if isinstance(buttons, list) else []))))
        else:
            shape.append((kind, json.dumps(component, sort_keys=True, default=str)))
    return sorted(shape, key=lambda part: _COMPONENT_ORDER.get(part[0], len(_COMPONENT_ORDER)))


def _button_shape(button: object) -> tuple:
    if not isinstance(button, Mapping):
        return ("malformed",)
    phone = _text(button.get("phone_number"))
    return (
        _text(button.get("type")).upper(),
        _text(button.get("text")).strip(),
        _text(button.get("url")).strip(),
        "".join(character for character in phone if character.isdigit()),
    )


def normalised_phone(phone: str) -> str:
    """The number as WhatsApp dials it: "+62 812-3456 7890" or "0812 3456 7890" -> "+6281234567890"."""
    return phone_number_normalised(phone, DEFAULT_PHONE_REGION) or (
        "+" + "".join(character for character in phone if character.isdigit())
    )


def whatsapp_status(raw: object) -> str | None:
    """Our Status value for a WhatsApp template status or event (None: keep the current one)."""
    return WHATSAPP_STATUSES.get(raw) if isinstance(raw, str) else None


def retry_after_seconds(headers: Mapping[str, str]) -> int | None:
    """How long WhatsApp asked us to wait, from Retry-After or X-Business-Use-Case-Usage."""
    value = (headers.get("Retry-After") or "").strip()
    if value:
        seconds: float | None
        try:
            seconds = float(value)
        except ValueError:
            try:
                when = email.utils.parsedate_to_datetime(value)
            except (TypeError, ValueError, IndexError):
                when = None
            seconds = (when - timezone.now()).total_seconds() if when and when.tzinfo else None
        if seconds is not None and math.isfinite(seconds):
            return min(max(math.ceil(seconds), 0), RETRY_AFTER_MAX)
    # Business use case limits say how many minutes until access comes back.
    usage_header = headers.get("X-Business-Use-Case-Usage")
    if usage_header:
        try:
            usage = json.loads(usage_header)
        except ValueError:
            return None
        minutes = [
            _as_int(limit.get("estimated_time_to_regain_access"))
            for limits in (usage.values() if isinstance(usage, dict) else [])
            if isinstance(limits, list)
            for limit in limits
            if isinstance(limit, dict)
        ]
        longest = max((m for m in minutes if m), default=0)
        if longest > 0:
            return min(longest * 60, RETRY_AFTER_MAX)
    return None


def _user_message(error: Mapping[str, Any]) -> str:
    """WhatsApp's own words for the user: its user title and message, else its developer message."""
    title = _text(error.get("error_user_title")).strip()
    user_message = _text(error.get("error_user_msg")).strip()
    if user_message:
        return f"{title}: {user_message}" if title and title not in user_message else user_message
    message = _GRAPH_CODE_PREFIX.sub("", _text(error.get("message")).strip())
    error_data = error.get("error_data")
    details = _text(error_data.get("details")).strip() if isinstance(error_data, Mapping) else ""
    parts = [part for part in (title, message, details) if part]
    return ": ".join(dict.fromkeys(parts))


# --- templates made on WhatsApp ----------------------------------------------
def template_state(item: Mapping[str, Any]) -> dict[str, str]:
    """Status, reason, quality and category of one template as the list call answers it."""
    raw_status = _text(item.get("status"))
    status = whatsapp_status(raw_status)
    if status is None:
        status = Status.APPROVED.value if raw_status == "FLAGGED" else Status.PENDING.value
    reason = _text(item.get("rejected_reason"))
    if reason.upper() == "NONE":
        reason = ""
    if raw_status == "FLAGGED" and not reason:
        reason = FLAGGED_REASON
    quality = item.get("quality_score")
    return {
        "status": status,
        "reason": reason,
        "quality": _text(quality.get("score")) if isinstance(quality, Mapping) else "",
        "category": _text(item.get("category")),
        "raw_status": raw_status,
    }


def content_from_components(components: object, parameter_format: object = None) -> dict[str, Any]:
    """One language's content as we store it, from the components WhatsApp lists for it.

    Header (text with its sample, or the media format: WhatsApp's sample is
    a link of its own, not a file we keep), body with its samples (numbered
    or named, as the template's `parameter_format` says), footer, and the
    buttons; kinds we don't build keep their type and text so the preview
    shows them.
    """
    content: dict[str, Any] = {
        "parameter_format": "NAMED" if parameter_format == "NAMED" else "POSITIONAL",
        "header_format": "NONE",
        "header_text": "",
        "header_text_example": "",
        "body": "",
        "body_examples": [],
        "body_named_examples": {},
        "footer": "",
        "buttons": [],
    }
    for component in components if isinstance(components, list) else []:
        if not isinstance(component, Mapping):
            continue
        kind = _text(component.get("type")).upper()
        example = component.get("example") if isinstance(component.get("example"), Mapping) else {}
        if kind == "HEADER":
            header_format = _text(component.get("format")).upper()
            if header_format == "TEXT":
                content["header_format"] = "TEXT"
                content["header_text"] = _text(component.get("text"))[:255]
                samples = example.get("header_text")
                named = example.get("header_text_named_params")
                if isinstance(samples, list) and samples:
                    content["header_text_example"] = str(samples[0])[:255]
                elif isinstance(named, list) and named and isinstance(named[0], Mapping):
                    content["header_text_example"] = str(named[0].get("example", ""))[:255]
            elif header_format in ("IMAGE", "VIDEO", "DOCUMENT"):
                content["header_format"] = header_format
        elif kind == "BODY":
            content["body"] = _text(component.get("text"))
            numbered = example.get("body_text")
            named = example.get("body_text_named_params")
            if isinstance(numbered, list) and numbered and isinstance(numbered[0], list):
                content["body_examples"] = [str(sample) for sample in numbered[0]]
            elif isinstance(named, list):
                content["parameter_format"] = "NAMED"
                content["body_named_examples"] = {
                    str(param.get("param_name", "")): str(param.get("example", ""))
                    for param in named
                    if isinstance(param, Mapping) and param.get("param_name")
                }
        elif kind == "FOOTER":
            content["footer"] = _text(component.get("text"))[:255]
        elif kind == "BUTTONS":
            buttons = component.get("buttons")
            for button in buttons if isinstance(buttons, list) else []:
                if not isinstance(button, Mapping):
                    continue
                examples = button.get("example")
                first_example = str(examples[0]) if isinstance(examples, list) and examples else _text(examples)
                button_kind = _text(button.get("type")).upper()[:16]
                url = _text(button.get("url"))
                url_example = ""
                if url.endswith("{{1}}") and first_example:
                    url_example = first_example.removeprefix(url[: -len("{{1}}")])
                content["buttons"].append(
                    {
                        "kind": button_kind,
                        "text": _text(button.get("text"))[:255],
                        "phone_number": _text(button.get("phone_number"))[:255],
                        "url": url,
                        "url_example": url_example,
                        "code_example": first_example[:255] if button_kind == "COPY_CODE" else "",
                    }
                )
    return content


# --- webhooks ---------------------------------------------------------------
def verify_handshake(params: Mapping[str, str]) -> str:
    """The hub.challenge to answer Meta's subscription check with; WebhookRejected otherwise.

    The view should return it as text/plain with status 200.
    """
    expected = str(settings.META_WEBHOOK_VERIFY_TOKEN or "")
    mode = params.get("hub.mode")
    token = params.get("hub.verify_token")
    challenge = params.get("hub.challenge")
    if not expected or mode != "subscribe" or not isinstance(token, str) or not isinstance(challenge, str):
        raise WebhookRejected("Not a valid subscription request.")
    if not hmac.compare_digest(token.encode("utf-8", "surrogatepass"), expected.encode("utf-8", "surrogatepass")):
        raise WebhookRejected("Wrong verify token.")
    if not _CHALLENGE.fullmatch(challenge):
        raise WebhookRejected("Malformed challenge.")
    return challenge


def webhook_waba_ids(body: bytes) -> set[str]:
    """The WhatsApp Business Account IDs a webhook body names (read before its signature is checked,
    only to choose the app secret that must have signed it)."""
    try:
        payload = json.loads(body)
    except (ValueError, TypeError, RecursionError):
        return set()
    entries = payload.get("entry") if isinstance(payload, dict) else None
    ids = (
        {_webhook_template_id(entry.get("id")) for entry in entries if isinstance(entry, dict)}
        if isinstance(entries, list)
        else set()
    )
    return {waba_id for waba_id in ids if waba_id}


def verify_signature(body: bytes, header: str | None, secret: str | None = None) -> None:
    """Raise WebhookRejected unless X-Hub-Signature-256 signs exactly these bytes with the app secret
    (`secret`, else the META_APP_SECRET setting)."""
    secret = str(secret if secret is not None else settings.META_APP_SECRET or "")
    if not secret:
        raise WebhookRejected("No app secret is configured: webhooks can't be verified.")
    if not isinstance(header, str) or not header.startswith(_SIGNATURE_PREFIX):
        raise WebhookRejected("Missing or malformed X-Hub-Signature-256 header.")
    if not isinstance(body, bytes | bytearray | memoryview):
        raise WebhookRejected("The body must be the raw request bytes.")
    expected = hmac.new(secret.encode("utf-8"), bytes(body), hashlib.sha256).hexdigest()
    given = header[len(_SIGNATURE_PREFIX) :].strip().lower()
    if not hmac.compare_digest(given.encode("utf-8", "surrogatepass"), expected.encode("ascii")):
        raise WebhookRejected("The signature does not match the body.")


def parse_webhook(body: bytes) -> list[StatusUpdate]:
    """The template updates in one (already verified) webhook body, in the order WhatsApp sent them.

    Raises ValueError when the body is not JSON or not an object with an
    "entry" list. Changes of other fields are ignored; a change whose values
    have unexpected types is skipped, never raised on. Duplicates are kept:
    the caller decides by occurred_at what is news.
    """
    try:
        payload = json.loads(body)
    except RecursionError:
        raise ValueError("The webhook body is nested too deeply.") from None
    except (TypeError, UnicodeDecodeError) as error:
        raise ValueError(f"The webhook body is not JSON: {error}") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("entry"), list):
        raise ValueError('The webhook body is not an object with an "entry" list.')

    updates = []
    for entry in payload["entry"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("changes"), list):
            continue
        occurred_at = _webhook_time(entry.get("time"))
        waba_id = _webhook_template_id(entry.get("id")) or ""
        for change in entry["changes"]:
            if not isinstance(change, dict):
                continue
            try:
                update = _parse_change(change.get("field"), change.get("value"), occurred_at, waba_id)
            except (TypeError, ValueError, AttributeError, KeyError) as error:
                logger.warning("Skipped a malformed WhatsApp webhook change: %s", type(error).__name__)
                continue
            if update is not None:
                updates.append(update)
    return updates


def _parse_change(field: object, value: object, occurred_at: datetime, waba_id: str) -> StatusUpdate | None:
    if field not in WEBHOOK_FIELDS or not isinstance(value, dict):
        return None
    template_id = _webhook_template_id(value.get("message_template_id"))
    if template_id is None:
        return None

    if field == "message_template_status_update":
        event = value.get("event")
        if not isinstance(event, str) or not event:
            return None
        reason = _status_reason(value) or EVENT_NOTES.get(event, "")
        return StatusUpdate(
            provider_template_id=template_id,
            occurred_at=occurred_at,
            status=whatsapp_status(event),
            reason=reason,
            raw_event=event,
            waba_id=waba_id,
        )

    if field == "template_category_update":
        new_category = value.get("new_category")
        if not isinstance(new_category, str) or not new_category:
            return None
        reason = ""
        correct = value.get("correct_category")
        # A notice ahead of a change: new_category is still the current one.
        if isinstance(correct, str) and correct and "previous_category" not in value:
            reason = f"WhatsApp will re-categorise this template as {correct}."
        return StatusUpdate(
            provider_template_id=template_id,
            occurred_at=occurred_at,
            category=new_category,
            reason=reason,
            raw_event=field,
            waba_id=waba_id,
        )

    new_quality = value.get("new_quality_score")
    if not isinstance(new_quality, str) or not new_quality:
        return None
    return StatusUpdate(
        provider_template_id=template_id,
        occurred_at=occurred_at,
        quality=new_quality,
        raw_event=field,
        waba_id=waba_id,
    )


def _status_reason(value: Mapping[str, Any]) -> str:
    """WhatsApp's reason code ("NONE" is none) and, when it says more, its explanation."""
    code = value.get("reason")
    code = code.strip() if isinstance(code, str) else ""
    if code.upper() == "NONE":
        code = ""
    details: list[str] = []
    for key, parts in (("rejection_info", ("reason", "recommendation")), ("other_info", ("title", "description"))):
        info = value.get(key)
        if isinstance(info, dict):
            for part in parts:
                text = info.get(part)
                if isinstance(text, str) and text.strip() and text.strip() not in details:
                    details.append(text.strip())
    if code and details:
        return f"{code}: " + " ".join(details)
    return code or " ".join(details)


def _webhook_template_id(raw: object) -> str | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int) and raw >= 0:
        return str(raw)
    if isinstance(raw, str) and _TEMPLATE_ID.fullmatch(raw):
        return raw
    return None


def _webhook_time(raw: object) -> datetime:
    if isinstance(raw, int | float) and not isinstance(raw, bool) and math.isfinite(raw) and 0 < raw < _TIMESTAMP_MAX:
        return datetime.fromtimestamp(raw, tz=UTC)
    return timezone.now()


# --- small helpers ----------------------------------------------------------
class _FileSlice:
    """The rest of an open file as a request body: requests reads its length and streams it in chunks."""

    def __init__(self, file, length: int):
        self._file = file
        self._left = length

    def __len__(self) -> int:
        return self._left

    def read(self, size: int = -1) -> bytes:
        if self._left <= 0:
            return b""
        size = UPLOAD_CHUNK_SIZE if size is None or size < 0 else min(size, UPLOAD_CHUNK_SIZE)
        chunk = self._file.read(min(size, self._left))
        self._left -= len(chunk)
        return chunk


def _json_or_none(response: requests.Response) -> Any:
    try:
        return response.json()
    except (ValueError, RecursionError):
        return None


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _id_text(value: object) -> str:
    if isinstance(value, bool):
        return ""
    return str(value) if isinstance(value, int | str) else ""


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def _log_path(path: str) -> str:
    # Upload session ids carry a signature: log only the kind of call.
    return "upload:…" if path.startswith("upload:") else path.split("?", 1)[0]
