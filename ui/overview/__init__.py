"""The Overview window and its pages."""
