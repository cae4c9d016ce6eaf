"""`python -m janus_kit ...` is the `kit` command."""

from .cli import run

run()
