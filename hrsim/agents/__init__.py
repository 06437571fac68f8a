"""Agents: residents (numpy arrays), staff and agencies (Mesa agents), and their rules."""
