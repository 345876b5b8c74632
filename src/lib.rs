//! isnad — a terminal workbench for reviewing many news reports about one event.
pub mod corpus;
pub mod index;
pub mod text;
pub mod workspace;
