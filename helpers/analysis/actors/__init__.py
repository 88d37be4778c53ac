"""Actors in an article: states, people, organizations, outlets and groups, with their
mentions, and the ties between them (co-mention per sentence, cooperation or conflict).

Rules only, no trained model. States, their names, capitals and demonyms come from pycountry
and pycountryinfo; what no package has (role words, seats of government such as "the
Kremlin", name endings such as "Fleet" or "Post") is in ``data/lexicons/actor_cues.yaml``;
relation cues are in ``data/lexicons/relation_cues.yaml``, the reporting verbs that mark a
name as a person's in ``data/lexicons/reporting_cues.yaml``; per-article corrections in
``data/annotations/<article id>/actors.yaml``. The longest match wins: "Kyiv Post" is an
outlet, not Ukraine. A capital is its state ("Moscow" is Russia) except as a place ("Baku-based",
"some in Baku": ``ActorAnalysis.places``). People are capitalised names with a role word before
("President", "commentator"), an appositive after ("X, a …"), a reporting verb after, or a
surname used alone elsewhere; bare surnames and role phrases ("the Azerbaijani president": role
word + nationality or outlet → the latest person it fits) link back to them. Outlets are the
names cited in parentheses, after "the online portal …", or ending in "Post", "Times" ….
The caption, when the article has one, is read too: its mentions have ``paragraph`` 0 and
``sentence_id`` "caption".

The modules, one concern each: ``model`` (the results), ``cues`` (the lexicons),
``gazetteer`` (states from the packages, the phrase matcher), ``overrides``, ``names``
(capitalised runs and candidate names), ``roles`` (role words and phrases), ``people``
(actors from candidates: surnames, organizations, acronyms), ``places``, ``relations``,
``scoring`` (against an answer key) and ``extract`` (the analysis of one article).
"""

from helpers.analysis.actors.cues import Cues, load_actor_cues, load_relation_cues
from helpers.analysis.actors.extract import extract_actors
from helpers.analysis.actors.gazetteer import States, StateTerm, eval_literal, load_states
from helpers.analysis.actors.model import (ACTOR_TYPES, CAPTION_SENTENCE, HOWS, Actor, ActorAnalysis, Mention,
                                           Relation)
from helpers.analysis.actors.overrides import load_overrides
from helpers.analysis.actors.scoring import score_actors
from helpers.analysis.patterns import trie_pattern

__all__ = ["ACTOR_TYPES", "CAPTION_SENTENCE", "HOWS", "Actor", "ActorAnalysis", "Cues", "Mention", "Relation",
           "StateTerm", "States", "eval_literal", "extract_actors", "load_actor_cues", "load_overrides",
           "load_relation_cues", "load_states", "score_actors", "trie_pattern"]
