//! `choices!`: the one way to declare a closed set of values, stored by slug
//! and shown by label, whose words are the keys `namespace.group.variant` of
//! `locales/`. On the server each set is also a database column type:
//! it is written as its slug, and a stored value that is not one of the slugs
//! is a decode error naming the type and the value, never a quiet default.

/// Declares a closed set of choices stored by slug and shown by label.
macro_rules! choices {
    ($(#[$meta:meta])* $name:ident in $ns:ident . $group:ident {
        $($variant:ident = ($slug:literal, $key:ident)),+ $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn slug(self) -> &'static str {
                match self { $($name::$variant => $slug),+ }
            }

            /// In the reader's language.
            pub fn label(self) -> &'static str {
                self.label_in($crate::language::current())
            }

            pub fn label_in(self, lang: $crate::language::Lang) -> &'static str {
                let l = lang.locale();
                match self { $($name::$variant => $crate::i18n::td_string!(l, $ns.$group.$key)),+ }
            }

            pub fn from_slug(slug: &str) -> Option<Self> {
                match slug { $($slug => Some($name::$variant),)+ _ => None }
            }
        }

        // Stored as text, exactly as `String` is.
        #[cfg(feature = "ssr")]
        impl sqlx::Type<sqlx::Any> for $name {
            fn type_info() -> sqlx::any::AnyTypeInfo {
                <String as sqlx::Type<sqlx::Any>>::type_info()
            }

            fn compatible(ty: &sqlx::any::AnyTypeInfo) -> bool {
                <String as sqlx::Type<sqlx::Any>>::compatible(ty)
            }
        }

        #[cfg(feature = "ssr")]
        impl<'q> sqlx::Encode<'q, sqlx::Any> for $name {
            fn encode_by_ref(
                &self,
                buf: &mut <sqlx::Any as sqlx::Database>::ArgumentBuffer<'q>,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <&str as sqlx::Encode<'q, sqlx::Any>>::encode(self.slug(), buf)
            }
        }

        #[cfg(feature = "ssr")]
        impl<'r> sqlx::Decode<'r, sqlx::Any> for $name {
            fn decode(
                value: <sqlx::Any as sqlx::Database>::ValueRef<'r>,
            ) -> Result<Self, sqlx::error::BoxDynError> {
                let slug = <String as sqlx::Decode<'r, sqlx::Any>>::decode(value)?;
                $name::from_slug(&slug).ok_or_else(|| {
                    format!("{} has no value {:?}", stringify!($name), slug).into()
                })
            }
        }
    };
}
pub(crate) use choices;

#[cfg(all(test, feature = "ssr"))]
mod tests {
    // A set of its own, worded by an existing key.
    choices! {
        Colour in common.nav {
            Red = ("red", mentors),
            SeaGreen = ("sea_green", programs),
        }
    }

    async fn pool() -> sqlx::AnyPool {
        sqlx::any::install_default_drivers();
        sqlx::AnyPool::connect("sqlite::memory:").await.unwrap()
    }

    #[test]
    fn every_choice_has_its_own_slug_and_label() {
        for c in Colour::ALL {
            assert_eq!(Colour::from_slug(c.slug()), Some(*c));
        }
        assert_eq!(Colour::SeaGreen.label(), "Programs");
        assert_eq!(
            Colour::SeaGreen.label_in(crate::language::Lang::Es),
            "Programas"
        );
    }

    #[tokio::test]
    async fn a_choice_is_stored_and_read_as_its_slug() {
        let pool = pool().await;
        let (text, back): (String, Colour) = sqlx::query_as("SELECT $1, $1")
            .bind(Colour::SeaGreen)
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!((text.as_str(), back), ("sea_green", Colour::SeaGreen));
    }

    #[tokio::test]
    async fn an_unknown_stored_value_fails_loudly() {
        let pool = pool().await;
        let error = sqlx::query_as::<_, (Colour,)>("SELECT 'mauve'")
            .fetch_one(&pool)
            .await
            .unwrap_err()
            .to_string();
        assert!(error.contains("Colour has no value \"mauve\""), "{error}");
    }
}
