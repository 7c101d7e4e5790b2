//! What kind of library demo members work in, as what, and where.

use super::words::{LAST_NAMES, MUSEUM_THEMES, SUBJECTS, TOWN_ENDS, TOWN_STARTS};
use app::profiles::model::{CareerStage, LibraryType, WorkFunction};
use rand::{rngs::StdRng, seq::SliceRandom, Rng};

pub(super) fn library_types(stage: CareerStage) -> &'static [(LibraryType, u32)] {
    use LibraryType as L;
    match stage {
        // Students mostly name their school; some their part-time library job.
        CareerStage::Student => &[
            (L::LisEducation, 55),
            (L::Academic, 25),
            (L::Public, 15),
            (L::School, 5),
        ],
        _ => &[
            (L::Academic, 30),
            (L::Public, 28),
            (L::School, 10),
            (L::Special, 5),
            (L::Archives, 5),
            (L::Medical, 5),
            (L::Law, 4),
            (L::Government, 4),
            (L::Corporate, 3),
            (L::Museum, 3),
            (L::LisEducation, 3),
        ],
    }
}

pub(super) fn work_functions(library: LibraryType) -> &'static [(WorkFunction, u32)] {
    use LibraryType as L;
    use WorkFunction as W;
    match library {
        L::Academic => &[
            (W::Reference, 10),
            (W::Instruction, 14),
            (W::Cataloguing, 10),
            (W::Systems, 8),
            (W::SpecialCollections, 8),
            (W::Collections, 8),
            (W::Access, 7),
            (W::Leadership, 6),
            (W::Outreach, 5),
            (W::Data, 10),
        ],
        L::Public => &[
            (W::Reference, 14),
            (W::Youth, 18),
            (W::Outreach, 12),
            (W::Collections, 8),
            (W::Cataloguing, 6),
            (W::Systems, 6),
            (W::Access, 10),
            (W::Leadership, 8),
            (W::Instruction, 4),
            (W::SpecialCollections, 2),
            (W::Data, 1),
        ],
        L::School => &[
            (W::Youth, 20),
            (W::Instruction, 14),
            (W::Collections, 6),
            (W::Leadership, 3),
            (W::Systems, 3),
            (W::Reference, 2),
        ],
        L::Special => &[
            (W::Reference, 8),
            (W::Data, 6),
            (W::Systems, 5),
            (W::Collections, 5),
            (W::Cataloguing, 5),
            (W::SpecialCollections, 4),
            (W::Leadership, 3),
        ],
        L::Archives => &[
            (W::SpecialCollections, 20),
            (W::Cataloguing, 8),
            (W::Systems, 4),
            (W::Reference, 4),
            (W::Outreach, 3),
            (W::Leadership, 3),
        ],
        L::Medical => &[
            (W::Reference, 10),
            (W::Instruction, 6),
            (W::Data, 6),
            (W::Systems, 3),
            (W::Collections, 3),
            (W::Leadership, 3),
        ],
        L::Law => &[
            (W::Reference, 12),
            (W::Collections, 6),
            (W::Cataloguing, 4),
            (W::Instruction, 4),
            (W::Leadership, 3),
            (W::Systems, 2),
        ],
        L::Government => &[
            (W::Reference, 8),
            (W::Data, 6),
            (W::Cataloguing, 6),
            (W::Collections, 4),
            (W::SpecialCollections, 4),
            (W::Outreach, 3),
            (W::Leadership, 3),
        ],
        L::Corporate => &[
            (W::Data, 10),
            (W::Reference, 8),
            (W::Systems, 6),
            (W::Collections, 3),
            (W::Leadership, 3),
        ],
        L::Museum => &[
            (W::SpecialCollections, 12),
            (W::Cataloguing, 8),
            (W::Reference, 4),
            (W::Outreach, 4),
            (W::Systems, 3),
            (W::Leadership, 2),
        ],
        L::LisEducation => &[
            (W::Instruction, 10),
            (W::Data, 5),
            (W::Leadership, 4),
            (W::Cataloguing, 3),
            (W::Systems, 3),
            (W::Youth, 2),
            (W::SpecialCollections, 2),
        ],
    }
}

