//! Table tests for the rules of things.rs (agreements, organisations, places), on
//! sentences written for them.

use super::super::Extractor;
use crate::article::Article;
use crate::gazetteer::Gazetteer;
use crate::model::Extraction;
use std::sync::OnceLock;

fn run(text: &str) -> Extraction {
    static X: OnceLock<Extractor> = OnceLock::new();
    let x = X.get_or_init(|| {
        let g: &'static Gazetteer =
            Box::leak(Box::new(Gazetteer::load(None).expect("data parses")));
        Extractor::new(g)
    });
    x.extract(&Article::from_text("t.txt", text.to_string(), None))
}

fn names(x: &Extraction, kind: &str) -> Vec<String> {
    x.entities
        .iter()
        .filter(|e| e.kind.as_str() == kind)
        .map(|e| e.name.clone())
        .collect()
}

/// (source name, relation, target name) of every relation.
fn triples(x: &Extraction) -> Vec<(String, String, String)> {
    let name_of = |id: &str| {
        x.entities
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.name.clone())
            .unwrap_or_default()
    };
    x.relations
        .iter()
        .map(|r| {
            (
                name_of(&r.source),
                r.relation.as_str().to_string(),
                name_of(&r.target),
            )
        })
        .collect()
}

fn has(x: &Extraction, s: &str, r: &str, t: &str) -> bool {
    triples(x)
        .iter()
        .any(|(a, b, c)| a == s && b == r && c == t)
}

/// Issue 14, bug 4: "A is a member of X and B is a member of Y" is two clauses.
#[test]
fn coordinated_membership_clauses_keep_their_own_members() {
    let x = run(
        " date 2024-05-02 Norway is a member of NATO and Chile is a member of the Pacific Alliance, \
        the ministers said.",
    );
    assert!(has(&x, "Norway", "member_of", "NATO"), "{:#?}", triples(&x));
    assert!(
        has(&x, "Chile", "member_of", "Pacific Alliance"),
        "{:#?}",
        triples(&x)
    );
    assert!(
        !has(&x, "Norway", "member_of", "Pacific Alliance"),
        "{:#?}",
        triples(&x)
    );
    assert!(!has(&x, "Chile", "member_of", "NATO"), "{:#?}", triples(&x));
}

/// Issue 14, bug 6: a news agency is the source of a story, not an actor in it.
#[test]
fn news_agencies_are_no_organizations() {
    let x = run(
        " date 2024-05-02 Hanoi, May 2 (Reuters) - Vietnam and Chile signed a trade deal, \
        Xinhua and AFP reported, citing the Foreign Ministry.",
    );
    let orgs = names(&x, "organization");
    for agency in ["Reuters", "Xinhua", "Agence France-Presse"] {
        assert!(!orgs.iter().any(|o| o == agency), "{orgs:?}");
    }
}

/// Issue 14, bug 6: "a similar agreement" points at another deal; it names none.
#[test]
fn a_similar_agreement_is_no_agreement() {
    let x = run(
        " date 2024-05-02 Peru and Chile signed a fisheries agreement on Monday. \
        Ecuador hopes to sign a similar agreement with Chile next year.",
    );
    let agreements = names(&x, "agreement");
    assert!(
        !agreements.iter().any(|a| a.contains("similar")),
        "{agreements:?}"
    );
}

/// Issue 14, bug 8: MODEL.md has no organization → country membership.
#[test]
fn a_national_body_is_no_member_of_its_country() {
    let x = run(
        " date 2024-05-02 The Chilean Ministry of Foreign Affairs said Chile and Peru \
        signed a fisheries agreement in Lima.",
    );
    let bad: Vec<_> = triples(&x)
        .into_iter()
        .zip(&x.relations)
        .filter(|(_, r)| {
            r.relation.as_str() == "member_of" && r.source.starts_with("organization:")
        })
        .map(|(t, _)| t)
        .collect();
    assert!(bad.is_empty(), "{bad:?}");
}

/// An instrument named by its subject: the name runs to where the subject ends.
#[test]
fn instruments_named_by_their_subject_end_where_the_subject_ends() {
    let table = [
        (
            " date 2024-05-02 Chile and Peru signed a memorandum on cooperation in the field of \
            mining and energy training on Monday.",
            "memorandum on cooperation in the field of mining and energy training",
        ),
        (
            " date 2024-05-02 Chile and Peru reaffirmed the agreement on naval cooperation of 2011.",
            "agreement on naval cooperation",
        ),
        (
            " date 2024-05-02 Chile and Peru signed a memorandum of understanding on trade and \
            customs consultations between the two countries.",
            "memorandum of understanding on trade and customs consultations",
        ),
        (
            " date 2024-05-02 Chile and Peru signed an action plan for the enhanced partnership \
            for 2024-2028 between the two countries.",
            "action plan for the enhanced partnership for 2024-2028",
        ),
        (
            " date 2024-05-02 Chile and Peru signed a treaty on the two countries' shared \
            maritime boundary in Lima.",
            "treaty on the two countries' shared maritime boundary",
        ),
        (
            " date 2024-05-02 The MoU on the opening of the Peru Trade Office in Chile was signed \
            by the two ministers.",
            "MoU on the opening of the Peru Trade Office",
        ),
        (
            " date 2024-05-02 Chile and Peru signed a Memorandum of Understanding (MoU) on \
            fisheries and aquaculture cooperation, the ministry said.",
            "Memorandum of Understanding (MoU) on fisheries and aquaculture cooperation",
        ),
    ];
    for (text, want) in table {
        let x = run(text);
        let got = names(&x, "agreement");
        let found = x.entities.iter().find(|e| {
            e.kind.as_str() == "agreement"
                && (e.name == want || e.aliases.iter().any(|a| a == want))
        });
        let Some(found) = found else {
            panic!("{text}\nwant {want:?}, got {got:?}");
        };
        assert!(
            has(&x, "Peru", "party_to", &found.name),
            "{:#?}",
            triples(&x)
        );
    }
}

