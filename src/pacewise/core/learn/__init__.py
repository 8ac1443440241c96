"""Learning and mind-body tools: the pain-science course's lessons (their format, unlock
rule, suggestions and reading level), goal setting, the positive-psychology sequence and
thinking traps."""
