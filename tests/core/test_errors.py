"""helpers.core.errors: one-line messages, and one error for the collected problems of a file."""

from __future__ import annotations

from helpers.core.errors import CourseInputError, problem_message, problems_error


def test_a_problem_message_is_the_errors_one_line():
    assert problem_message("a.yaml", "statement 'S1': missing\n'text'", "give it", 3) == \
        "a.yaml:3: statement 'S1': missing 'text'. give it."
    assert problem_message(None, "bad") == str(CourseInputError(None, "bad")) == "<input>: bad."


def test_collected_problems_raise_the_first_with_the_others():
    problems = [problem_message("a.yaml", "first problem", "fix it", 7), problem_message("a.yaml", "second", None, 9)]
    err = problems_error("a.yaml", problems)
    assert err.line == 7 and str(err) == "a.yaml:7: first problem. fix it (and 1 more: second.)."
    assert problems_error("a.yaml", problems, more="more problems").problem.endswith("(and 1 more problems: second.)")
    assert problems_error("a.yaml", problems, with_line=False).line is None
    assert problems_error("a.yaml", problems[:1]).problem == "first problem. fix it"
