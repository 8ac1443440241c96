"""Plans: the exercise library (``exercises/*.yaml``, read by ``plans.library``) and, later,
plan state, sessions and screening. Keep this module free of imports."""
