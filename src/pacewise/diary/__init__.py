"""Check-ins and activity sessions: what everything else learns from."""
