"""Event arguments and status from the dependency parse of one sentence.

Given the trigger token of an event (the verb that reports it), find:

- the **actor**: the subject of the trigger (``nsubj``), the agent of a passive ("by X"), or,
  when the trigger has no subject of its own (an ``xcomp``: "X threatened to attack Y"), the
  subject of the verb it depends on;
- the **recipient**: the direct object, the subject of a passive ("Y was attacked"), or the
  object of a preposition that marks a target ("against", "on", "at", "to", "with", "into",
  "toward");
- the **status**: negated ("did not attack"), denied ("denied its forces were building up"),
  hypothetical ("if … invades"), threatened ("threatened to attack"), planned ("will hold
  talks", "plans to"), claimed (attributed: "according to", "reportedly", a material event
  inside what somebody "said"), historical (background: past perfect, "in the 1990s", a date
  long before publication), else occurred.

Every decision returns the cue that made it, for the evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from borderwatch.nlp.entities import _MONTHS
from borderwatch.nlp.event_type import NOUNS, onset_verb

SPEECH_VERBS = {"say", "tell", "claim", "report", "state", "announce", "add", "note", "declare", "write", "insist",
                "assert", "allege", "confirm", "quote", "cite", "suggest", "explain", "believe", "accord", "reveal"}
DENY_VERBS = {"deny", "dismiss", "refute", "reject", "rebuff"}
THREAT_VERBS = {"threaten", "vow", "warn", "pledge"}
PLAN_VERBS = {"plan", "intend", "prepare", "expect", "schedule", "aim", "seek", "propose", "hope", "want", "decide",
              "ready", "willing", "poised", "set", "due", "slated"}  # (and the adjectives of "was ready to send forces")
TARGET_PREPS = {"against", "on", "at", "to", "with", "into", "toward", "towards", "upon", "from"}
VERBAL_TYPES = {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "AGREE", "SUPPORT", "CONCEDE", "CONSULT"}
HYPOTHETICAL_MARKS = {"if", "unless", "whether"}
CLAIM_CUES = ("according to", "reportedly", "allegedly", "purportedly", "is said to", "are said to", "was said to",
              "were said to", "is believed to", "are believed to", "claimed", "claims", "unconfirmed")


@dataclass
class Argument:
    start: int  # char offsets in the document
    end: int
    text: str
    head: int  # char offset of the head token


def _span_of(tok: Any, appos: bool = False, own: bool = False) -> Argument:
    """The noun phrase headed by ``tok``: its subtree without relative clauses or punctuation
    ends, and without appositions unless ``appos`` (an actor's: "Cipollone, White House counsel",
    as PLV marks it; measured on the PLV train split, actor token-F1 0.846 -> 0.856). With
    ``own``, nothing after the phrase's conjunction ("Taliban fighters and resistance forces in
    the Andarab valley": the first of two sides; PLV marks a coordinated actor whole, with what
    follows, so that stays the default: actor token-F1 0.830 -> 0.828 when always cut)."""
    keep = [tok]
    for child in tok.children:
        if child.dep_ in ("relcl", "acl", "punct", "cc", "advcl", "conj", "npadvmod") and child.i > tok.i:
            continue  # conjuncts are arguments of their own ("Jordan and Britain" -> two)
        if child.dep_ == "appos" and child.i > tok.i and not appos:
            continue
        if child.dep_ == "prep" and child.lower_ not in ("of", "from") and not (
                child.lower_ in ("in", "for", "to", "at") and tok.pos_ == "NOUN" and tok.lemma_.lower() in ACTOR_NOUNS):
            # "members of Jamaat Ansarullah", "diplomats from Poland"; for people also "protesters
            # in Yerevan", "a spokesman for the president", "workers at the mine", "envoy to the UN"
            continue
        if child.dep_ == "prep" and any(g.dep_ == "pcomp" for g in child.children):
            continue  # "accused the movement of failing to honour...": the charge is not the recipient
        # nor a relative clause deeper in ("the province of Herat, where an earthquake killed ...")
        cut = {x.i for r in child.subtree if r.dep_ == "relcl" for x in r.subtree}
        keep.extend(t for t in child.subtree if t.i not in cut)
    split = [c.i for c in tok.children if c.dep_ in ("cc", "conj") and c.i > tok.i]
    if own and split:
        keep = [t for t in keep if t.i < min(split)]
    lo = min(t.i for t in keep)
    hi = max(t.i for t in keep)
    doc = tok.doc
    if lo < tok.i:
        # the phrase starts after a dash that closes a dateline ("KHUJAND, Oct 14 - A regional
        # court ...": a spaced dash, the parser hung the dateline's date on the noun) or a
        # timeline line's date ("Aug 2025 - Gunmen from Afghanistan attack ...")
        is_dateline = dateline(tok.sent[0])
        dash = [t.i for t in doc[lo:tok.i] if t.text in DATELINE_DASHES and (
            (is_dateline and t.i > 0 and t.whitespace_ and doc[t.i - 1].whitespace_)
            or (t.i > lo and all(x.like_num or x.lower_.rstrip(".") in _MONTHS or x.ent_type_ == "DATE"
                                 or x.is_punct for x in doc[lo:t.i])))]
        if dash:
            lo = dash[-1] + 1
    # a noun phrase never cuts a name in half ("Tajikistan's State Committee for National Security":
    # the parse keeps "for National Security" out, the name does not)
    while hi + 1 < len(doc) and doc[hi + 1].ent_iob_ == "I" and doc[hi].ent_iob_ in ("B", "I"):
        hi += 1
    while lo > 0 and doc[lo].ent_iob_ == "I":
        lo -= 1
    while lo < hi and not any(ch.isalnum() for ch in doc[lo].text):  # punctuation, line breaks, bullets
        lo += 1
    while hi > lo and not any(ch.isalnum() for ch in doc[hi].text):
        hi -= 1
    opened = sum(t.text == "(" for t in doc[lo:hi + 1]) - sum(t.text == ")" for t in doc[lo:hi + 1])
    if opened > 0 and hi + 1 < len(doc) and doc[hi + 1].text == ")":
        hi += 1  # "the Department of State Services (DSS)" keeps its closing bracket
    span = doc[lo : hi + 1]
    return Argument(span.start_char, span.end_char, span.text, tok.idx)


def _conjuncts(tok: Any) -> list[Any]:
    """The noun phrase and those coordinated with it; "1,500 servicemen and 200 units of military
    hardware took part": the hardware is what the servicemen bring, not a second participant
    (unless every conjunct is materiel: "attack aircraft and helicopters provided air support")."""
    out = [tok, *[c for c in tok.conjuncts if c.pos_ in ("NOUN", "PROPN", "PRON")]]
    kept = [t for t in out if not is_materiel(t)]
    return kept if kept and len(kept) < len(out) else out


# what police and border guards seize from smugglers (a seized town or base is an ASSAULT)
CONTRABAND = frozenset({"drug", "narcotic", "heroin", "hashish", "opium", "cocaine", "methamphetamine", "meth",
                        "cannabis", "marijuana", "morphine", "tramadol", "contraband", "cigarette", "ammunition",
                        "cartridge", "explosive", "weapon", "firearm", "rifle", "pistol", "grenade", "counterfeit"})
# weapons and vehicles: counted with an event, never its participants beside the people
MATERIEL_NOUNS = frozenset({"hardware", "equipment", "vehicle", "tank", "aircraft", "helicopter", "jet", "drone",
                            "weapon", "weaponry", "armour", "armor", "artillery", "missile", "gun", "launcher",
                            "ammunition", "truck", "vessel", "boat", "warship"})


def is_materiel(tok: Any) -> bool:
    """ "tanks", "200 units of military hardware", "50 pieces of equipment"."""
    lemma = tok.lemma_.lower()
    if lemma in ("unit", "piece", "item", "type") or tok.lower_ in GROUP_NOUNS:
        pobj = of_object(tok)
        return pobj is not None and pobj.lemma_.lower() in MATERIEL_NOUNS
    return lemma in MATERIEL_NOUNS and tok.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP")


def _antecedent(pron: Any) -> Any | None:
    """ "Radical farmers said they would blockade Paris": the subject of the clause that
    reports or governs the pronoun's clause, when it is a noun phrase of its own."""
    v = pron.head
    for _ in range(3):
        if v.dep_ not in ("ccomp", "xcomp", "advcl", "conj") or v.head.i == v.i:
            return None
        v = v.head
        subj = [c for c in v.children if c.dep_ == "nsubj"]
        # (a thing cannot be "they" who act: "officials say poppy cultivation has collapsed, and
        # last year they rejected a UN report" - the officials)
        if subj and subj[0].pos_ != "PRON" and (pron.lower_ in ("it", "its") or not _a_thing(subj[0])):
            return subj[0]
    return None


