//! Table tests of the milestone rules in events/, on short articles written for them.

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

/// The `date` attribute of the `meets` between two named officials.
fn meets_date(x: &Extraction, a: &str, b: &str) -> Option<String> {
    let id = |name: &str| {
        x.entities
            .iter()
            .find(|e| e.name == name)
            .map(|e| e.id.clone())
    };
    let (a, b) = (id(a)?, id(b)?);
    x.relations
        .iter()
        .find(|r| {
            r.relation.as_str() == "meets"
                && (r.source == a && r.target == b || r.source == b && r.target == a)
        })
        .and_then(|r| r.attrs.get("date").cloned())
}

/// Issue 14, bug 3: "X and Y on Thursday signed ...": they met on the weekday, not on the
/// dateline's or the article's day.
#[test]
fn signers_meet_on_the_weekday_of_the_signing() {
    let cases = [
        (
            " date 2025-03-14 Oslo, March 14 (NTB) Norwegian Foreign Minister Lars Dahl and \
             Chilean Foreign Minister Ana Rojas on Thursday signed the Fisheries Cooperation \
             Agreement, the ministry said.",
            "2025-03-13",
        ),
        (
            " date 2024-06-08 Lima, June 8 (Andina) Peruvian Trade Minister Rosa Vela and her \
             Ecuadorian counterpart Juan Mora on Wednesday inked the Border Trade Agreement.",
            "2024-06-05",
        ),
    ];
    for (text, want) in cases {
        let x = run(text);
        let names: Vec<&str> = x
            .entities
            .iter()
            .filter(|e| e.kind.as_str() == "official")
            .map(|e| e.name.as_str())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        let got = meets_date(&x, names[0], names[1]);
        assert_eq!(got.as_deref(), Some(want), "{text}");
    }
}

/// Whether a milestone whose name starts with `prefix` has `relation` to the entity named
/// `target`.
fn milestone_relates(x: &Extraction, prefix: &str, relation: &str, target: &str) -> bool {
    let ids: Vec<&str> = x
        .entities
        .iter()
        .filter(|e| e.kind.as_str() == "milestone" && e.name.starts_with(prefix))
        .map(|e| e.id.as_str())
        .collect();
    // By name or alias: bodies are named by the things rules.
    let target = x
        .entities
        .iter()
        .find(|e| e.name == target || e.aliases.iter().any(|a| a == target));
    x.relations.iter().any(|r| {
        r.relation.as_str() == relation
            && ids.contains(&r.source.as_str())
            && target.is_some_and(|t| t.id == r.target)
    })
}

#[test]
fn a_visit_with_one_side_named_involves_both_countries() {
    let cases = [
        " date 2023-10-02 Chilean President Ana Rojas began a state visit to Peru on Monday.",
        " date 2022-04-20 Kenyan Foreign Minister Paul Otieno held talks in Ghana on Tuesday \
         on trade.",
    ];
    for text in cases {
        let x = run(text);
        let pair: Vec<&str> = x
            .entities
            .iter()
            .filter(|e| e.kind.as_str() == "country")
            .map(|e| e.name.as_str())
            .collect();
        assert_eq!(pair.len(), 2, "{pair:?}");
        for c in pair {
            assert!(milestone_relates(&x, "", "involves", c), "{c}: {x:#?}");
        }
    }
}

/// The names of the milestones of an extraction.
fn milestones(x: &Extraction) -> Vec<String> {
    x.entities
        .iter()
        .filter(|e| e.kind.as_str() == "milestone")
        .map(|e| e.name.clone())
        .collect()
}

#[test]
fn a_signing_of_counted_or_unnamed_deals_is_a_signing() {
    let signings = [
        " date 2024-05-10 Ghana and Togo inked five deals on Tuesday in Accra.",
        " date 2023-02-02 Nineteen agreements and memoranda were signed between Chile and \
         Peru on Wednesday.",
        " date 2022-09-09 Kenyan Foreign Minister Paul Otieno and his Ugandan counterpart \
         Sam Okello on Thursday signed an agreement that eases cross-border trade.",
        " date 2022-09-09 Kenya and Uganda held talks in Nairobi on Thursday. Kenyan Foreign \
         Minister Paul Otieno and Ugandan Foreign Minister Sam Okello signed the documents.",
        " date 2022-09-09 The memorandum on cooperation in the field of fisheries and coastal \
         protection was signed by Kenyan Foreign Minister Paul Otieno and his Ugandan \
         counterpart Sam Okello.",
    ];
    for text in signings {
        let x = run(text);
        let names = milestones(&x);
        assert!(
            names.iter().any(|n| n.starts_with("Signing")),
            "{text}: {names:?}"
        );
    }
    let others = [
        " date 2024-05-10 Ghana and Togo discussed the deals signed in 2002.",
        " date 2024-05-10 Ghana and Togo want to sign several deals.",
    ];
    for text in others {
        let x = run(text);
        let names = milestones(&x);
        assert!(
            !names.iter().any(|n| n.starts_with("Signing")),
            "{text}: {names:?}"
        );
    }
}

#[test]
fn an_elevation_word_that_elevates_nothing_makes_no_elevation() {
    let idle = [
        " date 2024-05-10 The ministers marked the 30th anniversary of the establishment of \
         Ghana-Togo diplomatic relations.",
        " date 2024-05-10 Ghana and Togo will work towards further elevating their ties.",
        " date 2024-05-10 The visit of the Ghanaian President to Togo will strengthen relations \
         and establish more joint projects.",
    ];
    for text in idle {
        let names = milestones(&run(text));
        assert!(
            !names
                .iter()
                .any(|n| n.starts_with("Establishment") || n.starts_with("Elevation")),
            "{text}: {names:?}"
        );
    }
    let told = [
        " date 2024-05-10 Ghana and Togo established diplomatic relations in 1960.",
        " date 2024-05-10 Ghana and Togo agreed on Friday to establish a Comprehensive \
         Strategic Partnership.",
    ];
    for text in told {
        let names = milestones(&run(text));
        assert!(
            names
                .iter()
                .any(|n| n.starts_with("Establishment") || n.starts_with("Elevation")),
            "{text}: {names:?}"
        );
    }
}

