//! The account pages: sign up, sign in, sign out; confirming an address and
//! resetting a password; `/settings`. Plain forms posting to the server
//! functions, so they work before (or without) the WebAssembly.

use super::{
    api::{
        get_account_settings, ChangeEmail, ChangePassword, ForgotPassword, ResendVerification,
        ResetPassword, SignIn, SignOut, SignOutEverywhere, SignOutSession, SignUp, VerifyEmail,
    },
    context::use_auth,
    model::{AccountSettings, SessionInfo},
};
use crate::ui::{
    dates::Moment,
    errors::failure,
    form::{action_error, Check, Field, FormError},
};
use crate::{
    notifications::pages::EmailChoicesForm,
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
        <Title text="Join Carrel"/>
        <section class="card narrow">
            <h1>"Join Carrel"</h1>
            <p class="lead">"Find a mentor, or offer to be one. It takes a minute."</p>
            <SsoButtons next/>
            <ActionForm action=sign_up attr:class="stack" attr:novalidate=true>
                <FormError error/>
                <Field label="Email" name="email" kind="email" autocomplete="email" error
                    hint="We never show it to other members."/>
                <Field label="Your name" name="display_name" autocomplete="name" error
                    hint="As other members will see it, e.g. Ana Ruiz."/>
                <Field label="Password" name="password" kind="password" autocomplete="new-password" error
                    hint="At least 12 characters, not a common password. A short sentence works well."/>
                <Check name="accept_conduct" value="yes" error>
                    "I have read and accept the " <a href="/conduct" target="_blank">"code of conduct"</a> "."
                </Check>
                <input type="hidden" name="next" value=next/>
                <button type="submit" class="button button--primary">"Create my account"</button>
            </ActionForm>
            <p>"Already a member? " <A href="/login">"Sign in"</A></p>
        </section>
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let sign_in = ServerAction::<SignIn>::new();
    let error = action_error(sign_in);
    let next = next_param();
    view! {
        <Title text="Sign in"/>
        <section class="card narrow">
            <h1>"Sign in"</h1>
            <SsoButtons next/>
            <ActionForm action=sign_in attr:class="stack" attr:novalidate=true>
                <FormError error/>
                <Field label="Email" name="email" kind="email" autocomplete="email" error/>
                <Field label="Password" name="password" kind="password" autocomplete="current-password" error/>
                <input type="hidden" name="next" value=next/>
                <button type="submit" class="button button--primary">"Sign in"</button>
            </ActionForm>
            <p><A href="/forgot-password">"Forgot your password?"</A></p>
            <p>"New to Carrel? " <A href="/signup">"Create an account"</A></p>
        </section>
    }
}

/// The sign-out button, used in the header and on `/logout`.
#[component]
pub fn SignOutButton() -> impl IntoView {
    let sign_out = ServerAction::<SignOut>::new();
    view! {
        <ActionForm action=sign_out attr:class="inline-form">
            <button type="submit" class="button button--quiet">"Sign out"</button>
        </ActionForm>
    }
}

