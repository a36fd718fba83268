"""The same question in two chapters (kg.argue.crosslink), on issues as the commentary words them."""

from __future__ import annotations

from kg.argue.crosslink import across_chapters, provisions_of, same_question
from kg.argue.layer import Issue

# the Article 51 chapter's curated issue (mn 120) and the question of another chapter's section
NOTIFY_51 = Issue(
    "compute-notification-anticipated-threshold",
    "Notification obligation triggered when the provider knows the threshold will be met",
    "Is the notification obligation under Art. 52(1) triggered not only when the Art. 51(2) threshold is actually "
    "met but already when the provider knows that it will be met?",
    "002_b07c53fab08c7372.txt",
    ["art_51__para_2", "art_51__para_1__point_a"],
    [120],
    "curation",
)
NOTIFY_52 = Issue(
    "cand-article-52-s2-1-1",
    "2.1.1. The duty to notify",
    "Some authors argue that the two-week period of Article 52(1)’s first sentence starts only once the provider "
    "knows that the threshold will be met.",
    "article-52.txt",
    ["art_52__para_1__sent_1"],
    [3],
    "extraction",
)


def _with(issue: Issue, **changes) -> Issue:
    return Issue(**{**issue.__dict__, **changes})


def test_a_curated_question_naming_art_52_1_concerns_it():
    assert "art_52__para_1" in provisions_of(NOTIFY_51)


def test_one_question_in_two_chapters_is_linked_on_the_finer_provision():
    link = same_question(NOTIFY_51, NOTIFY_52)
    assert link is not None
    assert link.issues == ("cand-article-52-s2-1-1", "compute-notification-anticipated-threshold")
    assert link.provisions == ("art_52__para_1__sent_1",)  # Art. 52(1) contains its first sentence
    assert set(link.terms) == {"knows", "notif", "thres", "will"} and link.overlap == 0.5
    assert across_chapters([NOTIFY_51, NOTIFY_52]) == [link]


def test_issues_of_one_chapter_are_never_linked():
    assert same_question(NOTIFY_51, _with(NOTIFY_52, document=NOTIFY_51.document)) is None


def test_the_same_words_on_another_provision_are_another_question():
    other = _with(
        NOTIFY_52,
        question="Some authors argue that the period starts only once the provider knows the threshold will be met.",
        provisions=["art_52__para_5"],
    )
    assert same_question(NOTIFY_51, other) is None


def test_a_common_provision_with_a_different_question_is_not_linked():
    """Both concern Art. 52(1), but the designation question shares no distinctive term with notification."""
    designation = _with(
        NOTIFY_52,
        label="2.1.3. Designation without notification",
        question="It has been questioned whether the Commission may designate a model of which it was not notified.",
        provisions=["art_52__para_1__sent_3"],
    )
    assert same_question(NOTIFY_51, designation) is None
