"""Adapters from static-site engines to the kit's pipeline (``janus_kit.pipeline``)."""
