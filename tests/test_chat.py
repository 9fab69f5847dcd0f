"""`threshold chat`: the session logic on the real index, and the real command with its stdin piped."""

import os
import subprocess
from pathlib import Path

import pytest

from assistant.chat import ChatSession, run_chat
from tests.conftest import REPO_ROOT, THRESHOLD, threshold_env

pytestmark = pytest.mark.slow

MISSING = "A 15-year-old keeps going missing and comes back with new phones"


class Spy:
    """The real Assistant, with each ask recorded."""

    def __init__(self, core):
        self.core = core
        self.calls: list[tuple[str, list[str], str | None, str | None]] = []

    def ask(self, question, history=None, area=None, doc_id=None):
        self.calls.append((question, list(history or []), area, doc_id))
        return self.core.ask(question, history, area, doc_id)

    def __getattr__(self, name):
        return getattr(self.core, name)


@pytest.fixture
def spy(core):
    return Spy(core)


@pytest.fixture
def session(spy):
    return ChatSession(spy)


def level_names(core, doc_id, area):
    info = core.engine.document(doc_id)
    return {level: info.level_label(level, area) for level in (1, 2, 3, 4)}


def test_a_follow_up_is_asked_with_the_question_before_it(session, spy):
    first = session.handle(MISSING)
    assert first.kind == "answer" and first.answer.citations
    follow = session.handle("and in Luton?")
    assert follow.kind == "answer"
    assert spy.calls[0] == (MISSING, [], None, None)
    # the follow-up carries the first question, and the area it names (for this question only)
    assert spy.calls[1] == ("and in Luton?", [MISSING], "Luton", None)
    assert session.area is None and session.prompt == "threshold > "
    assert session.history == [MISSING, "and in Luton?"]
    session.handle("what if it keeps happening?")
    assert spy.calls[2] == ("what if it keeps happening?", [MISSING, "and in Luton?"], None, None)


def test_history_is_capped(session, spy):
    cap = spy.settings.max_history_turns
    session.history = [f"earlier question {i}" for i in range(cap + 5)]
    session.handle("what does that level mean?")
    assert spy.calls[-1][1] == [f"earlier question {i}" for i in range(5, cap + 5)]
    assert len(session.history) == cap


def test_area_names_the_levels_in_that_areas_words(session, spy, core):
    reply = session.handle("/area luton")
    assert reply.kind == "message" and session.area == "Luton"
    assert session.prompt == "threshold (Luton) > "
    answer = session.handle(MISSING).answer
    assert spy.calls[-1][2] == "Luton"
    cited = [c for c in answer.citations if c.doc_id == "pan-bedfordshire" and c.level]
    assert cited, [c.id for c in answer.citations]
    luton = level_names(core, "pan-bedfordshire", "Luton")
    assert all(c.level_label == luton[c.level] for c in cited)
    # where councils name a level differently, the names follow the session's area
    session.handle("/area Central Bedfordshire")
    answer = session.handle(MISSING).answer
    central = level_names(core, "pan-bedfordshire", "Central Bedfordshire")
    cited = [c for c in answer.citations if c.doc_id == "pan-bedfordshire" and c.level]
    assert cited and all(c.level_label == central[c.level] for c in cited)
    assert any(c.level in (2, 3) and c.level_label in (central[2], central[3]) for c in cited), cited
    assert "Targeted Support" in central[2] and "Complex Needs" in central[3]


def test_area_is_validated_shown_and_cleared(session):
    session.handle("/area Luton")
    reply = session.handle("/area Mars")
    assert reply.kind == "error" and "Mars" in reply.text and "Central Bedfordshire" in reply.text
    assert "\n" not in reply.text and session.area == "Luton"
    shown = session.handle("/area")
    assert "Luton" in shown.text and "London" in shown.text
    session.handle("/area any")
    assert session.area is None and session.prompt == "threshold > "


def test_doc_restricts_citations_and_is_validated(session, spy):
    listing = session.handle("/doc")
    assert listing.kind == "message"
    for doc_id in ("pan-bedfordshire", "london-2022", "luton-2022", "bedford-borough-2015", "tiers-1-4-matrix"):
        assert doc_id in listing.text
    assert "Threshold — Continuum of need matrix" in listing.text
    assert session.handle("/doc london-2022").kind == "message"
    assert session.prompt == "threshold (london-2022) > "
    answer = session.handle(MISSING).answer
    assert spy.calls[-1][3] == "london-2022"
    assert answer.citations and {c.doc_id for c in answer.citations} == {"london-2022"}
    assert "does not cover Luton" in session.handle("/area Luton").text
    session.handle("/area any")
    bad = session.handle("/doc nowhere-2030")
    assert bad.kind == "error" and "nowhere-2030" in bad.text and session.doc_id == "london-2022"
    session.handle("/doc any")
    assert session.doc_id is None


