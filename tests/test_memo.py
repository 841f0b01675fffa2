"""The bounded memo: the function's results, computed once each, never more than `limit` held."""

from storyline.memo import Memo, memo


def test_memo_answers_like_the_function_and_stays_bounded():
    calls = []

    def double(n: int) -> int:
        calls.append(n)
        return 2 * n

    memory = Memo(double, limit=3)
    assert [memory[n] for n in (1, 2, 1, 3, 2)] == [2, 4, 2, 6, 4]
    assert calls == [1, 2, 3]
    assert memory[4] == 8 and len(memory) == 1  # full: emptied before the new result


def test_memo_decorator_keeps_the_function_contract():
    @memo(2)
    def shout(word: str) -> str:
        return word.upper()

    assert [shout(w) for w in ("a", "b", "c", "a")] == ["A", "B", "C", "A"]
