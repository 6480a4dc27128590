"""Mentors: the one adult who follows a student across subjects, and their check-in notes."""
