"""The publish workflow (.github/workflows/publish.yml) run as GitHub Actions runs it.

A test that stands for the published site builds it the way the workflow does: the same
steps, commands and environment, for a push to main or a pull request. GitHub's expressions
(`${{ ... }}`) are evaluated here against the context GitHub gives those events, for a fork
published at a project-pages address. Steps that `uses:` an action are not run; the outputs
the build reads from them (actions/configure-pages' base_url) are in the context.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import yaml

from support import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
OWNER, REPO = "octo-coach", "career-guide"
PAGES_URL = f"https://{OWNER}.github.io/{REPO}"  # configure-pages' base_url: no trailing slash
EVENTS = ("push", "pull_request")


def context(event: str) -> dict[str, object]:
    """What GitHub's expressions read, for `event` in a fork `OWNER/REPO` published with Pages."""
    pull = event == "pull_request"
    return {
        "github": {
            "event_name": event,
            "server_url": "https://github.com",
            "repository": f"{OWNER}/{REPO}",
            "repository_owner": OWNER,
            "ref": "refs/pull/7/merge" if pull else "refs/heads/main",
            "ref_name": "7/merge" if pull else "main",
            "head_ref": "coach-patch-1" if pull else "",
            "event": {"repository": {"name": REPO}, "number": 7 if pull else None},
        },
        # Only configure-pages' output is read; it runs on pushes only (the workflow says so).
        "steps": {"pages": {"outputs": {"base_url": "" if pull else PAGES_URL}}},
        "vars": {},
    }


def run_steps(
    event: str, project: Path, *, job: str = "check", extra_env: dict[str, str] | None = None
) -> list[subprocess.CompletedProcess[str]]:
    """Run the `run:` steps of `job` whose `if:` holds for `event`, in order, in `project`
    (a copy of the repo with its Makefile), with each step's environment as GitHub sets it.
    Returns each step's result; stops at the first that fails."""
    ctx = context(event)
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    results = []
    for step in workflow["jobs"][job]["steps"]:
        if "run" not in step or not _holds(step.get("if"), ctx):
            continue
        env = {**os.environ, "GITHUB_ACTIONS": "true", "CI": "true", **(extra_env or {})}
        for name in ("SITE_URL", "REPO_URL", "EDIT_URI", "SITE_NAME"):
            env.pop(name, None)
        env.update({name: substitute(str(value), ctx) for name, value in (step.get("env") or {}).items()})
        result = subprocess.run(
            ["bash", "-e", "-c", substitute(step["run"], ctx)],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        results.append(result)
        assert result.returncode == 0, f"step {step.get('name')!r} failed:\n{result.stdout}\n{result.stderr}"
    return results


def _holds(condition: str | None, ctx: dict) -> bool:
    if condition is None:
        return True
    return bool(evaluate(condition.strip().removeprefix("${{").removesuffix("}}"), ctx))


def substitute(text: str, ctx: dict) -> str:
    """`text` with each `${{ expression }}` replaced by its value, as GitHub does."""
    return re.sub(r"\$\{\{(.*?)\}\}", lambda match: _as_text(evaluate(match[1], ctx)), text)


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


# GitHub's expression syntax, as much of it as the workflow uses: names (a.b.c), 'strings',
# ==, !=, !, &&, ||, parentheses and format(). && and || return an operand, as in GitHub.
_TOKEN = re.compile(r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<op>==|!=|&&|\|\||[!(),])|(?P<name>[A-Za-z_][\w.-]*))")


def evaluate(expression: str, ctx: dict) -> object:
    tokens = []
    position = 0
    expression = expression.strip()
    while position < len(expression):
        match = _TOKEN.match(expression, position)
        if not match:
            raise ValueError(f"cannot read the expression {expression!r} at {position}")
        tokens.append(match)
        position = match.end()
    parser = _Parser(tokens, ctx)
    value = parser.either()
    if parser.index != len(tokens):
        raise ValueError(f"cannot read the expression {expression!r}")
    return value


class _Parser:
    def __init__(self, tokens: list[re.Match], ctx: dict) -> None:
        self.tokens, self.ctx, self.index = tokens, ctx, 0

    def _peek(self) -> str | None:
        return self.tokens[self.index]["op"] if self.index < len(self.tokens) else None

    def _take(self, op: str) -> bool:
        if self._peek() == op:
            self.index += 1
            return True
        return False

    def either(self) -> object:
        value = self.both()
        while self._take("||"):
            other = self.both()
            value = value or other
        return value

    def both(self) -> object:
        value = self.compared()
        while self._take("&&"):
            other = self.compared()
            value = value and other
        return value

    def compared(self) -> object:
        value = self.unary()
        for op in ("==", "!="):
            if self._take(op):
                other = self.unary()
                return (value == other) if op == "==" else (value != other)
        return value

    def unary(self) -> object:
        if self._take("!"):
            return not self.unary()
        if self._take("("):
            value = self.either()
            assert self._take(")"), "expected )"
            return value
        token = self.tokens[self.index]
        self.index += 1
        if token["str"] is not None:
            return token["str"][1:-1].replace("''", "'")
        name = token["name"]
        if name == "format" and self._take("("):
            args = [self.either()]
            while self._take(","):
                args.append(self.either())
            assert self._take(")"), "expected )"
            return re.sub(r"\{(\d+)\}", lambda m: _as_text(args[1 + int(m[1])]), str(args[0]))
        if name in ("true", "false"):
            return name == "true"
        value: object = self.ctx
        for part in name.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return value if value is not None else ""
