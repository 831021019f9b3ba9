"""The load test's wrk script sends every (path, cookie) pair in turn."""

import time

from bench.load import lua_script, writing


def test_the_script_lists_every_target_and_sends_a_cookie_only_where_there_is_one():
    script = lua_script([("/proposals/1/", "sessionid=a"), ("/bench/hello/1/", "")])
    assert '  {"/proposals/1/", "sessionid=a"},\n  {"/bench/hello/1/", ""}\n' in script
    assert "targets[(n % #targets) + 1]" in script
    assert "if t[2] == '' then return wrk.format('GET', t[1]) end" in script


def test_writes_go_on_in_the_background_and_a_failed_one_is_counted():
    calls = []

    def write():
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("refused")

    with writing(write, 0.01) as tally:
        deadline = time.monotonic() + 5
        while len(calls) < 4 and time.monotonic() < deadline:
            time.sleep(0.01)
    made, failed = tally
    assert failed == 1
    assert made == len(calls) - 1
