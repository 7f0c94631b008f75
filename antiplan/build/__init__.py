"""Build steps for the course: the book and the student exercises."""
