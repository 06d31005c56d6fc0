"""python -m pipeline runs the perfreturns command."""

from pipeline.cli import main

main()
