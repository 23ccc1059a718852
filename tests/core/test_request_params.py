import pytest

from core.forms import id_param


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("42", 42),
        ("007", 7),
        ("999999999999999999", 999_999_999_999_999_999),
        (None, None),
        ("", None),
        (" 42", None),
        ("4.2", None),
        ("-1", None),
        ("²", None),  # str.isdigit() says yes, int() says no
        ("١٢", None),  # Arabic-Indic digits: not an id in a URL of ours
        ("9" * 19, None),  # past a 64-bit id
        ("9" * 5000, None),  # int() refuses more than 4300 digits
    ],
)
def test_id_param_accepts_only_plain_ids(value: str | None, expected: int | None) -> None:
    assert id_param(value) == expected
