"""Click cost: the server-side time of one wizard interaction against a bare page with the same widgets.

Both run in Streamlit's AppTest in this one process, alternately. One interaction is what a
user does on a step: answer a question (a script run with the new widget value: the app
validates it and autosaves it to SQLite) and go to the next step (a script run for the button).
The app moves between steps 2 and 3 (forward, then back), answering a scale statement each
time with a different option, so every answer is a real change that is saved. The baseline is
``bench/apps/bare_wizard.py``: the same widgets, labels and options in plain Streamlit.
"""

from __future__ import annotations

import contextlib
import gc
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .common import ROOT, Result, Stats, med_iqr, ms, profile_text, prose, quick_or, ratio

KEY = "click"
BUDGET_RATIO = 1.5
LANG = "en"
STEPS = (1, 2)  # ownership and platforms: decisions and scale statements


# -- the baseline script --------------------------------------------------------------------


def bare_spec() -> dict[str, Any]:
    """The texts of every step, as the app shows them in English (for the bare page)."""
    from readiness.bank import load_bank
    from readiness.i18n import t

    bank = load_bank()

    def loc(text: Any) -> str:
        return text.get(LANG) if text is not None else ""

    def question(q: Any) -> dict[str, Any]:
        return {"id": q.id, "kind": q.kind, "label": loc(q.text) + (" *" if q.required else ""), "help": loc(q.help),
                "options": [(o.id, loc(o.label)) for o in bank.options_of(q)]}

    total = len(bank.sections)
    steps = []
    for i, section in enumerate(bank.sections):
        steps.append({
            "short": f"○ {i + 1}. {loc(section.title)}",
            "progress": t("assess.progress", LANG, step=i + 1, total=total, title=loc(section.title)),
            "header": loc(section.planning_question) or loc(section.title),
            "intro": loc(section.intro),
            "decisions": [question(q) for q in section.questions if not q.is_scored],
            "items": [question(q) for q in section.questions if q.is_scored],
        })
    from ui.components import _SCROLL_TOP

    return {
        "first_step": STEPS[0], "steps": steps, "app_name": t("app.name", LANG),
        "nav": [t(f"nav.{p}", LANG) for p in ("start", "assess", "results", "roadmap", "download")],
        "privacy": t("privacy.link", LANG), "resume_title": t("resume.title", LANG),
        "resume_url": "https://readiness.example.dk/assess?a=" + "x" * 43, "resume_note": t("resume.explain", LANG),
        "delete": t("resume.delete", LANG), "delete_confirm": t("resume.delete_confirm", LANG),
        "delete_yes": t("resume.delete_yes", LANG),
        "title": t("assess.title", LANG), "scroll_script": _SCROLL_TOP.replace("{{", "{").replace("}}", "}"),
        "jump": t("assess.jump", LANG), "scale_help": t("assess.scale_help", LANG),
        "scale_text": "\n".join(f"- **{loc(s.label)}** – {loc(s.meaning)}" for s in bank.meta.scale.steps),
        "decisions": t("assess.decisions", LANG), "readiness": t("assess.readiness", LANG),
        "readiness_help": t("assess.readiness_help", LANG), "required_note": t("assess.required_note", LANG),
        "back": t("assess.back", LANG), "next": t("assess.next", LANG),
    }


def write_bare_script(folder: Path) -> Path:
    """The bare page and its texts (``bare_wizard_spec.py``) in ``folder``; the page's path."""
    (folder / "bare_wizard_spec.py").write_text(f"SPEC = {bare_spec()!r}\n", encoding="utf-8")
    path = folder / "bare_wizard.py"
    path.write_text((Path(__file__).parent / "apps" / "bare_wizard.py").read_text(encoding="utf-8"), encoding="utf-8")
    return path


# -- the two drivers ------------------------------------------------------------------------


