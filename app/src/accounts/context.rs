//! Gives every page the signed-in member, without prop drilling.

use super::{api::get_current_user, model::CurrentUser};
use crate::error::AppError;
use leptos::{prelude::*, server_fn::ServerFn};

#[derive(Clone, Copy)]
pub struct Auth {
    pub user: Resource<Result<Option<CurrentUser>, AppError>>,
}

impl Auth {
    /// Reloads the signed-in member whenever `action` completes (sign in, sign up,
    /// sign out). Actions are created by the pages themselves: only there do they
    /// pick up errors that a form posted with JavaScript off carried back in the URL.
    pub fn refresh_after<S>(self, action: ServerAction<S>)
    where
        S: ServerFn + Clone + Send + Sync + 'static,
        S::Output: Send + Sync + 'static,
        S::Error: Send + Sync + 'static,
    {
        Effect::new(move |_| {
            if action.version().get() > 0 {
                self.user.refetch();
            }
        });
    }
}

#[component]
pub fn AuthProvider(children: Children) -> impl IntoView {
    let user = Resource::new(|| (), |_| get_current_user());
    provide_context(Auth { user });
    children()
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}
