"""The outer layer: the Flask app, the self-assessment form and the command line."""
