"""The employee pulse in the core: its content, the aggregate under the threshold, the answers file's
``pulse`` key, and what it feeds into the roadmap and the policy (hand-computed expectations)."""

import json
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from readiness.answers import AnswersError, Assessment, dumps, parse_answers_file
from readiness.plan import build_plan
from readiness.pulse import (
    PulseError,
    aggregate_pulse,
    content_problems,
    load_pulse,
    parse_pulse,
    pulse_effects,
    read_pulse,
)
from readiness.roadmap import build_roadmap

ROOT = Path(__file__).resolve().parents[2]


def person(pid, finished=True, **answers):
    return SimpleNamespace(participant_id=pid, display_name=None, finished=finished,
                           answers={f"pulse.{k}": v for k, v in answers.items()})


#: Five finished, one unfinished and one finished who answered no pulse question (worked out by hand below).
ROOM = [
    person(1, willing="gladly", barriers=["time", "what_allowed"], unsure=["customers"], platforms=["linkedin"],
           help=["profile"]),
    person(2, willing="sometimes", barriers=["time"], unsure=["photos"], platforms=["linkedin", "facebook"],
           help=["examples"]),
    person(3, willing="unsure", barriers=["private_apart", "comments"], unsure=["customers", "photos"],
           platforms=["facebook"], help=["guide"]),
    person(4, willing="rather_not", barriers=["private_apart"], unsure=["nothing"], platforms=["none"],
           help=["nothing"]),
    person(5, willing="gladly", barriers=["nothing"], unsure=["customers"], platforms=["linkedin"], help=["profile"]),
    person(6, finished=False, willing="gladly"),
    SimpleNamespace(participant_id=7, display_name=None, finished=True, answers={"ownership.function": "hr"}),
]


@pytest.fixture(scope="module")
def content():
    return load_pulse()


def test_the_shipped_pulse_fits_the_bank_and_is_short(content, bank):
    assert 5 <= len(content.questions) <= 8
    assert all(q.id.startswith("pulse.") for q in content.questions)
    assert content_problems(content, bank) == []
    assert sum(len(q.options) for q in content.questions) <= 45  # about two minutes on a phone


