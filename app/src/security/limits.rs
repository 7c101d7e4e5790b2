//! How much one client (an IP address) or one member may do: rate limits on the
//! things an attacker repeats (signing in, signing up, searching, asking for
//! mentors, sending messages) and a cap on open message streams.
//!
//! Counts live in this instance's memory (GCRA, from `governor`): each instance
//! limits what reaches it, which is what protects it. What must hold across
//! instances, the sign-in backoff per account, lives in the database
//! (`accounts::store`).

use crate::error::AppError;
use governor::{
    clock::{Clock, DefaultClock},
    DefaultKeyedRateLimiter, Quota, RateLimiter,
};
use leptos::prelude::*;
use std::{
    collections::HashMap,
    hash::Hash,
    net::IpAddr,
    num::NonZeroU32,
    sync::{Arc, Mutex},
    time::Duration,
};

/// The address a request came from, as the server's front door read it (the
/// peer, or the proxy's `X-Forwarded-For` when configured to trust it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

/// Something a client or a member may do only so often.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    SignIn,
    SignUp,
    /// Asking for a password-reset or confirmation link.
    Recover,
    Search,
    Request,
    Message,
}

impl Action {
    const ALL: [Action; 6] = [
        Action::SignIn,
        Action::SignUp,
        Action::Recover,
        Action::Search,
        Action::Request,
        Action::Message,
    ];

    /// (burst, then one more every `period`) for one client address. Generous
    /// enough for a library's staff behind one address.
    fn per_client(self) -> (u32, Duration) {
        match self {
            Action::SignIn => (20, Duration::from_secs(2)),
            Action::SignUp => (20, Duration::from_secs(30)),
            Action::Recover => (10, Duration::from_secs(60)),
            Action::Search => (60, Duration::from_millis(100)),
            Action::Request => (30, Duration::from_secs(10)),
            Action::Message => (120, Duration::from_millis(250)),
        }
    }

    /// The same for one member, wherever they connect from.
    fn per_member(self) -> Option<(u32, Duration)> {
        match self {
            Action::SignIn | Action::SignUp => None,
            Action::Recover => Some((5, Duration::from_secs(120))),
            Action::Search => Some((30, Duration::from_millis(200))),
            Action::Request => Some((10, Duration::from_secs(30))),
            Action::Message => Some((30, Duration::from_secs(1))),
        }
    }
}

type Keyed<K> = DefaultKeyedRateLimiter<K>;

fn limiter<K: Hash + Eq + Clone>((burst, period): (u32, Duration)) -> Keyed<K> {
    let quota = Quota::with_period(period)
        .expect("periods above are not zero")
        .allow_burst(NonZeroU32::new(burst).expect("bursts above are not zero"));
    RateLimiter::keyed(quota)
}

/// Open message streams allowed per member (a few devices, a few tabs each).
pub const STREAMS_PER_MEMBER: usize = 8;

#[derive(Clone)]
pub struct Limits(Arc<Inner>);

struct Inner {
    clients: Vec<Keyed<IpAddr>>,
    members: Vec<Option<Keyed<i64>>>,
    exempt: Vec<IpAddr>,
    max_streams: usize,
    streams: Mutex<HashMap<i64, usize>>,
}

impl std::fmt::Debug for Limits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Limits")
            .field("exempt", &self.0.exempt)
            .field("max_streams", &self.0.max_streams)
            .finish()
    }
}

impl Limits {
    /// `exempt` clients (a load tool, a test runner) are never rate limited;
    /// `max_streams` caps the open message streams of the whole instance.
    pub fn new(exempt: Vec<IpAddr>, max_streams: usize) -> Self {
        Self(Arc::new(Inner {
            clients: Action::ALL.map(|a| limiter(a.per_client())).into(),
            members: Action::ALL.map(|a| a.per_member().map(limiter)).into(),
            exempt,
            max_streams,
            streams: Mutex::default(),
        }))
    }

    /// Counts one `action` by `client` (and `member`, when signed in), or says
    /// how long to wait.
    pub fn check(
        &self,
        action: Action,
        client: Option<IpAddr>,
        member: Option<i64>,
    ) -> Result<(), AppError> {
        if client.is_some_and(|ip| self.0.exempt.contains(&ip)) {
            return Ok(());
        }
        let i = action as usize;
        if let Some(ip) = client {
            take(&self.0.clients[i], ip)?;
        }
        if let (Some(limiter), Some(id)) = (&self.0.members[i], member) {
            take(limiter, id)?;
        }
        Ok(())
    }