class Driver:
    """One AppTest session that can answer a scale statement and change step, timing each run."""

    def __init__(self, at: Any, answer_key: Callable[[str], str], step_key: str, nav_keys: tuple[str, str]) -> None:
        self.at = at
        self.answer_key = answer_key
        self.step_key = step_key
        self.back_key, self.next_key = nav_keys
        self.turn = 0

    def _run(self) -> float:
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            self.at.run()
            elapsed = time.perf_counter() - start
        finally:
            gc.enable()
        if self.at.exception:
            raise RuntimeError(f"the script failed: {self.at.exception[0].value}")
        return elapsed

    def interaction(self) -> tuple[float, float]:
        """Answer the step's first statement with a new option, then go forward (or back)."""
        from readiness.bank import load_bank

        bank = load_bank()
        step = self.at.session_state[self.step_key]
        question = next(q for q in bank.sections[step].questions if q.kind == "scale")
        options = [o.id for o in bank.options_of(question)][:5]
        self.turn += 1
        self.at.radio(key=self.answer_key(question.id)).set_value(options[self.turn % len(options)])
        t_answer = self._run()
        forward = step == STEPS[0]
        self.at.button(key=self.next_key if forward else self.back_key).click()
        t_step = self._run()
        expected = STEPS[1] if forward else STEPS[0]
        if self.at.session_state[self.step_key] != expected:
            raise RuntimeError(f"the step did not change: {self.at.session_state[self.step_key]} != {expected}")
        return t_answer, t_step


def app_driver() -> Driver:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["ra.test_locale"] = "en-GB"
    at.run()
    at.switch_page("pages/assess.py").run()
    at.session_state["ra.step"] = STEPS[0]
    at.run()
    if at.exception:
        raise RuntimeError(f"the app failed: {at.exception[0].value}")
    return Driver(at, lambda qid: f"w.{LANG}.{qid}", "ra.step", ("w.back", "w.next"))


def bare_driver(script: Path) -> Driver:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(script), default_timeout=60)
    at.run()
    if at.exception:
        raise RuntimeError(f"the bare page failed: {at.exception[0].value}")
    return Driver(at, lambda qid: f"q.{qid}", "step", ("back", "next"))


@contextlib.contextmanager
def sqlite_env() -> Iterator[str]:
    """A fresh SQLite database for the app, by DATABASE_URL (restored afterwards)."""
    folder = tempfile.mkdtemp(prefix="bench-click-")
    saved = {k: os.environ.get(k) for k in ("DATABASE_URL", "READINESS_BRAND", "READINESS_PUBLIC_URL")}
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/click.db"
    os.environ.pop("READINESS_BRAND", None)
    os.environ["READINESS_PUBLIC_URL"] = "https://readiness.example.dk"
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@contextlib.contextmanager
def profiled_script_runs() -> Iterator[Any]:
    """Profile every script run (they run on AppTest's script thread) with one pyinstrument profiler."""
    from pyinstrument import Profiler
    from streamlit.runtime.scriptrunner import script_runner

    profiler = Profiler(interval=0.001)
    original = script_runner.ScriptRunner._run_script

    def wrapped(self: Any, *args: Any, **kwargs: Any) -> Any:
        profiler.start()
        try:
            return original(self, *args, **kwargs)
        finally:
            profiler.stop()

    script_runner.ScriptRunner._run_script = wrapped
    try:
        yield profiler
    finally:
        script_runner.ScriptRunner._run_script = original


# -- the same on the real server -------------------------------------------------------------

GC_OFF = ("--runner.postScriptGC", "false")
GC_ON = ("--runner.postScriptGC", "true")  # Streamlit's default; the app's .streamlit/config.toml turns it off


