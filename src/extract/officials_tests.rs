//! Table tests of the officials rules: invented sentences, each a class of construction
//! real articles use. A row names relations that must and must not be extracted.

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

fn name_of(x: &Extraction, id: &str) -> String {
    x.entities
        .iter()
        .find(|e| e.id == id)
        .map(|e| e.name.clone())
        .unwrap_or_default()
}

/// "Name relation Name" facts of the extraction, symmetric ones both ways.
fn facts(x: &Extraction) -> Vec<String> {
    let mut out = Vec::new();
    for r in &x.relations {
        let (s, t) = (name_of(x, &r.source), name_of(x, &r.target));
        out.push(format!("{s} {} {t}", r.relation.as_str()));
        if r.relation.is_symmetric() {
            out.push(format!("{t} {} {s}", r.relation.as_str()));
        }
    }
    for e in x.entities.iter().filter(|e| e.kind.as_str() == "official") {
        out.push(format!("official {}", e.name));
    }
    out
}

/// Each row: an article, facts it must give, facts it must not give.
fn check(rows: &[(&str, &[&str], &[&str])]) {
    for (text, want, not) in rows {
        let got = facts(&run(text));
        for w in *want {
            assert!(
                got.iter().any(|g| g == w),
                "missing {w:?} in\n{text}\n{got:#?}"
            );
        }
        for n in *not {
            assert!(
                !got.iter().any(|g| g == n),
                "spurious {n:?} in\n{text}\n{got:#?}"
            );
        }
    }
}

const HEAD: &str = "Talks\n\ndate 2024-03-05\n\n";

#[test]
fn initials_inside_a_name_neither_end_the_sentence_nor_cut_the_name() {
    let a = format!(
        "{HEAD}Nepalese Foreign Minister K.P. Sharma Adhikari and Bhutan's Minister of \
         Foreign Affairs Dorji Wangmo initialled the accord.\n"
    );
    let b = format!(
        "{HEAD}Kenyan Minister for Foreign Affairs Amina W.N. Odhiambo chaired the session.\n"
    );
    check(&[
        (
            &a,
            &[
                "official K.P. Sharma Adhikari",
                "K.P. Sharma Adhikari represents Nepal",
                "Dorji Wangmo represents Bhutan",
            ],
            &["official K.P"],
        ),
        (
            &b,
            &["Amina W.N. Odhiambo represents Kenya"],
            &["official Amina W.N"],
        ),
    ]);
}

#[test]
fn a_known_officials_country_wins_over_nearby_countries_and_the_dateline() {
    let a = format!(
        "{HEAD}ADDIS ABABA — Foreign Minister Fidan held talks with Kenyan officials on trade.\n"
    );
    let b = format!("{HEAD}Foreign Minister Tuggar signed a visa accord with Brazil on Monday.\n");
    let c =
        format!("{HEAD}Indonesia welcomed President Ferdinand R. Marcos Jr. for talks in 2022.\n");
    check(&[
        (
            &a,
            &["Hakan Fidan represents Turkey"],
            &[
                "Hakan Fidan represents Ethiopia",
                "Fidan represents Ethiopia",
            ],
        ),
        (
            &b,
            &["Yusuf Tuggar represents Nigeria"],
            &["Yusuf Tuggar represents Brazil", "Tuggar represents Brazil"],
        ),
        (
            &c,
            &["Ferdinand R. Marcos Jr. represents Philippines"],
            &["Ferdinand R. Marcos Jr. represents Indonesia"],
        ),
    ]);
}

#[test]
fn a_country_the_official_deals_with_is_not_theirs() {
    let a = format!(
        "{HEAD}Nigeria and Brazil\n\nForeign Minister Adebayo Okonkwo signed a visa accord \
         with Brazil on Monday in Abuja, the Nigerian capital. Nigeria hopes for more trade.\n"
    );
    let b = format!(
        "{HEAD}President Ilse Varga says the partnership with the U.S. has shaped Hungary's \
         path. Hungary and the United States marked the date in Hungary.\n"
    );
    check(&[
        (&a, &[], &["Adebayo Okonkwo represents Brazil"]),
        (&b, &[], &["Ilse Varga represents United States"]),
    ]);
}

