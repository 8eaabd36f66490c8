//! Prints the in-memory sizes of the value types, e.g. to check that a keyspace slot stays small.
fn main() {
    use std::mem::size_of;
    println!("Value {}", size_of::<engine::Value>());
    println!("Entry {}", size_of::<engine::Entry>());
    println!("StrValue {}", size_of::<engine::StrValue>());
    println!("ListValue {}", size_of::<engine::ListValue>());
    println!("HashValue {}", size_of::<engine::HashValue>());
    println!("SetValue {}", size_of::<engine::SetValue>());
    println!("ZSetValue {}", size_of::<engine::ZSetValue>());
    println!("Pack {}", size_of::<engine::Pack>());
}
