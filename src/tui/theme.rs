//! Styles by role, for a dark or a light terminal, or none at all (`NO_COLOR`).
//!
//! The rule every style keeps (a test checks every cell of every snapshot): a cell that
//! sets its background sets its foreground too, with a contrast of at least 4.5:1 (WCAG
//! AA, with xterm's palette for the 16 ANSI colours); a cell that sets only its foreground
//! uses a colour with at least 3:1 against the theme's background (white or black), and
//! against both when it is not one of the 16 ANSI colours; reverse video is fine.
//!
//! Text is drawn on a `Surface`: the terminal's own background, a selected row, the status
//! line or an overlay. Each surface has its own readable colours for the same roles, so
//! a view asks the surface it draws on, never mixes a colour into a background it did not
//! choose it for.

use ratatui::style::{Color, Modifier, Style};

use crate::store::Stance;
use crate::workspace::EntityType;

/// Which colours: chosen by `[display] theme`, `:theme`, the terminal's background, and
/// `NO_COLOR`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Palette {
    #[default]
    Dark,
    Light,
    /// No colour at all (`NO_COLOR`): bold, underline, italic and reverse video only.
    Plain,
}

impl Palette {
    /// The palette for a terminal background, by its relative luminance.
    pub fn for_background(rgb: [u8; 3]) -> Palette {
        if luminance(Color::Rgb(rgb[0], rgb[1], rgb[2])) > 0.4 {
            Palette::Light
        } else {
            Palette::Dark
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Palette::Dark => "dark",
            Palette::Light => "light",
            Palette::Plain => "no colour",
        }
    }
}

/// The colours of text on one background.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Surface {
    /// Plain text: the background and its foreground (nothing on the terminal's own).
    pub text: Style,
    pub meta: Style,
    pub heading: Style,
    /// Keys, prompts, markers.
    pub accent: Style,
    pub error: Style,
    /// Warnings: numbers that differ, opposite stances, orphaned passages.
    pub hint: Style,
    supports: Style,
    refutes: Style,
    mentions: Style,
}

impl Surface {
    /// A stance's colour, for text.
    pub fn stance(&self, stance: Stance) -> Style {
        match stance {
            Stance::Supports => self.supports,
            Stance::Refutes => self.refutes,
            Stance::Mentions => self.mentions,
        }
    }

    /// Whether it has a background of its own.
    pub fn has_background(&self) -> bool {
        self.text.bg.is_some_and(|bg| bg != Color::Reset)
    }
}

/// Every style the workbench draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub palette: Palette,
    /// The terminal's own background.
    pub plain: Surface,
    /// A selected row of a list.
    pub selected: Surface,
    pub status: Surface,
    pub overlay: Surface,
    pub title_bar: Style,
    pub title_bar_focused: Style,
    /// The mode's name at the start of the status line.
    pub status_mode: Style,
    pub hit: Style,
    /// The hit the caret is on (where `n`/`N` went).
    pub hit_current: Style,
    pub selection: Style,
    pub caret: Style,
    pub divider: Style,
    evidence: [Style; 3],
}

const BLACK: Color = Color::Rgb(0, 0, 0);

impl Theme {
    pub fn new(palette: Palette) -> Theme {
        match palette {
            Palette::Dark => dark(),
            Palette::Light => light(),
            Palette::Plain => plain(),
        }
    }

    /// Evidence in the reader: a background per stance (with its foreground).
    pub fn evidence(&self, stance: Stance) -> Style {
        self.evidence[match stance {
            Stance::Supports => 0,
            Stance::Refutes => 1,
            Stance::Mentions => 2,
        }]
    }

    /// A mention of an entity of type `kind` on `surface`: underlined, in its type's colour
    /// where the surface has no background of its own (on one, the type's colour could not
    /// be read: the surface's text colour stays). No underline colour (SGR 58): terminals
    /// that do not know it read its parameters as other attributes (mlterm switches fonts
    /// and the text disappears).
    pub fn entity(&self, types: &[EntityType], kind: &str, surface: &Surface) -> Style {
        let style = surface.text.add_modifier(Modifier::UNDERLINED);
        if self.palette == Palette::Plain || surface.has_background() {
            return style;
        }
        let colour = types
            .iter()
            .find(|t| t.name == kind)
            .map_or(Color::Reset, |t| self.colour(&t.colour));
        style.fg(colour)
    }

