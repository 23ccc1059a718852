"""Fixtures shared by the PDF foundation tests and the document tests."""

from tests.reports.test_pdf import no_network, trap_server

__all__ = ["no_network", "trap_server"]
