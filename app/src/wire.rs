//! How server functions answer the browser: JSON, like `server_fn`'s own
//! `Json`, but read in the browser with `serde_json::from_str`, the reader
//! Leptos reads island props with. `Json` reads with `from_slice`, a second
//! reader: the wasm then carried a second deserializer for every type an island
//! gets both ways (a thread, a message, the directory's results), and a second
//! copy of serde_json's parser. A server function an island calls answers
//! with `output = Json`; `AppError` travels the same way.

use leptos::server_fn::{codec::Post, Bytes, ContentType, Decodes, Encodes, Format, FormatType};
use serde::{de::DeserializeOwned, Serialize};

pub struct JsonText;

pub type Json = Post<JsonText>;

impl ContentType for JsonText {
    const CONTENT_TYPE: &'static str = "application/json";
}

impl FormatType for JsonText {
    const FORMAT_TYPE: Format = Format::Text;
}

impl<T: Serialize> Encodes<T> for JsonText {
    type Error = serde_json::Error;

    fn encode(output: &T) -> Result<Bytes, Self::Error> {
        serde_json::to_vec(output).map(Bytes::from)
    }
}

impl<T: DeserializeOwned> Decodes<T> for JsonText {
    type Error = serde_json::Error;

    fn decode(bytes: Bytes) -> Result<T, Self::Error> {
        let text = std::str::from_utf8(&bytes).map_err(serde::de::Error::custom)?;
        serde_json::from_str(text)
    }
}
