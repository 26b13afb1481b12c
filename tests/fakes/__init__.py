"""Fakes of outside services that speak their real protocol on localhost (tests only)."""
