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
