"""Rendering plan reports (Markdown, HTML, PDF) with Jinja2 templates and matplotlib charts."""