#[test]
fn an_event_told_again_in_other_words_is_known_by_them() {
    let x = run(
        " date 2023-10-03 Chilean President Ana Rojas held talks with Peruvian \
         President Luis Vera in Lima on Monday.\n\nRojas is on a three-day state visit to Peru.",
    );
    let aliases: Vec<&String> = x
        .entities
        .iter()
        .filter(|e| e.kind.as_str() == "milestone")
        .flat_map(|e| &e.aliases)
        .collect();
    assert!(aliases.iter().any(|a| a.contains("talks")), "{aliases:?}");
    assert!(
        aliases.iter().any(|a| a.contains("state visit")),
        "{aliases:?}"
    );
}

#[test]
fn a_session_of_a_recurring_body_is_a_meeting_held_at_it() {
    let cases = [
        (
            " date 2024-03-08 Chile and Peru held their third Chile-Peru Joint Commission for \
             Trade in Lima on Tuesday.",
            "Chile-Peru Joint Commission",
        ),
        (
            " date 2024-03-08 Chilean Foreign Minister Ana Rojas and Peruvian Foreign Minister \
             Luis Vera on Tuesday co-chaired the fifth session of the Chile-Peru Binational \
             Council in Lima.",
            "Chile-Peru Binational Council",
        ),
    ];
    for (text, body) in cases {
        let x = run(text);
        assert!(milestone_relates(&x, "", "held_at", body), "{text}: {x:#?}");
        let date = x
            .entities
            .iter()
            .find(|e| e.kind.as_str() == "milestone")
            .and_then(|e| e.attrs.get("date").cloned());
        assert_eq!(date.as_deref(), Some("2024-03-05"), "{text}");
    }
}

/// The date of the milestone whose name starts with `prefix`.
fn milestone_date(x: &Extraction, prefix: &str) -> Option<String> {
    x.entities
        .iter()
        .find(|e| e.kind.as_str() == "milestone" && e.name.starts_with(prefix))
        .and_then(|e| e.attrs.get("date").cloned())
}

#[test]
fn an_undated_event_after_a_sentence_of_two_days_happened_on_the_later_told() {
    let x = run(
        " date 2015-07-17 Chilean Foreign Minister Ana Rojas, who began on Wednesday \
         her visit to Peru, held on Thursday talks with her Peruvian counterpart Luis Vera.\n\n\
         Both signed the Andean Fisheries Agreement.",
    );
    assert_eq!(
        milestone_date(&x, "Signing").as_deref(),
        Some("2015-07-16"),
        "{x:#?}"
    );
}

#[test]
fn a_country_with_a_hyphen_in_its_name_is_a_venue() {
    let x = run(
        " date 2023-10-02 Chilean President Ana Rojas began a state visit to \
         Timor-Leste on Monday.",
    );
    assert!(
        milestone_relates(&x, "", "held_in", "Timor-Leste"),
        "{x:#?}"
    );
    let x = run(
        " date 2023-10-02 Chilean President Ana Rojas met Peruvian President Luis \
         Vera on Monday to discuss progress in Chile-Peru relations.",
    );
    assert!(!milestone_relates(&x, "", "held_in", "Chile"), "{x:#?}");
    assert!(!milestone_relates(&x, "", "held_in", "Peru"), "{x:#?}");
}

#[test]
fn an_event_without_a_venue_took_place_where_that_days_other_event_did() {
    let x = run(
        " date 2023-10-03 Chilean President Ana Rojas held talks with Peruvian \
         President Luis Vera in Lima on Monday.\n\nThe two presidents signed the Andean \
         Fisheries Agreement on Monday.",
    );
    assert!(
        milestone_relates(&x, "Signing", "held_in", "Lima"),
        "{x:#?}"
    );
}

#[test]
fn ties_set_up_partnerships_initiated_and_trips_are_milestones() {
    let cases = [
        (
            " date 2024-01-10 Chile was the first nation in the region to set up diplomatic \
             ties with Peru, on March 3, 1950.",
            "1950-03-03",
        ),
        (
            " date 2016-09-18 The two presidents reviewed the Chile-Peru Strategic \
             Partnership that was initiated in 2005.",
            "2005",
        ),
        (
            " date 2025-07-23 Chilean Foreign Minister Pedro Soto made a trip to Lima in \
             March.",
            "2025-03",
        ),
    ];
    for (text, date) in cases {
        let x = run(text);
        let dates: Vec<String> = x
            .entities
            .iter()
            .filter(|e| e.kind.as_str() == "milestone")
            .filter_map(|e| e.attrs.get("date").cloned())
            .collect();
        assert!(dates.iter().any(|d| d == date), "{text}: {dates:?}");
    }
}

/// Issue 14, bug 6 (part): the country that hosts a summit of others is its venue, not a
/// participant.
#[test]
fn the_host_country_of_a_summit_of_others_is_no_participant() {
    let x = run(
        " date 2023-03-01 The Chile-Peru-Bolivia summit in Ecuador on Monday \
         ended with a pledge on water.",
    );
    for c in ["Chile", "Peru", "Bolivia"] {
        assert!(milestone_relates(&x, "", "involves", c), "{c}: {x:#?}");
    }
    assert!(!milestone_relates(&x, "", "involves", "Ecuador"), "{x:#?}");
    assert!(milestone_relates(&x, "", "held_in", "Ecuador"), "{x:#?}");
    // A state visit's host takes part in it.
    let x = run(
        " date 2023-10-02 Chilean President Ana Rojas began a state visit to Peru on \
         Monday.",
    );
    assert!(milestone_relates(&x, "", "involves", "Peru"), "{x:#?}");
}

#[test]
fn a_meeting_is_also_known_by_who_met() {
    let x = run(
        " date 2023-10-03 Chilean President Ana Rojas held talks with Peruvian \
         President Luis Vera in Lima on Monday.",
    );
    let aliases: Vec<&String> = x
        .entities
        .iter()
        .filter(|e| e.kind.as_str() == "milestone")
        .flat_map(|e| &e.aliases)
        .collect();
    assert!(
        aliases
            .iter()
            .any(|a| a.contains("Ana Rojas") && a.contains("Luis Vera")),
        "{aliases:?}"
    );
}

