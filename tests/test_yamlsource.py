import random
from pathlib import Path

from generator.model.yamlsource import _PARSED, Source, _parsed, _reparsed, format_path, parse_yaml


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


FIXTURE = Path(__file__).parent / "fixtures" / "checklist.yaml"
# What editors type, and what breaks YAML: quotes, colons, dashes, comments, tabs, brackets, anchors, tags, blocks.
_PIECES = ["：", "x", ": ", "'", '"', "- ", "-", "#", " # 注", "\t", "[", "]", "{", "}", "&a ", "*a", "!!int ", "|",
           "  ", "\n", "\n  ", "\n- ", "\n    ", "\n  备注: 新增", "\n  事项代码: '1'", "\n  - 列表项", "\n---\n", "?"]


def _edited(text: str, rng: random.Random) -> str:
    """text with one random edit: a piece typed in, a line removed or repeated, or a line's indent changed."""
    lines = text.split("\n")
    n = rng.randrange(len(lines))
    what = rng.randrange(4)
    if what == 0:
        at = rng.randrange(len(lines[n]) + 1)
        lines[n] = lines[n][:at] + rng.choice(_PIECES) + lines[n][at + rng.choice((0, 0, 1)):]
    elif what == 1:
        del lines[n]
    elif what == 2:
        lines.insert(n, lines[rng.randrange(len(lines))])
    else:
        lines[n] = lines[n][rng.choice((1, 2)):] if lines[n].startswith("  ") else "  " + lines[n]
    return "\n".join(lines)


def _as_whole(source: Source) -> tuple[object, ...]:
    return source.data, source.lines, [str(p) for p in source.problems], source.spans


def test_an_edit_of_one_item_parsed_alone_is_the_whole_parse() -> None:
    # `serve` parses again only the list item an editor changed: data, lines and problems must be the whole parse's,
    # after edits that keep the YAML good and edits that break it, one after another as an editor makes them.
    rng = random.Random(20261201)
    text, name, alone = FIXTURE.read_text(encoding="utf-8"), "data/checklist-edits.yaml", 0
    _parsed(text, name)
    for _ in range(600):
        edited = _edited(text, rng) if rng.random() < 0.8 or text == FIXTURE.read_text(encoding="utf-8") else (
            FIXTURE.read_text(encoding="utf-8"))
        held = _PARSED[name]
        alone += held[0] != edited and _reparsed(held[0], held[1], edited) is not None
        assert _as_whole(_parsed(edited, name)) == _as_whole(parse_yaml(edited, name)), edited
        if parse_yaml(edited, name).problems and rng.random() < 0.7:
            continue  # keep the broken text for the next edit sometimes, as an editor would mend it
        text = edited
    assert alone >= 30, f"only {alone} edits were parsed alone"


def test_an_item_is_parsed_alone_only_where_it_is_exact() -> None:
    text = "a: 1\nlist:\n- x: 1\n  y: 2\n- x: 3\n- x: 4\nb: 2\n"
    old = parse_yaml(text, "f.yaml")
    assert old.spans == {"list": (0, (2, 4, 5))}
    one = _reparsed(text, old, text.replace("x: 3", "x: 3\n  z: [5,\n    6]"))
    assert one is not None and one.data["list"][1] == {"x": 3, "z": [5, 6]} and one.lines[("b",)] == 9
    assert one.lines[("list", 2, "x")] == 8 and one.spans == {"list": (0, (2, 4, 7))}
    assert _reparsed(text, old, text.replace("x: 4", "x: 5")) is None  # the last item: where it ends is not known
    assert _reparsed(text, old, text.replace("y: 2\n", "y: 2\nc: 1\n")) is None  # a key outside the list
    assert _reparsed(text, old, text.replace("y: 2\n", "y: 2\n- x: 9\n")) is None  # a new item
    assert _reparsed(text, old, text.replace("x: 3", 'x: "3')) is None  # a quote left open


def test_a_tag_with_no_value_is_a_problem_not_a_crash() -> None:
    src = parse_yaml("a: !!int\nb: !!bool\nc: !!timestamp\nd: !!float\n", "f.yaml")
    assert [(p.line, p.key, p.message) for p in src.problems] == [
        (1, "a", "无法读取的值 ''（不是有效的整数）"), (2, "b", "无法读取的值 ''（不是有效的是/否值）"),
        (3, "c", "无法读取的值 ''（不是有效的日期）"), (4, "d", "无法读取的值 ''（不是有效的小数）")]
    assert parse_yaml("d: 2024-13-45\n", "f.yaml").problems[0].message == "无法读取的值 '2024-13-45'（不是有效的日期）"
