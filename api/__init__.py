"""The outer layer: the HTTP API and the form (``api.app.create_app``), security and the command line.

Layers inside point one way: ``cli`` uses ``app``, which wires ``v1`` (the JSON API)
and ``web`` (the form) to ``security``; ``settings`` and the error shape are beneath
them all (tests/test_architecture.py checks it).
"""
