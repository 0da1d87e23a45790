"""spaCy makes a new Token object on every access (``doc[0] is doc[0]`` is False), so ``is``
between tokens is always False and ``tok.head is tok`` never finds the root. The NLP stages
compare tokens with ``==`` or by index; this test keeps identity comparisons out of them,
except between our own records where identity is what is meant."""

import ast
from pathlib import Path

import spacy

NLP = Path(__file__).resolve().parents[1] / "borderwatch" / "nlp"
# identity between objects we build ourselves (attribution records, candidate dicts) or the
# very object passed in, checked by hand
ALLOWED = {
    "quoted[-1] is not last",
    "o is a",
    "cur.__class__ is int",
    "t_tok is trigger",
    "c is best",
}


def test_spacy_tokens_are_not_identical_objects():
    doc = spacy.blank("en")("a b")
    assert doc[0] is not doc[0] and doc[0] == doc[0]


def test_no_identity_comparison_between_tokens():
    found = []
    for path in sorted(NLP.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Compare):
                continue
            for op, right in zip(node.ops, node.comparators, strict=True):
                if isinstance(op, ast.Is | ast.IsNot) and not isinstance(right, ast.Constant):
                    text = ast.unparse(node)
                    if text not in ALLOWED:
                        found.append(f"{path.name}:{node.lineno}: {text}")
    assert not found, "identity comparison of possibly spaCy tokens:\n" + "\n".join(found)
