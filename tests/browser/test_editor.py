"""The article editor at /admin/ (Decap CMS, hooks/editor.py), used in real Chromium against its
local backend, as a coach uses it under `make serve`.

Each test works in a copy of the repository (its own articles included): decap-server runs
there with GIT_REPO_DIRECTORY, as the hook starts it under serve, and the site is built there
with GUIDE_EDITOR_LOCAL set to that server's port. Every request the editor page makes is
recorded: none may leave the two local servers.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from browser_support import serve
from guide_core.editor_config import SKELETON, documented_order, ordered
from guide_core.scaffold import slugify
from guide_core.schema import schema
from support import ARTICLES, PROJECT_PARTS, ROOT, build_ok, free_port, wait_for

SEED_TITLE = "How You Should React to a Bad Job Interview"
DECAP_SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
DECAP_BUNDLE = ROOT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js"
HOW_TO_GET_DECAP = (
    "Decap CMS and decap-server are not installed: run `make build` (it installs them with npm), "
    "or Node.js 20 with npm first."
)


class Editor:
    """A copy of the repository, its decap-server, its site built with the local backend and
    served on localhost."""

    def __init__(self, project: Path, url: str, hosts: set[str]) -> None:
        self.project = project
        self.url = url
        self.hosts = hosts  # host:port of the site and of decap-server

    def articles(self) -> dict[str, Path]:
        """Title -> file, for every article in the copy."""
        found = {}
        for path in sorted((self.project / "docs/articles").glob("*.yml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and "title" in data:
                found[data["title"]] = path
        return found

    def check(self) -> subprocess.CompletedProcess[str]:
        """`make check` in the copy: every article checked as a pull request checks it."""
        env = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
        return subprocess.run(
            [sys.executable, "-m", "guide_core.check"],
            check=False,
            cwd=self.project,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )


@pytest.fixture(scope="module")
def editor_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Editor]:
    """The copy, its decap-server and its built site, made once for a module's tests (a build
    and a server start are half a minute on a busy machine); `editor` gives each test its own
    articles."""
    tmp_path = tmp_path_factory.mktemp("editor")
    if not (DECAP_SERVER.is_file() and DECAP_BUNDLE.is_file()):
        pytest.fail(HOW_TO_GET_DECAP, pytrace=False)
    if shutil.which("node") is None:
        pytest.fail(
            "Node.js is not installed (decap-server runs on it): "
            "on Debian/Ubuntu `sudo apt-get install nodejs npm`.",
            pytrace=False,
        )
    project = _copy_repository(tmp_path / "repository")
    port = free_port()
    log = (tmp_path / "decap-server.log").open("w")
    server = subprocess.Popen(
        ["node", str(DECAP_SERVER)],
        cwd=project, stdout=log, stderr=subprocess.STDOUT,
        env={
            **os.environ,
            "GIT_REPO_DIRECTORY": str(project),
            "PORT": str(port),
            "BIND_HOST": "127.0.0.1",
            "MODE": "fs",
        },
    )  # fmt: skip
    site = tmp_path / "site"
    site.mkdir()
    url, http_server = serve(site)
    try:
        wait_for(lambda: "listening" in (tmp_path / "decap-server.log").read_text(), "decap-server to listen")
        build_ok(project, site, env={"GUIDE_EDITOR_LOCAL": str(port), "SITE_URL": url})
        yield Editor(project, url, {urlsplit(url).netloc, f"127.0.0.1:{port}"})
    finally:
        http_server.shutdown()
        server.terminate()
        server.wait(timeout=10)
        log.close()


@pytest.fixture
def editor(editor_server: Editor) -> Iterator[Editor]:
    """The module's editor, with the copy's articles folder as it was before the test put back
    after it: a file the test made is removed, one it changed is written back."""
    folder = editor_server.project / "docs" / "articles"
    before = {path: path.read_bytes() for path in folder.iterdir() if path.is_file()}
    yield editor_server
    for path in folder.iterdir():
        if path.is_file() and path not in before:
            path.unlink()
    for path, data in before.items():
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)


# The repository as a fork holds it (its own articles), with the npm packages it installed.
def _copy_repository(project: Path) -> Path:
    project.mkdir()
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, project / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, project / part)
    (project / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return project


@pytest.fixture
def seed(editor: Editor) -> Path:
    """The seed article's file in the copy (the repository's own, found by its title; the tests'
    copy of it if the repository no longer holds it)."""
    found = editor.articles().get(SEED_TITLE)
    if found is None:
        found = editor.project / "docs/articles" / "seed.yml"
        shutil.copy2(
            next(
                path
                for path in ARTICLES.glob("*.yml")
                if yaml.safe_load(path.read_text(encoding="utf-8")).get("title") == SEED_TITLE
            ),
            found,
        )
    return found


@pytest.fixture
def opened(page, editor: Editor):
    """The editor page, signed in to the local backend, with every request it makes recorded;
    after the test, none went anywhere but the site and decap-server."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    # The bundle is 5 MB: on a loaded machine it takes longer than Playwright's 30 s default.
    page.set_default_timeout(90_000)
    page.goto(editor.url + "admin/", wait_until="domcontentloaded")
    page.get_by_role("button", name="Login").click()
    page.get_by_role("link", name="Articles").first.wait_for()
    yield page
    outside = [
        url
        for url in requested
        if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc not in editor.hosts
    ]
    assert requested and not outside, f"the editor asked for something outside the site: {outside}"


