"""Figures for the book: each chapter's plots, made by running the model."""
