//! The claims pane (in the left column) and the claims × sources matrix.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::overlay::overlay_box;
use super::{pane_message, title_bar};
use crate::review::Entry;
use crate::store::{Evidence, Stance};
use crate::text::bidi::Base;
use crate::text::script::Direction;
use crate::tui::app::{App, Focus};
use crate::tui::claims_pane::{ClaimView, ROWS_PER_CLAIM, ROWS_PER_EVIDENCE};
use crate::tui::layout::Areas;
use crate::tui::paint::{TextLine, fill, label};
use crate::tui::strings;
use crate::tui::theme::Surface;

const RTL_FIRST: Base = Base::Auto {
    fallback: Direction::Rtl,
};

/// The distinct sources of a claim by stance, short enough for a narrow pane: the total
/// first, then only the stances that have any.
fn counts(view: &ClaimView) -> String {
    let s = &view.summary;
    let i = &s.independent;
    if s.folded.is_empty() {
        strings::claim_counts(s.sources, s.supporting, s.refuting, s.mentioning)
    } else {
        // Copies folded into their origins: the independent count, and the documents
        // (said so even where folding left the number as it was).
        strings::independent_counts(
            i.sources,
            s.documents,
            (i.supporting, i.refuting, i.mentioning),
        )
    }
}

pub(super) fn draw(app: &App, buf: &mut Buffer, areas: &Areas) {
    let pane = app.claims();
    let theme = app.theme();
    let focused = app.focus() == Focus::Claims;
    let query = pane.filter.as_ref().map(|(query, _)| query.as_str());
    let title = strings::claims_title(pane.shown.len(), query);
    title_bar(app, buf, areas.search_title, &title, focused);
    let body = Rect::new(
        areas.query.x,
        areas.query.y,
        areas.query.width,
        areas.results.bottom() - areas.query.y,
    );
    if let Some(view) = pane.listed() {
        return draw_evidence(app, buf, body, view, focused);
    }
    if pane.shown.is_empty() {
        let text = if !pane.loaded {
            strings::READING_ANNOTATIONS
        } else if pane.filter.is_some() {
            strings::NO_CLAIM_MATCHES
        } else {
            strings::NO_CLAIMS_PANE
        };
        pane_message(buf, body, text, theme.plain.meta);
        return;
    }
    let rows = usize::from(body.height / ROWS_PER_CLAIM);
    // Claims arriving from elsewhere can move the selected one: keep it in view.
    let offset = crate::tui::list::scrolled(pane.offset, pane.selected, rows);
    for (slot, (index, &claim)) in pane
        .shown
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .enumerate()
    {
        let view = &pane.claims[claim];
        let y = body.y + u16::try_from(slot).unwrap_or(0) * ROWS_PER_CLAIM;
        let area = Rect::new(body.x, y, body.width, ROWS_PER_CLAIM);
        let surface = if index == pane.selected && focused {
            &theme.selected
        } else {
            &theme.plain
        };
        fill(buf, area, surface.text);
        let current = app.current_claim() == Some(view.claim.id);
        // Flagged when its sources disagree (the hint is in its evidence view).
        let flagged = !view.summary.hints.is_empty();
        let status = format!(
            "{}{}{} ",
            if current { "▸" } else { " " },
            if flagged { "! " } else { "" },
            view.claim.status.as_str()
        );
        let status_width = u16::try_from(status.chars().count()).unwrap_or(0);
        let status_style = if flagged {
            surface.hint
        } else {
            surface.accent
        };
        label(buf, area.x, y, &status, status_width, status_style);
        TextLine::plain(&view.claim.text, surface.text).paint(
            buf,
            Rect::new(
                area.x + status_width,
                y,
                area.width.saturating_sub(status_width + 1),
                1,
            ),
            app.painter(),
        );
        TextLine::plain(&counts(view), surface.text.patch(surface.meta)).paint(
            buf,
            Rect::new(area.x + 2, y + 1, area.width.saturating_sub(3), 1),
            app.painter(),
        );
    }
}

