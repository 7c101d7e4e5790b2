//! The real `carrel` binary as a child process on a port of its own: for the
//! crash test and the messaging load tool (which includes this file).

use std::{
    io::{BufRead, BufReader},
    process::{Child, Command, Stdio},
};

pub struct Process {
    pub child: Child,
    pub base: String,
}

impl Process {
    /// Starts `carrel serve` on `database_url` and waits until it listens.
    pub fn start(database_url: &str) -> Process {
        let mut child = Command::new(env!("CARGO_BIN_EXE_carrel"))
            .arg("serve")
            .env("DATABASE_URL", database_url)
            .env("CARREL_ADDR", "127.0.0.1:0")
            .env(
                "CARREL_OUTBOX",
                std::env::temp_dir().join("carrel-process-outbox"),
            )
            .env("CARREL_LOG", "info,tower_http=warn")
            // The load tool signs in a thousand members from this one address.
            .env("CARREL_RATE_LIMIT_EXEMPT", "127.0.0.1")
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the carrel binary starts");
        let out = BufReader::new(child.stdout.take().expect("stdout is piped"));
        let base = out
            .lines()
            .map_while(Result::ok)
            .find_map(|line| {
                line.find("Carrel is at ")
                    .map(|at| line[at + 13..].trim().to_owned())
            })
            .expect("carrel printed its address");
        Process { child, base }
    }

    /// SIGKILL: no shutdown, no flushing, nothing the process can do about it.
    pub fn kill_9(mut self) {
        self.child.kill().expect("the process can be killed");
        self.child.wait().expect("the killed process is reaped");
    }
}