def _shared_passive(v: Any) -> bool:
    """A passive verb conjoined to another that shares its subject: "denied any link and had been
    convicted" - the shared subject undergoes it."""
    return v.dep_ == "conj" and any(c.dep_ == "auxpass" for c in v.children) \
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children)


def _a_thing(tok: Any) -> bool:
    """A common noun phrase that names no one: "poppy cultivation", "the situation" (not "a
    majority of the guards", "the OSCE mission")."""
    return tok.pos_ == "NOUN" and not tok.ent_type_ and not any(
        actor_like(t) or t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") for t in tok.subtree)


# Verbs whose subject is not who does what their object names: "the crisis followed clashes",
# "the town suffered an attack", "police are investigating the killing"
NOT_AGENT_VERBS = frozenset({"follow", "precede", "prevent", "cause", "trigger", "spark", "provoke", "witness",
                             "suffer", "face", "survive", "escape", "fear", "investigate", "condemn", "denounce",
                             "blame", "document", "record", "avert", "remind", "recall", "mark", "commemorate",
                             # "two civilians died in the shelling": who died did not shell
                             "die", "perish", "drown", "flee",
                             # "witnesses saw clashes between smugglers and guards": who saw did not clash
                             "see", "hear", "observe", "report", "describe"})


def actor_of(trigger: Any) -> list[Argument]:
    return _actor_of(trigger) or _after_dateline(trigger)


def _after_dateline(trigger: Any) -> list[Argument]:
    """ "BISHKEK, March 14 (Wire) - Kyrgyz and Tajik border guards exchanged fire": the parser
    hung the subject on the dateline as its conjunct, and the verb has no subject. The noun
    phrase between the dateline's dash and the verb, attached to the dateline, is the actor."""
    sent = trigger.sent
    if not len(sent) or not dateline(sent[0]) or any(
            c.dep_ in ("nsubj", "nsubjpass") and not dateline(c) for c in trigger.children):
        return []
    dash = next((t for t in sent if t.i < trigger.i and t.text in ("—", "–", "-", "--")), None)
    if dash is None or dash.i - sent.start > 12:
        return []
    heads = [t for t in trigger.doc[dash.i + 1:trigger.i]
             if t.pos_ in ("NOUN", "PROPN") and t.head.i <= dash.i and t.dep_ in ("conj", "appos", "dep", "npadvmod")]
    if not heads or not (actor_like(heads[0]) or any(actor_like(c) for c in _conjuncts(heads[0]))):
        return []
    return [_span_of(t, appos=True) for t in _conjuncts(heads[0]) if t.i > dash.i]


def _possessor_phrase(tok: Any) -> Argument:
    """The possessor's phrase without its "'s"."""
    arg = _span_of(tok)
    case = [c for c in tok.children if c.dep_ == "case" and c.idx + len(c.text) == arg.end]
    if not case:
        return arg
    end = case[0].idx
    while end > arg.start and tok.doc.text[end - 1].isspace():
        end -= 1
    return Argument(arg.start, end, tok.doc.text[arg.start:end], arg.head)


def _actor_of(trigger: Any) -> list[Argument]:
    v = trigger
    fallback: list[Argument] = []
    raised = False
    for _ in range(5):
        # (a bullet the parser made a subject is none: "* July 2021 - More than 1,000 soldiers flee")
        # (the complement of a passive is its subject's act: "Wang Yi is expected to visit Dushanbe")
        subj = [c for c in v.children if (c.dep_ in ("nsubj", "csubj") or (raised and c.dep_ == "nsubjpass"))
                and not dateline(c) and any(ch.isalnum() for ch in c.text)]
        if len(subj) > 1:
            # "Cebu City--Police have started": the parser made the dateline a second subject
            # (also "16:45 — The foreign ministry summoned": a live blog's time stamp)
            subj = [c for c in subj if not (c.right_edge.i + 1 < len(c.doc)
                                            and c.doc[c.right_edge.i + 1].text in ("—", "–", "--"))
                    and not (c.right_edge.text in ("—", "–", "--") and c.right_edge.i > c.i)
                    and not (c.ent_type_ in ("TIME", "DATE") and c.like_num)
                    # ("- 16 Aug, Dushanbe: The Tajik and Uzbek ministers signed": a digest item's
                    # date and place label)
                    and not (c.right_edge.text == ":" and (c.lower_.rstrip(".") in _MONTHS or c.ent_type_ == "DATE"))
                    ] or subj
        if not subj:
            # "DUSHANBE, Aug 26 (Wire) – Tajikistan will not recognise ...": the parser made the
            # dateline the subject and the real subject its apposition after the dash
            # (or of the dateline's own apposition: "THE HAGUE, Netherlands -- A UN prosecutor")
            subj = [a for c in v.children if c.dep_ == "nsubj" and dateline(c) for a in c.subtree
                    if a.dep_ == "appos" and a.i > c.i and a.i < v.i
                    and any(t.text in ("—", "–", "-", "--") for t in a.doc[c.i:a.i])][-1:]
        if subj and (subj[0].lower_.rstrip(".") in _MONTHS or subj[0].ent_type_ == "DATE"):
            # "* Aug 2025 - Gunmen from Afghanistan attack ...": a timeline line's date the parser
            # made the subject, the real one its apposition after the dash
            real = [a for a in subj[0].children if a.dep_ == "appos" and a.i > subj[0].i and any(
                t.text in DATELINE_DASHES for t in a.doc[subj[0].i:a.i])][:1]
            if real:
                # (what the parser hung on the date after it belongs to the subject: "from Afghanistan")
                doc = real[0].doc
                lo = max(t.i for t in doc[subj[0].i:real[0].i] if t.text in DATELINE_DASHES) + 1
                span = doc[lo: max(real[0].right_edge.i, subj[0].right_edge.i) + 1]
                while len(span) > 1 and not any(ch.isalnum() for ch in span[-1].text):
                    span = span[:-1]
                return [Argument(span.start_char, span.end_char, span.text, real[0].idx)]
        if subj:
            head = subj[0]
            if head.lower_ in ("he", "she", "they", "we", "it"):
                head = _antecedent(head) or head
            elif head.lower_ in ("who", "which", "that") and v.dep_ == "relcl":
                head = v.head  # "Rahmon, who has pressed allies for years": the relative's antecedent
                if head.ent_type_ in ("DATE", "TIME"):
                    break  # "fighting ... in September 2022 that killed 100": the parser's antecedent is a date
                if head.dep_ == "attr" and head.head.lemma_ == "be":
                    # "Tajikistan is the only country that refuses ...": the copula's subject
                    named = [c for c in head.head.children if c.dep_ == "nsubj"]
                    head = named[0] if named else head
            joined = [c for c in subj[1:] if c.i > head.i and c.left_edge.i > 0
                      and c.doc[c.left_edge.i - 1].lower_ in ("and", "&")]
            # "Supporters of X, the leader of ..., and Taliban representatives held": a long first
            # conjunct made the parser give the verb two subjects, the second after "and"
            return [_span_of(t, appos=True) for t in _conjuncts(head)] + [_span_of(t, appos=True) for t in joined]
        agent = [c for c in v.children if c.dep_ == "agent"] or _agent_on_venue(v)
        if agent:
            pobj = [c for c in agent[0].children if c.dep_ == "pobj"]
            if pobj:
                return [_span_of(t, appos=True) for t in _conjuncts(pobj[0])]
        if v.dep_ == "acl" and v.tag_ == "VBG" and v.head.pos_ in ("NOUN", "PROPN") and actor_like(v.head):
            # "Farmers protesting against the eradication ...": the participle's noun acts
            return [_span_of(t, appos=True) for t in _conjuncts(v.head)]
        if v.dep_ == "conj" and any(c.dep_ == "nsubjpass" for c in v.children):
            break  # "its troops repelled an attack and 12 soldiers had been killed": not by the troops
        if v.dep_ == "conj" and _shared_passive(v):
            break  # "all 11 denied any link and had been convicted": they were convicted, by nobody named
        if v.dep_ in ("xcomp", "conj", "advcl", "ccomp", "acomp") and v.head.i != v.i:
            if v.dep_ in ("ccomp", "advcl") and (v.head.lemma_ in SPEECH_VERBS or v.head.lemma_ in DENY_VERBS):
                break  # "X said Y attacked", "X denied anyone had been killed": X is not the actor
            if v.dep_ in ("xcomp", "ccomp") and v.tag_ == "VBG" and v.head.lemma_.lower() in NOT_AGENT_VERBS:
                break  # "residents reported shooting", "villagers heard shelling": who heard did not shoot
            # ("is expected to visit", not "was reported wounded": the wounded is the patient)
            raised = v.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in v.head.children) \
                and v.tag_ != "VBN" and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)
            v = v.head
            continue
        poss = next((c for c in v.children if c.dep_ == "poss"), None) if v.pos_ == "NOUN" else None
        if poss is not None and poss.lower_ not in POSSESSIVE_PRONOUNS and v.lemma_.lower() not in PATIENT_NOUNS \
                and (actor_like(poss) or bare_name(poss)) and not fallback:
            # "to convey Pakistan's support": whose act it is, when no subject names the actor
            # ("Erdogan reiterated Turkey's support" is Erdogan's; "Navalny's arrest" befell him)
            fallback = [_possessor_phrase(t) for t in _conjuncts(poss)]
        if v.dep_ == "acl" and v.head.pos_ == "NOUN" and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
            v = v.head  # "reiterated its commitment to support the police": the commitment's holder
            continue
        if v.pos_ == "NOUN" and v.dep_ in ("dobj", "pobj") + (("npadvmod",) if v.lemma_.lower() in MEASURE_NOUNS
                                                             else ()) and v.head.i != v.i:
            # a noun trigger: "held talks", "adopted ... at a summit": the verb's subject acts
            # (also a speech verb's when the act is the subject's own: "declared its support")
            up = v.head.head if v.dep_ == "pobj" and v.head.dep_ == "prep" else v.head
            own = poss is not None and poss.lower_ in POSSESSIVE_PRONOUNS
            if up.pos_ in ("VERB", "AUX") and (up.lemma_ not in SPEECH_VERBS or own) \
                    and up.lemma_.lower() not in NOT_AGENT_VERBS:
                v = up
                continue
            if v.dep_ == "pobj" and v.head.lower_ == "of" and up.pos_ == "NOUN" \
                    and up.dep_ in ("dobj", "pobj", "npadvmod") and up.lemma_.lower() in MEASURE_NOUNS:
                # (the parser may call "a week" of "finished a week of exercises" an adverb)
                v = up  # "have begun a week of exercises", "held a new round of talks": the measure's verb
                continue
        break
    return fallback


