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

The rules beyond those (lexicon sections of ``actor_cues.yaml`` in brackets):

1. A title of several words joined by "of" inside a capitalised run is a role, not part of the
   name: "Secretary of State A B" is the person "A B" with the role "secretary of state" [roles];
   so is a person's role word with its portfolio ("Minister of Fisheries A B", and the run after
   "and" in "Minister of Roads and Ports A B": the last two words are the name), unless the
   portfolio holds a state term or an organization suffix; a hyphenated rank ending in a role word
   ("Army-General A B") is a role word. A weekday or month with only time words ("Last Friday",
   "Early March") is no name.
2. Transliteration variants are one person ("A Hrybenka" in the body, "A Hrybenko" under the
   photo): the similarity rule of ``variants`` [transliteration, transliteration_endings]; the
   name first mentioned in the body is kept, the other spelling becomes an alias and a note
   (``Actor.notes``).
3. "X of Y" with an organization word before "of" is one organization ("Central Bank of
   Norway", "Ministry of Defense"), not the state Y [organization_suffixes]; so is "the A and B
   Ministry", two portfolios before an organization word, when neither holds a state term.
4. A capitalised name followed by a lower-case organization noun is an organization ("a
   Varnost court", "the ruling Bright Path party") unless a word of it is a state term; "the
   court" later refers back [organization_nouns].
5. A capitalised name followed by a lower-case role word and a person's name is an
   organization ("Lumenwatch investigator Ada Korrin"); not a word that also occurs in lower
   case in the text at a sentence start ("Veteran journalist …") [roles], nor a word that qualifies
   the role ("Former president A B") [role_modifiers].
6. Organizations whose names have the same words in another order are one ("Defense Ministry",
   "Ministry of Defense"); acronyms may hold lower-case letters or a plural "s" ("MoD", "MCAs"); an
   acronym glossed after a body's name ("Lake Harbour Authority (LHA)") is that body wherever it
   stands, also where it was read as a name of its own ("LHA deputy chief").
7. A person is also a name of two or more words set off by commas after "one of them" [person_apposition_heads]
   or after a subject that is a person's role ("The head of the interim council, A B,") [roles],
   or with an appositive opened by a possessive ("A B, Finland’s special representative …").
8. A state is a place, not an actor, when every body mention of it is only a place, a thing or
   individual people: after a place preposition ("in Ukraine", "exile to Belarus"; the later
   items of a list it opens, "to A, B and C"; not "according to") [place_only_prepositions,
   place_only_exceptions]; a demonym after "on the"; the nationality in a person's role
   ("Belarusian President A B"); before a thing noun ("the US dollar", "the Afghan war")
   [thing_following]; after an event noun ("the collapse of the Soviet Union") [event_of], which
   removes any actor named only so; a plural demonym counted as people ("two Ruritanians were
   arrested") [count_words]; a demonym before "-owned", "-flagged" ("a Ruritanian-owned tanker")
   [place_following]; after "pro-"/"anti-" ("pro-Ruritanian separatists"); before an organization
   noun ("the Ruritanian energy corporation X") [organization_cues]; before "society",
   "education" … [thing_following]. A demonym before "government", "authorities" … is the state acting, even
   after a place preposition ("technocrats in the Ruritanian government") [state_bodies].
9. An actor named only in the caption is not reported.
10. Self-proclaimed entities (type ``self_proclaimed``): names ending in "People’s Republic"
    [self_proclaimed_suffixes], and the names in an "(i.e., A, B and C)" list right after a noun
    such as "republics" [self_proclaimed_nouns].
11. Names in an "including A and B" list after a class noun ("banks", "parties", "outlets") are
    members of that class [member_classes, list_openers].
12. Lower-case words glossed by the acronym of their initials are an organization when the last
    is an organization noun ("regional transit authorities (RTAs)").
13. A demonym before "army" names the state's armed forces, "Polish Armed Forces", before
    "parliament" its parliament, "Polish parliament", before "security forces", "border guards" or
    "police" that body ("Polish police"), except after a locative ("critics in the Polish
    parliament": a place) [state_forces];
    peoples without a state of their own are groups, their adjective an alias [peoples]; a
    people's adjective before a role word names no organization ("Chechen leader X") [peoples:
    adjectives].
14. A demonym or a people's adjective before a plural noun such as "nationalists" is a group of
    its own ("Tatar nationalists", "Russian elites"), not the state or the people
    [people_group_nouns]; so is "non-" before a demonym's plural ("non-Russians").
15. A seat of an organization stands for it as a seat of government does for a state
    ("Brussels" is the European Union) except after a locative ("in Brussels") [seats_of_organizations].
16. A run of two or three capitalised words opened by a common given name is a person even with
    no other evidence ("… before Boris Lind annexed …") [given_names], and so is one whose
    government, cabinet or administration it is ("Tomas Brekke’s centrist government"), or which
    stands in one list with such a name ("Tarvo Lind and Artyom Kask"; no role word in it, no "for"
    or "of" after it); "People’s" stays inside a name ("the Harbour People’s Assembly"); a page's section heading
    ("Executive Summary") is no name [headings]; a name of two or more words opened by "Radio",
    "TV", "Agence" … is an outlet [media_prefixes]; capitalised names joined by "/" are one name
    ("Radio One/Radio Two").
17. More uses in which a state is not acting (rule 8): a demonym, or a list of them, after
    "ethnic" ("ethnic Russians, Belarusians and Ukrainians") [ethnic_markers]; before "media"
    [thing_following]; after "reach" or "the border between" [place_only_prepositions]; an actor
    named only before a possessive event noun ("the Soviet Union’s collapse") [event_after_possessive];
    a group that is also a place ("Europe") whose every mention is only a place [group_places].
18. Organizations whose names differ only in how a state is written are one ("US State Department",
    "United States State Department": rule 6 with the state term replaced by its code; "Ministry of
    Foreign Affairs of the Republic of X" and "the X-ian foreign ministry" too); two names of
    different states' bodies are never one ("Ministry of Foreign Affairs of A", "… of B"). A list
    after a place preposition may be long and hold names such as "the Democratic Republic of the
    Congo" or "Cote d’Ivoire" (rule 8); a preposition ("Behind", "Under") opens no name; a middle
    initial stays inside one ("George W. Bush").
19. Two to four capitalised words before a noun for a body's people ("Verkhovna Rada deputies",
    "Harbour Board members") name an organization, unless a word of them is a state's name or
    demonym [member_nouns]; so do capitalised words joined by "for", "of" … before the acronym of
    their initials ("the Bureau for Harbour Reporting (BHR)"), an acronym before a person's role
    word ("a former GRU colonel") [roles], and a name in quotation marks that ends in an
    organization suffix ("the “United Harbour Cabinet”") or stands before one ("the “Yug”
    Battalion") [organization_suffixes], or before a lower-case organization noun, which is no
    part of the name ("the “Free Harbour” movement" is Free Harbour) [organization_nouns]; a religious title stays in the name of a cleric known by
    one name ("Patriarch Kirill") [roles: religious]; a regnal number ends a name ("Harald IV");
    every source of a citation list is an outlet ("(Wire One, Daily Two, New Kadra, June 20)"),
    never a person whose "surname" is a place; an organization suffix joined by "for" to
    capitalised words, which "and" may continue, is one name ("the Council for Coastal Defense and
    Fishing Rights"). A name in quotation marks right after "so-called" is held up as a term, not
    used for its bearer: no actor ("the so-called “Union of Norland” is no union"). A lower-case
    organization noun before a name makes it an organization ("the energy corporation Kadratom")
    [organization_cues]; a month is never a name ("in early July"). A role phrase with a demonym
    ("the Ruritanian official") does not fit the holder of an office of an international body
    named by its acronym ("UN Secretary-General A B"); an appositive's demonym (", the Ruritanian
    ambassador to …,") gives the person a nationality.
20. A republic of the Russian Federation, an autonomous unit or a breakaway entity of the lexicon
    ("Dagestan", "Gagauzia", "Abkhazia") is an actor of type ``subnational`` or ``self_proclaimed``
    where it acts or is acted on and, like a state (rule 8), a place where every body mention is
    only one, also where only a person's office is ("the head of Chechnya"); the plural name of a
    region's inhabitants is a group ("Dagestanis", "Central Asians"), and so is its adjective before
    a plural noun of rule 14 ("Central Asian countries"); a region as such ("the North Caucasus") is
    never an actor [regions]. A person is also a name after "the head of X," or "one of its
    commanders," (a role of the lexicon in the plural), or before a role with no article and "of"
    (", deputy director of the party"); the name a role is "of", closed by punctuation or a
    conjunction, is the body led, an organization ("the chairman of the Grand Soviet,") [roles].
21. Names written family name first: the first word of a two-word person's name, used alone, is
    that person ("Tan Wei" … "Tan said") when it is the first word of no other person's name and
    no state term, and its use alone as a speaker ("said Tan") is evidence that the two words
    are a person's name. A state's name with a typographic apostrophe is the state ("the
    People’s Republic of China"), and the acronym of its capitalised words after it ("(PRC)") its
    alias, as an organization's is; a possessive before an acronym is no part of the name ("the
    Kadrian Communist Party’s (KCP) congress"). A run opened by a place word ("Central") with a
    role word inside is a body and a person ("Central Harbour Commission Chairman A B").
    "member" is a title before a name ("Politburo member A B") but no role of a body's states
    ("EU member states") [title_only_roles].
22. Names of other languages: the Arabic article opens a name ("al-Qaeda", "Omar al-Nuri") and gives
    two initials to an acronym ("al-Qaeda in the Islamic Maghreb (AQIM)"); a capitalised word and
    words of any case whose initials, without the small words of French, Spanish … ("pour", "la",
    "et"), spell the acronym after them name an organization ("Parti … pour la démocratie et le
    socialisme (PNDS)"); a letter with a diacritic is a letter of a name ("de Véraux"). A plural
    title before a list of names makes each a person ("French citizens A B and C D") [roles:
    private]; an appositive opened by "former", "then" or "acting" needs no article (", former
    prime minister,"); a people's adjective before a name is no part of it ("the Karachai A B")
    [peoples]; armed movements known by one name need no cue ("the Taliban’s leaders")
    [organizations]; a lower-case noun such as "organization" or "maker" before a name makes it an
    organization, a demonym before "memory-chip maker" no state acting [organization_cues].
    A lower-case word describing a place may stand between a place preposition and the name ("in
    downtown Niamey", "from landlocked Niger": places) [place_adjectives].
23. The particles "ag", "ould" and "bint" stay inside a person's name as "bin" and "van" do ("Nour
    ag Hamadi"). A state is only a place after "as far as" ("fled as far as A and B") and as the
    present name of a place named before it ("East Prussia (now Poland)") [place_only_prepositions].
    An office after a state's possessive is named with its state ("Finland’s Defense Ministry";
    the mention stays "Defense Ministry", and the state keeps its own) [possessive_offices]. A
    single word after a place preposition is no speaker of the verb after it ("officials in
    Harbourton stated": Harbourton is a place). A name ending in a word of a thing (rule 8's
    [non_actor_suffixes]: "Syndrome", "Route") is no organization when the acronym of its initials
    follows it ("Severe Acute Respiratory Syndrome (SARS)"), unless "in" joins it to a place ("…
    in the Arabian Peninsula (AQAP)"). The West is a group that is also a place [group_places], and
    people who write or watch from a place ("Western commentators") say where they are
    [thing_following]; a state after a town and a comma that a place preposition opens is where the
    town is ("signed in Kadra, Finland (…)"); a demonym before "grain", "ports", "cities" … is no
    state acting [thing_following]. A past regime's word before a state's name or demonym names a
    state of its own ("Nazi Germany", "Nazi German") [regime_prefixes].
24. A name of two words written family name first, a listed family name and one or two pinyin
    syllables ("Mao Zedong", "Li Rui"), is a person's with no cue [family_names_first]; an age
    between commas or a relative "who" after a full name is evidence of a person ("A B, 85, a
    former director of …", "A B, who once served as …"), and an appositive may follow the age. A
    plural's possessive stays inside a name ("the Harbour Workers’ Party", as "People’s" does). A
    person's full name (a given name of the lexicon first) after a body's name and "of" is the
    person, and the body is named without it ("the Liberal Party of A B"). A short capitalised word,
    a hyphen and one romanised syllable is one word of a name ("Min-jun", "Ming-hui"; not "-era").

The modules, one concern each: ``model`` (the results), ``cues`` (the lexicons),
``gazetteer`` (states from the packages, the phrase matcher), ``overrides``, ``names``
(capitalised runs and candidate names), ``roles`` (role words and phrases), ``people``
(actors from candidates: surnames, organizations, acronyms), ``entities`` (rules 10-15, 19, 20),
``variants`` (rule 2), ``places`` (rules 8-9), ``relations``,
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
