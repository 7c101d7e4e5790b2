//! Bar charts drawn on the server as SVG: readable without JavaScript, on a
//! phone, and by screen readers, who get the numbers as a table instead.

use crate::tr;
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
    view! {
        <figure class="chart">
            <figcaption>{title}</figcaption>
            <table class="visually-hidden">
                <thead><tr><th scope="col">{tr!(common.chart.item)}</th><th scope="col">{tr!(common.chart.count)}</th></tr></thead>
                <tbody>
                    {bars.iter().map(|(label, value)| view! {
                        <tr><th scope="row">{label.clone()}</th><td>{*value}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            <svg viewBox=format!("0 0 320 {height}") width="100%" aria-hidden="true"
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
