//! Sentences demo bios and goals are assembled from: data only.

/// Bio sentences; `{name}` slots are filled from `bios::slots`.
#[rustfmt::skip]
pub(super) const INTROS_STUDYING: &[&str] = &[
    "I'm an MLIS student{school} and hope to build a career in {area}.",
    "I'm finishing my MLIS{school}; {area} is where I hope to land.",
    "Library school{school} has me hooked on {interest}, and I hope to work in {area}.",
];
#[rustfmt::skip]
pub(super) const INTROS_STUDENT_WORKER: &[&str] = &[
    "I'm {role} at {workplace}, splitting my time between coursework and {work}.",
    "By day I'm {role} at {workplace}; by night I'm writing papers about {interest}.",
];
#[rustfmt::skip]
pub(super) const INTROS_NEW: &[&str] = &[
    "I'm {role} at {workplace}, {first_job}.",
    "{position} at {workplace}. I finished library school {ago} and have loved {area} ever since.",
    "I joined {workplace} as {role} {ago}, straight out of library school.",
];
#[rustfmt::skip]
pub(super) const INTROS_CHANGER: &[&str] = &[
    "I came to libraries after {before} years as {prior}, and I'm now {role} at {workplace}.",
    "After a first career as {prior}, I moved into {area} {ago}.",
    "I spent {before} years as {prior} before library school; now I'm {role} at {workplace}.",
];
#[rustfmt::skip]
pub(super) const INTROS_EXPERIENCED: &[&str] = &[
    "I'm {role} at {workplace}, with {years} years in {area}.",
    "For the past {years} years I've worked in {area}; these days I'm {role} at {workplace}.",
    "{position} at {workplace}. I've been a librarian for {years} years.",
    "I've spent {years} years in libraries, most recently as {role} at {workplace}.",
];
#[rustfmt::skip]
pub(super) const MIDDLES: &[&str] = &[
    "My work focuses on {interest} and {interest2}.",
    "Lately I've been thinking a lot about *{interest}*, especially where it meets {interest2}.",
    "I'm especially interested in {interests}.",
    "Most days involve {works}.",
    "Day to day that means {work} and {work2}, and I still find {interest} endlessly interesting.",
    "Right now I'm deep in {work} and trying to make more room for {interest}.",
];
#[rustfmt::skip]
pub(super) const ASIDES: &[&str] = &[
    "Ask me about {topic}, my favourite obscure subject.",
    "I have a soft spot for {topic}.",
    "Colleagues know me as the person to ask about {topic}.",
    "My current side project involves **{topic}**.",
];
#[rustfmt::skip]
pub(super) const OFFERS: &[&str] = &[
    "As a mentor I can help with {offered}.",
    "I especially enjoy talking with newer colleagues about **{first_offered}**.",
    "I've mentored through {program} before and would gladly do it again, mainly around {offered}.",
    "Having made plenty of mistakes in {first_offered}, I'm happy to share what I've learned.",
    "If you want a sounding board on {offered}, I'd be glad to hear from you.",
];
#[rustfmt::skip]
pub(super) const HOPES: &[&str] = &[
    "I'm hoping to learn more about {sought}.",
    "I'd love guidance on {sought} from someone who has been there.",
    "I'm looking for a mentor who can help me with *{first_sought}*.",
];
#[rustfmt::skip]
pub(super) const LINKS: &[&str] = &[
    "I keep notes on my projects at [example.org/{slug}](https://example.org/{slug}).",
    "Slides from my recent talks are on [my site](https://example.org/people/{slug}).",
    "I write occasionally on [my blog](https://example.org/blog/{slug}), mostly about {interest}.",
];
pub(super) const PROGRAMS: &[&str] = &[
    "my state association's program",
    "a campus peer-mentoring circle",
    "an informal network at work",
    "a caucus mentoring cohort",
    "a round table's mentoring program",
];

/// Goals by the focus area they are about.
#[rustfmt::skip]
pub(super) const GOALS: &[(&str, &[&str])] = &[
    ("scholarship", &[
        "Publish my first peer-reviewed article within two years.",
        "Turn my project on {interest} into a conference paper and then an article.",
        "Understand how promotion and tenure dossiers are read, and start mine early.",
    ]),
    ("leadership", &[
        "Prepare to apply for a department head position in the next few years.",
        "Learn to lead a team through a big change without burning everyone out.",
        "Get better at budgets, difficult conversations and managing up.",
    ]),
    ("career", &[
        "Decide whether to specialise in {area} or stay a generalist.",
        "Map out the next five years of my career in {area}.",
    ]),
    ("research", &[
        "Design a small research project on {interest} and get it through ethics review.",
        "Learn qualitative interviewing methods for a user study.",
    ]),
    ("teaching", &[
        "Build confidence teaching one-shot sessions and design better active-learning activities.",
        "Redesign my workshops so they work for online and in-person groups alike.",
    ]),
    ("technology", &[
        "Learn enough Python and SQL to automate the reports I build by hand.",
        "Get comfortable with {tool} and the systems side of {area}.",
    ]),
    ("conferences", &[
        "Submit a proposal to a national conference and present for the first time.",
        "Learn how to get the most out of a big conference without being overwhelmed.",
    ]),
    ("job_search", &[
        "Land a first professional position in {area}.",
        "Practise interviews and get honest feedback on my cover letters.",
    ]),
    ("workplace", &[
        "Navigate a reorganisation at work and keep my team steady.",
        "Set boundaries and avoid burnout in a short-staffed department.",
    ]),
    ("dei", &[
        "Build more inclusive programs and services, and find peers doing the same.",
        "Connect with other librarians of colour working in {area}.",
    ]),
];
#[rustfmt::skip]
pub(super) const GOAL_DETAILS: &[&str] = &[
    "Ideally a monthly check-in for six months.",
    "I'm in {place} and can meet most weekday afternoons.",
    "Even one conversation a term would help.",
];
