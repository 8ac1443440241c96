"""The typed JSON API under /api/ (django-ninja), with OpenAPI at /api/openapi.json."""