/// A capitalised name goes on through "between X and Y" only when both parties are there.
#[test]
fn a_name_keeps_between_only_with_both_parties() {
    let x = run(
        " date 2024-05-02 Chile and Peru signed a Declaration on Establishment of a Strategic \
        Partnership between the Government of the Republic of Chile and the Government of the \
        Republic of Peru on Monday. They also signed a Memorandum of Understanding for \
        Cooperation in Broadcasting between Televisión Nacional de Chile and Peru's TV Perú.",
    );
    let got = names(&x, "agreement");
    assert!(
        got.iter().any(|n| n
            == "Declaration on Establishment of a Strategic Partnership between the Government \
            of the Republic of Chile and the Government of the Republic of Peru"),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|n| n == "Memorandum of Understanding for Cooperation in Broadcasting"),
        "{got:?}"
    );
}

/// "The agreement on energy cooperation follows a similar one": the verb and its object
/// are no part of the subject; a body's name runs through "for Economic Cooperation".
#[test]
fn a_verb_and_its_object_end_the_subject() {
    let x = run(
        " date 2024-05-02 Chile and Peru signed an agreement on energy cooperation on Monday. \
        The agreement on energy cooperation follows a similar agreement with Ecuador. They \
        agreed to hold the Joint Commission for Economic and Trade Cooperation annually.",
    );
    let got = names(&x, "agreement");
    assert_eq!(got, ["agreement on energy cooperation"], "{got:?}");
    let orgs = names(&x, "organization");
    assert!(
        orgs.iter()
            .any(|o| o == "Joint Commission for Economic and Trade Cooperation"),
        "{orgs:?}"
    );
}

/// "on the sidelines of", "for the first time": when and how, not what.
#[test]
fn circumstances_are_no_subject() {
    let x = run(
        " date 2024-05-02 Chile and Peru signed a fisheries agreement on the sidelines of the \
        summit. They signed a memorandum for the first time.",
    );
    let got = names(&x, "agreement");
    assert!(
        !got.iter()
            .any(|n| n.contains("sidelines") || n.contains("time")),
        "{got:?}"
    );
}

/// A headline's capitalised head followed by a lower-case phrase is a sentence, no name.
#[test]
fn a_headline_head_takes_no_lower_case_subject() {
    let x = run(
        " date 2024-05-02 Pact on fishing quotas lacks teeth, critics say\n\nChile and Peru met.",
    );
    let got = names(&x, "agreement");
    assert!(!got.iter().any(|n| n.contains("lacks")), "{got:?}");
}

/// Recurring bilateral bodies are organizations named for both parties, who are members.
#[test]
fn recurring_bilateral_bodies_have_both_parties_as_members() {
    let table: [(&str, &str, [&str; 2]); 8] = [
        (
            " date 2024-05-02 Chile, Peru hold fourth session of Joint Permanent Commission\n\n\
            Chile and Peru met in Lima.",
            "chile-peru-joint-permanent-commission",
            ["Chile", "Peru"],
        ),
        (
            " date 2024-05-02 Chile and Peru signed a memorandum of understanding on defence \
            cooperation, an agreement on the avoidance of double taxation and a treaty on \
            extradition. Chile and Peru also held the Joint Commission.",
            "chile-peru-joint-commission",
            ["Chile", "Peru"],
        ),
        (
            " date 2024-05-02 Pisac hosted the third informal seminar of the foreign ministries \
            of Chile and Peru on Monday.",
            "chile-peru-informal-seminar",
            ["Chile", "Peru"],
        ),
        (
            " date 2024-05-02 Chile and Peru held the 4th Chile-Peru Joint Commission for \
            Bilateral Cooperation in Lima on Monday.",
            "chile-peru-joint-commission-for-bilateral-cooperation",
            ["Chile", "Peru"],
        ),
        (
            " date 2024-05-02 Ghana's President will visit Kenya next week. The visit is \
            expected to open the inaugural session of the bi-national commission.",
            "ghana-kenya-bi-national-commission",
            ["Ghana", "Kenya"],
        ),
        (
            " date 2024-05-02 The accord regulates the joint commission between Chile and Peru, \
            the minister said.",
            "chile-peru-joint-commission",
            ["Chile", "Peru"],
        ),
        (
            " date 2024-05-02 Norway and Chile held their third Annual Bilateral \
            Inter-Ministerial Dialogue in Oslo on Monday.",
            "chile-norway-annual-bilateral-inter-ministerial-dialogue",
            ["Chile", "Norway"],
        ),
        (
            " date 2024-05-02 Chile and Peru signed an agreement to establish a joint committee \
            for cooperation.",
            "chile-peru-joint-committee-for-cooperation",
            ["Chile", "Peru"],
        ),
    ];
    for (text, slug, members) in table {
        let x = run(text);
        let id = format!("organization:{slug}");
        let Some(body) = x.entities.iter().find(|e| e.id == id) else {
            panic!("{text}\nno {id}: {:?}", names(&x, "organization"));
        };
        for m in members {
            assert!(
                has(&x, m, "member_of", &body.name),
                "{text}\n{:#?}",
                triples(&x)
            );
        }
    }
}