# --- Filling the form ------------------------------------------------------------------------


def _field(page, label: str):
    """The last field of the form with this label (fields are filled in the order they appear,
    so the last one is the one just added)."""
    return page.get_by_label(label, exact=True).last


def _add(page, what: str) -> None:
    page.get_by_role("button", name=f"Add {what}", exact=True).last.click()


def _publish(page) -> None:
    page.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_text("Publish now", exact=True).click()


NEW_TITLE = "Négocier « son » salaire: what’s fair?"
SECTIONS = [
    (
        "know-your-worth",
        "Know your worth",
        "Find what people in your role earn.",
        [("list-three-sources", "List three salary sources")],
        [("what-do-you-earn", "What do you earn now?")],
    ),
    (
        "ask-clearly",
        "Ask clearly",
        "Say one number, then stop talking.",
        [("write-your-number", "Write down your number"), ("practise-the-ask", "Practise saying it aloud")],
        [("what-number", "What number will you ask for?")],
    ),
    (
        "follow-up",
        "Follow up",
        "Confirm what you agreed in writing.",
        [("send-the-email", "Send the confirmation email")],
        [],
    ),
]


def test_an_article_made_in_the_form_passes_the_check_builds_and_shows_on_the_home_page(
    opened, editor: Editor, tmp_path: Path
) -> None:
    page = opened
    before = set(editor.articles())
    page.goto(editor.url + "admin/#/collections/articles/new")
    slug = slugify(NEW_TITLE)  # the Slug field left empty: made from the title, as `make article` does
    _field(page, "Title").fill(NEW_TITLE)
    _field(page, "Summary").fill("How to ask for the salary you are worth, and get it in writing.")
    _field(page, "Intro").fill("An offer is the start of a conversation.\n\nHere is how to have it.")
    for section_id, heading, body, items, prompts in SECTIONS:
        _add(page, "section")
        _field(page, "ID").fill(section_id)
        _field(page, "Heading").fill(heading)
        _field(page, "Body").fill(body)
        for item_id, text in items:
            _add(page, "checklist item")
            _field(page, "ID").fill(item_id)
            _field(page, "Text").fill(text)
        for prompt_id, question in prompts:
            _add(page, "prompt")
            _field(page, "ID").fill(prompt_id)
            _field(page, "Question").fill(question)
    _field(page, "Subject (optional)").fill("Our conversation about the {role} offer")
    _field(page, "Body (optional)").fill(
        "Dear {manager_name},\n\nThank you for the offer for the {role} role.\n\nKind regards,"
    )
    for name, label in (("manager_name", "Manager's name"), ("role", "The role")):
        _add(page, "field")
        _field(page, "Name").fill(name)
        _field(page, "Label").fill(label)
    _publish(page)
    written = editor.project / "docs/articles" / f"{slug}.yml"
    wait_for(written.is_file, f"the editor to write {written.name}")
    assert set(editor.articles()) - before == {NEW_TITLE}

    checked = editor.check()
    assert checked.returncode == 0, (
        f"make check refused the editor's file:\n{checked.stdout}\n{checked.stderr}\n"
        f"{written.read_text(encoding='utf-8')}"
    )
    article = yaml.safe_load(written.read_text(encoding="utf-8"))
    assert article["slug"] == slug and article["title"] == NEW_TITLE
    assert [section["id"] for section in article["sections"]] == [section[0] for section in SECTIONS]
    assert [[item["text"] for item in section["checklist"]] for section in article["sections"]] == [
        [text for _, text in section[3]] for section in SECTIONS
    ]
    assert [field["name"] for field in article["email"]["fields"]] == ["manager_name", "role"]
    # The keys in the order the format documents (the skeleton `make article` writes).
    documented = list(schema()["properties"])
    order = documented_order(SKELETON)
    assert list(article) == [key for key in ordered(documented, order[()]) if key in article]

    # The site built again, as a reader gets it (a tab of its own: the editor's log is the editor's).
    rebuilt = tmp_path / "rebuilt"
    rebuilt.mkdir()
    url, server = serve(rebuilt)
    try:
        build_ok(editor.project, rebuilt, env={"SITE_URL": url})
        reader = page.context.new_page()
        reader.goto(url)
        reader.get_by_role("link", name=NEW_TITLE).first.click()
        reader.wait_for_url(f"**/articles/{slug}/")
        for _, _, _, items, _ in SECTIONS:
            for _, text in items:
                assert reader.get_by_role("checkbox", name=text).count() == 1, (
                    f"{text!r}: not a box to tick on the article page"
                )
    finally:
        server.shutdown()


