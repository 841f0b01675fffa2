"""Text repairs: glued words, missing spaces, repeated phrases, mojibake, Markdown, broken lines."""

import pytest

from storyline.clean.glue import best_split, split_glued_words
from storyline.clean.layout import paragraphs
from storyline.clean.repair import (
    fix_mojibake,
    remove_echoes,
    remove_invisible,
    space_after_punctuation,
    strip_markdown,
)

# The article around the tokens: names it uses on their own ("Syria", "Syrian"); a sentence start is not one.
CONTEXT = "Talks on Syria and the Syrian envoy. Paper was the plan; relax, said the clerk."


@pytest.mark.parametrize(
    ("glued", "fixed"),
    [
        ("standingfirm", "standing firm"),
        ("approvalfor", "approval for"),
        ("ofinternational", "of international"),
        ("violentcrackdown", "violent crackdown"),
        ("andcounterproductive", "and counterproductive"),
        ("opposesinterventionism", "opposes interventionism"),
        ("Syriamirroring", "Syria mirroring"),
        ("Syrianregime’s", "Syrian regime’s"),
        ("anyU.N.", "any U.N."),
        ("than5,400", "than 5,400"),
        ("inCanada", "in Canada"),
        ("ofthe", "of the"),
        ("morethan", "more than"),
        ("atruck", "a truck"),
        ("officersaid", "officer said"),
        ("sittingdown", "sitting down"),
        ("yearsago", "years ago"),
        ("duringthe", "during the"),
        ("“andcounterproductive.”", "“and counterproductive.”"),
    ],
)
def test_glued_words_are_split(glued, fixed):
    text, repairs = split_glued_words(f"They said {glued} today", CONTEXT)
    assert text == f"They said {fixed} today"
    assert repairs[0].kind == "glued-words" and repairs[0].after == fixed


@pytest.mark.parametrize(
    "word",
    [
        "Davutoglu",  # a name wordfreq barely knows
        "Interfax",  # a name that happens to split into two words
        "Tartus",
        "Gadhafi",
        "counterproductive",  # a rare but real word
        "agains",  # a real typo: not glue
        "well-balanced",
        "Newsweek",  # a known compound name
        "superspreader",  # prefix compounds are words
        "gateside",  # short compound nouns are words
        "Perrywood",  # a place name made of two words
        "deGrom",  # a name particle
        "covid19",
        "5,400",
        "U.S.",
        "https://example.org/standingfirm",
        "jan@standingfirm.org",
        "#standingfirm",
        "[E]veryone",
        "classi?ed",
        "Papermaster",  # a surname: "Paper" is not a name this article uses
        "Relaxus",
        "wormability",
        "inapproachable",
        "tome",  # a known word that happens to be two function words
        "arested",  # a typo of "arrested"
        "itno",  # a typo of "into"
        "Doone",  # a name, not "Do one"
    ],
)
def test_names_rare_words_and_links_are_not_split(word):
    text, repairs = split_glued_words(f"They said {word} today", CONTEXT)
    assert text == f"They said {word} today"
    assert repairs == ()


def test_a_capitalised_token_splits_only_after_a_name_the_article_uses():
    assert (
        split_glued_words("the Syriamirroring plan", "They went to Syria.")[0]
        == "the Syria mirroring plan"
    )
    assert (
        split_glued_words("the Syriamirroring plan", "Syria is far.")[0]
        == "the Syriamirroring plan"
    )


def test_best_split_needs_common_parts():
    assert best_split("standingfirm") == ("standing", "firm")
    assert best_split("zqxjvwkp") is None
    assert best_split("firm") is None


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("hegemony,characteristically opposed", "hegemony, characteristically opposed"),
        ("open for any”constructive proposals.”", "open for any ”constructive proposals.”"),
        ("he said”The next day", "he said” The next day"),
        ("the vote.The council", "the vote. The council"),
        ("on Wednesday.NTSB investigators", "on Wednesday. NTSB investigators"),
        ("the mayor said.A new pier", "the mayor said. A new pier"),
        ("a statement:Officials", "a statement: Officials"),
    ],
)
def test_missing_space_after_punctuation_is_restored(before, after):
    text, repairs = space_after_punctuation(before)
    assert text == after
    assert repairs and repairs[0].kind == "missing-space"