/// A later short mention of a body is the body; a topic or an activity is none.
#[test]
fn a_short_mention_is_the_same_body_and_a_topic_is_none() {
    let x = run(
        " date 2024-05-02 Chile and Peru held the second session of the Chile-Peru Joint \
        Higher Committee on Monday. The session of the Joint Committee ended with a statement. \
        Ministers met for Strategic Dialogue. They agreed to assess strategic dialogue next year.",
    );
    let orgs = names(&x, "organization");
    assert_eq!(orgs, ["Joint Higher Committee"], "{orgs:?}");
    let agreements = names(&x, "agreement");
    assert!(
        !agreements.iter().any(|a| a.contains("Dialogue")),
        "{agreements:?}"
    );
    assert_eq!(
        super::bilateral_body_id("Peru", "Chile", "Joint Higher Committee"),
        "organization:chile-peru-joint-higher-committee"
    );
}

/// "that on ...", "one on ...": another instrument of the kind named before.
#[test]
fn an_ellipsis_names_an_instrument_of_its_own() {
    let x = run(
        " date 2024-05-02 Chile and Peru signed two MoUs. The MoU on cooperation in the field \
        of mining was signed by the two ministers, while that on cooperation in the field of \
        fisheries was signed by their deputies. Nine agreements were signed between Chile and \
        Peru, including one on fighting smuggling and its financing. It is one of the most \
        important agreements signed by the two.",
    );
    let got = names(&x, "agreement");
    for want in [
        "MoU on cooperation in the field of mining",
        "MoU on cooperation in the field of fisheries",
        "agreement on fighting smuggling and its financing",
    ] {
        assert!(got.iter().any(|n| n == want), "want {want:?}, got {got:?}");
        assert!(has(&x, "Chile", "party_to", want), "{:#?}", triples(&x));
    }
    assert!(!got.iter().any(|n| n.contains("important")), "{got:?}");
}

/// A lower-case instrument far from its signing verb is kept when it is dated or told
/// by its subject in a sentence reporting a signing; an accented communiqué is one too.
#[test]
fn dated_or_subject_named_instruments_need_no_nearby_verb() {
    let x = run(
        " date 2024-05-02 The two sides signed two documents, including a treaty on the two \
        countries' shared river basin where work is now 80% complete; and an action plan for \
        the enhanced partnership for 2024-2028 between Chile and Peru. Peru called for a review \
        of a 2017 security treaty with Chile. Chile and Peru released the Joint Press Communiqué \
        Between the Republic of Chile and the Republic of Peru.",
    );
    let got = names(&x, "agreement");
    for want in [
        "treaty on the two countries' shared river basin",
        "action plan for the enhanced partnership for 2024-2028",
        "security treaty",
        "Joint Press Communiqué Between the Republic of Chile and the Republic of Peru",
    ] {
        assert!(got.iter().any(|n| n == want), "want {want:?}, got {got:?}");
    }
}

/// "the free trade agreement with Chile" after "the Free Trade Agreement between Mercosur
/// and Peru" is another agreement, named with its country.
#[test]
fn an_agreement_with_another_country_is_another_agreement() {
    let x = run(
        " date 2024-05-02 Peru discussed the Free Trade Agreement between Mercosur and Peru. \
        The ministers also welcomed the free trade agreement with Chile, signed in Lima in 2023.",
    );
    let got = names(&x, "agreement");
    assert!(
        got.iter()
            .any(|n| n == "Free Trade Agreement between Mercosur and Peru"),
        "{got:?}"
    );
    assert!(
        got.iter().any(|n| n == "free trade agreement with Chile"),
        "{got:?}"
    );
}

