"""Rendering: Jinja → Markdown → HTML, and HTML → .docx in GB/T 9704 layout."""
