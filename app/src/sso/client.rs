//! Talking to the associations' OpenID Providers: the authorization code flow
//! with PKCE, a nonce and a state, through the `openidconnect` crate, which
//! checks the ID token's signature, issuer, audience, expiry and nonce.

use crate::security::policy::FormTargets;
use openidconnect::{
    core::{CoreClient, CoreProviderMetadata, CoreResponseType},
    AuthenticationFlow, AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};
use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant};
use tokio::sync::RwLock;

/// One configured provider.
#[derive(Clone, Debug)]
pub struct ProviderConfig {
    /// In Carrel's URLs: `/auth/sso/{slug}/…`.
    pub slug: String,
    /// On the button: "Sign in with {label}".
    pub label: String,
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
}

/// What a sign-in that went to a provider must come back with, kept in the
/// session until it does.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Pending {
    pub slug: String,
    pub state: String,
    pub nonce: String,
    pub verifier: String,
    /// Where to go afterwards (already a `LocalPath`).
    pub next: String,
    /// The member linking this provider from their settings, if any.
    pub linking: Option<i64>,
}

/// What a provider asserted about the person, after every check.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Claims {
    pub slug: String,
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: bool,
    pub name: Option<String>,
}

/// How long a provider's metadata (and so its signing keys) is trusted before
/// it is read again.
const METADATA_TTL: Duration = Duration::from_secs(60 * 60);

struct Provider {
    config: ProviderConfig,
    metadata: RwLock<Option<(Instant, CoreProviderMetadata)>>,
}

/// The configured providers; one per process, shared by every request.
pub struct Sso {
    providers: Vec<Provider>,
    http: openidconnect::reqwest::Client,
    public_url: String,
    /// The providers' origins, which pages' forms must be allowed to reach.
    targets: FormTargets,
}

/// `scheme://host[:port]` of a URL, for a Content-Security-Policy.
fn origin(url: &str) -> Option<String> {
    openidconnect::url::Url::parse(url)
        .ok()
        .map(|u| u.origin().ascii_serialization())
        .filter(|o| o != "null")
}

impl std::fmt::Debug for Sso {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.providers.iter().map(|p| &p.config.slug))
            .finish()
    }
}

/// Why a sign-in through a provider failed (logged; members read a plain sentence).
#[derive(Debug, thiserror::Error)]
pub enum SsoError {
    #[error("no provider {0:?} is configured")]
    Unknown(String),
    #[error("discovery: {0}")]
    Discovery(String),
    #[error("token request: {0}")]
    Token(String),
    #[error("ID token: {0}")]
    IdToken(String),
}

impl Sso {
    /// `public_url` is where members reach Carrel: callbacks are built from it.
    pub fn new(providers: Vec<ProviderConfig>, public_url: &str) -> Self {
        let http = openidconnect::reqwest::ClientBuilder::new()
            // Never follow a provider's redirects (SSRF).
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .expect("a TLS backend is compiled in");
        let targets = FormTargets::default();
        for p in &providers {
            if let Some(o) = origin(&p.issuer) {
                targets.add(o);
            }
        }
        Self {
            targets,
            providers: providers
                .into_iter()
                .map(|config| Provider {
                    config,
                    metadata: RwLock::new(None),
                })
                .collect(),
            http,
            public_url: public_url.trim_end_matches('/').to_owned(),
        }
    }

