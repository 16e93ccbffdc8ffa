"""法人番号 (the 13-digit corporate number of 国税庁): the pure check of its check digit.

The first digit is the check digit of the twelve that follow (国税庁「法人番号の指定」,
法人番号の検査用数字の計算方法): number the twelve digits from the right, P1 … P12,
weigh the odd positions 1 and the even positions 2, and the check digit is
9 − (Σ Pn × Qn mod 9).
"""

LENGTH = 13


def check_digit(base: str) -> int:
    """The check digit of the twelve digits ``base`` (the number without its first digit)."""
    if len(base) != LENGTH - 1 or not base.isascii() or not base.isdigit():
        raise ValueError(f"twelve digits expected, not {base!r}")
    total = sum(
        int(digit) * (2 if position % 2 == 0 else 1)
        for position, digit in enumerate(reversed(base), start=1)
    )
    return 9 - total % 9


def has_shape(number: str) -> bool:
    """True when ``number`` is thirteen ASCII digits (whatever its check digit)."""
    return len(number) == LENGTH and number.isascii() and number.isdigit()


def is_valid(number: str) -> bool:
    """True when ``number`` is thirteen ASCII digits whose first is the right check digit."""
    if not has_shape(number):
        return False
    return check_digit(number[1:]) == int(number[0])


def problem(number: str) -> str | None:
    """Why ``number`` is not a 法人番号, in Japanese words; None when it is one (the rule
    members.corporate_number writes its own whole sentences, ADR 0127)."""
    if not has_shape(number):
        return "13桁の半角数字ではありません"
    if not is_valid(number):
        return f"検査用数字（先頭の1桁）が正しくありません（正しくは {check_digit(number[1:])}）"
    return None
