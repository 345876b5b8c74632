//! The `isnad` command: parse arguments, run one command, report errors, set the exit code.

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;
use isnad::text::terminal::for_terminal;

/// How every error begins, whoever found it (clap, the settings, a command).
pub(crate) const ERROR: &str = "isnad: error: ";

/// The exit code of a command line that could not be used.
const USAGE: u8 = 2;

fn main() -> ExitCode {
    let args = match cli::Args::try_parse() {
        Ok(args) => args,
        Err(error) => return clap_error(&error),
    };
    let settings = match args.settings() {
        Ok(settings) => settings,
        Err(message) => {
            eprintln!("{ERROR}{}", for_terminal(&message));
            return ExitCode::from(USAGE);
        }
    };
    match commands::run(&settings) {
        Ok(code) => code,
        // A reader that stopped early (`| head`) is not an error.
        Err(error)
            if error.chain().any(|cause| {
                let kind = cause
                    .downcast_ref::<std::io::Error>()
                    .map(std::io::Error::kind)
                    .or_else(|| {
                        cause
                            .downcast_ref::<serde_json::Error>()
                            .and_then(serde_json::Error::io_error_kind)
                    });
                kind == Some(std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{ERROR}{}", for_terminal(&error.to_string()));
            for cause in error.chain().skip(1) {
                eprintln!("  caused by: {}", for_terminal(&cause.to_string()));
            }
            ExitCode::FAILURE
        }
    }
}

/// Help and version as clap prints them; its errors (an unknown option, a missing value)
/// with isnad's prefix in place of its own, and its tip and usage after.
fn clap_error(error: &clap::Error) -> ExitCode {
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = error.print();
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            eprintln!("{ERROR}a command is missing: give one of those below\n");
            let _ = error.print();
        }
        _ => {
            let rendered = error.render().to_string();
            let message = rendered.strip_prefix("error: ").unwrap_or(&rendered);
            eprint!("{ERROR}{}", for_terminal(message));
        }
    }
    ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(USAGE))
}
