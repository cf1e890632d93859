"""Client addresses behind reverse proxies: ``TRUSTED_PROXIES`` (``CAREERPATH_TRUSTED_PROXIES``).

Behind nginx or a load balancer every request comes from the proxy's address, so
per-address rate limits (the form; the API when it is open) would count all clients
as one. Set the number of proxies in front of the server and the client's address is
taken from ``X-Forwarded-For`` instead, trusting only as many hops as there are
proxies (a client can put anything in the header; only the proxies' entries count).
The default, 0, trusts no header: right when clients connect directly.
"""

from __future__ import annotations

from werkzeug.middleware.proxy_fix import ProxyFix


def init_app(app) -> None:
    hops = app.config["TRUSTED_PROXIES"]
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=0, x_port=0, x_prefix=0)
