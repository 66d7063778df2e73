"""Fixtures: the local GA4 and Meta servers and a small program loaded through the CSV importer."""

from conv_program import small_program
from fakes.ga4_server import ga4_server
from fakes.meta_server import meta_server

__all__ = ["ga4_server", "meta_server", "small_program"]
