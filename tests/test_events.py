

def test_country_from_capitalised_words_the_ner_labelled_otherwise():
    """After the gazetteer rule moved behind the NER, "Ivory Coast" or "Sri Lanka" may come out
    as ORG or nothing: the argument still takes the country its words name, and a person's name
    never gives one."""
    import spacy

    from borderwatch.nlp.events import _country_in_words

    nlp = spacy.blank("en")
    doc = nlp("Ivory Coast rebels and the Sri Lanka army met Georgia Smith")
    assert _country_in_words(doc[0:3]) == "CIV"
    assert _country_in_words(doc[4:8]) == "LKA"
    from spacy.tokens import Span

    doc.ents = [Span(doc, 9, 11, label="PERSON")]
    assert _country_in_words(doc[9:11]) is None