def test_a_broken_pulse_file_names_file_and_field(tmp_path):
    folder = tmp_path / "questions"
    folder.mkdir()
    data = yaml.safe_load((ROOT / "questions" / "pulse.yaml").read_text(encoding="utf-8"))
    del data["questions"][1]["text"]["da"]
    data["questions"][0]["options"][0]["colour"] = "red"
    (folder / "pulse.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(PulseError) as err:
        read_pulse(folder)
    assert str(err.value).splitlines()[:2] == ["questions/pulse.yaml: questions[0].options[0].colour: unknown field",
                                           "questions/pulse.yaml: questions[1].text.da: missing"]


def test_the_aggregate_counts_the_finished_pulse_answers(content):
    agg = aggregate_pulse(content, ROOM)
    assert agg.n == 5  # not the unfinished phone, not the one without pulse answers
    willing = agg.questions["pulse.willing"]
    assert (willing.answered, willing.count("gladly"), willing.count("sometimes"), willing.count("unsure")) == (5, 2, 1, 1)
    assert agg.questions["pulse.barriers"].count("time") == 2
    assert agg.questions["pulse.platforms"].share("linkedin") == pytest.approx(3 / 5)
    assert "pulse.shares_now" not in agg.questions  # nobody answered it: nothing to show


def test_nothing_comes_out_of_fewer_than_three(content):
    assert aggregate_pulse(content, ROOM[:2]) is None
    assert aggregate_pulse(content, ROOM[:2] + ROOM[5:]) is None  # the unfinished and the non-pulse one do not count
    assert aggregate_pulse(content, ROOM[:2] + ROOM[5:], closed=True).n == 3  # closed: everyone with pulse answers
    few = [person(1, willing="gladly", platforms=["x"]), person(2, willing="no_such"), person(3, willing="gladly"),
           person(4, willing="unsure")]
    agg = aggregate_pulse(content, few)
    assert agg.n == 3 and agg.questions["pulse.willing"].answered == 3
    assert "pulse.platforms" not in agg.questions  # one answer: left out


def test_the_shared_views_move_in_batches_of_three(content):
    assert aggregate_pulse(content, ROOM, batch=True).n == 3  # 5 finished: the first three by joining order
    assert aggregate_pulse(content, ROOM[:4], batch=True).n == 3
    six = ROOM[:5] + [person(8, willing="gladly")]
    assert aggregate_pulse(content, six, batch=True).n == 6


def test_what_the_pulse_feeds(content):
    effects = pulse_effects(content, aggregate_pulse(content, ROOM), "en", employees=200)
    assert (effects.willing, effects.answered) == (3, 5)
    assert effects.pilot == ("In the employee pulse, 60% (3 of 5) said they are willing to share. Recruit the pilot "
                             "among them, and ask them in person first. With 200 employees, that is about 120 people "
                             "to ask.")
    # chosen by at least 25 %: time 2/5, private life 2/5 (barriers), profile 2/5 (help); what_allowed 1/5 is not
    assert effects.training_topics == (
        "how a post can be done in ten minutes, and when it may be done in working hours",
        "how to share professionally without showing anything private, and that it is fine not to",
        "a LinkedIn profile check-up, one to one or in small groups")
    assert effects.training.startswith("The employee pulse points to what the training should cover first: how a post")
    assert "fine not to; a LinkedIn profile check-up, one to one or in small groups." in effects.training
    # private life 2/5, customers 3/5, photos 2/5 (in the content's order); the guide 1/5 is not
    assert [p.split(" ", 3)[:3] for p in effects.policy_points] == [["Your", "profile", "is"], ["You", "are", "welcome"],
                                                                     ["Always", "ask", "your"]]


def test_few_willing_start_small(content):
    room = [person(i, willing="rather_not" if i < 4 else "gladly") for i in range(1, 5)]
    effects = pulse_effects(content, aggregate_pulse(content, room), "da")
    assert effects.pilot.startswith("I medarbejderpulsen sagde kun 25 % (1 af 4)")
    assert "medarbejdere" not in effects.pilot.split(".")[-1]  # no size answered: no estimate


def test_the_plan_takes_the_pulse_into_roadmap_and_policy(bank, content):
    agg = aggregate_pulse(content, ROOM)
    base = Assessment(answers={"context.employees": 200}, language="en")
    plain, pulsed = build_plan(bank, base, "en"), build_plan(bank, base.replace(pulse=agg), "en")
    actions = {a.id: a for a in pulsed.roadmap.actions}
    before = {a.id: a for a in plain.roadmap.actions}
    assert actions["recruit_pilot"].why == before["recruit_pilot"].why + " " + pulse_effects(
        content, agg, "en", 200).pilot
    assert actions["training_sessions"].why.endswith("small groups.")
    assert set(actions) == set(before)  # the pulse words actions, it adds none (their ids and edits stay)
    policy = {p.id: p.points for p in pulsed.policy}
    assert "Always ask your colleagues before you share a photo in which they can be recognised." in policy["what_to_share"]
    assert len(policy["what_to_share"]) == len({p.id: p.points for p in plain.policy}.get("what_to_share", ())) + 3
    assert plain.pulse is None and pulsed.pulse.n == 5
    assert [q.id for q in pulsed.pulse.questions] == ["pulse.willing", "pulse.barriers", "pulse.unsure",
                                                      "pulse.platforms", "pulse.help"]


def test_an_edit_to_a_worded_action_still_applies(bank, content):
    from readiness.answers import RoadmapEdits

    edits = RoadmapEdits(changed={"recruit_pilot": {"owner": "Anna"}})
    assessment = Assessment(language="en", edits=edits, pulse=aggregate_pulse(content, ROOM))
    action = next(a for a in build_roadmap(bank, assessment).actions if a.id == "recruit_pilot")
    assert action.owner == "Anna" and "employee pulse" in action.why


def test_the_answers_file_carries_the_pulse(bank, content):
    agg = aggregate_pulse(content, ROOM)
    doc = json.loads(dumps(bank, Assessment(language="en", pulse=agg)))
    assert doc["pulse"]["n"] == 5
    assert doc["pulse"]["questions"]["pulse.willing"] == {"answered": 5, "counts": {"gladly": 2, "sometimes": 1,
                                                                                    "unsure": 1, "rather_not": 1}}
    again = parse_answers_file(bank, json.dumps(doc))
    assert again.pulse == agg
    assert "pulse" not in json.loads(dumps(bank, Assessment(language="en")))


@pytest.mark.parametrize("pulse, message", [
    ({"n": 2, "questions": {}}, "pulse.n: 2 people; a pulse is shown only from 3 or more"),
    ({"questions": {}}, "pulse.n: missing"),
    ({"n": 5, "extra": 1}, "pulse.extra: unknown field"),
    ({"n": 5, "questions": {"pulse.nope": {"answered": 3, "counts": {}}}},
     "pulse.questions.pulse.nope: unknown pulse question id"),
    ({"n": 5, "questions": {"pulse.willing": {"answered": 3, "counts": {"maybe": 3}}}},
     "pulse.questions.pulse.willing.counts.maybe: unknown option"),
    ({"n": 5, "questions": {"pulse.willing": {"answered": 6, "counts": {}}}},
     "pulse.questions.pulse.willing.answered: 6 is outside 3-5"),
    ({"n": 5, "questions": {"pulse.willing": {"answered": 2, "counts": {"gladly": 2}}}},
     "pulse.questions.pulse.willing.answered: 2 is outside 3-5"),
    ({"n": 5, "questions": {"pulse.willing": {"answered": 4, "counts": {"gladly": 3}}}},
     "pulse.questions.pulse.willing.counts: a single choice's counts add up to 3, not answered (4)"),
    ({"n": 5, "questions": {"pulse.barriers": {"answered": 4, "counts": {"time": 5}}}},
     "pulse.questions.pulse.barriers.counts.time: 5 is outside 0-4"),
    ({"n": 5.5, "questions": {}}, "pulse.n: expected a whole number, got 5.5"),
    ([1, 2], "pulse: expected an object with n and questions"),
])
def test_a_bad_pulse_key_is_rejected_with_its_field(bank, pulse, message):
    doc = {"format": "readiness-answers/1", "answers": {}, "pulse": pulse}
    with pytest.raises(AnswersError) as err:
        parse_answers_file(bank, json.dumps(doc))
    assert str(err.value) == message


def test_a_retired_pulse_question_is_skipped_with_a_warning(content):
    changed = content.model_copy(update={"retired": ("pulse.old",)})
    warnings = []
    agg = parse_pulse(changed, {"n": 3, "questions": {"pulse.old": {"answered": 3, "counts": {}}}}, warnings)
    assert agg.questions == {} and warnings == ["pulse.questions.pulse.old: retired pulse question, skipped"]


def test_the_cli_plan_from_the_exported_file_equals_the_apps(bank, content, tmp_path):
    from readiness.workshop import agreed_assessment

    agg = aggregate_pulse(content, ROOM)
    assessment = agreed_assessment(bank, {"context.employees": 200, "context.start_date": "2027-03-01"},
                                   organisation="Acme", language="en").replace(pulse=agg)
    app_plan = build_plan(bank, assessment, "en")
    path = tmp_path / "agreed.json"
    path.write_bytes(dumps(bank, assessment))
    proc = subprocess.run([sys.executable, "-m", "readiness", "roadmap", str(path), "--json"], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == json.loads(json.dumps(app_plan.roadmap.to_json()))
    assert "employee pulse" in next(a["why"] for a in json.loads(proc.stdout)["actions"] if a["id"] == "recruit_pilot")


def test_validate_checks_the_pulse_beside_the_bank(tmp_path):
    folder = tmp_path / "questions"
    shutil.copytree(ROOT / "questions", folder)
    data = yaml.safe_load((folder / "pulse.yaml").read_text(encoding="utf-8"))
    data["feeds"]["pilot_actions"] = ["no_such_action"]
    (folder / "pulse.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "readiness", "validate", str(folder)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert proc.returncode == 2
    assert "questions/pulse.yaml: feeds.pilot_actions: 'no_such_action' is not a roadmap rule" in proc.stderr


def test_the_workshop_exports_never_carry_anyones_pulse_answers(bank):
    from readiness.export import responses_csv

    named = [SimpleNamespace(**{**vars(r), "display_name": f"Person {r.participant_id}"}) for r in ROOM]
    text = responses_csv(bank, named, lang="en", anonymous=False, closed=True).decode("utf-8-sig")
    assert "Person 1" in text  # a named workshop's export: names, planning answers...
    assert "pulse" not in text.lower() and "Yes, gladly" not in text and "gladly" not in text  # ...never the pulse
