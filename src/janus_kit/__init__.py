"""JANUS+ Soft Skills Kit: the plain-Python logic behind the site.

Nothing in this package imports mkdocs. The hooks in ``hooks/`` are thin
adapters that call it, and so are the CLI (``scripts/kit.py``) and the tests.
"""