/// Oceans, continents and world regions are too broad to be a story's place; a head
/// word inside a known place names no organization; a town after a form of address is
/// part of a person's name.
#[test]
fn broad_regions_places_in_names_and_bank_of_a_place() {
    let x = run(
        " date 2024-05-02 Chile and Peru met in Lima to discuss security in the Pacific and \
        trade with Europe. They spoke of settlements in the West Bank. Chile honoured the late \
        Sheikh Sabah Al-Salem for his work. Speaker of the Senate Anthony Rota attended.",
    );
    let places = names(&x, "place");
    assert!(places.iter().any(|p| p == "Lima"), "{places:?}");
    for bad in ["Pacific", "Europe", "Sabah", "Rota"] {
        assert!(!places.iter().any(|p| p == bad), "{places:?}");
    }
    let orgs = names(&x, "organization");
    assert!(!orgs.iter().any(|o| o.contains("Bank")), "{orgs:?}");
}

/// Parties are those the text names: "in agreement" names no instrument; a bloc in the
/// name is a party, so a leader present is not; an agreement between a province and a
/// firm has no country party.
#[test]
fn only_the_named_parties_are_parties() {
    let x = run(
        " date 2024-05-02 The ministers were in agreement that Chile and Peru must act. \
        Chilean President Ana Rojas joined European Commission President Ursula von der Leyen \
        in Lima for the signature of a Joint Statement for an EU-Peru Strategic Partnership. \
        Rojas said the draft Joint Statement signed by the two sides was historic. Peru and Chile also signed a cooperation agreement between Arica Province and Andes \
        Mining Company.",
    );
    let got = names(&x, "agreement");
    assert!(!got.iter().any(|n| n.contains("were")), "{got:?}");
    assert!(
        got.iter()
            .any(|n| n == "cooperation agreement between Arica Province and Andes Mining Company"),
        "{got:?}"
    );
    let parties: Vec<_> = triples(&x)
        .into_iter()
        .filter(|(_, r, _)| r == "party_to")
        .collect();
    assert!(
        !parties
            .iter()
            .any(|(c, _, a)| c == "Chile" && a.contains("EU-Peru") || a.contains("Arica")),
        "{parties:?}"
    );
}

/// "The four MoUs signed were on X, Y and Z": each is an instrument with both parties;
/// "signed agreements on trade, energy and ..." lists fields in bulk, none.
#[test]
fn a_list_of_signed_instruments_gives_each() {
    let x = run(
        " date 2024-05-02 Chile and Peru signed four MoUs on Monday. The four MoUs signed were \
        on health, higher education, fisheries and tourism, the ministry said.",
    );
    let got = names(&x, "agreement");
    for want in [
        "MoU on health",
        "MoU on higher education",
        "MoU on fisheries",
        "MoU on tourism",
    ] {
        assert!(got.iter().any(|n| n == want), "want {want:?}, got {got:?}");
        assert!(has(&x, "Chile", "party_to", want), "{:#?}", triples(&x));
        assert!(has(&x, "Peru", "party_to", want), "{:#?}", triples(&x));
    }
    assert_eq!(got.len(), 4, "{got:?}");
    let bulk = run(
        " date 2024-05-02 Chile and Peru on Thursday signed agreements on trade, energy and \
        border security, the presidency said.",
    );
    assert!(
        names(&bulk, "agreement").is_empty(),
        "{:?}",
        names(&bulk, "agreement")
    );
}

/// A ministry's name runs through the country it is of ("of the Republic of Chile"); a
/// party's does not ("Communist Party of Peru" stays the party of the country).
#[test]
fn a_ministry_named_with_its_country() {
    let x = run(
        " date 2024-05-02 A memorandum was signed between the Ministry of Foreign Affairs of the \
        Republic of Chile and the Ministry of Foreign Affairs of Peru. Ana Rojas of the \
        Communist Party of Peru welcomed it.",
    );
    let orgs = names(&x, "organization");
    for want in [
        "Ministry of Foreign Affairs of the Republic of Chile",
        "Ministry of Foreign Affairs of Peru",
    ] {
        assert!(
            orgs.iter().any(|o| o == want),
            "want {want:?}, got {orgs:?}"
        );
    }
    assert!(
        !orgs
            .iter()
            .any(|o| o.ends_with("Party of Peru") && !o.starts_with("Communist")),
        "{orgs:?}"
    );
}

/// A free trade area is an instrument ("ASEAN-Chile Free Trade Area (ACFTA)").
#[test]
fn a_free_trade_area_is_an_agreement() {
    let x = run(
        " date 2024-05-02 Chile and Peru welcomed progress on the ASEAN-Chile Free Trade Area \
        (ACFTA), the ministers said.",
    );
    let got = names(&x, "agreement");
    assert!(
        got.iter().any(|n| n.ends_with("Free Trade Area")),
        "{got:?}"
    );
}

