"""Rendering helpers shared by app.py and pages/: session keys, resources, frames, HTML."""