/// A title that fits the library, the function and, roughly, the stage.
pub(super) fn position(
    rng: &mut StdRng,
    library: LibraryType,
    function: WorkFunction,
    stage: CareerStage,
) -> String {
    if stage == CareerStage::Student {
        let titles: &[&str] = if library == LibraryType::LisEducation {
            &[
                "LIS student",
                "MLIS student",
                "MLIS candidate",
                "Part-time MLIS student",
                "MLIS student and graduate assistant",
                "PhD student in information science",
            ]
        } else {
            &[
                "MLIS student and library assistant",
                "LIS student and library page",
                "MLIS student and student worker",
                "MLIS student and library technician",
            ]
        };
        return (*titles.choose(rng).expect("non-empty")).to_owned();
    }
    if stage == CareerStage::Changer && rng.gen_bool(0.4) {
        let titles = [
            "Library Associate",
            "Library Assistant",
            "Library Technician",
            "Library Specialist",
        ];
        return (*titles.choose(rng).expect("non-empty")).to_owned();
    }
    let academic_liaison = library == LibraryType::Academic
        && matches!(
            function,
            WorkFunction::Reference | WorkFunction::Instruction
        );
    if stage == CareerStage::New && library == LibraryType::Academic && rng.gen_bool(0.08) {
        return "Resident Librarian".to_owned();
    }
    let senior = stage == CareerStage::Senior || (stage == CareerStage::Mid && rng.gen_bool(0.25));
    if academic_liaison && !senior && rng.gen_bool(0.3) {
        return format!("{} Librarian", SUBJECTS.choose(rng).expect("non-empty"));
    }
    (*titles(library, function, senior)
        .choose(rng)
        .expect("non-empty"))
    .to_owned()
}

