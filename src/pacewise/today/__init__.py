"""Today's plan: plan state per patient, the Today page, the weekly review and overrides."""