#[test]
fn sentence_opening_adverbs_are_no_names_and_a_definite_office_sets_off_a_full_name() {
    let a = format!(
        "{HEAD}Afterwards, the President of India toured the harbour, where she met the Prime \
         Minister, Ana Lucia da Costa Ximenes, with several ministers.\n\n\
         Prime Minister Costa Ximenes thanked India and said Timor-Leste values its help.\n"
    );
    let b =
        format!("{HEAD}The agreements were signed at the office of the President, Casa Verde.\n");
    check(&[
        (
            &a,
            &[
                "official Ana Lucia da Costa Ximenes",
                "Ana Lucia da Costa Ximenes represents Timor-Leste",
            ],
            &["official Afterwards", "official Costa Ximenes"],
        ),
        (&b, &[], &["official Casa Verde"]),
    ]);
}

#[test]
fn a_name_after_a_long_title_or_portfolio_is_read_whole() {
    let a = format!(
        "{HEAD}Talks were led by the Maldives Minister of Defence and National Security Adam \
         Rasheed Omar, and later by the Maldives Minister of Education Dr Aisha Rahim.\n"
    );
    let b = format!(
        "{HEAD}Assistant Secretary of State for Western Hemisphere Affairs Brian K. Walters \
         met Chile's trade delegation. Philippine Secretary for Foreign Affairs Ramon A. Cruz \
         spoke.\n"
    );
    let c = format!(
        "{HEAD}He wrote to Speaker of the Senate Marie Tremblay, thanked President of the Republic \
         Karim Ben Salah and met the Mayor of Beira, Jose Macuacua, on Friday.\n"
    );
    check(&[
        (
            &a,
            &[
                "Adam Rasheed Omar represents Maldives",
                "Aisha Rahim represents Maldives",
            ],
            &["official Rasheed Omar"],
        ),
        (
            &b,
            &["official Brian K. Walters", "official Ramon A. Cruz"],
            &["official Ramon"],
        ),
        (
            &c,
            &[
                "official Marie Tremblay",
                "official Karim Ben Salah",
                "official Jose Macuacua",
            ],
            &[],
        ),
    ]);
}

#[test]
fn two_titled_names_in_a_row_and_nicknames_keep_their_own_titles() {
    let a = format!(
        "{HEAD}Hosted by the Prime Minister of India, H.E. Shri Ravi Kumar Verma, the President \
         of the Republic of the Philippines, H.E. Mr. Tomas Reyes toured Delhi.\n"
    );
    let b = format!(
        "{HEAD}Kamala Devi Thapa 'Comrade', Prime Minister of Nepal, held talks in Delhi with \
         Prime Minister Ravi Kumar Verma.\n"
    );
    let c = format!(
        "{HEAD}Bangladeshi Prime Minister Sheikh Hasina thanked her Bhutanese counterpart Lotay \
         Wangchuk on Tuesday.\n"
    );
    check(&[
        (
            &a,
            &[
                "Ravi Kumar Verma represents India",
                "Tomas Reyes represents Philippines",
                "Ravi Kumar Verma meets Tomas Reyes",
            ],
            &["official Shri Ravi Kumar Verma"],
        ),
        (
            &b,
            &[
                "Kamala Devi Thapa represents Nepal",
                "Kamala Devi Thapa counterpart_of Ravi Kumar Verma",
            ],
            &[],
        ),
        (&c, &["Sheikh Hasina counterpart_of Lotay Wangchuk"], &[]),
    ]);
}

#[test]
fn plural_titles_name_two_counterparts_of_the_two_sides() {
    let a = format!(
        "{HEAD}Three agreements were signed between Rwanda and Guinea-Bissau on Monday in \
         Kigali, Rwanda.\n\nIn the presence of President Paul Kagame and his visiting counterpart \
         Carlos Domingos Vaz, the two nations' Ministers of Foreign Affairs, Jean Mugabo and his \
         counterpart Ana Carla Mendes, inked the deals.\n"
    );
    let b = format!(
        "{HEAD}Uruguay and the United States held talks in Washington. Uruguay wants more \
         trade.\n\nPresidents Joseph Biden and Rafael Torres Pou met in June 2023 in \
         Washington.\n"
    );
    check(&[
        (
            &a,
            &[
                "Jean Mugabo represents Rwanda",
                "Ana Carla Mendes represents Guinea-Bissau",
                "Ana Carla Mendes counterpart_of Jean Mugabo",
                "Carlos Domingos Vaz counterpart_of Paul Kagame",
                "Carlos Domingos Vaz represents Guinea-Bissau",
            ],
            &["Ana Carla Mendes counterpart_of Carlos Domingos Vaz"],
        ),
        (
            &b,
            &[
                "Rafael Torres Pou represents Uruguay",
                "Joseph Biden counterpart_of Rafael Torres Pou",
            ],
            &[],
        ),
    ]);
}