# nouns that measure or count an event noun after "of": "a week of exercises", "a round of talks"
MEASURE_NOUNS = frozenset({"round", "series", "week", "day", "month", "year", "wave", "spate", "string", "number",
                           "couple", "set", "cycle", "session", "campaign", "bout", "night", "fortnight"})


ACTOR_ENTS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
ACTOR_NOUNS = {"government", "force", "troop", "police", "army", "rebel", "militant", "official", "minister", "president",
               "protester", "people", "civilian", "refugee", "soldier", "villager", "resident", "leader", "group",
               "authority", "member", "peacekeeper", "country", "side", "party", "opposition", "delegation", "embassy",
               "ministry", "court", "council", "parliament", "negotiator", "company", "worker", "employee",
               "journalist", "student", "guard", "fighter", "insurgent", "terrorist", "militia", "neighbour",
               "neighbor", "nation", "state", "regime", "administration", "commander", "spokesman", "envoy",
               "ambassador", "diplomat", "prisoner", "hostage", "detainee", "migrant", "citizen", "national",
               "population", "community", "tribe", "elder", "unit", "battalion", "agency", "organisation",
               "organization", "union", "coalition", "alliance", "movement", "faction",
               # people an event is done to or by, named by their role: "detained three smugglers"
               "smuggler", "trafficker", "suspect", "man", "woman", "child", "victim", "gunman", "attacker",
               "criminal", "bandit", "activist", "demonstrator", "officer", "crew", "driver", "farmer",
               "trader", "pilgrim", "opponent", "critic", "dissident", "ally", "partner", "seeker", "survivor",
               "lawmaker", "colleague", "aide", "separatist", "secessionist", "immigrant", "settler", "worshipper",
               "inmate", "convict", "defendant", "islamist", "loyalist", "legislator", "senator", "mayor", "governor",
               "fisherman", "shepherd", "herder", "labourer", "laborer", "passenger", "tourist", "teacher",
               "doctor", "nurse", "engineer", "person",
               # roles and bodies named by their office or kin: "arrested his presidential rival"
               "military", "chief", "head", "judge", "prosecutor", "lawyer", "rival", "counterpart", "bomber",
               "pilot", "chairman", "chairwoman", "chairperson", "expert", "investigator", "inspector", "cartel",
               "committee", "owner", "son", "daughter", "father", "mother", "brother", "sister", "wife", "husband",
               "family", "relative", "representative", "premier", "serviceman", "physician", "observer", "striker",
               "cabinet", "king", "queen", "prince", "emir", "sheikh", "chancellor", "secretary", "commissioner",
               "spokesperson", "spokeswoman", "delegate", "crowd", "mob", "youth", "boy", "girl", "supporter",
               "follower", "candidate", "voter", "director", "executive", "newspaper", "broadcaster", "gang",
               "clan", "contractor", "monk", "cleric", "imam", "priest", "bishop", "mullah", "warlord", "captain",
               "skipper", "sailor", "guide", "courier", "dealer", "patrol", "convoy", "garrison", "outlet",
               "channel", "individual", "firm", "entity", "returnee", "deportee", "evacuee",
               # "-man" forms the lemmatizer leaves whole: "nine militiamen were killed"
               "militiaman", "policeman", "policewoman", "guardsman", "tribesman", "kinsman", "clansman",
               "frontiersman", "militiamen", "servicemen", "policemen", "tribesmen", "gunmen"}
