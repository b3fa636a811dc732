"""SAARA kit."""
