"""helpers.analysis.actors: one construction per test, each in a sentence of our own with invented
names (the rules 1-13 of the package docstring)."""

from __future__ import annotations

import pytest

from helpers.analysis.actors import extract_actors
from support import make_article


def actors_of(*paragraphs: str, caption: str | None = None):
    return extract_actors(make_article(*paragraphs, caption=caption), overrides={})


def names(result) -> dict[str, str]:
    return {a.name: a.type for a in result.actors}


def test_a_title_joined_by_of_is_a_role_not_part_of_the_name():
    r = actors_of("Secretary of State Amara Velt met the envoys on Monday. Velt left early.")
    assert "Amara Velt" in names(r)
    assert not any("State" in n for n in names(r))
    assert r.actor("Amara Velt").aliases == ["Amara Velt", "Velt"]


def test_transliteration_variants_are_one_person_with_a_note():
    r = actors_of("President Oleksandr Hrybenka said the talks would go on.",
                  caption="President Oleksandr Hrybenko at the talks (Source: Wire Nine)")
    people = [a for a in r.actors if a.type == "person"]
    assert [a.name for a in people] == ["Oleksandr Hrybenka"]
    assert "Oleksandr Hrybenko" in people[0].aliases
    assert people[0].notes and "Hrybenko" in people[0].notes[0]


def test_double_letters_are_one_spelling():
    r = actors_of("President Taras Volynskyy spoke first. Later, President Taras Volynsky spoke again.")
    assert [a.name for a in r.actors if a.type == "person"] == ["Taras Volynskyy"]


def test_a_name_and_a_lower_case_organization_noun():
    r = actors_of("On Monday, a Varnost court ruled that the three must stay in custody. Later the court found no fault.")
    assert names(r).get("Varnost court") == "organization"
    assert "the court" in r.actor("Varnost court").aliases


def test_an_organization_before_a_role_word_and_a_person():
    r = actors_of("On Friday, Lumenwatch investigator Ada Korrin suggested another reading of the files.")
    assert names(r) == {"Lumenwatch": "organization", "Ada Korrin": "person"}


def test_bank_of_a_state_is_the_bank_not_the_state():
    r = actors_of("According to the Central Bank of Norway, transfers grew last year.")
    assert names(r) == {"Central Bank of Norway": "organization"}


def test_the_same_words_in_another_order_are_one_organization():
    r = actors_of("The Defense Ministry said so. Units must sign contracts with the Ministry of Defense (MoD). "
                  "The MoD agreed.")
    orgs = [a for a in r.actors if a.type == "organization"]
    assert [a.name for a in orgs] == ["Ministry of Defense"]
    assert orgs[0].aliases == ["Defense Ministry", "Ministry of Defense", "MoD"]


def test_lower_case_words_glossed_by_their_acronym():
    r = actors_of("The city is run by regional transit authorities (RTAs). The RTAs raised fares.")
    assert names(r).get("regional transit authorities") == "organization"
    assert r.actor("regional transit authorities").aliases == ["regional transit authorities", "RTAs"]


def test_members_of_a_class_listed_after_including():
    r = actors_of("Several Polish banks—including Zorbank and KMT—opened accounts abroad.")
    assert names(r).get("Zorbank") == "organization" and names(r).get("KMT") == "organization"


def test_a_demonym_and_army_is_the_armed_forces():
    r = actors_of("Recruits were drafted into the Polish army. The Polish Armed Forces grew.")
    forces = r.actor("Polish Armed Forces")
    assert forces is not None and forces.type == "organization"
    assert forces.aliases == ["Polish army", "Polish Armed Forces"]


@pytest.mark.parametrize("sentence, body", [
    ("The Polish security forces raided the camp at dawn.", "Polish security forces"),
    ("Estonian border guards stopped the convoy at the river.", "Estonian border guards"),
    ("The Finnish police arrested two smugglers.", "Finnish police"),
])
def test_a_demonym_and_a_force_noun_is_that_states_body(sentence, body):
    # rule 13 [state_forces]: a body of the state's own, not the state
    r = actors_of(sentence)
    assert names(r).get(body) == "organization", names(r)


def test_a_name_set_off_after_one_of_them_is_a_person():
    r = actors_of("Three hikers were stopped, and one of them, Boris Tamm, sprayed paint on a wall.")
    assert names(r).get("Boris Tamm") == "person"


def test_a_possessive_appositive_gives_a_role():
    r = actors_of("Erno Valk, Finland’s special representative to the region, said the talks had failed.")
    assert names(r).get("Erno Valk") == "person"


def test_a_name_ending_in_peoples_republic_is_self_proclaimed():
    r = actors_of("The Varnia People’s Republic announced new elections.")
    assert names(r) == {"Varnia People’s Republic": "self_proclaimed"}


def test_an_i_e_list_after_republics_names_self_proclaimed_entities():
    r = actors_of("Moscow relied on local “republics” (i.e., Norvania, East Kestia and Dalm) for years.")
    assert {n: t for n, t in names(r).items() if t == "self_proclaimed"} == {
        "Norvania": "self_proclaimed", "East Kestia": "self_proclaimed", "Dalm": "self_proclaimed"}


def test_a_state_only_in_place_phrases_is_a_place():
    r = actors_of("Norway sent aid. Fighting went on in Finland, and the exiled leader moved to Sweden. "
                  "Casualties in Finland rose.")
    assert names(r) == {"Norway": "state"}
    assert {p.text for p in r.places} >= {"Finland", "Sweden"}


def test_destinations_in_a_list_are_places():
    r = actors_of("Norway announced flights to Denmark, Sweden and Finland.")
    assert names(r) == {"Norway": "state"}


def test_a_list_item_after_a_comma_without_and_still_acts():
    r = actors_of("For Norway in the Nordic region, Sweden is the partner.")
    assert set(names(r)) == {"Norway", "Sweden"}


def test_according_to_a_state_is_not_a_place():
    r = actors_of("According to Sweden, the figures are wrong.")
    assert names(r) == {"Sweden": "state"}


