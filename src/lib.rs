//! isnad — a terminal workbench for reviewing many news reports about one event.
pub mod corpus;
pub mod text;
