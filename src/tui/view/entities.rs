//! The entities pane (in the left column): entities grouped by type with their counts, or
//! one entity's mentions in context.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{inner, paint_passage, pane_message, title_bar};
use crate::tui::app::{App, Focus};
use crate::tui::entities_pane::Row;
use crate::tui::layout::Areas;
use crate::tui::paint::{TextLine, fill, label};
use crate::tui::strings;

pub(super) fn draw(app: &App, buf: &mut Buffer, areas: &Areas) {
    let pane = app.entities();
    let theme = app.theme();
    let focused = app.focus() == Focus::Entities;
    let title = strings::entities_title(pane.entities.len());
    title_bar(app, buf, areas.search_title, &title, focused);
    let body = Rect::new(
        areas.query.x,
        areas.query.y,
        areas.query.width,
        areas.results.bottom() - areas.query.y,
    );
    if let Some(list) = &pane.mentions {
        return draw_mentions(app, buf, body, list, focused);
    }
    if pane.entities.is_empty() {
        let text = if pane.loaded {
            strings::NO_ENTITIES_PANE
        } else {
            strings::READING_ANNOTATIONS
        };
        pane_message(buf, body, text, theme.plain.meta);
        return;
    }
    for (y, (index, row)) in (body.y..body.bottom()).zip(
        pane.rows
            .iter()
            .enumerate()
            .skip(pane.view_offset(usize::from(body.height))),
    ) {
        let line = Rect::new(body.x, y, body.width, 1);
        match row {
            Row::Heading(first) => {
                let kind = &pane.entities[*first].kind;
                let count = pane.entities.iter().filter(|e| &e.kind == kind).count();
                let style = theme
                    .entity(app.entity_types(), kind, &theme.plain)
                    .patch(theme.plain.heading);
                TextLine::plain(&format!("{kind} · {count}"), style).paint(
                    buf,
                    Rect::new(line.x + 1, y, line.width.saturating_sub(2), 1),
                    app.painter(),
                );
            }
            Row::Entity(i) => {
                let entity = &pane.entities[*i];
                let surface = if index == pane.selected && focused {
                    &theme.selected
                } else {
                    &theme.plain
                };
                fill(buf, line, surface.text);
                let counts = format!("{} ", strings::entity_counts(entity.mentions, entity.docs));
                let counts_width = u16::try_from(counts.chars().count()).unwrap_or(0);
                let x = line.right().saturating_sub(counts_width);
                label(buf, x, y, &counts, counts_width, surface.meta);
                let mut name = entity.name.clone();
                if !entity.aliases.is_empty() {
                    name.push_str(" · ");
                    name.push_str(&entity.aliases.join(" · "));
                }
                let style = theme.entity(app.entity_types(), &entity.kind, surface);
                let name_area = Rect::new(line.x + 2, y, x.saturating_sub(line.x + 4), 1);
                TextLine::plain(&name, style).paint(buf, name_area, app.painter());
            }
        }
    }
}

fn draw_mentions(
    app: &App,
    buf: &mut Buffer,
    body: Rect,
    list: &crate::tui::entities_pane::MentionList,
    focused: bool,
) {
    let Some(entity) = app.entities().listed_entity() else {
        return;
    };
    let theme = app.theme();
    let style = theme.entity(app.entity_types(), &entity.kind, &theme.plain);
    let mut heading = strings::mentions_heading(&entity.name, &entity.kind, list.mentions.len());
    if !entity.note.is_empty() {
        heading.push_str(" · ");
        heading.push_str(&entity.note);
    }
    TextLine::plain(&heading, style.patch(theme.plain.heading)).paint(
        buf,
        inner(Rect::new(body.x, body.y, body.width, 1), 1),
        app.painter(),
    );
    let rows = body.height.saturating_sub(1) / 2;
    for (slot, (index, mention)) in list
        .mentions
        .iter()
        .enumerate()
        .skip(list.offset)
        .take(usize::from(rows))
        .enumerate()
    {
        let y = body.y + 1 + u16::try_from(slot).unwrap_or(0) * 2;
        let area = Rect::new(body.x, y, body.width, 2);
        let surface = if index == list.selected && focused {
            &theme.selected
        } else {
            &theme.plain
        };
        fill(buf, area, surface.text);
        let place = if mention.orphaned {
            format!("{} · {}", mention.doc, strings::ORPHANED)
        } else {
            mention.doc.clone()
        };
        let place_style = if mention.orphaned {
            surface.hint
        } else {
            surface.meta
        };
        TextLine::plain(&place, place_style).paint(
            buf,
            Rect::new(area.x + 1, y, area.width.saturating_sub(2), 1),
            app.painter(),
        );
        let row = inner(Rect::new(area.x, y + 1, area.width, 1), 2);
        let quote = theme.entity(app.entity_types(), &entity.kind, surface);
        paint_passage(app, buf, row, &mention.anchor, (surface, quote));
    }
}
