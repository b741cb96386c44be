"""Take the screenshots of the article editor that ADDING-AN-ARTICLE.md shows, from the real
editor: a copy of this repository, its site built with the editor's local backend, decap-server
on it, and the system's Chromium (Playwright), as `make serve` runs it for a coach.

    .venv/bin/python docs-images/take_editor_screenshots.py

Writes docs-images/editor-*.png (small PNGs, a 1100 x 720 window): those of `make serve`'s editor, and
those of the editorial workflow the published editor uses (decap-server in its Git mode). Nothing in
the repository's own articles is changed: the copy is thrown away. Run it again after changing
the editor, and commit the pictures with the change. tests/site/test_adding_an_article_doc.py
checks that every picture the guide names is here.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from playwright.sync_api import sync_playwright  # noqa: E402

from browser_support import CHROMIUM_FLAGS, HOW_TO_GET_ONE, find_chromium, serve  # noqa: E402
from support import PROJECT_PARTS, build_ok, free_port  # noqa: E402

OUT = Path(__file__).resolve().parent
SIZE = {"width": 1100, "height": 720}
SEED_TITLE = "How You Should React to a Bad Job Interview"


def main() -> int:
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        # As `make serve` runs it (decap-server MODE fs: saving writes the file).
        with editor(work / "fs", "fs") as url:
            shoot(url)
        # As the published editor saves (decap-server MODE git, in a Git repository: each
        # article on a branch of its own, with a status: the editorial workflow).
        with editor(work / "git", "git") as url:
            shoot_workflow(url)
    return 0


@contextlib.contextmanager
def editor(work: Path, mode: str) -> Iterator[str]:
    """A copy of the repository, decap-server on it in `mode`, its site built and served."""
    project = work / "repository"
    project.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, project / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, project / part)
    (project / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    if mode == "git":
        (project / ".gitignore").write_text("node_modules\n", encoding="utf-8")
        git = ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
        subprocess.run([*git, "init", "-q", "-b", "main"], cwd=project, check=True)
        subprocess.run([*git, "add", "-A"], cwd=project, check=True)
        subprocess.run([*git, "commit", "-q", "-m", "The guide"], cwd=project, check=True)
    port = free_port()
    log_path = work / "decap-server.log"
    log = log_path.open("w")
    environment = {
        **os.environ,
        "GIT_REPO_DIRECTORY": str(project),
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "MODE": mode,
    }
    server = subprocess.Popen(
        ["node", str(ROOT / "node_modules/decap-server/dist/index.js")],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=environment,
    )
    site = work / "site"
    site.mkdir()
    url, http_server = serve(site)
    try:
        deadline = time.monotonic() + 60
        while "listening" not in log_path.read_text() and time.monotonic() < deadline:
            time.sleep(0.2)
        build_ok(project, site, env={"GUIDE_EDITOR_LOCAL": str(port), "SITE_URL": url})
        yield url
    finally:
        http_server.shutdown()
        server.terminate()
        server.wait(timeout=10)
        log.close()


def shoot(url: str) -> None:
    with sync_playwright() as playwright:
        path = find_chromium(playwright)
        if path is None:
            raise SystemExit(HOW_TO_GET_ONE)
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport=SIZE, device_scale_factor=1)
        page.set_default_timeout(90_000)
        page.on(
            "dialog", lambda dialog: dialog.accept()
        )  # "leave the unsaved article?": yes, it was a picture
        page.goto(url + "admin/", wait_until="domcontentloaded")
        login = page.get_by_role("button", name="Login")
        login.wait_for()
        save(page, "editor-sign-in.png")
        login.click()
        page.get_by_role("link", name="Articles").first.wait_for()
        page.get_by_role("link", name=SEED_TITLE).wait_for()
        save(page, "editor-articles.png")

        # A new article: the form, with the preview beside it once the title is typed.
        page.goto(url + "admin/#/collections/articles/new")
        page.get_by_label("Title", exact=True).last.fill("How to Ask for a Raise")
        page.get_by_label("Summary", exact=True).last.fill(
            "What to prepare, what to say, and what to do after the answer."
        )
        page.get_by_label("Intro", exact=True).last.fill(
            "Asking for more pay is a normal part of work.\n\nHere is how to do it well."
        )
        preview(page, "How to Ask for a Raise")
        save(page, "editor-new-article.png")

        # A mistake the form refuses, in the format's words, before anything is saved.
        page.get_by_role("button", name="Add section", exact=True).last.click()
        page.get_by_label("ID", exact=True).last.fill("know your worth")
        page.get_by_role("button", name="Publish", exact=True).click()
        page.get_by_text("Publish now", exact=True).click()
        message = page.get_by_text("didn't match the pattern").first
        message.wait_for()
        message.scroll_into_view_if_needed()
        save(page, "editor-refused.png")

        # An existing article open in the form, and the menu that saves it (in a tab of its own:
        # the refusal's message would still show in this one).
        page.close()
        page = browser.new_page(viewport=SIZE, device_scale_factor=1)
        page.set_default_timeout(90_000)
        page.goto(url + "admin/", wait_until="domcontentloaded")
        page.get_by_role("link", name=SEED_TITLE).or_(
            page.get_by_role("button", name="Login")
        ).first.wait_for()
        if page.get_by_role("button", name="Login").count() > 0:
            page.get_by_role("button", name="Login").click()
        page.get_by_role("link", name=SEED_TITLE).click()
        box = page.get_by_label("Text", exact=True).first
        box.wait_for()
        box.fill(box.input_value() + " today")
        preview(page, "today")
        page.get_by_role("button", name="Publish", exact=True).click()
        page.get_by_text("Publish now", exact=True).wait_for()
        save(page, "editor-publish.png")
        browser.close()


# The published editor's way of saving: Save, a status, the Workflow page.
def shoot_workflow(url: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium(playwright), args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport=SIZE, device_scale_factor=1)
        page.set_default_timeout(90_000)
        page.goto(url + "admin/", wait_until="domcontentloaded")
        page.get_by_role("button", name="Login").click()
        page.get_by_role("link", name=SEED_TITLE).click()
        box = page.get_by_label("Text", exact=True).first
        box.wait_for()
        box.fill(box.input_value() + " today")
        page.get_by_role("button", name="Save", exact=True).click()
        page.get_by_text("Saving", exact=False).first.wait_for(state="detached")
        page.get_by_text("Status", exact=False).first.wait_for()
        save(page, "editor-save.png")
        page.goto(url + "admin/#/workflow")
        page.get_by_text("Drafts", exact=False).first.wait_for()
        save(page, "editor-workflow.png")
        browser.close()


# The preview beside the form (Decap draws it in a frame) showing `text`, when it has one.
def preview(page, text: str) -> None:
    frames = page.locator("iframe")
    if frames.count() > 0:
        page.frame_locator("iframe").first.get_by_text(text).first.wait_for()


def save(page, name: str) -> None:
    page.screenshot(path=str(OUT / name), type="png")
    print(f"{name}: {(OUT / name).stat().st_size // 1024} KB")


if __name__ == "__main__":
    sys.exit(main())
