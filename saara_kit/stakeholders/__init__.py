"""Stakeholder register: who matters to a project, and how to engage them."""
