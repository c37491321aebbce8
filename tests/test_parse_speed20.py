"""Faster forms of session 20 in the parser against their plain definitions, on the fixtures, the
corpus and random text."""

from __future__ import annotations

import pickle
import random
from pathlib import Path

from auditor.normalize import fold_phrase
from auditor.parse import load_vocabulary
from auditor.parse.vocabulary import RoleTable

from .conftest import CORPUS, FIXTURES

ROOT = Path(__file__).resolve().parents[1]


def _titles(seed: int, count: int) -> list[str]:
    """Heading-like lines of the fixtures and corpus, and random titles of heading words,
    exceptions (some holding a heading word: 补短板), filler and foldable characters."""
    vocab = load_vocabulary([ROOT / "rules" / "roles.yaml"])
    words = [w for spec in vocab.roles.values() for w in (*spec.headings, *spec.except_)]
    paths = sorted(FIXTURES.rglob("*.txt")) + sorted(CORPUS.glob("*.txt"))
    titles = [line.strip() for p in paths for line in p.read_text(encoding="utf-8", errors="replace").splitlines()
              if 0 < len(line.strip()) < 40]
    rng = random.Random(seed)
    filler = ["问题", "短板", "补短板", "明年", "下一步", "2025年", "工作", "法治", "，", "（", " ", "國", "", "a"]
    titles += ["".join(rng.choice([*words, *filler]) for _ in range(rng.randint(0, 4))) for _ in range(count)]
    return titles


def test_own_roles_from_one_scan_of_all_titles_equal_own_roles():
    """``scan_titles`` + ``own_roles_in`` (the words of every title found by one automaton) give
    what ``own_roles`` gives title by title, at every tier and under every role path, for titles
    scanned in groups of any size (one title, a report's worth, none)."""
    vocab = load_vocabulary([ROOT / "rules" / "roles.yaml"])
    table = vocab.table()
    titles = _titles(31, 3000)
    roles = list(vocab.roles)
    rng = random.Random(37)
    aboves = [(), *[(r,) for r in roles], *[(rng.choice(roles), rng.choice(roles)) for _ in range(10)]]
    assert table.scan_titles([]) == []
    i = 0
    while i < len(titles):
        group = titles[i : i + rng.randint(1, 25)]
        i += len(group)
        scanned = table.scan_titles(group)
        assert scanned is not None
        for title, (folded, present) in zip(group, scanned, strict=True):
            assert folded == fold_phrase(title)
            # the words found are exactly the vocabulary's words the folded title holds
            assert set(present) == {w for w in table._words or () if w in folded}, title
            for level in (1, 2, 3, 4):
                for above in aboves:
                    assert table.own_roles_in(folded, present, level, above) == table.own_roles(title, level, above), \
                        (title, level, above)


def test_titles_the_automaton_cannot_take_are_asked_one_by_one():
    """A lone surrogate (Rust strings are UTF-8) or a title with a line break: ``scan_titles`` says
    None, and the parser asks ``own_roles`` title by title. A vocabulary with an empty word is never
    scanned (the word is in every title)."""
    table = load_vocabulary([ROOT / "rules" / "roles.yaml"]).table()
    assert table.scan_titles(["存在的不足", "法\udc80治"]) is None
    assert table.scan_titles(["存在的\n不足"]) is None
    from auditor.parse.vocabulary import RoleSpec

    empty = RoleTable({"a": RoleSpec(label="a", headings=["", "不足"])})
    assert empty.scan_titles(["存在的不足"]) is None


def test_role_table_pickles_without_its_automaton():
    """The compiled pack (which holds the role table) is pickled: the automaton is not, and is made
    again on the first scan after loading, with the same answers."""
    table = load_vocabulary([ROOT / "rules" / "roles.yaml"]).table()
    titles = _titles(41, 200)
    before = table.scan_titles(titles)
    loaded = pickle.loads(pickle.dumps(table))
    assert loaded._automaton is None
    assert loaded.scan_titles(titles) == before


def test_phrases_that_fold_to_themselves():
    """``folds_to_itself``: when it says so of a text, folding gives the text back, and so it does
    for every piece of the text (``scan_titles`` tests the titles joined, once); random phrases of
    foldable, traditional, space and plain characters, and the fixture and corpus titles."""
    from auditor.normalize import folds_to_itself
    from auditor.normalize.fold import fold
    from auditor.normalize.mapped import MappedText

    rng = random.Random(43)
    alphabet = ["法", "治", "Ａ", "１", "（", "，", " ", "\u3000", "\r", "國", "a", "1", "、", "：", "\U00020000",
                "\xa0", "\u200b"]
    phrases = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6))) for _ in range(3000)]
    phrases += _titles(47, 0)
    for i in range(0, len(phrases), 7):
        group = phrases[i : i + 7]
        joined = "\n".join(group)
        if folds_to_itself(joined):
            assert all(folds_to_itself(p) for p in group)
        for p in group:
            if folds_to_itself(p):
                assert fold(MappedText.identity(p)).text == p, repr(p)
                assert fold_phrase(p) is p
            else:
                assert fold_phrase(p) == fold(MappedText.identity(p)).text
