"""/api/patients/{id}/... for lessons and mind-body tools."""

from ninja import Router

router = Router(tags=["learn"])