#[test]
fn an_elevation_is_about_its_partnership_not_the_deals_signed_with_it() {
    let x = run(
        " date 2023-07-11 Chile and Peru have signed a Fisheries Agreement as part of \
         an upgrade of their relations to a Comprehensive Strategic Partnership.",
    );
    let elevation = x
        .entities
        .iter()
        .find(|e| {
            e.kind.as_str() == "milestone" && e.attrs.get("kind").is_some_and(|k| k == "elevation")
        })
        .map(|e| e.name.clone())
        .unwrap_or_default();
    assert!(
        elevation.contains("Comprehensive Strategic Partnership"),
        "{x:#?}"
    );
    assert!(
        !milestone_relates(&x, "Elevation", "concerns", "Fisheries Agreement"),
        "{x:#?}"
    );
}

#[test]
fn leaders_who_say_we_meet_today_hold_a_meeting() {
    let x = run(
        " date 2026-03-06 LIMA, March 6 - We, the Presidents of Chile and Peru, meet \
         today to deepen the partnership between our two countries.",
    );
    assert_eq!(
        milestone_date(&x, "").as_deref(),
        Some("2026-03-06"),
        "{x:#?}"
    );
    for c in ["Chile", "Peru"] {
        assert!(milestone_relates(&x, "", "involves", c), "{c}: {x:#?}");
    }
}

#[test]
fn those_present_at_the_signing_told_before_take_part_in_it() {
    let x = run(
        " date 2024-05-10 Chile and Peru signed the Andean Fisheries Agreement in Lima \
         on Thursday.\n\nChilean President Ana Rojas and Peruvian President Luis Vera were \
         present during the signing.",
    );
    for o in ["Ana Rojas", "Luis Vera"] {
        assert!(
            milestone_relates(&x, "Signing", "involves", o),
            "{o}: {x:#?}"
        );
    }
    assert_eq!(
        x.entities
            .iter()
            .filter(|e| e.kind.as_str() == "milestone")
            .count(),
        1,
        "{x:#?}"
    );
}

#[test]
fn a_delegation_joins_the_visit_told_before() {
    let x = run(
        " date 2021-11-21 Chilean President Ana Rojas will begin a state visit to \
         Peru on Monday.\n\nPresident Rojas will be accompanied by a delegation comprising \
         Pedro Soto, Foreign Minister, and Maria Lagos, Minister of Finance.",
    );
    for o in ["Ana Rojas", "Pedro Soto", "Maria Lagos"] {
        assert!(milestone_relates(&x, "", "involves", o), "{o}: {x:#?}");
    }
}

#[test]
fn an_anniversary_of_no_relationship_is_no_milestone() {
    let x = run(
        " date 2016-09-18 On Sept. 15, Chile celebrated its 206th anniversary of \
         independence, and Peru sent its greetings.",
    );
    assert!(
        !milestones(&x).iter().any(|n| n.contains("anniversary")),
        "{:?}",
        milestones(&x)
    );
    let x = run(
        " date 2024-05-10 Chile and Peru marked on Friday the 50th anniversary of \
         their diplomatic relations.",
    );
    assert!(
        milestones(&x).iter().any(|n| n.contains("anniversary")),
        "{:?}",
        milestones(&x)
    );
}

#[test]
fn an_elevation_told_with_a_year_and_with_its_day_is_one_event() {
    let x = run(
        " date 2017-07-12 The Chile-Peru Strategic Partnership was launched 20 years \
         ago.\n\nThe Chile-Peru Strategic Partnership was launched on 11 July 1997, during a \
         visit to Lima.",
    );
    let elevations: Vec<String> = x
        .entities
        .iter()
        .filter(|e| e.attrs.get("kind").is_some_and(|k| k == "elevation"))
        .filter_map(|e| e.attrs.get("date").cloned())
        .collect();
    assert_eq!(elevations, vec!["1997-07-11".to_string()], "{x:#?}");
}

#[test]
fn those_who_attend_join_the_signing_told_before() {
    let x = run(
        " date 2020-09-09 Chile and Peru are scheduled to sign the Andean Fisheries \
         Agreement in Lima on Sept. 15.\n\nChilean President Ana Rojas will attend the \
         ceremony.",
    );
    assert!(
        milestone_relates(&x, "Signing", "involves", "Ana Rojas"),
        "{x:#?}"
    );
}

#[test]
fn an_event_told_after_a_preposition_keeps_its_own_date() {
    let x = run(
        " date 2025-07-23 Chilean President Ana Rojas met Peruvian President Luis Vera \
         in Santiago on Wednesday, after a trip to Lima by Chilean Foreign Minister Pedro Soto \
         in March.",
    );
    let dates: Vec<String> = x
        .entities
        .iter()
        .filter(|e| e.kind.as_str() == "milestone")
        .filter_map(|e| e.attrs.get("date").cloned())
        .collect();
    assert!(dates.contains(&"2025-07-23".to_string()), "{dates:?}");
    assert!(dates.contains(&"2025-03".to_string()), "{dates:?}");
}

#[test]
fn presenting_credentials_is_a_meeting() {
    let x = run(
        " date 2019-02-23 Chilean Ambassador Pedro Soto presented his credentials to \
         Peruvian Foreign Minister Luis Vera on Thursday.",
    );
    assert_eq!(
        milestone_date(&x, "").as_deref(),
        Some("2019-02-21"),
        "{x:#?}"
    );
    assert!(
        milestone_relates(&x, "", "involves", "Pedro Soto"),
        "{x:#?}"
    );
    assert!(milestone_relates(&x, "", "involves", "Luis Vera"), "{x:#?}");
}

#[test]
fn both_as_the_subject_of_a_signing_is_the_pair_named_last() {
    let x = run(
        " date 2015-07-17 Chilean Foreign Minister Ana Rojas held on Thursday a meeting \
         with her Peruvian counterpart Luis Vera.\n\nBoth signed the Andean Fisheries \
         Agreement.",
    );
    for o in ["Ana Rojas", "Luis Vera"] {
        assert!(
            milestone_relates(&x, "Signing", "involves", o),
            "{o}: {x:#?}"
        );
    }
}

