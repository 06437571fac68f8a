"""Helpers of the browser tests: a server of ``hrsim app`` or ``hrsim demo``, Debian's Chromium,
and a page that records console errors and any request that leaves 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"]
START_TIMEOUT_S = 120  # the server imports Solara and Mesa; slow on a busy machine
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(*args: str) -> Iterator[str]:
    """``hrsim ARGS --port P`` on a free port until the block ends; yields its address.

    Stopped by its pid afterwards.
    """
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "hrsim", *args, "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    assert response.status == 200
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read()
                    raise RuntimeError(f"hrsim {args[0]} did not start:\n{output}") from None
                time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stdout.close()


@contextlib.contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium driven by Playwright; the test fails (not skips) without it."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.fail("Chromium is needed for the browser tests: apt-get install chromium "
                    "(.ci/run and make test install it when missing)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


class Watched:
    """A page with its console errors and any request that left 127.0.0.1."""

    def __init__(self, page: Page) -> None:
        self.page, self.errors, self.outside = page, [], []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.route("**/*", self._local_only)

    def _local_only(self, route) -> None:
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def monitor(self, index: int) -> str:
        """The value shown by monitor number `index` (0: the working day)."""
        return self.page.locator(".hrsim-monitor").nth(index).inner_text()
