//! The `isnad` command: parse arguments, run one command, report errors, set the exit code.

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;
use isnad::text::terminal::for_terminal;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    let settings = match args.settings() {
        Ok(settings) => settings,
        Err(message) => {
            eprintln!("isnad: {}", for_terminal(&message));
            return ExitCode::from(2);
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
            eprintln!("isnad: error: {}", for_terminal(&error.to_string()));
            for cause in error.chain().skip(1) {
                eprintln!("  caused by: {}", for_terminal(&cause.to_string()));
            }
            ExitCode::FAILURE
        }
    }
}
