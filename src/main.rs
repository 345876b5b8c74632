//! The `isnad` command: parse arguments, run one command, report errors, set the exit code.

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    let settings = match args.settings() {
        Ok(settings) => settings,
        Err(message) => {
            eprintln!("isnad: {message}");
            return ExitCode::from(2);
        }
    };
    match commands::run(&settings) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("isnad: error: {error}");
            for cause in error.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::FAILURE
        }
    }
}
