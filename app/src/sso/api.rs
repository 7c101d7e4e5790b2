//! Single sign-on's server functions: the providers to offer, joining Carrel
//! through one, and linking and unlinking them in settings.

use super::model::{Joining, ProviderInfo, SsoSettings};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::{client::Claims, client::Sso, routes::JOINING_KEY, store},
    crate::{
        accounts::{
            api::send_link,
            model::{DisplayName, Email, LocalPath, SiteRole},
            store::{create_user, require_user, session, start_session, CreateUserError},
            tokens::Purpose,
        },
        dates::now_ms,
        db::use_db,
        error::FieldErrors,
        programs::imports::accept_invitations,
    },
    std::sync::Arc,
};

#[cfg(feature = "ssr")]
fn use_sso() -> Result<Arc<Sso>, AppError> {
    use_context::<Arc<Sso>>().ok_or_else(|| {
        tracing::error!("no single sign-on in the Leptos context");
        AppError::Internal
    })
}

/// The providers members may sign in with (public: the sign-in page shows them).
#[server(endpoint = "sso/providers")]
pub async fn sso_providers() -> Result<Vec<ProviderInfo>, AppError> {
    Ok(use_sso()?
        .list()
        .into_iter()
        .map(|(slug, label)| ProviderInfo { slug, label })
        .collect())
}

#[cfg(feature = "ssr")]
async fn joining_claims() -> Result<Claims, AppError> {
    session()
        .await?
        .get::<Claims>(JOINING_KEY)
        .await
        .ok()
        .flatten()
        .ok_or(AppError::NotFound)
}

/// The first sign-in through a provider that `/signup/sso` finishes.
#[server(endpoint = "sso/joining")]
pub async fn get_joining() -> Result<Joining, AppError> {
    let claims = joining_claims().await?;
    Ok(Joining {
        provider: use_sso()?.label(&claims.slug).unwrap_or(claims.slug),
        email: claims.email.unwrap_or_default(),
        name: claims.name.unwrap_or_default(),
        email_verified: claims.email_verified,
    })
}

/// Creates the account a first sign-in through a provider asked for, once
/// the code of conduct is accepted, links the provider and signs it in.
#[server(endpoint = "sso/join")]
pub async fn finish_sso_signup(
    display_name: String,
    accept_conduct: Option<String>,
    next: Option<String>,
) -> Result<(), AppError> {
    let claims = joining_claims().await?;
    let mut errors = FieldErrors::new().keep("display_name", &display_name);
    let name = DisplayName::parse(&display_name)
        .map_err(|m| errors.add("display_name", m))
        .ok();
    if accept_conduct.is_none() {
        errors.add("accept_conduct", crate::tr!(accounts.conduct.required));
    }
    let email = Email::parse(claims.email.as_deref().unwrap_or_default())
        .map_err(|m| {
            errors.add(
                "form",
                crate::tr!(sso.join.bad_address, why = m).to_string(),
            )
        })
        .ok();
    let (Some(name), Some(email)) = (name, email) else {
        return Err(AppError::Invalid(errors));
    };
    errors.into_result()?;
    let db = use_db()?;
    let now = now_ms();
    let mut tx = db.pool().begin().await?;
    let user = match create_user(
        &mut *tx,
        &email,
        &name,
        "",
        SiteRole::Member,
        claims.email_verified,
        crate::language::current(),
    )
    .await
    {
        Ok(user) => user,
        Err(CreateUserError::EmailTaken) => {
            return Err(AppError::conflict(crate::tr!(sso.join.created_meanwhile)))
        }
        Err(CreateUserError::Db(e)) => return Err(e.into()),
    };
    if !store::link(
        &mut tx,
        &claims.slug,
        &claims.subject,
        user.id,
        email.as_str(),
        now,
    )
    .await?
    {
        return Err(AppError::conflict(crate::tr!(sso.failure.taken)));
    }
    if !claims.email_verified {
        send_link(&mut tx, &user, email.as_str(), Purpose::Verify, now).await?;
    }
    tx.commit().await?;
    let _ = session().await?.remove::<Claims>(JOINING_KEY).await;
    start_session(&user).await?;
    if claims.email_verified {
        accept_invitations(&db, user.id, email.as_str(), now).await?;
    }
    tracing::info!(user_id = user.id, provider = %claims.slug, "account created through single sign-on");
    leptos_axum::redirect(LocalPath::parse(next.as_deref()).as_str());
    Ok(())
}

/// My linked providers and the ones I could link.
#[server(endpoint = "sso/settings")]
pub async fn get_sso_settings() -> Result<SsoSettings, AppError> {
    let me = require_user().await?;
    let db = use_db()?;
    let sso = use_sso()?;
    let rows = store::linked(&db, me.id).await?;
    let available = sso
        .list()
        .into_iter()
        .filter(|(slug, _)| !rows.iter().any(|(s, _, _)| s == slug))
        .map(|(slug, label)| ProviderInfo { slug, label })
        .collect();
    Ok(SsoSettings {
        linked: store::describe(rows, |slug| {
            sso.label(slug).unwrap_or_else(|| slug.to_owned())
        }),
        available,
        has_password: store::has_password(&db, me.id).await?,
    })
}

/// Unlinks a provider from my account, if I can still sign in with a password.
#[server(endpoint = "sso/unlink")]
pub async fn unlink_provider(provider: String) -> Result<(), AppError> {
    let me = require_user().await?;
    let db = use_db()?;
    if !store::has_password(&db, me.id).await? {
        return Err(AppError::conflict(crate::tr!(sso.settings.only_way)));
    }
    if !store::unlink(&db, me.id, &provider).await? {
        return Err(AppError::conflict(crate::tr!(sso.settings.not_linked)));
    }
    leptos_axum::redirect("/settings?unlinked=1#sso-heading");
    Ok(())
}
