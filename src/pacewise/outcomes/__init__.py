"""Questionnaires on a schedule, their scores and meaningful change, and the safety protocol."""