# acts and stances of an actor, whose possessor is the one a reaction answers
ACT_NOUNS = frozenset({"decision", "offer", "proposal", "plan", "policy", "move", "invitation", "comment", "remark",
                       "statement", "effort", "attempt", "demand", "call", "request", "commitment", "position",
                       "stance", "claim", "accusation", "action", "initiative", "bid", "idea", "suggestion",
                       "approach", "response", "reply", "announcement", "order", "ban", "law", "measure", "step",
                       "intervention", "expansion", "agreement", "deal", "choice", "refusal", "threat", "warning",
                       "rhetoric", "conduct", "behaviour", "behavior", "handling", "violation", "attack", "invasion",
                       "aggression", "occupation", "annexation", "recognition", "withdrawal", "support", "decree",
                       "ultimatum", "sanction", "crackdown", "campaign", "operation", "buildup", "build-up",
                       "deployment", "strike", "bombing", "shelling", "incursion", "provocation", "stand"})
POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her", "our", "my", "your"})
# event nouns whose possessor undergoes them: "Navalny's arrest", "Khashoggi's death"
PATIENT_NOUNS = frozenset({"release", "arrest", "detention", "extradition", "deportation", "execution", "capture",
                           "expulsion", "trial", "prosecution", "killing", "assassination", "removal", "death",
                           "murder", "kidnapping", "abduction", "imprisonment", "conviction", "sentencing", "ouster",
                           "injury", "funeral", "jailing", "torture", "disappearance", "dismissal", "sacking",
                           "election", "appointment", "nomination", "defeat", "surrender", "evacuation"})
NOT_NAMES = _MONTHS | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
PERSONAL_PRONOUNS = {"him", "her", "them", "us", "me", "he", "she", "they", "we"}


def dateline(tok: Any) -> bool:
    """ "DUSHANBE — A Chinese citizen was killed", "Dushanbe, 2 September 2025 (Staff) — ...": the
    place opening a wire story is the dateline, not a participant. In capitals it needs only a
    mark after it; in ordinary case a comma, then only a date and/or an agency, then a dash."""
    sent = tok.sent
    doc = tok.doc
    lead = tok.i - sent.start
    # ("TEHRAN/KABUL, July 7 - ...": a story filed from two places)
    if (lead > 1 and not (lead == 2 and doc[tok.i - 1].text == "/")) or tok.i + 1 >= len(doc):
        return False
    nxt = doc[tok.i + 1].text
    if len(tok.text) > 2 and tok.text.isupper():
        return nxt in DATELINE_MARKS
    if nxt != "," or not tok.text[:1].isupper() or not tok.is_alpha:
        return False
    dash = next((t for t in doc[tok.i + 2:min(sent.end, tok.i + 12)] if t.text in ("—", "–", "--")
                 or (t.text == "-" and t.whitespace_ and doc[t.i - 1].whitespace_)), None)
    if dash is None or dash.i == tok.i + 2:
        return False
    between = doc[tok.i + 2:dash.i]
    return all(t.like_num or t.lower_.rstrip(".") in _MONTHS or t.is_punct or t.text[:1].isupper() for t in between) \
        and any(t.like_num or t.lower_.rstrip(".") in _MONTHS or t.text == "(" for t in between)


DATELINE_MARKS = frozenset({"—", "–", "-", "--", ",", "(", ":"})
DATELINE_DASHES = frozenset({"—", "–", "-", "--"})


def _agent_on_venue(v: Any) -> list[Any]:
    """ "The deal was signed in Tashkent by the two ministers": the parser hung the passive's
    "by" on the place; it is still the agent (of a passive verb with no agent of its own)."""
    if not any(c.dep_ == "auxpass" for c in v.children):
        return []
    return [b for p in v.children if p.dep_ == "prep" and p.lower_ in ("in", "at", "on", "during")
            for o in p.children if o.dep_ == "pobj" and o.ent_type_ in ("GPE", "LOC", "FAC", "DATE", "")
            for b in o.children if b.dep_ == "prep" and b.lower_ == "by"
            and any(x.dep_ == "pobj" and (actor_like(x) or x.pos_ == "PROPN") for x in b.children)][:1]


def actor_like(tok: Any) -> bool:
    """Could the noun phrase headed by ``tok`` be a PLOVER actor (a person, group, organisation
    or state) rather than a thing ("military aid", "a free-trade pact", "its borders")?"""
    if tok.ent_type_ in ACTOR_ENTS:
        return True
    if tok.lower_ in PERSONAL_PRONOUNS:
        return True
    return tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in ACTOR_NOUNS


def bare_name(tok: Any) -> bool:
    """A capitalised proper noun the NER gave no label, not the sentence's first word: "accused
    Gulen", "a lawsuit against Thom" (the statistical NER misses many single surnames)."""
    return (tok.pos_ == "PROPN" and not tok.ent_type_ and tok.text[:1].isupper() and tok.i != tok.sent.start
            and tok.lower_ not in NOT_NAMES)


def _named_appos(tok: Any) -> bool:
    """Does a role ("his rival", "Iceland's President") have a name in apposition, or a name its
    acronym in brackets?"""
    for a in tok.children:
        if a.dep_ != "appos" or a.pos_ != "PROPN":
            continue
        if (a.i > 0 and tok.doc[a.i - 1].text == "(") or tok.pos_ == "NOUN" or tok.lemma_.lower() in ACTOR_NOUNS:
            return True
    return False


def _pobjs(tok: Any, preps: set[str]) -> list[Any]:
    out = []
    for prep in (c for c in tok.children if c.dep_ in ("prep", "dative") and c.lower_ in preps):
        out += [c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ not in ("DATE", "TIME")]
    return out


# Prepositions whose object is the source of the report, never the one the event is done to:
# "denied it, according to the Russian media". (Time and circumstance ones - "after", "amid",
# "as" - were tried too: PLV recipient token-F1 fell 0.516 -> 0.510, their objects are often
# the counterpart: "met after talks with Kabul".)
NOT_TARGET_PREPS = frozenset({"according", "per", "via"})


# "in the opinion of Kommersant's sources", "in the view of analysts": whose view it is
SOURCE_NOUNS = frozenset({"opinion", "view", "word", "estimate", "estimation", "assessment", "judgment",
                          "judgement", "belief", "understanding"})


def _source_phrase(prep: Any) -> bool:
    return prep.lower_ in ("in", "by") and any(c.dep_ == "pobj" and c.lemma_.lower() in SOURCE_NOUNS
                                               for c in prep.children)


# fights that have two sides: "killed in an exchange of fire with border guards"
CLASH_NOUNS = frozenset({"clash", "exchange", "firefight", "shootout", "gunfight", "battle", "fighting", "skirmish",
                         "confrontation", "encounter", "standoff", "fight", "engagement", "crossfire", "operation"})