#[test]
fn one_who_met_an_official_of_a_country_is_from_the_other() {
    let a = format!(
        "{HEAD}Kenya and Bahrain\n\nThe Minister of Foreign Affairs, Shaikh Salman bin Rashid \
         Al Nasser, met with the Foreign Minister of the Republic of Kenya, Grace Wanjiru, on \
         Tuesday to discuss shipping. Kenya and Bahrain signed two deals. \
         Kenya hopes for more.\n"
    );
    check(&[(
        &a,
        &[
            "Salman bin Rashid Al Nasser represents Bahrain",
            "Grace Wanjiru represents Kenya",
        ],
        &["Salman bin Rashid Al Nasser represents Kenya"],
    )]);
}

#[test]
fn forms_of_address_before_names_in_a_delegation_list_are_stripped() {
    let a = format!(
        "{HEAD}The delegation includes Sayyid Fahd bin Ali Al Harthi, Foreign Minister, \
         Sayyid Saud bin Ali Al Harthi, Minister of the Royal Court, Sultan bin Nasser Al Rawahi, \
         Minister of Finance, Yusuf bin Ahmed al-Kindi, Chairman of Oman Development Fund, \
         and Dr Salim bin Said Al Amri, Minister of Labour.\n"
    );
    check(&[(
        &a,
        &[
            "official Fahd bin Ali Al Harthi",
            "official Saud bin Ali Al Harthi",
            "Fahd bin Ali Al Harthi represents Oman",
            "Sultan bin Nasser Al Rawahi represents Oman",
            "Yusuf bin Ahmed al-Kindi represents Oman",
            "official Salim bin Said Al Amri",
        ],
        &[
            "official Development Fund",
            "official Sayyid Fahd bin Ali Al Harthi",
            "official Dr Salim bin Said Al Amri",
        ],
    )]);
}

#[test]
fn clock_times_postings_and_okinas_are_read_as_such() {
    let a = format!(
        "{HEAD}Posted : May 2 2024 | 6:40 PM IST\n\nBangladesh and Bhutan agreed to \
         expand trade.\n"
    );
    let b = format!(
        "{HEAD}The talks were attended by Vietnamese Ambassador to Indonesia Tran Quoc Hung. \
         Hamad bin Ali Al Rashdi, ambassador of Oman to Kuwait, came too.\n"
    );
    let c = format!(
        "{HEAD}Tonga's Minister for Foreign Affairs and Tourism, Hon. Sione \u{2018}Akauola, \
         opened the forum.\n"
    );
    check(&[
        (&a, &[], &["official IST"]),
        (
            &b,
            &[
                "Tran Quoc Hung represents Vietnam",
                "Hamad bin Ali Al Rashdi represents Oman",
            ],
            &["Tran Quoc Hung represents Indonesia"],
        ),
        (
            &c,
            &["Sione \u{2018}Akauola represents Tonga"],
            &["official Sione"],
        ),
    ]);
}