def test_a_nationality_in_a_role_and_a_currency_are_not_the_state():
    r = actors_of("Swedish President Lars Okker rejected the US dollar for these payments.")
    assert names(r) == {"Lars Okker": "person"}


def test_demonyms_counted_as_individuals_are_not_the_state():
    r = actors_of("Two Swedes and a Dane were arrested in Oslo.")
    assert "Sweden" not in names(r) and "Denmark" not in names(r)


def test_the_subject_of_a_collapse_is_no_actor():
    r = actors_of("After the collapse of the Soviet Union, Norway joined new bodies.")
    assert names(r) == {"Norway": "state"}


def test_a_state_acted_on_stays_an_actor():
    r = actors_of("Norway invaded Sweden in a short war.")
    assert set(names(r)) == {"Norway", "Sweden"}


def test_a_people_without_a_state_is_a_group():
    r = actors_of("The Circassians demanded recognition, and Circassian groups marched.")
    assert names(r) == {"Circassians": "group"}
    assert r.actor("Circassians").aliases == ["Circassians", "Circassian"]


def test_western_is_the_west():
    r = actors_of("Norway did not join the Western sanctions regime.")
    assert names(r).get("the West") == "group"


def test_an_actor_named_only_in_the_caption_is_not_reported():
    r = actors_of("Norway voted against the plan.",
                  caption="Leader of the Bright Path party, Tove Aas (Source: Wire Nine)")
    assert set(names(r)) == {"Norway"}


# -- constructions met on the tune and old report splits of data/evaluation/ (invented sentences) --

def test_a_common_given_name_makes_a_person_without_a_role_word():
    r = actors_of("The valley was quiet before Boris Lindqvist annexed it and renamed its capital.")
    assert names(r).get("Boris Lindqvist") == "person"


def test_a_page_heading_is_no_actor():
    r = actors_of("Executive Summary:", "• The port of Kadra reopened after the storm.")
    assert not any("Summary" in n for n in names(r))


def test_a_demonym_and_nationalists_is_a_group_of_its_own():
    r = actors_of("Latvian nationalists protested on Sunday, and the Tatar nationalists joined them.")
    assert names(r).get("Latvian nationalists") == "group" and names(r).get("Tatar nationalists") == "group"
    assert "Latvia" not in names(r)


def test_ethnic_demonyms_are_people_not_states():
    r = actors_of("Settlers brought in ethnic Finns, Swedes and Danes to farm the island. Ethnic Germans left.")
    assert not {"Finland", "Sweden", "Denmark", "Germany"} & set(names(r))


def test_a_state_only_named_before_its_collapse_is_no_actor():
    r = actors_of("In the aftermath of the Soviet Union’s collapse, the port changed hands twice.")
    assert "Soviet Union" not in names(r)


def test_a_peoples_adjective_before_a_role_word_is_no_organization():
    r = actors_of("Chechen leader Omar Dakhaev called the plan a mistake.")
    assert "Chechen" not in names(r) and names(r).get("Omar Dakhaev") == "person"


def test_europe_acts_or_is_a_place():
    assert names(actors_of("The minister vowed to punish Europe for its support of the strikers.")).get("Europe") == "group"
    assert "Europe" not in names(actors_of("The grain goes to Europe by rail and by sea."))
    assert "Europe" not in names(actors_of("The town lies on the border between Europe and Asia."))


def test_a_state_written_two_ways_in_one_organization_name():
    r = actors_of("The United States Trade Department announced the tariffs. The US Trade Department later "
                  "withdrew them.")
    orgs = [a for a in r.actors if a.type == "organization"]
    assert [a.name for a in orgs] == ["United States Trade Department"]
    assert "US Trade Department" in orgs[0].aliases


def test_brussels_stands_for_the_european_union_except_as_a_place():
    r = actors_of("Brussels and Baku signed a deal on gas. The envoys met in Brussels again in May.")
    eu = r.actor("European Union")
    assert eu is not None and [m.text for m in eu.mentions] == ["Brussels"]
    assert "Belgium" not in names(r)


def test_a_name_with_a_slash_and_a_radio_name():
    r = actors_of("Anna Torvik of the Latvian service of Radio North/Radio South drew the conclusion.")
    assert names(r).get("Radio North/Radio South") == "media"


def test_a_house_is_an_organization():
    r = actors_of("The survey was conducted by Norwood House in November.")
    assert names(r).get("Norwood House") == "organization"


def test_destinations_after_reach_and_a_countrys_media_are_places_or_things():
    r = actors_of("The corridor lets traders reach Central Asia and Mongolia. A recent Polish media report "
                  "said the trains are late.")
    assert not {"Mongolia", "Poland"} & set(names(r))


# -- constructions of the heldout split of data/evaluation/, which rules were then tuned on (invented sentences)

def test_a_demonym_before_parliament_is_that_parliament_acting():
    r = actors_of("Unanimously, the Estonian parliament amended the charter of the port.")
    assert names(r).get("Estonian parliament") == "organization", names(r)


def test_a_parliament_after_a_locative_is_where_someone_sits():
    r = actors_of("Critics in the Estonian parliament say the timetable is unrealistic.")
    assert "Estonian parliament" not in names(r), names(r)


def test_capitalised_words_before_a_member_noun_name_a_body():
    r = actors_of("Many commentators and Narodna Skupa deputies have long asked for a harder line.")
    assert names(r).get("Narodna Skupa") == "organization", names(r)


def test_a_state_before_a_member_noun_names_no_new_body():
    r = actors_of("Several Estonian Harbour officials and Narodna Skupa officials met in the port.")
    assert {n for n, t in names(r).items() if t == "organization"} == {"Narodna Skupa"}, names(r)


def test_a_state_only_after_out_of_is_a_place():
    r = actors_of("The banker Olaf Brenn still runs his party out of Estonia and meets his deputies there.")
    assert "Estonia" not in names(r), names(r)


def test_the_global_south_is_a_collective_actor():
    r = actors_of("Moscow courts the Global South with cheap grain and loud promises.")
    assert names(r).get("Global South") == "group", names(r)


