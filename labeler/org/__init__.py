"""The organisation's plumbing: audit trail, SIEM forwarding, scheme distribution, admin config."""
