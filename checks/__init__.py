"""Fact-check workbench engine: pure Python, never imports streamlit."""
