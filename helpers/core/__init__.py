"""Layer 1, core: the one error type, where things are, and safe file writing. Imports nothing of
the other layers."""
