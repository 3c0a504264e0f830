from generator.model.model import Library
from generator.model.penalty import ladder, max_fine, parse_fine


def test_parse_fine() -> None:
    assert (parse_fine("五万元以下").low, parse_fine("五万元以下").high) == (0, 50000)
    fine = parse_fine("五万元以上二十万元以下")
    assert (fine.low, fine.high) == (50000, 200000)


def test_ladder_of_article_99(library: Library) -> None:
    a = library.laws["aqscf"].article(99)
    assert a is not None
    steps = ladder(a.paragraphs[0].text)
    assert steps is not None
    assert [s.condition for s in steps] == ["违法行为成立", "逾期未改正的", "情节严重的", "构成犯罪的"]
    assert steps[0].orders == ["责令限期改正"] and steps[0].unit_fine and steps[0].unit_fine.text == "五万元以下"
    assert steps[1].person_fine and steps[1].person_fine.text == "一万元以上二万元以下"
    assert steps[2].orders == ["责令停产停业整顿"]
    assert max_fine(steps) == 200000


def test_ladder_of_article_103_paragraph_2(library: Library) -> None:
    a = library.laws["aqscf"].article(103)
    assert a is not None
    steps = ladder(a.paragraphs[1].text)
    assert steps is not None
    assert steps[0].person_fine and steps[0].person_fine.text == "一万元以下"
    assert steps[1].orders == ["责令停产停业整顿"]


def test_no_ladder_for_clauses_of_other_shapes(library: Library) -> None:
    # 没收违法所得, fines as multiples of the gain: a table would mislead, so there is none.
    a = library.laws["aqscf"].article(103)
    assert a is not None
    assert ladder(a.paragraphs[0].text) is None
