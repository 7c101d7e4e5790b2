//! Bar charts drawn on the server as SVG: readable without JavaScript, on a
//! phone, and by screen readers (each chart carries its numbers in words).

use leptos::prelude::*;

/// Horizontal bars, one per (label, value), scaled to the largest.
#[component]
pub fn BarChart(
    /// Says what is counted, e.g. "Matches by focus area".
    title: String,
    bars: Vec<(String, i64)>,
) -> impl IntoView {
    let max = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    let row = 22;
    let height = (bars.len() as i64 * row).max(row);
    let described = format!(
        "{title}: {}",
        bars.iter()
            .map(|(l, v)| format!("{l} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    view! {
        <figure class="chart">
            <figcaption>{title}</figcaption>
            <svg viewBox=format!("0 0 320 {height}") width="100%" role="img" aria-label=described
                preserveAspectRatio="xMinYMin meet">
                {bars.into_iter().enumerate().map(|(i, (label, value))| {
                    let y = i as i64 * row;
                    let w = (value as f64 / max as f64 * 170.0).round();
                    view! {
                        <text x="0" y=y + 15 class="chart__label">{label}</text>
                        <rect x="120" y=y + 4 width=w height="14" class="chart__bar"></rect>
                        <text x=125.0 + w y=y + 15 class="chart__label">{value}</text>
                    }
                }).collect_view()}
            </svg>
        </figure>
    }
}