/// `opens_another_phrase`: "on the sidelines of official visit by X" is no event told
/// before ("the" is the sidelines'), so the meeting stays, on the article's day.
#[test]
fn an_event_word_after_a_preposition_is_not_one_told_before() {
    let cases = [
        " date 2022-09-14 Talks in Accra\n\nA meeting between Ghana and Togo on the \
         margins of official visit by Togolese Foreign Minister Ama Kodjo was held in \
         Accra, the capital.",
        " date 2021-05-03 Trade talks\n\nKenyan Trade Minister Paul Otieno met officials on \
         the sidelines of working visit by Ugandan Trade Minister Joy Nankya.",
    ];
    for text in cases {
        let x = run(text);
        assert_eq!(milestones(&x).len(), 1, "{text}: {:?}", milestones(&x));
    }
}

/// "A bilateral discussion between X and Y was held", "held discussions with": a
/// discussion is a meeting (data/lexicon.ron `milestone_triggers`).
#[test]
fn a_discussion_between_two_sides_is_a_meeting() {
    let cases = [
        " date 2023-02-10 Ghanaian Defence Minister Kofi Mensah held a discussion with \
         Togolese Defence Minister Ama Kodjo in Lome on Thursday.",
        " date 2023-02-10 Bilateral discussions between Ghanaian Defence Minister Kofi \
         Mensah and Togolese Defence Minister Ama Kodjo took place in Lome on Thursday.",
    ];
    for text in cases {
        let x = run(text);
        assert_eq!(
            milestone_date(&x, "").as_deref(),
            Some("2023-02-09"),
            "{x:#?}"
        );
        assert!(milestone_relates(&x, "", "held_in", "Lome"), "{text}");
    }
}

/// `participle_as_adjective`: "their upgraded strategic partnership", "its newly
/// established embassy" recall a state, not an event; "upgraded ties on Monday" is one.
#[test]
fn a_participle_after_a_possessive_is_an_adjective() {
    let idle = [
        " date 2024-05-06 Chilean Foreign Minister Ana Rojas and Peruvian Foreign Minister \
         Luis Vera will review their upgraded strategic partnership, the ministry said.",
        " date 2024-05-06 Chile will use its newly established ties with Peru to boost \
         trade.",
    ];
    for text in idle {
        let x = run(text);
        let elevations: Vec<String> = milestones(&x)
            .into_iter()
            .filter(|m| m.starts_with("Elevation") || m.starts_with("Establishment"))
            .collect();
        assert!(elevations.is_empty(), "{text}: {elevations:?}");
    }
    let x = run(
        " date 2024-05-06 Chile and Peru upgraded their ties to a Strategic Partnership on \
         Monday.",
    );
    assert!(
        milestones(&x).iter().any(|m| m.starts_with("Elevation")),
        "{:?}",
        milestones(&x)
    );
}

/// "The two heads of government agreed ... on Wednesday at a meeting": the plural means
/// the last pair named, who met.
#[test]
fn the_two_heads_of_government_are_the_pair_named_last() {
    let text = " date 2021-03-10 Peruvian President Luis Vera will visit Chilean President \
                Ana Rojas in Santiago on 20 March. The two heads of state agreed on this \
                trip on Monday at a meeting in Lima.";
    let x = run(text);
    let dated: Vec<&str> = x
        .entities
        .iter()
        .filter(|e| e.kind.as_str() == "milestone")
        .filter(|e| e.attrs.get("date").map(String::as_str) == Some("2021-03-08"))
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(dated.len(), 1, "{x:#?}");
    assert!(milestone_relates(&x, "", "involves", "Luis Vera"));
    assert!(x
        .relations
        .iter()
        .any(|r| r.source == dated[0] && r.relation.as_str() == "involves"));
}

/// `named_after_forum`: a meeting at a forum is also known by it.
#[test]
fn a_meeting_at_a_forum_is_known_by_the_forum() {
    let text = " date 2022-06-03 Belgian Prime Minister Jan Peeters met Dutch Prime Minister \
                Sara Visser on Thursday on the sidelines of the Benelux summit in Brussels.";
    let x = run(text);
    let aliases: Vec<&String> = x
        .entities
        .iter()
        .filter(|e| e.kind.as_str() == "milestone")
        .flat_map(|e| &e.aliases)
        .collect();
    assert!(
        aliases.iter().any(|a| a.as_str() == "Benelux summit"),
        "{aliases:?}"
    );
}

/// `told_apart_from_another`: "Earlier on Monday, X received Y at the palace, prior to
/// the summit": two events of one day, kept apart; "During the summit" is the summit's.
#[test]
fn a_meeting_told_before_the_summit_of_its_day_is_another_event() {
    let text = " date 2022-11-07 Ghanaian President Kofi Mensah held a summit with \
                Togolese President Ama Kodjo and Beninese President Paul Hounsou in Accra \
                on Monday. Earlier on Monday, Mensah received Kodjo at the Jubilee House, \
                prior to the summit. During the summit, the leaders discussed trade.";
    let x = run(text);
    let names = milestones(&x);
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(milestone_relates(
        &x,
        "Ghana-Togo-Benin summit",
        "involves",
        "Paul Hounsou"
    ));
    let meeting = names.iter().find(|n| n.ends_with("meeting"));
    let Some(meeting) = meeting else {
        panic!("{names:?}")
    };
    assert!(
        !milestone_relates(&x, meeting, "involves", "Paul Hounsou"),
        "{x:#?}"
    );
    assert!(milestone_relates(&x, meeting, "involves", "Ama Kodjo"));
}

/// `drop_visits_of_a_person`: "X will meet Y, who has been invited to pay an official
/// visit": the meeting is the main clause's, not a summit.
#[test]
fn a_visit_in_a_clause_about_a_person_is_not_the_meeting_told() {
    let text = " date 2019-04-02 On April 5, Chilean Foreign Minister Ana Rojas will meet \
                Peruvian Foreign Minister Luis Vera, who has been invited to pay an official \
                visit to Chile.";
    let x = run(text);
    let names = milestones(&x);
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(names[0].ends_with("meeting"), "{names:?}");
    assert_eq!(milestone_date(&x, "").as_deref(), Some("2019-04-05"));
}

