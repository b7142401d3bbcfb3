"""The hub's settings without a hub: passcodes for `make hub`, and what learners' and facilitators' servers get."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from coachlab.hub.config import (FACILITATOR_PASSCODE, LEARNER_PASSCODE, PAGE_MESSAGES, HubConfigError,
                                 read_passcodes, server_args, write_passcodes)


def test_make_hub_writes_two_private_passcodes_once_and_reads_them_back(tmp_path):
    path = tmp_path / "state" / "passcodes.env"
    first = write_passcodes(path)
    assert len(first[LEARNER_PASSCODE]) >= 8 and first[LEARNER_PASSCODE] != first[FACILITATOR_PASSCODE]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert write_passcodes(path) == first  # an existing file is kept: the room's passcodes do not change
    assert read_passcodes(path, {LEARNER_PASSCODE: "from-the-env-1"})[LEARNER_PASSCODE] == "from-the-env-1"


@pytest.mark.parametrize("env, problem", [
    ({}, LEARNER_PASSCODE),
    ({LEARNER_PASSCODE: "short", FACILITATOR_PASSCODE: "long-enough-1"}, LEARNER_PASSCODE),
    ({LEARNER_PASSCODE: "same-code-1", FACILITATOR_PASSCODE: "same-code-1"}, "must differ"),
])
def test_unusable_passcodes_stop_the_hub_with_the_reason(tmp_path, env, problem):
    with pytest.raises(HubConfigError, match=problem):
        read_passcodes(tmp_path / "none.env", env)


def test_learners_servers_are_pages_only_and_facilitators_keep_their_tools():
    learner, facilitator = server_args(Path("/course"), False), server_args(Path("/course"), True)
    assert "--ServerApp.root_dir=/course/notebooks" in learner and "--ServerApp.root_dir=/course" in facilitator
    assert "--ServerApp.jpserver_extensions=jupyterlab=False" in learner
    assert {f"--MappingKernelManager.allowed_message_types={m}" for m in PAGE_MESSAGES} <= set(learner)
    assert not any("allowed_message_types" in a or "jupyterlab=False" in a or "ReadOnly" in a for a in facilitator)
