//! Drawing the whole screen from the state; views only read it.

mod chain;
mod claims;
mod copies;
mod entities;
mod facets;
mod overlay;
mod preview;
mod status;

use std::ops::Range;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::app::{App, Focus, Left, Mode};
use super::layout::{Areas, MIN_HEIGHT, MIN_WIDTH};
use super::paint::{TextLine, fill, label, paint_field, paint_line};
use super::reader_pane::ReaderPane;
use super::search_pane::ROWS_PER_RESULT;
use super::strings;
use super::theme::Surface;
use crate::text::bidi::{Base, Cell, LayoutSettings, layout_paragraph};
use crate::text::script::Direction;

const AUTO: Base = Base::Auto {
    fallback: Direction::Ltr,
};

/// Draws `app` into the frame, the terminal's cursor included.
pub fn draw(app: &App, frame: &mut Frame<'_>) {
    if let Some(cursor) = render(app, frame) {
        frame.set_cursor_position(cursor);
    }
}

/// Draws `app` into the frame's buffer; returns where the terminal's cursor goes (a text
/// field that has the keys), if anywhere.
pub fn render(app: &App, frame: &mut Frame<'_>) -> Option<Position> {
    let area = frame.area();
    let Some(areas) = app
        .areas()
        .filter(|_| app.size() == (area.width, area.height))
        .or_else(|| Areas::of(area.width, area.height))
    else {
        let message = strings::too_small(area.width, area.height, MIN_WIDTH, MIN_HEIGHT);
        frame.render_widget(Paragraph::new(message).wrap(Wrap { trim: true }), area);
        return None;
    };
    let theme = app.theme();
    let buf = frame.buffer_mut();
    let query_cursor = match app.left() {
        Left::Search => Some(draw_search(app, buf, &areas)),
        Left::Entities => {
            entities::draw(app, buf, &areas);
            None
        }
        Left::Claims => {
            claims::draw(app, buf, &areas);
            None
        }
    };
    draw_reader(app, buf, &areas);
    for y in areas.divider.y..areas.divider.bottom() {
        label(buf, areas.divider.x, y, "│", 1, theme.divider);
    }
    match app.mode() {
        Mode::Help { scroll } => overlay::draw_help(app, buf, area, *scroll),
        Mode::Calibrate => overlay::draw_calibrate(app, buf, area),
        Mode::Matrix => claims::draw_matrix(app, buf, area),
        Mode::Preview(tag_preview) => preview::draw(app, tag_preview, buf, area),
        Mode::Facets(picker) => facets::draw(app, picker, buf, area),
        Mode::Copies(view) => copies::draw(app, view, buf, area),
        Mode::Chain(view) => chain::draw(app, view, buf, area),
        Mode::Panes | Mode::TagType { .. } | Mode::Stance(_) | Mode::Command(_) => {}
    }
    let cursor = status::draw_status(app, buf, &areas);
    // Only a field that has the keys shows the cursor (never through an overlay).
    match app.mode() {
        Mode::Command(_) => cursor,
        Mode::Panes => query_cursor.filter(|_| app.focus() == Focus::Query),
        _ => None,
    }
}

/// A pane's title bar. What it names may be right-to-left (an outlet picked, an entity):
/// laid out and shaped like any text, in a left-to-right line.
fn title_bar(app: &App, buf: &mut Buffer, area: Rect, title: &str, focused: bool) {
    let theme = app.theme();
    let style = if focused {
        theme.title_bar_focused
    } else {
        theme.title_bar
    };
    fill(buf, area, style);
    TextLine {
        text: title,
        base: Base::Forced(crate::text::script::Direction::Ltr),
        style,
        marks: &[],
    }
    .paint(
        buf,
        Rect::new(area.x + 1, area.y, area.width.saturating_sub(2), 1),
        app.painter(),
    );
}