#[rustfmt::skip]
fn titles(library: LibraryType, function: WorkFunction, senior: bool) -> &'static [&'static str] {
    use LibraryType as L;
    use WorkFunction as W;
    match (library, function, senior) {
        (L::School, W::Leadership, _) => &[
            "District Library Coordinator", "Director of Library Services",
            "Library Department Chair",
        ],
        (L::School, _, false) => &[
            "School Librarian", "Teacher Librarian", "Library Media Specialist",
            "School Library Media Specialist",
        ],
        (L::School, _, true) => &[
            "Lead Teacher Librarian", "District Library Coordinator", "Library Department Chair",
        ],
        (L::LisEducation, W::Leadership, true) => &[
            "Program Director", "Associate Dean", "Director, School of Information",
        ],
        (L::LisEducation, _, false) => &[
            "Lecturer", "Assistant Professor", "Clinical Assistant Professor",
            "Postdoctoral Fellow",
        ],
        (L::LisEducation, _, true) => &["Associate Professor", "Professor", "Program Director"],
        (L::Law, W::Leadership, true) => &[
            "Law Library Director", "Director of Law Library Services",
            "Associate Dean for Library Services",
        ],
        (L::Law, W::Reference | W::Instruction, _) => &[
            "Reference Librarian", "Research and Instruction Librarian",
            "Foreign and International Law Librarian", "Legal Research Librarian",
        ],
        (L::Medical, W::Leadership, true) => &[
            "Director of Library Services", "Director, Health Sciences Library",
        ],
        (L::Medical, W::Reference | W::Instruction | W::Data, _) => &[
            "Clinical Librarian", "Health Sciences Librarian", "Hospital Librarian",
            "Informationist", "Systematic Review Librarian", "Nursing Librarian",
        ],
        (L::Corporate, W::Leadership, _) => &[
            "Director of Knowledge Services", "Knowledge Management Lead",
            "Head of Research and Information",
        ],
        (L::Corporate, _, _) => &[
            "Research Analyst", "Knowledge Manager", "Information Specialist",
            "Competitive Intelligence Analyst", "Taxonomist", "Research Librarian",
        ],
        (L::Government, W::Leadership, true) => &[
            "State Librarian", "Deputy State Librarian", "Library Director",
        ],
        (L::Government, W::Reference | W::Data | W::Collections, _) => &[
            "Government Information Librarian", "Legislative Reference Librarian",
            "Research Librarian", "Federal Depository Coordinator", "Policy Research Librarian",
        ],
        (L::Museum, W::Leadership, true) => &["Head Librarian", "Director of Library and Archives"],
        (L::Museum, W::SpecialCollections | W::Cataloguing, _) => &[
            "Museum Archivist", "Museum Librarian", "Digital Collections Manager",
            "Collections Information Manager", "Registrar and Archivist",
        ],
        (L::Archives, W::Leadership, _) => &[
            "County Archivist", "Director of Archives", "Head of Archives and Records",
        ],
        (L::Archives, W::SpecialCollections, false) => &[
            "Archivist", "Processing Archivist", "Digital Archivist", "Records Archivist",
            "Archives Technician",
        ],
        (L::Archives, W::SpecialCollections, true) => &[
            "Senior Archivist", "Deputy County Archivist", "Head of Collections",
        ],
        (L::Archives, W::Reference, _) => &["Reference Archivist", "Reading Room Supervisor"],
        (L::Archives, W::Cataloguing, _) => &[
            "Metadata Archivist", "Archival Description Specialist", "Cataloging Archivist",
        ],
        (L::Archives, W::Systems, _) => &[
            "Electronic Records Archivist", "Digital Systems Archivist",
        ],
        (L::Archives, W::Outreach, _) => &["Outreach Archivist", "Public Programs Archivist"],
        (L::Museum, W::Reference, _) => &[
            "Museum Librarian", "Research Librarian", "Reference Librarian",
        ],
        (L::Public, W::Instruction, false) => &[
            "Adult Learning Librarian", "Digital Literacy Librarian",
            "Technology Instruction Librarian", "Adult Education Coordinator",
        ],
        (L::Public, W::Instruction, true) => &[
            "Head of Adult Learning", "Learning Services Manager",
        ],
        (L::Public, W::Data, _) => &["Data and Assessment Librarian", "Community Data Librarian"],
        (L::Public, W::SpecialCollections, _) => &[
            "Local History Librarian", "Special Collections Librarian", "Local History Archivist",
            "Genealogy Librarian",
        ],
        (L::Public, W::Leadership, false) => &[
            "Branch Manager", "Assistant Branch Manager", "Assistant Director",
            "Library Supervisor",
        ],
        (L::Public, W::Leadership, true) => &[
            "Library Director", "Executive Director", "Deputy Director",
            "Director of Public Services",
        ],
        (L::Public, W::Reference, false) => &[
            "Adult Services Librarian", "Reference Librarian", "Information Services Librarian",
            "Local History Librarian", "Business and Career Librarian",
        ],
        (L::Public, W::Reference, true) => &[
            "Head of Adult Services", "Adult Services Manager", "Head of Reference",
        ],
        (L::Academic, W::Leadership, false) => &[
            "Assistant Dean for Public Services", "Department Head", "Assistant Director",
        ],
        (L::Academic, W::Leadership, true) => &[
            "Dean of Libraries", "University Librarian", "Associate University Librarian",
            "Library Director",
        ],
        (L::Academic, W::SpecialCollections, true) => &[
            "University Archivist", "Head of Special Collections", "Curator of Rare Books",
        ],
        (_, W::Leadership, false) => &["Assistant Director", "Library Manager", "Department Head"],
        (_, W::Leadership, true) => &[
            "Library Director", "Director of Library Services", "Chief Librarian",
        ],
        (_, W::Reference, false) => &[
            "Reference Librarian", "Research and Reference Librarian",
            "Information Services Librarian", "Research Services Librarian", "Liaison Librarian",
        ],
        (_, W::Reference, true) => &[
            "Head of Reference", "Head of Research Services", "Coordinator of Research Services",
        ],
        (_, W::Instruction, false) => &[
            "Instruction Librarian", "Teaching and Learning Librarian",
            "First-Year Experience Librarian", "Information Literacy Librarian",
            "Online Learning Librarian",
        ],
        (_, W::Instruction, true) => &[
            "Head of Instruction", "Coordinator of Information Literacy",
            "Head of Teaching and Learning",
        ],
        (_, W::Cataloguing, false) => &[
            "Metadata Librarian", "Cataloging Librarian", "Technical Services Librarian",
            "Resource Description Librarian", "Metadata Specialist",
        ],
        (_, W::Cataloguing, true) => &[
            "Head of Cataloging and Metadata", "Head of Technical Services", "Metadata Strategist",
        ],
        (_, W::Systems, false) => &[
            "Systems Librarian", "Emerging Technologies Librarian", "Web Services Librarian",
            "Digital Services Librarian", "Discovery Systems Librarian",
            "Library Applications Developer",
        ],
        (_, W::Systems, true) => &[
            "Head of Library Technology", "Director of Digital Strategy",
            "Head of Digital Services",
        ],
        (_, W::SpecialCollections, false) => &[
            "Archivist", "Digital Archivist", "Processing Archivist",
            "Special Collections Librarian", "Rare Books Librarian", "Records Manager",
        ],
        (_, W::SpecialCollections, true) => &[
            "Head of Special Collections", "Senior Archivist",
            "Director of Archives and Special Collections",
        ],
        (_, W::Youth, false) => &[
            "Children's Librarian", "Teen Services Librarian", "Youth Services Librarian",
            "Early Literacy Librarian", "Family Engagement Librarian",
        ],
        (_, W::Youth, true) => &[
            "Head of Youth Services", "Youth Services Manager",
            "Coordinator of Children's Services",
        ],
        (_, W::Collections, false) => &[
            "Collection Development Librarian", "Electronic Resources Librarian",
            "Acquisitions Librarian", "Collection Strategy Librarian", "Serials Librarian",
        ],
        (_, W::Collections, true) => &[
            "Head of Collections", "Head of Collection Strategy", "Collections Manager",
        ],
        (_, W::Access, false) => &[
            "Access Services Librarian", "Circulation Supervisor", "Interlibrary Loan Coordinator",
            "Resource Sharing Librarian", "Course Reserves Coordinator",
        ],
        (_, W::Access, true) => &[
            "Head of Access Services", "Head of Resource Sharing", "Access Services Manager",
        ],
        (_, W::Outreach, false) => &[
            "Outreach Librarian", "Community Engagement Librarian", "Programming Librarian",
            "Marketing and Communications Librarian", "Community Services Librarian",
        ],
        (_, W::Outreach, true) => &[
            "Head of Outreach and Engagement", "Community Engagement Manager",
            "Director of Programs",
        ],
        (_, W::Data, false) => &[
            "Data Services Librarian", "Research Data Librarian", "GIS Librarian",
            "Scholarly Communication Librarian", "Research Impact Librarian", "Data Analyst",
        ],
        (_, W::Data, true) => &[
            "Head of Research Data Services", "Director of Research Services",
            "Head of Scholarly Communication",
        ],
    }
}