/// "Both signed a Joint Declaration and a memorandum of understanding": a memorandum
/// with neither name nor subject is a generic mention (the gold conventions leave such
/// mentions optional), no node of its own that every later signing would attach to;
/// the named declaration is the instrument.
#[test]
fn a_signed_bare_memorandum_is_no_instrument_of_its_own() {
    let x = run(
        " date 2024-05-02 The foreign ministers of Chile and Peru met in Lima on Thursday. Both \
        signed a Joint Declaration on Fisheries between the two governments and a memorandum of \
        understanding, to set up a mechanism for consultations.",
    );
    let got = names(&x, "agreement");
    assert!(
        !got.iter().any(|n| n == "memorandum of understanding"),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|n| n.starts_with("Joint Declaration on Fisheries")),
        "{got:?}"
    );
}

/// A body's name runs through a body it opens ("Navy Officers Training School") and the
/// country a national body is of ("National Bank of Peru").
#[test]
fn a_body_name_runs_to_its_last_head() {
    let x = run(
        " date 2024-05-02 Chile will fund a lab at the Navy Officers Training School in Lima, \
        according to the National Bank of Peru.",
    );
    let orgs = names(&x, "organization");
    for want in ["Navy Officers Training School", "National Bank of Peru"] {
        assert!(
            orgs.iter().any(|o| o == want),
            "want {want:?}, got {orgs:?}"
        );
    }
    assert!(
        !orgs.iter().any(|o| o == "Navy" || o == "National Bank"),
        "{orgs:?}"
    );
}

/// "an agreement that allows X": the X agreement.
#[test]
fn an_agreement_told_by_what_it_allows() {
    let x = run(
        " date 2024-05-02 Chile's Foreign Minister Ana Rojas and her Peruvian counterpart Luis \
        Soto on Friday signed an agreement that allows mutual visa-free travel for diplomats.",
    );
    let got = names(&x, "agreement");
    assert!(
        got.iter().any(|n| n == "mutual visa-free travel agreement"),
        "{got:?}"
    );
    assert!(
        has(&x, "Peru", "party_to", "mutual visa-free travel agreement"),
        "{:#?}",
        triples(&x)
    );
}

/// A name that hosts an event is a venue ("Pisac hosted the third seminar"); one that
/// hosts a guest is not.
#[test]
fn a_name_hosting_an_event_is_a_place() {
    let x = run(
        " date 2024-05-02 On 2 May 2024, Pisac hosted the third informal seminar of the foreign \
        ministries of Chile and Peru. Quispe hosted Rojas for dinner.",
    );
    let places = names(&x, "place");
    assert!(places.iter().any(|p| p == "Pisac"), "{places:?}");
    assert!(!places.iter().any(|p| p == "Quispe"), "{places:?}");
}

/// A royal court is the source of a statement: "The Diwan of Royal Court said ...".
#[test]
fn a_royal_court_is_an_organization() {
    let x = run(
        " date 2024-05-02 The Diwan of Royal Court said in a statement that the Sultan will \
        visit Chile and Peru.",
    );
    let orgs = names(&x, "organization");
    assert!(orgs.iter().any(|o| o == "Diwan of Royal Court"), "{orgs:?}");
}

/// "Joint Statement on the Elevation of Chile-Peru Relations to a Strategic Partnership":
/// the name runs through "to a" and a capitalised name.
#[test]
fn a_name_runs_through_to_a_capitalised_name() {
    let x = run(
        " date 2024-05-02 Chile and Peru issued the Joint Statement on the Elevation of \
        Chile-Peru Relations to a Comprehensive Strategic Partnership on Monday.",
    );
    let got = names(&x, "agreement");
    assert!(
        got.iter().any(|n| n
            == "Joint Statement on the Elevation of Chile-Peru Relations to a Comprehensive \
            Strategic Partnership"),
        "{got:?}"
    );
}

/// "a New Pacific Charter" signed to mark the old "Pacific Charter" is another agreement.
#[test]
fn a_new_charter_is_not_the_old_one() {
    let x = run(
        " date 2024-05-02 Chile and Peru marked the 80th anniversary of the Pacific Charter in \
        2021 by signing a New Pacific Charter.",
    );
    let got = names(&x, "agreement");
    assert!(got.iter().any(|n| n == "New Pacific Charter"), "{got:?}");
    assert!(
        has(&x, "Chile", "party_to", "New Pacific Charter"),
        "{:#?}",
        triples(&x)
    );
}

/// A qualifier before a town is no given name: "in Greater Lima" keeps Lima a place.
#[test]
fn a_qualified_town_is_still_a_place() {
    let x = run(" date 2024-05-02 Chile and Peru met in Greater Lima on Monday.");
    let places = names(&x, "place");
    assert!(places.iter().any(|p| p.ends_with("Lima")), "{places:?}");
}

/// Instruments told by their subjects in a list are each an instrument, not one
/// described by the next.
#[test]
fn a_list_of_subject_named_instruments_is_no_apposition() {
    let x = run(
        " date 2024-05-02 Chile and Peru signed a memorandum of understanding on defence \
        cooperation, an agreement on the avoidance of double taxation and a treaty on \
        extradition.",
    );
    let got = names(&x, "agreement");
    assert_eq!(got.len(), 3, "{got:?}");
}

