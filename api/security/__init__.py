"""The security layer: API keys, rate limits, CORS, proxies, input limits, JSON depth, request ids,
log privacy and hardening headers. :mod:`api.security.hardening` wires them into the app.

It knows no view: blueprints declare what they need of it (their own rate limits,
the form's page headers), so nothing here imports ``api.v1``, ``api.web`` or ``api.cli``.
"""
