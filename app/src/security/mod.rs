//! Carrel's defences that are not one feature's: rate limits and stream caps
//! (`limits`), and the headers every answer carries (`policy`). The front door
//! that applies them to each request is `server::guard`.

pub mod limits;
pub mod policy;
pub mod sheet;