    /// Whether members reach Carrel over HTTPS, so its cookies must be `Secure`.
    pub fn over_https(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// The origins sign-in forms lead to (issuers', and authorization
    /// endpoints' once discovered), shared with the pages' policy.
    pub fn form_targets(&self) -> FormTargets {
        self.targets.clone()
    }

    /// (slug, label) of each provider, in configuration order.
    pub fn list(&self) -> Vec<(String, String)> {
        self.providers
            .iter()
            .map(|p| (p.config.slug.clone(), p.config.label.clone()))
            .collect()
    }

    pub fn label(&self, slug: &str) -> Option<String> {
        self.provider(slug).ok().map(|p| p.config.label.clone())
    }

    fn provider(&self, slug: &str) -> Result<&Provider, SsoError> {
        self.providers
            .iter()
            .find(|p| p.config.slug == slug)
            .ok_or_else(|| SsoError::Unknown(slug.to_owned()))
    }

    fn redirect_url(&self, slug: &str) -> String {
        format!("{}/auth/sso/{slug}/callback", self.public_url)
    }

    async fn metadata(&self, p: &Provider) -> Result<CoreProviderMetadata, SsoError> {
        if let Some((at, m)) = p.metadata.read().await.as_ref() {
            if at.elapsed() < METADATA_TTL {
                return Ok(m.clone());
            }
        }
        let issuer = IssuerUrl::new(p.config.issuer.clone())
            .map_err(|e| SsoError::Discovery(e.to_string()))?;
        let m = CoreProviderMetadata::discover_async(issuer, &self.http)
            .await
            .map_err(|e| SsoError::Discovery(e.to_string()))?;
        if let Some(o) = origin(m.authorization_endpoint().as_str()) {
            self.targets.add(o);
        }
        *p.metadata.write().await = Some((Instant::now(), m.clone()));
        Ok(m)
    }

    /// Where to send the browser to sign in at `slug`, and what to keep until it returns.
    pub async fn start(
        &self,
        slug: &str,
        next: String,
        linking: Option<i64>,
    ) -> Result<(String, Pending), SsoError> {
        let p = self.provider(slug)?;
        let client = CoreClient::from_provider_metadata(
            self.metadata(p).await?,
            ClientId::new(p.config.client_id.clone()),
            Some(ClientSecret::new(p.config.client_secret.clone())),
        )
        .set_redirect_uri(
            RedirectUrl::new(self.redirect_url(slug))
                .map_err(|e| SsoError::Discovery(e.to_string()))?,
        );
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = client
            .authorize_url(
                AuthenticationFlow::<CoreResponseType>::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("email".to_owned()))
            .add_scope(Scope::new("profile".to_owned()))
            .set_pkce_challenge(challenge)
            .url();
        Ok((
            url.to_string(),
            Pending {
                slug: slug.to_owned(),
                state: state.secret().clone(),
                nonce: nonce.secret().clone(),
                verifier: verifier.secret().clone(),
                next,
                linking,
            },
        ))
    }

    /// Trades the code for tokens and checks the ID token; what it asserts.
    pub async fn finish(&self, pending: &Pending, code: &str) -> Result<Claims, SsoError> {
        let p = self.provider(&pending.slug)?;
        let client = CoreClient::from_provider_metadata(
            self.metadata(p).await?,
            ClientId::new(p.config.client_id.clone()),
            Some(ClientSecret::new(p.config.client_secret.clone())),
        )
        .set_redirect_uri(
            RedirectUrl::new(self.redirect_url(&pending.slug))
                .map_err(|e| SsoError::Token(e.to_string()))?,
        );
        let tokens = client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|e| SsoError::Token(e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(pending.verifier.clone()))
            .request_async(&self.http)
            .await
            .map_err(|e| SsoError::Token(format!("{e:?}")))?;
        let id_token = tokens
            .id_token()
            .ok_or_else(|| SsoError::IdToken("the provider sent none".to_owned()))?;
        let claims = id_token
            .claims(
                &client.id_token_verifier(),
                &Nonce::new(pending.nonce.clone()),
            )
            .map_err(|e| SsoError::IdToken(e.to_string()))?;
        Ok(Claims {
            slug: pending.slug.clone(),
            subject: claims.subject().as_str().to_owned(),
            email: claims.email().map(|e| e.as_str().to_owned()),
            email_verified: claims.email_verified().unwrap_or(false),
            name: claims
                .name()
                .and_then(|n| n.get(None))
                .map(|n| n.as_str().to_owned()),
        })
    }
}
