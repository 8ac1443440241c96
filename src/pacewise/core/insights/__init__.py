"""Pattern-finding in a person's own diary: triggers and helpers (with their regression model
and plain-language text), pooling with the clinic, the flare outlook, self-experiments, the
boom-bust pattern and the week in brief."""
