"""/api/patients/{id}/today and /weekly-review: the paced plan and its weekly review."""

from ninja import Router

router = Router(tags=["plan"])
