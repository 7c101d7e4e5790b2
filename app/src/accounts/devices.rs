//! How a member recognises a session: the device it was signed in from (by
//! its user agent) and the place (the network of its address, not the address).

use crate::{i18n::td_string, language::Lang};
use std::net::IpAddr;

/// "Firefox on Linux", from a user agent; browsers Carrel cannot name are "A browser".
/// In `lang`, the language of the browser signing in: the name is stored with the session.
pub fn device(agent: &str, lang: Lang) -> String {
    let l = lang.locale();
    let Some(ua) = woothee::parser::Parser::new().parse(agent) else {
        return td_string!(l, accounts.device.unknown).to_owned();
    };
    let known = |s: &str| !s.is_empty() && s != woothee::woothee::VALUE_UNKNOWN;
    match (known(ua.name), known(ua.os)) {
        (true, true) => td_string!(
            l,
            accounts.device.browser_on_os,
            browser = ua.name,
            os = ua.os
        )
        .to_string(),
        (true, false) => ua.name.to_owned(),
        (false, true) => td_string!(l, accounts.device.unknown_on_os, os = ua.os).to_string(),
        (false, false) => td_string!(l, accounts.device.unknown).to_owned(),
    }
}

/// The network a client address belongs to, not the address: `/24` for IPv4,
/// `/48` for IPv6. Enough to tell home from work, too little to find a house.
pub fn place(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            format!("{a}.{b}.{c}.0/24")
        }
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => place(IpAddr::V4(v4)),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}::/48", s[0], s[1], s[2])
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_are_named_as_members_would() {
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
        assert_eq!(device(firefox, Lang::En), "Firefox on Linux");
        assert_eq!(device(firefox, Lang::Es), "Firefox en Linux");
        let android = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36";
        assert_eq!(device(android, Lang::En), "Chrome on Android");
        assert_eq!(device("", Lang::En), "A browser");
        assert_eq!(device("<script>alert(1)</script>", Lang::En), "A browser");
    }

    #[test]
    fn places_are_network_prefixes() {
        assert_eq!(place("203.0.113.77".parse().unwrap()), "203.0.113.0/24");
        assert_eq!(
            place("2001:db8:85a3:8d3:1319:8a2e:370:7348".parse().unwrap()),
            "2001:db8:85a3::/48"
        );
        assert_eq!(place("::ffff:192.0.2.9".parse().unwrap()), "192.0.2.0/24");
    }
}
