//! The account pages: sign up, sign in, sign out; confirming an address and
//! resetting a password; `/settings`. Plain forms posting to the server
//! functions, so they work before (or without) the WebAssembly.

use super::{
    api::{
        get_account_settings, ChangeEmail, ChangePassword, ForgotPassword, ResendVerification,
        ResetPassword, SignIn, SignOut, SignOutEverywhere, SignOutSession, SignUp, VerifyEmail,
    },
    consent::ConductConsent,
    context::use_auth,
    model::{AccountSettings, SessionInfo},
};
use crate::tr;
use crate::ui::{
    dates::Moment,
    errors::failure,
    form::{action_error, Check, Field, FormError},
};
use crate::{
    language::pages::LanguageSettings,
    notifications::pages::NotificationSettings,
    privacy::pages::YourData,
    sso::pages::{SsoButtons, SsoSettingsSection},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    components::A,
    hooks::{use_params_map, use_query_map},
};

fn next_param() -> Signal<String> {
    let query = use_query_map();
    Signal::derive(move || query.with(|q| q.get("next")).unwrap_or_default())
}

#[component]
pub fn SignUpPage() -> impl IntoView {
    let sign_up = ServerAction::<SignUp>::new();
    let error = action_error(sign_up);
    let next = next_param();
    view! {
        <Title text=tr!(accounts.sign_up.title)/>
        <section class="card narrow">
            <h1>{tr!(accounts.sign_up.title)}</h1>
            <p class="lead">{tr!(accounts.sign_up.lead)}</p>
            <SsoButtons next/>
            <ActionForm action=sign_up attr:class="stack" attr:novalidate=true>
                <FormError error/>
                <Field label=tr!(accounts.fields.email) name="email" kind="email" autocomplete="email" error
                    hint=tr!(accounts.fields.email_hint)/>
                <Field label=tr!(accounts.fields.name) name="display_name" autocomplete="name" error
                    hint=tr!(accounts.fields.name_hint)/>
                <Field label=tr!(accounts.fields.password) name="password" kind="password" autocomplete="new-password" error
                    hint=tr!(accounts.fields.password_hint)/>
                <Check name="accept_conduct" value="yes" error>
                    <ConductConsent/>
                </Check>
                <input type="hidden" name="next" value=next/>
                <button type="submit" class="button button--primary">{tr!(accounts.sign_up.submit)}</button>
            </ActionForm>
            <p>{tr!(accounts.sign_up.already_member)} <A href="/login">{tr!(accounts.sign_up.sign_in_link)}</A></p>
        </section>
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let sign_in = ServerAction::<SignIn>::new();
    let error = action_error(sign_in);
    let next = next_param();
    view! {
        <Title text=tr!(accounts.sign_in.title)/>
        <section class="card narrow">
            <h1>{tr!(accounts.sign_in.title)}</h1>
            <SsoButtons next/>
            <ActionForm action=sign_in attr:class="stack" attr:novalidate=true>
                <FormError error/>
                <Field label=tr!(accounts.fields.email) name="email" kind="email" autocomplete="email" error/>
                <Field label=tr!(accounts.fields.password) name="password" kind="password" autocomplete="current-password" error/>
                <input type="hidden" name="next" value=next/>
                <button type="submit" class="button button--primary">{tr!(accounts.sign_in.title)}</button>
            </ActionForm>
            <p><A href="/forgot-password">{tr!(accounts.sign_in.forgot)}</A></p>
            <p>{tr!(accounts.sign_in.new_here)} <A href="/signup">{tr!(accounts.sign_in.create_account)}</A></p>
        </section>
    }
}

/// The sign-out button, used in the header and on `/logout`.
#[component]
pub fn SignOutButton() -> impl IntoView {
    let sign_out = ServerAction::<SignOut>::new();
    view! {
        <ActionForm action=sign_out attr:class="inline-form">
            <button type="submit" class="button button--quiet">{tr!(accounts.sign_out.title)}</button>
        </ActionForm>
    }
}

/// `/logout` confirms with a button: signing out on a plain GET would let any
/// page sign a member out with an image tag.
#[component]
pub fn SignOutPage() -> impl IntoView {
    let auth = use_auth();
    view! {
        <Title text=tr!(accounts.sign_out.title)/>
        <section class="card narrow">
            <h1>{tr!(accounts.sign_out.title)}</h1>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match auth.user.await {
                        Ok(Some(user)) => view! {
                            <p>
                                {tr!(accounts.sign_out.signed_in_as)} <strong>{user.display_name}</strong>
                                {tr!(accounts.sign_out.signed_in_as_after)}
                            </p>
                            <SignOutButton/>
                        }.into_any(),
                        _ => view! {
                            <p>
                                {tr!(accounts.sign_out.signed_out)}
                                <A href="/login">{tr!(accounts.sign_out.sign_in_again)}</A>
                            </p>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

fn query_is(name: &'static str, value: &'static str) -> Signal<bool> {
    let query = use_query_map();
    Signal::derive(move || query.with(|q| q.get(name).as_deref() == Some(value)))
}

fn token_param() -> String {
    use_params_map().with_untracked(|p| p.get("token").unwrap_or_default())
}

/// Under the header while the member's address is unproven: what they cannot
/// do yet, and a button for a new link.
#[component]
pub fn VerifyBanner() -> impl IntoView {
    let auth = use_auth();
    let resend = ServerAction::<ResendVerification>::new();
    let error = action_error(resend);
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match auth.user.await {
                    Ok(Some(user)) if !user.email_verified => Some(view! {
                        <aside class="banner" aria-label=tr!(accounts.verify.title)>
                            <p>
                                {tr!(accounts.verify.banner_before)}
                                <strong>{user.email}</strong> {tr!(accounts.verify.banner_after)}
                            </p>
                            <ActionForm action=resend attr:class="inline-form">
                                <button type="submit" class="button">{tr!(accounts.verify.send_new)}</button>
                            </ActionForm>
                            <FormError error/>
                        </aside>
                    }),
                    _ => None,
                }
            })}
        </Transition>
    }
}

/// `/verify-email/{token}`: a button, not the visit, confirms (mail scanners
/// open links; state changes only by POST).
#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let verify = ServerAction::<VerifyEmail>::new();
    let error = action_error(verify);
    let token = token_param();
    view! {
        <Title text=tr!(accounts.verify.title)/>
        <section class="card narrow">
            <h1>{tr!(accounts.verify.title)}</h1>
            <p>{tr!(accounts.verify.lead)}</p>
            <ActionForm action=verify attr:class="stack">
                <FormError error/>
                <input type="hidden" name="token" value=token/>
                <button type="submit" class="button button--primary">{tr!(accounts.verify.submit)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn EmailConfirmedPage() -> impl IntoView {
    view! {
        <Title text=tr!(accounts.verify.confirmed_title)/>
        <section class="card narrow">
            <h1>{tr!(accounts.verify.confirmed_heading)}</h1>
            <p>{tr!(accounts.verify.confirmed_body)}</p>
            <p><a href="/mentors" class="button button--primary">{tr!(accounts.verify.find_mentor)}</a></p>
        </section>
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let forgot = ServerAction::<ForgotPassword>::new();
    let error = action_error(forgot);
    let sent = query_is("sent", "1");
    view! {
        <Title text=tr!(accounts.forgot.title)/>
        <section class="card narrow">
            <h1>{tr!(accounts.sign_in.forgot)}</h1>
            <Show when=move || sent.get() fallback=move || view! {
                <p>{tr!(accounts.forgot.intro)}</p>
                <ActionForm action=forgot attr:class="stack" attr:novalidate=true>
                    <FormError error/>
                    <Field label=tr!(accounts.fields.email) name="email" kind="email" autocomplete="email" error/>
                    <button type="submit" class="button button--primary">{tr!(accounts.forgot.submit)}</button>
                </ActionForm>
            }>
                <p role="status">{tr!(accounts.forgot.sent)}</p>
            </Show>
            <p><A href="/login">{tr!(accounts.forgot.back)}</A></p>
        </section>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let reset = ServerAction::<ResetPassword>::new();
    let error = action_error(reset);
    let token = token_param();
    view! {
        <Title text=tr!(accounts.reset.title)/>
        <section class="card narrow">
            <h1>{tr!(accounts.reset.title)}</h1>
            <p>{tr!(accounts.reset.lead)}</p>
            <ActionForm action=reset attr:class="stack" attr:novalidate=true>
                <FormError error/>
                <input type="hidden" name="token" value=token/>
                <Field label=tr!(accounts.fields.new_password) name="password" kind="password" autocomplete="new-password" error
                    hint=tr!(accounts.fields.password_hint)/>
                <button type="submit" class="button button--primary">{tr!(accounts.reset.submit)}</button>
            </ActionForm>
            <p><A href="/forgot-password">{tr!(accounts.reset.ask_again)}</A></p>
        </section>
    }
}

/// `/settings`: my address, password and sessions.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let settings = Resource::new(|| (), |_| get_account_settings());
    let query = use_query_map();
    let notice = move || {
        query.with(|q| {
            let said = |k: &str, v: &str| q.get(k).as_deref() == Some(v);
            if said("sent", "verify") {
                Some(tr!(accounts.settings.notice.sent_verify))
            } else if said("sent", "email") {
                Some(tr!(accounts.settings.notice.sent_email))
            } else if said("password", "changed") {
                Some(tr!(accounts.settings.notice.password_changed))
            } else if said("password", "reset") {
                Some(tr!(accounts.settings.notice.password_reset))
            } else if said("signed_out", "1") {
                Some(tr!(accounts.settings.notice.signed_out))
            } else if said("emails", "saved") {
                Some(tr!(accounts.settings.notice.emails_saved))
            } else if let Some(why) = q
                .get("sso")
                .and_then(|c| crate::sso::model::failure_text(&c))
            {
                Some(why)
            } else if said("linked", "1") {
                Some(tr!(accounts.settings.notice.linked))
            } else if said("unlinked", "1") {
                Some(tr!(accounts.settings.notice.unlinked))
            } else {
                None
            }
        })
    };
    view! {
        <Title text=tr!(accounts.settings.title)/>
        <h1>{tr!(accounts.settings.title)}</h1>
        {move || notice().map(|n| view! { <p class="notice" role="status">{n}</p> })}
        <Transition fallback=|| view! { <p class="muted">{tr!(accounts.settings.loading)}</p> }>
            {move || Suspend::new(async move {
                match settings.await {
                    Ok(s) => view! { <Settings settings=s/> }.into_any(),
                    Err(e) => failure(e, tr!(accounts.settings.sign_in_to_change)),
                }
            })}
        </Transition>
    }
}

#[component]
fn Settings(settings: AccountSettings) -> impl IntoView {
    let change_email = ServerAction::<ChangeEmail>::new();
    let email_error = action_error(change_email);
    let change_password = ServerAction::<ChangePassword>::new();
    let password_error = action_error(change_password);
    let everywhere = ServerAction::<SignOutEverywhere>::new();
    let others = settings.sessions.len().saturating_sub(1);
    view! {
        {settings.is_admin.then(|| view! {
            <p class="notice notice--muted">
                {tr!(accounts.settings.admin_before)}
                <a href="/admin/audit">{tr!(accounts.settings.admin_link)}</a> {tr!(accounts.settings.admin_after)}
            </p>
        })}
        <section class="card" aria-labelledby="email-heading">
            <h2 id="email-heading">{tr!(accounts.settings.email_heading)}</h2>
            <p>
                <strong>{settings.email.clone()}</strong> " "
                {if settings.email_verified {
                    view! { <span class="badge badge--ok">{tr!(accounts.settings.confirmed)}</span> }.into_any()
                } else {
                    view! { <span class="badge">{tr!(accounts.settings.not_confirmed)}</span> }.into_any()
                }}
            </p>
            {settings.pending_email.map(|p| view! {
                <p>
                    {tr!(accounts.settings.pending_before)} <strong>{p}</strong>
                    {tr!(accounts.settings.pending_after)}
                </p>
            })}
            <ActionForm action=change_email attr:class="stack" attr:novalidate=true>
                <FormError error=email_error/>
                <Field label=tr!(accounts.settings.new_email) name="email" kind="email" autocomplete="email"
                    error=email_error hint=tr!(accounts.settings.new_email_hint)/>
                <Field label=tr!(accounts.fields.current_password) name="current_password" kind="password"
                    autocomplete="current-password" id="email-current-password" error=email_error/>
                <button type="submit" class="button">{tr!(accounts.settings.change_email)}</button>
            </ActionForm>
        </section>
        <section class="card" aria-labelledby="password-heading">
            <h2 id="password-heading">{tr!(accounts.settings.password_heading)}</h2>
            <ActionForm action=change_password attr:class="stack" attr:novalidate=true>
                <FormError error=password_error/>
                <Field label=tr!(accounts.fields.current_password) name="current_password" kind="password"
                    autocomplete="current-password" id="password-current-password" error=password_error/>
                <Field label=tr!(accounts.fields.new_password) name="new_password" kind="password" autocomplete="new-password"
                    error=password_error hint=tr!(accounts.settings.new_password_hint)/>
                <button type="submit" class="button">{tr!(accounts.settings.change_password)}</button>
            </ActionForm>
        </section>
        <section class="card" aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">{tr!(accounts.settings.sessions_heading)}</h2>
            <p class="muted">{tr!(accounts.settings.sessions_note)}</p>
            <ul class="sessions">
                {settings.sessions.into_iter().map(|s| view! { <SessionItem session=s/> }).collect_view()}
            </ul>
            <ActionForm action=everywhere attr:class="inline-form">
                <button type="submit" class="button">
                    {tr!(accounts.settings.sign_out_everywhere, count = others).to_string()}
                </button>
            </ActionForm>
        </section>
        <LanguageSettings/>
        <SsoSettingsSection/>
        <NotificationSettings/>
        <YourData/>
    }
}

#[component]
fn SessionItem(session: SessionInfo) -> impl IntoView {
    let sign_out = ServerAction::<SignOutSession>::new();
    let error = action_error(sign_out);
    let label = tr!(
        accounts.settings.sign_out_device,
        device = session.device.clone()
    )
    .to_string();
    view! {
        <li class="sessions__item">
            <div>
                <strong>{session.device}</strong>
                {session.current.then(|| view! { " " <span class="badge badge--ok">{tr!(accounts.settings.this_device)}</span> })}
                <br/>
                <span class="muted">
                    {(!session.place.is_empty())
                        .then(|| tr!(accounts.settings.from_place, place = session.place).to_string())}
                    {tr!(accounts.settings.last_active)} <Moment ms=session.last_active/>
                </span>
            </div>
            <ActionForm action=sign_out attr:class="inline-form">
                <input type="hidden" name="session" value=session.handle/>
                <button type="submit" class="button button--quiet" aria-label=label>{tr!(accounts.sign_out.title)}</button>
            </ActionForm>
            <FormError error/>
        </li>
    }
}
