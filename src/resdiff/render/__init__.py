"""Renderers: pure functions from domain objects to text, one module per output format."""
