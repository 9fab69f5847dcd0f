"""Ingestion: corpus files -> documents -> sections, matrix rows and indicators -> units -> index."""
