"""Simulated people for the benchmarks, the property tests and the demo: not part of the
product's engine (nothing but ``pacewise.ops``' demo imports it). Model A (``model_a``) and
the independently written model B (``model_b``) share the interface; ``strategies`` holds the
engine and the three anchors as the simulator calls them."""
