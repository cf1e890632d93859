"""The outer layer: the Flask app, the self-assessment form and the command line."""


def __getattr__(name):
    # ``from api import create_app`` works, but the command line (api.cli) does not
    # pay for importing Flask and flask-smorest (~0.3 s) on every invocation.
    if name == "create_app":
        from api.app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["create_app"]
