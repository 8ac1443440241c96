"""Pacewise: paced, graded movement for people living with chronic pain."""

__version__ = "0.1.0"