/// The search pane's title: its name, how many documents, what narrows them, their order.
fn search_title(search: &crate::tui::search_pane::SearchPane) -> String {
    let mut title = if search.listing.is_some() && search.input.text().trim().is_empty() {
        strings::DOCUMENTS
    } else {
        strings::SEARCH
    }
    .to_owned();
    if search.exact {
        title.push_str(" (");
        title.push_str(strings::EXACT);
        title.push(')');
    }
    let narrowed =
        (!search.picks.is_empty()).then(|| strings::narrowed_short(&search.picks.to_string()));
    if search.pending() {
        title.push_str(" · ");
        title.push_str(strings::SEARCHING);
    } else if let Some(listing) = &search.listing
        && search.error.is_none()
    {
        title.push_str(" · ");
        title.push_str(&strings::listing_count(
            search.hits.len(),
            search.total.unwrap_or(search.hits.len()),
            narrowed.as_deref(),
            search.reviewed,
            search.order().unwrap_or_default().label(),
            listing.undated,
            search.millis,
        ));
    } else if !search.input.text().trim().is_empty()
        && !search.slow_phrase
        && search.error.is_none()
    {
        title.push_str(" · ");
        title.push_str(&if search.counting {
            strings::results_counting(search.hits.len(), search.millis)
        } else {
            strings::results_count(
                search.hits.len(),
                search.total,
                search.reviewed,
                search.millis,
            )
        });
        for expansion in &search.also {
            title.push_str(" · ");
            title.push_str(&strings::also_searched(&expansion.typed, &expansion.also));
        }
        // A name searched with its entity's other names is a whole word, not a prefix.
        if let Some(word) = crate::index::typing_prefix(search.input.text())
            && !search.also.iter().any(|e| e.typed == word)
        {
            title.push_str(" · ");
            title.push_str(&strings::typing_prefix(word));
        }
        if let Some(narrowed) = &narrowed {
            title.push_str(" · ");
            title.push_str(narrowed);
        }
        if let Some(sort) = search.order() {
            title.push_str(" · ");
            title.push_str(&strings::sorted_by(sort.label()));
        }
    }
    title
}

/// Draws the search pane; returns where the query line's cursor is.
fn draw_search(app: &App, buf: &mut Buffer, areas: &Areas) -> Position {
    let search = app.search();
    let theme = app.theme();
    let title = search_title(search);
    title_bar(
        app,
        buf,
        areas.search_title,
        &title,
        matches!(app.focus(), Focus::Query | Focus::Results),
    );
    // The query line.
    let query = areas.query;
    label(buf, query.x, query.y, "/", 1, theme.plain.accent);
    let field = inner(query, 2);
    let x = paint_field(
        buf,
        field,
        &TextLine::plain(search.input.text(), Style::new()),
        search.input.cursor_byte(),
        app.painter(),
    );
    let cursor = Position::new(field.x + x, field.y);
    if search.input.text().is_empty() && !search.picks.is_empty() {
        // What narrows the list, where a query would be: the title may not have room.
        TextLine {
            text: &strings::narrowed(&search.picks.to_string()),
            base: Base::Forced(crate::text::script::Direction::Ltr),
            style: theme.plain.meta,
            marks: &[],
        }
        .paint(
            buf,
            Rect::new(field.x + 1, field.y, field.width.saturating_sub(1), 1),
            app.painter(),
        );
    }
    // The results.
    let results = areas.results;
    let message = if let Some(error) = &search.error {
        Some((error.as_str(), theme.plain.error))
    } else if search.slow_phrase {
        Some((strings::SLOW_PHRASE, theme.plain.meta))
    } else if search.hits.is_empty() && search.listing.is_some() && !search.pending() {
        Some((
            if search.picks.is_empty() {
                strings::NO_DOCUMENTS
            } else {
                strings::NO_DOCUMENTS_PICKED
            },
            theme.plain.meta,
        ))
    } else if search.input.text().trim().is_empty() && search.hits.is_empty() {
        Some((strings::TYPE_TO_SEARCH, theme.plain.meta))
    } else if search.hits.is_empty() && !search.pending() {
        Some((strings::NO_RESULTS, theme.plain.meta))
    } else {
        None
    };
    match message {
        Some((text, style)) => pane_message(buf, results, text, style),
        None => draw_results(app, buf, results),
    }
    cursor
}

