//! `/notifications`, the admins' `/admin/outbox`, and the notification
//! parts of `/settings`.

use super::{
    api::{
        get_choices, outbox, recent_notifications, MarkNotificationsRead, PushTest,
        PushUnsubscribe, SaveChoices,
    },
    model::PushDevice,
};
use crate::ui::{
    dates::Moment,
    errors::failure,
    form::{action_error, FormError},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let mark = ServerAction::<MarkNotificationsRead>::new();
    let list = Resource::new(|| (), |_| recent_notifications());
    view! {
        <Title text=crate::tr!(notifications.title)/>
        <h1>{crate::tr!(notifications.title)}</h1>
        <Transition fallback=|| view! { <p class="muted">{crate::tr!(notifications.loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(items) if items.is_empty() => view! {
                        <p class="empty">{crate::tr!(notifications.empty)}</p>
                    }.into_any(),
                    Ok(items) => {
                        let any_unread = items.iter().any(|n| n.unread);
                        view! {
                            {any_unread.then(|| view! {
                                <ActionForm action=mark attr:class="inline-form">
                                    <button type="submit" class="button">{crate::tr!(notifications.mark_all_read)}</button>
                                </ActionForm>
                            })}
                            <ul class="notifications">
                                {items.into_iter().map(|n| view! {
                                    <li class:unread=n.unread>
                                        <A href=n.link>{n.text}</A>
                                        {n.unread.then(|| view! { <span class="badge badge--ok">{crate::tr!(notifications.new)}</span> })}
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                    Err(e) => failure(e, crate::tr!(notifications.sign_in_to_see)),
                }
            })}
        </Transition>
    }
}

#[component]
pub fn OutboxPage() -> impl IntoView {
    let mails = Resource::new(|| (), |_| outbox());
    view! {
        <Title text=crate::tr!(notifications.outbox.title)/>
        <h1>{crate::tr!(notifications.outbox.title)}</h1>
        <p class="muted">{crate::tr!(notifications.outbox.intro)}</p>
        <Transition fallback=|| view! { <p class="muted">{crate::tr!(notifications.loading)}</p> }>
            {move || Suspend::new(async move {
                match mails.await {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{crate::tr!(notifications.outbox.empty)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ol class="outbox">
                            {list.into_iter().map(|m| view! {
                                <li><details><summary>{subject_of(&m.raw)}</summary><pre>{m.raw}</pre></details></li>
                            }).collect_view()}
                        </ol>
                    }.into_any(),
                    Err(e) => failure(e, crate::tr!(notifications.outbox.sign_in)),
                }
            })}
        </Transition>
    }
}

/// "To: … — Subject" from a raw message's headers.
fn subject_of(raw: &str) -> String {
    let header = |name: &str| {
        raw.lines()
            .take_while(|l| !l.is_empty())
            .find_map(|l| l.strip_prefix(name))
            .unwrap_or_default()
            .trim()
            .to_owned()
    };
    format!("{} — {}", header("To:"), header("Subject:"))
}

/// The notification parts of `/settings`: what to be told about, by email
/// and on devices, and the devices.
#[component]
pub fn NotificationSettings() -> impl IntoView {
    let choices = Resource::new(|| (), |_| get_choices());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match choices.await {
                    Ok(c) => view! {
                        <ChoicesForm topics=c.topics/>
                        <Devices devices=c.devices push_key=c.push_key/>
                    }.into_any(),
                    Err(e) => failure(e, crate::tr!(notifications.emails.sign_in)),
                }
            })}
        </Transition>
    }
}