#[test]
fn holders_of_the_same_office_for_the_two_sides_are_counterparts() {
    let a = format!(
        "{HEAD}Kuwait and the UAE\n\nABU DHABI - Sheikh Hamad bin Rashid Al Nahyan, Deputy Prime Minister and \
         Minister of Foreign Affairs, chaired the session in Abu Dhabi. Kuwaiti Minister of \
         Foreign Affairs Fahad Ali Al-Mutairi spoke next.\n\n\
         The United Arab Emirates and Kuwait signed two deals.\n"
    );
    let b = format!(
        "{HEAD}Iraq and Spain\n\nOn Friday Al-Hashimi and his Spanish counterpart, Carlos Ruiz \
         Vega, opened a business forum of Iraq and Spain in Madrid.\n\n\
         Iraqi Prime Minister Ali Hassan Al-Hashimi signed seven memorandums there.\n"
    );
    let c = format!(
        "{HEAD}Tonga and China\n\nOn Monday H.E. Li Wenbo, State Councilor and Minister for \
         Foreign Affairs of the People's Republic of China, arrived in Tonga. He held talks with \
         the Minister for Foreign Affairs of Tonga, Hon. Sione Tupou.\n"
    );
    check(&[
        (
            &a,
            &["Fahad Ali Al-Mutairi counterpart_of Hamad bin Rashid Al Nahyan"],
            &[],
        ),
        (
            &b,
            &[
                "Carlos Ruiz Vega counterpart_of Ali Hassan Al-Hashimi",
                "Carlos Ruiz Vega represents Spain",
            ],
            &[],
        ),
        (&c, &["Sione Tupou counterpart_of Li Wenbo"], &[]),
    ]);
}

#[test]
fn a_title_that_is_a_name_names_its_holder_with_the_country_told_before() {
    let a = format!(
        "{HEAD}The King received Chile's new ambassador at the palace on Monday.\n\n\
         The new ambassador is Rosa Elena Vidal De la Torre.\n\n\
         She later toured Port Moresby, Papua New Guinea.\n"
    );
    check(&[(
        &a,
        &[
            "official Rosa Elena Vidal De la Torre",
            "Rosa Elena Vidal De la Torre represents Chile",
        ],
        &[],
    )]);
}

#[test]
fn a_lone_unconfirmed_word_after_a_title_is_no_name() {
    let a = format!(
        "{HEAD}General News of Monday, 6 May 2024\n\nGhana and Togo agreed to build a road.\n"
    );
    let b =
        format!("{HEAD}Ghana and Togo agreed to build a road.\n\nAfter the talks, President Ab");
    let c = format!(
        "{HEAD}Defence Minister Rajnath Singh met his Japanese counterpart General Nakatani in \
         Delhi. Ambassador Okafor of Nigeria attended.\n"
    );
    check(&[
        (&a, &[], &["official News"]),
        (&b, &[], &["official Ab"]),
        (
            &c,
            &["Okafor represents Nigeria", "official Gen Nakatani"],
            &[],
        ),
    ]);
}

#[test]
fn honorifics_royal_titles_and_name_particles_leave_one_clean_name() {
    let a = format!(
        "{HEAD}Mexican President Andres Manuel Lopez Obrador met His Majesty King Tupou VI of \
         Tonga on Monday. Malaysian Deputy Foreign Minister Datuk Seri Amir Hamzah Azizan \
         attended. Her Excellency Dr. Ana Paula dos Santos Silva, Foreign Minister of Angola, \
         spoke with Saudi Crown Prince Salman bin Khalid Al Saud. Brazilian Foreign Minister \
         Carlos Alberto de Souza Franca met Dutch Foreign Minister Pieter van den Berg. H.E. \
         Dato' Sri Lim Chee Keong, Ambassador of Malaysia, and Gen. Ahmad bin Yusuf of Brunei \
         joined.\n"
    );
    check(&[(
        &a,
        &[
            "Andres Manuel Lopez Obrador represents Mexico",
            "Tupou VI represents Tonga",
            "Amir Hamzah Azizan represents Malaysia",
            "Ana Paula dos Santos Silva represents Angola",
            "Salman bin Khalid Al Saud represents Saudi Arabia",
            "Carlos Alberto de Souza Franca counterpart_of Pieter van den Berg",
            "Lim Chee Keong represents Malaysia",
            "Ahmad bin Yusuf represents Brunei",
        ],
        &["official Hamzah Azizan"],
    )]);
}

#[test]
fn a_suffix_set_off_by_commas_stays_with_the_name_before_its_title() {
    let a = format!(
        "{HEAD}The pact was signed by Mr. Ramon C. Aquino, Jr., Secretary of National Defense \
         of the Philippines, in Manila.\n"
    );
    check(&[(&a, &["Ramon C. Aquino Jr. represents Philippines"], &[])]);
}

