//! The command line in two steps, as ripgrep does it: clap parses raw arguments
//! (`args::Args`), then `Args::settings` validates them into what the commands run on
//! (`settings::Settings`).

mod args;
mod settings;

pub use args::{Args, BaseArg, ExportFormat};
pub use settings::{
    ClaimLinkTask, DocListTask, EntityAddTask, ExportTask, Passage, SearchTask, Settings, ShowTask,
    Target, Task,
};
