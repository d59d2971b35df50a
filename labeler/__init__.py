"""The labeller's application core: service, command line.  No Qt."""
__version__ = "0.1.0"