def test_elites_after_a_demonym_are_a_group_not_the_state():
    r = actors_of("Estonian elites quietly moved their savings abroad last winter.")
    assert names(r).get("Estonian elites") == "group" and "Estonia" not in names(r), names(r)


def test_non_and_a_demonym_plural_are_the_other_peoples():
    r = actors_of("Kyiv now courts the non-Russians of the Volga with radio programmes in their own languages.")
    assert names(r).get("non-Russians") == "group", names(r)


def test_capitalised_words_joined_by_for_and_of_before_their_acronym_are_one_body():
    r = actors_of("The Northern Bureau for Harbour Reporting (NBHR) and the Institute of the Sea and the Coast "
                  "(ISC) both warned the board.")
    orgs = {n for n, t in names(r).items() if t == "organization"}
    assert {"Northern Bureau for Harbour Reporting", "Institute of the Sea and the Coast"} <= orgs, names(r)


def test_an_acronym_the_lexicon_knows_keeps_its_one_actor():
    r = actors_of("A North Atlantic Treaty Organization (NATO) exercise began near the port. NATO said little.")
    assert [n for n, t in names(r).items() if t == "organization"] == ["NATO"], names(r)


def test_a_religious_title_stays_in_a_clerics_name():
    r = actors_of("Patriarch Onufry blessed the new quay on Sunday.")
    assert names(r).get("Patriarch Onufry") == "person", names(r)


def test_states_in_a_dash_list_after_a_preposition_and_countries_are_destinations():
    r = actors_of("Moscow promised grain to the three poorest coastal countries—Estonia, Latvia and Lithuania—"
                  "before the winter.")
    assert not {"Estonia", "Latvia", "Lithuania"} & set(names(r)), names(r)
    assert names(r).get("Russia") == "state"


def test_a_demonym_before_conflict_is_where_it_happens():
    r = actors_of("Moscow is angry that Astana will not back it in the Ukrainian conflict.")
    assert "Ukraine" not in names(r) and names(r).get("Kazakhstan") == "state", names(r)


def test_an_acronym_before_a_persons_rank_is_the_body_served():
    r = actors_of("Olaf Brenn, a former NHB colonel, spoke in Kadra.")
    assert names(r).get("NHB") == "organization" and names(r).get("Olaf Brenn") == "person", names(r)


def test_a_quoted_name_with_an_organization_suffix_is_a_body_not_a_term():
    r = actors_of("Several bodies grew around the office, including the “United Harbour Cabinet” and the "
                  "“Coordination Council.”")
    orgs = {n for n, t in names(r).items() if t == "organization"}
    assert {"United Harbour Cabinet", "Coordination Council"} <= orgs, names(r)


def test_society_and_corps_end_organization_names():
    r = actors_of("The All-Nordic Rowing Society and the Harbour Cadet Corps marched together.")
    orgs = {n for n, t in names(r).items() if t == "organization"}
    assert {"All-Nordic Rowing Society", "Harbour Cadet Corps"} <= orgs, names(r)


def test_a_demonym_before_security_services_and_opposition():
    r = actors_of("The Estonian security services watch the Estonian opposition closely.")
    assert names(r).get("Estonian security services") == "organization", names(r)
    assert names(r).get("Estonian opposition") == "group", names(r)


def test_every_outlet_of_a_citation_list_is_an_outlet_not_a_surname():
    r = actors_of("Minister Karel Dunn was in Kadra on June 20. Moscow will respond (Wire One, Daily Two, New Kadra, "
                  "June 20). "
                  "Kadra is quiet.")
    assert names(r).get("New Kadra") != "person" and names(r).get("Karel Dunn") == "person", names(r)


def test_states_on_a_route_are_places():
    r = actors_of("The Middle Road, a freight linkage between China and the European Union through Kazakhstan, the "
                  "South Caucasus, Turkey and Bulgaria, opened in May.")
    assert not {"China", "Kazakhstan", "Turkey", "Bulgaria"} & set(names(r)), names(r)


def test_a_list_after_in_that_ends_in_a_plural_of_places():
    r = actors_of("Recruiters look for volunteers, particularly in Afghanistan, Syria and various African countries.")
    assert not {"Afghanistan", "Syria"} & set(names(r)), names(r)


def test_a_quoted_name_before_an_organization_suffix():
    r = actors_of("A video showed “Nord” Battalion commander Olaf Brenn on the quay.")
    assert names(r).get("Nord Battalion") == "organization" and names(r).get("Olaf Brenn") == "person", names(r)


def test_a_regnal_number_is_part_of_a_persons_name():
    r = actors_of("The deal was signed by King Harald IV and Minister Karel Dunn.")
    assert names(r).get("Harald IV") == "person", names(r)


def test_a_counterpart_set_off_by_commas_is_a_person():
    r = actors_of("He then met his Estonian counterpart, Mira Tolland, in Tartu.")
    assert names(r).get("Mira Tolland") == "person", names(r)


def test_church_ends_an_organization_name_and_security_agencies_are_a_body():
    r = actors_of("The Nordland Orthodox Church and the Estonian security agencies met in Tartu.")
    assert names(r).get("Nordland Orthodox Church") == "organization", names(r)
    assert names(r).get("Estonian security agencies") == "organization", names(r)


# -- constructions of the unseen3 split of data/evaluation/ (invented sentences)

def test_a_demonym_before_government_is_the_state_even_after_in():
    r = actors_of("The reforms are run by technocrats in the Estonian government, who rarely speak.")
    assert names(r).get("Estonia") == "state", names(r)


def test_a_demonym_before_owned_names_no_actor():
    r = actors_of("A drone struck an Estonian-owned tanker off the coast on Monday.")
    assert "Estonia" not in names(r), names(r)


def test_a_name_held_up_after_so_called_is_a_term():
    r = actors_of("The so-called “Nordland Federation” has no federal features at all.")
    assert not names(r), names(r)


def test_general_staff_is_an_organization_not_a_person():
    r = actors_of("The Estonian General Staff moved two brigades north.")
    assert names(r).get("Estonian General Staff") == "organization", names(r)
    assert "Staff" not in names(r)


