//! Apple Podcasts' categories, the list the directories file a feed under: a feed names one
//! as `--category "News"` or, with a subcategory, `--category "News > Politics"`.

/// Each category with its subcategories, as Apple Podcasts spells them.
pub const CATEGORIES: &[(&str, &[&str])] = &[
    (
        "Arts",
        &[
            "Books",
            "Design",
            "Fashion & Beauty",
            "Food",
            "Performing Arts",
            "Visual Arts",
        ],
    ),
    (
        "Business",
        &[
            "Careers",
            "Entrepreneurship",
            "Investing",
            "Management",
            "Marketing",
            "Non-Profit",
        ],
    ),
    ("Comedy", &["Comedy Interviews", "Improv", "Stand-Up"]),
    (
        "Education",
        &["Courses", "How To", "Language Learning", "Self-Improvement"],
    ),
    ("Fiction", &["Comedy Fiction", "Drama", "Science Fiction"]),
    ("Government", &[]),
    ("History", &[]),
    (
        "Health & Fitness",
        &[
            "Alternative Health",
            "Fitness",
            "Medicine",
            "Mental Health",
            "Nutrition",
            "Sexuality",
        ],
    ),
    (
        "Kids & Family",
        &[
            "Education for Kids",
            "Parenting",
            "Pets & Animals",
            "Stories for Kids",
        ],
    ),
    (
        "Leisure",
        &[
            "Animation & Manga",
            "Automotive",
            "Aviation",
            "Crafts",
            "Games",
            "Hobbies",
            "Home & Garden",
            "Video Games",
        ],
    ),
    (
        "Music",
        &["Music Commentary", "Music History", "Music Interviews"],
    ),
    (
        "News",
        &[
            "Business News",
            "Daily News",
            "Entertainment News",
            "News Commentary",
            "Politics",
            "Sports News",
            "Tech News",
        ],
    ),
    (
        "Religion & Spirituality",
        &[
            "Buddhism",
            "Christianity",
            "Hinduism",
            "Islam",
            "Judaism",
            "Religion",
            "Spirituality",
        ],
    ),
    (
        "Science",
        &[
            "Astronomy",
            "Chemistry",
            "Earth Sciences",
            "Life Sciences",
            "Mathematics",
            "Natural Sciences",
            "Nature",
            "Physics",
            "Social Sciences",
        ],
    ),
    (
        "Society & Culture",
        &[
            "Documentary",
            "Personal Journals",
            "Philosophy",
            "Places & Travel",
            "Relationships",
        ],
    ),
    (
        "Sports",
        &[
            "Baseball",
            "Basketball",
            "Cricket",
            "Fantasy Sports",
            "Football",
            "Golf",
            "Hockey",
            "Rugby",
            "Running",
            "Soccer",
            "Softball",
            "Swimming",
            "Tennis",
            "Volleyball",
            "Wilderness",
            "Wrestling",
        ],
    ),
    ("Technology", &[]),
    ("True Crime", &[]),
    (
        "TV & Film",
        &[
            "After Shows",
            "Film History",
            "Film Interviews",
            "Film Reviews",
            "TV Reviews",
        ],
    ),
];

/// A category and, when one was given, its subcategory, spelled as Apple spells them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Category {
    pub name: String,
    pub sub: Option<String>,
}

/// Parses `News` or `News > Politics` (any case, spaces around `>` as they come) against
/// Apple's list; an unknown one is refused with the list of what there is.
pub fn parse(s: &str) -> Result<Category, String> {
    let (name, sub) = match s.split_once('>') {
        Some((name, sub)) => (name.trim(), Some(sub.trim())),
        None => (s.trim(), None),
    };
    let Some((name, subs)) = CATEGORIES
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
    else {
        let names: Vec<&str> = CATEGORIES.iter().map(|(n, _)| *n).collect();
        return Err(format!(
            "'{name}' is not an Apple Podcasts category; use one of: {}",
            names.join(", ")
        ));
    };
    let sub = match sub {
        None => None,
        Some(sub) => match subs.iter().find(|s| s.eq_ignore_ascii_case(sub)) {
            Some(found) => Some(found.to_string()),
            None if subs.is_empty() => {
                return Err(format!(
                    "'{name}' has no subcategories: give --category \"{name}\""
                ));
            }
            None => {
                return Err(format!(
                    "'{sub}' is not a subcategory of {name}; use one of: {}",
                    subs.join(", ")
                ));
            }
        },
    };
    Ok(Category {
        name: name.to_string(),
        sub,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_are_spelled_as_apple_spells_them() {
        assert_eq!(
            parse("news > politics"),
            Ok(Category {
                name: "News".into(),
                sub: Some("Politics".into())
            })
        );
        assert_eq!(parse("Technology").unwrap().sub, None);
        assert!(parse("Newz").unwrap_err().contains("Society & Culture"));
        assert!(parse("News > Weather").unwrap_err().contains("Daily News"));
        assert!(
            parse("History > Wars")
                .unwrap_err()
                .contains("no subcategories")
        );
    }
}