/// The first row of a piece of evidence: stance, date and source (the outlet, or the
/// document when it names none); the date before the source, so a narrow pane cuts an id,
/// not the timeline. "Undated" is said when others are dated.
fn evidence_head(app: &App, view: &ClaimView, piece: &Evidence, when: &Entry) -> String {
    let info = app.doc_infos().get(&piece.doc);
    let mut head = vec![piece.stance.as_str().to_owned()];
    match (&when.date, info) {
        (Some(date), _) => head.push(date.clone()),
        // Not looked up yet: no date to say, not even "undated".
        (None, Some(_)) if view.timeline.first.is_some() => {
            head.push(strings::UNDATED.to_owned());
        }
        (None, _) => {}
    }
    head.push(info.map_or_else(|| piece.doc.clone(), |i| i.source.clone()));
    if let Some(origin) = info.and_then(|i| i.copy_of.as_ref()) {
        head.push(if app.copy_added(piece.id) {
            strings::added_to_copy(&origin.source)
        } else {
            strings::copy_of(&origin.source)
        });
    }
    let mut head = head.join(" · ");
    if piece.orphaned {
        head.push_str(" · ");
        head.push_str(strings::ORPHANED);
    }
    head
}

/// The claim's counts at row `y`, wrapped (two rows at most: with copies folded they say
/// more than a narrow pane holds on one). Returns the rows taken.
fn draw_counts(app: &App, buf: &mut Buffer, body: Rect, y: u16, view: &ClaimView) -> u16 {
    let line = |y: u16| Rect::new(body.x + 1, y, body.width.saturating_sub(2), 1);
    let counts = counts(view);
    let counts_line = TextLine::plain(&counts, app.theme().plain.meta);
    let rows: Vec<Rect> = (y..body.bottom())
        .take(counts_line.lines(line(y).width).min(2))
        .map(line)
        .collect();
    counts_line.paint_wrapped(buf, &rows, app.painter());
    u16::try_from(rows.len()).unwrap_or(0)
}

/// The claim over its evidence list: status and text, counts, verdict, and the hints
/// (wrapped, never cut: up to three rows each). Returns the row after them.
fn draw_claim_head(app: &App, buf: &mut Buffer, body: Rect, view: &ClaimView) -> u16 {
    let theme = app.theme();
    let plain = &theme.plain;
    let mut y = body.y;
    let line = |y: u16| Rect::new(body.x + 1, y, body.width.saturating_sub(2), 1);
    let heading = format!("[{}] {}", view.claim.status.as_str(), view.claim.text);
    TextLine::plain(&heading, plain.heading).paint(buf, line(y), app.painter());
    y += 1;
    y += draw_counts(app, buf, body, y, view);
    if !view.claim.verdict.is_empty() {
        TextLine::plain(&strings::verdict(&view.claim.verdict), plain.meta).paint(
            buf,
            line(y),
            app.painter(),
        );
        y += 1;
    }
    // Hints are about numbers and sources, and an origin that ran the story unlinked.
    let earlier = view.earlier.as_ref().map(|origin| {
        strings::told_earlier(
            &origin.source,
            &origin.doc,
            origin.published.as_deref().unwrap_or(strings::UNDATED),
        )
    });
    for hint in view.summary.hints.iter().chain(&earlier) {
        let text = format!("! {hint}");
        let hint_line = TextLine::plain(&text, plain.hint);
        let rows: Vec<Rect> = (y..body.bottom())
            .take(hint_line.lines(line(y).width).min(3))
            .map(line)
            .collect();
        hint_line.paint_wrapped(buf, &rows, app.painter());
        y += u16::try_from(rows.len()).unwrap_or(0);
    }
    y
}

