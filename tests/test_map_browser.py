"""Headless Chromium opens the HTML map as a person would: no console error, no network
request, the slider redraws control, a click shows a place's quote; and a screenshot.

Chromium is driven over its DevTools pipe (`--remote-debugging-pipe`), with no client
library: commands and events are JSON messages ended by a NUL byte. The test is skipped where
Debian's `chromium` is not installed (.ci/run installs it).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import invoke

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")]
# The picture in the docs: `TIMELINE_MAP_SCREENSHOT=docs/map.png pytest tests/test_map_browser.py`.
SCREENSHOT = os.environ.get("TIMELINE_MAP_SCREENSHOT")


class Browser:
    def __init__(self, executable: str) -> None:
        self.profile = tempfile.mkdtemp(prefix="map-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def wire() -> None:  # in the child: the pipe on fds 3 (commands) and 4 (answers)
            commands, answers = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(commands, 3)  # dup2 onto itself would keep close-on-exec: copies first
            os.dup2(answers, 4)

        self.process = subprocess.Popen(
            [executable, "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--no-first-run", "--disable-extensions", f"--user-data-dir={self.profile}",
             "--remote-debugging-pipe", "--window-size=1300,900", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=wire, close_fds=False)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []
        self.session: str | None = None

    def call(self, method: str, timeout: float = 30, **params: Any) -> dict[str, Any]:
        self._next += 1
        ident = self._next
        message: dict[str, Any] = {"id": ident, "method": method, "params": params}
        if self.session and not method.startswith("Target."):
            message["sessionId"] = self.session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            for answer in self._read(deadline):
                if answer.get("id") == ident:
                    if "error" in answer:
                        raise RuntimeError(f"{method}: {answer['error']}")
                    result: dict[str, Any] = answer.get("result", {})
                    return result
                self.events.append(answer)

    def wait_for(self, method: str, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        seen = 0
        while True:
            for event in self.events[seen:]:
                if event.get("method") == method:
                    return event
            seen = len(self.events)
            self.events.extend(self._read(deadline))

    def _read(self, deadline: float) -> list[dict[str, Any]]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed its pipe")
            self._buffer += chunk
        *messages, self._buffer = self._buffer.split(b"\0")
        return [json.loads(m) for m in messages if m]

    def open(self, url: str) -> None:
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Network", "Runtime", "Log", "Page"):
            self.call(f"{domain}.enable")
        self.call("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(str(result["exceptionDetails"]))
        return result["result"].get("value")

    def screenshot(self, path: Path) -> None:
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))

    def requests(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events
                if e.get("method") == "Network.requestWillBeSent"]

    def errors(self) -> list[str]:
        found = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
                found.append(json.dumps(params["args"]))
            elif method == "Runtime.exceptionThrown":
                found.append(json.dumps(params["exceptionDetails"]))
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                found.append(params["entry"]["text"])
        return found

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, TimeoutError, OSError):
            self.call("Browser.close", timeout=5)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)
        shutil.rmtree(self.profile, ignore_errors=True)


@pytest.fixture
def browser() -> Iterator[Browser]:
    assert CHROMIUM is not None
    opened = Browser(CHROMIUM)
    try:
        yield opened
    finally:
        opened.close()


_FILLS = """Array.prototype.map.call(document.querySelectorAll('circle.marker'), function (m) {
  return [m.getAttribute('data-place'), m.style.display, m.getAttribute('fill')]; })"""


def _slide(browser: Browser, value: str) -> Any:
    browser.evaluate(f"""(function () {{ var s = document.getElementById('slider');
      s.value = {value}; s.dispatchEvent(new Event('input')); }})()""")
    return browser.evaluate(_FILLS)


def test_the_page_works_offline_and_redraws_control(tmp_path: Path, browser: Browser) -> None:
    page = tmp_path / "raqqa.html"
    assert invoke("map", "--as-of", "2017-10-20", "-o", str(page)).exit_code == 0
    browser.open(page.as_uri())
    assert browser.requests() == [page.as_uri()]
    shown = {place: fill for place, _, fill in browser.evaluate(_FILLS)}
    swatch = browser.evaluate("""(function () { var s = {};
      document.querySelectorAll('circle.swatch').forEach(function (c) {
        s[c.getAttribute('data-side')] = c.getAttribute('fill'); }); return s; })()""")
    assert shown["raqqa"] == swatch["sdf"] and shown["palmyra"] == swatch["syrian-army"]
    # The first step: January 2011, before any place changed hands: every marker hidden.
    assert {display for _, display, _ in _slide(browser, "0")} == {"none"}
    assert browser.evaluate("Array.prototype.map.call(document.querySelectorAll("
                            "'text[data-for]'), function (t) { return t.style.display; })"
                            ".join()").split(",") == ["none"] * 5  # 3 names would overlap
    assert browser.evaluate("document.getElementById('map-day').textContent") == \
        "الوضع في كانون الثاني 2011"
    assert browser.evaluate("document.getElementById('slider-day').textContent") == \
        "كانون الثاني 2011"
    # December 2015: Palmyra held by the group; Raqqa too.
    december = browser.evaluate("JSON.parse(document.getElementById('map-data')"
                                ".textContent).labels.indexOf('كانون الأول 2015')")
    fills = {place: fill for place, display, fill in _slide(browser, str(december))
             if display != "none"}
    assert fills["palmyra"] == fills["raqqa"] == swatch["islamic-state"]
    # Back to the map's day, and a click on Raqqa: the date, the sides and the quote.
    _slide(browser, "s.max")
    browser.evaluate("document.querySelector('circle[data-place=raqqa]')"
                     ".dispatchEvent(new MouseEvent('click'))")
    panel = browser.evaluate("document.getElementById('panel').textContent")
    stored = json.loads(invoke("list", "--place", "raqqa", "--json").stdout)
    quote = next(e["quote"] for e in stored if e["date"] == "2017-10-17")
    assert "منذ 17 تشرين الأول 2017" in panel and "قوات سوريا الديموقراطية" in panel and quote in panel
    assert browser.errors() == []
    assert browser.requests() == [page.as_uri()]
    shot = Path(SCREENSHOT) if SCREENSHOT else tmp_path / "map.png"
    browser.screenshot(shot)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
