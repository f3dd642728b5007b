"""Fixtures for the real-browser test: one JupyterLab server for the session, one Chromium
page per notebook, and a screenshot under build/screenshots/ whenever a test fails."""

import json
import sys
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import browser  # noqa: E402  (tools/browser.py)

SCREENSHOTS = ROOT / "build" / "screenshots"


@pytest.fixture(scope="session")
def lab():
    with browser.jupyterlab() as (base, token):
        yield base, token


@pytest.fixture
def page(lab, request):
    base, token = lab
    with browser.chromium_page() as page:
        request.node.page = page
        yield page
    _shut_down_kernels(base, token)        # each notebook gets a fresh kernel


def _shut_down_kernels(base, token):
    headers = {"Authorization": f"token {token}"}
    with urllib.request.urlopen(urllib.request.Request(f"{base}/api/kernels", headers=headers)) as r:
        kernels = json.load(r)
    for k in kernels:
        urllib.request.urlopen(urllib.request.Request(f"{base}/api/kernels/{k['id']}",
                                                      headers=headers, method="DELETE"))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    report = (yield).get_result()
    page = getattr(item, "page", None)
    if report.when == "call" and report.failed and page is not None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = item.callspec.id if hasattr(item, "callspec") else item.name
        path = SCREENSHOTS / f"{name}.png"
        try:
            page.screenshot(path=str(path), full_page=False)
            report.sections.append(("screenshot", f"saved {path.relative_to(ROOT)}"))
        except Exception as err:      # the browser may be gone; the failure itself matters more
            report.sections.append(("screenshot", f"could not take one: {err}"))