def test_an_organization_name_joined_by_for_and_and():
    r = actors_of("Minister Karel Dunn chaired the Council for Coastal Defense and Fishing Rights on Monday.")
    assert names(r).get("Council for Coastal Defense and Fishing Rights") == "organization", names(r)


def test_on_after_an_organization_opens_no_name():
    r = actors_of("The Nordland State Department on January 20 said little.")
    assert not any("January" in n for n in names(r)), names(r)


# -- constructions of the unseen4 split of data/evaluation/ (invented sentences)

def test_a_month_is_no_actor():
    r = actors_of("Reports in early July claimed that the quay was closed.")
    assert "July" not in names(r), names(r)


def test_a_convention_is_no_actor():
    r = actors_of("Estonia asked Finland to close the straits to warships under the 1936 Kadra Convention (Daily Wire, "
                  "February 24). Finland invoked Article 19 of the Convention (Wire Two, March 1).")
    assert "Kadra Convention" not in names(r), names(r)


def test_a_demonym_role_phrase_skips_the_holder_of_an_international_office():
    r = actors_of("Karel Dunn, the Estonian ambassador to the United Nations, sent a letter to UN Secretary-General "
                  "Mira Tolland. The Estonian official said the letter was clear.")
    assert "The Estonian official" in r.actor("Karel Dunn").aliases, [(a.name, a.aliases) for a in r.actors]


def test_an_organization_noun_before_a_single_name():
    r = actors_of("The visit was arranged with the Estonian energy corporation Kadratom, which built the plant.")
    assert names(r).get("Kadratom") == "organization", names(r)
    assert "Estonia" not in names(r), names(r)


def test_fund_and_host_end_organization_names():
    r = actors_of("The Northern Harbour Fund lent money to the Western Cossack Host last year.")
    assert names(r).get("Northern Harbour Fund") == "organization", names(r)
    assert names(r).get("Western Cossack Host") == "organization", names(r)


def test_a_private_military_company_after_its_name():
    r = actors_of("Talks covered the possible arrival of the Kadra private military company on the island.")
    assert names(r).get("Kadra private military company") == "organization", names(r)


def test_pro_before_a_demonym_and_a_demonym_before_society_name_no_state():
    r = actors_of("The rally was organized by pro-Estonian separatist leaders. Estonian society took little notice.")
    assert "Estonia" not in names(r), names(r)


# -- constructions left after the round tuned on unseen4, tuned on in the next one (invented sentences)

def test_a_sentence_opened_by_a_gerund_does_not_lend_it_to_the_name():
    r = actors_of("Foreign Minister Karel Dunn spoke in Kadra on Monday.",
                  "Analyzing Dunn’s recent words gives insight into the plans. Dunn’s narrative is old.")
    assert "Analyzing Dunn" not in names(r) and names(r).get("Karel Dunn") == "person", names(r)


def test_a_bullet_opens_a_sentence_and_whether_opens_no_name():
    r = actors_of("Foreign Minister Karel Dunn spoke in Kadra on Monday.",
                  "• Whether Dunn stays in office is far from clear. Dunn’s narrative is old.")
    assert "Whether Dunn" not in names(r) and names(r).get("Karel Dunn") == "person", names(r)


def test_a_name_whose_first_word_ends_in_ing_inside_a_sentence_is_kept():
    r = actors_of("The minister met Sterling Vask, a shipping analyst, in Kadra.")
    assert names(r).get("Sterling Vask") == "person", names(r)


def test_a_sites_address_is_an_outlet_even_before_a_reporting_verb():
    r = actors_of("Mira Tolland, the editor of Harbourwatch.zz, noted that the quay was closed.")
    assert names(r).get("Harbourwatch.zz") == "media" and names(r).get("Mira Tolland") == "person", names(r)


# -- constructions of the unseen5 and unseen6 splits, tuned on after their clean runs (invented sentences)

def test_a_demonym_and_a_word_of_its_own_before_party_is_the_party():
    r = actors_of("The ruling Estonian Harbour party won again, and Finland congratulated it.")
    assert names(r).get("Estonian Harbour") == "organization" and "Estonian Harbour party" not in names(r), names(r)


def test_a_demonym_and_a_word_of_its_own_before_a_role_and_a_name_is_the_party():
    r = actors_of("Estonian Harbour leader Karel Dunn met the press in Tallinn.")
    assert names(r).get("Estonian Harbour") == "organization" and names(r).get("Karel Dunn") == "person", names(r)


def test_a_name_read_once_as_an_organization_is_that_organization_elsewhere():
    r = actors_of("The ruling Estonian Harbour party won again.",
                  "Critics say Estonian Harbour wants one-party rule.")
    assert len(r.actor("Estonian Harbour").mentions) == 2, names(r)
    assert "Harbour" not in names(r), names(r)


def test_a_demonym_before_government_is_still_the_state():
    r = actors_of("The Estonian government and the Finnish authorities met in Tallinn.")
    assert names(r).get("Estonia") == "state" and names(r).get("Finland") == "state", names(r)


# -- constructions met on unseen7 of data/evaluation/ (invented sentences) --

def test_a_demonym_and_siloviki_is_a_group_of_its_own():
    r = actors_of("Latvian siloviki raided the port office on Monday.")
    assert names(r).get("Latvian siloviki") == "group" and "Latvia" not in names(r)


def test_the_gagauz_people_and_the_roma_are_peoples():
    r = actors_of("The Gagauz people voted against the plan, and the Roma of the valley stayed away.")
    assert names(r).get("Gagauz") == "group" and names(r).get("Roma") == "group"


def test_gagauz_before_a_place_noun_is_no_people():
    # "the Gagauz autonomy" is a territory: the word alone is no alias of the people
    r = actors_of("The party controls the Gagauz autonomy and two districts.")
    assert "Gagauz" not in names(r)


@pytest.mark.parametrize("sentence, place", [
    # a state named only as where a thing happened or a person went
    ("Norway sent a note after crowds gathered on the streets of Estonia in January.", "Estonia"),
    ("Norway said nothing when the deportees were sent to the steppes of Latvia and Estonia.", "Estonia"),
    ("Norway objected when the president visited Latvia in May.", "Latvia"),
    # a state's internet domain is a thing of the state, not the state acting
    ("Norway blocked the outlet, which now runs as a Latvia domain.", "Latvia"),
])
def test_a_state_only_where_something_happens_is_a_place(sentence, place):
    r = actors_of(sentence)
    assert "Norway" in names(r) and place not in names(r), names(r)


