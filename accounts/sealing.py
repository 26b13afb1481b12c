"""Short-lived sealed values for task arguments.

Some task arguments must not sit in the broker or in logs in clear (a
verification code on its way to the email task). They travel sealed with a
key derived from SECRET_KEY and are only readable for `max_age` seconds.
"""

import base64
import hashlib
import json

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


class SealExpired(Exception):
    """The sealed value is older than allowed, or was not sealed by us."""


def _fernet() -> Fernet:
    digest = hashlib.sha256(("task-seal:" + settings.SECRET_KEY).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def seal(values: dict) -> str:
    return _fernet().encrypt(json.dumps(values).encode()).decode()


def unseal(token: str, *, max_age: int) -> dict:
    try:
        return json.loads(_fernet().decrypt(token.encode(), ttl=max_age))
    except InvalidToken as exc:
        raise SealExpired from exc