/// `signed_with_many`, `signed_with_no_state`: deals signed "with foreign countries and
/// agencies" or "with Acme Holdings" are no signing between the article's two states;
/// "signed three deals with Ghana" is one.
#[test]
fn deals_signed_with_many_or_with_no_state_make_no_signing() {
    let background = " date 2023-05-02 Togo and Ghana held talks in Lome on Monday.";
    let none = [
        " Togo has signed no fewer than 30 agreements with foreign countries and agencies \
         in the last year.",
        " Togo also signed two agreements with Acme Holdings on power plants.",
        " Togo also signed an MoU with the World Tourism Council on hotels.",
    ];
    for text in none {
        let x = run(&[background, text].concat());
        let signings: Vec<String> = milestones(&x)
            .into_iter()
            .filter(|m| m.starts_with("Signing"))
            .collect();
        assert!(signings.is_empty(), "{text}: {signings:?}");
    }
    let x = run(&[
        background,
        " Togo also signed three deals with Ghana on trade.",
    ]
    .concat());
    assert!(milestones(&x).iter().any(|m| m.starts_with("Signing")));
}

/// `clause_comma`: the comma inside "50,000" closes no clause, so a date at the end of a
/// long sentence still dates its signing.
#[test]
fn a_comma_inside_a_number_closes_no_clause() {
    let text = " date 2024-08-13 Trade deals\n\nTogo, through its ministry, signed an MoU \
                with Ghana on the provision of 50,000 full-time jobs to young people over \
                the next three years on March 19, 2024, the document added.";
    let x = run(text);
    assert_eq!(milestone_date(&x, "Signing").as_deref(), Some("2024-03-19"));
}

/// `dates_the_telling`: "X will arrive in Y on Monday for talks, officials confirmed
/// Sunday": Sunday dates the telling; the talks are on Monday.
#[test]
fn a_date_in_the_attribution_dates_the_telling_not_the_event() {
    let text = " date 2025-03-02 Trade talks\n\nChilean President Ana Rojas will arrive in \
                Peru on Monday with a large delegation for talks with Peruvian President Luis \
                Vera, Peruvian officials confirmed Sunday.";
    let x = run(text);
    assert_eq!(
        milestone_date(&x, "").as_deref(),
        Some("2025-03-03"),
        "{x:#?}"
    );
}

/// `day_anaphora` (data/lexicon.ron `same_day_phrases`): "At the end of the work day",
/// "That evening": the day of the event told last, not a date told in passing since.
#[test]
fn the_work_day_is_the_day_of_the_event_told_last() {
    let cases = [
        " date 2024-07-05 Chilean President Ana Rojas received Peruvian President Luis \
         Vera in Santiago on Thursday. Vera, who turns 50 in November, praised the host. \
         At the end of the work day, Rojas and Vera signed the Santiago Declaration.",
        " date 2024-07-05 Chilean President Ana Rojas received Peruvian President Luis \
         Vera in Santiago on Thursday. Vera, who turns 50 in November, praised the host. \
         That evening, Rojas and Vera signed the Santiago Declaration.",
    ];
    for text in cases {
        let x = run(text);
        assert_eq!(
            milestone_date(&x, "Signing").as_deref(),
            Some("2024-07-04"),
            "{text}"
        );
    }
}

/// `marked_by_an_anniversary`: "the 10th anniversary of the signing of the Border
/// Treaty" tells no signing on the day it is celebrated.
#[test]
fn the_signing_an_anniversary_marks_is_no_signing_of_its_day() {
    let text = " date 2024-08-26 Chilean President Ana Rojas and Peruvian President Luis \
                Vera welcomed the 10th anniversary of the signing of the Border Treaty \
                between Chile and Peru.";
    let x = run(text);
    let signings: Vec<String> = milestones(&x)
        .into_iter()
        .filter(|m| m.starts_with("Signing"))
        .collect();
    assert!(signings.is_empty(), "{signings:?}");
}

/// `in_since_phrase`: "her first visit to Peru since the inauguration of the new
/// government in August": August dates the inauguration, not the visit.
#[test]
fn a_date_closing_a_since_phrase_is_the_earlier_events() {
    let text = " date 2018-12-13 Chilean President Ana Rojas met Peruvian President Luis \
                Vera in Lima on her first visit to Peru since the inauguration of the new \
                Peruvian government in August.";
    let x = run(text);
    assert_eq!(
        milestone_date(&x, "").as_deref(),
        Some("2018-12-13"),
        "{x:#?}"
    );
}

/// `founding_document` and `drop_restated_headlines`: a headline naming the "Joint
/// Statement on the Establishment of a Strategic Partnership" tells that elevation on the
/// article's day, though the text below recalls ties established long ago.
#[test]
fn a_document_named_for_the_partnership_it_founds_tells_that_elevation() {
    let text = " date 2025-06-10 Joint Statement on the Establishment of a Strategic \
                Partnership between Chile and Ghana\n\nACCRA 10 June 2025 - Chile and Ghana, \
                recalling the establishment of diplomatic relations in 1962, met in Accra.";
    let x = run(text);
    let elevations: Vec<String> = x
        .entities
        .iter()
        .filter(|e| e.kind.as_str() == "milestone" && e.name.starts_with("Elevation"))
        .map(|e| format!("{} {:?}", e.name, e.attrs.get("date")))
        .collect();
    assert!(
        elevations.iter().any(|e| e.contains("2025-06-10")),
        "{elevations:?}"
    );
    assert!(milestone_relates(
        &x,
        "Elevation",
        "concerns",
        "Strategic Partnership"
    ));
}

/// `refine_plural`: "the two heads of state" are the presidents, though the ministers
/// were the pair named last.
#[test]
fn the_two_heads_of_state_are_the_presidents() {
    let text = " date 2022-03-08 Togolese President Ama Kodjo arrived in Accra on Monday. \
                Ghanaian President Kofi Mensah said trade mattered most. The accord was \
                signed by Ghanaian Foreign Minister Ben Owusu and Togolese Foreign Minister \
                Yao Agbeko. Before the ceremony, the two heads of state met in private.";
    let x = run(text);
    assert!(
        meets_date(&x, "Ama Kodjo", "Kofi Mensah").is_some(),
        "{x:#?}"
    );
}

