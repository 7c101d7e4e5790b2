//! Configuration from the environment (or flags), with defaults that run Carrel
//! locally with nothing set.

use clap::Args;
use std::net::SocketAddr;

#[derive(Args, Clone, Debug)]
pub struct Config {
    /// sqlite://path/to/file.db or postgres://user@host/db
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/carrel.db")]
    pub database_url: String,

    /// Address to listen on.
    #[arg(long, env = "CARREL_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// Folder with the built site (the wasm, JS, CSS and public files).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,

    /// The address members reach Carrel at. When it is https, cookies are Secure.
    #[arg(long, env = "CARREL_PUBLIC_URL")]
    pub public_url: Option<String>,
}

impl Config {
    pub fn secure_cookies(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }
}