@pytest.mark.parametrize(
    "text",
    [
        "more than 5,400 people and 2.5 percent",
        "the U.S. and U.N. envoys",
        "see www.example.org,or example.com.Then",
        "anti?Trump",
        "It was 10:30 and 3,200 came.",
        "e.g.A and i.e.NATO",
    ],
)
def test_numbers_abbreviations_and_urls_keep_their_punctuation(text):
    assert space_after_punctuation(text) == (text, ())


def test_a_pasted_twice_fragment_is_removed():
    text, repairs = remove_echoes(
        "described it as “not fair”, saying not fair”, saying the poor pay most."
    )
    assert text == "described it as “not fair”, saying the poor pay most."
    assert repairs[0].kind == "repeated-phrase"
    assert repairs[0].after == "“not fair”, saying"


def test_a_fragment_pasted_three_times_is_kept_once():
    text, repairs = remove_echoes(
        "the plan to cut fares the plan to cut fares the plan to cut fares now"
    )
    assert text == "the plan to cut fares now"
    assert len(repairs) == 2


def test_a_paragraph_of_thousands_of_pastes_is_collapsed_in_one_pass():
    # Each removal once re-read the whole paragraph: 50,000 pastes in one line took hours.
    text, repairs = remove_echoes("the plan to cut fares " * 200_000 + "now")
    assert text == "the plan to cut fares now"
    assert len(repairs) == 25_002  # the longest copy first: eight phrases (40 words) at a time
    assert repairs[-1].before == "the plan to cut fares the plan to cut fares"
    assert repairs[-1].after == "the plan to cut fares"


@pytest.mark.parametrize(
    "text",
    [
        '"John did it. John did it," she said.',
        "That is the way, that is the way to win.",
        "It was an hour, it was an hour of waiting.",
        "They see it. They see it. They see it.",
        "The lord of The Lord of the Rings fan club.",
        "very very good",
    ],
)
def test_speakers_repetitions_are_kept(text):
    assert remove_echoes(text) == (text, ())


def test_mojibake_is_fixed_and_typographic_quotes_kept():
    text, repairs = fix_mojibake("The CafÃ© owner said it wasnâ€™t “fair”.\nSecond line.")
    assert text == "The Café owner said it wasn’t “fair”.\nSecond line."
    assert len(repairs) == 1 and repairs[0].kind == "mojibake"


def test_a_lost_closing_quote_is_restored_after_an_opening_one():
    text, repairs = fix_mojibake("called it “toxic\ufffd? and left.\nWhy\ufffd? nobody knows.")
    assert text == "called it “toxic” and left.\nWhy\ufffd? nobody knows."
    assert [r.kind for r in repairs] == ["mojibake"]


def test_zero_width_spaces_and_soft_hyphens_inside_words_are_removed():
    text, repairs = remove_invisible(
        "The \u200bFerry Crew and the\u200bir re\u00adport.\nSecond line."
    )
    assert text == "The Ferry Crew and their report.\nSecond line."
    assert [r.kind for r in repairs] == ["invisible-characters"]
    # Joiners shape some scripts and emoji: they stay, and a clean text is not touched.
    assert remove_invisible("Family \U0001f468\u200d\U0001f469 day.") == (
        "Family \U0001f468\u200d\U0001f469 day.",
        (),
    )


def test_clean_text_is_not_touched_by_mojibake_repair():
    text = "Straight 'quotes' and “curly” ones, São Paulo, naïve."
    assert fix_mojibake(text) == (text, ())


@pytest.mark.parametrize(
    ("line", "fixed"),
    [
        ("# Council Delays Vote", "Council Delays Vote"),
        ("### Council Delays Vote", "Council Delays Vote"),
        ("The **Café owner** said so.", "The Café owner said so."),
        ("See <https://example.org/a>", "See https://example.org/a"),
        ("See [the report](https://example.org/r) today", "See the report today"),
    ],
)
def test_markdown_marks_are_stripped_words_kept(line, fixed):
    text, repairs = strip_markdown(line)
    assert text == fixed
    assert repairs[0].kind == "markdown"


