import pytest

from generator.model.numerals import cn_to_int, int_to_cn, parse_number


@pytest.mark.parametrize(("text", "value"), [
    ("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("九十七", 97), ("一百", 100), ("一百零三", 103),
    ("一百一十", 110), ("一百一十九", 119), ("两百", 200), ("一千零五", 1005), ("三千二百零一", 3201),
])
def test_chinese_numerals_both_ways(text: str, value: int) -> None:
    assert cn_to_int(text) == value
    if "两" not in text:
        assert int_to_cn(value) == text


def test_every_number_round_trips() -> None:
    assert all(cn_to_int(int_to_cn(n)) == n for n in range(1, 3000))


@pytest.mark.parametrize(("text", "value"), [("97", 97), ("９７", 97), ("九十七", 97)])
def test_parse_number_reads_arabic_and_chinese(text: str, value: int) -> None:
    assert parse_number(text) == value


def test_rejects_other_text() -> None:
    with pytest.raises(ValueError):
        cn_to_int("九十七条")