    /// A mention patched onto a cell that may have a background already (evidence, a hit).
    pub fn entity_on(&self, types: &[EntityType], kind: &str, cell: Style) -> Style {
        // On a background the type's colour could clash with it: the name is underlined only.
        if cell.bg.is_some_and(|bg| bg != Color::Reset) {
            cell.add_modifier(Modifier::UNDERLINED)
        } else {
            cell.patch(self.entity(types, kind, &self.plain))
        }
    }

    /// The colour `isnad.toml` names for an entity type (checked when the file is read; an
    /// unknown name is the terminal's own). On a light background the light ANSI colours
    /// cannot be read: each name has a darker colour there.
    pub fn colour(&self, name: &str) -> Color {
        if let Some(hex) = name.strip_prefix('#')
            && let Ok(rgb) = u32::from_str_radix(hex, 16)
        {
            let [_, r, g, b] = rgb.to_be_bytes();
            return Color::Rgb(r, g, b);
        }
        let base = name.strip_prefix("light-").unwrap_or(name);
        if self.palette == Palette::Light {
            return match base {
                "red" => Color::Rgb(190, 0, 0),
                "green" => Color::Rgb(0, 125, 0),
                "yellow" => Color::Rgb(140, 95, 0),
                "blue" => Color::Rgb(20, 90, 210),
                "magenta" => Color::Rgb(170, 0, 170),
                "cyan" => Color::Rgb(0, 120, 140),
                "gray" => Color::Rgb(100, 100, 100),
                _ => Color::Reset,
            };
        }
        match name {
            "red" => Color::Red,
            "green" => Color::Green,
            "yellow" => Color::Yellow,
            // ANSI blue is too dark to read on black.
            "blue" | "light-blue" => Color::LightBlue,
            "magenta" => Color::Magenta,
            "cyan" => Color::Cyan,
            "gray" => Color::Gray,
            "light-red" => Color::LightRed,
            "light-green" => Color::LightGreen,
            "light-yellow" => Color::LightYellow,
            "light-magenta" => Color::LightMagenta,
            "light-cyan" => Color::LightCyan,
            _ => Color::Reset,
        }
    }
}

fn rgb(r: u8, g: u8, b: u8) -> Style {
    Style::new().fg(Color::Rgb(r, g, b))
}

/// A surface with background `bg`, text `text`, and the other roles in the given colours.
#[allow(clippy::too_many_arguments)]
fn surface(
    bg: Color,
    text: Color,
    meta: Style,
    accent: Style,
    error: Style,
    hint: Style,
    supports: Style,
    refutes: Style,
    mentions: Style,
) -> Surface {
    Surface {
        text: Style::new().bg(bg).fg(text),
        meta,
        heading: Style::new().fg(text).add_modifier(Modifier::BOLD),
        accent: accent.add_modifier(Modifier::BOLD),
        error: error.add_modifier(Modifier::BOLD),
        hint,
        supports,
        refutes,
        mentions,
    }
}

fn common(palette: Palette, plain: Surface, selection: Style, evidence: [Style; 3]) -> Theme {
    let on_cyan = Style::new().fg(BLACK).bg(Color::Cyan);
    Theme {
        palette,
        plain,
        selected: plain,
        status: plain,
        overlay: plain,
        title_bar: Style::new().add_modifier(Modifier::BOLD),
        title_bar_focused: on_cyan.add_modifier(Modifier::BOLD),
        status_mode: Style::new()
            .fg(BLACK)
            .bg(Color::Green)
            .add_modifier(Modifier::BOLD),
        // Spelled out, not ANSI yellow: Konsole's yellow is a brown next to which the
        // current hit's orange did not stand out.
        hit: Style::new().fg(BLACK).bg(Color::Rgb(250, 220, 80)),
        hit_current: Style::new()
            .fg(BLACK)
            .bg(Color::Rgb(255, 130, 0))
            .add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
        selection,
        caret: on_cyan,
        divider: plain.meta,
        evidence,
    }
}

/// A palette as data: the colours of text on isnad's own backgrounds, the backgrounds
/// (each with its colour for secondary text), the terminal's own surface, the selection
/// and the evidence backgrounds.
struct Colours {
    text: Color,
    /// Accent, error, hint, supports, refutes, mentions, on isnad's backgrounds.
    roles: [Color; 6],
    /// Background and secondary text of a selected row, the status line, an overlay.
    selected: (Color, Color),
    status: (Color, Color),
    overlay: (Color, Color),
    plain: Surface,
    selection: Style,
    evidence: [Color; 3],
}