/// `elevation_told`: "reached important consensus" on relations elevates nothing.
#[test]
fn reaching_consensus_on_relations_is_no_elevation() {
    let text = " date 2019-05-28 Chilean President Ana Rojas held talks with Peruvian \
                President Luis Vera on Tuesday. The two sides discussed bilateral relations \
                and reached important consensus.";
    let x = run(text);
    let elevations: Vec<String> = milestones(&x)
        .into_iter()
        .filter(|m| m.starts_with("Elevation") || m.starts_with("Establishment"))
        .collect();
    assert!(elevations.is_empty(), "{elevations:?}");
}

/// `undated_since`: "the progress over the 30 years since the establishment of diplomatic
/// ties" implies the establishment; so does "Since its launch"; neither tells an
/// elevation on the story's day.
#[test]
fn an_event_after_since_with_no_date_is_only_implied() {
    for later in [
        "They praised the progress over the last 30 years since the establishment of \
         diplomatic ties.",
        "Since its launch, the Chile-Peru Strategic Partnership has served both economies.",
        "Since their establishment, diplomatic ties have grown.",
    ] {
        let text = format!(
            " date 2019-05-28 Chilean President Ana Rojas held talks with Peruvian \
             President Luis Vera on Tuesday. {later}"
        );
        let x = run(&text);
        let elevations: Vec<String> = milestones(&x)
            .into_iter()
            .filter(|m| m.starts_with("Elevation") || m.starts_with("Establishment"))
            .collect();
        assert!(elevations.is_empty(), "{later}: {elevations:?}");
    }
}

/// `signed_as_participle` before the nearest-trigger rule: "the Border Treaty signed on 3
/// May 1990, the MoU on Fisheries signed on 8 June 2004, the Agreement on a Joint
/// Commission signed on 2 March 2010": each signing concerns the agreement its
/// participle follows, not the next one named after it.
#[test]
fn each_participle_signing_concerns_the_agreement_before_it() {
    let text = " date 2024-05-06 Chile and Peru, EMPHASIZING the importance of the Border \
                Treaty signed on 3 May 1990, the Memorandum of Understanding on Fisheries \
                Cooperation signed on 8 June 2004, the Agreement on the Establishment of a \
                Joint Commission signed on 2 March 2010, agreed to deepen ties.";
    let x = run(text);
    let concerns = |date: &str, name: &str| {
        let m = x.entities.iter().find(|e| {
            e.kind.as_str() == "milestone" && e.attrs.get("date").map(String::as_str) == Some(date)
        });
        let a = x
            .entities
            .iter()
            .find(|e| e.kind.as_str() == "agreement" && e.name.contains(name));
        m.zip(a).is_some_and(|(m, a)| {
            x.relations
                .iter()
                .any(|r| r.relation.as_str() == "concerns" && r.source == m.id && r.target == a.id)
        })
    };
    assert!(concerns("2004-06-08", "Fisheries"), "{x:#?}");
    assert!(!concerns("2004-06-08", "Joint Commission"), "{x:#?}");
}

/// `founds_relations`: "since the normalization of diplomatic relations in 1990, ... the
/// comprehensive strategic partnership": the 1990 event concerns no partnership.
#[test]
fn founding_relations_concerns_no_partnership_named_beside_it() {
    let text = " date 2024-05-06 Chile and Ghana praised their ties since the normalization \
                of diplomatic relations in 1990, and pledged to deepen the Comprehensive \
                Strategic Partnership between the two countries.";
    let x = run(text);
    let founding = x.entities.iter().find(|e| {
        e.kind.as_str() == "milestone" && e.attrs.get("date").map(String::as_str) == Some("1990")
    });
    let Some(founding) = founding else {
        panic!("{x:#?}")
    };
    assert!(
        !x.relations
            .iter()
            .any(|r| r.source == founding.id && r.relation.as_str() == "concerns"),
        "{x:#?}"
    );
}

/// `talks_told_with_venue`: "The two sides signed five deals after the talks in Lima":
/// the talks told before were held in Lima.
#[test]
fn talks_told_again_with_a_venue_were_held_there() {
    let text = " date 2017-04-20 Chilean President Ana Rojas met Peruvian President Luis \
                Vera at the Pizarro Palace on Thursday. The two sides also signed five \
                deals after the talks in Lima.";
    let x = run(text);
    assert!(
        milestone_relates(&x, "Chile-Peru meeting", "held_in", "Lima"),
        "{x:#?}"
    );
}

/// `posted_to`: "the Chilean ambassador to Peru" names no venue of the visit; "a state
/// visit to Chile" does.
#[test]
fn a_posting_or_a_longer_name_is_no_venue() {
    let text = " date 2021-11-20 Peruvian President Luis Vera will go on a state visit to \
                Chile on November 22. Chilean Ambassador Ana Soto, the Chilean ambassador \
                to Peru, said the visit matters. Chilean Trade Minister Juan Paz told Peru \
                News Agency the visit would be long.";
    let x = run(text);
    assert!(milestone_relates(&x, "", "held_in", "Chile"), "{x:#?}");
    assert!(!milestone_relates(&x, "", "held_in", "Peru"), "{x:#?}");
}

/// `opens_a_name`: "spoke to Peru Television" names a broadcaster, no venue.
#[test]
fn a_country_opening_a_longer_name_is_no_venue() {
    let text = " date 2021-11-23 Chilean Foreign Minister Ana Rojas met Peruvian Foreign \
                Minister Luis Vera on Monday and later spoke to Peru Television.";
    let x = run(text);
    assert!(!milestone_relates(&x, "", "held_in", "Peru"), "{x:#?}");
}

/// `told_during_a_meeting`, `join_the_meeting_signed_during`: "During the meeting, an
/// agreement was signed": both who met take part in the signing.
#[test]
fn those_who_met_take_part_in_the_signing_told_during_their_meeting() {
    let text = " date 2019-09-27 Chilean Foreign Minister Ana Rojas met Kenyan Foreign \
                Minister Monica Wanjiru in New York on Friday. During the meeting, an \
                agreement was signed to establish a Joint Committee for Cooperation.";
    let x = run(text);
    assert!(
        milestone_relates(&x, "Signing", "involves", "Monica Wanjiru"),
        "{x:#?}"
    );
    assert!(milestone_relates(&x, "Signing", "involves", "Ana Rojas"));
}

