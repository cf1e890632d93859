"""The self-assessment form: its routes (``views``), answers, what the pages draw, templates and static files."""
