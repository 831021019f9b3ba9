"""The load test's wrk script sends every (path, cookie) pair in turn."""

from bench.load import lua_script


def test_the_script_lists_every_target_and_sends_a_cookie_only_where_there_is_one():
    script = lua_script([("/proposals/1/", "sessionid=a"), ("/bench/hello/1/", "")])
    assert '  {"/proposals/1/", "sessionid=a"},\n  {"/bench/hello/1/", ""}\n' in script
    assert "targets[(n % #targets) + 1]" in script
    assert "if t[2] == '' then return wrk.format('GET', t[1]) end" in script