/// The result list: title, source and date, snippet, each in its own direction.
fn draw_results(app: &App, buf: &mut Buffer, results: Rect) {
    let search = app.search();
    let theme = app.theme();
    let visible = app.areas().map_or(1, |a| a.visible_results());
    for (slot, (index, hit)) in search
        .hits
        .iter()
        .enumerate()
        .skip(search.offset)
        .take(visible)
        .enumerate()
    {
        let y = results.y + u16::try_from(slot).unwrap_or(0) * ROWS_PER_RESULT;
        let rows = Rect::new(
            results.x,
            y,
            results.width,
            (ROWS_PER_RESULT - 1).min(results.bottom() - y),
        );
        let selected = index == search.selected;
        let surface = if selected {
            &theme.selected
        } else {
            &theme.plain
        };
        let background = surface.text;
        fill(buf, rows, background);
        if selected {
            let marker = if app.focus() == Focus::Results {
                "▌"
            } else {
                "│"
            };
            for row in rows.y..rows.bottom() {
                label(buf, rows.x, row, marker, 1, surface.accent);
            }
        }
        let base = Base::for_document(hit.direction);
        let line =
            |offset: u16| Rect::new(rows.x + 2, rows.y + offset, rows.width.saturating_sub(3), 1);
        TextLine {
            text: &hit.title,
            base,
            style: background.patch(surface.heading),
            marks: &[],
        }
        .paint(buf, line(0), app.painter());
        let reviewed = app.is_reviewed(&hit.doc).then_some(strings::REVIEWED_MARK);
        let copies = strings::copies_mark(app.copies_of(&hit.doc), app.copy_origin(&hit.doc));
        let listing = search.listing.as_ref();
        let published = match (hit.published.as_deref(), listing) {
            (None, Some(_)) => Some(strings::NO_DATE),
            (published, _) => published,
        };
        let meta = [
            reviewed,
            hit.source.as_deref(),
            published,
            listing.map(|_| hit.lang.as_str()),
            copies.as_deref(),
            Some(hit.doc.as_str()),
        ]
        .into_iter()
        .flatten()
        // Each part isolated: a date after an Arabic outlet stays a date, not part of the
        // outlet's run (which would turn it into 14-07-1958).
        .map(|part| format!("\u{2068}{part}\u{2069}"))
        .collect::<Vec<_>>()
        .join(" · ");
        if rows.height > 1 {
            // Left to right on every row, so outlets, dates and ids line up whatever the
            // outlet's script (an Arabic outlet still reads right to left within).
            TextLine {
                text: &meta,
                base: Base::Forced(crate::text::script::Direction::Ltr),
                style: background.patch(surface.meta),
                marks: &[],
            }
            .paint(buf, line(1), app.painter());
        }
        if rows.height > 2 {
            draw_third_line(
                app,
                buf,
                line(2),
                hit,
                index,
                (background, surface.meta),
                base,
            );
        }
    }
}

/// A result's third line: its snippet, or in a list of documents what was noted on it.
fn draw_third_line(
    app: &App,
    buf: &mut Buffer,
    area: Rect,
    hit: &crate::index::SearchHit,
    index: usize,
    (background, meta): (Style, Style),
    base: Base,
) {
    let theme = app.theme();
    if let Some(listing) = &app.search().listing {
        // A list of documents: what was noted on each, where a search shows a snippet.
        let (mentions, evidence) = listing.counts.get(index).copied().unwrap_or_default();
        let unnoted = crate::store::DocNote::empty(&hit.doc);
        let noted = app.doc_note(&hit.doc).unwrap_or(&unnoted);
        let details = crate::triage::details(mentions, evidence, noted);
        TextLine {
            text: &details.join(" · "),
            base: Base::Auto {
                fallback: hit.direction,
            },
            style: background.patch(meta),
            marks: &[],
        }
        .paint(buf, area, app.painter());
        return;
    }
    let (snippet, highlights) =
        with_first_hit_in_view(&hit.snippet, &hit.highlights, area.width, base);
    let marks: Vec<(Range<usize>, Style)> =
        highlights.into_iter().map(|r| (r, theme.hit)).collect();
    TextLine {
        text: &snippet,
        base,
        style: background,
        marks: &marks,
    }
    .paint(buf, area, app.painter());
}

