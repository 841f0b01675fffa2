"""Sentence selection: the ILP finds the optimum greedy misses; budgets and exclusions always hold."""

from storyline.summarize.budget import Budget
from storyline.summarize.select import choose, select_greedy

# Greedy by weight per word takes the densest sentence first and then cannot fit the two
# medium ones that together cover more.
CONCEPTS = [frozenset({"a", "b"}), frozenset({"c", "d", "e"}), frozenset({"f", "g", "h"})]
TEXTS = ["w " * 6, "w " * 5, "w " * 5]
WEIGHTS = {"a": 2.0, "b": 2.0, "c": 1.0, "d": 1.0, "e": 1.0, "f": 1.0, "g": 1.0, "h": 1.0}
NO_BONUS = [0.0, 0.0, 0.0]


def test_ilp_beats_greedy_on_a_knapsack_trap():
    budget = Budget(max_words=10)
    assert select_greedy(CONCEPTS, NO_BONUS, TEXTS, WEIGHTS, budget) == (0,)
    choice = choose(CONCEPTS, NO_BONUS, TEXTS, WEIGHTS, budget, time_limit_s=5.0)
    assert choice.method == "ilp" and choice.indices == (1, 2)


def test_shared_concepts_count_once():
    concepts = [frozenset({"x"}), frozenset({"x"}), frozenset({"y"})]
    choice = choose(
        concepts, [0.0] * 3, ["w"] * 3, {"x": 5.0, "y": 1.0}, Budget(max_sentences=2), 5.0
    )
    assert choice.indices in ((0, 2), (1, 2))


def test_exclusive_pairs_are_never_both_chosen():
    budget = Budget(max_words=100)
    choice = choose(CONCEPTS, NO_BONUS, TEXTS, WEIGHTS, budget, 5.0, exclusive=[(1, 2)])
    assert not {1, 2} <= set(choice.indices)
    assert not {1, 2} <= set(select_greedy(CONCEPTS, NO_BONUS, TEXTS, WEIGHTS, budget, [(1, 2)]))


def test_every_budget_limit_holds():
    budget = Budget(max_words=100, max_chars=12, max_sentences=3)
    choice = choose(CONCEPTS, NO_BONUS, TEXTS, WEIGHTS, budget, 5.0)
    assert budget.fits([TEXTS[i] for i in choice.indices])
    assert choice.indices == (0,)  # 12 characters exactly; any two sentences would need 22
    assert len("\n".join(TEXTS[i] for i in choice.indices)) <= 12


def test_nothing_to_choose_from():
    assert choose([], [], [], {}, Budget(max_words=10), 1.0).indices == ()


def test_node_limit_falls_back_to_greedy_and_says_so():
    budget = Budget(max_words=10)
    choice = choose(CONCEPTS, NO_BONUS, TEXTS, WEIGHTS, budget, 5.0, max_nodes=0)
    assert choice.method == "greedy" and choice.indices == (0,)
    assert choice.notes == ("ILP node limit (0) hit: greedy used",)
