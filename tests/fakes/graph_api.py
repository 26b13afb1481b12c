"""A fake of the Graph API endpoints the `meta` approval provider calls, on localhost.

It answers with the shapes WhatsApp documents, so the provider is tested over
real HTTP with real JSON, and it is strict where a mistake of ours would cost
a rejected template:

- Resumable Upload API: `POST /{version}/{app-id}/uploads?file_name=&file_length=&file_type=`
  -> {"id": "upload:...?sig=..."}; then `POST /{version}/{upload-session-id}` with
  `Authorization: OAuth {token}`, `file_offset: 0` and exactly file_length raw bytes
  -> {"h": "<handle>"}.
- `POST /{version}/{waba-id}/message_templates` (JSON) -> {"id", "status": "PENDING", "category"},
  after checking the required keys, name/language/category values, component
  shapes, samples for every variable, media handles it issued itself (of the
  right type), and the "already exists" rule (code 100, subcode 2388024).
- `GET /{version}/{waba-id}/message_templates?name=&fields=&limit=&after=` -> {"data": [...], "paging": ...}.
- `GET /{version}/{template-id}?fields=...` -> the template's fields.
- Every call needs the account's access token (`Authorization: Bearer|OAuth {token}`
  or `access_token=`); errors use the Graph error body
  {"error": {"message", "type", "code", "error_subcode", "error_user_title", "error_user_msg", "fbtrace_id"}}.

Faults can be queued for the next requests (`fail_next`, `throttle_next`,
`delay_next`, `error_next`); what arrived is in `requests`, what was created
in `created_templates` (the request bodies) and `templates` (by id).

Use it through the `graph_api` fixture, which points settings.META_GRAPH_API_URL
at it: `from tests.fakes.graph_api import graph_api  # noqa: F401` in a conftest.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import re
import secrets
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response
from werkzeug.serving import WSGIRequestHandler

# The account the fake knows from the start (tests build their ChannelAccount with these).
WABA_ID = "102290129340398"
APP_ID = "584544743160774"
ACCESS_TOKEN = "EAAJBfakeSystemUserToken7Gq2ZxD0PqLm4RtYb"
APP_SECRET = "fake-app-secret-3c1b9a7f"
PHONE_NUMBER_ID = "106540352242922"
DISPLAY_PHONE_NUMBER = "+62 812-3456-7890"

# Meta's "Supported Languages" reference for message templates (May 2026), written out here on purpose:
# the fake must not agree with the application's own list by construction.
DOCUMENTED_LANGUAGES = frozenset(
    """
    af sq ar ar_EG ar_AE ar_LB ar_MA ar_QA az be_BY bn bn_IN bg ca zh_CN zh_HK zh_TW hr cs da prs_AF nl nl_BE
    en en_GB en_US en_AE en_AU en_CA en_GH en_IE en_IN en_JM en_MY en_NZ en_QA en_SG en_UG en_ZA et fil fi fr
    fr_BE fr_CA fr_CH fr_CI fr_MA ka de de_AT de_CH el gu ha he hi hu id ga it ja kn kk rw_RW ko ky_KG lo lv lt
    mk ms ml mr nb fa pl pt_BR pt_PT pa ro ru sr sk sl es es_AR es_ES es_MX sw sv ta te th tr uk ur uz vi zu
    """.split()
)
# WhatsApp Business Management API: at most 100 template creations per WhatsApp Business Account per hour.
CREATIONS_PER_HOUR = 100

# The Resumable Upload guide lists these file types.
UPLOAD_FILE_TYPES = {"application/pdf", "image/jpeg", "image/jpg", "image/png", "video/mp4"}
HEADER_FILE_TYPES = {
    "IMAGE": {"image/jpeg", "image/jpg", "image/png"},
    "VIDEO": {"video/mp4", "video/3gpp"},
    "DOCUMENT": {"application/pdf"},
}
CATEGORIES = ("MARKETING", "UTILITY", "AUTHENTICATION")
TEMPLATE_KEYS = {"name", "language", "category", "components"}
OPTIONAL_TEMPLATE_KEYS = {
    "allow_category_change",
    "parameter_format",
    "message_send_ttl_seconds",
    "cta_url_link_tracking_opted_out",
    "sub_category",
}
TEMPLATE_FIELDS = {
    "id",
    "name",
    "status",
    "category",
    "language",
    "components",
    "quality_score",
    "rejected_reason",
    "previous_category",
    "correct_category",
    "parameter_format",
    "sub_category",
}
DEFAULT_FIELDS = ("name", "components", "language", "status", "category", "id")
CONTENT_EXISTS_SUBCODE = 2388024

_NAME = re.compile(r"[a-z0-9_]{1,512}")
_VARIABLE = re.compile(r"\{\{(\d+)\}\}")
# Named parameters (parameter_format NAMED): lowercase letters, digits and underscores.
_NAMED_VARIABLE = re.compile(r"\{\{([a-z][a-z0-9_]*)\}\}")
PARAMETER_FORMATS = ("POSITIONAL", "NAMED")
COPY_CODE_EXAMPLE_MAX = 15
_PHONE = re.compile(r"\+[1-9][0-9]{7,14}")
_VERSION_PATH = re.compile(r"/(v\d+\.\d+)/(.+)")


def graph_error(
    *,
    message: str,
    code: int,
    subcode: int | None = None,
    user_title: str | None = None,
    user_msg: str | None = None,
    error_type: str = "OAuthException",
    is_transient: bool = False,
) -> dict[str, Any]:
    """A Graph API error body."""
    error: dict[str, Any] = {"message": message, "type": error_type, "code": code}
    if subcode is not None:
        error["error_subcode"] = subcode
    error["is_transient"] = is_transient
    if user_title is not None:
        error["error_user_title"] = user_title
    if user_msg is not None:
        error["error_user_msg"] = user_msg
    error["fbtrace_id"] = "A" + secrets.token_urlsafe(16)
    return {"error": error}


@dataclass(frozen=True)
class RecordedRequest:
    """One request the fake received."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def access_token(self) -> str:
        """The token the request carried (header or query), "" if none."""
        authorization = self.headers.get("Authorization", "")
        scheme, _, token = authorization.partition(" ")
        if scheme in ("Bearer", "OAuth") and token:
            return token.strip()
        return self.query.get("access_token", "")