def test_saving_the_seed_with_one_item_changed_changes_that_value_only(
    opened, editor: Editor, seed: Path
) -> None:
    page = opened
    before = yaml.safe_load(seed.read_text(encoding="utf-8"))
    first = before["sections"][0]["checklist"][0]
    page.get_by_role("link", name=SEED_TITLE).click()
    box = page.get_by_label("Text", exact=True).first
    box.wait_for()
    assert box.input_value() == first["text"]
    box.fill(first["text"] + " today")
    mtime = seed.stat().st_mtime_ns
    _publish(page)
    wait_for(lambda: seed.stat().st_mtime_ns != mtime, "the editor to save the seed")
    # Saved whole, as the form says too (its Publish button goes once the server has written the
    # file): the file's new time comes with the first bytes of the write, not its last.
    page.get_by_role("button", name="Publish", exact=True).wait_for(state="detached")
    after = yaml.safe_load(seed.read_text(encoding="utf-8"))
    expected = yaml.safe_load(yaml.safe_dump(before))
    expected["sections"][0]["checklist"][0]["text"] = first["text"] + " today"
    assert after == expected
    checked = editor.check()
    assert checked.returncode == 0, f"make check refused the saved seed:\n{checked.stdout}\n{checked.stderr}"


def test_the_form_refuses_what_the_format_refuses_in_its_words(opened, editor: Editor) -> None:
    page = opened
    properties = schema()["properties"]
    title_words = f"expected {properties['title']['x-expected']}"
    id_words = "expected " + schema()["$defs"]["id"]["x-expected"]
    before = {path.name: path.read_bytes() for path in (editor.project / "docs/articles").glob("*")}
    page.goto(editor.url + "admin/#/collections/articles/new")
    _field(page, "Slug (optional)").fill("too-long")
    _field(page, "Title").fill("A" * 200)
    _field(page, "Summary").fill("A summary.")
    _field(page, "Intro").fill("Some text.")
    _add(page, "section")
    _field(page, "ID").fill("take stock")
    _field(page, "Heading").fill("Take stock")
    _field(page, "Body").fill("Some advice.")
    _publish(page)
    # Decap says "Title didn't match the pattern: <the format's words>." under the field.
    page.get_by_text(re.compile(f"^Title .*: {re.escape(title_words)}\\.$")).wait_for()
    page.get_by_text(re.compile(f"^ID .*: {re.escape(id_words)}\\.$")).wait_for()
    assert {
        path.name: path.read_bytes() for path in (editor.project / "docs/articles").glob("*")
    } == before, "the editor saved a file the format refuses"


def test_serve_starts_the_local_backend_and_stops_it_when_it_ends(tmp_path: Path) -> None:
    """`make serve`: mkdocs serve starts decap-server for its folder and ends it with itself."""
    if not (DECAP_SERVER.is_file() and DECAP_BUNDLE.is_file()):
        pytest.fail(HOW_TO_GET_DECAP, pytrace=False)
    project = _copy_repository(tmp_path / "repository")
    port, backend = free_port(), free_port()
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "GUIDE_EDITOR_LOCAL": str(backend),
        "TMPDIR": str(tmp_path),
    }
    with (tmp_path / "serve.log").open("w") as out:
        serve_process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        config = wait_for(
            lambda: _get(f"http://127.0.0.1:{port}/admin/config.yml"), "the editor under serve", timeout=120
        )
        assert yaml.safe_load(config)["local_backend"] == {"url": f"http://127.0.0.1:{backend}/api/v1"}
        info = wait_for(
            lambda: _post(f"http://127.0.0.1:{backend}/api/v1", {"action": "info"}),
            "decap-server under serve",
        )
        assert info["repo"] == project.name
    finally:
        serve_process.send_signal(signal.SIGINT)  # what Ctrl-C in `make serve` sends
        serve_process.wait(timeout=30)
    wait_for(lambda: _closed(backend), "decap-server to end with serve")


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError:
        return None


def _post(url: str, body: dict) -> dict:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.loads(response.read())


def _closed(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0