def test_plain_lines_are_not_markdown():
    assert strip_markdown("Rated 5 * 3 = 15 stars, #1 pick") == (
        "Rated 5 * 3 = 15 stars, #1 pick",
        (),
    )


def test_sentence_broken_across_paragraphs_is_joined():
    lines = [
        "The board asked all sides to stop the",
        "",
        "fighting before   the vote.",
        "Next paragraph.",
    ]
    paras, repairs = paragraphs(lines)
    assert paras == [
        "The board asked all sides to stop the fighting before the vote.",
        "Next paragraph.",
    ]
    assert repairs[0].kind == "joined-lines"


def test_finished_lines_and_capitalised_starts_stay_apart():
    lines = ["A heading without a stop", "The story starts here.", "and this line too."]
    paras, _ = paragraphs(lines)
    assert paras == ["A heading without a stop", "The story starts here.", "and this line too."]


def test_a_sentence_opening_function_word_is_unglued():
    text, _ = split_glued_words("The vote failed. Itwas late. He met Lorna Doone there.")
    assert text == "The vote failed. It was late. He met Lorna Doone there."


def test_a_name_the_article_repeats_is_not_unglued():
    text = "Doone spoke first. Doone left."
    assert split_glued_words(text) == (text, ())


def test_an_acronym_the_article_uses_is_unglued_from_the_next_word():
    text, _ = split_glued_words("The FBIreports came late, the FBI said. JPMorgan agreed.")
    assert text == "The FBI reports came late, the FBI said. JPMorgan agreed."


def test_lower_case_glue_splits_the_same_in_any_article():
    """A token without capitals is repaired from a memo: the article's names must not matter."""
    for context in ("", CONTEXT, "Syria and Russia met. Lavrov spoke."):
        text, repairs = split_glued_words("the talks were standingfirm today", context)
        assert text == "the talks were standing firm today"
        assert [(r.before, r.after) for r in repairs] == [("standingfirm", "standing firm")]


def test_a_name_the_article_writes_alone_is_unglued_from_a_function_or_long_word():
    # "Quennell" and "Harrowby" are unknown to wordfreq: the article's own use of them is the evidence
    context = "Ada Quennell spoke. Then Quennell left for Harrowby, where Harrowby folk met her."
    text, repairs = split_glued_words("Quennellsaid no. Harrowbyoriginally agreed.", context)
    assert text == "Quennell said no. Harrowby originally agreed."
    assert [r.after for r in repairs] == ["Quennell said", "Harrowby originally"]


def test_a_name_glued_to_a_word_stays_when_the_article_never_writes_the_name_alone():
    text = "Quennellsaid no, the clerk wrote."
    assert split_glued_words(text, text) == (text, ())


@pytest.mark.parametrize(
    "word",
    [
        "Gungate",  # a coinage on a short noun, not glue
        "Quennellgate",
        "Newsweek",  # a name wordfreq knows, even beside "News" on its own
    ],
)
def test_coinages_and_known_names_after_a_name_stay_whole(word):
    context = f"Gun owners, Ada Quennell and the News. {word} spread."
    assert split_glued_words(f"the {word} story", context)[0] == f"the {word} story"


def test_a_sentence_opening_i_is_unglued_but_never_a_lower_case_i():
    text, repairs = split_glued_words(
        "The vote failed. Iknow why. Caihong zhengi lived. Run iexplore."
    )
    assert text == "The vote failed. I know why. Caihong zhengi lived. Run iexplore."
    assert [r.after for r in repairs] == ["I know"]


def test_a_month_or_weekday_glued_to_a_word_needs_no_other_mention():
    text = "The vote was held Thursdayin the hall; Ada Marchand spoke Januarythat year."
    fixed, _ = split_glued_words(text, text)
    assert fixed == "The vote was held Thursday in the hall; Ada Marchand spoke January that year."