#[test]
fn a_dotted_form_of_address_ends_no_sentence() {
    let a = format!(
        "{HEAD}On Tuesday the President of India, H.E. Smt. Kavita Rao, hosted Philippine \
         President Tomas Reyes at a banquet. Mme. Claire Dubois attended.\n"
    );
    check(&[(
        &a,
        &[
            "Kavita Rao represents India",
            "Kavita Rao counterpart_of Tomas Reyes",
        ],
        &[],
    )]);
}

#[test]
fn malay_forms_of_address_capitals_and_patronyms_leave_one_person() {
    // An apostrophe in a form of address ("Dato' Seri") is a token of its own; read
    // leftwards before a title, the name must not keep the form's last word.
    let a = format!(
        "{HEAD}The Honourable Dato' Seri Razak Halim, Prime Minister of Malaysia, \
         welcomed the guests.\n"
    );
    let b = format!(
        "{HEAD}Malaysian Prime Minister Dato\u{2019} Seri Razak bin Halim opened the forum. Prime \
         Minister Razak Halim later spoke to reporters.\n"
    );
    // A letterhead in capitals: "OF", "AND" and "THE" are no names.
    let c = "JOINT STATEMENT BETWEEN THE PRESIDENT OF INDONESIA AND THE HONOURABLE DATO' SERI \
             RAZAK HALIM, PRIME MINISTER OF MALAYSIA\n\ndate 2024-03-05\n\nThe two leaders \
             met in Jakarta.\n";
    check(&[
        (
            &a,
            &["official Razak Halim", "Razak Halim represents Malaysia"],
            &["official Seri Razak Halim"],
        ),
        (
            &b,
            &["Razak bin Halim represents Malaysia"],
            &["official Razak Halim", "official Seri Razak bin Halim"],
        ),
        (
            c,
            &["official RAZAK HALIM"],
            &[
                "official OF MALAYSIA",
                "official OF INDONESIA AND THE HONOURABLE DATO",
                "official SERI RAZAK HALIM",
            ],
        ),
    ]);
}

#[test]
fn portfolio_words_end_a_title_before_its_holders_name() {
    let a =
        format!("{HEAD}Mozambican Minister of External Relations Ana Paula Costa met the envoy.\n");
    let b = format!(
        "{HEAD}Gabon's Minister of Planning and Regional Integration Paul Nze Obame said \
         the project would go ahead.\n"
    );
    check(&[
        (
            &a,
            &[
                "official Ana Paula Costa",
                "Ana Paula Costa represents Mozambique",
            ],
            &["official Relations Ana Paula Costa"],
        ),
        (
            &b,
            &["official Paul Nze Obame", "Paul Nze Obame represents Gabon"],
            &["official Integration Paul Nze Obame"],
        ),
    ]);
}

#[test]
fn a_diplomats_station_and_an_agency_after_a_country_end_the_title() {
    let a = format!(
        "{HEAD}The Kenyan Ambassador in Seoul, His Excellency Otieno Kamau, attended the \
         ceremony.\n"
    );
    let b = format!(
        "{HEAD}The Director General of Ghana Customs and Mr Kofi Mensah signed the deal.\n"
    );
    check(&[
        (
            &a,
            &["official Otieno Kamau", "Otieno Kamau represents Kenya"],
            &[],
        ),
        (
            &b,
            &[],
            &["official Customs", "official Customs and Mr Kofi Mensah"],
        ),
    ]);
}

#[test]
fn the_leader_of_a_countrys_delegation_is_from_that_country() {
    let a = format!(
        "{HEAD}Nigeria hosted the talks in Abuja, Nigeria's capital. The Ghanaian delegation, \
         led by Deputy Minister of Trade and Industry Dr. Prof. Kwame Asante, held talks with \
         Nigerian officials.\n"
    );
    check(&[(
        &a,
        &["Kwame Asante represents Ghana"],
        &["Kwame Asante represents Nigeria"],
    )]);
}