def test_sources_lists_every_citation_in_full(session):
    assert "ask a question first" in session.handle("/sources").text
    answer = session.handle(MISSING).answer
    listing = session.handle("/sources")
    assert listing.kind == "sources"
    for c in answer.citations:
        assert f"[{c.n}] {c.doc_title}" in listing.text
        assert c.text in listing.text
        assert " › ".join(c.path) in listing.text
        if c.row is not None:
            assert f"row {c.row}" in listing.text
        if c.level_label:
            assert c.level_label in listing.text
    assert "current" in listing.text


def test_sources_n_shows_the_whole_row_of_a_matrix_citation(session, core):
    session.handle("/area Central Bedfordshire")
    answer = session.handle(MISSING).answer
    matrix = [c for c in answer.citations if c.kind == "matrix_cell"]
    assert matrix, [c.id for c in answer.citations]
    cited = matrix[0]
    reply = session.handle(f"/sources {cited.n}")
    assert reply.kind == "sources"
    view = core.unit(cited.id, "Central Bedfordshire")
    assert view.cells and len(view.cells) == 4
    for cell in view.cells:
        assert f"{cell['level_label']}: {cell['text']}" in reply.text
    assert f"▶ {cited.level_label}" in reply.text
    assert "Targeted Support" in reply.text
    missing = session.handle("/sources 99")
    assert missing.kind == "message" and "99" in missing.text
    assert session.handle("/sources two").kind == "message"


def test_clear_quit_help_unknown_and_empty(session):
    session.handle(MISSING)
    assert session.history and session.last is not None
    assert session.handle("/clear").kind == "message"
    assert session.history == [] and session.last is None
    assert session.handle("/quit").kind == "quit"
    assert session.handle("/exit").kind == "quit"
    assert "/sources" in session.handle("/help").text
    unknown = session.handle("/frobnicate")
    assert unknown.kind == "message" and "/frobnicate" in unknown.text and "/area" in unknown.text
    assert "\n" not in unknown.text
    assert session.handle("   ").kind == "nothing"


def test_a_bad_question_is_one_line_and_the_session_goes_on(session):
    reply = session.handle("x" * 2001)
    assert reply.kind == "error" and "2000" in reply.text and "\n" not in reply.text
    assert session.history == []
    assert session.handle(MISSING).kind == "answer"
    assert session.history == [MISSING]


def test_the_loop_handles_ctrl_c_and_ctrl_d(spy):
    from rich.console import Console

    def typed(*events):
        queue = list(events)

        def input_fn(prompt):
            prompts.append(prompt)
            event = queue.pop(0)
            if isinstance(event, BaseException):
                raise event
            return event

        return input_fn

    prompts: list[str] = []
    console = Console(record=True, width=100)
    run_chat(spy, console, typed("/area Luton", KeyboardInterrupt(), "", EOFError()))
    text = console.export_text()
    assert "call 999" in text and "do not type names or identifying details" in text.lower()
    assert "/help" in text and prompts[-1] == "threshold (Luton) > "
    prompts.clear()
    run_chat(spy, Console(record=True), typed(KeyboardInterrupt(), KeyboardInterrupt(), "/quit"))
    assert len(prompts) == 2  # a second Ctrl-C at the prompt leaves


def run_chat_command(index: Path, home: Path, lines: list[str]) -> subprocess.CompletedProcess:
    env = threshold_env(HOME=str(home), COLUMNS="120")
    env.pop("XDG_DATA_HOME", None)
    return subprocess.run(
        [str(THRESHOLD), "chat", "--index", str(index)],
        cwd=REPO_ROOT,
        env=env,
        input="".join(f"{line}\n" for line in lines),
        capture_output=True,
        text=True,
        timeout=300,
    )


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under folder, with its size and modification time."""
    found = {}
    for root, _, files in os.walk(folder):
        for name in files:
            stat = os.stat(os.path.join(root, name))
            found[os.path.relpath(os.path.join(root, name), folder)] = (stat.st_size, stat.st_mtime_ns)
    return found


def test_threshold_chat_end_to_end_writes_nothing(built_index, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    before_home, before_index = snapshot(home), snapshot(built_index)
    result = run_chat_command(
        built_index,
        home,
        [MISSING, "/sources", "/area Central Bedfordshire", "and in Central Bedfordshire?", "/quit"],
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    out = result.stdout
    assert "call 999" in out and "[1]" in out
    assert "[1] Pan Bedfordshire" in out and " › Missing · row 1 · Level" in out  # the sources listing
    assert "area: Central Bedfordshire" in out
    assert "Targeted Support" in out or "Complex Needs" in out
    assert snapshot(home) == before_home  # no history file, no cache: nothing new or changed
    assert snapshot(built_index) == before_index


def test_threshold_chat_refuses_a_bad_area_at_start(built_index, tmp_path):
    bad = subprocess.run(
        [str(THRESHOLD), "chat", "--index", str(built_index), "--area", "Mars"],
        cwd=REPO_ROOT,
        env=threshold_env(),
        input="/quit\n",
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert bad.returncode == 2 and "Mars" in bad.stderr and "Traceback" not in bad.stderr
