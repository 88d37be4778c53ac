"""Quotations in an article, what kind each is (speech, title, term), who speaks, and
indirect attributions ("Omarov says this is …", "such observers believe …").

Rules only; the reporting cues are in ``data/lexicons/reporting_cues.yaml``. Speakers are
resolved through the actor table of ``helpers.analysis.actors`` (names, bare surnames and role
phrases such as "the Azerbaijani president"), from a reporting cue after the quotation
("…,” the Azerbaijani president asserted), before it in the same sentence ("X writes, “…”",
"X told … that Moscow is “…”"), a colon after a clause whose subject is a person, or the
quotation before it (a quotation continued after its speaker tag). Kinds: title after
"entitled"/"titled" or a named work or theme ("the theme … was “…”"); term for short
quotations with no cue ("so-called “…”"); speech otherwise. Every quotation and attribution
says which rule fired. Unbalanced quotation marks are reported in ``QuoteAnalysis.problems``.
Offsets are into ``Article.text``; a quotation's span covers its quotation marks.

The modules, one concern each: ``model`` (the results), ``speakers`` (who is the subject of
a reporting verb), ``quotations`` (quotation marks, each quotation's kind and speaker),
``attributions`` (indirect attributions) and ``scoring`` (against an answer key); the
reporting cue lexicon is read by ``helpers.analysis.reporting``.
"""

from helpers.analysis.quotes.model import KINDS, Attribution, Quote, QuoteAnalysis
from helpers.analysis.quotes.quotations import extract_quotes
from helpers.analysis.quotes.scoring import score_quotes
from helpers.analysis.reporting import ReportingCues, load_reporting_cues

__all__ = ["KINDS", "Attribution", "Quote", "QuoteAnalysis", "ReportingCues", "extract_quotes",
           "load_reporting_cues", "score_quotes"]
