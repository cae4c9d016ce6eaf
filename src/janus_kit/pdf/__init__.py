"""Printable kit: every PDF built from the same Markdown sources with WeasyPrint.

``documents`` composes each document's HTML (Jinja2 templates and CSS live in
``janus_kit/print/``); ``render`` turns HTML into PDF in worker processes;
``build`` ties them together with a content-hash cache and a manifest.
"""
