"""Writes of the claims app, one module per concern: letters (upload, processing, edits) and
claims (a person's edits to claims)."""