fn draw_evidence(app: &App, buf: &mut Buffer, body: Rect, view: &ClaimView, focused: bool) {
    let theme = app.theme();
    let line = |y: u16| Rect::new(body.x + 1, y, body.width.saturating_sub(2), 1);
    let y = draw_claim_head(app, buf, body, view);
    let Some(list) = app.claims().list else {
        return;
    };
    let rows = usize::from(body.bottom().saturating_sub(y) / ROWS_PER_EVIDENCE);
    // In publication order (the domain's timeline): the first appearance badged, each
    // piece's date, undated ones last and said to be so.
    for (slot, (index, (piece, when))) in view
        .listed()
        .enumerate()
        .skip(list.offset)
        .take(rows)
        .enumerate()
    {
        let top = y + u16::try_from(slot).unwrap_or(0) * ROWS_PER_EVIDENCE;
        let area = Rect::new(body.x, top, body.width, ROWS_PER_EVIDENCE);
        let surface = if index == list.selected && focused {
            &theme.selected
        } else {
            &theme.plain
        };
        fill(buf, area, surface.text);
        let info = app.doc_infos().get(&piece.doc);
        let head = evidence_head(app, view, piece, when);
        let head_row = line(top);
        // The badge at the row's end, the rest before it.
        let badge = if view.earlier.is_some() {
            strings::FIRST_LINKED_BADGE
        } else {
            strings::FIRST_BADGE
        };
        let badge_width = if when.first {
            let width = u16::try_from(badge.chars().count()).unwrap_or(0);
            let x = head_row.right().saturating_sub(width);
            label(
                buf,
                x,
                top,
                badge,
                width,
                surface.text.patch(surface.accent),
            );
            width + 1
        } else {
            0
        };
        TextLine::plain(&head, surface.text.patch(surface.stance(piece.stance))).paint(
            buf,
            Rect {
                width: head_row.width.saturating_sub(badge_width),
                ..head_row
            },
            app.painter(),
        );
        let indented = |row: u16| Rect::new(body.x + 3, row, body.width.saturating_sub(4), 1);
        let title = info.map_or("", |i| i.title.as_str());
        TextLine {
            text: title,
            base: RTL_FIRST,
            style: surface.text.patch(surface.meta),
            marks: &[],
        }
        .paint(buf, indented(top + 1), app.painter());
        TextLine {
            text: &piece.anchor.quote.replace(['\n', '\r', '\t'], " "),
            base: RTL_FIRST,
            style: surface.text,
            marks: &[],
        }
        .paint(buf, indented(top + 2), app.painter());
        let attribution = app.attribution(piece.id);
        if !attribution.is_empty() {
            TextLine::plain(
                &strings::attributed(attribution),
                surface.text.patch(surface.meta),
            )
            .paint(buf, indented(top + 3), app.painter());
        }
    }
}

/// Claims down, sources across: who supports (S), refutes (R), mentions (M) or is silent.
pub(super) fn draw_matrix(app: &App, buf: &mut Buffer, screen: Rect) {
    let overlay = &app.theme().overlay;
    let area = overlay_box(buf, screen, 1, overlay);
    let table = crate::review::matrix(
        app.claims().claims.iter().map(|c| c.evidence.as_slice()),
        app.doc_infos(),
    );
    let sources = &table.sources;
    label(
        buf,
        area.x + 1,
        area.y,
        strings::MATRIX_TITLE,
        area.width.saturating_sub(2),
        overlay.text.patch(overlay.heading),
    );
    let claim_width = (area.width / 3).clamp(16, 40);
    let column = if sources.is_empty() {
        8
    } else {
        ((area.width.saturating_sub(claim_width + 2)) / u16::try_from(sources.len()).unwrap_or(1))
            .clamp(4, 18)
    };
    let header_y = area.y + 2;
    for (i, source) in sources.iter().enumerate() {
        let x = area.x + 1 + claim_width + 1 + u16::try_from(i).unwrap_or(0) * column;
        if x + column > area.right() {
            break;
        }
        TextLine::plain(source, on(overlay, overlay.meta)).paint(
            buf,
            Rect::new(x, header_y, column.saturating_sub(1), 1),
            app.painter(),
        );
    }
    for (row, view) in app.claims().claims.iter().enumerate() {
        let y = header_y + 1 + u16::try_from(row).unwrap_or(0);
        if y >= area.bottom() {
            break;
        }
        TextLine::plain(&view.claim.text, overlay.text).paint(
            buf,
            Rect::new(area.x + 1, y, claim_width, 1),
            app.painter(),
        );
        let row_stances = table.rows.get(row);
        for i in 0..sources.len() {
            let x = area.x + 1 + claim_width + 1 + u16::try_from(i).unwrap_or(0) * column;
            if x + column > area.right() {
                break;
            }
            let set = row_stances
                .and_then(|r| r.get(i))
                .filter(|set| !set.is_empty());
            let (text, style) = match set {
                None => ("·".to_owned(), overlay.meta),
                Some(set) => {
                    let letters: String = set.iter().map(|s| strings::stance_letter(*s)).collect();
                    let style = if set.contains(&Stance::Supports) && set.contains(&Stance::Refutes)
                    {
                        overlay.hint
                    } else {
                        set.iter()
                            .next()
                            .map_or(overlay.meta, |s| overlay.stance(*s))
                    };
                    (letters, style)
                }
            };
            label(
                buf,
                x,
                y,
                &text,
                column.saturating_sub(1),
                on(overlay, style),
            );
        }
    }
}

/// `style` on `surface`: its background kept.
fn on(surface: &Surface, style: Style) -> Style {
    surface.text.patch(style)
}