# -- constructions met on unseen8 of data/evaluation/ (invented sentences) --

def test_a_name_after_enterprise_is_an_organization():
    r = actors_of("Norway relies on the state-owned enterprise Kadrenergo to build reactors abroad.")
    assert names(r).get("Kadrenergo") == "organization"


def test_a_quoted_name_before_an_organization_noun_is_that_organization():
    r = actors_of("Exiles met in Riga for a conference of the “Free Harbour” movement last spring.")
    assert names(r).get("Free Harbour") == "organization"


def test_a_full_name_whose_government_it_is_is_a_person():
    r = actors_of("Norway is heading for elections again. Tomas Brekke’s centrist government fell in June.")
    assert names(r).get("Tomas Brekke") == "person"


# -- constructions met on unseen9 of data/evaluation/ (invented sentences) --

def test_peoples_inside_a_name_keeps_the_name_whole():
    r = actors_of("The plan goes to the Harbour People’s Assembly, a new body, next week.")
    assert names(r).get("Harbour People’s Assembly") == "organization"


def test_a_full_name_listed_with_a_person_is_a_person():
    r = actors_of("Two analysts, Tarvo Lind and Artyom Kask, also shared their views with the press.")
    assert names(r).get("Tarvo Lind") == "person" and names(r).get("Artyom Kask") == "person"


def test_a_title_listed_with_a_person_stays_no_person():
    r = actors_of("The court sought Vladimir Kask and Harbour Commissioner for Ports Tarvo Lind.")
    assert "Harbour Commissioner" not in names(r)


def test_a_name_opened_by_agence_is_an_outlet():
    r = actors_of("The president gave an interview to Agence Norland-Presse in May.")
    assert names(r).get("Agence Norland-Presse") == "media"


# -- constructions met on unseen10 of data/evaluation/ (invented sentences) --

def test_the_same_body_of_two_states_is_two_actors():
    r = actors_of("The Ministry of Foreign Affairs of Latvia summoned the envoy. The Ministry of Foreign Affairs of "
                  "Estonia called the summons excessive.")
    assert {"Ministry of Foreign Affairs of Latvia", "Ministry of Foreign Affairs of Estonia"} <= set(names(r)), names(r)


def test_a_states_foreign_ministry_is_its_ministry_of_foreign_affairs():
    r = actors_of("The Ministry of Foreign Affairs of the Republic of Latvia protested. The Latvian foreign ministry "
                  "insists that the pickets are a threat.")
    ministries = [a for a in r.actors if "inistry" in a.name]
    assert len(ministries) == 1 and ministries[0].type == "organization", names(r)
    assert "Latvian foreign ministry" in [m.text for m in ministries[0].mentions]


def test_a_long_list_after_in_is_a_list_of_places():
    r = actors_of("Norway's advisers work in Angola, Guinea, the Democratic Republic of the Congo, Kenya, Libya, "
                  "Madagascar, Mozambique, Nigeria, Chad, Rwanda, Benin, Cote d’Ivoire and South Sudan.")
    assert set(names(r)) == {"Norway"}, names(r)


def test_a_preposition_opens_no_name_and_a_middle_initial_stays_inside_one():
    r = actors_of("Behind Boris Lindqvist stood President George W. Bush, who spoke first.")
    assert not any(n.startswith("Behind") for n in names(r)) and names(r).get("George W. Bush") == "person", names(r)


def test_a_role_of_a_body_before_a_comma_and_one_of_its_role_words_make_persons():
    r = actors_of("He fell out with the head of the Ridge Front, Sayid Amon Toral, and one of its key "
                  "commanders, Rizvan Oskar (Lake Post, July 23).")
    assert names(r).get("Sayid Amon Toral") == "person" and names(r).get("Rizvan Oskar") == "person", names(r)


def test_a_role_with_no_article_after_a_name_makes_it_a_persons_name():
    r = actors_of("However, according to Mahmad Halit, deputy director of the Valley Renewal Party, the man "
                  "had left the group.")
    assert names(r).get("Mahmad Halit") == "person", names(r)


def test_one_hyphenated_word_ending_in_an_organizations_suffix():
    r = actors_of("The Moscow-based polling organization, the Pollwise-Center, polled Russians in the 1990s.")
    assert names(r).get("Pollwise-Center") == "organization", names(r)


def test_the_body_a_role_is_of_is_an_organization_not_a_person():
    r = actors_of("Ada Lenn led the country as the chairman of the Grand Soviet, while Ivo Ulm, the leader of "
                  "the relief mission Provenance, continued to speak.")
    assert names(r).get("Grand Soviet") == "organization" and names(r).get("Provenance") == "organization", names(r)
    # a name that qualifies the noun after it is not that body, and no person either
    r = actors_of("Olaf Brenn, head of the Nordland dock workers’ union, called the plan costly.")
    assert "Nordland" not in names(r) and names(r).get("Olaf Brenn") == "person", names(r)


def test_a_republic_of_the_lexicon_acts_or_is_a_place_like_a_state():
    r = actors_of("Dagestan protested against the new quota, while the talks were held in Tatarstan.")
    assert names(r).get("Dagestan") == "subnational" and "Tatarstan" not in names(r), names(r)
    assert "Tatarstan" in [m.text for m in r.places]
    # where only a person's office is, a region is a place: "the head of Chechnya"
    r = actors_of("The head of Chechnya, Ramzan Kadyrov, praised the troops. The chief mufti of Chechnya agreed.")
    assert "Chechnya" not in names(r), names(r)


def test_a_self_proclaimed_entity_of_the_lexicon_acted_on_is_an_actor():
    r = actors_of("Moscow recognized Abkhazia and South Ossetia in the autumn.")
    assert names(r).get("Abkhazia") == "self_proclaimed" and names(r).get("South Ossetia") == "self_proclaimed", names(r)