def clash_counterpart(trigger: Any) -> list[Argument]:
    """ "A smuggler was killed in an exchange of fire with border guards": a passive casualty verb
    with no agent, in a clash with someone: that someone is the actor."""
    for prep in (c for c in trigger.children if c.dep_ == "prep" and c.lower_ in ("in", "during", "amid")):
        for noun in (c for c in prep.children if c.dep_ == "pobj" and c.lemma_.lower() in CLASH_NOUNS):
            with_ = [p for t in noun.subtree if t.dep_ == "prep" and t.lower_ == "with" for p in [t]]
            for w in with_:
                obj = next((c for c in w.children if c.dep_ == "pobj"), None)
                if obj is not None and (actor_like(obj) or actor_like(_members(obj))):
                    return [_span_of(t) for t in _conjuncts(obj)]
    return []


# event nouns whose "of" names who undergoes them: "ordered the arrest of two men"
OF_EVENT_NOUNS = frozenset({"release", "withdrawal", "arrest", "detention", "extradition", "deportation", "execution",
                            "capture", "expulsion", "trial", "prosecution", "killing", "assassination", "removal"})
HELP_VERBS = frozenset({"help", "assist", "support", "aid"})
SUMMON_VERBS = frozenset({"summon", "call", "invite", "meet", "visit", "phone"})
REACTION_VERBS = frozenset({"condemn", "protest", "denounce", "criticize", "criticise", "deplore", "decry", "oppose",
                            "welcome", "praise", "reject", "slam", "blast", "mourn", "investigate", "probe"})


# verbs of moving forces: "deployed troops from the 201st base", "moved fighters from Kunduz"
MOVE_VERBS = frozenset({"deploy", "redeploy", "move", "transfer", "relocate", "fly", "airlift", "bring"})
# verbs of sending: their object is what moves, the "to" phrase whom it is for
SEND_VERBS = frozenset({"send", "deliver", "ship", "dispatch", "donate", "airlift", "transfer", "hand", "supply"})


# what these verbs take as object is a topic, not whom the event is with ("discussed the canal
# with Uzbekistan": PLV's targets of "discuss" are always the "with" party)
TOPIC_VERBS = frozenset({"discuss", "debate", "review", "examine"})


