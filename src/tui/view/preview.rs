//! The tag-all preview overlay: each hit with its document and passage, accepted or not.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::overlay::overlay_box;
use super::paint_passage;
use crate::tui::app::App;
use crate::tui::paint::{TextLine, fill, label};
use crate::tui::preview::{ROWS_PER_ITEM, TagPreview};
use crate::tui::strings;

pub(super) fn draw(app: &App, preview: &TagPreview, buf: &mut Buffer, screen: Rect) {
    let theme = app.theme();
    let overlay = &theme.overlay;
    let area = overlay_box(buf, screen, 2, overlay);
    let request = &preview.request;
    let tagged = preview.tagged();
    let title = strings::preview_title(
        &request.name,
        &request.kind,
        preview.accepted(),
        preview.items.len() - tagged,
        preview.documents(),
        tagged,
    );
    TextLine::plain(&title, overlay.text.patch(overlay.heading)).paint(
        buf,
        Rect::new(area.x + 1, area.y, area.width.saturating_sub(2), 1),
        app.painter(),
    );
    let body = Rect::new(
        area.x,
        area.y + 2,
        area.width,
        area.height.saturating_sub(4),
    );
    let rows = usize::from(body.height / ROWS_PER_ITEM);
    for (slot, (index, item)) in preview
        .items
        .iter()
        .enumerate()
        .skip(preview.offset)
        .take(rows)
        .enumerate()
    {
        let y = body.y + u16::try_from(slot).unwrap_or(0) * ROWS_PER_ITEM;
        let row = Rect::new(body.x, y, body.width, ROWS_PER_ITEM);
        let surface = if index == preview.selected {
            &theme.selected
        } else {
            overlay
        };
        fill(buf, row, surface.text);
        let mark = if item.tagged {
            "[=]"
        } else if item.accepted {
            "[x]"
        } else {
            "[ ]"
        };
        label(buf, row.x + 1, y, mark, 3, surface.accent);
        let occurrence = &item.occurrence;
        let mut head = format!("{} · {}", occurrence.doc, occurrence.title);
        if item.tagged {
            head = format!("{} · {head}", strings::TAGGED_ALREADY);
        }
        TextLine::plain(&head, surface.text.patch(surface.meta)).paint(
            buf,
            Rect::new(row.x + 5, y, row.width.saturating_sub(6), 1),
            app.painter(),
        );
        let quote_style = if item.accepted {
            theme.entity(app.entity_types(), &request.kind, surface)
        } else {
            surface
                .meta
                .add_modifier(ratatui::style::Modifier::CROSSED_OUT)
        };
        let passage = Rect::new(row.x + 5, y + 1, row.width.saturating_sub(6), 1);
        paint_passage(
            app,
            buf,
            passage,
            &occurrence.anchor,
            (surface, quote_style),
        );
    }
}
