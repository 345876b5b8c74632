//! Plain text (`.txt`) and Markdown (`.md`) documents.

use super::document::{Draft, Meta};

/// A `.txt` file: the first non-empty line is the title, the rest the body.
pub fn read_txt(text: &str) -> Draft {
    Draft {
        title: None,
        body: text.to_owned(),
        meta: Meta::default(),
    }
}

/// A `.md` file: optional `---` front matter with `key: value` lines (title, source, url,
/// published or date, author, lang); the title is the front matter's, else a leading `#`
/// heading, else the first non-empty line.
pub fn read_markdown(text: &str) -> Draft {
    let (front, body) = split_front_matter(text);
    let mut draft = Draft {
        title: None,
        body: body.to_owned(),
        meta: Meta::default(),
    };
    for (key, value) in front {
        let value = Some(value.to_owned());
        match key.to_ascii_lowercase().as_str() {
            "title" => draft.title = value,
            "source" | "outlet" | "publisher" => draft.meta.source = value,
            "url" | "link" => draft.meta.url = value,
            "published" | "date" => draft.meta.published = value,
            "author" => draft.meta.author = value,
            "lang" | "language" => draft.meta.lang = value,
            _ => {}
        }
    }
    if draft.title.is_none() {
        let first = body.lines().map(str::trim).find(|line| !line.is_empty());
        if let Some(heading) = first.and_then(|line| line.strip_prefix('#')) {
            draft.title = Some(heading.trim_start_matches('#').trim().to_owned());
            let at = body.find('#').unwrap_or(0);
            let after = body
                .get(at..)
                .and_then(|s| s.split_once('\n'))
                .map_or("", |(_, r)| r);
            after.clone_into(&mut draft.body);
        }
    }
    draft
}

/// Splits `---`-delimited front matter off the text. Without a closing line there is no
/// front matter and the whole text is the body.
fn split_front_matter(text: &str) -> (Vec<(&str, &str)>, &str) {
    let text = text.trim_start_matches('\u{FEFF}');
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return (Vec::new(), text);
    };
    let mut pairs = Vec::new();
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        let trimmed = line.trim();
        if trimmed == "---" || trimmed == "..." {
            return (pairs, rest.get(offset..).unwrap_or_default());
        }
        if let Some((key, value)) = trimmed.split_once(':') {
            pairs.push((key.trim(), unquote(value.trim())));
        }
    }
    (Vec::new(), text)
}

fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value
            .strip_prefix(quote)
            .and_then(|v| v.strip_suffix(quote))
        {
            return inner;
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_gives_title_and_metadata() {
        let draft = read_markdown(
            "---\ntitle: \"هجوم كروكوس\"\nsource: RT Arabic\ndate: 2024-03-23\nlang: ar\n---\n\nالنص",
        );
        assert_eq!(draft.title.as_deref(), Some("هجوم كروكوس"));
        assert_eq!(draft.meta.source.as_deref(), Some("RT Arabic"));
        assert_eq!(draft.meta.published.as_deref(), Some("2024-03-23"));
        assert_eq!(draft.meta.lang.as_deref(), Some("ar"));
        assert_eq!(draft.body.trim(), "النص");
    }

    #[test]
    fn heading_is_the_title_without_front_matter() {
        let draft = read_markdown("\n# عنوان\n\nفقرة");
        assert_eq!(draft.title.as_deref(), Some("عنوان"));
        assert_eq!(draft.body.trim(), "فقرة");
    }

    #[test]
    fn unclosed_front_matter_is_body() {
        let draft = read_markdown("---\ntitle: x\nno end");
        assert_eq!(draft.title, None);
        assert!(draft.body.starts_with("---"));
    }
}
