"""Rules for the care team: caseload triage, a clinic's program outcomes and monitoring
figures."""
