from generator.model.yamlsource import format_path, parse_yaml


def test_lines_of_keys_and_items() -> None:
    src = parse_yaml("a: 1\nlist:\n  - x: 1\n    y: 2\n  - x: 3\n", "f.yaml")
    assert src.lines[("a",)] == 1
    assert src.lines[("list", 0, "y")] == 4
    assert src.lines[("list", 1)] == 5
    assert src.line(("list", 1, "missing")) == 5


def test_duplicate_keys_are_problems_not_silent() -> None:
    src = parse_yaml("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert [str(p) for p in src.problems] == ["f.yaml:3: a: 键重复（第一次出现在第 1 行）"]
    assert src.data == {"a": 1, "b": 2}


def test_malformed_yaml_names_its_line() -> None:
    src = parse_yaml("a: 1\nb: [1, 2\nc: 3\n", "f.yaml")
    assert src.data is None
    assert src.problems[0].line == 3
    assert "YAML 格式错误" in src.problems[0].message


def test_format_path() -> None:
    assert format_path(("事项", 2, "事项代码")) == "事项[2].事项代码"