#[test]
fn two_generals_of_the_two_sides_are_no_counterparts_by_rank() {
    let a = format!(
        "{HEAD}Ghanaian Defence Minister General Kofi Boateng visited Togo. General Boateng \
         thanked the Director General of Togo Customs and the Chairman of the alumni \
         association, Maj. Gen. Komla Agbeko, for the welcome.\n"
    );
    check(&[(
        &a,
        &["Kofi Boateng represents Ghana"],
        &["Komla Agbeko counterpart_of Kofi Boateng"],
    )]);
}

#[test]
fn a_communications_director_is_an_official_of_the_country() {
    let a = format!(
        "{HEAD}The visit was announced by Kenyan communications director Wanjiru Otieno on \
         Monday.\n"
    );
    check(&[(
        &a,
        &["official Wanjiru Otieno", "Wanjiru Otieno represents Kenya"],
        &[],
    )]);
}

#[test]
fn one_named_by_a_bodys_role_speaks_for_the_body_not_the_home_country() {
    let role = format!(
        "{HEAD}EU chief negotiator Michel Barnier met Irish Foreign Minister Sean Doyle in \
         Dublin on Tuesday.\n"
    );
    let plain = format!(
        "{HEAD}Michel Barnier met Irish Foreign Minister Sean Doyle in Dublin on Tuesday.\n"
    );
    check(&[
        (
            &role,
            &["official Michel Barnier", "Sean Doyle represents Ireland"],
            &["Michel Barnier represents France"],
        ),
        (&plain, &["Michel Barnier represents France"], &[]),
    ]);
}

#[test]
fn a_blocs_adjective_before_a_role_names_the_body_not_the_home_country() {
    let role = format!(
        "{HEAD}European negotiator Michel Barnier met Irish Foreign Minister Sean Doyle in \
         Dublin on Tuesday.\n"
    );
    let plural = format!(
        "{HEAD}European leaders Emmanuel Macron and Olaf Scholz met in Dublin on Tuesday.\n"
    );
    check(&[
        (
            &role,
            &[
                "official Michel Barnier",
                "Michel Barnier member_of European Union",
                "Sean Doyle represents Ireland",
            ],
            &["Michel Barnier represents France"],
        ),
        (
            &plural,
            &[
                "Emmanuel Macron represents France",
                "Olaf Scholz represents Germany",
            ],
            &["Emmanuel Macron member_of European Union"],
        ),
    ]);
}

#[test]
fn a_fallback_never_gives_a_second_holder_of_a_countrys_one_office() {
    let a = format!(
        "{HEAD}Prime Minister Jan Vermeer will meet his Danish counterpart Mette Holm in \
         Copenhagen on Friday. Luxembourg Prime Minister Paul Weber also took part in the \
         regional talks. Luxembourg and Denmark discussed energy, and Luxembourg's banks \
         were praised.\n"
    );
    check(&[(
        &a,
        &[
            "Paul Weber represents Luxembourg",
            "Mette Holm represents Denmark",
        ],
        &["Jan Vermeer represents Luxembourg"],
    )]);
}

#[test]
fn one_who_spoke_with_an_official_of_a_country_is_from_the_other() {
    let a = format!(
        "{HEAD}WASHINGTON - US Deputy Secretary of State Ann Carter spoke by phone with Vice \
         Minister for Foreign Affairs Kenji Aoki on Wednesday. Japan and the United States \
         agreed to meet again.\n"
    );
    check(&[(
        &a,
        &["Kenji Aoki represents Japan", "Ann Carter meets Kenji Aoki"],
        &["Kenji Aoki represents United States"],
    )]);
}

#[test]
fn a_national_agencys_unqualified_titles_are_its_countrys() {
    let lead = "OTTAWA, March 10 (AGENCY) - Deputy Prime Minister Tran Van Binh opened a trade \
                fair in Ottawa on Monday, where Canadian Trade Minister Anne Leclerc spoke. \
                Vietnam and Canada agreed to hold the fair again.\n";
    let national = format!("{HEAD}{}", lead.replace("AGENCY", "VNA"));
    let wire = format!("{HEAD}{}", lead.replace("AGENCY", "Reuters"));
    check(&[
        (
            &national,
            &["Tran Van Binh represents Vietnam"],
            &["Tran Van Binh represents Canada"],
        ),
        (&wire, &["Tran Van Binh represents Canada"], &[]),
    ]);
}