#[component]
fn ChoicesForm(topics: Vec<super::model::TopicChoice>) -> impl IntoView {
    let save = ServerAction::<SaveChoices>::new();
    let error = action_error(save);
    view! {
        <section class="card" aria-labelledby="notifications-heading">
            <h2 id="notifications-heading">{crate::tr!(notifications.emails.heading)}</h2>
            <p class="muted">{crate::tr!(notifications.emails.intro)}</p>
            <ActionForm action=save attr:class="stack">
                <FormError error/>
                <table class="choices">
                    <caption class="visually-hidden">{crate::tr!(notifications.emails.legend)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{crate::tr!(notifications.emails.topic)}</th>
                            <th scope="col">{crate::tr!(notifications.emails.by_email)}</th>
                            <th scope="col">{crate::tr!(notifications.emails.by_push)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {topics.into_iter().map(|c| {
                            let slug = c.topic.slug();
                            let label = c.topic.label();
                            view! {
                                <tr>
                                    <th scope="row">{label}</th>
                                    // On a phone the header row goes and each box names its channel.
                                    <td>
                                        <label class="choice">
                                            <input type="checkbox" name=format!("email[{slug}]") value="yes" checked=c.email
                                                aria-label=crate::tr!(notifications.emails.email_about, topic = label).to_string()/>
                                            <span class="choice__channel" aria-hidden="true">{crate::tr!(notifications.emails.by_email)}</span>
                                        </label>
                                    </td>
                                    <td>
                                        <label class="choice">
                                            <input type="checkbox" name=format!("push[{slug}]") value="yes" checked=c.push
                                                aria-label=crate::tr!(notifications.emails.push_about, topic = label).to_string()/>
                                            <span class="choice__channel" aria-hidden="true">{crate::tr!(notifications.emails.by_push)}</span>
                                        </label>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <button type="submit" class="button">{crate::tr!(notifications.emails.save)}</button>
            </ActionForm>
        </section>
    }
}

/// The devices that get notifications, and (with JavaScript, by
/// `public/push.js`) a button that adds this one.
#[component]
fn Devices(devices: Vec<PushDevice>, push_key: String) -> impl IntoView {
    let test = ServerAction::<PushTest>::new();
    let test_error = action_error(test);
    let any = !devices.is_empty();
    view! {
        <section class="card" aria-labelledby="devices-heading">
            <h2 id="devices-heading">{crate::tr!(notifications.push.heading)}</h2>
            <p class="muted">{crate::tr!(notifications.push.intro)}</p>
            <noscript><p>{crate::tr!(notifications.push.needs_js)}</p></noscript>
            <div id="push-this-device" class="push-this-device" data-key=push_key hidden>
                <p class="push-unsupported" hidden>{crate::tr!(notifications.push.unsupported)}</p>
                <p class="push-denied" hidden>{crate::tr!(notifications.push.denied)}</p>
                <p class="push-failed" role="alert" hidden>{crate::tr!(notifications.push.failed)}</p>
                <button type="button" class="button push-on" hidden>{crate::tr!(notifications.push.turn_on)}</button>
            </div>
            {if any {
                view! {
                    <ul class="sessions devices">
                        {devices.into_iter().map(|d| view! { <DeviceItem device=d/> }).collect_view()}
                    </ul>
                    <ActionForm action=test attr:class="inline-form">
                        <button type="submit" class="button button--quiet">{crate::tr!(notifications.push.test)}</button>
                    </ActionForm>
                    <FormError error=test_error/>
                }.into_any()
            } else {
                view! { <p class="empty">{crate::tr!(notifications.push.none)}</p> }.into_any()
            }}
            <script src="/push.js" defer></script>
        </section>
    }
}

#[component]
fn DeviceItem(device: PushDevice) -> impl IntoView {
    let stop = ServerAction::<PushUnsubscribe>::new();
    let error = action_error(stop);
    let label = crate::tr!(
        notifications.push.stop_device,
        device = device.device.clone()
    )
    .to_string();
    view! {
        <li class="sessions__item" data-endpoint=device.endpoint>
            <div>
                <strong>{device.device}</strong>
                " " <span class="badge badge--ok push-here" hidden>{crate::tr!(notifications.push.this_device)}</span>
                <br/>
                <span class="muted">{crate::tr!(notifications.push.since)} " " <Moment ms=device.since/></span>
                <FormError error/>
            </div>
            <ActionForm action=stop attr:class="inline-form push-stop">
                <input type="hidden" name="id" value=device.id/>
                <button type="submit" class="button button--quiet" aria-label=label>{crate::tr!(notifications.push.stop)}</button>
            </ActionForm>
        </li>
    }
}
