//! Which script a text is written in, and so its language guess and base direction.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The base direction of a document or paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    #[default]
    Ltr,
    Rtl,
}

impl Direction {
    /// The direction conventionally used for a language tag (`ar`, `fa-IR`, `he`…).
    pub fn for_language(lang: &str) -> Direction {
        let primary = lang
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "ar" | "fa" | "ur" | "he" | "iw" | "ps" | "ckb" | "yi" | "dv" | "sd" | "ug" | "syr" => {
                Direction::Rtl
            }
            _ => Direction::Ltr,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Letters only found in Persian among Arabic-script languages we see in news.
const PERSIAN: [char; 5] = ['پ', 'چ', 'ژ', 'گ', 'ی'];
/// Letters that mark Urdu.
const URDU: [char; 5] = ['ٹ', 'ڈ', 'ڑ', 'ں', 'ے'];

fn is_hebrew(c: char) -> bool {
    matches!(c, '\u{05D0}'..='\u{05EA}' | '\u{05F0}'..='\u{05F2}' | '\u{FB1D}'..='\u{FB4F}')
}

/// A guess of the language (a BCP 47 primary tag) from the letters of `text`: `ar`, `fa`, `ur`,
/// `he`, or `und` when the text is mostly in another script.
pub fn guess_language(title: &str, body: &str) -> &'static str {
    let (mut arabic, mut hebrew, mut other, mut persian, mut urdu) = (0usize, 0, 0, 0, 0);
    // A few thousand letters decide the script as well as the whole text would.
    for c in title.chars().chain(body.chars()).take(4_000) {
        if super::arabic::is_arabic_letter(c) {
            arabic += 1;
            persian += usize::from(PERSIAN.contains(&c));
            urdu += usize::from(URDU.contains(&c));
        } else if is_hebrew(c) {
            hebrew += 1;
        } else if c.is_alphabetic() {
            other += 1;
        }
    }
    if arabic > hebrew && arabic >= other {
        if urdu * 100 > arabic {
            "ur"
        } else if persian * 100 > arabic {
            "fa"
        } else {
            "ar"
        }
    } else if hebrew > arabic && hebrew >= other {
        "he"
    } else {
        "und"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guesses_language_from_letters() {
        assert_eq!(guess_language("", "روسيا تعترف لأول مرة بتورط داعش"), "ar");
        assert_eq!(guess_language("", "CNN: مقتل 144 شخصاً في الهجوم"), "ar");
        assert_eq!(guess_language("", "پوتین گفت که این حمله"), "fa");
        assert_eq!(guess_language("", "پاکستان میں ہونے والے حملے"), "ur");
        assert_eq!(guess_language("", "פוטין אמר"), "he");
        assert_eq!(guess_language("", "Putin said"), "und");
        assert_eq!(guess_language("", ""), "und");
    }

    #[test]
    fn direction_follows_language() {
        assert_eq!(Direction::for_language("ar"), Direction::Rtl);
        assert_eq!(Direction::for_language("fa-IR"), Direction::Rtl);
        assert_eq!(Direction::for_language("en"), Direction::Ltr);
        assert_eq!(Direction::for_language("und"), Direction::Ltr);
    }
}