#[test]
fn one_who_held_talks_with_an_official_of_a_country_is_from_the_other() {
    let a = format!(
        "{HEAD}OTTAWA - Canadian Trade Minister Anne Leclerc held talks with Deputy Prime \
         Minister Tran Van Binh on Monday. Vietnam and Canada agreed to meet again.\n"
    );
    check(&[(
        &a,
        &["Tran Van Binh represents Vietnam"],
        &["Tran Van Binh represents Canada"],
    )]);
}

#[test]
fn a_cabinet_secretary_of_the_foreign_ministry_is_a_foreign_minister() {
    let a = format!(
        "{HEAD}The Minister of Foreign Affairs of Chile, Rosa Campos, met with the Cabinet \
         Secretary of the Ministry of Foreign Affairs of the Republic of Ghana, Kofi Mensah, \
         in Accra.\n"
    );
    check(&[(
        &a,
        &[
            "Kofi Mensah represents Ghana",
            "Kofi Mensah counterpart_of Rosa Campos",
        ],
        &[],
    )]);
}

#[test]
fn the_other_sides_qualified_officials_do_not_outvote_the_dateline() {
    let a = format!(
        "{HEAD}HANOI, Sept 3 - Trade Minister Nguyen Van Hoa and his Mongolian counterpart \
         signed a trade deal. Mongolian President Bat Erdene praised the deal. Ambassador Le \
         Minh Tam attended. Vietnam and Mongolia will meet again.\n"
    );
    check(&[(
        &a,
        &[
            "Nguyen Van Hoa represents Vietnam",
            "Le Minh Tam represents Vietnam",
            "Bat Erdene represents Mongolia",
        ],
        &[
            "Nguyen Van Hoa represents Mongolia",
            "Le Minh Tam represents Mongolia",
        ],
    )]);
}

#[test]
fn a_country_after_a_possessive_pronoun_is_the_other_sides() {
    let a = format!(
        "{HEAD}HANOI - Trade Minister Nguyen Van Hoa and his Mongolian hosts toured the \
         plant. Vietnam hopes for more.\n"
    );
    check(&[(
        &a,
        &["Nguyen Van Hoa represents Vietnam"],
        &["Nguyen Van Hoa represents Mongolia"],
    )]);
}

#[test]
fn an_adviser_to_a_leader_set_off_by_commas_is_an_official_of_the_leaders_country() {
    let a = format!(
        "{HEAD}The accord was signed by Ana Ruiz Soto, a senior adviser to Chilean President \
         Pedro Lagos, and by a rebel envoy.\n"
    );
    let b = format!(
        "{HEAD}Ana Ruiz Soto, a friend of the family, met Chilean President Pedro Lagos. \
         Luis Vera Paz, a former adviser to Chilean President Pedro Lagos, spoke.\n"
    );
    check(&[
        (
            &a,
            &["official Ana Ruiz Soto", "Ana Ruiz Soto represents Chile"],
            &[],
        ),
        (
            &b,
            &[],
            &["official Ana Ruiz Soto", "official Luis Vera Paz"],
        ),
    ]);
}

/// Acting together is told by the verb's lower-cased opening, compared in place for
/// ASCII words as `to_lowercase` then `starts_with` did.
#[test]
fn acting_verbs_are_compared_as_lower_cased() {
    use super::{acts_together, ACTING_VERBS};
    let words = [
        "signed", "SIGNED", "Met", "meeting", "held", "Holds", "inked", "Ink", "agreed", "sealing",
        "said", "me", "", "in", "İnked", "Signé", "agree",
    ];
    for w in words {
        let lower = w.to_lowercase();
        let expected = ACTING_VERBS.iter().any(|v| lower.starts_with(v));
        assert_eq!(acts_together(w), expected, "{w}");
    }
}

/// Possessives come off as `trim_end_matches` took them: every trailing one.
#[test]
fn possessives_are_trimmed_as_trim_end_matches_did() {
    use super::trim_possessives;
    for w in ["Modi's", "Modi's's", "Modi", "'s", "", "Xi\u{2019}s", "s's"] {
        for suffix in ["'s", "\u{2019}s"] {
            assert_eq!(
                trim_possessives(w, suffix),
                w.trim_end_matches(suffix),
                "{w}"
            );
        }
    }
}
