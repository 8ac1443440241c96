"""/api/patients/{id}/insights...: findings, the flare outlook and self-experiments."""

from ninja import Router

router = Router(tags=["insights"])
