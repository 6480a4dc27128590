"""Objectives from a teacher's CSV: what is read, and what is refused with the row to fix."""

from __future__ import annotations

import pytest

from backend.mastery.objectives_csv import CsvProblem, NewObjective, parse_objectives
from sync.kinds import MAX_OBJECTIVES


def test_code_and_title_with_a_header_and_blank_rows() -> None:
    text = "\ufeffCode,Title\nA.1,Solve linear equations\n\n A.2 , Factor quadratics \n"
    assert parse_objectives(text) == [
        NewObjective(code="A.1", title="Solve linear equations"),
        NewObjective(code="A.2", title="Factor quadratics"),
    ]


def test_semicolons_from_a_russian_spreadsheet_and_a_russian_header() -> None:
    text = "Код;Цель\n1.1;Решать линейные уравнения\n1.2;Раскладывать на множители\n"
    assert [o.code for o in parse_objectives(text)] == ["1.1", "1.2"]


def test_titles_alone_and_quoted_commas() -> None:
    text = 'Sketch a parabola\n"Use the formula, and check it"\n'
    assert parse_objectives(text) == [
        NewObjective(title="Sketch a parabola"),
        NewObjective(title="Use the formula, and check it"),
    ]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("code,title\nA.1,Fine\nA.2,Too,many\n", "row 3 has more than two columns"),
        ("code,title\nA.1,\n", "row 2 has no title"),
        (f"{'x' * 21},Factor quadratics\n", "row 1: the code is longer than 20"),
        (f"A.1,{'x' * 201}\n", "row 1: the title is longer than 200"),
        ("\n\n", "holds no objectives"),
        ("x" * 64_001, "longer than 64000 characters"),
    ],
)
def test_what_cannot_be_read_names_what_to_fix(text: str, words: str) -> None:
    with pytest.raises(CsvProblem, match=words):
        parse_objectives(text)


def test_a_class_lists_at_most_so_many() -> None:
    text = "\n".join(f"O.{n},Objective {n}" for n in range(MAX_OBJECTIVES + 1))
    with pytest.raises(CsvProblem, match=f"at most {MAX_OBJECTIVES}"):
        parse_objectives(text)