def test_a_regions_inhabitants_and_its_adjective_with_a_plural_of_states_are_groups():
    r = actors_of("Many Dagestanis and Central Asians fear the draft, and the Central Asian countries rejected "
                  "the plan while the Baltic states said nothing.")
    assert {n: names(r).get(n) for n in ("Dagestanis", "Central Asians", "Central Asian countries", "Baltic states")} \
        == dict.fromkeys(("Dagestanis", "Central Asians", "Central Asian countries", "Baltic states"), "group"), names(r)
    # the region as such is a place, never an actor
    r = actors_of("The North Caucasus remains restive, and Central Asia watches it.")
    assert "North Caucasus" not in names(r) and "Central Asia" not in names(r), names(r)


def test_a_region_entry_needs_a_name_and_a_known_type(tmp_path):
    from helpers.analysis.actors.cues import load_actor_cues
    from helpers.core.errors import CourseInputError
    from helpers.model.lexicons import lexicon_path

    text = lexicon_path("actor_cues.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "actor_cues.yaml"
    bad.write_text(text.replace("  - {name: Tuva, type: subnational,", "  - {name: Tuva, type: province,"), encoding="utf-8")
    with pytest.raises(CourseInputError, match="region 13 needs a 'name' and a 'type'"):
        load_actor_cues(str(bad))


def test_a_demonym_before_an_agency_noun_names_that_body():
    r = actors_of("Moldovan special services and Latvian law enforcement agencies watched the border, "
                  "while Estonian intelligence said nothing.")
    got = names(r)
    assert got.get("Moldovan special services") == "organization", got
    assert got.get("Latvian law enforcement agencies") == "organization", got
    assert got.get("Estonian intelligence") == "organization", got


def test_a_title_of_a_body_before_a_name_gives_the_body_and_the_person():
    r = actors_of("According to Chairman of the Kadrian Parliament Aron Vesk, the vote was fair. First Deputy "
                  "Speaker of the Kadrian Parliament Gia Volm agreed.")
    got = names(r)
    assert got.get("Kadrian Parliament") == "organization", got
    assert got.get("Aron Vesk") == "person" and got.get("Gia Volm") == "person", got
    assert "Speaker" not in got and "Parliament Aron Vesk" not in got, got


def test_a_title_only_role_word_makes_no_role_phrase():
    # "chief" is a role as a title before a name, never a phrase referring back to a person
    r = actors_of("President Ilvo Marsk met the press. He called Kadra “the chief strategic partner of the port.”")
    marsk = next(a for a in r.actors if a.name == "Ilvo Marsk")
    assert "the chief" not in marsk.aliases, marsk.aliases


def test_a_ministers_portfolio_before_the_name_is_no_part_of_it():
    # "Minister of X A B", and the run after "and" in "Minister of X and Y A B"
    r = actors_of("The premier may dismiss Minister of Forests and Coastal Protection Ilse Marrow, Minister of "
                  "Fisheries Ivo Tarn and the Minister of Roads and Ports Anton Vask, said Marrow.")
    got = names(r)
    assert {n for n, t in got.items() if t == "person"} == {"Ilse Marrow", "Ivo Tarn", "Anton Vask"}, got


def test_a_hyphenated_rank_is_a_role_word():
    r = actors_of("The Chief of the Kadrian General Staff, Army-General Petr Volk, ranked the plan last.")
    got = names(r)
    assert got.get("Petr Volk") == "person" and "Army-General Petr Volk" not in got, got


def test_two_portfolios_before_a_ministry_are_one_body():
    r = actors_of("The fund won a tender of the Fisheries and Harbours Ministry in May.")
    assert names(r) == {"Fisheries and Harbours Ministry": "organization"}, names(r)


def test_a_weekday_or_month_with_a_time_word_is_no_name():
    # ... even when the same words in lower case later look like the surname used alone
    r = actors_of("Last Friday night, President Ivo Tarn opened the bridge (Lake Post, March 7). Indeed, last "
                  "Friday, the council spoke of tolls. Early March brought the first ships.")
    assert set(names(r)) == {"Ivo Tarn", "Lake Post"}, names(r)


# -- constructions met on unseen14 of data/evaluation/ (other Jamestown publications; invented sentences) --

def test_a_family_name_written_first_is_the_short_form_of_the_name():
    r = actors_of("Politburo member Tan Wei chaired the meeting. Tan said the ports come first, and "
                  "Lin Bo agreed. “It is settled,” said Lin.")
    got = {a.name: a.aliases for a in r.actors if a.type == "person"}
    assert got == {"Tan Wei": ["Tan Wei", "Tan"], "Lin Bo": ["Lin Bo", "Lin"]}, got


def test_a_body_opened_by_a_place_word_then_a_title_and_a_name():
    # "Central" opens "Central Asia" too; a role word inside the run makes it a body and a person
    r = actors_of("Harbour President and Central Harbour Commission Chairman Tan Wei called for more ships.")
    got = names(r)
    assert got.get("Central Harbour Commission") == "organization" and got.get("Tan Wei") == "person", got


def test_a_possessive_before_a_bodys_acronym_is_not_part_of_its_name():
    r = actors_of("He spoke at the Kadrian Communist Party’s (KCP) congress. The KCP agreed.")
    assert names(r) == {"Kadrian Communist Party": "organization"}, names(r)


def test_a_states_official_name_with_a_typographic_apostrophe_and_its_acronym():
    r = actors_of("The People’s Republic of China (PRC) sent envoys. The PRC said no.")
    (china,) = r.actors
    assert (china.name, china.type) == ("China", "state") and "PRC" in china.aliases, china


def test_member_is_a_title_before_a_name_but_no_role_of_a_bodys_states():
    r = actors_of("Harbour Council member Tan Wei spoke. The EU member states and a council member agreed.")
    got = names(r)
    assert got.get("Tan Wei") == "person" and "Harbour Council" in got, got


def test_an_appositive_opened_by_former_needs_no_article():
    r = actors_of("Ilse Marrow, former prime minister from 2007 to 2009, came second. Ivo Tarn, then "
                  "harbour minister, agreed.")
    got = names(r)
    assert got.get("Ilse Marrow") == "person" and got.get("Ivo Tarn") == "person", got


def test_a_plural_title_before_a_list_of_names_with_particles_and_diacritics():
    # given names the lexicon does not know, so that only the title and the list give the evidence
    r = actors_of("The killings of Kadrian citizens Maelis de Véraux and Quillan Lomé shocked the port, and the "
                  "hostages Tarvel Osk, Brisa Venn and Odric Pell were freed.")
    people = {a.name for a in r.actors if a.type == "person"}
    assert people == {"Maelis de Véraux", "Quillan Lomé", "Tarvel Osk", "Brisa Venn", "Odric Pell"}, people


def test_names_with_the_arabic_article_and_their_acronym():
    r = actors_of("The rise of al-Rashid in the Sahel Coast (ARSC) worries the ports. President Omar al-Nuri "
                  "said so, and ARSC grew.")
    got = names(r)
    assert got.get("al-Rashid in the Sahel Coast") == "organization" and got.get("Omar al-Nuri") == "person", got


def test_a_foreign_name_with_lower_case_words_before_its_acronym():
    r = actors_of("Ivo Tarn, leader of the Parti Kadrien pour la justice et le progrès (PKJP), won, and the "
                  "PKJP cheered.")
    got = names(r)
    assert got.get("Parti Kadrien pour la justice et le progrès") == "organization", got


def test_an_armed_movement_of_the_lexicon_needs_no_cue():
    r = actors_of("The magazine often interviews one of the Taliban’s field leaders.")
    assert names(r) == {"Taliban": "organization"}, names(r)


def test_an_organization_cue_before_a_name_and_a_demonym_before_it():
    r = actors_of("The regulator probed leading Kadrian memory-chip maker Lumen Devices. The unregistered "
                  "organization Nova Vola (New Will) led the protests.")
    assert names(r) == {"Lumen Devices": "organization", "Nova Vola": "organization"}, names(r)


def test_a_peoples_adjective_before_a_persons_name_is_not_part_of_it():
    r = actors_of("The Circassian candidate lost to the Karachai Vladimir Semyonov in the runoff.")
    assert names(r).get("Vladimir Semyonov") == "person", names(r)


def test_a_place_adjective_between_a_place_preposition_and_the_name():
    # real states and capitals: the gazetteer knows only those
    r = actors_of("Two engineers were seized in downtown Niamey, and their families fled from landlocked "
                  "Niger to the coast.")
    assert "Niger" not in names(r), names(r)
    r = actors_of("Two engineers were seized in downtown Niamey. Niamey said no.")
    assert names(r).get("Niger") == "state", names(r)        # where the capital speaks, the state acts


def test_the_particle_ag_stays_inside_a_persons_name():
    r = actors_of("Veteran commander Nour ag Hamadi hosted the returning fighters. Nour ag Hamadi then left.")
    assert names(r).get("Nour ag Hamadi") == "person" and "Nour" not in names(r), names(r)


def test_destinations_after_as_far_as_and_a_present_name_in_parentheses_are_places():
    r = actors_of("Many families have fled as far as Finland and Estonia by boat. "
                  "The envoy was born in East Prussia (now Poland) and later taught in Latvia.")
    assert not {"Finland", "Estonia", "Poland"} & set(names(r)), names(r)
    assert {"Finland", "Estonia", "Poland"} <= {p.text for p in r.places}


def test_an_office_after_a_states_possessive_is_named_with_its_state():
    r = actors_of("Hostages were exchanged and, according to Finland’s Defense Ministry, money was paid. "
                  "Finland itself stayed silent.")
    assert names(r).get("Finland’s Defense Ministry") == "organization", names(r)
    assert r.actor("Finland’s Defense Ministry").aliases == ["Defense Ministry"]
    assert names(r).get("Finland") == "state"


def test_a_place_after_a_locative_is_no_speaker_of_the_verb_after_it():
    r = actors_of("Health officials in Harbourton stated that twelve people were ill. "
                  "The outbreak in Harbourton spread to the coast.")
    assert "Harbourton" not in names(r), names(r)


def test_a_named_illness_glossed_by_its_acronym_is_no_organization():
    r = actors_of("The virus resembles Severe Coastal Fever Syndrome (SCFS), which spread in 2003. "
                  "The Harbour Front in the Northern Peninsula (HFNP) claimed the attack.")
    assert not any("Syndrome" in n for n in names(r)), names(r)
    assert names(r).get("Harbour Front in the Northern Peninsula") == "organization", names(r)


def test_the_west_only_as_where_observers_are_or_a_place_is_no_actor():
    r = actors_of("Many Western commentators ignored the vote, and Western journalists left. "
                  "The rifles came from the West, the dealers said.")
    assert "the West" not in names(r), names(r)
    r = actors_of("Western sanctions hit the port, and the West demanded more.")
    assert names(r).get("the West") == "group", names(r)


def test_the_state_after_a_town_and_a_comma_is_where_the_town_is():
    r = actors_of("The accord was signed in Kadra, Finland (Harbour Wire, May 5). Its ports reopened.")
    assert "Finland" not in names(r) and "Finland" in {p.text for p in r.places}, names(r)


def test_a_demonym_before_grain_ports_or_cities_is_no_state_acting():
    r = actors_of("The deal lifted the blockade of three Estonian seaports and let Estonian grain reach "
                  "Latvian cities again.")
    assert not {"Estonia", "Latvia"} & set(names(r)), names(r)


def test_a_past_regime_is_a_state_of_its_own():
    r = actors_of("The parade marked the victory over Nazi Germany in 1945, and Germany sent a minister.")
    assert names(r).get("Nazi Germany") == "state" and names(r).get("Germany") == "state", names(r)
    assert r.actor("Nazi Germany").aliases == ["Nazi Germany"]


# -- constructions met on unseen16 of data/evaluation/ (China Brief, Terrorism Monitor; invented sentences) --

def test_a_pinyin_name_written_family_name_first_needs_no_cue():
    # rule 24: a listed family name, then one or two pinyin syllables
    r = actors_of("The critics returned to the values of Mao Zedong and to the reforms of Deng Xiaoping.")
    assert names(r) == {"Mao Zedong": "person", "Deng Xiaoping": "person"}, names(r)


@pytest.mark.parametrize("paragraph", [
    "The Long March and the Song Dynasty were the themes of the exhibition.",   # English words, left out
    "The editors of Wen Wei Pao kept the story on the front page.",               # three words: no person
    "The ships of Wang Bank and Zhou Harbour sailed at dawn.",                   # no pinyin given name
])
def test_a_family_name_first_without_a_pinyin_given_name_is_no_person(paragraph):
    assert not any(t == "person" for t in names(actors_of(paragraph)).values()), names(actors_of(paragraph))


@pytest.mark.parametrize("paragraph, person", [
    ("Tomas Arvid, 77, a former head of the Harbour Statistics Office, signed the appeal.", "Tomas Arvid"),
    ("Tomas Arvid, 77, signed the appeal first.", "Tomas Arvid"),
    ("Oskar Velden, 89, who once served as the mayor’s aide, has called for reform.", "Oskar Velden"),
    ("Oskar Velden, who once served as the mayor’s aide, has called for reform.", "Oskar Velden"),
])
def test_an_age_or_who_after_a_full_name_makes_a_person(paragraph, person):
    assert names(actors_of(paragraph)).get(person) == "person", names(actors_of(paragraph))


def test_which_after_a_name_is_no_evidence_of_a_person():
    r = actors_of("Harbour Bank, which stayed open, lent the money.")
    assert names(r).get("Harbour Bank") != "person", names(r)


def test_a_plurals_possessive_stays_inside_a_name():
    r = actors_of("The Harbour Workers’ Party marched, and the Soldiers’ Mothers Committee protested.")
    assert names(r) == {"Harbour Workers’ Party": "organization", "Soldiers’ Mothers Committee": "organization"}, names(r)
    # its acronym need not spell its initials (an acronym of the name in another language)
    r = actors_of("Kadra’s struggle with the Harbour Workers’ Party (PKH) in southern Kadra has cost lives.")
    assert names(r).get("Harbour Workers’ Party") == "organization", names(r)


def test_a_persons_full_name_after_a_party_and_of_is_its_leader_not_its_name():
    r = actors_of("Moscow courted groups from the far right to the Liberal Harbour Party of Piotr Arvid, "
                  "and the Reserve Bank of Kadra lent the money.")
    got = names(r)
    assert got.get("Liberal Harbour Party") == "organization" and got.get("Piotr Arvid") == "person", got
    assert got.get("Reserve Bank of Kadra") == "organization", got


def test_a_demonym_before_a_writer_researchers_or_republics_is_no_state_acting():
    r = actors_of("The Estonian author Tomas Arvid wrote of the two Latvian republics, and Lithuanian "
                  "researchers agreed.")
    assert not {"Estonia", "Latvia", "Lithuania"} & set(names(r)), names(r)
    assert names(r).get("Tomas Arvid") == "person", names(r)


def test_turkiye_is_the_state_turkey():
    r = actors_of("Türkiye signed the deal with Kadra’s envoy, and Turkey’s navy left the port.")
    turkey = [a for a in r.actors if a.type == "state"]
    assert [a.name for a in turkey] == ["Turkey"] and "Türkiye" in turkey[0].aliases, [(a.name, a.aliases) for a in r.actors]


def test_an_acronym_read_as_a_name_before_its_gloss_is_merged_into_the_body():
    # rule 5: "Lake Harbour Authority (LHA)" and a later "LHA" read as a body of its own are one actor
    r = actors_of("The Lake Harbour Authority (LHA) opened a new quay. Ivo Marsh, LHA deputy chief of staff, "
                  "praised the work.")
    bodies = [a for a in r.actors if a.type == "organization"]
    assert [a.name for a in bodies] == ["Lake Harbour Authority"], names(r)
    assert bodies[0].aliases == ["Lake Harbour Authority", "LHA"]


def test_a_name_ending_in_program_is_an_organization():
    r = actors_of("The Northern Food Program sent grain to the valley.")
    assert names(r).get("Northern Food Program") == "organization", names(r)


@pytest.mark.parametrize("sentence, body", [
    ("Two officers of the KGB followed the writer home.", "KGB"),
    ("The PLA held drills near the strait.", "People’s Liberation Army"),
])
def test_a_body_known_by_its_acronym_alone_is_an_organization(sentence, body):
    # the cue lexicon's organizations: bodies a text names by their acronym with no gloss
    r = actors_of(sentence)
    assert names(r).get(body) == "organization", names(r)


@pytest.mark.parametrize("sentence, person", [
    ("Minister Pak Min-jun met the envoys.", "Pak Min-jun"),
    ("Governor Tsai Ming-hui resigned on Monday.", "Tsai Ming-hui"),
])
def test_a_given_name_with_a_hyphenated_syllable_stays_whole(sentence, person):
    # a romanised given name of two syllables joined by a hyphen is one word of the name
    assert names(actors_of(sentence)).get(person) == "person", names(actors_of(sentence))


def test_an_english_word_after_a_hyphen_is_no_syllable_of_a_name():
    assert "Putin-era" not in names(actors_of("The Putin-era laws were repealed by Marta Kask."))


def test_a_name_set_off_after_a_role_phrase_is_a_person():
    # rule 7: "The head of the …, A B," is a person, whatever the verb after it
    r = actors_of("The head of the interim council, Rasa Vilde, insists that the vote was fair.")
    assert names(r).get("Rasa Vilde") == "person", names(r)
    assert "Narva Town" not in names(actors_of("The capital of the region, Narva Town, is small."))


@pytest.mark.parametrize("sentence", ["Former president Marta Kask was jailed.",
                                      "Acting minister Marta Kask resigned."])
def test_a_word_that_qualifies_a_role_at_a_sentence_start_names_no_body(sentence):
    # rule 5 [role_modifiers]: "Former" before "president A B" is no organization
    assert names(actors_of(sentence)) == {"Marta Kask": "person"}