/// `/logout` confirms with a button: signing out on a plain GET would let any
/// page sign a member out with an image tag.
#[component]
pub fn SignOutPage() -> impl IntoView {
    let auth = use_auth();
    view! {
        <Title text="Sign out"/>
        <section class="card narrow">
            <h1>"Sign out"</h1>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match auth.user.await {
                        Ok(Some(user)) => view! {
                            <p>"You are signed in as " <strong>{user.display_name}</strong> "."</p>
                            <SignOutButton/>
                        }.into_any(),
                        _ => view! {
                            <p>"You are signed out. " <A href="/login">"Sign in again"</A></p>
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
                        <aside class="banner" aria-label="Confirm your email address">
                            <p>
                                "Confirm your email address to ask for mentoring, send messages and join programs. We sent a link to "
                                <strong>{user.email}</strong> "."
                            </p>
                            <ActionForm action=resend attr:class="inline-form">
                                <button type="submit" class="button">"Send a new link"</button>
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
        <Title text="Confirm your email address"/>
        <section class="card narrow">
            <h1>"Confirm your email address"</h1>
            <p>"Confirm that this address is yours to ask for mentoring, send messages and join programs."</p>
            <ActionForm action=verify attr:class="stack">
                <FormError error/>
                <input type="hidden" name="token" value=token/>
                <button type="submit" class="button button--primary">"Confirm my address"</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn EmailConfirmedPage() -> impl IntoView {
    view! {
        <Title text="Address confirmed"/>
        <section class="card narrow">
            <h1>"Your address is confirmed"</h1>
            <p>"You can now ask for mentoring, send messages and join programs."</p>
            <p><a href="/mentors" class="button button--primary">"Find a mentor"</a></p>
        </section>
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let forgot = ServerAction::<ForgotPassword>::new();
    let error = action_error(forgot);
    let sent = query_is("sent", "1");
    view! {
        <Title text="Forgot your password"/>
        <section class="card narrow">
            <h1>"Forgot your password?"</h1>
            <Show when=move || sent.get() fallback=move || view! {
                <p>"Enter the address you joined with. If it belongs to an account, we email it a link to choose a new password."</p>
                <ActionForm action=forgot attr:class="stack" attr:novalidate=true>
                    <FormError error/>
                    <Field label="Email" name="email" kind="email" autocomplete="email" error/>
                    <button type="submit" class="button button--primary">"Email me a link"</button>
                </ActionForm>
            }>
                <p role="status">"If an account uses that address, a link to choose a new password is on its way. It works for an hour. Check your spam folder if it does not arrive within a few minutes."</p>
            </Show>
            <p><A href="/login">"Back to sign in"</A></p>
        </section>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let reset = ServerAction::<ResetPassword>::new();
    let error = action_error(reset);
    let token = token_param();
    view! {
        <Title text="Choose a new password"/>
        <section class="card narrow">
            <h1>"Choose a new password"</h1>
            <p>"Saving it signs you out on every other device."</p>
            <ActionForm action=reset attr:class="stack" attr:novalidate=true>
                <FormError error/>
                <input type="hidden" name="token" value=token/>
                <Field label="New password" name="password" kind="password" autocomplete="new-password" error
                    hint="At least 12 characters, not a common password. A short sentence works well."/>
                <button type="submit" class="button button--primary">"Save my new password"</button>
            </ActionForm>
            <p><A href="/forgot-password">"Ask for a new link"</A></p>
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
                Some("A new link is on its way to your address.")
            } else if said("sent", "email") {
                Some("We sent a link to your new address. It becomes your address when you open the link.")
            } else if said("password", "changed") {
                Some("Your password is changed. Your other sessions are signed out.")
            } else if said("password", "reset") {
                Some("Your new password is saved, and you are signed out everywhere else.")
            } else if said("signed_out", "1") {
                Some("That session is signed out.")
            } else if said("emails", "saved") {
                Some("Your email choices are saved.")
            } else if let Some(why) = q.get("sso").and_then(|c| crate::sso::model::failure_text(&c)) {
                Some(why)
            } else if said("linked", "1") {
                Some("Your organisation's account is linked: you can sign in with it.")
            } else if said("unlinked", "1") {
                Some("Your organisation's account is unlinked.")
            } else {
                None
            }
        })
    };
    view! {
        <Title text="Settings"/>
        <h1>"Settings"</h1>
        {move || notice().map(|n| view! { <p class="notice" role="status">{n}</p> })}
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match settings.await {
                    Ok(s) => view! { <Settings settings=s/> }.into_any(),
                    Err(e) => failure(e, "to change your settings"),
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
                "You are an administrator: the audit log, disabled accounts and the other administration pages are under "
                <a href="/admin/audit">"Administration"</a> "."
            </p>
        })}
        <section class="card" aria-labelledby="email-heading">
            <h2 id="email-heading">"Email address"</h2>
            <p>
                <strong>{settings.email.clone()}</strong> " "
                {if settings.email_verified {
                    view! { <span class="badge badge--ok">"Confirmed"</span> }.into_any()
                } else {
                    view! { <span class="badge">"Not confirmed yet"</span> }.into_any()
                }}
            </p>
            {settings.pending_email.map(|p| view! {
                <p>"Waiting for you to open the link we sent to " <strong>{p}</strong> "."</p>
            })}
            <ActionForm action=change_email attr:class="stack" attr:novalidate=true>
                <FormError error=email_error/>
                <Field label="New email address" name="email" kind="email" autocomplete="email" error=email_error
                    hint="We send a link there; your address changes when you open it."/>
                <Field label="Current password" name="current_password" kind="password"
                    autocomplete="current-password" id="email-current-password" error=email_error/>
                <button type="submit" class="button">"Change my address"</button>
            </ActionForm>
        </section>
        <section class="card" aria-labelledby="password-heading">
            <h2 id="password-heading">"Password"</h2>
            <ActionForm action=change_password attr:class="stack" attr:novalidate=true>
                <FormError error=password_error/>
                <Field label="Current password" name="current_password" kind="password"
                    autocomplete="current-password" id="password-current-password" error=password_error/>
                <Field label="New password" name="new_password" kind="password" autocomplete="new-password"
                    error=password_error
                    hint="At least 12 characters, not a common password. Changing it signs out your other sessions."/>
                <button type="submit" class="button">"Change my password"</button>
            </ActionForm>
        </section>
        <section class="card" aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">"Where you are signed in"</h2>
            <p class="muted">"Places are shown as the network an address belongs to, never the address itself."</p>
            <ul class="sessions">
                {settings.sessions.into_iter().map(|s| view! { <SessionItem session=s/> }).collect_view()}
            </ul>
            <ActionForm action=everywhere attr:class="inline-form">
                <button type="submit" class="button">
                    {format!("Sign out everywhere ({} other {})", others, if others == 1 { "session" } else { "sessions" })}
                </button>
            </ActionForm>
        </section>
        <SsoSettingsSection/>
        <EmailChoicesForm/>
        <YourData/>
    }
}

#[component]
fn SessionItem(session: SessionInfo) -> impl IntoView {
    let sign_out = ServerAction::<SignOutSession>::new();
    let error = action_error(sign_out);
    let label = format!("Sign out {}", session.device);
    view! {
        <li class="sessions__item">
            <div>
                <strong>{session.device}</strong>
                {session.current.then(|| view! { " " <span class="badge badge--ok">"This device"</span> })}
                <br/>
                <span class="muted">
                    {(!session.place.is_empty()).then(|| format!("From {}, ", session.place))}
                    "last active " <Moment ms=session.last_active/>
                </span>
            </div>
            <ActionForm action=sign_out attr:class="inline-form">
                <input type="hidden" name="session" value=session.handle/>
                <button type="submit" class="button button--quiet" aria-label=label>"Sign out"</button>
            </ActionForm>
            <FormError error/>
        </li>
    }
}
