"""The client's address, the one answer used by sign-in throttles, audit trails and security events.

Behind reverse proxies every connection comes from a proxy; the client is
the address the proxies recorded in X-Forwarded-For. `TRUSTED_PROXIES` names
those proxies, one entry (address or CIDR network) per hop, outermost first.
django-ipware resolves the chain: the connecting address (REMOTE_ADDR) is
the chain's last hop, so a forged X-Forwarded-For from a client connecting
directly never matches the trusted hops and is ignored.
"""

from django.conf import settings
from ipware import get_client_ip

_CHAIN = "HTTP_X_FORWARDED_FOR"


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = list(settings.TRUSTED_PROXIES)
    if not proxies or remote is None:
        return remote
    forwarded = request.META.get(_CHAIN, "")
    chain = f"{forwarded}, {remote}" if forwarded.strip() else remote
    try:
        ip, _routable = get_client_ip(
            _ChainOnly({_CHAIN: chain}),
            proxy_trusted_ips=proxies,
            request_header_order=[_CHAIN],
            strict=False,
        )
    except ValueError:  # an unparseable header: fall back to the connection itself
        return remote
    # None: the chain did not end in the trusted hops (a direct client), so only the connection counts.
    return ip or remote


class _ChainOnly:
    """A request-shaped object whose only header is the full hop chain."""

    def __init__(self, meta: dict):
        self.META = meta
