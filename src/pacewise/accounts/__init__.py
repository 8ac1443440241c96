"""People, clinics, consent to share, the one access rule, the audit log and API tokens."""
