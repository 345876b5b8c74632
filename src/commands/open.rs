//! `isnad` / `isnad open`: the workbench. Without a terminal (a pipe, a script) it prints
//! the workspace's status instead.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::cli::Settings;
use isnad::tui::keymap::Keymap;
use isnad::tui::terminal::Emulator;
use isnad::tui::theme::Palette;
use isnad::tui::{self, AppOptions, CalibrationStore, terminal};
use isnad::workspace::{BidiMode, ShapingMode, ThemeChoice, Workspace};

pub fn open(
    settings: &Settings,
    bidi: Option<BidiMode>,
    shaping: Option<ShapingMode>,
) -> Result<ExitCode> {
    let workspace = super::workspace(settings)?;
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        note!("note: not a terminal, so no workbench; the workspace's status follows");
        return super::status::status(&workspace);
    }
    let keymap = Keymap::load(keymap_path().as_deref())?;
    // In a team, the store thread fetches what the team shared since, once the workbench
    // is up (`Msg::TeamDocuments`): a database slow to answer never holds the start.
    let index = super::open_index(&workspace)?;
    let var = |name: &str| std::env::var(name).ok();
    let emulator = Emulator::from_env(&var);
    // Calibration is remembered per terminal: its name, or its TERM when isnad does not
    // know it.
    let identity = match emulator {
        Emulator::Other => var("TERM").unwrap_or_else(|| emulator.name().to_owned()),
        known => known.name().to_owned(),
    };
    let store = Workspace::data_dir().ok().map(|dir| CalibrationStore {
        path: terminal::calibration_path(&dir),
        identity,
    });
    let remembered = store
        .as_ref()
        .and_then(|s| terminal::remembered(&s.path, &s.identity));
    let display = workspace.config().display;
    let bidi_set = bidi.or(display.bidi);
    let bidi = bidi_set
        .or(remembered.map(|r| r.bidi))
        .unwrap_or_else(|| emulator.preferred_mode());
    let shaping = shaping.or(display.shaping).unwrap_or(match remembered {
        Some(r) if r.shaping => ShapingMode::On,
        Some(_) => ShapingMode::Off,
        None => ShapingMode::Auto,
    });
    let notice = if workspace.is_sample() {
        Some(format!(
            "the sample case, kept in {}; `isnad init` makes a workspace of your own",
            home_relative(workspace.root())
        ))
    } else if bidi_set.is_none() && remembered.is_none() {
        emulator.hint().map(str::to_owned)
    } else {
        None
    };
    let name = workspace.root().file_name().map_or_else(
        || workspace.root().display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let options = AppOptions {
        keymap,
        workspace: name,
        bidi,
        shaping,
        emulator,
        notice,
        bidi_chosen: bidi_set.is_some() || remembered.is_some(),
        entity_types: workspace.config().entity_types.clone(),
        theme: display.theme.unwrap_or(ThemeChoice::Auto),
        // https://no-color.org: set and not empty.
        no_color: var("NO_COLOR").is_some_and(|v| !v.is_empty()),
        background: var("COLORFGBG").as_deref().and_then(background_of),
    };
    tui::run(workspace, index, options, store.as_ref()).context("the workbench stopped")?;
    Ok(ExitCode::SUCCESS)
}

/// `path` with the home folder as `~`, as people write it.
fn home_relative(path: &std::path::Path) -> String {
    match dirs::home_dir().and_then(|home| path.strip_prefix(home).ok().map(Path::to_owned)) {
        Some(rest) => format!("~/{}", rest.display()),
        None => path.display().to_string(),
    }
}

/// The background `COLORFGBG` names (`15;0`: white on black), as rxvt and Konsole set it:
/// the last field is an ANSI colour index, 7 and 15 being light.
fn background_of(colorfgbg: &str) -> Option<Palette> {
    let index: u8 = colorfgbg.rsplit(';').next()?.parse().ok()?;
    Some(if matches!(index, 7 | 15) {
        Palette::Light
    } else {
        Palette::Dark
    })
}

/// The user's keymap file: `ISNAD_KEYMAP`, else `keymap.toml` in isnad's config folder.
fn keymap_path() -> Option<std::path::PathBuf> {
    if let Some(path) = std::env::var_os("ISNAD_KEYMAP") {
        return Some(path.into());
    }
    dirs::config_dir().map(|dir| dir.join("isnad").join("keymap.toml"))
}
