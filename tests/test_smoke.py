"""A first end-to-end check that the CLI and both databases work."""


def test_init_then_list_areas(cli):
    result = cli("init", "--name", "Ada", "--stage", "exploring", "--hours", "0")
    assert result.exit_code == 0, result.stderr
    listed = cli("area", "list", "--json")
    assert [a["key"] for a in __import__("json").loads(listed.stdout)][:2] == ["career", "learning"]
