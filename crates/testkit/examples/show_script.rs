//! Prints each command of a `.redis` script with the reply one server gives it, redis-cli
//! style: handy when writing a script against the reference server.
//!
//! Usage: `cargo run -p testkit --example show_script -- PORT tests/scripts/x.redis`

use std::path::Path;

use testkit::script::parse::{Action, Script};
use testkit::{render, Client};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, port, path] = args.as_slice() else {
        return Err("usage: show_script PORT SCRIPT".into());
    };
    let script = Script::load(Path::new(path))?;
    let mut client = Client::connect(port.parse()?)?;
    client.call_raw(&["FLUSHALL"])?;
    for step in &script.steps {
        let reply = match &step.action {
            Action::Command { args, .. } => client.call(args)?,
            Action::Protocol(version) => client.call(&["HELLO", &version.to_string()])?,
            Action::Flush => client.call(&["FLUSHALL"])?,
            Action::Requires(_) => continue,
        };
        let text = render(&reply).replace('\n', "\n      ");
        println!("{:4}  {}\n      {text}", step.line, step.text);
    }
    Ok(())
}