/// `told_after_a_meeting`, `relate_told_after`: "signed five deals after the talks":
/// the signing follows the talks of its day.
#[test]
fn a_signing_after_the_talks_follows_them() {
    let text = " date 2017-04-20 Chilean President Ana Rojas met Peruvian President Luis \
                Vera in Lima on Thursday. The two sides also signed five deals after the \
                talks.";
    let x = run(text);
    let id = |prefix: &str| {
        x.entities
            .iter()
            .find(|e| e.kind.as_str() == "milestone" && e.name.starts_with(prefix))
            .map(|e| e.id.clone())
    };
    let (signing, meeting) = (id("Signing"), id("Chile-Peru meeting"));
    assert!(signing.is_some() && meeting.is_some(), "{x:#?}");
    assert!(x.relations.iter().any(|r| {
        r.relation.as_str() == "follows"
            && Some(&r.source) == signing.as_ref()
            && Some(&r.target) == meeting.as_ref()
    }));
}

/// data/lexicon.ron `anniversary` triggers: "25 years of Strategic Partnership" marks an
/// anniversary of the partnership, as "25 years of diplomatic ties" does of the ties;
/// "years of talks" marks none.
#[test]
fn years_of_a_partnership_mark_an_anniversary() {
    for (sentence, anniversary) in [
        (
            "Chile and Peru celebrate 25 years of Strategic Partnership.",
            true,
        ),
        (
            "Chile and Peru celebrate 25 years of the strategic partnership.",
            true,
        ),
        (
            "Chile and Peru celebrate 25 years of diplomatic ties.",
            true,
        ),
        ("Chile and Peru ended 25 years of talks.", false),
    ] {
        let x = run(&format!(" date 2019-05-28 {sentence}"));
        let found = milestones(&x).iter().any(|m| m.contains("anniversary"));
        assert_eq!(found, anniversary, "{sentence}: {:?}", milestones(&x));
    }
}

/// `marked_by_the_anniversary`: an anniversary concerns the agreement it marks, named
/// right after its word; not one named beside the ties it marks, nor one another
/// anniversary of the sentence marks.
#[test]
fn an_anniversary_concerns_only_the_agreement_it_marks() {
    let partnership = "Chile-Peru Strategic Partnership";
    for (sentence, concerns) in [
        (
            "Chile and Peru marked the 10th anniversary of the Chile-Peru Strategic \
             Partnership on Monday.",
            true,
        ),
        (
            "Chile and Peru celebrate 10 years of Strategic Partnership.",
            true,
        ),
        (
            "Chile and Peru marked the 60th anniversary of diplomatic ties and praised the \
             Chile-Peru Strategic Partnership on Monday.",
            false,
        ),
        (
            "Chile and Peru marked the 60th anniversary of diplomatic ties and the 10th \
             anniversary of the Chile-Peru Strategic Partnership on Monday.",
            false,
        ),
    ] {
        let x = run(&format!(" date 2024-05-06 {sentence}"));
        let got = milestone_relates(&x, "", "concerns", partnership);
        assert_eq!(got, concerns, "{sentence}: {:#?}", x.relations);
    }
}

/// `dated_elsewhere`: "X met Y in Lima, after a trip to Quito by Z in March" tells the
/// trip as of another day, so the meeting is not kept apart from the summit of its own
/// day: the two are one event. Without a date of its own, "after a visit" still keeps
/// the meeting apart.
#[test]
fn a_meeting_after_an_event_of_another_day_joins_the_summit_of_its_day() {
    for (later, events_on_the_day) in [
        (
            "Rojas met Vera at the Torre Tagle Palace, after a trip to Quito by Chilean \
             Foreign Minister Ana Ruiz in March.",
            1,
        ),
        (
            "Rojas met Vera at the Torre Tagle Palace, after a visit by Chilean Foreign \
             Minister Ana Ruiz.",
            2,
        ),
    ] {
        let text = format!(
            " date 2025-07-23 Chilean President Pedro Rojas and Peruvian President Luis Vera \
             held the Chile-Peru summit in Lima on July 23. {later}"
        );
        let x = run(&text);
        let on_the_day = x
            .entities
            .iter()
            .filter(|e| {
                e.kind.as_str() == "milestone"
                    && e.attrs.get("date").map(String::as_str) == Some("2025-07-23")
            })
            .count();
        assert_eq!(
            on_the_day,
            events_on_the_day,
            "{later}: {:?}",
            milestones(&x)
        );
    }
}

/// `held_then` and `dated_body_session`: "the first meeting of the Joint Trade Committee,
/// held in Lima in May 2019" tells a session of that body on its own date and in its own
/// place; with no date of its own, the meeting word tells no session of another day.
#[test]
fn a_session_held_on_a_date_of_its_own_is_an_event_then() {
    for (later, session) in [
        (
            "They welcomed the first meeting of the Chile-Peru Joint Trade Committee, held \
             in Lima in May 2019.",
            true,
        ),
        (
            "They welcomed the work of the Chile-Peru Joint Trade Committee, held in high \
             regard in both capitals.",
            false,
        ),
    ] {
        let text = format!(
            " date 2024-05-06 Chilean President Ana Rojas met Peruvian President Luis Vera \
             in Santiago on Monday. {later}"
        );
        let x = run(&text);
        let then = x.entities.iter().find(|e| {
            e.kind.as_str() == "milestone"
                && e.attrs.get("date").map(String::as_str) == Some("2019-05")
        });
        assert_eq!(then.is_some(), session, "{later}: {:?}", milestones(&x));
        let Some(then) = then else { continue };
        let held_in = |name: &str| {
            x.relations.iter().any(|r| {
                r.source == then.id
                    && r.relation.as_str() == "held_in"
                    && x.entities
                        .iter()
                        .any(|e| e.id == r.target && e.name == name)
            })
        };
        assert!(held_in("Lima"), "{:#?}", x.relations);
    }
}