/// Leaders' consultations, joint economic committees and dialogues named for a
/// partnership are recurring bodies of the two countries; the level inside such a name
/// is no partnership; a venue named for an instrument is no instrument.
#[test]
fn consultations_committees_and_partnership_dialogues_are_bilateral_bodies() {
    let x = run(
        " date 2024-05-02 The Sultan of Oman and the President of Kenya held the 9th Annual \
         Leaders' Consultation in Muscat.",
    );
    assert!(
        has(&x, "Oman", "member_of", "Annual Leaders' Consultation"),
        "{:#?}",
        triples(&x)
    );
    let x = run(
        " date 2024-05-02 Chile and Vietnam welcomed the first meeting of the Joint Economic \
         Committee.",
    );
    assert!(
        has(&x, "Chile", "member_of", "Joint Economic Committee"),
        "{:#?}",
        triples(&x)
    );
    let x = run(
        " date 2024-05-02 Ghana and Canada launched the Ghana-Canada Strategic Partnership \
         Dialogue in the Foreign Ministry's Treaty Room.",
    );
    assert!(
        has(&x, "Ghana", "member_of", "Strategic Partnership Dialogue"),
        "{:#?}",
        triples(&x)
    );
    assert!(
        !names(&x, "agreement")
            .iter()
            .any(|n| n == "Strategic Partnership" || n.contains("Treaty")),
        "{:#?}",
        names(&x, "agreement")
    );
}

/// A faith's adjective names no place: "Islamic State" is a group, not a state.
#[test]
fn a_faiths_adjective_opens_no_place() {
    let x = run(
        " date 2024-05-02 The two kings stressed the victory over Islamic State in the region \
         and met in Amman.",
    );
    assert!(
        !names(&x, "place").iter().any(|n| n == "Islamic State"),
        "{:#?}",
        names(&x, "place")
    );
}

/// "Strategic cooperative partnership" and "Strategic Relationship" are levels of ties,
/// one agreement per pair.
#[test]
fn cooperative_partnerships_and_strategic_relationships_are_levels() {
    let x = run(
        " date 2024-05-02 The two ministers discussed ways to strengthen the Peru-Korea \
         strategic cooperative partnership.",
    );
    assert!(
        has(&x, "Peru", "party_to", "Strategic Cooperative Partnership"),
        "{:#?}",
        triples(&x)
    );
    let x = run(
        " date 2024-05-02 Kenya and Japan agreed to deepen the Strategic Relationship between \
         both nations.",
    );
    assert!(
        has(&x, "Japan", "party_to", "Strategic Relationship"),
        "{:#?}",
        triples(&x)
    );
}

/// A grouping whose members the gazetteer lists, used to name its member states,
/// makes the members the article mentions its members.
#[test]
fn the_members_a_grouping_names_are_its_members() {
    let x = run(
        " date 2024-05-02 Poland and Hungary met in Warsaw. The premiers said the V4 \
         countries would act together.",
    );
    assert!(
        has(&x, "Poland", "member_of", "Visegrad Group"),
        "{:#?}",
        triples(&x)
    );
    assert!(
        has(&x, "Hungary", "member_of", "Visegrad Group"),
        "{:#?}",
        triples(&x)
    );
    // A member not mentioned stays out, and a grouping named alone makes no members.
    assert!(
        !has(&x, "Slovakia", "member_of", "Visegrad Group"),
        "{:#?}",
        triples(&x)
    );
    let x = run(" date 2024-05-02 Poland and Hungary met in Warsaw before the Visegrad summit.");
    assert!(
        !has(&x, "Poland", "member_of", "Visegrad Group"),
        "{:#?}",
        triples(&x)
    );
}

/// A city in a newspaper's name is no place of the story.
#[test]
fn a_city_in_a_newspapers_name_is_no_place() {
    let x =
        run(" date 2024-05-02 The ministers met in Accra on Friday, the Nairobi Herald reported.");
    let places = names(&x, "place");
    assert!(places.iter().any(|n| n == "Accra"), "{places:#?}");
    assert!(!places.iter().any(|n| n == "Nairobi"), "{places:#?}");
}

/// "X and Y issued a joint statement": the two states' own instrument, though named by
/// its kind alone; a bare one no two states put out stays none.
#[test]
fn a_joint_statement_two_states_issue_is_their_instrument() {
    let x = run(
        " date 2024-05-02 The Republic of Chile and the Kingdom of Norway issued a joint \
         statement on Friday after talks in Oslo.",
    );
    assert!(
        has(&x, "Chile", "party_to", "joint statement"),
        "{:#?}",
        triples(&x)
    );
    let x = run(
        " date 2024-05-02 Below is the text of the joint communique between the Republic of \
         Chile and the Kingdom of Norway released on Friday.",
    );
    assert!(
        has(&x, "Norway", "party_to", "joint communique"),
        "{:#?}",
        triples(&x)
    );
    let x = run(" date 2024-05-02 The ministers issued a joint statement on Friday in Oslo.");
    assert!(names(&x, "agreement").is_empty(), "{:#?}", triples(&x));
}

