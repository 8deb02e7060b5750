"""Calibration apps for `make bench`: what a page costs with nothing of ours in it."""