    /// Admits one more open stream for `member`; the stream holds the ticket
    /// until it ends.
    pub fn open_stream(&self, member: i64) -> Result<StreamTicket, AppError> {
        let mut open = self
            .0
            .streams
            .lock()
            .expect("stream counts are never poisoned");
        let total: usize = open.values().sum();
        let mine = open.get(&member).copied().unwrap_or(0);
        if mine >= STREAMS_PER_MEMBER {
            return Err(AppError::TooManyAttempts(30));
        }
        if total >= self.0.max_streams {
            return Err(AppError::Unreachable);
        }
        *open.entry(member).or_default() += 1;
        Ok(StreamTicket {
            limits: self.clone(),
            member,
        })
    }
}

fn take<K: Hash + Eq + Clone>(limiter: &Keyed<K>, key: K) -> Result<(), AppError> {
    // Forget idle keys now and then, so memory follows the active clients.
    if limiter.len() > 50_000 {
        limiter.retain_recent();
    }
    limiter.check_key(&key).map_err(|not_until| {
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        AppError::TooManyAttempts(wait.as_secs().max(1))
    })
}

/// One open stream; dropping it frees the place.
pub struct StreamTicket {
    limits: Limits,
    member: i64,
}

impl Drop for StreamTicket {
    fn drop(&mut self) {
        let mut open = self
            .limits
            .0
            .streams
            .lock()
            .expect("stream counts are never poisoned");
        if let Some(n) = open.get_mut(&self.member) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.member);
            }
        }
    }
}

/// Counts one `action` by the calling client and, if given, member: the one
/// call a server function makes before doing something that is rate limited.
pub fn check(action: Action, member: Option<i64>) -> Result<(), AppError> {
    let limits = use_context::<Limits>().ok_or_else(|| {
        tracing::error!("no rate limits in context");
        AppError::Internal
    })?;
    limits.check(action, client_ip(), member)
}

/// The calling client's address, if the front door recorded one.
pub fn client_ip() -> Option<IpAddr> {
    use_context::<axum::http::request::Parts>()
        .and_then(|p| p.extensions.get::<ClientIp>().map(|c| c.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(last: u8) -> Option<IpAddr> {
        Some(IpAddr::from([10, 0, 0, last]))
    }

    #[test]
    fn a_client_gets_its_burst_then_waits() {
        let limits = Limits::new(vec![], 10);
        let (burst, _) = Action::SignUp.per_client();
        for _ in 0..burst {
            limits.check(Action::SignUp, ip(1), None).unwrap();
        }
        let refused = limits.check(Action::SignUp, ip(1), None).unwrap_err();
        assert!(matches!(refused, AppError::TooManyAttempts(s) if (1..=30).contains(&s)));
        // Another address, and another action, are counted apart.
        limits.check(Action::SignUp, ip(2), None).unwrap();
        limits.check(Action::SignIn, ip(1), None).unwrap();
    }

    #[test]
    fn a_member_is_limited_from_any_address() {
        let limits = Limits::new(vec![], 10);
        let (burst, _) = Action::Request.per_member().unwrap();
        for n in 0..burst {
            limits.check(Action::Request, ip(n as u8), Some(7)).unwrap();
        }
        assert!(limits.check(Action::Request, ip(200), Some(7)).is_err());
        limits.check(Action::Request, ip(200), Some(8)).unwrap();
    }

    #[test]
    fn exempt_clients_are_not_counted() {
        let limits = Limits::new(vec![ip(9).unwrap()], 10);
        for _ in 0..1000 {
            limits.check(Action::SignUp, ip(9), Some(1)).unwrap();
        }
    }

    #[test]
    fn streams_are_capped_per_member_and_per_instance() {
        let limits = Limits::new(vec![], STREAMS_PER_MEMBER + 2);
        let mine: Vec<_> = (0..STREAMS_PER_MEMBER)
            .map(|_| limits.open_stream(1).unwrap())
            .collect();
        assert!(matches!(
            limits.open_stream(1),
            Err(AppError::TooManyAttempts(_))
        ));
        let _a = limits.open_stream(2).unwrap();
        let _b = limits.open_stream(3).unwrap();
        assert!(matches!(limits.open_stream(4), Err(AppError::Unreachable)));
        drop(mine);
        limits.open_stream(1).unwrap();
    }
}