@dataclass
class _Fault:
    remaining: int
    match: str | None
    status: int | None = None  # None: answer normally, after the delay
    body: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


class GraphAPIError(Exception):
    """Raised inside the fake to answer with a Graph error."""

    def __init__(self, status: int, body: dict[str, Any]):
        super().__init__(body["error"]["message"])
        self.status = status
        self.body = body


def _invalid(user_title: str, user_msg: str, *, subcode: int | None = None) -> GraphAPIError:
    return GraphAPIError(
        400,
        graph_error(message="Invalid parameter", code=100, subcode=subcode, user_title=user_title, user_msg=user_msg),
    )


class FakeGraphAPI:
    """The Graph API as the `meta` provider sees it, served by a pytest-httpserver HTTPServer."""

    def __init__(self, server: HTTPServer):
        self.server = server
        self.requests: list[RecordedRequest] = []
        self.created_templates: list[dict[str, Any]] = []
        self.templates: dict[str, dict[str, Any]] = {}
        self.uploads: dict[str, dict[str, Any]] = {}
        self.handles: dict[str, dict[str, Any]] = {}
        self.accounts: dict[str, dict[str, str]] = {}
        self.phone_numbers: dict[str, list[dict[str, Any]]] = {}
        self.subscribed: dict[str, set[str]] = {}
        self.creations: dict[str, list[float]] = {}
        self.deleted: list[dict[str, Any]] = []
        self.approve_instantly = False
        self.recategorise: dict[str, str] = {}  # template name -> the category WhatsApp files it under
        self._interrupt_upload_after: int | None = None
        self._faults: list[_Fault] = []
        self._lock = threading.RLock()
        self._template_ids = itertools.count(1689556908129832)
        self.add_account(waba_id=WABA_ID, app_id=APP_ID, access_token=ACCESS_TOKEN)
        self.add_phone_number(
            waba_id=WABA_ID, phone_number_id=PHONE_NUMBER_ID, display=DISPLAY_PHONE_NUMBER, name="Acme Retail"
        )
        server.expect_request(re.compile(r"/.*")).respond_with_handler(self._handle)

    @property
    def url(self) -> str:
        return f"http://{self.server.host}:{self.server.port}"

    # --- set-up and inspection ---------------------------------------------
    def add_account(self, *, waba_id: str, app_id: str, access_token: str, app_secret: str = APP_SECRET) -> None:
        with self._lock:
            self.accounts[access_token] = {"waba_id": waba_id, "app_id": app_id, "app_secret": app_secret}

    def add_phone_number(self, *, waba_id: str, phone_number_id: str, display: str, name: str) -> None:
        with self._lock:
            self.phone_numbers.setdefault(waba_id, []).append(
                {
                    "verified_name": name,
                    "display_phone_number": display,
                    "id": phone_number_id,
                    "quality_rating": "GREEN",
                    "code_verification_status": "VERIFIED",
                }
            )

    def interrupt_next_upload(self, *, after_bytes: int) -> None:
        """The next file upload breaks off after this many bytes (kept, as WhatsApp keeps them)."""
        with self._lock:
            self._interrupt_upload_after = after_bytes

    def add_template(
        self,
        *,
        name: str,
        language: str,
        category: str = "UTILITY",
        status: str = "APPROVED",
        components: list[dict[str, Any]] | None = None,
        waba_id: str = WABA_ID,
    ) -> str:
        """A template that already exists at WhatsApp (made elsewhere): its id."""
        with self._lock:
            return self._store(
                waba_id=waba_id,
                name=name,
                language=language,
                category=category,
                status=status,
                components=components or [{"type": "BODY", "text": "Hello"}],
            )["id"]

    def set_status(
        self,
        template_id: str,
        status: str,
        *,
        rejected_reason: str = "NONE",
        quality: str | None = None,
        category: str | None = None,
    ) -> None:
        """What WhatsApp's reviewers decided, as a later read of the template shows it."""
        with self._lock:
            template = self.templates[template_id]
            template["status"] = status
            template["rejected_reason"] = rejected_reason
            if quality is not None:
                template["quality_score"] = {"score": quality, "date": int(time.time())}
            if category is not None:
                template["previous_category"] = template["category"]
                template["category"] = category

    def requests_to(self, method: str, path_contains: str) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.method == method and path_contains in r.path]

    @property
    def creation_requests(self) -> list[RecordedRequest]:
        """Every POST to message_templates, accepted or not."""
        return self.requests_to("POST", "/message_templates")

    # --- faults for the next requests --------------------------------------
    def fail_next(self, times: int = 1, *, status: int = 500, match: str | None = None) -> None:
        """Answer the next requests with a server error (Graph's "service temporarily unavailable")."""
        body = graph_error(
            message="An unexpected error has occurred. Please retry your request later.", code=2, is_transient=True
        )
        self._queue(_Fault(times, match, status=status, body=body))

    def throttle_next(
        self, times: int = 1, *, retry_after: int | None = 30, code: int = 4, match: str | None = None
    ) -> None:
        """Answer HTTP 429 with Retry-After (seconds) and a rate limit error."""
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        body = graph_error(message=f"(#{code}) Application request limit reached", code=code, is_transient=True)
        self._queue(_Fault(times, match, status=429, body=body, headers=headers))

    def delay_next(self, seconds: float, times: int = 1, *, match: str | None = None) -> None:
        """Hold the next requests this long, then handle them as usual (the work still happens)."""
        self._queue(_Fault(times, match, delay=seconds))

    def error_next(
        self,
        times: int = 1,
        *,
        status: int = 400,
        code: int = 100,
        subcode: int | None = None,
        message: str = "Invalid parameter",
        user_title: str | None = None,
        user_msg: str | None = None,
        is_transient: bool = False,
        headers: dict[str, str] | None = None,
        match: str | None = None,
    ) -> None:
        """Answer the next requests with this Graph error."""
        body = graph_error(
            message=message,
            code=code,
            subcode=subcode,
            user_title=user_title,
            user_msg=user_msg,
            is_transient=is_transient,
        )
        self._queue(_Fault(times, match, status=status, body=body, headers=dict(headers or {})))

    def _queue(self, fault: _Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def _take_fault(self, record: RecordedRequest) -> _Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.match is None or fault.match in f"{record.method} {record.path}":
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        self._faults.remove(fault)
                    return fault
        return None

    # --- HTTP --------------------------------------------------------------
    def _handle(self, request: Request) -> Response:
        record = RecordedRequest(
            method=request.method,
            path=request.path,
            query=dict(request.args.items()),
            headers=dict(request.headers.items()),
            body=request.get_data(),
        )
        with self._lock:
            self.requests.append(record)
        fault = self._take_fault(record)
        if fault is not None:
            if fault.delay:
                time.sleep(fault.delay)
            if fault.status is not None:
                return _json_response(fault.status, fault.body or {}, fault.headers)
        try:
            with self._lock:
                status, body = self._route(request, record)
        except GraphAPIError as error:
            return _json_response(error.status, error.body)
        return _json_response(status, body)

    def _route(self, request: Request, record: RecordedRequest) -> tuple[int, dict[str, Any]]:
        match = _VERSION_PATH.fullmatch(request.path)
        if not match:
            raise GraphAPIError(400, graph_error(message=f"Unknown path components: {request.path}", code=2500))
        rest = match.group(2)
        if rest.startswith("upload:") and request.method in ("POST", "GET"):
            return self._upload_file(request, record, rest)
        account = self._account(record)
        self._check_appsecret_proof(record, account)
        parts = rest.split("/")
        if parts[0] == account["waba_id"]:
            if len(parts) == 1 and request.method == "GET":
                return 200, {"id": account["waba_id"], "name": "Acme Retail", "currency": "IDR", "timezone_id": "1"}
            if parts[1:] == ["phone_numbers"] and request.method == "GET":
                return self._list_phone_numbers(record, account)
            if parts[1:] == ["subscribed_apps"] and request.method == "POST":
                self.subscribed.setdefault(account["waba_id"], set()).add(account["app_id"])
                return 200, {"success": True}
            if parts[1:] == ["message_templates"] and request.method == "DELETE":
                return self._delete_template(record, account)
        if parts == [account["app_id"]] and request.method == "GET":
            return 200, {"id": account["app_id"], "name": "Acme Broadcast"}
        if len(parts) == 2 and parts[1] == "uploads" and request.method == "POST":
            return self._start_upload(record, account, app_id=parts[0])
        if len(parts) == 2 and parts[1] == "message_templates":
            if parts[0] != account["waba_id"]:
                raise _unknown_object(request.method, parts[0])
            if request.method == "POST":
                return self._create_template(request, account)
            if request.method == "GET":
                return self._list_templates(record, account)
        if len(parts) == 1 and parts[0].isdigit() and request.method == "GET":
            return self._read_template(record, account, parts[0])
        raise _unknown_object(request.method, parts[0])

    def _check_appsecret_proof(self, record: RecordedRequest, account: dict[str, str]) -> None:
        proof = record.query.get("appsecret_proof")
        if proof is None:
            return
        expected = hmac.new(account["app_secret"].encode(), record.access_token.encode(), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(proof, expected):
            raise GraphAPIError(
                400,
                graph_error(message="Invalid appsecret_proof provided in the API argument", code=100),
            )

    def _list_phone_numbers(self, record: RecordedRequest, account: dict[str, str]):
        numbers = self.phone_numbers.get(account["waba_id"], [])
        return 200, {"data": numbers, "paging": {"cursors": {"before": "QVFI", "after": "QVFI"}}}

    def _delete_template(self, record: RecordedRequest, account: dict[str, str]):
        name = record.query.get("name")
        hsm_id = record.query.get("hsm_id")
        if not name:
            raise GraphAPIError(400, graph_error(message="(#100) The parameter name is required", code=100))
        found = [
            t
            for t in self.templates.values()
            if t["waba_id"] == account["waba_id"] and t["name"] == name and (hsm_id is None or t["id"] == hsm_id)
        ]
        if not found:
            raise _invalid(
                "Message Template Not Found", f"Message template {name!r} could not be found.", subcode=2593002
            )
        for template in found:
            del self.templates[template["id"]]
            self.deleted.append(template)
        return 200, {"success": True}

    def _account(self, record: RecordedRequest) -> dict[str, str]:
        token = record.access_token
        if not token:
            raise GraphAPIError(
                400, graph_error(message="An access token is required to request this resource.", code=104)
            )
        account = self.accounts.get(token)
        if account is None:
            raise GraphAPIError(
                401, graph_error(message="Invalid OAuth access token - Cannot parse access token", code=190)
            )
        return account

    # --- Resumable Upload API ----------------------------------------------
    def _start_upload(self, record: RecordedRequest, account: dict[str, str], *, app_id: str):
        if app_id != account["app_id"]:
            raise _unknown_object("POST", app_id)
        file_length = record.query.get("file_length", "")
        file_type = record.query.get("file_type", "")
        if not file_length.isdigit() or int(file_length) <= 0:
            raise GraphAPIError(400, graph_error(message="(#100) The parameter file_length is required", code=100))
        if file_type not in UPLOAD_FILE_TYPES:
            raise GraphAPIError(400, graph_error(message="(#100) Param file_type is not a supported type", code=100))
        session = base64.b64encode(f"{app_id}:{secrets.token_hex(8)}".encode()).decode()
        upload_id = f"upload:{session}?sig={secrets.token_urlsafe(12)}"
        self.uploads[upload_id] = {
            "app_id": app_id,
            "file_name": record.query.get("file_name", ""),
            "file_length": int(file_length),
            "file_type": file_type,
            "token": record.access_token,
        }
        return 200, {"id": upload_id}

    def _upload_file(self, request: Request, record: RecordedRequest, rest: str):
        upload_id = rest + ("?" + request.query_string.decode() if request.query_string else "")
        session = self.uploads.get(upload_id)
        if session is None:
            raise _unknown_object(request.method, rest)
        scheme, _, token = record.headers.get("Authorization", "").partition(" ")
        if scheme != "OAuth" or token.strip() != session["token"]:
            raise GraphAPIError(
                401, graph_error(message="Invalid OAuth access token - Cannot parse access token", code=190)
            )
        received: bytes = session.setdefault("received", b"")
        if request.method == "GET":  # where an interrupted upload stands
            return 200, {"id": upload_id.split("?", 1)[0], "file_offset": len(received)}
        offset = record.headers.get("File-Offset")
        if offset is None or not offset.isdigit():
            raise GraphAPIError(400, graph_error(message="(#100) The parameter file_offset is required", code=100))
        if int(offset) != len(received):
            raise GraphAPIError(
                400, graph_error(message="(#100) file_offset does not match the bytes already received", code=100)
            )
        body = record.body
        if self._interrupt_upload_after is not None:
            keep, self._interrupt_upload_after = self._interrupt_upload_after, None
            session["received"] = received + body[:keep]
            raise GraphAPIError(503, graph_error(message="The upload was interrupted.", code=2, is_transient=True))
        received += body
        session["received"] = received
        if len(received) != session["file_length"]:
            raise GraphAPIError(
                400, graph_error(message="(#100) The uploaded data does not match file_length", code=100)
            )
        handle = f"4::{base64.b64encode(session['file_type'].encode()).decode()}:{secrets.token_urlsafe(24)}"
        self.handles[handle] = {**session, "data": received}
        return 200, {"h": handle}

    # --- message templates -------------------------------------------------
    def _create_template(self, request: Request, account: dict[str, str]):
        try:
            body = json.loads(request.get_data()) if request.mimetype == "application/json" else None
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise GraphAPIError(400, graph_error(message="(#100) The parameter name is required", code=100))
        _check_template(body, self.handles)
        name, language, category = body["name"], body["language"], body["category"]
        same_name = [t for t in self.templates.values() if t["waba_id"] == account["waba_id"] and t["name"] == name]
        if any(t["language"] == language for t in same_name):
            raise _invalid(
                "Content in This Language Already Exists",
                f"There is already {language} content for this template. You can create a new template and try again.",
                subcode=CONTENT_EXISTS_SUBCODE,
            )
        if any(t["category"] != category for t in same_name):
            raise _invalid(
                "Template Category Doesn't Match",
                "The category of this translation must match the category of the existing template.",
            )
        now = time.time()
        recent = [t for t in self.creations.get(account["waba_id"], []) if t > now - 3600]
        if len(recent) >= CREATIONS_PER_HOUR:
            raise GraphAPIError(
                400,
                graph_error(
                    message="(#80008) There have been too many calls to this WhatsApp Business account.",
                    code=80008,
                    error_type="OAuthException",
                    is_transient=True,
                ),
            )
        self.creations[account["waba_id"]] = [*recent, now]
        filed_under = self.recategorise.get(name, category)
        status = "APPROVED" if self.approve_instantly else "PENDING"
        template = self._store(
            waba_id=account["waba_id"],
            name=name,
            language=language,
            category=filed_under,
            status=status,
            components=body["components"],
            parameter_format=body.get("parameter_format", "POSITIONAL"),
        )
        if filed_under != category:
            template["previous_category"] = category
        self.created_templates.append(body)
        return 200, {"id": template["id"], "status": status, "category": filed_under}

    def _store(
        self, *, waba_id, name, language, category, status, components, parameter_format="POSITIONAL"
    ) -> dict[str, Any]:
        template = {
            "id": str(next(self._template_ids)),
            "waba_id": waba_id,
            "name": name,
            "language": language,
            "category": category,
            "status": status,
            "components": components,
            "quality_score": {"score": "UNKNOWN", "date": int(time.time())},
            "rejected_reason": "NONE",
            "parameter_format": parameter_format,
        }
        self.templates[template["id"]] = template
        return template

    def _list_templates(self, record: RecordedRequest, account: dict[str, str]):
        fields = _fields(record.query.get("fields"))
        name = record.query.get("name")
        try:
            limit = max(1, min(int(record.query.get("limit", "25")), 1000))
            start = int(base64.b64decode(record.query["after"]).decode()) if "after" in record.query else 0
        except ValueError:
            raise GraphAPIError(400, graph_error(message="(#100) Invalid paging parameters", code=100)) from None
        # Meta's name filter is not an exact match: the caller must compare names itself.
        found = [
            t
            for t in self.templates.values()
            if t["waba_id"] == account["waba_id"] and (name is None or name in t["name"])
        ]
        page = found[start : start + limit]
        body: dict[str, Any] = {"data": [_select(t, fields) for t in page]}
        if page:
            body["paging"] = {
                "cursors": {
                    "before": base64.b64encode(str(start).encode()).decode(),
                    "after": base64.b64encode(str(start + len(page)).encode()).decode(),
                }
            }
            if start + len(page) < len(found):
                body["paging"]["next"] = f"{self.url}{record.path}?after={body['paging']['cursors']['after']}"
        return 200, body

    def _read_template(self, record: RecordedRequest, account: dict[str, str], template_id: str):
        template = self.templates.get(template_id)
        if template is None or template["waba_id"] != account["waba_id"]:
            raise _unknown_object("GET", template_id)
        return 200, _select(template, _fields(record.query.get("fields")))


# --- validation of a template creation -------------------------------------
def _check_template(body: dict[str, Any], handles: dict[str, dict[str, Any]]) -> None:
    for key in sorted(TEMPLATE_KEYS):
        if key not in body:
            raise GraphAPIError(400, graph_error(message=f"(#100) The parameter {key} is required", code=100))
    for key in sorted(set(body) - TEMPLATE_KEYS - OPTIONAL_TEMPLATE_KEYS):
        raise GraphAPIError(400, graph_error(message=f"(#100) Param {key} is not a valid parameter", code=100))
    name, language, category, components = body["name"], body["language"], body["category"], body["components"]
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise _invalid(
            "Invalid Template Name", "Template names can only contain lowercase letters, numbers and underscores."
        )
    if not isinstance(language, str) or language not in DOCUMENTED_LANGUAGES:
        raise _invalid("Language Not Supported", f"The language {language!r} is not supported for message templates.")
    if category not in CATEGORIES:
        raise _invalid("Invalid Category", f"The category must be one of {', '.join(CATEGORIES)}.")
    parameter_format = body.get("parameter_format", "POSITIONAL")
    if parameter_format not in PARAMETER_FORMATS:
        raise _invalid("Invalid Parameter Format", "parameter_format must be POSITIONAL or NAMED.")
    named = parameter_format == "NAMED"
    if not isinstance(components, list) or not components or not all(isinstance(c, dict) for c in components):
        raise _invalid("Invalid Components", "components must be a non-empty list of objects.")
    types = [str(c.get("type", "")).upper() for c in components]
    for kind in ("HEADER", "FOOTER", "BUTTONS"):
        if types.count(kind) > 1:
            raise _invalid("Invalid Components", f"A template can have only one {kind} component.")
    if types.count("BODY") != 1:
        raise _invalid("Invalid Components", "A template needs exactly one BODY component.")
    for component, kind in zip(components, types, strict=True):
        check = {"HEADER": _check_header, "BODY": _check_body, "FOOTER": _check_footer, "BUTTONS": _check_buttons}
        if kind not in check:
            raise _invalid("Invalid Components", f"Unknown component type {component.get('type')!r}.")
        if kind in ("HEADER", "BODY"):
            check[kind](component, handles, named=named)
        elif kind == "BUTTONS":
            check[kind](component, handles, category=category)
        else:
            check[kind](component, handles)


def _check_named_params(example: object, key: str, names: list[str], where: str) -> None:
    """`example.<key>` must be [{"param_name": name, "example": sample}, …] for exactly these names."""
    params = _get(example, key)
    if (
        not isinstance(params, list)
        or not all(isinstance(p, dict) and set(p) == {"param_name", "example"} for p in params)
        or [p["param_name"] for p in params] != names
        or not all(isinstance(p["example"], str) and p["example"].strip() for p in params)
    ):
        raise _invalid(
            "Message template's example value is missing",
            f"The {where} uses named parameters {names}: give {key} one "
            "{param_name, example} object per parameter, in order.",
        )


def _check_header(component: dict[str, Any], handles: dict[str, dict[str, Any]], *, named: bool = False) -> None:
    header_format = str(component.get("format", "")).upper()
    example = component.get("example")
    if header_format == "TEXT":
        text = component.get("text")
        if not isinstance(text, str) or not 1 <= len(text) <= 60:
            raise _invalid("Invalid Header", "A text header needs text of at most 60 characters.")
        if named:
            names = _NAMED_VARIABLE.findall(text)
            if _VARIABLE.search(text) or len(names) > 1:
                raise _invalid("Invalid Header", "A NAMED template's text header has at most one named parameter.")
            if names:
                _check_named_params(example, "header_text_named_params", names, "header")
            return
        variables = _VARIABLE.findall(text)
        if len(variables) > 1 or (variables and variables[0] != "1"):
            raise _invalid("Invalid Header", "A text header can have only the variable {{1}}.")
        if variables and not _is_sample_list(_get(example, "header_text"), 1):
            raise _invalid(
                "Message template's example value is missing", "Add a sample for the header's variable (header_text)."
            )
        return
    if header_format not in HEADER_FILE_TYPES:
        raise _invalid("Invalid Header", f"Unknown header format {component.get('format')!r}.")
    if "text" in component:
        raise _invalid("Invalid Header", "A media header has no text.")
    handle_list = _get(example, "header_handle")
    if not _is_sample_list(handle_list, 1):
        raise _invalid("Message template's example value is missing", "A media header needs a sample (header_handle).")
    upload = handles.get(handle_list[0])
    if upload is None:
        raise _invalid("Invalid Media Handle", "The media sample's handle is not valid: upload the file again.")
    if upload["file_type"] not in HEADER_FILE_TYPES[header_format]:
        raise _invalid("Invalid Media Type", f"The sample is {upload['file_type']}, not a valid {header_format}.")


def _check_body(component: dict[str, Any], handles: dict[str, dict[str, Any]], *, named: bool = False) -> None:
    text = component.get("text")
    if not isinstance(text, str) or not 1 <= len(text) <= 1024:
        raise _invalid("Invalid Body", "The body needs text of at most 1024 characters.")
    if named:
        names = _NAMED_VARIABLE.findall(text)
        if _VARIABLE.search(text):
            raise _invalid("Invalid Body", "A NAMED template can't have numbered parameters like {{1}}.")
        if len(set(names)) != len(names):
            raise _invalid("Invalid Body", "Each named parameter can appear once.")
        if "body_text" in (component.get("example") or {}):
            raise _invalid("Invalid Body", "A NAMED template gives its samples as body_text_named_params.")
        if names:
            _check_named_params(component.get("example"), "body_text_named_params", names, "body")
        return
    if _NAMED_VARIABLE.search(text):
        raise _invalid("Invalid Body", "Named parameters need parameter_format NAMED.")
    numbers = sorted({int(n) for n in _VARIABLE.findall(text)})
    if numbers and numbers != list(range(1, len(numbers) + 1)):
        raise _invalid("Invalid Body", "Variables must be numbered {{1}}, {{2}} and so on, without gaps.")
    if not numbers:
        return
    samples = _get(component.get("example"), "body_text")
    if not (isinstance(samples, list) and len(samples) == 1 and _is_sample_list(samples[0], len(numbers))):
        raise _invalid(
            "Message template's example value is missing",
            f"The body has {len(numbers)} variables: give body_text exactly one list of {len(numbers)} samples.",
        )


def _check_footer(component: dict[str, Any], handles: dict[str, dict[str, Any]]) -> None:
    text = component.get("text")
    if not isinstance(text, str) or not 1 <= len(text) <= 60 or _VARIABLE.search(text):
        raise _invalid("Invalid Footer", "The footer needs text of at most 60 characters, without variables.")


def _check_buttons(component: dict[str, Any], handles: dict[str, dict[str, Any]], *, category: str = "") -> None:
    buttons = component.get("buttons")
    if not isinstance(buttons, list) or not 1 <= len(buttons) <= 10:
        raise _invalid("Invalid Buttons", "BUTTONS needs 1 to 10 buttons.")
    kinds = [b.get("type") if isinstance(b, dict) else None for b in buttons]
    if kinds.count("URL") > 2 or kinds.count("PHONE_NUMBER") > 1:
        raise _invalid("Invalid Buttons", "A template can have at most 2 URL buttons and 1 phone number button.")
    if kinds.count("COPY_CODE") > 1:
        raise _invalid("Invalid Buttons", "Templates are limited to one copy code button.")
    for button, kind in zip(buttons, kinds, strict=True):
        if kind == "COPY_CODE":
            # Coupon code templates: Marketing only, WhatsApp's own button text, an example code.
            example = button.get("example")
            if category != "MARKETING":
                raise _invalid("Invalid Buttons", "A copy code button is for MARKETING templates.")
            if set(button) != {"type", "example"}:
                raise _invalid("Invalid Buttons", "A COPY_CODE button has exactly the keys ['example', 'type'].")
            if not isinstance(example, str) or not 1 <= len(example) <= COPY_CODE_EXAMPLE_MAX:
                raise _invalid("Invalid Buttons", "The copy code example is 1 to 15 characters.")
            continue
        expected = {"QUICK_REPLY": {"type", "text"}, "PHONE_NUMBER": {"type", "text", "phone_number"}}
        text = button.get("text") if isinstance(button, dict) else None
        if not isinstance(text, str) or not 1 <= len(text) <= 25:
            raise _invalid("Invalid Buttons", "Each button needs text of at most 25 characters.")
        if kind in expected:
            if set(button) != expected[kind]:
                raise _invalid("Invalid Buttons", f"A {kind} button has exactly the keys {sorted(expected[kind])}.")
            if kind == "PHONE_NUMBER" and not _PHONE.fullmatch(str(button["phone_number"])):
                raise _invalid("Invalid Phone Number", "Give the phone number as + and 8 to 15 digits.")
        elif kind == "URL":
            _check_url_button(button)
        else:
            raise _invalid("Invalid Buttons", f"Unknown button type {kind!r}.")


def _check_url_button(button: dict[str, Any]) -> None:
    url = button.get("url")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")) or len(url) > 2000:
        raise _invalid("Invalid URL", "A URL button needs an http(s) URL of at most 2000 characters.")
    if set(button) - {"type", "text", "url", "example"}:
        raise _invalid("Invalid Buttons", "A URL button has only type, text, url and example.")
    variables = _VARIABLE.findall(url)
    if not variables:
        return
    if variables != ["1"] or not url.endswith("{{1}}"):
        raise _invalid("Invalid URL", "A URL can have one variable, {{1}}, at its end.")
    example = button.get("example")
    if not _is_sample_list(example, 1) or not example[0].startswith(url[: -len("{{1}}")]) or "{{" in example[0]:
        raise _invalid(
            "Message template's example value is missing",
            "A URL with a variable needs an example: the full URL with a sample in place of {{1}}.",
        )


def _unknown_object(method: str, object_id: str) -> GraphAPIError:
    return GraphAPIError(
        400,
        graph_error(
            message=(
                f"Unsupported {method.lower()} request. Object with ID '{object_id}' does not exist, cannot be "
                "loaded due to missing permissions, or does not support this operation."
            ),
            code=100,
            subcode=33,
            error_type="GraphMethodException",
        ),
    )


def _fields(raw: str | None) -> list[str]:
    fields = [f.strip() for f in raw.split(",") if f.strip()] if raw else list(DEFAULT_FIELDS)
    for name in fields:
        if name not in TEMPLATE_FIELDS:
            raise GraphAPIError(
                400,
                graph_error(
                    message=f"(#100) Tried accessing nonexisting field ({name}) on node type (WhatsAppBusinessHSM)",
                    code=100,
                ),
            )
    return fields


def _select(template: dict[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    return {name: template[name] for name in fields if name in template}


def _get(mapping: object, key: str) -> Any:
    return mapping.get(key) if isinstance(mapping, dict) else None


def _is_sample_list(value: object, length: int) -> bool:
    return (
        isinstance(value, list)
        and len(value) == length
        and all(isinstance(item, str) and item.strip() for item in value)
    )


def _json_response(status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(body), status=status, headers=headers or {}, mimetype="application/json")


# --- webhooks ---------------------------------------------------------------
def signed_webhook(payload: dict[str, Any], secret: str) -> tuple[bytes, dict[str, str]]:
    """A webhook body as Meta sends it and its headers, signed with the app secret.

    With Django's test client: `client.post("/webhooks/whatsapp/", body, content_type="application/json",
    headers=headers)`.
    """
    body = json.dumps(payload, separators=(",", ":")).encode()
    signature = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return body, {"Content-Type": "application/json", "X-Hub-Signature-256": f"sha256={signature}"}


def webhook_entry(*changes: dict[str, Any], time: int | None = None, waba_id: str = WABA_ID) -> dict[str, Any]:
    """One entry of a webhook body: the account, when, and its changes."""
    return {"id": waba_id, "time": int(time if time is not None else _now()), "changes": list(changes)}


def webhook_payload(*entries: dict[str, Any]) -> dict[str, Any]:
    return {"object": "whatsapp_business_account", "entry": list(entries)}


def status_change(
    template_id: str | int,
    event: str,
    *,
    name: str = "order_update",
    language: str = "en_US",
    reason: str | None = "NONE",
    category: str = "UTILITY",
    **extra: Any,
) -> dict[str, Any]:
    """A message_template_status_update change (extra: rejection_info, other_info, disable_info)."""
    value = {
        "event": event,
        "message_template_id": int(template_id),
        "message_template_name": name,
        "message_template_language": language,
        "reason": reason,
        "message_template_category": category,
        **extra,
    }
    return {"field": "message_template_status_update", "value": value}


def category_change(
    template_id: str | int, *, previous: str, new: str, name: str = "order_update", language: str = "en_US"
) -> dict[str, Any]:
    value = {
        "message_template_id": int(template_id),
        "message_template_name": name,
        "message_template_language": language,
        "previous_category": previous,
        "new_category": new,
    }
    return {"field": "template_category_update", "value": value}


def quality_change(
    template_id: str | int, *, previous: str, new: str, name: str = "order_update", language: str = "en_US"
) -> dict[str, Any]:
    value = {
        "previous_quality_score": previous,
        "new_quality_score": new,
        "message_template_id": int(template_id),
        "message_template_name": name,
        "message_template_language": language,
    }
    return {"field": "message_template_quality_update", "value": value}


def _now() -> float:
    return time.time()


# --- the fixture ------------------------------------------------------------
class _KeepUnderscoreHeaders(WSGIRequestHandler):
    """Werkzeug drops headers whose names contain "_"; the upload API's `file_offset` is one."""

    def make_environ(self):
        environ = super().make_environ()
        for key, value in self.headers.items():
            if "_" in key:
                environ["HTTP_" + key.upper().replace("-", "_")] = value
        return environ


class _GraphHTTPServer(HTTPServer):
    def thread_target(self) -> None:
        assert self.server is not None
        self.server.RequestHandlerClass = _KeepUnderscoreHeaders
        super().thread_target()


_server: HTTPServer | None = None
_server_lock = threading.Lock()


def _shared_server(config: pytest.Config) -> HTTPServer:
    """One threaded server for the whole session (starting one per test costs ~0.5 s to stop)."""
    global _server
    with _server_lock:
        if _server is None or not _server.is_running():
            server = _GraphHTTPServer(host="127.0.0.1", port=0, threaded=True)
            server.start()
            config.add_cleanup(lambda: server.stop() if server.is_running() else None)
            _server = server
        return _server


@pytest.fixture
def graph_api(request, settings):
    """A fresh fake Graph API; settings.META_GRAPH_API_URL points at it for the test."""
    server = _shared_server(request.config)
    server.clear()
    server.clear_all_handlers()
    fake = FakeGraphAPI(server)
    settings.META_GRAPH_API_URL = fake.url
    yield fake
    errors = list(server.handler_errors)
    server.clear()
    server.clear_all_handlers()
    if errors:
        raise errors[0]