fn build(palette: Palette, c: &Colours) -> Theme {
    let [accent, error, hint, supports, refutes, mentions] = c.roles.map(|r| Style::new().fg(r));
    let on = |(bg, meta): (Color, Color)| {
        surface(
            bg,
            c.text,
            Style::new().fg(meta),
            accent,
            error,
            hint,
            supports,
            refutes,
            mentions,
        )
    };
    let with_text = |bg: Color| Style::new().bg(bg).fg(c.text);
    Theme {
        selected: on(c.selected),
        status: on(c.status),
        overlay: on(c.overlay),
        ..common(palette, c.plain, c.selection, c.evidence.map(with_text))
    }
}

fn dark() -> Theme {
    let light_text = Color::Rgb(232, 232, 232);
    build(
        Palette::Dark,
        &Colours {
            text: light_text,
            roles: [
                Color::Rgb(0, 215, 215),
                Color::Rgb(255, 125, 125),
                Color::Rgb(240, 210, 80),
                Color::Rgb(120, 230, 120),
                Color::Rgb(255, 140, 140),
                Color::Rgb(200, 200, 205),
            ],
            selected: (Color::Rgb(40, 48, 64), Color::Rgb(175, 180, 190)),
            status: (Color::Rgb(30, 30, 30), Color::Rgb(165, 165, 165)),
            overlay: (Color::Rgb(20, 20, 28), Color::Rgb(165, 165, 172)),
            plain: Surface {
                text: Style::new(),
                meta: Style::new().fg(Color::DarkGray),
                heading: Style::new().add_modifier(Modifier::BOLD),
                accent: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
                error: Style::new()
                    .fg(Color::LightRed)
                    .add_modifier(Modifier::BOLD),
                hint: Style::new().fg(Color::Yellow),
                supports: Style::new().fg(Color::LightGreen),
                refutes: Style::new().fg(Color::LightRed),
                mentions: Style::new().fg(Color::Gray),
            },
            selection: Style::new()
                .fg(Color::Rgb(255, 255, 255))
                .bg(Color::Rgb(60, 90, 160)),
            evidence: [
                Color::Rgb(20, 72, 36),
                Color::Rgb(88, 26, 26),
                Color::Rgb(52, 52, 64),
            ],
        },
    )
}

fn light() -> Theme {
    build(
        Palette::Light,
        &Colours {
            text: BLACK,
            roles: [
                Color::Rgb(0, 60, 170),
                Color::Rgb(170, 0, 0),
                Color::Rgb(120, 75, 0),
                Color::Rgb(0, 110, 0),
                Color::Rgb(170, 0, 0),
                Color::Rgb(70, 70, 80),
            ],
            selected: (Color::Rgb(212, 224, 242), Color::Rgb(60, 60, 72)),
            status: (Color::Rgb(222, 222, 222), Color::Rgb(75, 75, 75)),
            overlay: (Color::Rgb(246, 246, 238), Color::Rgb(85, 85, 85)),
            plain: Surface {
                text: Style::new(),
                meta: rgb(95, 95, 95),
                heading: Style::new().add_modifier(Modifier::BOLD),
                accent: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
                error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
                hint: rgb(150, 95, 0),
                supports: rgb(0, 130, 0),
                refutes: rgb(200, 0, 0),
                mentions: rgb(95, 95, 95),
            },
            selection: Style::new().fg(BLACK).bg(Color::Rgb(175, 205, 255)),
            evidence: [
                Color::Rgb(196, 236, 200),
                Color::Rgb(248, 204, 204),
                Color::Rgb(224, 224, 236),
            ],
        },
    )
}

fn plain() -> Theme {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let reversed = Style::new().add_modifier(Modifier::REVERSED);
    let plain = Surface {
        text: Style::new(),
        meta: Style::new(),
        heading: bold,
        accent: bold,
        error: bold,
        hint: bold,
        supports: Style::new(),
        refutes: Style::new(),
        mentions: Style::new(),
    };
    let selected = Surface {
        text: reversed,
        heading: reversed.add_modifier(Modifier::BOLD),
        accent: reversed.add_modifier(Modifier::BOLD),
        ..plain
    };
    Theme {
        palette: Palette::Plain,
        plain,
        selected,
        status: selected,
        overlay: plain,
        title_bar: bold,
        title_bar_focused: reversed.add_modifier(Modifier::BOLD),
        status_mode: reversed.add_modifier(Modifier::BOLD),
        hit: bold.add_modifier(Modifier::UNDERLINED),
        hit_current: reversed.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        selection: reversed,
        caret: reversed.add_modifier(Modifier::BOLD),
        divider: Style::new(),
        evidence: [Style::new().add_modifier(Modifier::ITALIC); 3],
    }
}