/// A snippet whose first highlight (byte ranges) would fall past the first screen line at
/// `width` cells starts later instead, at a word a third of the width before the hit, after
/// `… `: the hit is what the snippet is for.
fn with_first_hit_in_view(
    snippet: &str,
    highlights: &[Range<usize>],
    width: u16,
    base: Base,
) -> (String, Vec<Range<usize>>) {
    let unchanged = || (snippet.to_owned(), highlights.to_vec());
    let Some(first) = highlights.iter().min_by_key(|r| r.start) else {
        return unchanged();
    };
    let settings = LayoutSettings {
        // One cell for the ellipsis a cut line ends in.
        width: width.saturating_sub(1).max(1),
        base,
        shape: false,
    };
    let layout = layout_paragraph(snippet, &settings);
    if layout
        .lines
        .first()
        .is_none_or(|line| first.end <= line.bytes.end)
    {
        return unchanged();
    }
    // Back from the hit by a third of the width, then on to the start of a word.
    let before = snippet.get(..first.start).unwrap_or_default();
    let clusters: Vec<(usize, &str)> =
        unicode_segmentation::UnicodeSegmentation::grapheme_indices(before, true).collect();
    let back = usize::from(width / 3).min(clusters.len());
    let mut cut = clusters
        .get(clusters.len() - back)
        .map_or(first.start, |(at, _)| *at);
    if let Some(space) = before
        .get(cut..)
        .and_then(|rest| rest.find(char::is_whitespace))
    {
        cut += space;
        cut += before
            .get(cut..)
            .map_or(0, |rest| rest.len() - rest.trim_start().len());
    }
    let Some(rest) = snippet.get(cut..) else {
        return unchanged();
    };
    let text = format!("… {rest}");
    let shift = "… ".len();
    let moved = highlights
        .iter()
        .filter(|r| r.start >= cut)
        .map(|r| r.start - cut + shift..r.end - cut + shift)
        .collect();
    (text, moved)
}

fn draw_reader(app: &App, buf: &mut Buffer, areas: &Areas) {
    let reader = app.reader();
    let theme = app.theme();
    let focused = app.focus() == Focus::Reader;
    let Some(open) = reader.open.as_ref() else {
        title_bar(app, buf, areas.reader_title, strings::READER, focused);
        pane_message(
            buf,
            areas.reader_body,
            strings::NO_DOCUMENT,
            theme.plain.meta,
        );
        return;
    };
    draw_reader_heading(app, open, buf, areas, focused);
    let body = areas.reader_body;
    let selection = reader.selection();
    let kinds: std::collections::HashMap<i64, &String> = app
        .entities()
        .entities
        .iter()
        .map(|e| (e.id, &e.kind))
        .collect();
    for (y, row) in (body.y..).zip(reader.rows(open, usize::from(body.height))) {
        let layout = reader.paragraph_layout(open, row.paragraph);
        let Some(line) = ReaderPane::line(&layout, row) else {
            continue;
        };
        let start = open
            .layout
            .paragraph_ranges()
            .get(row.paragraph)
            .map_or(0, |r| r.start);
        let heading = row.paragraph == 0;
        let style_of = |cell: &Cell| {
            let bytes = start + cell.bytes.start..start + cell.bytes.end;
            let mut style = if heading {
                theme.plain.heading
            } else {
                Style::new()
            };
            if let Some((_, _, stance)) = open
                .evidence
                .iter()
                .find(|(range, _, _)| range.start < bytes.end && bytes.start < range.end)
            {
                style = style.patch(theme.evidence(*stance));
            }
            if let Some(mention) = mention_at(&open.mentions, &bytes) {
                let kind = kinds.get(&mention.entity).map_or("", |k| k.as_str());
                style = theme.entity_on(app.entity_types(), kind, style);
            }
            let first = open.hits.partition_point(|h| h.end <= bytes.start);
            let hit = open.hits.get(first).filter(|h| h.start < bytes.end);
            if let Some(hit) = hit {
                // The hit the caret is on stands out: where n and N went.
                style = style.patch(if hit.contains(&open.caret_byte) {
                    theme.hit_current
                } else {
                    theme.hit
                });
            }
            if selection
                .as_ref()
                .is_some_and(|s| s.start < bytes.end && bytes.start < s.end)
            {
                // Selected is selected, hit or not: a hit inside stays bold.
                style = style.patch(theme.selection);
                if hit.is_some() {
                    style = style.add_modifier(ratatui::style::Modifier::BOLD);
                }
            }
            if focused && bytes.contains(&open.caret_byte) {
                style = style.patch(theme.caret);
            }
            style
        };
        paint_line(
            buf,
            Rect::new(body.x, y, body.width, 1),
            open.layout.paragraph(row.paragraph),
            line,
            app.bidi(),
            &style_of,
        );
    }
}

