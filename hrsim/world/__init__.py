"""The world the working day acts on.

Residents and their network, requests, the service catalogue, the agencies, and the queue and
inbox engines; ``hrsim/day`` holds the components that act on them.
"""