def recipient_of(trigger: Any, skip_forces: bool = False, skip_places: bool = False,
                 skip_goods: bool = False) -> list[Argument]:
    """The actor the event is done to: the first actor-like candidate among the direct object
    (or passive subject), a target preposition's object ("against", "on", "to", "with"...), a
    target inside the object ("aid to Romania", "embargoes on Iran") and the same for the verb
    an xcomp names ("agreed to lift embargoes on Iran"). Things are not recipients."""
    cands: list[Any] = []
    # the verb, what it names as its complement ("agreed to lift the ban on Afghan fruit"), and the
    # complement of its adjective ("Russia is ready to ship extra aid to Tajikistan")
    # (not what a denial says was not done: "denied losing more than two men" is no act on the men)
    comps = [c for c in trigger.children if c.dep_ == "xcomp"] if trigger.lemma_.lower() not in DENY_VERBS else []
    comps += [x for c in trigger.children if c.dep_ == "acomp" for x in c.children if x.dep_ == "xcomp"]
    if _shared_passive(trigger):
        # "all 11 denied any link and had been convicted": the shared subject was convicted
        shared = next((c for c in trigger.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if shared is not None and (actor_like(_members(shared)) or bare_name(shared) or shared.like_num):
            return [_span_of(t) for t in _conjuncts(shared)]
    for v in [trigger, *comps]:
        objs = [c for c in v.children if c.dep_ in ("dobj", "dative", "nsubjpass", "obj") and not dateline(c)
                and not (c.dep_ == "dobj" and v.lemma_.lower() in TOPIC_VERBS)]
        if v != trigger and v.lemma_.lower() in ("allow", "permit", "let") and objs:
            # "allowed the return of aid workers": whoever is let back
            who = of_object(objs[0])
            if who is not None and actor_like(who):
                return [_span_of(t) for t in _conjuncts(who)]
        cands += [o for o in objs if v == trigger or not is_force(o)]  # "ready to pull its guards back"
        # (what is sent or moved "from" a base came from there: "sent jets from its Kant air base")
        cands += _pobjs(v, TARGET_PREPS - {"from"} if v.lemma_.lower() in SEND_VERBS | MOVE_VERBS else TARGET_PREPS)
        for o in objs:
            # ... but "condemned the shooting of farmers" is about the act (PLV keeps the phrase)
            of_ok = o.lemma_.lower() in ("release", "withdrawal") or (
                o.lemma_.lower() in OF_EVENT_NOUNS and trigger.lemma_.lower() not in REACTION_VERBS)
            cands += _pobjs(o, TARGET_PREPS | {"of"} if of_ok else TARGET_PREPS)
    # "condemned a protest by white farmers": whoever did the act the event answers
    cands += [x for o in cands if o.dep_ in ("dobj", "nsubjpass") and not actor_like(o) for x in _pobjs(o, {"by"})]
    # (also "rejected a demand made by Tajik officials")
    cands += [p for o in cands if o.dep_ in ("dobj", "nsubjpass") and not actor_like(o)
              for v in o.children if v.dep_ == "acl" and v.tag_ == "VBN"
              for ag in v.children if ag.dep_ == "agent" for p in ag.children if p.dep_ == "pobj"]
    if trigger.lemma_.lower() in SEND_VERBS and not _pobjs(trigger, {"to"}):
        # "dispatched a convoy of trucks carrying flour to Herat": the destination hangs from the
        # participle that describes what is sent
        cands += [x for o in trigger.children if o.dep_ == "dobj" for v in o.subtree
                  if v.dep_ == "acl" and v.tag_ == "VBG" for x in _pobjs(v, {"to"})][:1]
    if trigger.lemma_.lower() in SEND_VERBS and (_pobjs(trigger, {"to"}) or any(c.dep_ == "pobj" and c.head.lower_ == "to"
                                                                             for c in cands)):
        # "sent a team of medical experts to the hospital": what is sent is nobody's target
        cands = [c for c in cands if not (c.dep_ == "dobj" and c.head.i == trigger.i)]
    # "welcomed Putin to mediate", "found Nielsen guilty": with no object, the subject of the
    # clause the verb governs (not a speech verb's: "said the Taliban were responsible")
    if not any(c.dep_ in ("dobj", "nsubjpass") for c in trigger.children) \
            and trigger.lemma_.lower() not in SPEECH_VERBS | DENY_VERBS | THREAT_VERBS:
        # (not "condemned what they called a disproportionate response": who calls it so)
        cands += [x for c in trigger.children if c.dep_ == "ccomp" and not any(w.tag_ == "WP" for w in c.children)
                  for x in c.children if x.dep_ == "nsubj" and x.i > trigger.i]
    # "donated ventilators to assist Ethiopia": whom the purpose clause helps, when nothing
    # before names anyone ("granted transit rights to Kazakhstan to help Afghanistan" is to Kazakhstan)
    cands += [x for v in [trigger, *comps] for c in v.children
              if c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in HELP_VERBS for x in c.children if x.dep_ == "dobj"]
    # "summoned the Afghan charge d'affaires to complain": the one summoned is whom the complaint is to
    if trigger.dep_ in ("xcomp", "advcl") and trigger.head.pos_ == "VERB" and trigger.head.lemma_.lower() in SUMMON_VERBS:
        # (first: "called Morrison to congratulate him" is to Morrison, not to "him")
        cands = [c for c in trigger.head.children if c.dep_ == "dobj"] + cands
    if skip_goods:  # "seized five Kalashnikov rifles": the goods seized are nobody, nor is their maker
        cands = [c for c in cands if not (c.dep_ in ("dobj", "nsubjpass") and (is_materiel(c) or any(
            t.lemma_.lower() in CONTRABAND for t in c.subtree)))]
    cands = [c for c in cands if not _on_border(c)]
    for c in cands:
        if skip_forces and c.dep_ == "dobj" and is_force(c):
            continue  # "sent troops to the UN force": the troops are what is sent
        if skip_places and c.ent_type_ in ("GPE", "LOC", "FAC") and c.dep_ == "pobj" \
                and c.head.lower_ in {"on", "in", "at"} | NEAR_PREPS:
            ent = next((e for e in c.doc.ents if e.start <= c.i < e.end), None)
            if ent is not None and (_named_as_place(ent) or ent.label_ == "FAC" or c.head.lower_ in NEAR_PREPS):
                # "seized 80 kg of hashish on the Panj river", "received in the Palace of the Nation"
                # (but "deployed to Takhar province")
                continue
        poss = next((p for p in c.children if p.dep_ == "poss" and p.lower_ not in POSSESSIVE_PRONOUNS), None)
        if poss is not None and c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in ACT_NOUNS \
                and (poss.ent_type_ in ACTOR_ENTS or poss.pos_ == "PROPN") \
                and not any(actor_like(x) for x in _pobjs(c, TARGET_PREPS)):
            # "welcomed Tashkent's offer", "condemned Russia's decision": whose act it answers
            # (but "closed Venezuela's borders with Brazil" is with Brazil)
            return [_possessor_phrase(t) for t in _conjuncts(poss)]
        if actor_like(c) or actor_like(_members(c)) or bare_name(c):
            # "arrested his presidential rival Laurent Gbagbo": the name in apposition is who
            # (or "(DSS)", its acronym; not "Odin Sanchez, a former congressman ...")
            return [_span_of(t, appos=_named_appos(t)) for t in _conjuncts(c)]
    # a named actor inside what the event is done to: "rejected a US offer", "restrictions against
    # West German goods"; then one the verb's other phrases name ("a curfew in Algiers")
    xcomps = [c for c in trigger.children if c.dep_ == "xcomp"]
    # (a fronted "In Kabul, ..." sets the scene: it is where, not whom)
    others = [c for c in trigger.children if c.dep_ == "prep" and c not in cands and c.lower_ not in NOT_TARGET_PREPS
              and not (c.lower_ in ("in", "at") and c.i < trigger.i)
              and not _source_phrase(c) and not any(_on_border(x) for x in c.children)
              and not (c.lower_ == "from" and trigger.lemma_.lower() in SEND_VERBS | MOVE_VERBS)]
    for k, roots in enumerate((cands + xcomps, others)):
        # An attack on a place, or "a curfew in Algiers", is done to the place (PLV's convention);
        # with ``skip_places`` (an exercise, a deployment, talks, a seizure) a name the text itself
        # calls a place ("in the Khatlon region", "at the Lyaur training ground") is where, not whom
        ent = _first_entity(roots, skip=_located if skip_goods else _venue if skip_places else None)
        if ent is not None:
            holder = next((c for c in cands if c.left_edge.i <= ent.start and ent.end - 1 <= c.right_edge.i
                           and c.pos_ in ("NOUN", "PROPN")), None) if k == 0 else None
            if holder is not None:
                # "seized Kurdish oil fields", "attacked government websites of Georgia": the phrase
                # is what the event is done to; the named actor inside it (Georgia) resolves it
                arg = _span_of(holder)
                if arg.start <= ent.start_char and ent.end_char <= arg.end:
                    return [Argument(arg.start, arg.end, arg.text, ent.root.idx)]
            return [Argument(ent.start_char, ent.end_char, ent.text, ent.root.idx)]
    return []


# what a rejection or a denial answers: "rejected the claim as propaganda", "denied reports that ..."
CLAIM_NOUNS = frozenset({"claim", "report", "allegation", "accusation", "statement", "assertion", "charge", "account",
                         "version", "figure", "toll", "rumour", "rumor", "suggestion", "speculation"})
CONTENT_MARKS = frozenset({"that", "whether"})


def claim_content(noun: Any) -> Any | None:
    """What a claim noun says happened: the clause of "reports that the patrol had been ambushed",
    the event noun of "reports of an ambush near Ishkoshim" (None when it says nothing)."""
    if noun.lemma_.lower() not in CLAIM_NOUNS:
        return None
    for c in noun.children:
        if c.dep_ in ("acl", "ccomp", "relcl") and c.pos_ in ("VERB", "AUX") \
                and any(m.dep_ == "mark" and m.lower_ in CONTENT_MARKS for m in c.children):
            return c
        if c.dep_ == "prep" and c.lower_ in ("of", "about"):
            ev = next((o for o in c.children if o.dep_ == "pobj" and o.lemma_.lower() in NOUNS), None)
            if ev is not None:
                return ev
    return None


BORDER_NOUNS = frozenset({"border", "frontier", "boundary"})
BORDER_PREPS = frozenset({"on", "along", "at", "across", "near", "over"})  # "clashed on/along the border"


def _on_border(tok: Any) -> bool:
    """ "clashed on the Kyrgyz-Tajik border", "detained along the frontier": where, not whom (the
    countries the border's name holds are not the target)."""
    return tok.dep_ == "pobj" and tok.lemma_.lower() in BORDER_NOUNS \
        and tok.head.lower_ in BORDER_PREPS


# "dozens of demonstrators", "a group of rebels": the people are in the "of" phrase
GROUP_NOUNS = frozenset({"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million", "millions",
                         "group", "number", "couple", "score", "scores", "band", "handful", "team", "pair"})
# what a deployment or an aid delivery moves ("sent troops", "deployed 20 units")
FORCE_NOUNS = frozenset({"troop", "soldier", "force", "unit", "battalion", "brigade", "regiment", "division",
                         "reinforcement", "personnel", "police", "officer", "guard", "peacekeeper", "fighter",
                         "militia", "marine", "paratrooper", "commando", "contingent", "detachment", "squad",
                         "army", "reservist", "serviceman", "servicemen", "squadron", "flotilla"})


def is_force(tok: Any) -> bool:
    """Armed forces, or a number or group of them: "troops", "several hundred fighters"."""
    return tok.lemma_.lower() in FORCE_NOUNS or _members(tok).lemma_.lower() in FORCE_NOUNS


def of_object(tok: Any) -> Any | None:
    """The object of the word's own "of" ("dozens of demonstrators" -> demonstrators), else None."""
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None


def _members(tok: Any) -> Any:
    """The members a quantity or group word stands for ("dozens of demonstrators"), else the word."""
    if tok.lemma_.lower() in GROUP_NOUNS or tok.lower_ in GROUP_NOUNS:
        pobj = of_object(tok)
        if pobj is not None:
            return pobj
    return tok


# the nouns that make the name before them a place: "the Shamsiddin Shohin district"
NAMED_PLACE_NOUNS = frozenset({"district", "province", "region", "city", "village", "town", "valley", "county",
                               "governorate", "oblast", "area", "ground", "range", "neighbourhood", "neighborhood",
                               "suburb", "outskirts", "gorge", "pass", "exclave", "enclave",
                               # (sites: "met at the Kulundu checkpoint", "talks at the X crossing")
                               "checkpoint", "crossing", "outpost", "bridge", "airport", "airbase", "camp"})


def _named_as_place(ent: Any) -> bool:
    """Is this name written as a place: followed by a place noun ("the Khatlon region", "the Lyaur
    training ground") or the "X" of "the village of X"? (Not every place after "in": PLV marks
    "peacekeepers in Lebanon", "a meeting in Baghdad" with the place as target; skipping those
    took PLV recipient token-F1 0.532 -> 0.509 on the train split.)"""
    doc = ent.doc
    if len(ent) > 1 and ent[-1].lemma_.lower() in NAMED_PLACE_NOUNS | {"river", "lake", "mountain", "pass"}:
        return True  # the name holds its place noun: "the Vorukh exclave", "the Panj river"
    after = doc[ent.end: min(ent.end + 2, len(doc))]
    # (the tagger may call "crossing" a verb even as a preposition's object: "at the Ishkashim crossing")
    if any((t.lemma_.lower() in NAMED_PLACE_NOUNS and t.pos_ == "NOUN") or (t.lower_ in NAMED_PLACE_NOUNS and t.dep_ == "pobj")
           for t in after):
        return (after[0].pos_ in ("NOUN", "PROPN") or after[0].dep_ == "pobj") and not after[0].is_punct
    k = ent.end
    if k < len(doc) and doc[k].lower_ in ("and", "or", ","):
        # "the Lyaur and Momirak ranges": the place noun after the names coordinated with it
        k += 1
        while k < len(doc) and k - ent.end <= 4 and doc[k].pos_ == "PROPN":
            k += 1
        if k > ent.end + 1 and k < len(doc) and doc[k].lemma_.lower() in NAMED_PLACE_NOUNS and doc[k].lower_.endswith("s"):
            return True
    before = doc[max(ent.start - 2, 0): ent.start]
    return len(before) == 2 and before[1].lower_ == "of" and before[0].lemma_.lower() in NAMED_PLACE_NOUNS


def _venue(ent: Any) -> bool:
    """A name written as a place, or a building after a locative preposition ("in the Palace of
    the Nation", "at Parliament House")."""
    return _named_as_place(ent) or (ent.label_ == "FAC" and any(
        t.dep_ == "pobj" and t.head.lower_ in ("in", "at", "inside", "outside") for t in ent)) or any(
        t.dep_ == "pobj" and t.head.lower_ in NEAR_PREPS for t in ent)


# prepositions that only situate: "met on a bridge near Panji Poyon" is not a meeting with Panji Poyon
NEAR_PREPS = frozenset({"near", "along", "across", "outside", "beyond", "opposite", "around", "nearby"})


def _located(ent: Any) -> bool:
    """A place name after a locative preposition ("near Kevron", "in Khorog"), or one _named_as_place."""
    return _named_as_place(ent) or (ent.label_ in ("GPE", "LOC", "FAC") and any(
        t.dep_ == "pobj" and t.head.lower_ in ("in", "at", "near", "on", "along", "inside", "outside") for t in ent))


# nouns a nationality adjective only situates: "the northern Afghan city of Kunduz"
SETTING_NOUNS = frozenset({"city", "town", "village", "province", "district", "capital"})


def _first_entity(roots: list[Any], skip: Any = None) -> Any | None:
    """The named person, group, organisation or place nearest the top of these subtrees (not one
    ``skip`` rejects, nor one in what a claim says happened: "rejected reports that the patrol had
    been ambushed near Ishkoshim" is not done to Ishkoshim)."""
    queue = list(roots)
    seen: set[int] = {x.i for r in roots if (x := claim_content(r)) is not None}
    while queue:
        tok = queue.pop(0)
        if tok.i in seen:
            continue
        seen.add(tok.i)
        if _on_border(tok):
            continue  # "detained five near the Tajik frontier": where, and nobody inside it
        if tok.ent_type_ == "NORP" and tok.dep_ == "amod" and tok.head.lemma_.lower() in SETTING_NOUNS \
                and of_object(tok.head) is not None:
            queue.extend(c for c in tok.children if c.dep_ not in ("relcl", "advcl", "ccomp", "punct"))
            continue  # "in the northern Afghan city of Kunduz": the city is named after it
        if tok.ent_type_ in ACTOR_ENTS:
            ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
            if ent is not None and skip is not None and skip(ent):
                if ent.label_ == "FAC":
                    # a building is where; what the parser hung on it may still be whom: "received
                    # in the Palace of the Nation the Secretary General of the CSTO"
                    seen.update(range(ent.start, ent.end))
                    queue.extend(c for t in ent for c in t.children if not ent.start <= c.i < ent.end)
                    continue
                return None  # nor what is around it: "in the Khatlon region of Tajikistan"
            if ent is not None:
                return ent
        queue.extend(c for c in tok.children if c.dep_ not in ("relcl", "advcl", "ccomp", "punct"))
    return None


def _speaker_subject(verb: Any) -> Any | None:
    """Who says or denies: the verb's subject, but not a dateline the parser made its subject
    ("Dushanbe, 2 September 2025 (Staff) — Tajikistan's border troops said ..."): then the noun
    after the dateline's dash that the parser hung on it."""
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subj:
        return None
    own = [c for c in subj if not dateline(c)]
    if own:
        return own[0]
    doc = subj[0].doc
    dash = next((t for t in doc[subj[0].i:verb.i] if t.text in DATELINE_DASHES and t.i > subj[0].i), None)
    if dash is None:
        return None
    heads = [t for t in doc[dash.i + 1:verb.i] if t.pos_ in ("NOUN", "PROPN") and t.head.i <= dash.i]
    return heads[0] if heads else None


@dataclass
class Status:
    status: str  # occurred | claimed | denied | threatened | planned | hypothetical | historical | negated
    cue: str
    claimant_head: int | None = None  # char offset of the speaker's head token, for claimed/denied


def _ancestors(tok: Any) -> list[Any]:
    return list(tok.ancestors)


# verbs whose negation is silence or absence, not a refusal: "the ministry has not commented",
# "the border service had not detected any violations"
SILENT_VERBS = frozenset({"comment", "respond", "reply", "react", "confirm", "answer", "elaborate", "say", "speak",
                          "detect", "observe", "see", "record", "register", "notice", "find"})


RECENT_DAYS = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|overnight|"
                         r"last night|earlier (?:this|that) (?:week|day|morning)|this (?:week|morning)|"
                         # the story's own days: "the day before the clash, the heads ... had met"
                         r"the (?:day|night|evening|morning) before|the previous (?:day|night|evening)|"
                         r"(?:a|one|two|three|a few) (?:days?|hours?) (?:earlier|before)|hours (?:earlier|before))\b")


def _answered_cue(cue: str, trigger: Any, sent: Any) -> bool:
    """Is the cue word outside the event's reach: "dismissed claims that Tajik troops had shelled a
    village" (the dismissal answers the claims and is no claim itself), "fighters attacked a post,
    and the group later claimed to have killed dozens" (the attack is reported, the killing
    claimed)? Only a claim above the event ("claimed responsibility for the attack", "X attacked
    Y, the group claimed") or on it ("the claimed attack") makes it claimed."""
    if cue not in ("claims", "claimed"):
        return False
    cues = [t for t in sent if t.lower_ == cue]
    return bool(cues) and not any(t.i == trigger.i or t.is_ancestor(trigger) or (t.head.i == trigger.i and t.dep_ == "amod")
                                  for t in cues)


def status_of(trigger: Any, sent: Any, event_type: str | None, date_relation: str | None = None,
              date_is_background: bool = False) -> Status:
    """Status of the event whose trigger is ``trigger`` in sentence ``sent`` (a spaCy Span)."""
    if trigger.dep_ == "nsubj" and onset_verb(trigger.head):
        trigger = trigger.head  # "fighting could break out", "no clashes took place": the verb says it
    # "Tajikistan will not recognise a government ...": typed REJECT, the negation is the
    # refusal itself, which happened (announced now), not a negated or planned event
    # - but "have not commented", "did not respond" are silence, not a refusal
    refusal = event_type == "REJECT" and any(c.dep_ == "neg" for c in trigger.children) \
        and trigger.lemma_.lower() not in SILENT_VERBS
    # ... and "will not go unanswered", "will not stay silent": the negation is the threat's own
    refusal = refusal or (event_type == "THREATEN" and trigger.lemma_.lower() not in THREAT_VERBS | {"threat"})
    if any(c.dep_ == "neg" for c in trigger.children) and not refusal:
        return Status("negated", "negation of the trigger")
    nobody = next((c for c in [trigger, *trigger.children] if (c.i == trigger.i or c.dep_ in ("nsubj", "nsubjpass"))
                   and c.pos_ in ("NOUN", "PRON") and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)),
                  None)
    if nobody is not None and not refusal:
        # "no such talks were under way", "no shots were fired", "no one was hurt"
        return Status("negated", f"'no {nobody.text}'")
    chain = [trigger, *_ancestors(trigger)]
    for below, a in zip(chain, chain[1:], strict=False):
        # (not a denial the event is conjoined with: "rejected the accusation, blamed low snowfall
        # and denied ...": the blaming was done, not denied)
        if a.lemma_ in DENY_VERBS and not (below.dep_ == "conj" and below.head.i == a.i):
            subj = _speaker_subject(a)
            return Status("denied", f"'{a.text}' governs the event", subj.idx if subj is not None else None)
    for a in chain:
        marks = [c for c in a.children if c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS]
        if marks:
            return Status("hypothetical", f"'{marks[0].text}' clause")
        if a.dep_ == "advcl" and any(c.lower_ == "event" for c in a.head.subtree if c.i < a.i):
            return Status("hypothetical", "'in the event of' clause")
    sent_lower = sent.text.lower()
    if "in the event of" in sent_lower or "hypothetically" in sent_lower:
        return Status("hypothetical", "hypothetical wording")
    if event_type == "CONSULT" and trigger.lemma_.lower() == "expect" and any(
            c.dep_ == "auxpass" for c in trigger.children):
        return Status("planned", "'is expected in'")  # "An AU envoy is expected in Bamako on Friday"
    # an event noun takes its tense and mood from the verb it is the object of ("is due to attend
    # the summit", "will hold talks")
    verb = trigger.head if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj" and trigger.head.pos_ == "VERB" \
        else trigger
    if verb.i != trigger.i and verb.lemma_.lower() in ("plan", "plot") and event_type not in VERBAL_TYPES:
        return Status("planned", f"'{verb.text}' + the event")  # "the men had planned attacks": none was made
    head = verb.head if verb.dep_ in ("xcomp", "ccomp") else None
    if head is not None and head.lemma_ in THREAT_VERBS and event_type != "THREATEN":
        return Status("threatened", f"'{head.text}' + the event")
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"will", "shall", "'ll"} and event_type not in ("THREATEN", "REJECT") and any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
            for c in verb.children):
        # "he will be tortured if he is sent back": a consequence of a condition, not a plan
        return Status("hypothetical", "future under an 'if' clause")
    # "we will respond if ...": a THREATEN's future tense is the threat, made now, like a refusal's
    if not refusal and event_type != "THREATEN" and (aux & {"will", "shall", "'ll"} or (head is not None and head.lemma_ in PLAN_VERBS)
                        or date_relation == "future"):
        return Status("planned", "future tense or plan" if date_relation != "future" else "date after publication")
    if aux & {"could", "might", "may", "would"} and event_type != "THREATEN" and any(
            c.dep_ == "advcl" and (any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
                                   or (c.left_edge.lower_ in ("should", "had", "were") and c.left_edge.dep_ == "aux"))
            for c in verb.children):
        # "if the Taliban lose the north, the calculation in Dushanbe could change", "should Kabul
        # lose it, ... could agree": a consequence of a condition, whatever its type (a threat's
        # condition is the threat: kept)
        return Status("hypothetical", "modal under an 'if' clause")
    if (not refusal and event_type != "THREATEN" and "would" in aux and verb.dep_ == "ccomp"
            and head is not None and head.lemma_ in SPEECH_VERBS and head.tag_ == "VBD"):
        # "a lawyer said he would appeal", "officials said they would send troops": the future of
        # a past statement (reported "will"), not a hypothesis; a plan told long ago ("In February
        # 2024 the World Bank said it would restart its support") is background
        if date_is_background:
            return Status("historical", "a plan stated long before publication")
        return Status("planned", "'would' in a reported statement")
    if aux & {"could", "might", "may", "would"} and event_type not in VERBAL_TYPES:
        return Status("hypothetical", f"modal '{next(iter(aux & {'could', 'might', 'may', 'would'}))}'")
    if aux & {"should", "ought"} and event_type not in ("REQUEST", "THREATEN") and not any(
            c.dep_ == "nsubj" and c.lower_ in ("we", "i") for c in verb.children):
        # "Dushanbe should open a channel to Kabul now": advice, nothing done ("we should" is a
        # party's own intention and stays)
        return Status("hypothetical", f"modal '{next(iter(aux & {'should', 'ought'}))}'")
    if date_is_background:
        return Status("historical", "date long before publication")
    # attribution (before the past perfect: "they were saying they had moved troops" is backshift
    # in reported speech, not background)
    for cue in CLAIM_CUES:
        if cue in sent_lower and not _answered_cue(cue, trigger, sent):
            return Status("claimed", f"'{cue}'")
    if event_type not in VERBAL_TYPES:
        for a in chain[1:]:
            if a.lemma_ in SPEECH_VERBS and any(c.dep_ == "neg" for c in a.children):
                # "the Taliban have not confirmed the attack": unconfirmed, and not their claim
                return Status("claimed", f"'not {a.text}'")
            if a.lemma_ in SPEECH_VERBS:
                subj = _speaker_subject(a)
                return Status("claimed", f"inside what '{a.text}'", subj.idx if subj is not None else None)
    if "had" in aux and trigger.tag_ == "VBN" and not any(a.lemma_ in SPEECH_VERBS for a in chain[1:]) \
            and not RECENT_DAYS.search(sent_lower):
        # (inside a past statement it is backshift: "the agency said Japan had pledged $3.5 million
        # so far" reports "Japan has pledged"; "the militia had seized the district on Saturday" is
        # the story's own week, not background)
        return Status("historical", "past perfect")
    return Status("occurred", "")
