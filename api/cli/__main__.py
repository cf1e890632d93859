"""``python -m api.cli``: the ``careerpath`` command."""

from api.cli import main

main()
