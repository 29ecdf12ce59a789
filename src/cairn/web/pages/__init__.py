"""The pages: one module per page (or group of pages), each an ``APIRouter`` named
``router`` that ``app.py`` includes. A page reads a view model from the services and
renders a template from ``templates/`` with ``templating.render``."""