/// A head of several words alone ("Exchange of Letters") is the instrument of the two
/// states its "between" names, directly or through their offices; a one-word head
/// stays a placeholder.
#[test]
fn an_exchange_of_letters_between_two_states_is_theirs() {
    let x = run(
        " date 2024-05-02 The leaders marked the tenth anniversary of the Exchange of Letters \
         between the President of Chile and the Prime Minister of Norway.",
    );
    assert!(
        has(&x, "Chile", "party_to", "Exchange of Letters"),
        "{:#?}",
        triples(&x)
    );
    let x = run(
        " date 2024-05-02 The leaders praised the Treaty between the President of Chile and \
         the Prime Minister of Norway.",
    );
    assert!(names(&x, "agreement").is_empty(), "{:#?}", triples(&x));
}

/// The office that speaks for a title's holder is an organisation.
#[test]
fn a_title_holders_media_office_is_an_organization() {
    let x = run(
        " date 2024-05-02 According to a statement by the President's press office, the two \
         leaders met in Lima on Friday.",
    );
    let orgs = names(&x, "organization");
    assert!(
        orgs.iter().any(|n| n == "President's press office"),
        "{orgs:#?}"
    );
}

/// "at Bellavista palace": a lower-case place head after an unknown name is part of it.
#[test]
fn a_lower_case_venue_head_ends_the_places_name() {
    let x = run(" date 2024-05-02 The two presidents met at Bellavista palace in Lima on Friday.");
    let places = names(&x, "place");
    assert!(
        places.iter().any(|n| n == "Bellavista palace"),
        "{places:#?}"
    );
    assert!(!places.iter().any(|n| n == "Bellavista"), "{places:#?}");
}

/// An agreement only worked towards is no instrument yet; one signed is.
#[test]
fn an_agreement_only_worked_towards_is_no_instrument() {
    let rows: [(&str, bool); 4] = [
        (
            " date 2024-05-02 Peru and Chile backed a plan to achieve a common visa regime \
            and a fisheries protocol for the whole of South America.",
            false,
        ),
        (
            " date 2024-05-02 Peru and Chile agreed to work towards a fisheries agreement.",
            false,
        ),
        (
            " date 2024-05-02 Peru and Chile will seek to conclude a fisheries agreement \
            by June.",
            false,
        ),
        (
            " date 2024-05-02 Peru and Chile signed a fisheries agreement on Monday.",
            true,
        ),
    ];
    for (text, kept) in rows {
        let agreements = names(&run(text), "agreement");
        assert_eq!(
            agreements.iter().any(|a| a.contains("fisheries")),
            kept,
            "{text}\n{agreements:?}"
        );
    }
}

/// Joint commissions named for their level or field are recurring bilateral bodies too.
#[test]
fn joint_ministerial_and_field_commissions_are_bilateral_bodies() {
    let rows = [
        (
            " date 2024-05-02 Chile and Vietnam will hold the next session of the Joint \
            Ministerial Commission in Hanoi.",
            "Joint Ministerial Commission",
        ),
        (
            " date 2024-05-02 Chile and Vietnam convened their Joint Border Commission.",
            "Joint Border Commission",
        ),
    ];
    for (text, body) in rows {
        let x = run(text);
        assert!(has(&x, "Chile", "member_of", body), "{:#?}", triples(&x));
        assert!(has(&x, "Vietnam", "member_of", body), "{:#?}", triples(&x));
    }
}

/// An acronym never spelled out, signed or ratified, names an instrument of its own.
#[test]
fn an_acronym_signed_or_ratified_is_an_instrument() {
    let x = run(" date 2024-05-02 Chile and Peru ratified the TPA in 2009.");
    assert!(has(&x, "Chile", "party_to", "TPA"), "{:#?}", triples(&x));
    assert!(has(&x, "Peru", "party_to", "TPA"), "{:#?}", triples(&x));
    let x = run(
        " date 2024-05-02 Chile and Peru signed the Trade Promotion Agreement (TPA) in \
        2009. Peru ratified the TPA in 2010.",
    );
    assert_eq!(
        names(&x, "agreement").len(),
        1,
        "{:?}",
        names(&x, "agreement")
    );
    for text in [
        " date 2024-05-02 Chile and Peru signed the MOU in 2009.",
        " date 2024-05-02 Chile and Peru signed the ASEAN Charter in 2009.",
        " date 2024-05-02 Chile and Peru signed the WTO deal in 2009.",
    ] {
        let x = run(text);
        let agreements = names(&x, "agreement");
        assert!(
            !agreements
                .iter()
                .any(|a| ["MOU", "ASEAN", "WTO"].contains(&a.as_str())),
            "{text}\n{agreements:?}"
        );
    }
}

