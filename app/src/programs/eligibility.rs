//! Eligibility in words, in the reader's language: a program's rules as its
//! page lists them, the first rule a member's profile does not meet, and why a
//! cycle is not taking an enrolment.

use super::model::{Cycle, Phase, Program, Role};
use crate::profiles::model::CareerStage;

/// What eligibility looks at in a member's profile.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    pub years_professional: i64,
    pub career_stage: CareerStage,
    pub affiliations: Vec<String>,
}

/// "New professional" → "new professional", but "LIS student" stays.
fn in_sentence(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if b.is_lowercase() => {
            a.to_lowercase().chain(label.chars().skip(1)).collect()
        }
        _ => label.to_owned(),
    }
}

fn join_words(words: &[String], last: &str) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., tail] => format!("{} {last} {tail}", init.join(", ")),
    }
}

impl Program {
    /// The rules for `role`, in words, as the program page lists them.
    pub fn rules(&self, role: Role) -> Vec<String> {
        let mut rules = Vec::new();
        match role {
            Role::Mentor if self.mentor_min_years > 0 => rules.push(
                crate::tr!(programs.rules.min_years, count = self.mentor_min_years).to_string(),
            ),
            Role::Mentee if !self.mentee_stages.is_empty() => {
                let stages = join_words(&self.stage_labels(), crate::tr!(programs.words.or));
                rules.push(crate::tr!(programs.rules.open_to, stages = stages).to_string())
            }
            _ => {}
        }
        if !self.required_tags.is_empty() {
            let tags = join_words(&self.required_tags, crate::tr!(programs.words.and));
            rules.push(crate::tr!(programs.rules.members_of, tags = tags).to_string());
        }
        rules
    }

    fn stage_labels(&self) -> Vec<String> {
        self.mentee_stages
            .iter()
            .map(|s| in_sentence(s.label()))
            .collect()
    }

    /// The first rule `standing` does not meet for `role`, in words; `None`
    /// when the member may enrol.
    pub fn unmet_rule(&self, role: Role, standing: Option<&Standing>) -> Option<String> {
        let Some(s) = standing else {
            return Some(crate::tr!(programs.unmet.no_profile).to_owned());
        };
        if role == Role::Mentor && s.years_professional < self.mentor_min_years {
            let min = crate::tr!(programs.unmet.min_years, count = self.mentor_min_years);
            let says = crate::tr!(programs.unmet.profile_years, count = s.years_professional);
            return Some(
                crate::tr!(
                    programs.unmet.years,
                    program = &self.name,
                    min = min.to_string(),
                    years = says.to_string()
                )
                .to_string(),
            );
        }
        if role == Role::Mentee
            && !self.mentee_stages.is_empty()
            && !self.mentee_stages.contains(&s.career_stage)
        {
            let stages = join_words(&self.stage_labels(), crate::tr!(programs.words.or));
            let stage = in_sentence(s.career_stage.label());
            return Some(
                crate::tr!(
                    programs.unmet.stage,
                    program = &self.name,
                    stages = stages,
                    stage = stage
                )
                .to_string(),
            );
        }
        let missing: Vec<String> = self
            .required_tags
            .iter()
            .filter(|t| !s.affiliations.iter().any(|a| a.eq_ignore_ascii_case(t)))
            .cloned()
            .collect();
        if !missing.is_empty() {
            return Some(
                crate::tr!(
                    programs.unmet.tags,
                    count = missing.len(),
                    program = &self.name,
                    tags = join_words(&self.required_tags, crate::tr!(programs.words.and)),
                    missing = join_words(&missing, crate::tr!(programs.words.or))
                )
                .to_string(),
            );
        }
        None
    }
}

impl Cycle {
    /// Why enrolment is refused as of `now` for `role`, in words.
    pub fn closed_reason(&self, role: Role, now: i64) -> Option<String> {
        use crate::dates::day;
        match self.phase(now) {
            Phase::Upcoming => Some(
                crate::tr!(
                    programs.closed.opens,
                    cycle = &self.name,
                    day = day(self.enrol_opens)
                )
                .to_string(),
            ),
            Phase::Running | Phase::Ended => Some(
                crate::tr!(
                    programs.closed.closed,
                    cycle = &self.name,
                    day = day(self.enrol_closes)
                )
                .to_string(),
            ),
            Phase::Enrolling if role == Role::Mentee && self.mentees >= self.capacity => Some(
                crate::tr!(
                    programs.closed.full,
                    count = self.capacity,
                    cycle = &self.name
                )
                .to_string(),
            ),
            Phase::Enrolling => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::programs::model::{Contact, Matching, ProgramKind};

    fn career() -> Program {
        Program {
            id: 1,
            slug: "career".into(),
            name: "Career Mentoring".into(),
            description: String::new(),
            kind: ProgramKind::Cycle,
            matching: Matching::Assign,
            contact: Contact::Monthly,
            mentor_min_years: 5,
            mentee_stages: vec![CareerStage::Student, CareerStage::New],
            required_tags: vec!["NMRT".into()],
        }
    }

    fn standing(years: i64, stage: CareerStage, tags: &[&str]) -> Standing {
        Standing {
            years_professional: years,
            career_stage: stage,
            affiliations: tags.iter().map(|t| (*t).to_owned()).collect(),
        }
    }

    #[test]
    fn eligibility_names_the_rule_that_is_not_met() {
        let p = career();
        let short = p
            .unmet_rule(
                Role::Mentor,
                Some(&standing(3, CareerStage::Mid, &["nmrt"])),
            )
            .unwrap();
        assert!(short.contains("at least 5 years"), "{short}");
        assert!(short.contains("your profile says 3 years"), "{short}");
        assert_eq!(
            p.unmet_rule(
                Role::Mentor,
                Some(&standing(5, CareerStage::Mid, &["nmrt"]))
            ),
            None
        );
        let stage = p
            .unmet_rule(
                Role::Mentee,
                Some(&standing(0, CareerStage::Mid, &["NMRT"])),
            )
            .unwrap();
        assert!(
            stage.contains("LIS student or new professional (under 5 years)"),
            "{stage}"
        );
        let tag = p
            .unmet_rule(Role::Mentee, Some(&standing(0, CareerStage::New, &["ALA"])))
            .unwrap();
        assert!(tag.contains("do not list NMRT"), "{tag}");
        assert!(p
            .unmet_rule(Role::Mentee, None)
            .unwrap()
            .contains("profile"));
    }
}
