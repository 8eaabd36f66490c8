//! One module per command family. Handlers parse their arguments into typed options, then
//! apply them to the shard's data; they never check arity (the dispatcher does).

pub mod keyspace;
pub mod string;