/// xterm's default palette for the 16 ANSI colours, to measure contrast with.
pub fn rgb_of(colour: Color) -> Option<[u8; 3]> {
    Some(match colour {
        Color::Black | Color::Indexed(0) => [0, 0, 0],
        Color::Red | Color::Indexed(1) => [205, 0, 0],
        Color::Green | Color::Indexed(2) => [0, 205, 0],
        Color::Yellow | Color::Indexed(3) => [205, 205, 0],
        Color::Blue | Color::Indexed(4) => [0, 0, 238],
        Color::Magenta | Color::Indexed(5) => [205, 0, 205],
        Color::Cyan | Color::Indexed(6) => [0, 205, 205],
        Color::Gray | Color::Indexed(7) => [229, 229, 229],
        Color::DarkGray | Color::Indexed(8) => [127, 127, 127],
        Color::LightRed | Color::Indexed(9) => [255, 0, 0],
        Color::LightGreen | Color::Indexed(10) => [0, 255, 0],
        Color::LightYellow | Color::Indexed(11) => [255, 255, 0],
        Color::LightBlue | Color::Indexed(12) => [92, 92, 255],
        Color::LightMagenta | Color::Indexed(13) => [255, 0, 255],
        Color::LightCyan | Color::Indexed(14) => [0, 255, 255],
        Color::White | Color::Indexed(15) => [255, 255, 255],
        Color::Rgb(r, g, b) => [r, g, b],
        Color::Reset | Color::Indexed(_) => return None,
    })
}

/// Whether `colour` is one of the 16 ANSI colours, which a terminal's theme may adapt.
pub fn is_ansi(colour: Color) -> bool {
    !matches!(colour, Color::Rgb(..) | Color::Reset)
        && !matches!(colour, Color::Indexed(i) if i > 15)
}

/// WCAG relative luminance.
pub fn luminance(colour: Color) -> f64 {
    let [r, g, b] = rgb_of(colour).unwrap_or([0, 0, 0]);
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// WCAG contrast ratio between two colours (1 to 21).
pub fn contrast(a: Color, b: Color) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_is_wcags() {
        assert!((contrast(Color::White, Color::Black) - 21.0).abs() < 0.01);
        assert!((contrast(Color::Black, Color::Black) - 1.0).abs() < 0.01);
        assert_eq!(Palette::for_background([255, 255, 255]), Palette::Light);
        assert_eq!(Palette::for_background([0, 0, 0]), Palette::Dark);
        assert_eq!(Palette::for_background([0x2e, 0x34, 0x36]), Palette::Dark);
    }

    #[test]
    fn every_surface_is_readable_in_both_palettes() {
        for palette in [Palette::Dark, Palette::Light] {
            let theme = Theme::new(palette);
            for surface in [theme.selected, theme.status, theme.overlay] {
                let bg = surface.text.bg.expect("a background");
                for role in [
                    surface.text,
                    surface.meta,
                    surface.heading,
                    surface.accent,
                    surface.error,
                    surface.hint,
                    surface.stance(Stance::Supports),
                    surface.stance(Stance::Refutes),
                    surface.stance(Stance::Mentions),
                ] {
                    let fg = role.fg.expect("a foreground");
                    assert!(contrast(fg, bg) >= 4.5, "{palette:?}: {fg:?} on {bg:?}");
                }
            }
        }
    }

    #[test]
    fn entity_colours_are_darker_on_light_terminals() {
        let types = EntityType::defaults();
        let light = Theme::new(Palette::Light);
        for t in &types {
            let fg = light
                .entity(&types, &t.name, &light.plain)
                .fg
                .expect("a colour");
            assert!(contrast(fg, Color::White) >= 3.0, "{}: {fg:?}", t.name);
        }
        // On a selected row the name keeps the row's text colour, underlined.
        let on_row = light.entity(&types, "PER", &light.selected);
        assert_eq!(on_row.fg, light.selected.text.fg);
        assert!(on_row.add_modifier.contains(Modifier::UNDERLINED));
    }
}
