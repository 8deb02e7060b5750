"""Benchlearning dashboard for Latvia's local governments: warehouse, logic, charts."""
