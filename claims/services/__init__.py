"""Writes of the claims app, one module per concern: letters (upload, processing, edits),
claims (a person's edits to claims) and workers (heartbeats)."""
