"""Mind-body tools: goal setting, the positive-psychology sequence and thinking traps."""
