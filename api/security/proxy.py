"""Client addresses behind reverse proxies: ``TRUSTED_PROXIES`` and ``TRUSTED_PROXY_ADDRESSES``.

Behind nginx or a load balancer every request comes from the proxy's address, so
per-address rate limits (the form; the API when it is open) would count all clients
as one. Set the number of proxies in front of the server and the client's address (and
scheme) is taken from ``X-Forwarded-For`` (``X-Forwarded-Proto``) instead, trusting only
as many hops as there are proxies (a client can put anything in the header; only the
proxies' entries count). The default, 0, trusts no header: right when clients connect
directly.

The headers are believed only on connections from ``TRUSTED_PROXY_ADDRESSES`` (addresses
or networks; default the loopback addresses, where a proxy on the same host connects
from): a client that reaches the server directly cannot pick its own address, and so
its own rate-limit budget, by sending the header itself.
"""

from __future__ import annotations

import ipaddress

from werkzeug.middleware.proxy_fix import ProxyFix


class TrustedProxyFix:
    """werkzeug's ProxyFix for requests from the trusted proxies' addresses; others as they came."""

    def __init__(self, app, hops: int, networks):
        self.app = app
        self.fixed = ProxyFix(app, x_for=hops, x_proto=hops, x_host=0, x_port=0, x_prefix=0)
        self.networks = tuple(networks)

    def __call__(self, environ, start_response):
        if trusted(environ.get("REMOTE_ADDR"), self.networks):
            return self.fixed(environ, start_response)
        return self.app(environ, start_response)


def trusted(address: str | None, networks) -> bool:
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return False
    return any(ip in network for network in networks)


def init_app(app) -> None:
    hops = app.config["TRUSTED_PROXIES"]
    if hops:
        app.wsgi_app = TrustedProxyFix(app.wsgi_app, hops, app.config["TRUSTED_PROXY_ADDRESSES"])
