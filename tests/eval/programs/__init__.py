"""Independent evaluation programs for afflow's fraud detectors (see README.md in this folder)."""

from .generator import write_program
from .spec import PROGRAMS, ProgramSpec

__all__ = ["PROGRAMS", "ProgramSpec", "write_program"]
