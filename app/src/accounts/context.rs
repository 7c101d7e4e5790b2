//! Gives every page the signed-in member, without prop drilling.

use super::{api::get_current_user, model::CurrentUser};
use crate::error::AppError;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Auth {
    pub user: Resource<Result<Option<CurrentUser>, AppError>>,
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
