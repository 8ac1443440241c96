"""Insights: trends, honest trigger detection, the flare outlook and self-experiments."""