/// The reader's title bar (with the document id) and its metadata line.
fn draw_reader_heading(
    app: &App,
    open: &crate::tui::reader_pane::OpenDocument,
    buf: &mut Buffer,
    areas: &Areas,
    focused: bool,
) {
    let theme = app.theme();
    let document = &open.document;
    title_bar(app, buf, areas.reader_title, strings::READER, focused);
    // The document id may be in any script: laid out like the rest.
    let id_area = Rect::new(
        areas.reader_title.x + 8,
        areas.reader_title.y,
        areas.reader_title.width.saturating_sub(9),
        1,
    );
    let title_style = if focused {
        theme.title_bar_focused
    } else {
        theme.title_bar
    };
    TextLine::plain(&document.id, title_style).paint(buf, id_area, app.painter());
    // The caret on evidence names its claim here, where it stays while the status line
    // says what the last action did.
    let on_claim = (app.focus() == Focus::Reader)
        .then(|| app.reader().evidence_at_caret(app.current_claim()))
        .flatten()
        .and_then(|(id, stance)| Some((id, stance, app.claims().claim(id)?)));
    if let Some((id, stance, view)) = on_claim {
        let text = strings::evidence_of_claim(id, stance.as_str(), &view.claim.text);
        TextLine::plain(&text, theme.plain.stance(stance)).paint(
            buf,
            areas.reader_meta,
            app.painter(),
        );
        return;
    }
    let mut meta: Vec<String> = [
        app.is_reviewed(&document.id)
            .then(|| strings::REVIEWED_MARK.to_owned()),
        document.source.clone(),
        // A date reads left to right whatever surrounds it: after Arabic, the bidi
        // algorithm would otherwise show 2024-03-22 as 22-03-2024.
        document
            .published
            .as_deref()
            .map(|date| format!("\u{2066}{date}\u{2069}")),
        // A channel's own post names the channel as its author too: once is enough.
        document
            .author
            .clone()
            .filter(|author| document.source.as_ref() != Some(author)),
        document
            .forwarded_from
            .as_deref()
            .map(strings::forwarded_from),
        document.part_of.as_deref().map(strings::attached_to),
    ]
    .into_iter()
    .flatten()
    .collect();
    meta.push(document.lang.clone());
    if !open.hits.is_empty() {
        meta.push(strings::hits(open.hits.len()));
    }
    TextLine {
        text: &meta.join(" · "),
        base: Base::for_document(document.direction),
        style: theme.plain.meta,
        marks: &[],
    }
    .paint(buf, areas.reader_meta, app.painter());
}

/// The mention covering `bytes`, if any (mentions sorted by start; they rarely overlap).
fn mention_at<'a>(
    mentions: &'a [crate::store::Mention],
    bytes: &Range<usize>,
) -> Option<&'a crate::store::Mention> {
    let after = mentions.partition_point(|m| m.anchor.byte_start < bytes.end);
    mentions
        .get(after.saturating_sub(4)..after)?
        .iter()
        .rev()
        .find(|m| m.anchor.byte_end > bytes.start)
}

/// A message in place of a pane's content, wrapped.
fn pane_message(buf: &mut Buffer, area: Rect, text: &str, style: Style) {
    Paragraph::new(text)
        .style(style)
        .wrap(Wrap { trim: true })
        .render(inner(area, 1), buf);
}

/// A passage on one row of a list, on `surface`: whole words before it, the quote in
/// `style`, whole words after it (`…` where the text goes on), laid out in its own
/// direction.
fn paint_passage(
    app: &App,
    buf: &mut Buffer,
    area: Rect,
    anchor: &crate::store::Anchor,
    (surface, style): (&Surface, Style),
) {
    let line = anchor.context_line(PASSAGE_CONTEXT_CLUSTERS);
    TextLine {
        text: &line.text,
        base: Base::Auto {
            fallback: Direction::Rtl,
        },
        style: surface.text,
        marks: &[(line.passage_bytes, style)],
    }
    .paint(buf, area, app.painter());
}

/// Grapheme clusters of context on each side of a passage in a list: the words nearest it
/// are enough to recognise it.
const PASSAGE_CONTEXT_CLUSTERS: usize = 20;

fn inner(area: Rect, left: u16) -> Rect {
    Rect::new(
        area.x + left,
        area.y,
        area.width.saturating_sub(left + 1),
        area.height,
    )
}