/// `plural_signers` with "they", `agentless_signing` and `relate_signers`: "The two
/// Foreign Ministers reviewed the accord, which they signed ... during the state visit by
/// President X": the two ministers signed it, X did not; "which was signed in 2022"
/// names no signer. Those who signed take part in the signing (`event_people`).
#[test]
fn they_who_signed_in_a_relative_clause_are_the_plural_subject() {
    for (clause, signers) in [
        (
            "which they signed on the sidelines of the state visit by Chilean President \
             Pedro Soto to Peru in September 2022.",
            vec!["official:ana-rojas", "official:luis-vera"],
        ),
        ("which was signed in September 2022.", vec![]),
    ] {
        let text = format!(
            " date 2024-01-09 Chilean Foreign Minister Ana Rojas and Peruvian Foreign \
             Minister Luis Vera met in Lima on Tuesday. The two Foreign Ministers reviewed \
             the Chile-Peru Free Trade Agreement, {clause}"
        );
        let x = run(&text);
        let mut got: Vec<&str> = x
            .relations
            .iter()
            .filter(|r| r.relation.as_str() == "signed")
            .map(|r| r.source.as_str())
            .collect();
        got.sort_unstable();
        assert_eq!(got, signers, "{clause}");
        // Those who signed took part in the signing, though of another year.
        let took_part = milestone_relates(&x, "Signing", "involves", "Luis Vera");
        assert_eq!(
            took_part,
            !signers.is_empty(),
            "{clause}: {:?}",
            milestones(&x)
        );
    }
}

/// `ceremony_venue`: "signed at a ceremony at the Torre Tagle Palace" places the signing
/// there; an agreement's "at the Torre Tagle Palace" with no ceremony (often a later
/// event's) does not.
#[test]
fn a_signing_ceremony_at_a_palace_is_held_there() {
    for (sentence, held_there) in [
        (
            "Chile and Peru signed five agreements on Monday at a ceremony at the Torre \
             Tagle Palace.",
            true,
        ),
        (
            "Chile and Peru signed five agreements on Monday, to be presented at the Torre \
             Tagle Palace.",
            false,
        ),
    ] {
        let x = run(&format!(" date 2024-05-06 {sentence}"));
        let got = milestone_relates(&x, "Signing", "held_in", "Torre Tagle Palace");
        assert_eq!(got, held_there, "{sentence}: {:#?}", x.relations);
    }
}

/// `only_reports` with data/lexicon.ron `speech_verbs`: "..., director X announced on
/// the platform" and "..., X said" name X as the source, who takes no part in the visit
/// told.
#[test]
fn the_source_who_announces_a_visit_takes_no_part_in_it() {
    for verb in ["said", "announced via the Andina platform", "confirmed"] {
        let text = format!(
            " date 2025-12-07 Chilean President Ana Rojas will arrive in Peru on Monday for \
             talks. The visit follows an invitation extended by Peruvian President Luis \
             Vera, Peruvian communications director Carlos Soto {verb}."
        );
        let x = run(&text);
        assert!(
            !milestone_relates(&x, "", "involves", "Carlos Soto"),
            "{verb}: {:#?}",
            x.relations
        );
        assert!(milestone_relates(&x, "", "involves", "Luis Vera"), "{verb}");
    }
}

/// `told_later_that_day`: "X later held talks with Z" after "X met Y" on that day is a
/// second meeting, which Y takes no part in; without "later" the talks are the meeting
/// told before.
#[test]
fn a_meeting_told_as_later_that_day_is_another_meeting() {
    for (second, meetings) in [
        (
            "Rojas later held talks with Bolivian Foreign Minister Juan Pardo.",
            2,
        ),
        ("Rojas held talks with Vera on trade.", 1),
    ] {
        let text = format!(
            " date 2025-02-20 Chilean Foreign Minister Ana Rojas met Peruvian Foreign \
             Minister Luis Vera in Lima on Thursday. {second}"
        );
        let x = run(&text);
        let names = milestones(&x);
        assert_eq!(names.len(), meetings, "{second}: {names:?}");
        if meetings == 2 {
            let later = names.iter().find(|n| n.contains("Bolivia"));
            let Some(later) = later else {
                panic!("{names:?}")
            };
            assert!(!milestone_relates(&x, later, "involves", "Luis Vera"));
            assert!(milestone_relates(&x, later, "involves", "Juan Pardo"));
        }
    }
}

/// `share_forum`: a meeting of the day with no forum of its own was held at the forum of
/// the day's other meeting ("on the sidelines of the G20 ... later held talks").
#[test]
fn a_later_meeting_of_the_day_shares_its_forum() {
    let text = " date 2025-02-20 Chilean Foreign Minister Ana Rojas met Peruvian Foreign \
                Minister Luis Vera on Thursday on the sidelines of the G20. Rojas later held \
                talks with Bolivian Foreign Minister Juan Pardo.";
    let x = run(text);
    let names = milestones(&x);
    let later = names.iter().find(|n| n.contains("Bolivia"));
    let Some(later) = later else {
        panic!("{names:?}")
    };
    let g20 = x
        .entities
        .iter()
        .find(|e| e.kind.as_str() == "organization")
        .map(|e| e.name.clone())
        .unwrap_or_default();
    assert!(
        milestone_relates(&x, later, "held_at", &g20),
        "{g20}: {:#?}",
        x.relations
    );
}

/// `embassy_opened`: "Chile opened its first embassy in Peru on Friday" is a step in the
/// ties, held in Peru; an undated opening recalled, or "opened the summit", is none.
#[test]
fn an_embassy_opened_on_a_day_is_a_milestone() {
    for (sentence, opening) in [
        ("Chile opened its first embassy in Peru on Friday.", true),
        (
            "Chile has come a long way since it opened its first embassy in Peru.",
            false,
        ),
        (
            "Chilean President Ana Rojas opened the Chile-Peru summit on Friday.",
            false,
        ),
    ] {
        let x = run(&format!(" date 2019-02-23 {sentence}"));
        let found = milestones(&x).iter().any(|m| m.starts_with("Opening of"));
        assert_eq!(found, opening, "{sentence}: {:?}", milestones(&x));
        if opening {
            assert!(milestone_relates(&x, "Opening", "involves", "Chile"));
            assert!(milestone_relates(&x, "Opening", "involves", "Peru"));
            assert!(milestone_relates(&x, "Opening", "held_in", "Peru"));
        }
    }
}