class WireDriver:
    """The same interaction against a real ``streamlit run`` server, through bench/wire.py's client."""

    def __init__(self, server: Any, page: str, key_prefix: str, nav: tuple[str, str]) -> None:
        from .wire import Session

        self.server = server
        self.session = Session(server.ws_url, page)
        self.key_prefix = key_prefix
        self.back_key, self.next_key = nav
        self.turn = 0
        self.step = STEPS[0]

    async def open(self, to_first_step: bool) -> None:
        await self.session.open()
        if to_first_step:  # the app opens on the first step; go to the one the bare page starts on
            await self.session.rerun([self.session.click(self._button(self.next_key))])
        self._check()

    def _check(self) -> None:
        if self.session.exceptions:
            raise RuntimeError(f"the page failed: {self.session.exceptions[0][:300]}")

    def _button(self, key: str) -> Any:
        found = [w for w in self.session.find("button") if w.user_key == key]
        if not found:
            raise RuntimeError(f"no button {key!r} on the page")
        return found[0]

    async def interaction(self) -> tuple[float, float]:
        from readiness.bank import load_bank

        bank = load_bank()
        question = next(q for q in bank.sections[self.step].questions if q.kind == "scale")
        radio = [w for w in self.session.find("radio") if w.user_key == self.key_prefix + question.id]
        if not radio:
            raise RuntimeError(f"no radio for {question.id} on the page")
        self.turn += 1
        t_answer = await self.session.rerun([self.session.choose(radio[0], self.turn % 5)])
        forward = self.step == STEPS[0]
        t_step = await self.session.rerun([self.session.click(self._button(self.next_key if forward else self.back_key))])
        self._check()
        self.step = STEPS[1] if forward else STEPS[0]
        return t_answer, t_step


async def _alternate_servers(drivers: dict[str, WireDriver], reps: int, warmup: int) -> dict[str, dict[str, Any]]:
    for name, driver in drivers.items():
        await driver.open(to_first_step=name.startswith("app"))
    for _ in range(warmup):
        for driver in drivers.values():
            await driver.interaction()
    out: dict[str, dict[str, Any]] = {name: {"times": [], "cpu": 0.0} for name in drivers}
    names = list(drivers)
    for i in range(reps):
        for name in (names if i % 2 == 0 else names[::-1]):
            driver = drivers[name]
            cpu = driver.server.cpu_seconds()
            out[name]["times"].append(await driver.interaction())
            out[name]["cpu"] += driver.server.cpu_seconds() - cpu
    for driver in drivers.values():
        await driver.session.close()
    return out


def real_server(quick: bool, folder: Path) -> dict[str, dict[str, Any]]:
    """App and bare page on real servers, with Streamlit's default after-run garbage collection and without."""

    from .wire import Server, run_async

    script = write_bare_script(folder)
    env = {"DATABASE_URL": f"sqlite:///{folder}/click-server.db", "READINESS_PUBLIC_URL": ""}
    variants = {"app": ("app.py", ROOT, GC_ON), "bare": (script.name, folder, GC_ON)}
    if not quick:
        variants |= {"app, gc off": ("app.py", ROOT, GC_OFF), "bare, gc off": (script.name, folder, GC_OFF)}
    servers = {name: Server(path, cwd=cwd, env=env, flags=flags) for name, (path, cwd, flags) in variants.items()}
    try:
        for server in servers.values():  # all at once: how long a start takes is not measured here
            server.spawn()
        for server in servers.values():
            server.wait_healthy()
        drivers = {name: WireDriver(server, "assess" if name.startswith("app") else "",
                                    f"w.{LANG}." if name.startswith("app") else "q.",
                                    ("w.back", "w.next") if name.startswith("app") else ("back", "next"))
                   for name, server in servers.items()}
        return run_async(_alternate_servers(drivers, quick_or(quick, 1, 20), quick_or(quick, 0, 3)))
    finally:
        for server in servers.values():
            server.stop()


def _server_rows(servers: dict[str, dict[str, Any]]) -> tuple[list[list[str]], dict[str, Any]]:
    rows, numbers = [], {}
    for name, data in servers.items():
        total = Stats.of([a + b for a, b in data["times"]])
        cpu = data["cpu"] / len(data["times"])
        numbers[name] = {"total": total.to_json(), "cpu_per_interaction": cpu}
    for name in servers:
        base = "bare, gc off" if name.endswith("gc off") else "bare"
        r = ratio(numbers[name]["total"]["median"], numbers[base]["total"]["median"])
        cpu_r = ratio(numbers[name]["cpu_per_interaction"], numbers[base]["cpu_per_interaction"])
        numbers[name] |= {"ratio": r, "cpu_ratio": cpu_r}
        rows.append([name, med_iqr(Stats(**numbers[name]["total"])), ms(numbers[name]["cpu_per_interaction"]),
                     f"{r:.2f} (CPU {cpu_r:.2f})" if not name.startswith("bare") else "1.00"])
    return rows, numbers