/// A made-up institution of the right kind; `{}` in a pattern is a town.
pub(super) fn institution(rng: &mut StdRng, library: LibraryType, stage: CareerStage) -> String {
    use LibraryType as L;
    let town = format!(
        "{}{}",
        TOWN_STARTS.choose(rng).expect("non-empty"),
        TOWN_ENDS.choose(rng).expect("non-empty")
    );
    let patterns: &[&str] = match library {
        L::Academic if stage == CareerStage::Student => {
            &["{} University", "University of {}", "{} State University"]
        }
        L::Academic => &[
            "{} University Libraries",
            "{} Community College",
            "{} College",
            "University of {}",
            "{} State University",
            "{} Technical College",
            "{} Institute of Technology",
            "{} College Library",
        ],
        L::Public => &[
            "{} Public Library",
            "{} County Library",
            "{} Regional Library",
            "{} Free Library",
            "{} District Library",
            "{} City Library",
            "{} Library System",
            "{} Memorial Library",
        ],
        L::School => &[
            "{} School District",
            "{} High School",
            "{} Middle School",
            "{} Elementary School",
            "{} Academy",
            "{} Unified School District",
            "{} Secondary School",
        ],
        L::Special => &[
            "{} Botanical Garden Library",
            "{} Historical Society",
            "{} Institute for Policy Research",
            "{} Symphony Music Library",
            "{} Foundation Library",
            "{} Engineering Society Library",
            "{} Genealogical Society",
        ],
        L::Archives => &[
            "{} County Archives",
            "{} Municipal Archives",
            "{} Regional Archives",
            "{} Labor History Archive",
            "{} Heritage Center",
            "{} Community Archives",
            "{} Film and Sound Archive",
        ],
        L::Medical => &[
            "{} Medical Center",
            "{} Health Sciences Library",
            "{} Regional Hospital",
            "{} Children's Hospital",
            "{} School of Medicine Library",
            "{} Health System",
            "{} College of Nursing",
        ],
        L::Law if rng.gen_bool(0.15) => {
            let partners: Vec<&str> = LAST_NAMES.choose_multiple(rng, 2).copied().collect();
            return format!("{} & {} LLP", partners[0], partners[1]);
        }
        L::Law => &[
            "{} Law Library",
            "{} County Law Library",
            "{} College of Law",
            "{} Court of Appeals Library",
            "{} Law School Library",
            "{} Bar Association Library",
        ],
        L::Government => &[
            "{} State Library",
            "{} Legislative Research Library",
            "City of {} Records Office",
            "{} Department of Transportation Library",
            "{} Agricultural Research Station",
            "{} Geological Survey Library",
        ],
        L::Corporate => &[
            "{} Analytics",
            "{} Pharmaceuticals",
            "{} Engineering Group",
            "{} Energy",
            "{} Media Group",
            "{} Consulting",
            "{} Biotech",
            "{} Aerospace",
        ],
        L::Museum if rng.gen_bool(0.25) => {
            return format!(
                "Museum of {} History",
                MUSEUM_THEMES.choose(rng).expect("non-empty")
            );
        }
        L::Museum => &[
            "{} Art Museum",
            "{} Museum of Natural History",
            "{} Science Center",
            "{} Maritime Museum",
            "{} Children's Museum",
            "{} History Museum",
        ],
        L::LisEducation => &[
            "{} University School of Information",
            "{} University iSchool",
            "University of {} School of Library and Information Science",
            "{} State University Department of Information Studies",
            "{} College of Information and Library Science",
        ],
    };
    patterns
        .choose(rng)
        .expect("non-empty")
        .replace("{}", &town)
}
