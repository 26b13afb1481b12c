"""Views of Broadcast > Template message, one module per flow: wizard, submit, review, pages."""