/// "the MoU", "the MoU on Tourism" name back a Memorandum of Understanding; "and a"
/// opens another instrument's name.
#[test]
fn an_mou_names_back_its_memorandum_and_and_a_opens_another_name() {
    let x = run(
        " date 2024-05-02 Chile and Peru signed a Memorandum of Understanding on Tourism \
        and a Memorandum of Understanding on Health. Chilean Tourism Minister Ana Rojas and \
        her Peruvian counterpart Luis Vega signed the MoU on Tourism.",
    );
    let agreements = names(&x, "agreement");
    assert_eq!(agreements.len(), 2, "{agreements:?}");
    let tourism = "Memorandum of Understanding on Tourism";
    assert!(
        has(&x, "Ana Rojas", "signed", tourism),
        "{:#?}",
        triples(&x)
    );
    assert!(!has(
        &x,
        "Ana Rojas",
        "signed",
        "Memorandum of Understanding on Health"
    ));
    let x = run(
        " date 2024-05-02 Chile and Peru signed a Memorandum of Understanding on Tourism. \
        Chilean Tourism Minister Ana Rojas and her Peruvian counterpart Luis Vega signed the \
        MoU.",
    );
    assert!(
        has(&x, "Luis Vega", "signed", tourism),
        "{:#?}",
        triples(&x)
    );
}

/// A capitalised Joint Statement two states issue is theirs as a lower-case one is; a
/// Statement of Intent is an instrument.
#[test]
fn a_capitalised_joint_statement_and_a_statement_of_intent_are_instruments() {
    let x = run(" date 2024-05-02 Chile and Norway issued a Joint Statement on Friday.");
    assert!(
        has(&x, "Chile", "party_to", "Joint Statement"),
        "{:#?}",
        triples(&x)
    );
    let x = run(
        " date 2024-05-02 Chile and Norway signed a Statement of Intent on digital \
        cooperation on Friday.",
    );
    assert!(
        has(
            &x,
            "Norway",
            "party_to",
            "Statement of Intent on digital cooperation"
        ),
        "{:#?}",
        triples(&x)
    );
    let x = run(" date 2024-05-02 The Joint Statement was issued on Friday.");
    assert!(names(&x, "agreement").is_empty(), "{:#?}", triples(&x));
}

/// A body named for a list of fields keeps the whole list; a list of countries after a
/// body's name is no part of it.
#[test]
fn a_bodys_name_runs_through_a_closed_list_of_fields() {
    let x = run(
        " date 2024-05-02 The ministers of Chile and Peru co-chaired the Committee on \
        Political, Security and Cultural Cooperation in Lima.",
    );
    let bodies = names(&x, "organization");
    assert!(
        bodies
            .iter()
            .any(|b| b == "Committee on Political, Security and Cultural Cooperation"),
        "{bodies:?}"
    );
}

/// A declaration of a summit of two blocs takes no countries as its parties from the
/// article's most named ones; a two-country story still does.
#[test]
fn a_blocs_summit_declaration_takes_no_countries_from_the_article() {
    let x = run(
        " date 2024-05-02 Leaders of the European Union and the African Union met in Chile. \
        Chilean President Pedro Lagos hosted them, and Peru's President Ana Soto spoke. \
        Chile and Peru were thanked.\n\nThe Santiago Declaration sets targets for ports.",
    );
    assert!(
        !triples(&x)
            .iter()
            .any(|(_, r, t)| r == "party_to" && t == "Santiago Declaration"),
        "{:#?}",
        triples(&x)
    );
    for lead in [
        "Chilean President Pedro Lagos hosted Peru's President Ana Soto.",
        "Chile and Peru, members of the UN and the WTO, met.",
    ] {
        let x = run(&format!(
            " date 2024-05-02 {lead} Chile and Peru were thanked.\n\nThe Santiago \
            Declaration sets targets for ports."
        ));
        assert!(
            has(&x, "Chile", "party_to", "Santiago Declaration"),
            "{:#?}",
            triples(&x)
        );
    }
}

/// The quick test before the plural heads are compared lets every head through, in any
/// case, and the Kelvin sign ("K", which lower-cases to an ASCII "k") to the full
/// comparison.
#[test]
fn plural_head_prefilter_keeps_every_head() {
    use super::{find_lower, may_be_plural_head, PLURAL_HEADS};
    let mut words: Vec<String> = Vec::new();
    for (plural, singular, _) in PLURAL_HEADS {
        words.extend([
            plural.to_string(),
            plural.to_uppercase(),
            singular.to_string(),
            format!("{}s", &plural[..plural.len() - 1]),
        ]);
    }
    words.extend(
        [
            "MoUs",
            "Treaties",
            "",
            "on",
            "agreement",
            "\u{212A}",
            "Ägreements",
            "deal",
        ]
        .map(String::from),
    );
    for w in &words {
        let found = find_lower(w, &PLURAL_HEADS, |p| p.0).is_some();
        assert!(!found || may_be_plural_head(w), "{w}");
    }
    assert!(!may_be_plural_head("signed") && !may_be_plural_head(""));
}
