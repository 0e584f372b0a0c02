"""Deployment: the HAProxy example configuration and the local cluster behind `make cluster`."""