# -- the measurement ------------------------------------------------------------------------


def run(quick: bool = False) -> Result:
    import logging

    # AppTest set-up touches session state outside a script run; Streamlit warns about it each time.
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        lambda record: "missing ScriptRunContext" not in record.getMessage())
    started = time.perf_counter()
    reps = quick_or(quick, 1, 30)
    warmup = quick_or(quick, 0, 4)
    with sqlite_env() as folder:
        app = app_driver()
        bare = bare_driver(write_bare_script(Path(folder)))
        for _ in range(warmup):
            app.interaction()
            bare.interaction()
        samples: dict[str, list[tuple[float, float]]] = {"app": [], "bare": []}
        for i in range(reps):
            order = (("app", app), ("bare", bare)) if i % 2 == 0 else (("bare", bare), ("app", app))
            for name, driver in order:
                samples[name].append(driver.interaction())
        servers = real_server(quick, Path(folder))
        profile = None
        if not quick:  # shown if the budget is missed
            with profiled_script_runs() as profiler:
                for _ in range(10):
                    app.interaction()
            profile = profile_text(profiler, max_lines=36, min_share=0.03)

    def stats(name: str, part: int | None) -> Stats:
        return Stats.of([sum(pair) if part is None else pair[part] for pair in samples[name]])

    rows = []
    numbers: dict[str, Any] = {}
    for label, part in (("answer a question (one run)", 0), ("go to the next step (one run)", 1),
                        ("**one interaction** (both)", None)):
        a, b = stats("app", part), stats("bare", part)
        r = ratio(a.median, b.median)
        rows.append([label, med_iqr(a), med_iqr(b), f"{r:.2f}" if part is not None else f"**{r:.2f}**"])
        numbers[label] = {"app": a.to_json(), "bare": b.to_json(), "ratio": r}
    total_app, total_bare = stats("app", None), stats("bare", None)
    r = ratio(total_app.median, total_bare.median)
    numbers["ratio"] = r
    result = Result(
        key=KEY, title="Click cost: one wizard interaction against a bare page", command="python -m bench --only click",
        what=prose(KEY, "what", reps=reps, warmup=warmup),
        columns=["what", "app: median ms (IQR)", "bare page: median ms (IQR)", "ratio"],
        rows=rows, budget=f"ratio ≤ {BUDGET_RATIO}", ratio=r, ratio_label="app / bare page",
        met=r <= BUDGET_RATIO, numbers=numbers)
    server_rows, server_numbers = _server_rows(servers)
    numbers["server"] = server_numbers
    result.tables.append((
        prose(KEY, "servers"),
        ["server", "click → page, both runs: median ms (IQR)", "server CPU per interaction, ms", "ratio to the bare page"],
        server_rows))
    real = server_numbers.get("app", {}).get("ratio", 0.0)
    result.met = result.met and real <= BUDGET_RATIO
    result.budget = f"ratio ≤ {BUDGET_RATIO}, in one process and on the real server"
    result.notes = [prose(KEY, "summary", app=ms(total_app.median), bare=ms(total_bare.median), ratio=f"{r:.2f}",
                          real=f"{real:.2f}")]
    if "app, gc off" in server_numbers:
        cpu = {name: ms(numbers["cpu_per_interaction"]) for name, numbers in server_numbers.items()}
        result.notes.append(prose(KEY, "gc", bare_on=cpu["bare"], bare_off=cpu["bare, gc off"], app_on=cpu["app"],
                                  app_off=cpu["app, gc off"], cpu_ratio=f"{server_numbers['app, gc off']['cpu_ratio']:.2f}"))
    if profile and not result.met:
        result.profile_title = "pyinstrument, the app's script runs during 10 interactions (AppTest)"
        result.profile = profile
    result.seconds = time.perf_counter() - started
    return result
