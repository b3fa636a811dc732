"""Concertation planning: the plan and its preconditions, participation levels, activities with
their RACI, meetings and the commitments they bring."""
