//! Line breaking in logical order: UAX #14 opportunities (unicode-linebreak), chosen
//! greedily by cluster widths. Trailing spaces hang past the edge; a token longer than the
//! width breaks between clusters.

use std::ops::Range;

use unicode_linebreak::{BreakClass, break_property, linebreaks};

use super::clusters::{Cluster, Kind};

/// The byte offsets where a line may start (UAX #14), the end of the text included.
///
/// unicode-linebreak follows UAX #14's pair table, which approximates rule LB25 by never
/// breaking between a solidus and a digit. The rule itself (as ICU implements it) allows
/// that break unless a number precedes the solidus (`news/2024` may break, `12/03` may not),
/// so those opportunities are added here.
pub fn opportunities(text: &str) -> Vec<usize> {
    let mut out: Vec<usize> = linebreaks(text).map(|(at, _)| at).collect();
    let class = |c: char| break_property(u32::from(c));
    let mut extra = Vec::new();
    let mut previous: Option<(usize, char)> = None;
    for (at, c) in text.char_indices() {
        if class(c) == BreakClass::Numeric
            && let Some((slash_at, slash)) = previous
            && class(slash) == BreakClass::Symbol
        {
            let before = text.get(..slash_at).unwrap_or_default();
            let numeric_run = before.chars().rev().take_while(|&p| {
                matches!(
                    class(p),
                    BreakClass::Numeric | BreakClass::Symbol | BreakClass::InfixSeparator
                )
            });
            if !numeric_run
                .into_iter()
                .any(|p| class(p) == BreakClass::Numeric)
            {
                extra.push(at);
            }
        }
        previous = Some((at, c));
    }
    if !extra.is_empty() {
        out.extend(extra);
        out.sort_unstable();
        out.dedup();
    }
    out
}

/// Breaks `clusters` of `text` into lines of at most `width` cells; returns ranges of
/// cluster indices. Every cluster is in exactly one line; an empty paragraph has one empty
/// line.
pub fn break_lines(text: &str, clusters: &[Cluster], width: u16) -> Vec<Range<usize>> {
    let width = usize::from(width.max(1));
    let mut lines = Vec::new();
    if clusters.is_empty() {
        lines.push(0..0);
        return lines;
    }
    let total: usize = clusters.iter().map(|c| usize::from(c.width)).sum();
    if total <= width {
        lines.push(0..clusters.len());
        return lines;
    }
    let mut opportunities = opportunities(text).into_iter().peekable();
    let mut start = 0;
    let mut candidate: Option<usize> = None;
    // Width up to the last non-space cluster, and of the spaces after it.
    let (mut used, mut spaces) = (0usize, 0usize);
    for (index, cluster) in clusters.iter().enumerate() {
        while opportunities
            .next_if(|&at| at < cluster.bytes.start)
            .is_some()
        {}
        if index > start && opportunities.peek() == Some(&cluster.bytes.start) {
            candidate = Some(index);
        }
        match cluster.kind {
            Kind::Invisible => continue,
            Kind::Space => {
                spaces += usize::from(cluster.width);
                continue;
            }
            Kind::Visible => {}
        }
        // Break at the last opportunity; if what follows it still does not fit (UAX #14
        // forbids a break before `.` even after a space, say), break again between clusters.
        while used + spaces + usize::from(cluster.width) > width && index > start {
            let end = candidate.filter(|&c| c > start).unwrap_or(index);
            lines.push(start..end);
            start = end;
            candidate = None;
            (used, spaces) = measure(&clusters[start..index]);
        }
        used += spaces + usize::from(cluster.width);
        spaces = 0;
    }
    lines.push(start..clusters.len());
    lines
}

/// `(width up to the last non-space cluster, width of the spaces after it)`.
fn measure(clusters: &[Cluster]) -> (usize, usize) {
    let (mut used, mut spaces) = (0, 0);
    for cluster in clusters {
        match cluster.kind {
            Kind::Invisible => {}
            Kind::Space => spaces += usize::from(cluster.width),
            Kind::Visible => {
                used += spaces + usize::from(cluster.width);
                spaces = 0;
            }
        }
    }
    (used, spaces)
}

#[cfg(test)]
mod tests {
    use super::super::clusters::clusters;
    use super::*;

    fn lines(text: &str, width: u16) -> Vec<String> {
        let clusters = clusters(text);
        break_lines(text, &clusters, width)
            .into_iter()
            .map(|r| {
                let bytes = if r.is_empty() {
                    0..0
                } else {
                    clusters[r.start].bytes.start..clusters[r.end - 1].bytes.end
                };
                text.get(bytes).unwrap_or_default().to_owned()
            })
            .collect()
    }

    #[test]
    fn breaks_after_spaces_and_lets_them_hang() {
        assert_eq!(lines("aaa bbb ccc", 7), ["aaa bbb ", "ccc"]);
        assert_eq!(lines("aaa bbb ccc", 3), ["aaa ", "bbb ", "ccc"]);
        assert_eq!(lines("قتل 144 شخصاً", 8), ["قتل 144 ", "شخصاً"]);
    }

    #[test]
    fn long_tokens_break_between_clusters() {
        assert_eq!(lines("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(
            lines("x https://example.com/a", 8),
            ["x ", "https://", "example.", "com/a"]
        );
    }

    #[test]
    fn a_slash_before_digits_breaks_only_outside_numbers() {
        let text = "news/2024/03";
        let at = |s: &str| text.find(s).expect("substring");
        assert!(opportunities(text).contains(&at("2024")));
        assert!(
            !opportunities(text).contains(&at("03")),
            "12/03 stays whole"
        );
    }

    #[test]
    fn what_follows_a_break_is_broken_again_when_it_still_overflows() {
        // No opportunity between "K" and " ." (LB13), found by the property test.
        assert_eq!(lines("ISIS-K .", 2), ["IS", "IS", "-", "K ", "."]);
    }

    #[test]
    fn empty_and_short_paragraphs_are_one_line() {
        assert_eq!(lines("", 10), [""]);
        assert_eq!(lines("short", 10), ["short"]);
    }
}
