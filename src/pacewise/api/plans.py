"""/api/patients/{id}/program...: the exercise program, screening and sessions."""

from ninja import Router

router = Router(tags=["program"])
