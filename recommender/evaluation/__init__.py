"""Measurements of how well careerpath reads people: matching names, whole personas."""
