//! Styles by role, never by colour at the point of use.

use ratatui::style::{Color, Modifier, Style};

pub const TITLE_BAR: Style = Style::new().add_modifier(Modifier::BOLD);
pub const TITLE_BAR_FOCUSED: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::Cyan)
    .add_modifier(Modifier::BOLD);
pub const HEADING: Style = Style::new().add_modifier(Modifier::BOLD);
pub const META: Style = Style::new().fg(Color::DarkGray);
pub const HIT: Style = Style::new().fg(Color::Black).bg(Color::Yellow);
pub const SELECTION: Style = Style::new().add_modifier(Modifier::REVERSED);
pub const CARET: Style = Style::new().bg(Color::Cyan).fg(Color::Black);
pub const RESULT_SELECTED: Style = Style::new().bg(Color::Rgb(40, 48, 64));
pub const DIVIDER: Style = Style::new().fg(Color::DarkGray);
pub const STATUS: Style = Style::new().bg(Color::Rgb(30, 30, 30));
pub const STATUS_MODE: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::Green)
    .add_modifier(Modifier::BOLD);
pub const ERROR: Style = Style::new()
    .fg(Color::LightRed)
    .add_modifier(Modifier::BOLD);
pub const PROMPT: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
pub const OVERLAY: Style = Style::new().bg(Color::Rgb(20, 20, 28));
pub const KEY: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
pub const MENTION: Style = Style::new().add_modifier(Modifier::UNDERLINED);
pub const REJECTED: Style = Style::new()
    .fg(Color::DarkGray)
    .add_modifier(Modifier::CROSSED_OUT);

/// The colour `isnad.toml` names for an entity type (checked when the file is read; an
/// unknown name is white).
pub fn named(colour: &str) -> Color {
    if let Some(hex) = colour.strip_prefix('#')
        && let Ok(rgb) = u32::from_str_radix(hex, 16)
    {
        let [_, r, g, b] = rgb.to_be_bytes();
        return Color::Rgb(r, g, b);
    }
    match colour {
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" => Color::Gray,
        "light-red" => Color::LightRed,
        "light-green" => Color::LightGreen,
        "light-yellow" => Color::LightYellow,
        "light-blue" => Color::LightBlue,
        "light-magenta" => Color::LightMagenta,
        "light-cyan" => Color::LightCyan,
        _ => Color::White,
    }
}

/// How a mention of an entity of type `kind` looks: its type's colour, underlined.
pub fn mention(types: &[crate::workspace::EntityType], kind: &str) -> Style {
    let colour = types
        .iter()
        .find(|t| t.name == kind)
        .map_or(Color::White, |t| named(&t.colour));
    MENTION.fg(colour)
}
pub const SUPPORTS: Style = Style::new().fg(Color::LightGreen);
pub const REFUTES: Style = Style::new().fg(Color::LightRed);
pub const MENTIONS: Style = Style::new().fg(Color::Gray);
pub const HINT: Style = Style::new().fg(Color::Yellow);
/// Evidence in the reader: a background per stance, apart from the entities' colours.
pub const EVIDENCE_SUPPORTS: Style = Style::new().bg(Color::Rgb(20, 60, 30));
pub const EVIDENCE_REFUTES: Style = Style::new().bg(Color::Rgb(70, 25, 25));
pub const EVIDENCE_MENTIONS: Style = Style::new().bg(Color::Rgb(45, 45, 55));

/// A stance's colour, for text.
pub fn stance(stance: crate::store::Stance) -> Style {
    match stance {
        crate::store::Stance::Supports => SUPPORTS,
        crate::store::Stance::Refutes => REFUTES,
        crate::store::Stance::Mentions => MENTIONS,
    }
}

/// A stance's mark in the reader.
pub fn evidence(stance: crate::store::Stance) -> Style {
    match stance {
        crate::store::Stance::Supports => EVIDENCE_SUPPORTS,
        crate::store::Stance::Refutes => EVIDENCE_REFUTES,
        crate::store::Stance::Mentions => EVIDENCE_MENTIONS,
    }
}
